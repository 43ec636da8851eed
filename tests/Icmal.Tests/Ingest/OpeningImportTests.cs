using System.Text;
using Icmal.Hosting;
using Icmal.Import;
using Icmal.Ingest;
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
