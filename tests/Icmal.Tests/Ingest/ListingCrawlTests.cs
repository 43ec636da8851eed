using Icmal.Tests.Collection;
using Icmal.Collection;
using Icmal.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Icmal.Model;
using Icmal.Ingest;

namespace Icmal.Tests.Ingest;

/// <summary>
/// End to end: a portal with no feed and no sitemap whose articles live at short addresses (/xeber/3-layihe) is added
/// from its home page, read as a listing page by layout, and its articles are fetched and stored.
/// </summary>
public sealed class ListingCrawlTests : IAsyncLifetime
{
    private static readonly string[] Headlines =
    [
        "Orta Dəhliz üzrə yeni layihə təqdim olunub", "Prezident yeni fərman imzalayıb", "Qazaxıstanla ticarət dövriyyəsi artacaq",
        "Bakı–Tbilisi–Qars xətti ilə yük daşımaları artıb", "Sabah Bakıda küləkli hava gözlənilir", "Füzulidə yeni məktəb istifadəyə verilib",
    ];

    private TestSite _site = null!;
    private readonly string _data = Path.Combine(Path.GetTempPath(), "icmal-listing-" + Guid.NewGuid().ToString("N"));
    private readonly List<string> _articleHits = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _site = await TestSite.StartAsync(app =>
        {
            app.MapGet("/", (HttpContext http) => TestSite.Write(http, HomePage()));
            app.MapGet("/xeber/{slug}", (HttpContext http, string slug) =>
            {
                int dash = slug.IndexOf('-', StringComparison.Ordinal);
                if (dash < 1 || !int.TryParse(slug[..dash], System.Globalization.CultureInfo.InvariantCulture, out int n) || n < 3 || n >= 3 + Headlines.Length)
                {
                    http.Response.StatusCode = StatusCodes.Status404NotFound;
                    return Task.CompletedTask;
                }
                lock (_articleHits) _articleHits.Add(slug);
                return TestSite.Write(http, TestSite.ArticleHtml(Headlines[n - 3], $"Xəbərin mətni: {Headlines[n - 3]}."));
            });
            app.MapGet("/xeberler/{section}", (HttpContext http) => TestSite.Write(http, TestSite.ArticleHtml("Bölmə səhifəsi", "Bu bölmənin səhifəsidir.")));
            app.MapGet("/haqqimizda", (HttpContext http) => TestSite.Write(http, TestSite.ArticleHtml("Haqqımızda", "Redaksiya haqqında məlumat.")));
        });
    }

    /// <summary>A home page in the usual shape: a top menu of sections, a grid of teasers with times, a footer of static pages.</summary>
    private static string HomePage()
    {
        var teasers = string.Concat(Headlines.Select((h, i) =>
            $"<div class=\"col\"><div class=\"card\"><a href=\"/xeber/{i + 3}-{Slug(i)}\"><img src=\"/i/{i + 3}.jpg\" alt=\"\"></a>"
            + $"<a class=\"cat\" href=\"/xeberler/siyaset\">Siyasət</a><h3><a href=\"/xeber/{i + 3}-{Slug(i)}\">{h}</a></h3><span class=\"time\">1{i}:30</span></div></div>"));
        return $"""
            <!DOCTYPE html><html lang="az"><head><meta charset="utf-8"><title>Lentsiz Portal</title></head><body>
            <div class="top"><a href="/xeberler/siyaset">Siyasət</a> <a href="/xeberler/iqtisadiyyat">İqtisadiyyat</a> <a href="/xeberler/idman">İdman</a></div>
            <div class="row">{teasers}</div>
            <div class="bottom"><a href="/haqqimizda">Haqqımızda</a> <a href="/xeberler/siyaset">Siyasət</a></div>
            </body></html>
            """;
    }

    private static string Slug(int i) => i % 2 == 0 ? "layihe" : "qerar";

    public async ValueTask DisposeAsync()
    {
        await _site.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // A pooled SQLite handle may linger; the temp folder is cleaned eventually.
        }
    }

    [Fact]
    public async Task A_feedless_portal_with_short_article_addresses_is_followed_and_its_articles_stored()
    {
        var store = await Stores.OpenAsync(DatabaseSetting.InDataFolder(_data), Ct);
        using var collector = new Collector(store, await IngestPipeline.OpenAsync(store, Ct), TestSite.FastOptions, new CrawlOptions { Scheduler = new Scheduler() }, TimeProvider.System);

        var found = await collector.Discoverer.DiscoverAsync(_site.Root, null, true, Ct);
        Assert.NotNull(found.Definition);
        Assert.Equal((EndpointKind.Listing, _site.Root.AbsoluteUri), Assert.Single(found.Definition.Endpoints));
        await store.Sources.AddAsync(found.Definition, true, true, Ct);

        var report = Assert.Single(await collector.Crawler.PollAsync(await store.Sources.ListAsync(Ct), Ct));

        Assert.Null(report.Error);
        Assert.Equal(Headlines.Length, report.Stored);
        var stored = await store.Articles.ListAsync(new ArticleQuery(Limit: 50), Ct);
        Assert.Equal(Headlines.Order(StringComparer.Ordinal), stored.Select(a => a.Title).Order(StringComparer.Ordinal));
        Assert.All(stored, a => Assert.StartsWith(_site.Url("/xeber/").AbsoluteUri, a.Url, StringComparison.Ordinal));
        lock (_articleHits) Assert.Equal(Headlines.Length, _articleHits.Count);
    }
}
