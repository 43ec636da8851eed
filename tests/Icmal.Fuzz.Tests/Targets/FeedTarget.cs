using Icmal.Collection;
using Icmal.Fuzz.Tests.Fuzzing;
using Icmal.Fuzz.Tests.Generators;
using Icmal.Collection.Feeds;

namespace Icmal.Fuzz.Tests.Targets;

/// <summary>RSS, Atom, JSON Feed and sitemaps: every entry found is an absolute http(s) address that parses again.</summary>
public static class FeedTarget
{
    private static readonly Uri Base = new("https://numune.az/rss/az");

    public static readonly FuzzTarget<byte[]> Target = new("feed", FeedGen.Any, Check, b => b, b => b, DefaultIterations: 300);

    private static void Check(byte[] body)
    {
        _ = FeedParser.LooksLikeFeed(body);
        foreach (string? charset in (string?[])[null, "windows-1251"])
        {
            var links = FeedParser.Parse(body, Base, charset);
            if (links.Entries.Count + links.ChildSitemaps.Count > FeedParser.MaxEntries) throw new InvalidOperationException("more entries than MaxEntries");
            foreach (var entry in links.Entries.Concat(links.ChildSitemaps))
            {
                var uri = new Uri(entry.Url, UriKind.Absolute);
                if (uri.Scheme is not ("http" or "https")) throw new InvalidOperationException($"entry '{entry.Url}' is not http(s)");
                if (UrlCanonicaliser.Canonicalise(entry.Url) is { } canonical) _ = new Uri(canonical, UriKind.Absolute);
            }
        }
    }
}
