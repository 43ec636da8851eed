using System.Text;
using Icmal.Clustering;
using Icmal.Storage;
using Icmal.Tests.Collection;
using Icmal.Tests.Support;
using Microsoft.Data.Sqlite;
using Icmal.Model;
using Icmal.Ingest;

namespace Icmal.Tests.Ingest;

/// <summary>
/// One bad item never stops its neighbours: whatever stage throws (decode, extract, store, cluster), that item gets an
/// outcome naming the stage and the reason, and the items after it are still stored.
/// </summary>
public sealed class ItemBoundaryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Page(string title, string extra = "") =>
        TestSite.ArticleHtml(title, $"{title}: Bakıda bu gün mühüm hadisə baş verdi.").Replace("<h1>", extra + "<h1>", StringComparison.Ordinal);

    /// <summary>Makes one table refuse the row titled "Zəhərli xəbər": a real SQLite failure in that stage, for that item only.</summary>
    private static async Task RefusePoisonedTitleAsync(ImportHarness h, bool stories)
    {
        await using var conn = new SqliteConnection($"Data Source={Path.Combine(h.DataDirectory, "icmal.db")}");
        await conn.OpenAsync(Ct);
        await using var cmd = conn.CreateCommand();
        if (stories)
            cmd.CommandText = "CREATE TRIGGER refuse_story BEFORE INSERT ON stories WHEN NEW.title = 'Zəhərli xəbər' BEGIN SELECT RAISE(ABORT, 'disk says no'); END";
        else
            cmd.CommandText = "CREATE TRIGGER refuse_article BEFORE INSERT ON articles WHEN NEW.title = 'Zəhərli xəbər' BEGIN SELECT RAISE(ABORT, 'disk says no'); END";
        await cmd.ExecuteNonQueryAsync(Ct);
    }

    [Fact]
    public async Task A_folder_with_a_utf7_page_imports_every_other_page()
    {
        await using var h = await ImportHarness.CreateAsync();
        h.Files.Write("a.html", Page("Birinci xəbər"));
        string utf7 = h.Files.Write("b-utf7.html", Encoding.ASCII.GetBytes(
            "<html><head><meta charset=\"utf-7\"><title>x</title></head><body><article><h1>+ADw-script+AD4-alert(1)+ADw-/script+AD4-</h1><p>"
            + string.Concat(Enumerable.Repeat("Bu gun Bakida yeni park acildi. ", 6)) + "</p></article></body></html>"));
        h.Files.Write("c.html", Page("Üçüncü xəbər"));

        var outcomes = await h.ImportAsync(h.Files.Path);

        Assert.Equal(3, outcomes.Count);
        Assert.Equal(2, outcomes.Count(o => o.Status == IngestStatus.Stored && o.Origin != utf7));
        // The page is read by the default rule (UTF-8), as a browser reads it: its "+ADw-script+AD4-" stays inert text.
        var page = outcomes.Single(o => o.Origin == utf7);
        Assert.Equal(IngestStatus.Stored, page.Status);
        Assert.Contains("'utf-7'", page.Note, StringComparison.Ordinal);
        var article = (await h.Store.Articles.ListAsync(new ArticleQuery(10), Ct)).Single(a => a.Origin == utf7);
        Assert.DoesNotContain("<script", article.Title + article.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_item_whose_extraction_throws_is_rejected_and_the_next_is_stored()
    {
        await using var h = await ImportHarness.CreateAsync();
        var pipeline = await IngestPipeline.OpenAsync(h.Store, Ct);
        // A relative date read against the earliest representable fetch time: the arithmetic overflows inside extraction.
        var hostile = new IncomingDocument("https://example.az/1", DocumentFormat.Html,
            Encoding.UTF8.GetBytes(Page("Köhnə xəbər", "<div class=\"news-date\">35 dəqiqə əvvəl</div>")), DateTimeOffset.UtcNow,
            new Uri("https://example.az/1"), Fetched: DateTimeOffset.MinValue);
        var good = new IncomingDocument("https://example.az/2", DocumentFormat.Html, Encoding.UTF8.GetBytes(Page("Yeni xəbər")), DateTimeOffset.UtcNow,
            new Uri("https://example.az/2"), Fetched: DateTimeOffset.UtcNow);

        var bad = await pipeline.IngestAsync(hostile, Ct);
        var next = await pipeline.IngestAsync(good, Ct);

        Assert.Equal(IngestStatus.Rejected, bad.Status);
        Assert.Equal(IngestStage.Extract, bad.Stage);
        Assert.Contains("extract failed: ArgumentOutOfRangeException", bad.Reason, StringComparison.Ordinal);
        Assert.Equal(IngestStatus.Stored, next.Status);
        var logged = Assert.Single(await h.Store.ItemErrors.ListAsync(null, 10, Ct));
        Assert.Equal(("https://example.az/1", "extract"), (logged.Origin, logged.Stage.Code()));
    }

    [Fact]
    public async Task An_item_the_database_refuses_fails_alone_and_the_import_goes_on()
    {
        await using var h = await ImportHarness.CreateAsync();
        await RefusePoisonedTitleAsync(h, stories: false);
        h.Files.Write("a.html", Page("Birinci xəbər"));
        string poisoned = h.Files.Write("b.html", Page("Zəhərli xəbər"));
        h.Files.Write("c.html", Page("Üçüncü xəbər"));

        var outcomes = await h.ImportAsync(h.Files.Path);

        Assert.Equal(2, outcomes.Count(o => o.Status == IngestStatus.Stored));
        var bad = outcomes.Single(o => o.Origin == poisoned);
        Assert.NotEqual(IngestStatus.Stored, bad.Status);
        Assert.Contains("store", bad.Reason, StringComparison.Ordinal);
        Assert.Contains("disk says no", bad.Reason, StringComparison.Ordinal);
        Assert.Equal(2, await h.Store.Articles.CountAsync(Ct));
        Assert.Equal(IngestStatus.Failed, bad.Status); // not the page's fault: worth trying again
        Assert.Contains(await h.Store.ItemErrors.ListAsync(null, 10, Ct),
            e => e.Origin == poisoned && e.Stage == IngestStage.Store && e.Reason.Contains("disk says no", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_item_whose_clustering_throws_stays_stored_and_the_next_is_clustered()
    {
        await using var h = await ImportHarness.CreateAsync();
        await RefusePoisonedTitleAsync(h, stories: true);
        var pipeline = await IngestPipeline.OpenAsync(h.Store, Ct);
        var poisoned = new IncomingDocument("p.html", DocumentFormat.Html, Encoding.UTF8.GetBytes(Page("Zəhərli xəbər")), DateTimeOffset.UtcNow);
        var good = new IncomingDocument("g.html", DocumentFormat.Html, Encoding.UTF8.GetBytes(Page("Fərqli mövzuda xəbər")), DateTimeOffset.UtcNow);

        var bad = await pipeline.IngestAsync(poisoned, Ct);
        var next = await pipeline.IngestAsync(good, Ct);

        Assert.Equal(IngestStatus.Stored, bad.Status);
        Assert.Equal(IngestStatus.Stored, next.Status);
        var articles = await h.Store.Articles.ListAsync(new ArticleQuery(10), Ct);
        Assert.Null(articles.Single(a => a.Title == "Zəhərli xəbər").StoryId);
        Assert.NotNull(articles.Single(a => a.Title == "Fərqli mövzuda xəbər").StoryId);
        Assert.Contains("cluster failed", bad.Note, StringComparison.Ordinal);
        Assert.Contains(await h.Store.ItemErrors.ListAsync(null, 10, Ct), e => e.Origin == "p.html" && e.Stage == IngestStage.Cluster);

        // The next start clusters what is pending; the one article the store still refuses does not keep it from starting.
        await StoryStage.OpenAsync(h.Store.Stories, Ct);
    }
}
