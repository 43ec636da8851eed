using System.Net;
using AngleSharp.Html.Parser;

namespace Icmal.Web.Tests;

/// <summary>/sources, /sources/{site} and /archive/{day} over a real portal: what each lists, and one clear error for a bad address.</summary>
public sealed class BrowsePagesTests : IAsyncLifetime
{
    private PortalHost? _host;
    private StoryArchive _archive = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        _host = await PortalHost.StartAsync(async store => _archive = await StoryArchive.FillAsync(store), new PortalOptions("http://127.0.0.1:0")
        {
            InterfaceCultures = ["az", "en"],
            Clock = new FixedClock(StoryArchive.Oct21.AddDays(3)),
        });

    public async ValueTask DisposeAsync()
    {
        if (_host is not null) await _host.DisposeAsync();
    }

    private async Task<AngleSharp.Html.Dom.IHtmlDocument> PageAsync(string path)
    {
        using var response = await _host!.Client.GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task The_sources_page_lists_every_site_most_articles_first()
    {
        var doc = await PageAsync("/sources");
        var sites = doc.QuerySelectorAll("ul.sites li a").Select(a => a.TextContent).ToList();
        Assert.Equal("apa.az", sites[0]);
        Assert.Equal(["apa.az", "icma.az", "oxu.az", "report.az", "sherg.az", "trend.az"], sites.Order(StringComparer.Ordinal));
        Assert.Equal("/sources/apa.az", doc.QuerySelector("ul.sites li a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task A_site_page_says_who_republishes_it_and_lists_its_articles()
    {
        var sherg = await PageAsync("/sources/sherg.az");
        Assert.Equal("sherg.az", sherg.QuerySelector("h1")!.TextContent);
        Assert.Equal(["icma.az"], sherg.QuerySelectorAll("ul.copied-by a").Select(a => a.TextContent));
        Assert.Equal([$"/articles/{_archive.Original}"], sherg.QuerySelectorAll("li.article-card h2 a").Select(a => a.GetAttribute("href")));
        var apa = await PageAsync("/sources/APA.az?culture=en");
        Assert.Equal(2, apa.QuerySelectorAll("li.article-card").Length);
        Assert.Contains("2 articles in all", apa.QuerySelector("p.site-facts")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("1 of its articles is a copy of other sites", (await PageAsync("/sources/icma.az?culture=en")).Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_day_page_lists_that_baku_days_originals_with_their_copies_folded()
    {
        var day = await PageAsync("/archive/2025-10-21");
        Assert.Equal([$"/articles/{_archive.Apa}", $"/articles/{_archive.Original}"], day.QuerySelectorAll("li.article-card h2 a").Select(a => a.GetAttribute("href")));
        Assert.Equal($"/articles/{_archive.Copy}", day.QuerySelector("li.article-card p.copies a")!.GetAttribute("href"));
        Assert.Equal(["/archive/2025-10-20", "/archive/2025-10-22"], day.QuerySelectorAll("nav.pager a").Select(a => a.GetAttribute("href")));
        Assert.Equal(4, (await PageAsync("/archive/2025-10-22")).QuerySelectorAll("li.article-card").Length);
        Assert.Empty((await PageAsync("/archive/2025-10-24")).QuerySelectorAll("li.article-card"));
    }

    [Theory]
    [InlineData("/sources/nowhere.az", HttpStatusCode.NotFound)]
    [InlineData("/sources/%3Cscript%3E", HttpStatusCode.NotFound)]
    [InlineData("/sources/apa.az?before=not-a-cursor", HttpStatusCode.BadRequest)]
    [InlineData("/archive/2025-13-01", HttpStatusCode.NotFound)]
    [InlineData("/archive/yesterday", HttpStatusCode.NotFound)]
    [InlineData("/archive/2025-10-21?before=x", HttpStatusCode.BadRequest)]
    public async Task A_bad_browse_address_gets_one_clear_error_page(string path, HttpStatusCode status)
    {
        using var response = await _host!.Client.GetAsync(path, Ct);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType?.ToString());
    }

    [Fact]
    public async Task The_archive_address_goes_to_todays_page()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _host!.BaseAddress };
        using var response = await client.GetAsync("/archive", Ct);
        Assert.Equal("/archive/2025-10-24", response.Headers.Location?.OriginalString);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
