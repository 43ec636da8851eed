namespace Icmal.Collection.Feeds;

/// <summary>What kind of document an endpoint turned out to be.</summary>
public enum DiscoveryKind
{
    Rss,
    Atom,
    JsonFeed,
    Sitemap,
    SitemapIndex,
    Listing,
    Unknown,
}

/// <summary>
/// One article address found in a feed, sitemap or listing page; <paramref name="Category"/> is the feed item's first
/// &lt;category&gt;, the source's own section, which outranks the headline classifier.
/// </summary>
public sealed record DiscoveredEntry(string Url, string? Title = null, DateTimeOffset? Published = null, string? Category = null);

/// <summary>What a feed, sitemap or listing page lists: article addresses and, for sitemap indexes, child sitemaps.</summary>
public sealed record DiscoveredLinks(
    DiscoveryKind Kind,
    IReadOnlyList<DiscoveredEntry> Entries,
    IReadOnlyList<DiscoveredEntry> ChildSitemaps,
    string? Title = null,
    string? Warning = null)
{
    public static DiscoveredLinks Failed(string warning) => new(DiscoveryKind.Unknown, [], [], null, warning);
}
