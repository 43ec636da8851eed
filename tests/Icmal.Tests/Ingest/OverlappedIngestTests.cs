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

    [Fact]
    public async Task An_imported_article_the_stories_catch_up_passes_over_after_its_batch_failed_says_so_and_is_recorded()
    {
        // The stories' transaction of a batch fails (here the store refuses one article's story as bad data); the
        // rebuilt stage's catch-up clusters the rest and passes over that one, which was reported "stored" with no word.
        await using var h = await ImportHarness.CreateAsync(engine: DatabaseEngine.PostgreSql);
        await h.ImportAsync(TestPaths.Sample("001"));
        await h.RefuseAsync("refuse_story", "articles", "BEFORE UPDATE OF story_id", $"NEW.url = '{ImportHarness.ParkUrl}' AND NEW.story_id IS NOT NULL");

        var (park, school) = await h.ImportParkAndSchoolAsync();

        Assert.Equal((IngestStatus.Stored, IngestStatus.Stored), (park.Status, school.Status));
        const string Note = "stored, but not yet put into a story: the catch-up after its batch's transaction failed passed over it; the next start tries again";
        Assert.Equal(Note, park.Note);
        Assert.Null(school.Note);
        Assert.NotNull((await h.Store.Articles.GetAsync(school.ArticleId!.Value, Ct))!.StoryId);
        Assert.Null((await h.Store.Articles.GetAsync(park.ArticleId!.Value, Ct))!.StoryId);
        var error = Assert.Single(await h.Store.ItemErrors.ListAsync(null, 10, Ct));
        Assert.Equal((IngestStage.Cluster, Note), (error.Stage, error.Reason));

        await h.StopRefusingAsync("refuse_story", "articles");
        _ = await IngestPipeline.OpenAsync(h.Store, Ct);
        Assert.NotNull((await h.Store.Articles.GetAsync(park.ArticleId.Value, Ct))!.StoryId);
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
        foreach (var chunk in chunks.SkipLast(1)) await StoreAndRelateAsync(killed, chunk);
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
    /// The stories committed in their own transaction: that stage was not rebuilt.
    /// </summary>
    [Fact]
    public Task A_failed_relate_transaction_keeps_the_store_and_links_by_the_catch_up() =>
        RefusedOnceAsync<ClusterStage>("INSERT ON article_sketches", ^1);

    /// <summary>
    /// A stories transaction the database refuses once (a trigger fails the first article put into a story): the batch's
    /// copy links still commit, in their own one transaction (every sketch of the batch written by it, not one by one by
    /// the copy detector's catch-up; the link stage not rebuilt), and the story stage's catch-up puts the batch into the
    /// stories the per-article path makes; the outcomes are today's.
    /// </summary>
    [Fact]
    public Task A_failed_stories_transaction_keeps_the_batch_links_and_clusters_by_the_catch_up() =>
        RefusedOnceAsync<LinkStage>("UPDATE OF story_id ON articles", ^2, async (stores, refused) =>
        {
            long[] ids = Stored(refused);
            Assert.True(ids.Length > 1);
            Assert.Equal(1, await SketchWritersAsync(stores, ids));
        });

    /// <summary>
    /// The stories of a batch in a transaction of their own: while another process holds the archive's story lock,
    /// the batch's copy links commit and the next batch is stored; the batch's outcomes come only once its stories
    /// committed too, and the archive is the one-transaction path's.
    /// </summary>
    [Fact]
    public Task While_the_stories_wait_for_their_lock_the_links_and_the_next_store_commit_and_the_outcomes_wait() =>
        WhileLockedAsync(PostgreSqlDialect.StoryLockKey, "SELECT COUNT(*) FROM article_sketches WHERE article_id = ANY(@ids)", async held =>
        {
            Assert.Same(held.Second, await Task.WhenAny(held.Second, Task.Delay(TimeSpan.FromSeconds(20), Ct)));
            Assert.Equal(0, await Sql.Int64Async(held.Other, null, "SELECT COUNT(*) FROM articles WHERE id = ANY(@ids) AND story_id IS NOT NULL", Ct,
                ("@ids", held.Ids)));
            Assert.False(held.Relating.IsCompleted);
        });

    /// <summary>
    /// The copy links of a batch in a transaction of their own, under their own lock: while another process holds the
    /// archive's copy-link lock, the batch's stories commit, but neither its outcomes nor the next batch's store (which
    /// must not be seen by the links' same-text look-up) commit before its links do.
    /// </summary>
    [Fact]
    public Task While_the_links_wait_for_their_lock_the_stories_commit_and_the_next_store_and_the_outcomes_wait() =>
        WhileLockedAsync(PostgreSqlDialect.CopyLockKey, "SELECT COUNT(*) FROM articles WHERE id = ANY(@ids) AND story_id IS NOT NULL", async held =>
        {
            await Task.WhenAny(held.Second, Task.Delay(TimeSpan.FromSeconds(1), Ct));
            Assert.False(held.Second.IsCompleted);
            Assert.False(held.Relating.IsCompleted);
            Assert.Equal(0, await Sql.Int64Async(held.Other, null, "SELECT COUNT(*) FROM article_sketches WHERE article_id = ANY(@ids)", Ct, ("@ids", held.Ids)));
            long articles = await Sql.Int64Async(held.Other, null, "SELECT COUNT(*) FROM articles", Ct);
            Assert.Equal(held.Ids.Length, articles); // the next batch's articles not committed
        });

    /// <summary>The ids of a stored batch's articles.</summary>
    internal static long[] Stored(IngestPipeline.StoredBatch batch) => batch.Items.Where(i => i is not null).Select(i => i!.ArticleId!.Value).ToArray();

    /// <summary>How many transactions wrote the sketches of the articles <paramref name="ids"/> (PostgreSQL: their rows' xmin).</summary>
    internal static async Task<long> SketchWritersAsync(Stores stores, long[] ids)
    {
        await using var conn = await stores.Database.ConnectAsync(Ct);
        return await Sql.Int64Async(conn, null, "SELECT COUNT(DISTINCT xmin::text) FROM article_sketches WHERE article_id = ANY(@ids)", Ct, ("@ids", ids));
    }

    /// <summary>The chunk stored, then related (after the batch before was): its outcomes.</summary>
    private static async Task<IReadOnlyList<IngestOutcome>> StoreAndRelateAsync(IngestPipeline pipeline, IncomingDocument[] chunk) =>
        await pipeline.RelateAsync(await pipeline.StoreAsync(await pipeline.PrepareAsync(chunk, Ct), Ct), Ct);

    /// <summary>
    /// The documents, by 7, through a PostgreSQL pipeline whose database, once the first batch is related, refuses once
    /// the first row the trigger event <paramref name="on"/> ("INSERT ON table", ...) names: that batch run alone, the
    /// outcomes (notes too) and the archive the per-article path's, and the relating stage at <paramref name="kept"/>, a
    /// <typeparamref name="TKept"/> whose own transaction committed, not rebuilt. <paramref name="then"/> checks the
    /// refused batch, as stored, further.
    /// </summary>
    private static async Task RefusedOnceAsync<TKept>(string on, Index kept, Func<Stores, IngestPipeline.StoredBatch, Task>? then = null)
        where TKept : class, IPipelineStage
    {
        var documents = await BatchedIngestTests.DocumentsAsync();
        var byOne = await PerArticleAsync(DatabaseEngine.PostgreSql, documents);
        await using var db = await TestDatabase.CreateAsync(DatabaseEngine.PostgreSql);
        var stores = await db.OpenAsync();
        var pipeline = await IngestPipeline.OpenAsync(stores, Ct);
        var chunks = documents.Chunk(7).ToList();
        var outcomes = new List<IngestOutcome>(await StoreAndRelateAsync(pipeline, chunks[0]));
        await using (var conn = await stores.Database.ConnectAsync(Ct))
        {
            // A sequence is not rolled back: the first row after this fails, the later ones pass.
            await Sql.ExecAsync(conn, null, "CREATE SEQUENCE fail_once", Ct);
            await Sql.ExecAsync(conn, null, """
                CREATE FUNCTION fail_once() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN IF nextval('fail_once') = 1 THEN RAISE EXCEPTION 'refused once'; END IF; RETURN NEW; END $$
                """, Ct);
            await Sql.ExecAsync(conn, null, $"CREATE TRIGGER fail_once BEFORE {on} FOR EACH ROW EXECUTE FUNCTION fail_once()", Ct);
        }
        var stage = Assert.IsType<TKept>(pipeline.Stages[kept]);
        var refused = await pipeline.StoreAsync(await pipeline.PrepareAsync(chunks[1], Ct), Ct);
        outcomes.AddRange(await pipeline.RelateAsync(refused, Ct));
        foreach (var chunk in chunks.Skip(2)) outcomes.AddRange(await StoreAndRelateAsync(pipeline, chunk));

        Assert.Same(stage, pipeline.Stages[kept]);
        if (then is not null) await then(stores, refused);
        await AssertLeftAsAsync(byOne, pipeline, runAlone: 1, outcomes, stores);
    }

    /// <summary>
    /// What a test of <see cref="WhileLockedAsync"/> sees while the lock is held: the connection that holds it, the first
    /// batch's article ids, its relating under way, and the second batch's store under way.
    /// </summary>
    private sealed record Held(System.Data.Common.DbConnection Other, long[] Ids, Task<IReadOnlyList<IngestOutcome>> Relating,
        Task<IngestPipeline.StoredBatch> Second);

    /// <summary>
    /// The documents, by 17 (the first batch large enough to be linked as one: CopyDetector.MinBatch), through a
    /// PostgreSQL pipeline: the first batch stored and its relating started while another connection holds the archive
    /// lock <paramref name="lockKey"/>; once <paramref name="committed"/> (a count over the batch's ids) shows the other
    /// relating stage committed, the second batch's store is started and <paramref name="meanwhile"/> checks what
    /// commits and what waits; then the lock is released, the rest stored and related, and the outcomes (notes too) and
    /// the archive are the one-transaction path's, no batch run alone.
    /// </summary>
    private static async Task WhileLockedAsync(long lockKey, string committed, Func<Held, Task> meanwhile)
    {
        var documents = await BatchedIngestTests.DocumentsAsync();
        var inOne = await OneTransactionAsync(documents, 17);
        await using var db = await TestDatabase.CreateAsync(DatabaseEngine.PostgreSql);
        var stores = await db.OpenAsync();
        var pipeline = await IngestPipeline.OpenAsync(stores, Ct);
        var chunks = documents.Chunk(17).ToList();
        var first = await pipeline.StoreAsync(await pipeline.PrepareAsync(chunks[0], Ct), Ct);
        long[] ids = Stored(first);
        Assert.True(ids.Length >= new Icmal.Linking.CopyDetector(stores).MinBatch);
        await using var other = await stores.Database.ConnectAsync(Ct);
        await Sql.ExecAsync(other, null, $"SELECT pg_advisory_lock({lockKey})", Ct);
        var relating = pipeline.RelateAsync(first, Ct);

        await UntilAsync(other, committed, ids, ids.Length);
        var second = pipeline.StoreAsync(await pipeline.PrepareAsync(chunks[1], Ct), Ct);
        await meanwhile(new Held(other, ids, relating, second));

        await Sql.ExecAsync(other, null, $"SELECT pg_advisory_unlock({lockKey})", Ct);
        var outcomes = new List<IngestOutcome>(await relating);
        outcomes.AddRange(await pipeline.RelateAsync(await second, Ct));
        foreach (var chunk in chunks.Skip(2)) outcomes.AddRange(await StoreAndRelateAsync(pipeline, chunk));
        await AssertLeftAsAsync(inOne, pipeline, runAlone: 0, outcomes, stores);
    }

    /// <summary>
    /// <paramref name="runAlone"/> batches run alone, and the outcomes (notes too) and the archive those of the
    /// <paramref name="reference"/> path.
    /// </summary>
    private static async Task AssertLeftAsAsync((List<string> Fingerprint, List<IngestOutcome> Outcomes) reference, IngestPipeline pipeline, int runAlone,
        List<IngestOutcome> outcomes, Stores stores)
    {
        Assert.Equal(runAlone, pipeline.BatchesRunAlone);
        Assert.Equal(reference.Outcomes.Select(o => (o.Origin, o.Status, o.ArticleId, o.Note)), outcomes.Select(o => (o.Origin, o.Status, o.ArticleId, o.Note)));
        Assert.Equal(reference.Fingerprint, await BatchedIngestTests.FingerprintAsync(stores.Database));
    }
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
