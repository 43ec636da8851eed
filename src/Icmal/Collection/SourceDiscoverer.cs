using Icmal.Decoding;
using Icmal.Model;
using Icmal.Collection.Feeds;

namespace Icmal.Collection;

/// <summary>What adding a URL as a source found.</summary>
public sealed record DiscoveryResult(SourceDefinition? Definition, IReadOnlyList<string> Notes, string? Error);

/// <summary>
/// Turns an address a user gives (a home page, a feed, a sitemap) into a source with endpoints: a feed is taken as
/// it is; a page is searched for announced feeds (autodiscovery), then robots.txt for sitemaps, then a few common
/// feed paths; a site with none of these is followed through its page as a listing page.
/// </summary>
public sealed class SourceDiscoverer(HttpFetcher fetcher)
{
    public async Task<DiscoveryResult> DiscoverAsync(Uri url, string? name, bool allowPrivate, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(url);
        var notes = new List<string>();
        var first = await fetcher.FetchAsync(new FetchRequest(url, allowPrivate, FetchPurpose.Discovery), ct);
        if (!first.Succeeded || first.Body is null) return new DiscoveryResult(null, notes, $"{url}: {first.Error ?? "no body"}");
        var finalUrl = first.FinalUrl ?? url;
        var home = new Uri(finalUrl, "/");

        if (FeedParser.LooksLikeFeed(first.Body))
        {
            var parsed = FeedParser.Parse(first.Body, finalUrl, first.Charset);
            if (parsed.Kind == DiscoveryKind.Unknown) return new DiscoveryResult(null, notes, $"{url}: {parsed.Warning}");
            var kind = parsed.Kind is DiscoveryKind.Sitemap or DiscoveryKind.SitemapIndex ? EndpointKind.Sitemap : EndpointKind.Feed;
            notes.Add($"{finalUrl} is a {parsed.Kind} with {parsed.Entries.Count + parsed.ChildSitemaps.Count} links");
            return new DiscoveryResult(new SourceDefinition(name ?? parsed.Title ?? home.Host, home.AbsoluteUri, "az", [(kind, finalUrl.AbsoluteUri)]), notes, null);
        }

        string html = TextDecoding.Decode(first.Body, CharsetDetection.ForPage(first.Body, first.Charset), allowLegacyGuess: true).Text ?? "";
        string? title = PageTitle(html);
        var endpoints = new List<(EndpointKind, string)>();
        foreach (var link in Discovery.FindFeedLinks(html, finalUrl).Take(4))
        {
            endpoints.Add((link.Kind, link.Url));
            notes.Add($"the page announces {link.Kind.ToString().ToLowerInvariant()} {link.Url}");
        }
        if (endpoints.Count == 0)
        {
            var robots = await fetcher.GetRobotsAsync(home, allowPrivate, ct);
            foreach (string sitemap in robots.Sitemaps.Take(2))
            {
                endpoints.Add((EndpointKind.Sitemap, sitemap));
                notes.Add($"robots.txt names sitemap {sitemap}");
            }
        }
        if (endpoints.Count == 0)
        {
            foreach (string path in Discovery.CommonFeedPaths)
            {
                var candidate = new Uri(home, path);
                var probe = await fetcher.FetchAsync(new FetchRequest(candidate, allowPrivate, FetchPurpose.Discovery) { MaxBytes = 8 * 1024 * 1024 }, ct);
                if (!probe.Succeeded || probe.Body is null || !FeedParser.LooksLikeFeed(probe.Body)) continue;
                var parsed = FeedParser.Parse(probe.Body, probe.FinalUrl ?? candidate, probe.Charset);
                if (parsed.Kind == DiscoveryKind.Unknown) continue;
                var kind = parsed.Kind is DiscoveryKind.Sitemap or DiscoveryKind.SitemapIndex ? EndpointKind.Sitemap : EndpointKind.Feed;
                endpoints.Add((kind, (probe.FinalUrl ?? candidate).AbsoluteUri));
                notes.Add($"found {kind.ToString().ToLowerInvariant()} at {(probe.FinalUrl ?? candidate).AbsoluteUri}");
                break;
            }
        }
        if (endpoints.Count == 0)
        {
            endpoints.Add((EndpointKind.Listing, finalUrl.AbsoluteUri));
            notes.Add($"no feed or sitemap found: {finalUrl} will be read as a listing page");
        }
        return new DiscoveryResult(new SourceDefinition(name ?? title ?? home.Host, home.AbsoluteUri, "az", endpoints), notes, null);
    }

    private static string? PageTitle(string html)
    {
        int start = html.IndexOf("<title", StringComparison.OrdinalIgnoreCase);
        if (start < 0) return null;
        int gt = html.IndexOf('>', start);
        int end = gt < 0 ? -1 : html.IndexOf("</title", gt, StringComparison.OrdinalIgnoreCase);
        if (end < 0 || end - gt > 500) return null;
        string title = Icmal.Text.Whitespace.Fold(System.Net.WebUtility.HtmlDecode(html[(gt + 1)..end]));
        return title.Length > 0 ? title : null;
    }
}
