namespace Icmal.Storage;

/// <summary>
/// PostgreSQL's step 14 (issue #17): a counter of the statements that write the sketch key table, so that a copy batch
/// may read its keys' stored ids ahead, outside its transaction, and know at link time whether they are still what it
/// would read (<see cref="KeyAhead"/>). SQLite is unchanged.
/// </summary>
/// <remarks>
/// A statement-level trigger on <c>article_sketch_keys</c> (insert, update, delete, truncate) adds one to the
/// <see cref="KeyWritesSetting"/> row of <c>settings</c> in the writing transaction: a reader sees the new count no
/// earlier than the rows, and the row's lock, held to the commit, lets one writer at a time count, so the value a
/// writer reads right after its statement is its own increment. A statement that writes nothing still counts (a
/// statement trigger fires): a count too many only makes a reader read again. Runs again cleanly (OR REPLACE, IF EXISTS).
/// </remarks>
internal static class KeyWriteStep
{
    /// <summary>The <c>settings</c> key of the count; no row means none counted yet (read as 0).</summary>
    public const string KeyWritesSetting = "copy.key_writes";

    public static IReadOnlyList<string> PostgreSqlStatements { get; } =
    [
        SketchKeyStep.CountingFunction("article_sketch_keys_written", KeyWritesSetting),
        "DROP TRIGGER IF EXISTS article_sketch_keys_written ON article_sketch_keys",
        """
        CREATE TRIGGER article_sketch_keys_written AFTER INSERT OR UPDATE OR DELETE ON article_sketch_keys
        FOR EACH STATEMENT EXECUTE FUNCTION article_sketch_keys_written()
        """,
        "DROP TRIGGER IF EXISTS article_sketch_keys_truncated ON article_sketch_keys",
        """
        CREATE TRIGGER article_sketch_keys_truncated AFTER TRUNCATE ON article_sketch_keys
        FOR EACH STATEMENT EXECUTE FUNCTION article_sketch_keys_written()
        """,
    ];
}
