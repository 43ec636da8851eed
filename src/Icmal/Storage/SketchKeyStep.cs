namespace Icmal.Storage;

/// <summary>
/// PostgreSQL's step 12 (issue #17, measured at 1M articles: docs/benchmarks.md, "sketchcopy"); SQLite is unchanged.
/// </summary>
/// <remarks>
/// <para><b>The sketch keys lose their foreign key to <c>articles</c>.</b> Its check ran once per key row, sixteen an
/// article (160,000 <c>SELECT … FOR KEY SHARE</c> of <c>articles</c> an import of 10,000), and guarded nothing the
/// writers do not: every writer of keys (<see cref="PostgreSqlCopyBatch"/>, <see cref="PostgreSqlSketchBatch"/>)
/// writes the article's sketch row in the same transaction just before, and that row keeps its foreign key to
/// <c>articles</c> (checked once an article). What the key's <c>ON DELETE CASCADE</c> did is now done by a trigger on
/// the sketch row, which the article's deletion still deletes by its own cascade: the deleted sketch's keys, read from
/// its bytes as <see cref="PostgreSqlSketchBatch"/>'s replacement reads them, are deleted by the table's primary key.
/// (The cascade had no index on <c>article_id</c> to use: it scanned the 15M-row table for each deleted article.)</para>
/// <para><b>A counter that changes when a candidate's sketch or linking fields change</b>
/// (<see cref="CandidateEpochSetting"/>): <see cref="PostgreSqlCopyBatch"/> keeps candidates' sketches and article
/// fields in memory across batches (<see cref="CandidateCache"/>) and drops them when it reads another value. İcmal
/// never changes them (a re-sketch of the same text writes the same bytes; no statement updates those columns of
/// <c>articles</c>), so the counter moves only if another version of the sketch replaces one, or someone edits the rows
/// by hand. The triggers fire only on a real change, and update the counter's row in the changing transaction, so a
/// reader sees the new counter no earlier than the new rows.</para>
/// </remarks>
internal static class SketchKeyStep
{
    /// <summary>
    /// The <c>settings</c> key of the counter of changes to what <see cref="CandidateCache"/> keeps; no row means none
    /// yet (the step writes none: an empty archive's <c>settings</c> stay empty for <see cref="ArchiveCopier"/>).
    /// </summary>
    public const string CandidateEpochSetting = "copy.candidate_epoch";

    /// <summary>The keys of a sketch's bytes (<c>{0}</c>: the bytes' expression), as <c>TextSketch.Keys</c>: its first sixteen little-endian hashes.</summary>
    private const string KeysOf = """
        SELECT get_byte({0}, i)::bigint | (get_byte({0}, i + 1)::bigint << 8) | (get_byte({0}, i + 2)::bigint << 16) | (get_byte({0}, i + 3)::bigint << 24)
        FROM generate_series(0, LEAST(length({0}), 64) - 4, 4) AS i
        """;

    /// <summary>
    /// A trigger function <paramref name="function"/> that adds one to the <c>settings</c> row <paramref name="setting"/>
    /// (made at 1) in the firing transaction: the change counters of this step and of <see cref="KeyWriteStep"/>.
    /// </summary>
    internal static string CountingFunction(string function, string setting) => $"""
        CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO settings (key, value) VALUES ('{setting}', '1')
            ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(settings.value AS BIGINT) + 1 AS TEXT);
            RETURN NULL;
        END $$
        """;

    public static IReadOnlyList<string> PostgreSqlStatements { get; } =
    [
        "ALTER TABLE article_sketch_keys DROP CONSTRAINT IF EXISTS article_sketch_keys_article_id_fkey",
        $"""
        CREATE OR REPLACE FUNCTION article_sketches_drop_keys() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            DELETE FROM article_sketch_keys k USING gone g
            WHERE k.article_id = g.article_id AND k.sketch_key = ANY(ARRAY({string.Format(System.Globalization.CultureInfo.InvariantCulture, KeysOf, "g.sketch")}));
            RETURN NULL;
        END $$
        """,
        "DROP TRIGGER IF EXISTS article_sketches_drop_keys ON article_sketches",
        """
        CREATE TRIGGER article_sketches_drop_keys AFTER DELETE ON article_sketches REFERENCING OLD TABLE AS gone
        FOR EACH STATEMENT EXECUTE FUNCTION article_sketches_drop_keys()
        """,
        CountingFunction("copy_candidates_changed", CandidateEpochSetting),
        "DROP TRIGGER IF EXISTS article_sketches_changed ON article_sketches",
        """
        CREATE TRIGGER article_sketches_changed AFTER UPDATE ON article_sketches FOR EACH ROW
        WHEN (OLD.sketch IS DISTINCT FROM NEW.sketch OR OLD.shingles IS DISTINCT FROM NEW.shingles OR OLD.article_id IS DISTINCT FROM NEW.article_id)
        EXECUTE FUNCTION copy_candidates_changed()
        """,
        "DROP TRIGGER IF EXISTS articles_copy_fields_changed ON articles",
        """
        CREATE TRIGGER articles_copy_fields_changed AFTER UPDATE OF id, site, url, sort_at, original_name, original_url, text_sha256 ON articles FOR EACH ROW
        WHEN (OLD.id IS DISTINCT FROM NEW.id OR OLD.site IS DISTINCT FROM NEW.site OR OLD.url IS DISTINCT FROM NEW.url OR OLD.sort_at IS DISTINCT FROM NEW.sort_at
            OR OLD.original_name IS DISTINCT FROM NEW.original_name OR OLD.original_url IS DISTINCT FROM NEW.original_url OR OLD.text_sha256 IS DISTINCT FROM NEW.text_sha256)
        EXECUTE FUNCTION copy_candidates_changed()
        """,
    ];
}
