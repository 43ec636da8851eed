using Icmal.Ingest;
using Icmal.Model;
using Icmal.Storage;
using Icmal.Tests.Support;

namespace Icmal.Tests.Ingest;

/// <summary>
/// A batch prepared (its known documents looked up) before a commit that stores one of its documents: by this
/// pipeline's batch before, which the batch's commit looks up again (only what that commit offered), or by another
/// crawler, which the store itself meets. Either way the document is already present with the first article, no
/// article is stored twice, and the batch commits as one.
/// </summary>
public sealed class PreparedBatchLookupTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [ClassData(typeof(BothEngines))]
    public async Task A_document_the_batch_before_stored_after_this_one_was_prepared_is_found_before_the_store(DatabaseEngine engine)
    {
        var documents = await BatchedIngestTests.DocumentsAsync();
        await using var db = await TestDatabase.CreateAsync(engine);
        var stores = await db.OpenAsync();
        var pipeline = await IngestPipeline.OpenAsync(stores, Ct);
        var repeat = documents[3] with { Origin = "repeat.txt" };

        var first = await pipeline.PrepareAsync(documents.Take(6).ToList(), Ct);
        var second = await pipeline.PrepareAsync([.. documents.Skip(6).Take(4), repeat], Ct); // prepared before the first commits
        var firstOutcomes = await pipeline.CommitAsync(first, Ct);
        var secondOutcomes = await pipeline.CommitAsync(second, Ct);

        Assert.Equal(0, pipeline.BatchesRunAlone);
        var again = secondOutcomes[^1];
        Assert.Equal(IngestStatus.AlreadyPresent, again.Status);
        Assert.Equal(firstOutcomes[3].ArticleId, again.ArticleId);
        // Found by the look-up before the store, as one by one (the store's own answer would carry the title), and no
        // document id spent on it (PostgreSQL's ON CONFLICT DO NOTHING takes one).
        Assert.Null(again.Title);
        await using var conn = await stores.Database.ConnectAsync(Ct);
        Assert.Equal(await Sql.Int64Async(conn, null, "SELECT COUNT(*) FROM documents", Ct),
            await Sql.Int64Async(conn, null, "SELECT MAX(id) FROM documents", Ct));
        Assert.Equal(await Sql.Int64Async(conn, null, "SELECT COUNT(*) FROM documents", Ct), await Sql.Int64Async(conn, null, "SELECT COUNT(*) FROM articles", Ct));
    }

    [Theory]
    [ClassData(typeof(BothEngines))]
    public async Task A_document_another_crawler_stores_after_the_batch_is_prepared_is_already_present_with_its_article(DatabaseEngine engine)
    {
        var documents = await BatchedIngestTests.DocumentsAsync();
        await using var db = await TestDatabase.CreateAsync(engine);
        var stores = await db.OpenAsync();
        var crawler = await IngestPipeline.OpenAsync(stores, Ct);
        var other = await IngestPipeline.OpenAsync(await db.OpenAsync(), Ct);

        var batch = await crawler.PrepareAsync(documents.Take(8).ToList(), Ct);
        var stored = await other.IngestManyAsync([documents[4], documents[6]], Ct);
        var outcomes = await crawler.CommitAsync(batch, Ct);

        Assert.Equal(0, crawler.BatchesRunAlone); // met by the store, not by a failed batch run again one by one
        Assert.Equal(IngestStatus.AlreadyPresent, outcomes[4].Status);
        Assert.Equal(stored[0].ArticleId, outcomes[4].ArticleId);
        Assert.Equal(IngestStatus.AlreadyPresent, outcomes[6].Status);
        Assert.Equal(stored[1].ArticleId, outcomes[6].ArticleId);
        Assert.All(outcomes.Where((_, i) => i is not (4 or 6)), o => Assert.Equal(IngestStatus.Stored, o.Status));
        await using var conn = await stores.Database.ConnectAsync(Ct);
        Assert.Equal(0, await Sql.Int64Async(conn, null,
            "SELECT COUNT(*) FROM (SELECT document_id FROM articles GROUP BY document_id HAVING COUNT(*) > 1) t", Ct));
        Assert.Equal(await Sql.Int64Async(conn, null, "SELECT COUNT(*) FROM documents", Ct), await Sql.Int64Async(conn, null, "SELECT COUNT(*) FROM articles", Ct));
    }
}
