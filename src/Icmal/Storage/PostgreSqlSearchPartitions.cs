using System.Data.Common;
using System.Globalization;

namespace Icmal.Storage;

/// <summary>
/// PostgreSQL's search table (<see cref="PostgreSqlSearchEngine"/>) split by article id into partitions of
/// <see cref="Span"/> ids each, every one with its own primary key and GIN index.
/// </summary>
/// <remarks>
/// <para>
/// Why (issue #17, measured at a million articles: docs/benchmarks.md, "Search partitions"): a search reads the newest
/// matches of its words (<see cref="PostgreSqlMatchWindow"/>), but one GIN index over the whole archive gives the
/// bitmap of every match of a word in all of it, and the primary key's bitmap of the stretch asked is AND-ed with it:
/// a quarter of the window statement's time, growing with the archive, not with the stretch. With partitions the
/// planner reads only the partitions the stretch reaches, each through a GIN of its own ids, and a partition wholly
/// inside the stretch without the primary key's bitmap.
/// </para>
/// <para>
/// The partitions are named <c>article_search_p{n}</c> for the ids from <c>n × Span</c> up to (not including)
/// <c>(n + 1) × Span</c>, from partition 0 on without gaps. A writer makes the next ones before its ids reach them
/// (<see cref="EnsureAsync"/>, <see cref="Ahead"/> ids ahead), in the transaction that writes the rows: there is no
/// default partition, which would keep PostgreSQL from reading the partitions in order and would have to be emptied
/// into each new one.
/// </para>
/// </remarks>
internal static class PostgreSqlSearchPartitions
{
    /// <summary>
    /// How many article ids a partition holds: ten at a million articles, so that a common word's stretch (a few
    /// thousand of the newest ids) is in one or two of them, and a rare word's whole archive is a few small GINs.
    /// </summary>
    public const long Span = 100_000;

    /// <summary>How far ahead of the ids written the partitions are made: long before the ids of any writer reach them.</summary>
    public const long Ahead = Span / 2;

    /// <summary>The advisory lock that lets one writer at a time make partitions.</summary>
    internal const long LockKey = 0x69636D616C50;

    private const string Prefix = PostgreSqlSearchEngine.Table + "_p";

    /// <summary>The partition that holds <paramref name="articleId"/>.</summary>
    public static long NumberOf(long articleId) => Math.Max(0, articleId) / Span;

    public static string NameOf(long number) => Prefix + number.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Migration step 15: the unpartitioned table of step 1 becomes the partitioned one, its rows copied, with the
    /// partitions to <see cref="Ahead"/> past the newest id. Run once, under the migration lock, in one transaction.
    /// </summary>
    public static IReadOnlyList<string> Conversion { get; } =
    [
        $"ALTER TABLE {PostgreSqlSearchEngine.Table} RENAME TO article_search_unpartitioned",
        "ALTER INDEX article_search_keys RENAME TO article_search_unpartitioned_keys",
        "ALTER TABLE article_search_unpartitioned RENAME CONSTRAINT article_search_pkey TO article_search_unpartitioned_pkey",
        $"CREATE TABLE {PostgreSqlSearchEngine.Table} (article_id BIGINT NOT NULL, keys TSVECTOR NOT NULL) PARTITION BY RANGE (article_id)",
        $"DO $$ BEGIN IF {PostgreSqlMigrations.Lz4Available} THEN ALTER TABLE {PostgreSqlSearchEngine.Table} ALTER COLUMN keys SET COMPRESSION lz4; END IF; END $$",
        string.Create(CultureInfo.InvariantCulture, $"""
            DO $$
            DECLARE
                top BIGINT;
            BEGIN
                SELECT COALESCE(MAX(article_id), 0) + {Ahead} INTO top FROM article_search_unpartitioned;
                FOR n IN 0 .. top / {Span} LOOP
                    EXECUTE format('CREATE TABLE %I PARTITION OF {PostgreSqlSearchEngine.Table} FOR VALUES FROM (%s) TO (%s)',
                        '{Prefix}' || n, n * {Span}, (n + 1) * {Span});
                END LOOP;
            END $$
            """),
        // The rows first, the indexes after: one sorted build each, not a million inserts into them.
        $"INSERT INTO {PostgreSqlSearchEngine.Table} (article_id, keys) SELECT article_id, keys FROM article_search_unpartitioned",
        "SET LOCAL maintenance_work_mem = '256MB'",
        $"ALTER TABLE {PostgreSqlSearchEngine.Table} ADD PRIMARY KEY (article_id)",
        PostgreSqlSearchEngine.CreateIndex,
        "DROP TABLE article_search_unpartitioned",
        // Each partition's statistics now: the planner's estimate of a word's matches says where a search starts.
        $"ANALYZE {PostgreSqlSearchEngine.Table}",
    ];

    /// <summary>
    /// Makes sure the partitions exist for ids up to <see cref="Ahead"/> past <paramref name="newestId"/>, the highest
    /// id about to be written in <paramref name="tx"/>; normally one look-up of a name, a partition made once every
    /// <see cref="Span"/> ids.
    /// </summary>
    /// <remarks>
    /// A partition is made as a table of the parent's shape and then attached, which locks the parent against other
    /// schema changes only (<c>SHARE UPDATE EXCLUSIVE</c>), not against searches or other writers, as
    /// <c>CREATE TABLE … PARTITION OF</c>'s exclusive lock would. Writers that reach the same point at once: one makes
    /// the partitions, the others go on without waiting while their own ids' partition exists (it is
    /// <see cref="Ahead"/> ids away), so a writer waits on another's transaction only when its own rows need it.
    /// </remarks>
    public static async Task EnsureAsync(DbConnection conn, DbTransaction tx, long newestId, CancellationToken ct)
    {
        long wanted = NumberOf(newestId + Ahead);
        var (ahead, own) = (await Sql.ListAsync(conn, tx, "SELECT to_regclass(@ahead) IS NOT NULL, to_regclass(@own) IS NOT NULL",
            r => (r.GetBoolean(0), r.GetBoolean(1)), ct, ("@ahead", NameOf(wanted)), ("@own", NameOf(NumberOf(newestId)))))[0];
        if (ahead) return;
        if (own)
        {
            if (!(bool)(await Sql.ScalarAsync(conn, tx, $"SELECT pg_try_advisory_xact_lock({LockKey})", ct))!) return;
        }
        else
        {
            await Sql.ExecAsync(conn, tx, $"SELECT pg_advisory_xact_lock({LockKey})", ct);
        }
        // Read again under the lock: another writer may have made them while this one waited.
        var names = await Sql.ListAsync(conn, tx, $"""
            SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
            WHERE i.inhparent = CAST('{PostgreSqlSearchEngine.Table}' AS regclass)
            """, r => r.GetString(0), ct);
        // The highest of İcmal's partitions (one attached by hand under another name does not count).
        long next = 0;
        foreach (string name in names)
        {
            if (name.StartsWith(Prefix, StringComparison.Ordinal)
                && long.TryParse(name.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out long n))
                next = Math.Max(next, n + 1);
        }
        for (long n = next; n <= wanted; n++)
        {
            string name = NameOf(n);
            await Sql.ExecAsync(conn, tx, string.Create(CultureInfo.InvariantCulture, $"""
                CREATE TABLE {name} (LIKE {PostgreSqlSearchEngine.Table} INCLUDING ALL);
                ALTER TABLE {PostgreSqlSearchEngine.Table} ATTACH PARTITION {name} FOR VALUES FROM ({n * Span}) TO ({(n + 1) * Span})
                """), ct);
        }
    }
}
