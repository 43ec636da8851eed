using System.Net;
using System.Xml.Linq;
using AngleSharp.Html.Parser;

namespace Icmal.Web.Tests;

/// <summary>The front page's, a site's and a story's Atom feeds, each announced by its page; the sitemap and robots.txt.</summary>
public sealed class FeedRoutesTests : IAsyncLifetime
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace SitemapNs = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private PortalHost? _host;
    private StoryArchive _archive = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        _host = await PortalHost.StartAsync(async store => _archive = await StoryArchive.FillAsync(store));

    public async ValueTask DisposeAsync()
    {
        if (_host is not null) await _host.DisposeAsync();
    }

    private async Task<List<string>> EntriesAsync(string feed)
    {
        using var response = await _host!.Client.GetAsync(feed, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var doc = XDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(new Uri(_host.BaseAddress, feed).AbsoluteUri, doc.Root!.Elements(Atom + "link").Single(l => (string?)l.Attribute("rel") == "self").Attribute("href")!.Value);
        return doc.Root.Elements(Atom + "entry").Select(e => new Uri(e.Element(Atom + "id")!.Value).AbsolutePath).ToList();
    }

    private async Task<string?> AnnouncedFeedAsync(string page) =>
        new HtmlParser().ParseDocument(await _host!.Client.GetStringAsync(page, Ct)).QuerySelector("link[rel=alternate][type='application/atom+xml']")?.GetAttribute("href");

    [Fact]
    public async Task Each_page_announces_its_feed_and_the_feed_lists_that_pages_articles()
    {
        Assert.Equal("/feed.atom", await AnnouncedFeedAsync("/"));
        var front = await EntriesAsync("/feed.atom");
        Assert.Equal(6, front.Count);
        Assert.DoesNotContain($"/articles/{_archive.Copy}", front);

        Assert.Equal("/sources/apa.az/feed.atom", await AnnouncedFeedAsync("/sources/apa.az"));
        Assert.Equal(2, (await EntriesAsync("/sources/apa.az/feed.atom")).Count);

        string story = $"/stories/{_archive.Visit}";
        Assert.Equal(story + "/feed.atom", await AnnouncedFeedAsync(story));
        Assert.Equal([$"/articles/{_archive.FollowUp}", $"/articles/{_archive.Apa}", $"/articles/{_archive.Copy}", $"/articles/{_archive.Original}"],
            await EntriesAsync(story + "/feed.atom"));
    }

    [Theory]
    [InlineData("/sources/nowhere.az/feed.atom")]
    [InlineData("/sources/not_a_site/feed.atom")]
    [InlineData("/stories/999999/feed.atom")]
    [InlineData("/stories/x/feed.atom")]
    public async Task A_feed_of_nothing_is_not_found(string path)
    {
        using var response = await _host!.Client.GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Robots_txt_names_the_sitemap_and_the_sitemap_names_pages_sites_and_articles()
    {
        string robots = await _host!.Client.GetStringAsync("/robots.txt", Ct);
        Assert.Contains($"Sitemap: {_host.BaseAddress.AbsoluteUri}sitemap.xml", robots, StringComparison.Ordinal);
        Assert.Contains("Disallow: /admin/", robots, StringComparison.Ordinal);
        var sitemap = XDocument.Parse(await _host.Client.GetStringAsync("/sitemap.xml", Ct));
        var paths = sitemap.Root!.Elements(SitemapNs + "url").Select(u => new Uri(u.Element(SitemapNs + "loc")!.Value).AbsolutePath).ToList();
        Assert.Contains("/", paths);
        Assert.Contains("/sources/apa.az", paths);
        Assert.Contains($"/articles/{_archive.Copy}", paths);
        Assert.Contains("/categories/siyaset", paths);
        Assert.Equal(1 + 3 + 10 + 6 + 7, paths.Count); // the front page, three lists, ten sections, six sites, seven articles
    }
}
