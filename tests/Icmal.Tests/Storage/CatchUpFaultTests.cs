using Icmal.Ingest;
using Icmal.Model;
using Icmal.Search;
using Icmal.Storage;
using Icmal.Tests.Support;

namespace Icmal.Tests.Storage;

/// <summary>
/// The catch-ups an archive runs when it is opened (search index, facts, categories, copy links) pass over a stored
/// article they cannot read, record it in the item error log and do the rest: one such row used to stop every later
/// import, crawl and portal start.
/// </summary>
public sealed class CatchUpFaultTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_archive_with_an_article_it_cannot_read_opens_catches_up_the_rest_and_says_which()
    {
        // SQLite's file holds whatever a tool writes; PostgreSQL's typed columns refuse such a row.
        await using var h = await ImportHarness.CreateAsync();
        await h.ImportAsync(TestPaths.Samples);
        var stores = h.Store;
        var ids = (await stores.Articles.ListAsync(new ArticleQuery(10), Ct)).Select(a => a.Id).Order().ToList();
        Assert.Equal(5, ids.Count);
        long bad = ids[1];
        var badArticle = (await stores.Articles.GetAsync(bad, Ct))!;
        string badOrigin = badArticle.Url ?? badArticle.Origin;
        long indexedBefore = (await new Searcher(stores).SearchAsync(new SearchRequest("lang:az"), Ct)).Results!.Total;

        // Every catch-up has all five to do (as after an upgrade, or an interrupted run), and one article's times hold text
        // that is no time (a row another tool wrote).
        await stores.Search.ResetAsync(Ct);
        await using (var conn = await stores.Database.ConnectAsync(Ct))
        {
            await Sql.ExecAsync(conn, null, "DELETE FROM article_facts", Ct);
            await Sql.ExecAsync(conn, null, "DELETE FROM article_categories", Ct);
            await Sql.ExecAsync(conn, null, "DELETE FROM article_sketch_keys", Ct);
            await Sql.ExecAsync(conn, null, "DELETE FROM article_sketches", Ct);
            await Sql.ExecAsync(conn, null, "UPDATE articles SET archived_at = 'yesterday', sort_at = 'yesterday', published_at = 'soon', modified_at = 'soon' WHERE id = @id", Ct, ("@id", bad));
            await Sql.ExecAsync(conn, null, "UPDATE documents SET archived_at = 'yesterday' WHERE id = (SELECT document_id FROM articles WHERE id = @id)", Ct, ("@id", bad));
        }

        await Stores.CatchUpAsync(stores, Ct);
        _ = await IngestPipeline.OpenAsync(stores, Ct);

        Assert.Equal(0, await stores.Search.PendingAsync(Ct));
        Assert.Equal(indexedBefore - 1, (await new Searcher(stores).SearchAsync(new SearchRequest("lang:az"), Ct)).Results!.Total);
        Assert.Equal(1, await stores.Entities.CountUnanalysedAsync(ArticleFacts.Version, Ct));
        Assert.Equal(1, await stores.Categories.CountMissingUpToAsync(10, Ct));
        Assert.Equal(ids.Where(id => id != bad), await SketchedAsync(stores));
        foreach (long id in ids.Where(id => id != bad)) Assert.NotNull(await stores.Categories.GetAsync(id, Ct));

        var errors = await stores.ItemErrors.ListAsync(null, 20, Ct);
        Assert.All(errors, e => Assert.Equal(badOrigin, e.Origin));
        Assert.Equal([IngestStage.Store, IngestStage.Link, IngestStage.Categorise, IngestStage.Entities], errors.Select(e => e.Stage).Order());
        var search = Assert.Single(errors, e => e.Stage == IngestStage.Store);
        Assert.StartsWith($"stored article {bad}: indexing it for search failed: FormatException: a stored time holds the text \"yesterday\", not a time", search.Reason, StringComparison.Ordinal);
        Assert.EndsWith("; it stays stored, and `icmal reindex` indexes it again", search.Reason, StringComparison.Ordinal);

        // Mended, the next catch-ups do it.
        await using (var conn = await stores.Database.ConnectAsync(Ct))
            await Sql.ExecAsync(conn, null, "UPDATE articles SET archived_at = 1764000000000, sort_at = 1764000000000, published_at = NULL, modified_at = NULL WHERE id = @id; UPDATE documents SET archived_at = 1764000000000 WHERE id = (SELECT document_id FROM articles WHERE id = @id)", Ct, ("@id", bad));
        await new Reindexer(stores).RebuildAsync(null, Ct);
        await Stores.CatchUpAsync(stores, Ct);
        _ = await IngestPipeline.OpenAsync(stores, Ct);
        Assert.Equal(indexedBefore, (await new Searcher(stores).SearchAsync(new SearchRequest("lang:az"), Ct)).Results!.Total);
        Assert.Equal(0, await stores.Entities.CountUnanalysedAsync(ArticleFacts.Version, Ct));
        Assert.Equal(0, await stores.Categories.CountMissingUpToAsync(10, Ct));
        Assert.Equal(ids, await SketchedAsync(stores));
        Assert.Equal(4, (await stores.ItemErrors.ListAsync(null, 20, Ct)).Count);
    }

    [Fact]
    public async Task An_article_whose_archive_time_cannot_be_read_is_left_out_of_the_stories_and_the_pipeline_starts()
    {
        // The story stage's warm-up reads every recent article's times in one query: one such row stopped every
        // import, crawl and portal start, before any catch-up could pass over it.
        await using var h = await ImportHarness.CreateAsync();
        await h.ImportAsync(TestPaths.Samples);
        var stores = h.Store;
        var ids = (await stores.Articles.ListAsync(new ArticleQuery(10), Ct)).Select(a => a.Id).Order().ToList();
        long bad = ids[1];
        await using (var conn = await stores.Database.ConnectAsync(Ct))
        {
            await Sql.ExecAsync(conn, null, "DELETE FROM article_facts", Ct);
            await Sql.ExecAsync(conn, null, "UPDATE articles SET archived_at = 'yesterday', published_at = 'soon', modified_at = 'soon' WHERE id = @id", Ct, ("@id", bad));
            await Sql.ExecAsync(conn, null, "UPDATE documents SET archived_at = 'yesterday' WHERE id = (SELECT document_id FROM articles WHERE id = @id)", Ct, ("@id", bad));
        }

        await Stores.CatchUpAsync(stores, Ct);
        _ = await IngestPipeline.OpenAsync(stores, Ct);
        var outcomes = await h.ImportAsync(h.Files.Write("list.json", """
            [{"title": "Sumqayıtda yeni park salındı", "url": "https://example.az/park",
              "text": "Sumqayıtda yeni park salınıb və sakinlər üçün açılıb. Parkda uşaq meydançaları, velosiped yolları və gəzinti zolaqları var."}]
            """));

        Assert.Equal(IngestStatus.Stored, Assert.Single(outcomes).Status);
        Assert.Equal(1, await stores.Entities.CountUnanalysedAsync(ArticleFacts.Version, Ct));
        Assert.Equal(IngestStage.Entities, Assert.Single(await stores.ItemErrors.ListAsync(null, 20, Ct)).Stage);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_unclustered_article_whose_own_archive_time_holds_no_time_is_clustered_with_the_next_time_it_has(bool pageTimeToo)
    {
        // Read as the portal reads it (the page's archive time, else its publication time), it is no fault: the
        // start's catch-up clusters it.
        await using var h = await ImportHarness.CreateAsync();
        await h.ImportAsync(TestPaths.Samples);
        var stores = h.Store;
        long bad = (await stores.Articles.ListAsync(new ArticleQuery(10), Ct)).Select(a => a.Id).Order().ElementAt(1);
        await using (var conn = await stores.Database.ConnectAsync(Ct))
        {
            if (pageTimeToo)
            {
                await Sql.ExecAsync(conn, null, "UPDATE articles SET published_at = COALESCE(published_at, archived_at) WHERE id = @id", Ct, ("@id", bad));
                await Sql.ExecAsync(conn, null, "UPDATE documents SET archived_at = 'yesterday' WHERE id = (SELECT document_id FROM articles WHERE id = @id)", Ct, ("@id", bad));
            }
            await Sql.ExecAsync(conn, null, "UPDATE articles SET archived_at = 'yesterday', story_id = NULL, story_seq = NULL WHERE id = @id", Ct, ("@id", bad));
        }

        _ = await IngestPipeline.OpenAsync(stores, Ct);

        Assert.NotNull((await stores.Articles.GetAsync(bad, Ct))!.StoryId);
        Assert.Empty(await stores.ItemErrors.ListAsync(null, 20, Ct));
    }

    [Theory, ClassData(typeof(BothEngines))]
    public async Task An_article_whose_json_columns_another_tool_mangled_is_read_without_them_and_caught_up(DatabaseEngine engine)
    {
        // Authors, tags and blocks are JSON İcmal writes; one row that is not (a hand, another tool) took down the home
        // page, the API's list and the feeds, and stopped the archive opening.
        await using var h = await ImportHarness.CreateAsync(engine: engine);
        await h.ImportAsync(TestPaths.Samples);
        var stores = h.Store;
        var ids = (await stores.Articles.ListAsync(new ArticleQuery(10), Ct)).Select(a => a.Id).Order().ToList();
        long bad = ids[1];
        await stores.Search.ResetAsync(Ct);
        await using (var conn = await stores.Database.ConnectAsync(Ct))
        {
            await Sql.ExecAsync(conn, null, "DELETE FROM article_facts", Ct);
            await Sql.ExecAsync(conn, null, "DELETE FROM article_categories", Ct);
            await Sql.ExecAsync(conn, null, """UPDATE articles SET authors = '{not json', tags = '["Bakı", null, 7]', blocks = '[["p", "Bir"], ["p"], 5, ["h", "\ud800"], ["q", "İki"]]' WHERE id = @id""", Ct, ("@id", bad));
        }

        await Stores.CatchUpAsync(stores, Ct);

        var article = (await stores.Articles.GetAsync(bad, Ct))!;
        Assert.Empty(article.Authors);
        Assert.Empty(article.Tags);
        Assert.Equal([new ArticleBlock(BlockKind.Paragraph, "Bir"), new ArticleBlock(BlockKind.Quote, "İki")], article.Blocks);
        Assert.Contains(await stores.Articles.ListAsync(new ArticleQuery(10), Ct), a => a.Id == bad);
        Assert.Equal(0, await stores.Search.PendingAsync(Ct));
        Assert.Equal(0, await stores.Entities.CountUnanalysedAsync(ArticleFacts.Version, Ct));
        Assert.Equal(0, await stores.Categories.CountMissingUpToAsync(10, Ct));
        Assert.Empty(await stores.ItemErrors.ListAsync(null, 20, Ct));
    }

    private static async Task<List<long>> SketchedAsync(Stores stores)
    {
        await using var conn = await stores.Database.ConnectAsync(Ct);
        return await Sql.ListAsync(conn, "SELECT article_id FROM article_sketches ORDER BY article_id", r => r.GetInt64(0), Ct);
    }
}
