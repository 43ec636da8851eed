using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Icmal.Html;
using Icmal.Model;
using Icmal.Collection.Feeds;

namespace Icmal.Collection;

/// <summary>A feed or sitemap a page or robots.txt points at.</summary>
public sealed record DiscoveredEndpoint(EndpointKind Kind, string Url, string? Title = null);

/// <summary>
/// Finding what to follow on a site: feeds a home page links to (autodiscovery), sitemaps robots.txt names, and, on
/// sites with neither, the article links of a listing page.
/// </summary>
public static class Discovery
{
    private static readonly HtmlParser Parser = new(new HtmlParserOptions { IsScripting = false });

    /// <summary>Paths tried on a site whose home page announces no feed, most likely first.</summary>
    public static readonly IReadOnlyList<string> CommonFeedPaths = ["/rss", "/feed", "/rss.xml", "/feed.xml", "/az/rss", "/rss/az", "/sitemap.xml", "/news-sitemap.xml"];

    /// <summary>Feeds announced by &lt;link rel="alternate"&gt; in an HTML page.</summary>
    public static IReadOnlyList<DiscoveredEndpoint> FindFeedLinks(string html, Uri pageUrl)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(pageUrl);
        using var doc = NestingLimit.Parse(Parser, html);
        var found = new List<DiscoveredEndpoint>();
        foreach (var link in doc.QuerySelectorAll("link[href]"))
        {
            string rel = link.GetAttribute("rel") ?? "";
            string type = (link.GetAttribute("type") ?? "").Trim();
            bool alternate = rel.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(r => r.Equals("alternate", StringComparison.OrdinalIgnoreCase));
            bool sitemap = rel.Equals("sitemap", StringComparison.OrdinalIgnoreCase);
            if (!alternate && !sitemap) continue;
            bool feedType = type.Equals("application/rss+xml", StringComparison.OrdinalIgnoreCase)
                || type.Equals("application/atom+xml", StringComparison.OrdinalIgnoreCase)
                || type.Equals("application/feed+json", StringComparison.OrdinalIgnoreCase)
                || type.Equals("application/json", StringComparison.OrdinalIgnoreCase) && (link.GetAttribute("title") ?? "").Contains("feed", StringComparison.OrdinalIgnoreCase)
                || type.Equals("application/rdf+xml", StringComparison.OrdinalIgnoreCase);
            if (!feedType && !sitemap) continue;
            if (!Uri.TryCreate(pageUrl, link.GetAttribute("href")!.Trim(), out var abs) || abs.Scheme is not ("http" or "https")) continue;
            found.Add(new DiscoveredEndpoint(sitemap ? EndpointKind.Sitemap : EndpointKind.Feed, abs.AbsoluteUri, link.GetAttribute("title")));
        }
        return found.DistinctBy(f => f.Url, StringComparer.Ordinal).ToList();
    }

    /// <summary>The Sitemap: lines of a robots.txt.</summary>
    public static IReadOnlyList<DiscoveredEndpoint> FindSitemapsInRobots(string robotsTxt, Uri robotsUrl)
    {
        ArgumentNullException.ThrowIfNull(robotsTxt);
        var found = new List<DiscoveredEndpoint>();
        foreach (string raw in robotsTxt.Split('\n'))
        {
            string line = raw.Trim();
            if (!line.StartsWith("sitemap:", StringComparison.OrdinalIgnoreCase)) continue;
            if (Uri.TryCreate(robotsUrl, line["sitemap:".Length..].Trim(), out var abs) && abs.Scheme is "http" or "https")
                found.Add(new DiscoveredEndpoint(EndpointKind.Sitemap, abs.AbsoluteUri));
        }
        return found;
    }

    /// <summary>
    /// Article links of a listing page (a home or section page on a site without a feed), found by the page's layout
    /// (repeated teasers, headline-like text, dates beside the links, shared address templates) as well as by the
    /// address's shape, with navigation, sections, tags, static pages and other sites left out: see
    /// <see cref="ListingLinks"/> for the rule.
    /// </summary>
    public static DiscoveredLinks FindArticleLinks(string html, Uri pageUrl)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(pageUrl);
        using var doc = NestingLimit.Parse(Parser, html);
        return new DiscoveredLinks(DiscoveryKind.Listing, ListingLinks.Find(doc, pageUrl), []);
    }

    private static readonly Regex LinkTag = new(@"<link\b[^>]{0,2000}>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    private static readonly Regex RelCanonical = new(@"\brel\s*=\s*[""']?canonical\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    private static readonly Regex Href = new(@"\bhref\s*=\s*(?:""([^""]*)""|'([^']*)'|([^\s>]+))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>
    /// The canonical address a page declares (&lt;link rel="canonical"&gt; in its first 64 KB), canonicalised, when it is
    /// on the page's own site; null otherwise. A republisher's canonical link pointing at the original is ignored:
    /// the republication is an article of its own, linked to the original later.
    /// </summary>
    public static string? FindCanonicalLink(ReadOnlySpan<byte> html, Uri pageUrl)
    {
        ArgumentNullException.ThrowIfNull(pageUrl);
        string head = System.Text.Encoding.UTF8.GetString(html[..Math.Min(html.Length, 64 * 1024)]);
        try
        {
            foreach (Match tag in LinkTag.Matches(head))
            {
                if (!RelCanonical.IsMatch(tag.Value)) continue;
                var href = Href.Match(tag.Value);
                if (!href.Success) continue;
                string value = System.Net.WebUtility.HtmlDecode(href.Groups[1].Success ? href.Groups[1].Value : href.Groups[2].Success ? href.Groups[2].Value : href.Groups[3].Value);
                if (!Uri.TryCreate(pageUrl, value.Trim(), out var abs)) return null;
                if (!SiteKey(abs.Host).Equals(SiteKey(pageUrl.Host), StringComparison.OrdinalIgnoreCase)) return null;
                return UrlCanonicaliser.Canonicalise(abs);
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // No canonical link then.
        }
        return null;
    }

    private static string SiteKey(string host) => ListingLinks.SiteKey(host);
}
