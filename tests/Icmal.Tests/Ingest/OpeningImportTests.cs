using System.Globalization;
using System.Text;
using Icmal.Hosting;
using Icmal.Import;
using Icmal.Ingest;
using Icmal.Ingest.Stages;
using Icmal.Model;
using Icmal.Storage;
using Icmal.Tests.Support;

namespace Icmal.Tests.Ingest;

/// <summary>
/// <c>icmal import</c> opens its pipeline (the catch-ups of what a stopped process left, the story stage's warm start)
/// while it reads and analyses its first batches (<see cref="IcmalApplication.OpenImporterAsync"/>): nothing is stored
/// before that is done, and the archive is the one an import opened first leaves, the left-over articles linked and
/// clustered before the new ones.
/// </summary>
public sealed class OpeningImportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Stored by a process killed before its links and stories: the first documents of the set.</summary>
    private const int LeftOver = 10;

    [Theory]
    [ClassData(typeof(BothEngines))]
    public async Task An_import_opened_beside_its_first_batches_leaves_the_archive_an_import_opened_first_leaves(DatabaseEngine engine)
    {
        using var files = new TempFolder();
        var documents = await BatchedIngestTests.DocumentsAsync();
        string list = await WriteListAsync(files, documents.Skip(LeftOver));

        await using var first = await TestDatabase.CreateAsync(engine);
        await LeaveUnrelatedAsync(await first.OpenAsync(), documents.Take(LeftOver));
        var reopened = await first.OpenAsync(); // the next run, opened first as every other command opens
        var expectedOutcomes = await ImportAsync(new Importer(await IngestPipeline.OpenAsync(reopened, Ct), new ImportOptions()), list);
        var expected = await BatchedIngestTests.FingerprintAsync(reopened.Database);

        await using var beside = await TestDatabase.CreateAsync(engine);
        var stores = await beside.OpenAsync();
        await LeaveUnrelatedAsync(stores, documents.Take(LeftOver));
        var unrelated = await BatchedIngestTests.FingerprintAsync(stores.Database);
        var importer = await IcmalApplication.OpenImporterAsync(new IcmalOptions { Database = Setting(beside) }, new ImportOptions(), Ct);
        var outcomes = await ImportAsync(importer, list);

        Assert.Equal(expectedOutcomes, outcomes);
        Assert.NotEqual(unrelated[3], expected[3]); // the left-over articles had copy links to make,
        Assert.NotEqual(unrelated[5], expected[5]); // and stories;
        Assert.Equal(expected, await BatchedIngestTests.FingerprintAsync(stores.Database)); // made as an import opened first makes them
        if (engine == DatabaseEngine.PostgreSql)
        {
            // in the batch's own transactions, not document by document: one wrote the batch's sketches (its links').
            long[] ids = outcomes.Where(o => o.Item2 == IngestStatus.Stored).Select(o => o.Item3!.Value).ToArray();
            Assert.True(ids.Length > 1);
            Assert.Equal(1, await OverlappedIngestTests.SketchWritersAsync(stores, ids));
        }
    }

    /// <summary>
    /// The importer stores its first batch only once the pipeline is open: held open here, the import reads and
    /// analyses but stores nothing, and reports nothing; released, it imports as usual.
    /// </summary>
    [Theory]
    [ClassData(typeof(BothEngines))]
    public async Task Nothing_is_stored_before_the_pipeline_is_open(DatabaseEngine engine)
    {
        using var files = new TempFolder();
        var documents = await BatchedIngestTests.DocumentsAsync();
        string list = await WriteListAsync(files, documents.Skip(LeftOver));
        await using var db = await TestDatabase.CreateAsync(engine);
        var stores = await db.OpenAsync();
        await LeaveUnrelatedAsync(stores, documents.Take(LeftOver));

        var pipeline = IngestPipeline.Preparing(stores);
        var release = new TaskCompletionSource();
        var opening = Task.Run(async () =>
        {
            await release.Task;
            await pipeline.OpenRelatingStagesAsync(Ct);
        }, Ct);
        var events = new Importer(pipeline, opening, new ImportOptions()).ImportAsync([list], Ct).GetAsyncEnumerator(Ct);
        var next = events.MoveNextAsync().AsTask();
        Assert.NotSame(next, await Task.WhenAny(next, Task.Delay(TimeSpan.FromSeconds(2), Ct)));
        Assert.Equal(LeftOver - 1, await ArticleCountAsync(stores)); // the left-over ones (one document twice), no more

        release.SetResult();
        var outcomes = new List<IngestOutcome>();
        for (bool more = await next; more; more = await events.MoveNextAsync()) outcomes.Add(events.Current.Outcome);
        await events.DisposeAsync();
        Assert.Equal(documents.Count - LeftOver, outcomes.Count);
        Assert.All(outcomes, o => Assert.Equal(IngestStatus.Stored, o.Status));
        Assert.Equal(documents.Count - 1, await ArticleCountAsync(stores));
    }

    /// <summary>
    /// On PostgreSQL the pipeline an import opens beside its first batches (<see cref="IngestPipeline.Preparing"/>) commits
    /// each batch as a pipeline opened first does, the batches prepared before its relating stages opened and those
    /// after: its store, its copy links and its stories each in a transaction of its own, overlapped; none run alone,
    /// none caught up by a rebuilt stage. Each relating stage's lane is made when the stages open: made with the
    /// pipeline, before the stages were there, the lanes were too few and no batch was related in its own transactions.
    /// </summary>
    [Fact]
    public async Task A_pipeline_opened_beside_its_first_batches_relates_each_batch_in_its_own_transactions()
    {
        var documents = await BatchedIngestTests.DocumentsAsync();
        await using var db = await TestDatabase.CreateAsync(DatabaseEngine.PostgreSql);
        var stores = await db.OpenAsync();
        var pipeline = IngestPipeline.Preparing(stores);
        var chunks = documents.Chunk(5).ToList();
        Assert.True(chunks.Count > Importer.PreparedAhead + 1); // batches prepared before the stages open, and after

        var (outcomes, stored, opened) = await ImportBesideOpeningAsync(pipeline, chunks);

        Assert.True(pipeline.OverlapsCommits);
        Assert.Equal(0, pipeline.BatchesRunAlone);
        Assert.Equal(opened, pipeline.Stages.OfType<IRelatingStage>()); // no stage rebuilt for a catch-up
        Assert.Equal(documents.Count, outcomes.Count);
        Assert.All(outcomes, o => Assert.Contains(o.Status, new[] { IngestStatus.Stored, IngestStatus.AlreadyPresent }));
        foreach (var batch in stored)
        {
            long[] ids = OverlappedIngestTests.Stored(batch);
            Assert.NotEmpty(ids);
            Assert.Equal(1, await OverlappedIngestTests.SketchWritersAsync(stores, ids)); // the batch's links' one transaction
        }
    }

    /// <summary>
    /// The batches prepared before a <see cref="IngestPipeline.Preparing"/> pipeline's relating stages open get the link
    /// stage's work ahead all the same, before their store, as the batches prepared after do: their sketches worked out
    /// on all cores (not on the copy transaction's serial path), and their keys' stored ids read outside the transaction
    /// (<see cref="KeyAhead"/>), which every batch's copy transaction then uses instead of reading them itself.
    /// </summary>
    [Fact]
    public async Task Batches_prepared_before_the_relating_stages_open_have_their_links_prepared_and_their_keys_read_ahead()
    {
        var now = new DateTimeOffset(2025, 5, 1, 9, 0, 0, TimeSpan.Zero);
        var documents = Enumerable.Range(0, 80).Select(i => new IncomingDocument(string.Create(CultureInfo.InvariantCulture, $"list.json#{i}"),
            DocumentFormat.JsonArticle, Encoding.UTF8.GetBytes(ArticleListFile.Article(i, 1_200)), now)).ToList();
        await using var db = await TestDatabase.CreateAsync(DatabaseEngine.PostgreSql);
        var stores = await db.OpenAsync();
        var pipeline = IngestPipeline.Preparing(stores);
        var chunks = documents.Chunk(20).ToList(); // each batch large enough to be linked as one (CopyDetector.MinBatch)
        Assert.True(chunks.Count > Importer.PreparedAhead + 1);

        var (outcomes, stored, _) = await ImportBesideOpeningAsync(pipeline, chunks);

        Assert.All(outcomes, o => Assert.Equal(IngestStatus.Stored, o.Status));
        Assert.Equal(0, pipeline.BatchesRunAlone);
        Assert.All(stored.SelectMany(b => b.Items), i => Assert.NotNull(i!.LinkText)); // every batch's sketches worked out ahead,
        Assert.Equal((chunks.Count, 0), (stores.Sketches.Ahead.Used, stores.Sketches.Ahead.ReadHere)); // and its keys read ahead and used
    }

    /// <summary>
    /// The chunks imported as the importer imports them through a pipeline made by <see cref="IngestPipeline.Preparing"/>:
    /// the first <see cref="Importer.PreparedAhead"/> + 1 prepared before its relating stages open, then each batch
    /// prepared before the one before it is stored, and stored beside the links and stories of the one before. The outcomes, each batch as stored, and the relating
    /// stages as they opened.
    /// </summary>
    private static async Task<(List<IngestOutcome> Outcomes, List<IngestPipeline.StoredBatch> Stored, List<IRelatingStage> Opened)> ImportBesideOpeningAsync(
        IngestPipeline pipeline, List<IncomingDocument[]> chunks)
    {
        var early = new List<IngestPipeline.PreparedBatch>();
        foreach (var chunk in chunks.Take(Importer.PreparedAhead + 1)) early.Add(await pipeline.PrepareAsync(chunk, Ct));
        await pipeline.OpenRelatingStagesAsync(Ct);
        var opened = pipeline.Stages.OfType<IRelatingStage>().ToList();
        var outcomes = new List<IngestOutcome>();
        var stored = new List<IngestPipeline.StoredBatch>();
        Task<IReadOnlyList<IngestOutcome>>? relating = null;
        IngestPipeline.PreparedBatch? next = null;
        for (int k = 0; k < chunks.Count; k++)
        {
            var batch = k < early.Count ? early[k] : next!;
            // The next batch is prepared before this one is stored, as the importer prepares it while this one is
            // written: the last early batch's keys are then read ahead after the next batch's.
            if (k + 1 < chunks.Count && k + 1 >= early.Count) next = await pipeline.PrepareAsync(chunks[k + 1], Ct);
            stored.Add(await pipeline.StoreAsync(batch, Ct));
            if (relating is not null) outcomes.AddRange(await relating);
            relating = pipeline.RelateAsync(stored[^1], Ct);
        }
        if (relating is not null) outcomes.AddRange(await relating);
        return (outcomes, stored, opened);
    }

    /// <summary>What a process killed between a batch's store and its links leaves (<see cref="IngestPipeline.StoreAsync"/> alone).</summary>
    private static async Task LeaveUnrelatedAsync(Stores stores, IEnumerable<IncomingDocument> documents)
    {
        var killed = await IngestPipeline.OpenAsync(stores, Ct);
        await killed.StoreAsync(await killed.PrepareAsync(documents.ToList(), Ct), Ct);
    }

    /// <summary>The JSON documents as one article list (their bytes, as the list's items).</summary>
    private static async Task<string> WriteListAsync(TempFolder folder, IEnumerable<IncomingDocument> documents)
    {
        var items = documents.Where(d => d.Format == DocumentFormat.JsonArticle).Select(d => Encoding.UTF8.GetString(d.Raw.Span)).ToList();
        string path = Path.Combine(folder.Path, "more.json");
        await File.WriteAllTextAsync(path, "[\n" + string.Join(",\n", items) + "\n]\n", Ct);
        return path;
    }

    private static async Task<List<(string, IngestStatus, long?)>> ImportAsync(Importer importer, string list)
    {
        var outcomes = new List<(string, IngestStatus, long?)>();
        await foreach (var e in importer.ImportAsync([list], Ct)) outcomes.Add((e.Outcome.Origin, e.Outcome.Status, e.Outcome.ArticleId));
        return outcomes;
    }

    private static async Task<long> ArticleCountAsync(Stores stores)
    {
        await using var conn = await stores.Database.ConnectAsync(Ct);
        return await Sql.Int64Async(conn, null, "SELECT COUNT(*) FROM articles", Ct);
    }

    private static string Setting(TestDatabase db) => (db.Engine == DatabaseEngine.Sqlite ? "sqlite:" : "postgresql:") + db.Setting.Target;
}
