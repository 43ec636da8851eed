using Icmal.Ingest;
using Icmal.Ingest.Stages;
using Icmal.Model;
using Icmal.Storage;
using Icmal.Tests.Support;

namespace Icmal.Tests.Ingest;

/// <summary>
/// A batch committed in two transactions (<see cref="IngestPipeline.StoreAsync"/>, then
/// <see cref="IngestPipeline.RelateAsync"/>), the next batch's store beside the batch before's links, as
/// <c>icmal import</c> runs on PostgreSQL: the archive is the one the per-article path leaves; a process stopped between
/// the two commits leaves complete articles that the next start links and clusters; a relate transaction that fails
/// leaves the store committed and the links and stories made all the same.
/// </summary>
public sealed class OverlappedIngestTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [ClassData(typeof(BothEngines))]
    public async Task Overlapped_commits_leave_the_archive_the_per_article_path_leaves(DatabaseEngine engine)
    {
        var documents = await BatchedIngestTests.DocumentsAsync();
        var (expected, byOne) = await PerArticleAsync(engine, documents);
        await using var db = await TestDatabase.CreateAsync(engine);
        var stores = await db.OpenAsync();
        var pipeline = await IngestPipeline.OpenAsync(stores, Ct);

        var outcomes = new List<IngestOutcome>();
        Task<IReadOnlyList<IngestOutcome>>? relating = null;
        foreach (var chunk in documents.Chunk(7))
        {
            // This batch's store runs while the batch before is being linked (on SQLite it waits for its turn).
            var prepared = await pipeline.PrepareAsync(chunk, Ct);
            var stored = await pipeline.StoreAsync(prepared, Ct);
            if (relating is not null) outcomes.AddRange(await relating);
            relating = pipeline.RelateAsync(stored, Ct);
        }
        outcomes.AddRange(await relating!);

        Assert.Equal(0, pipeline.BatchesRunAlone);
        Assert.Equal(byOne.Select(o => (o.Origin, o.Status, o.ArticleId)), outcomes.Select(o => (o.Origin, o.Status, o.ArticleId)));
        Assert.Equal(expected, await BatchedIngestTests.FingerprintAsync(stores.Database));
    }

    /// <summary>
    /// What a SIGKILL between a batch's two commits leaves: the articles stored, searchable, with their facts and
    /// categories, but no sketches, copy links nor stories; the next start's catch-up makes them, the same as the
    /// per-article path's.
    /// </summary>
    [Theory]
    [ClassData(typeof(BothEngines))]
    public async Task A_batch_stored_but_not_linked_is_linked_and_clustered_at_the_next_start(DatabaseEngine engine)
    {
        var documents = await BatchedIngestTests.DocumentsAsync();
        var (expected, _) = await PerArticleAsync(engine, documents);
        await using var db = await TestDatabase.CreateAsync(engine);
        var stores = await db.OpenAsync();
        var killed = await IngestPipeline.OpenAsync(stores, Ct);
        var chunks = documents.Chunk(7).ToList();
        foreach (var chunk in chunks.SkipLast(1))
            await killed.RelateAsync(await killed.StoreAsync(await killed.PrepareAsync(chunk, Ct), Ct), Ct);
        await killed.StoreAsync(await killed.PrepareAsync(chunks[^1], Ct), Ct); // killed before its relate transaction

        var left = await BatchedIngestTests.FingerprintAsync(stores.Database);
        Assert.Equal(expected[0], left[0]); // every article stored,
        Assert.Equal(expected[2], left[2]); // searchable,
        Assert.Equal(expected[^1], left[^1]); // with its category,
        Assert.Equal(expected[^2], left[^2]); // and its facts;
        Assert.NotEqual(expected[4], left[4]); // the last batch not sketched,
        Assert.NotEqual(expected[5], left[5]); // nor in stories.

        var reopened = await db.OpenAsync(); // the next run: stores and pipeline opened afresh
        await IngestPipeline.OpenAsync(reopened, Ct);
        Assert.Equal(expected, await BatchedIngestTests.FingerprintAsync(reopened.Database));
    }

    /// <summary>
    /// A relate transaction the database refuses once (a trigger fails the first sketch written): the batch stays
    /// stored, once, and the catch-up links and clusters it as the per-article path would; the outcomes are today's.
    /// </summary>
    [Fact]
    public async Task A_failed_relate_transaction_keeps_the_store_and_links_by_the_catch_up()
    {
        var documents = await BatchedIngestTests.DocumentsAsync();
        var (expected, byOne) = await PerArticleAsync(DatabaseEngine.PostgreSql, documents);
        await using var db = await TestDatabase.CreateAsync(DatabaseEngine.PostgreSql);
        var stores = await db.OpenAsync();
        var pipeline = await IngestPipeline.OpenAsync(stores, Ct);
        var chunks = documents.Chunk(7).ToList();
        var outcomes = new List<IngestOutcome>();
        outcomes.AddRange(await pipeline.RelateAsync(await pipeline.StoreAsync(await pipeline.PrepareAsync(chunks[0], Ct), Ct), Ct));
        await using (var conn = await stores.Database.ConnectAsync(Ct))
        {
            // A sequence is not rolled back: the first sketch after this fails, the later ones pass.
            await Sql.ExecAsync(conn, null, "CREATE SEQUENCE fail_once", Ct);
            await Sql.ExecAsync(conn, null, """
                CREATE FUNCTION fail_once() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN IF nextval('fail_once') = 1 THEN RAISE EXCEPTION 'refused once'; END IF; RETURN NEW; END $$
                """, Ct);
            await Sql.ExecAsync(conn, null, "CREATE TRIGGER fail_once BEFORE INSERT ON article_sketches FOR EACH ROW EXECUTE FUNCTION fail_once()", Ct);
        }
        var stories = pipeline.Stages[^1];
        foreach (var chunk in chunks.Skip(1))
            outcomes.AddRange(await pipeline.RelateAsync(await pipeline.StoreAsync(await pipeline.PrepareAsync(chunk, Ct), Ct), Ct));

        Assert.Equal(1, pipeline.BatchesRunAlone);
        Assert.IsType<ClusterStage>(stories);
        Assert.Same(stories, pipeline.Stages[^1]); // the stories committed in their own transaction: that stage was not rebuilt
        Assert.Equal(byOne.Select(o => (o.Origin, o.Status, o.ArticleId, o.Note)), outcomes.Select(o => (o.Origin, o.Status, o.ArticleId, o.Note)));
        Assert.Equal(expected, await BatchedIngestTests.FingerprintAsync(stores.Database));
    }

    /// <summary>
    /// A stories transaction the database refuses once (a trigger fails the first article put into a story): the batch's
    /// copy links still commit, in their own one transaction (every sketch of the batch written by it, not one by one by
    /// the copy detector's catch-up), and the story stage's catch-up puts the batch into the stories the per-article
    /// path makes; the outcomes are today's.
    /// </summary>
    [Fact]
    public async Task A_failed_stories_transaction_keeps_the_batch_links_and_clusters_by_the_catch_up()
    {
        var documents = await BatchedIngestTests.DocumentsAsync();
        var (expected, byOne) = await PerArticleAsync(DatabaseEngine.PostgreSql, documents);
        await using var db = await TestDatabase.CreateAsync(DatabaseEngine.PostgreSql);
        var stores = await db.OpenAsync();
        var pipeline = await IngestPipeline.OpenAsync(stores, Ct);
        var chunks = documents.Chunk(7).ToList();
        var outcomes = new List<IngestOutcome>();
        outcomes.AddRange(await pipeline.RelateAsync(await pipeline.StoreAsync(await pipeline.PrepareAsync(chunks[0], Ct), Ct), Ct));
        await using (var conn = await stores.Database.ConnectAsync(Ct))
        {
            await Sql.ExecAsync(conn, null, "CREATE SEQUENCE fail_once", Ct);
            await Sql.ExecAsync(conn, null, """
                CREATE FUNCTION fail_once() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN IF nextval('fail_once') = 1 THEN RAISE EXCEPTION 'refused once'; END IF; RETURN NEW; END $$
                """, Ct);
            await Sql.ExecAsync(conn, null, "CREATE TRIGGER fail_once BEFORE UPDATE OF story_id ON articles FOR EACH ROW EXECUTE FUNCTION fail_once()", Ct);
        }
        var links = pipeline.Stages[^2];
        var failing = await pipeline.StoreAsync(await pipeline.PrepareAsync(chunks[1], Ct), Ct);
        outcomes.AddRange(await pipeline.RelateAsync(failing, Ct));
        foreach (var chunk in chunks.Skip(2))
            outcomes.AddRange(await pipeline.RelateAsync(await pipeline.StoreAsync(await pipeline.PrepareAsync(chunk, Ct), Ct), Ct));

        Assert.Equal(1, pipeline.BatchesRunAlone);
        Assert.IsType<LinkStage>(links);
        Assert.Same(links, pipeline.Stages[^2]); // the link stage was not rebuilt,
        long[] ids = Stored(failing);
        Assert.True(ids.Length > 1);
        await using (var conn = await stores.Database.ConnectAsync(Ct))
        {
            // and the batch's sketches were written by one transaction, its links'.
            Assert.Equal(1, await Sql.Int64Async(conn, null, "SELECT COUNT(DISTINCT xmin::text) FROM article_sketches WHERE article_id = ANY(@ids)", Ct, ("@ids", ids)));
        }
        Assert.Equal(byOne.Select(o => (o.Origin, o.Status, o.ArticleId, o.Note)), outcomes.Select(o => (o.Origin, o.Status, o.ArticleId, o.Note)));
        Assert.Equal(expected, await BatchedIngestTests.FingerprintAsync(stores.Database));
    }

    /// <summary>
    /// The stories of a batch in a transaction of their own: while another process holds the archive's story lock,
    /// the batch's copy links commit and the next batch is stored; the batch's outcomes come only once its stories
    /// committed too, and the archive is the one-transaction path's.
    /// </summary>
    [Fact]
    public async Task While_the_stories_wait_for_their_lock_the_links_and_the_next_store_commit_and_the_outcomes_wait()
    {
        var documents = await BatchedIngestTests.DocumentsAsync();
        var (expected, inOne) = await OneTransactionAsync(documents, 17);
        await using var db = await TestDatabase.CreateAsync(DatabaseEngine.PostgreSql);
        var stores = await db.OpenAsync();
        var pipeline = await IngestPipeline.OpenAsync(stores, Ct);
        // The first batch large enough to be linked as one (CopyDetector.MinBatch), under the archive's copy-link lock.
        var chunks = documents.Chunk(17).ToList();
        var outcomes = new List<IngestOutcome>();
        var first = await pipeline.StoreAsync(await pipeline.PrepareAsync(chunks[0], Ct), Ct);
        long[] ids = Stored(first);
        Assert.True(ids.Length >= new Icmal.Linking.CopyDetector(stores).MinBatch);
        await using var other = await stores.Database.ConnectAsync(Ct);
        await Sql.ExecAsync(other, null, $"SELECT pg_advisory_lock({PostgreSqlDialect.StoryLockKey})", Ct);
        var relating = pipeline.RelateAsync(first, Ct);

        await UntilAsync(other, "SELECT COUNT(*) FROM article_sketches WHERE article_id = ANY(@ids)", ids, ids.Length);
        var second = pipeline.StoreAsync(await pipeline.PrepareAsync(chunks[1], Ct), Ct);
        Assert.Same(second, await Task.WhenAny(second, Task.Delay(TimeSpan.FromSeconds(20), Ct)));
        Assert.Equal(0, await Sql.Int64Async(other, null, "SELECT COUNT(*) FROM articles WHERE id = ANY(@ids) AND story_id IS NOT NULL", Ct, ("@ids", ids)));
        Assert.False(relating.IsCompleted);

        await Sql.ExecAsync(other, null, $"SELECT pg_advisory_unlock({PostgreSqlDialect.StoryLockKey})", Ct);
        outcomes.AddRange(await relating);
        outcomes.AddRange(await pipeline.RelateAsync(await second, Ct));
        foreach (var chunk in chunks.Skip(2))
            outcomes.AddRange(await pipeline.RelateAsync(await pipeline.StoreAsync(await pipeline.PrepareAsync(chunk, Ct), Ct), Ct));

        Assert.Equal(0, pipeline.BatchesRunAlone);
        Assert.Equal(inOne.Select(o => (o.Origin, o.Status, o.ArticleId, o.Note)), outcomes.Select(o => (o.Origin, o.Status, o.ArticleId, o.Note)));
        Assert.Equal(expected, await BatchedIngestTests.FingerprintAsync(stores.Database));
    }

    /// <summary>
    /// The copy links of a batch in a transaction of their own, under their own lock: while another process holds the
    /// archive's copy-link lock, the batch's stories commit, but neither its outcomes nor the next batch's store (which
    /// must not be seen by the links' same-text look-up) commit before its links do.
    /// </summary>
    [Fact]
    public async Task While_the_links_wait_for_their_lock_the_stories_commit_and_the_next_store_and_the_outcomes_wait()
    {
        var documents = await BatchedIngestTests.DocumentsAsync();
        var (expected, inOne) = await OneTransactionAsync(documents, 17);
        await using var db = await TestDatabase.CreateAsync(DatabaseEngine.PostgreSql);
        var stores = await db.OpenAsync();
        var pipeline = await IngestPipeline.OpenAsync(stores, Ct);
        // The first batch large enough to be linked as one (CopyDetector.MinBatch), under the archive's copy-link lock.
        var chunks = documents.Chunk(17).ToList();
        var outcomes = new List<IngestOutcome>();
        var first = await pipeline.StoreAsync(await pipeline.PrepareAsync(chunks[0], Ct), Ct);
        long[] ids = Stored(first);
        Assert.True(ids.Length >= new Icmal.Linking.CopyDetector(stores).MinBatch);
        await using var other = await stores.Database.ConnectAsync(Ct);
        await Sql.ExecAsync(other, null, $"SELECT pg_advisory_lock({PostgreSqlDialect.CopyLockKey})", Ct);
        var relating = pipeline.RelateAsync(first, Ct);

        await UntilAsync(other, "SELECT COUNT(*) FROM articles WHERE id = ANY(@ids) AND story_id IS NOT NULL", ids, ids.Length);
        var second = pipeline.StoreAsync(await pipeline.PrepareAsync(chunks[1], Ct), Ct);
        await Task.WhenAny(second, Task.Delay(TimeSpan.FromSeconds(1), Ct));
        Assert.False(second.IsCompleted);
        Assert.False(relating.IsCompleted);
        Assert.Equal(0, await Sql.Int64Async(other, null, "SELECT COUNT(*) FROM article_sketches WHERE article_id = ANY(@ids)", Ct, ("@ids", ids)));
        long articles = await Sql.Int64Async(other, null, "SELECT COUNT(*) FROM articles", Ct);
        Assert.Equal(ids.Length, articles); // the next batch's articles not committed

        await Sql.ExecAsync(other, null, $"SELECT pg_advisory_unlock({PostgreSqlDialect.CopyLockKey})", Ct);
        outcomes.AddRange(await relating);
        outcomes.AddRange(await pipeline.RelateAsync(await second, Ct));
        foreach (var chunk in chunks.Skip(2))
            outcomes.AddRange(await pipeline.RelateAsync(await pipeline.StoreAsync(await pipeline.PrepareAsync(chunk, Ct), Ct), Ct));

        Assert.Equal(0, pipeline.BatchesRunAlone);
        Assert.Equal(inOne.Select(o => (o.Origin, o.Status, o.ArticleId, o.Note)), outcomes.Select(o => (o.Origin, o.Status, o.ArticleId, o.Note)));
        Assert.Equal(expected, await BatchedIngestTests.FingerprintAsync(stores.Database));
    }

    /// <summary>The ids of a stored batch's articles.</summary>
    internal static long[] Stored(IngestPipeline.StoredBatch batch) => batch.Items.Where(i => i is not null).Select(i => i!.ArticleId!.Value).ToArray();

    /// <summary>Waits (up to 20 s) until the count <paramref name="sql"/> gives for the ids is <paramref name="count"/>.</summary>
    private static async Task UntilAsync(System.Data.Common.DbConnection conn, string sql, long[] ids, long count)
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        long seen;
        while ((seen = await Sql.Int64Async(conn, null, sql, Ct, ("@ids", ids))) != count && DateTime.UtcNow < until) await Task.Delay(50, Ct);
        Assert.Equal(count, seen);
    }

    /// <summary>
    /// The overlap itself: on PostgreSQL a store transaction begins and commits while a relate transaction of the same
    /// process is open; on SQLite (one writer) it waits for it.
    /// </summary>
    [Theory]
    [ClassData(typeof(BothEngines))]
    public async Task A_store_transaction_runs_beside_a_relate_transaction_where_the_engine_allows(DatabaseEngine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var database = (await db.OpenAsync()).Database;
        var entered = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var relate = Task.Run(() => database.InOneTransactionAsync(async _ =>
        {
            entered.SetResult();
            await release.Task;
            return 0;
        }, Ct), Ct);
        await entered.Task;
        var beside = Task.Run(() => database.InOneTransactionBesideAsync(async t =>
        {
            await using var conn = await database.ConnectAsync(t);
            return await Sql.Int64Async(conn, null, "SELECT 1", t);
        }, Ct), Ct);
        var first = await Task.WhenAny(beside, Task.Delay(TimeSpan.FromSeconds(3), Ct));
        Assert.Equal(database.Dialect.OverlapsWriteTransactions, first == beside);
        release.SetResult();
        await relate;
        Assert.Equal(1, await beside);
    }

    /// <summary>
    /// The archive's fingerprint and the outcomes on PostgreSQL when the documents are ingested in batches of
    /// <paramref name="size"/>, each in one transaction (<see cref="IngestPipeline.CommitAsync"/>, as crawlers do).
    /// </summary>
    private static async Task<(List<string> Fingerprint, List<IngestOutcome> Outcomes)> OneTransactionAsync(List<IncomingDocument> documents, int size)
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseEngine.PostgreSql);
        var stores = await db.OpenAsync();
        var pipeline = await IngestPipeline.OpenAsync(stores, Ct);
        var outcomes = new List<IngestOutcome>();
        foreach (var chunk in documents.Chunk(size)) outcomes.AddRange(await pipeline.IngestManyAsync(chunk, Ct));
        return (await BatchedIngestTests.FingerprintAsync(stores.Database), outcomes);
    }

    /// <summary>The archive's fingerprint and the outcomes when the documents are ingested one by one.</summary>
    private static async Task<(List<string> Fingerprint, List<IngestOutcome> Outcomes)> PerArticleAsync(DatabaseEngine engine, List<IncomingDocument> documents)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var stores = await db.OpenAsync();
        var alone = await IngestPipeline.OpenAsync(stores, Ct);
        var outcomes = new List<IngestOutcome>();
        foreach (var d in documents) outcomes.Add(await alone.IngestAsync(d, Ct));
        return (await BatchedIngestTests.FingerprintAsync(stores.Database), outcomes);
    }
}
