using System.Data.Common;
using System.Globalization;
using System.Text;
using Icmal.Analysis;
using Icmal.Model;
using Icmal.Search;
using Icmal.Storage;
using Icmal.Tests.Support;

namespace Icmal.Tests.Storage;

/// <summary>
/// PostgreSQL's search table split by article id (<see cref="PostgreSqlSearchPartitions"/>): every article's row lands
/// in the partition of its id, made before the ids reach it, however far the ids jump; a search finds the same newest
/// matches across the partitions' bounds as one table gives; an archive from before the split is split when opened,
/// with every row; and writers reaching a new partition at once neither fail nor wait on each other needlessly.
/// </summary>
public sealed class PostgreSqlSearchPartitionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const long Span = PostgreSqlSearchPartitions.Span;

    [Fact]
    public async Task Rows_land_in_their_ids_partition_and_a_search_reads_across_the_bounds_as_one_table()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseEngine.PostgreSql);
        var stores = await db.OpenAsync();
        await using var conn = await stores.Database.ConnectAsync(Ct);
        // A new archive has the partitions up to Ahead past id 0.
        Assert.Equal(Names(0, PostgreSqlSearchPartitions.NumberOf(PostgreSqlSearchPartitions.Ahead)), await PartitionsAsync(conn));

        await StoreAcrossThreePartitionsAsync(stores, conn);

        long newest = (long)(await Sql.ScalarAsync(conn, null, "SELECT MAX(id) FROM articles", Ct))!;
        Assert.Equal(Names(0, PostgreSqlSearchPartitions.NumberOf(newest + PostgreSqlSearchPartitions.Ahead)), await PartitionsAsync(conn));
        // Every row in the partition its id says, none lost.
        await AssertEachRowInItsPartitionAsync(conn, rows: 100, partitions: 3);

        await Sql.ExecAsync(conn, null, "ANALYZE article_search", Ct);
        await PostgreSqlMatchWindowTests.AssertSameAsPlainQueryAsync(conn, "alma", "xəbər", "pambıq", "xəbər -alma");
        // The whole search, too: every match across the three partitions, the newest first among equals.
        var found = (await new Searcher(stores).SearchAsync(new SearchRequest("alma"), Ct)).Results!;
        Assert.Equal(100 / 4, found.Total);
    }

    [Fact]
    public async Task An_archive_from_before_the_split_is_split_when_opened_with_every_row()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseEngine.PostgreSql);
        var stores = await db.OpenAsync();
        await using (var conn = await stores.Database.ConnectAsync(Ct))
        {
            await RestartIdsAsync(conn, 2 * Span - 25);
            foreach (var batch in Items(1, 50).Chunk(25)) await stores.Articles.AddManyAsync(batch, Ct);
            var before = await RowsAsync(conn);
            await PostgreSqlSearchTable.UnsplitAsync(conn, Ct);
            Assert.Empty(await PartitionsAsync(conn));
            Assert.Equal(before, await RowsAsync(conn));
            Assert.Equal(50 / 4, (await new Searcher(stores).SearchAsync(new SearchRequest("alma"), Ct)).Results!.Total);

            var reopened = await db.OpenAsync();

            await using var after = await reopened.Database.ConnectAsync(Ct);
            Assert.Equal(Names(0, PostgreSqlSearchPartitions.NumberOf(2 * Span + 25 + PostgreSqlSearchPartitions.Ahead)), await PartitionsAsync(after));
            Assert.Equal(before, await RowsAsync(after));
            await PostgreSqlMatchWindowTests.AssertSameAsPlainQueryAsync(after, "alma", "xəbər", "pambıq", "xəbər -alma");
            Assert.Equal(50 / 4, (await new Searcher(reopened).SearchAsync(new SearchRequest("alma"), Ct)).Results!.Total);
            // The next writes go on into the partitions made by the split.
            foreach (var batch in Items(51, 10).Chunk(5)) await reopened.Articles.AddManyAsync(batch, Ct);
            Assert.Equal(60, (await RowsAsync(after)).Count);
        }
    }

    [Fact]
    public async Task A_rebuild_writes_every_row_again_into_its_partition_making_those_missing()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseEngine.PostgreSql);
        var stores = await db.OpenAsync();
        await using var conn = await stores.Database.ConnectAsync(Ct);
        await StoreAcrossThreePartitionsAsync(stores, conn);
        var before = await RowsAsync(conn);
        var partitions = await PartitionsAsync(conn);
        // As an archive copied by `icmal migrate` is before its catch-up: the articles stored, only the first
        // partition made. The catch-up's batch (one statement) spans the bounds and needs the partitions up to its newest id.
        await stores.Search.ResetAsync(Ct);
        foreach (string name in partitions.Skip(1)) await Sql.ExecAsync(conn, null, $"DROP TABLE {name}", Ct);
        Assert.Equal(Names(0, 0), await PartitionsAsync(conn));

        Assert.Equal(100, await new Reindexer(stores).RebuildAsync(null, Ct));

        Assert.Equal(partitions, await PartitionsAsync(conn));
        Assert.Equal(before, await RowsAsync(conn));
        await AssertEachRowInItsPartitionAsync(conn, rows: 100, partitions: 3);
        Assert.Equal(100 / 4, (await new Searcher(stores).SearchAsync(new SearchRequest("alma"), Ct)).Results!.Total);
    }

    [Fact]
    public async Task A_writer_whose_own_partition_exists_does_not_wait_for_another_making_the_next()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseEngine.PostgreSql);
        var stores = await db.OpenAsync();
        long first = Span - PostgreSqlSearchPartitions.Ahead + 1; // Ahead past it is partition 1, not made yet
        await using var a = await stores.Database.ConnectAsync(Ct);
        await using var b = await stores.Database.ConnectAsync(Ct);
        await using var ta = await a.BeginTransactionAsync(Ct);
        await PostgreSqlSearchPartitions.EnsureAsync(a, ta, first, Ct); // makes partition 1, not committed yet
        await using var tb = await b.BeginTransactionAsync(Ct);

        // b's own rows are in partition 0: it leaves partition 1 to a and goes on at once.
        var soon = PostgreSqlSearchPartitions.EnsureAsync(b, tb, first, Ct);
        Assert.Same(soon, await Task.WhenAny(soon, Task.Delay(TimeSpan.FromSeconds(20), Ct)));
        await soon;
        // b's rows in partition 1 need it: b waits for a's transaction, then finds it made.
        var waiting = PostgreSqlSearchPartitions.EnsureAsync(b, tb, Span + 5, Ct);
        await using var watcher = await stores.Database.ConnectAsync(Ct);
        long blocked = 0;
        for (int i = 0; i < 200 && blocked == 0 && !waiting.IsCompleted; i++)
        {
            await Task.Delay(100, Ct);
            // This test's database only: the cluster is shared with tests running beside it.
            blocked = (long)(await Sql.ScalarAsync(watcher, null, """
                SELECT COUNT(*) FROM pg_locks
                WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                """, Ct))!;
        }
        Assert.False(waiting.IsCompleted, "b went on while the partition its rows need was a's, not committed");
        Assert.Equal(1, blocked);
        await ta.CommitAsync(Ct);
        await waiting;
        await Sql.ExecAsync(b, tb, "INSERT INTO article_search (article_id, keys) VALUES (@id, CAST('alma' AS tsvector))", Ct, ("@id", Span + 5));
        await tb.CommitAsync(Ct);
        Assert.Equal(Names(0, 1), await PartitionsAsync(a));
    }

    /// <summary>
    /// 100 articles: 60 with ids just below the first bound and through it, then 40 far past the next bounds (an
    /// identity can jump), so their rows are in partitions 0, 1 and 3.
    /// </summary>
    private static async Task StoreAcrossThreePartitionsAsync(Stores stores, DbConnection conn)
    {
        await RestartIdsAsync(conn, Span - 30);
        foreach (var batch in Items(1, 60).Chunk(20)) await stores.Articles.AddManyAsync(batch, Ct);
        await RestartIdsAsync(conn, 3 * Span + 40);
        foreach (var batch in Items(61, 40).Chunk(20)) await stores.Articles.AddManyAsync(batch, Ct);
    }

    /// <summary>The search table holds <paramref name="rows"/> rows, each in the partition its id says, spread over <paramref name="partitions"/> partitions.</summary>
    private static async Task AssertEachRowInItsPartitionAsync(DbConnection conn, int rows, int partitions)
    {
        var placed = await Sql.ListAsync(conn, null, "SELECT article_id, CAST(tableoid::regclass AS TEXT) FROM article_search",
            r => (Id: r.GetInt64(0), Table: r.GetString(1)), Ct);
        Assert.Equal(rows, placed.Count);
        Assert.All(placed, row => Assert.Equal(PostgreSqlSearchPartitions.NameOf(row.Id / Span), row.Table));
        Assert.Equal(partitions, placed.Select(r => r.Table).Distinct().Count());
    }

    private static List<string> Names(long from, long to)
    {
        var names = new List<string>();
        for (long n = from; n <= to; n++) names.Add(PostgreSqlSearchPartitions.NameOf(n));
        return names;
    }

    private static async Task<List<string>> PartitionsAsync(DbConnection conn) =>
        (await Sql.ListAsync(conn, null, """
            SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
            WHERE i.inhparent = CAST('article_search' AS regclass)
            """, r => r.GetString(0), Ct))
        .OrderBy(name => long.Parse(name.AsSpan(name.LastIndexOf('p') + 1), CultureInfo.InvariantCulture)).ToList();

    private static async Task<List<(long, string)>> RowsAsync(DbConnection conn) =>
        await Sql.ListAsync(conn, null, "SELECT article_id, CAST(keys AS TEXT) FROM article_search ORDER BY article_id", r => (r.GetInt64(0), r.GetString(1)), Ct);

    private static Task RestartIdsAsync(DbConnection conn, long next) =>
        Sql.ExecAsync(conn, null, $"ALTER TABLE articles ALTER COLUMN id RESTART WITH {next.ToString(CultureInfo.InvariantCulture)}", Ct);

    /// <summary>Articles <paramref name="from"/> on: every fourth about apples, every fifth about cotton, all of them news.</summary>
    private static IEnumerable<(NewDocument, Article, SearchDocument)> Items(int from, int count)
    {
        for (int i = from; i < from + count; i++)
        {
            var text = new StringBuilder("Xəbər ").Append(i.ToString(CultureInfo.InvariantCulture)).Append('.');
            if (i % 4 == 0) text.Append(" Bazarda alma ucuzlaşıb.");
            if (i % 5 == 0) text.Append(" Pambıq yığımı başlayıb.");
            yield return PostgreSqlMatchWindowTests.Item(i, "Xəbər", text.ToString());
        }
    }
}

/// <summary>The PostgreSQL search table as it was before migration step 15 split it: tests of older archives build it with this.</summary>
internal static class PostgreSqlSearchTable
{
    /// <summary>Makes the search table one table again, with its rows, and forgets step 15, as an archive of step 14 has it.</summary>
    public static Task UnsplitAsync(DbConnection conn, CancellationToken ct) => Sql.ExecAsync(conn, null, """
        CREATE TABLE article_search_flat (article_id BIGINT NOT NULL PRIMARY KEY, keys TSVECTOR NOT NULL);
        INSERT INTO article_search_flat SELECT article_id, keys FROM article_search;
        DROP TABLE article_search;
        ALTER TABLE article_search_flat RENAME TO article_search;
        ALTER TABLE article_search RENAME CONSTRAINT article_search_flat_pkey TO article_search_pkey;
        CREATE INDEX article_search_keys ON article_search USING GIN (keys);
        DELETE FROM schema_migrations WHERE version = 15;
        """, ct);
}
