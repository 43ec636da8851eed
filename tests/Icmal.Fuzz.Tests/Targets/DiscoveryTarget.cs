using System.Text;
using CsCheck;
using Icmal.Collection;
using Icmal.Fuzz.Tests.Fuzzing;
using Icmal.Fuzz.Tests.Generators;

namespace Icmal.Fuzz.Tests.Targets;

/// <summary>Listing pages: article links, feed links and the canonical link; every address found is absolute http(s).</summary>
public static class DiscoveryTarget
{
    private static readonly Uri Page = new("https://www.numune.az/siyaset/");

    private static readonly Gen<string> Listing = Gen.Frequency(
        (3, HtmlGen.Text),
        (2, UrlGen.Any.Select(Gen.Int[0, 3], (u, i) => i switch
            {
                0 => $"<a href=\"{u}\">Xəbər başlığı</a>",
                1 => $"<link rel=\"alternate\" type=\"application/rss+xml\" href=\"{u}\">",
                2 => $"<nav><a href=\"{u}\">menu</a></nav>",
                _ => $"<link rel=canonical href={u}>",
            }).Array[1, 40].Select(string.Concat)));

    public static readonly FuzzTarget<string> Target = new("discovery", Listing, Check, CorpusCodec.FromString, CorpusCodec.ToString, DefaultIterations: 300);

    private static void Check(string html)
    {
        var links = Discovery.FindArticleLinks(html, Page);
        if (links.Entries.Count > 1000) throw new InvalidOperationException("more than 1000 article links");
        foreach (var e in links.Entries) HttpUrl(e.Url);
        foreach (var e in Discovery.FindFeedLinks(html, Page)) HttpUrl(e.Url);
        if (Discovery.FindCanonicalLink(Encoding.UTF8.GetBytes(html), Page) is { } canonical) HttpUrl(canonical);
    }

    private static void HttpUrl(string url)
    {
        var uri = new Uri(url, UriKind.Absolute);
        if (uri.Scheme is not ("http" or "https")) throw new InvalidOperationException($"'{url}' is not http(s)");
    }
}
