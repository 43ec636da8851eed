using Icmal.Tests.Collection;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using Icmal.Collection;
using Icmal.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Icmal.Model;
using Icmal.Ingest;

namespace Icmal.Tests.Ingest;

/// <summary>
/// A real site on loopback whose feed mixes good pages with every kind of hostile one: each good page is stored, each
/// bad one is recorded against its address with its reason, and no bad one ends the poll.
/// </summary>
/// <remarks>
/// Runs alone: its gzip bomb and endless bodies allocate tens of megabytes, which tests that measure the process's
/// allocations (an unread 50 MB import) would count as their own.
/// </remarks>
[Collection(nameof(HostileCrawlTests))]
public sealed class HostileCrawlTests : IAsyncDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "icmal-hostile-" + Guid.NewGuid().ToString("N"));
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
        return ValueTask.CompletedTask;
    }

    private static byte[] GzipOfZeros(int size)
    {
        using var buffer = new MemoryStream();
        using (var gz = new GZipStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var zeros = new byte[1024 * 1024];
            for (int i = 0; i < size / zeros.Length; i++) gz.Write(zeros);
        }
        return buffer.ToArray();
    }

    /// <summary>An ASCII-only article, so that a page declaring UTF-7 still reads as text.</summary>
    private static string AsciiArticle(string title, string charsetMeta) => $"""
        <!DOCTYPE html><html><head>{charsetMeta}<title>{title}</title></head><body><article><h1>{title}</h1>
        <p>Bu gun Bakida yeni park acildi. Sakinler parkin acilisini alqisladilar ve yeni agaclarin ekildiyini bildirdiler.</p>
        <p>Ikinci abzas: belediyye parkin genislendirilmesi ucun elave vesait ayiracagini acikladi. +ADw-script+AD4-alert(1)+ADw-/script+AD4-</p>
        </article></body></html>
        """;

    [Fact]
    public async Task A_feed_mixing_good_pages_with_hostile_ones_stores_every_good_page_and_records_each_bad_one()
    {
        byte[] bomb = GzipOfZeros(20 * 1024 * 1024);
        string[] bad = ["utf7/header", "utf7/meta", "kr/1", "bomb", "drip", "loop/a"];
        await using var site = await TestSite.StartAsync(app =>
        {
            app.MapGet("/robots.txt", () => Results.StatusCode(404));
            app.MapGet("/rss", (HttpContext http) =>
            {
                string root = $"http://{http.Request.Host}/";
                int port = http.Request.Host.Port ?? 80;
                var items = new StringBuilder();
                var now = DateTimeOffset.UtcNow;
                // The hostile entries are the newest, so they are fetched first: a poll they ended would store nothing.
                string[] links = [.. bad.Select(b => root + b), $"http://[::1]:{port}/news/9", "http://[2001:db8::1]/news/10",
                    root + "news/1", root + "news/2", root + "news/3"];
                for (int i = 0; i < links.Length; i++)
                    items.Append(CultureInfo.InvariantCulture, $"<item><title>{i}</title><link>{links[i]}</link><pubDate>{now.AddMinutes(-i):R}</pubDate></item>");
                return Results.Text($"<rss version=\"2.0\"><channel><title>Qarışıq</title>{items}</channel></rss>", "application/rss+xml; charset=utf-8");
            });
            app.MapGet("/news/{id:int}", (HttpContext http, int id) =>
                TestSite.Write(http, TestSite.ArticleHtml($"Yaxşı xəbər {id}", $"Bakıda {id} nömrəli hadisə baş verdi.")));
            app.MapGet("/utf7/header", (HttpContext http) => TestSite.Write(http, AsciiArticle("Header UTF7", ""), "text/html; charset=utf-7"));
            app.MapGet("/utf7/meta", (HttpContext http) => TestSite.Write(http, AsciiArticle("Meta UTF7", "<meta charset=\"csUnicode11UTF7\">"), "text/html"));
            app.MapGet("/kr/1", (HttpContext http) => TestSite.Write(http, AsciiArticle("Korean", ""), "text/html; charset=iso-2022-kr"));
            app.MapGet("/bomb", async (HttpContext http) =>
            {
                http.Response.ContentType = "text/html";
                http.Response.Headers.ContentEncoding = "gzip";
                await http.Response.Body.WriteAsync(bomb, http.RequestAborted);
            });
            app.MapGet("/drip", async (HttpContext http) =>
            {
                http.Response.ContentType = "text/html";
                while (!http.RequestAborted.IsCancellationRequested)
                {
                    await http.Response.Body.WriteAsync("<p>x"u8.ToArray(), http.RequestAborted);
                    await http.Response.Body.FlushAsync(http.RequestAborted);
                    await Task.Delay(200, http.RequestAborted);
                }
            });
            app.MapGet("/loop/a", () => Results.Redirect("/loop/b"));
            app.MapGet("/loop/b", () => Results.Redirect("/loop/a"));
        });
        var store = await Stores.OpenAsync(DatabaseSetting.InDataFolder(_data), Ct);
        var (sourceId, _) = await store.Sources.AddAsync(new SourceDefinition("Qarışıq", site.Root.AbsoluteUri, "az",
            [(EndpointKind.Feed, site.Url("/rss").AbsoluteUri)]), true, allowPrivate: true, Ct);

        // No retries, so each bad page costs one attempt; the fast options' generous connect and header timeouts keep a
        // busy machine from failing the good requests (robots.txt, the feed), while the body deadline still cuts the drip.
        var options = TestSite.FastOptions with { MaxRetries = 0 };
        using var collector = new Collector(store, await IngestPipeline.OpenAsync(store, Ct), options, new CrawlOptions(), TimeProvider.System);
        var report = (await collector.Crawler.PollAsync(await store.Sources.ListAsync(Ct), Ct)).Single();

        Assert.True(report.Error is null, report.Error);
        Assert.Equal(11, report.NewUrls);
        var titles = (await store.Articles.ListAsync(new ArticleQuery(50), Ct)).Select(a => a.Title).ToList();
        foreach (int id in new[] { 1, 2, 3 }) Assert.Contains($"Yaxşı xəbər {id}", titles);
        Assert.Equal(11, report.Stored + report.Rejected + report.Failed + report.AlreadyPresent);
        // UTF-7 pages are read as browsers read them (the label set aside, UTF-8): their markup-looking text stays inert.
        Assert.Contains("Header UTF7", titles);
        Assert.Contains("Meta UTF7", titles);
        Assert.Equal(5, report.Stored);

        // Each bad page is recorded against its address, with its reason, for /admin/sources.
        var errors = await store.ItemErrors.ListAsync(sourceId, 50, Ct);
        string Reason(string url) => Assert.Single(errors, e => e.Origin == url).Reason;
        Assert.Contains("iso-2022-kr", Reason(site.Url("/kr/1").AbsoluteUri), StringComparison.Ordinal);
        Assert.Contains("decompress", Reason(site.Url("/bomb").AbsoluteUri), StringComparison.Ordinal);
        Assert.Contains("within", Reason(site.Url("/drip").AbsoluteUri), StringComparison.Ordinal);
        Assert.Contains("redirect", Reason(site.Url("/loop/a").AbsoluteUri), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("loopback", Reason($"http://[::1]:{site.Root.Port}/news/9"), StringComparison.Ordinal);
        Assert.NotEmpty(Reason("http://[2001:db8::1]/news/10"));
        Assert.Equal(6, errors.Count);
        var recent = Assert.Single(await store.ItemErrors.ListRecentBySourceAsync(10, Ct));
        Assert.Equal(sourceId, recent.Key);
        Assert.Equal(errors.Select(e => e.Origin), recent.Value.Select(e => e.Origin));
    }
}

[CollectionDefinition(nameof(HostileCrawlTests), DisableParallelization = true)]
public sealed class HostileCrawlCollection;
