using System.Globalization;
using System.Text;
using System.Xml;
using Icmal.Model;
using Icmal.Storage;
using Icmal.Text.Categories;
using Icmal.Web.Catalogue;
using Icmal.Web.Pages;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;

namespace Icmal.Web;

/// <summary>
/// What lets readers and machines follow the portal: Atom feeds of the front page (<c>/feed.atom</c>), of each site
/// (<c>/sources/{site}/feed.atom</c>), of each section (<c>/categories/{slug}/feed.atom</c>) and of each story (<c>/stories/{id}/feed.atom</c>), each announced by its
/// page's <c>&lt;link rel="alternate"&gt;</c>; <c>/sitemap.xml</c> and <c>/robots.txt</c>.
/// </summary>
public static class FeedRoutes
{
    public const int FeedSize = 30;

    /// <summary>Articles the sitemap names at most, newest first (a sitemap file holds up to 50,000).</summary>
    public const int SitemapArticles = 2000;

    public static void Map(WebApplication app, Stores store, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(clock);
        app.MapGet("/feed.atom", async (HttpContext http, InterfaceFormat format, CancellationToken ct) =>
        {
            var page = await store.Articles.ListPageAsync(new ArticlePageQuery(FeedSize, OriginalsOnly: true), ct);
            return Atom(http, format.FrontFeedTitle, format.Brand, "/feed.atom", "/", page.Items, clock);
        });

        app.MapGet("/sources/{site}/feed.atom", async (string site, HttpContext http, InterfaceFormat format, CancellationToken ct) =>
        {
            if (!BrowseRoutes.IsSiteName(site)) return PageResults.Error(PageError.NoSuchAddress);
            string name = site.ToLowerInvariant();
            var page = await store.Articles.BrowseAsync(new ArticleBrowse(Site: name), null, FeedSize, ct);
            if (page.Items.Count == 0) return PageResults.Error(PageError.NoSuchAddress);
            return Atom(http, format.SiteFeedTitle(name), format.Brand, Links.SiteFeed(name), Links.Site(name), page.Items, clock);
        });

        app.MapGet("/categories/{slug}/feed.atom", async (string slug, HttpContext http, InterfaceFormat format, CancellationToken ct) =>
        {
            if (!NewsCategories.TryFromSlug(slug, out var category)) return PageResults.Error(PageError.NoSuchCategory);
            var page = await store.Articles.BrowseAsync(new ArticleBrowse(Category: category), null, FeedSize, ct);
            return Atom(http, format.CategoryFeedTitle(category), format.Brand, Links.CategoryFeed(category), Links.Category(category), page.Items, clock);
        });

        app.MapGet("/stories/{id}/feed.atom", async (string id, HttpContext http, InterfaceFormat format, CancellationToken ct) =>
        {
            if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out long storyId)
                || await store.Stories.GetAsync(storyId, ct) is not { } story)
                return PageResults.Error(PageError.NoSuchStory);
            var articles = (await store.Articles.ListByStoryAsync(storyId, ct)).OrderByDescending(a => a.PlausiblePublished ?? a.Archived).Take(FeedSize).ToList();
            return Atom(http, format.StoryFeedTitle(story.Title), format.Brand, Links.Story(storyId) + "/feed.atom", Links.Story(storyId), articles, clock);
        });

        app.MapGet("/robots.txt", (HttpContext http) => Results.Text(
            $"User-agent: *\nAllow: /\nDisallow: /admin/\nDisallow: /api/\nSitemap: {Origin(http)}sitemap.xml\n", "text/plain; charset=utf-8"));

        app.MapGet("/sitemap.xml", async (HttpContext http, CancellationToken ct) =>
        {
            var origin = Origin(http);
            var articles = new List<Article>();
            ArticleCursor? older = null;
            do
            {
                var page = await store.Articles.BrowseAsync(new ArticleBrowse(), older, 200, ct);
                articles.AddRange(page.Items);
                older = page.Older;
            }
            while (older is not null && articles.Count < SitemapArticles);
            var sites = await store.Articles.SitesAsync(ct);
            string[] pages = ["/", "/stories", "/most-read", "/sources", .. NewsCategories.All.Select(Links.Category)];
            return Results.Bytes(Sitemap(origin, pages, sites.Select(s => (Links.Site(s.Site), s.Latest)),
                articles.Select(a => (Links.Article(a.Id), (DateTimeOffset?)(a.Modified ?? a.PlausiblePublished ?? a.Archived)))), "application/xml; charset=utf-8");
        });
    }

    private static Uri Origin(HttpContext http) => new(UriHelper.BuildAbsolute(http.Request.Scheme, http.Request.Host, http.Request.PathBase, "/"));

    private static IResult Atom(HttpContext http, string title, string author, string self, string alternate, IReadOnlyList<Article> articles, TimeProvider clock)
    {
        var origin = Origin(http);
        var entries = articles.Select(a =>
        {
            string original = Links.Safe(a.Url);
            return new SearchFeed.Entry(new Uri(origin, Links.Article(a.Id)), a.Title, a.PlausiblePublished ?? a.Archived, a.PlausiblePublished,
                ArticleLead.Of(a), a.Site, original.StartsWith("http", StringComparison.Ordinal) ? new Uri(original) : null);
        }).ToList();
        var feed = new SearchFeed.Feed(title, author, new Uri(origin, self), new Uri(origin, alternate), entries);
        return Results.Bytes(SearchFeed.Write(feed, clock.GetUtcNow()), SearchFeed.ContentType);
    }

    private static byte[] Sitemap(Uri origin, IEnumerable<string> pages, IEnumerable<(string Path, DateTimeOffset? Modified)> sites,
        IEnumerable<(string Path, DateTimeOffset? Modified)> articles)
    {
        const string ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("urlset", ns);
            foreach (var (path, modified) in pages.Select(p => (p, (DateTimeOffset?)null)).Concat(sites).Concat(articles))
            {
                xml.WriteStartElement("url", ns);
                xml.WriteElementString("loc", ns, new Uri(origin, path).AbsoluteUri);
                if (modified is { } m) xml.WriteElementString("lastmod", ns, m.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
            xml.WriteEndDocument();
        }
        return buffer.ToArray();
    }
}
