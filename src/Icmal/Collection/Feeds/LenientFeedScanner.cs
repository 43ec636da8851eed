using System.Globalization;
using System.Text.RegularExpressions;

namespace Icmal.Collection.Feeds;

/// <summary>For documents XML cannot read: undeclared HTML entities repaired, or every absolute URL in a loc, link or guid element.</summary>
internal static class LenientFeedScanner
{
    private static readonly Regex LinkPattern = new(
        @"<(?:loc|link|guid)(?:\s[^>]*)?>\s*(?:<!\[CDATA\[)?\s*(https?://[^<\s\]]+)|<link\s[^>]*href\s*=\s*[""'](https?://[^""']+)[""']",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(2));

    /// <summary>For documents XML can not read: every absolute URL in a loc, link or guid element.</summary>
    internal static DiscoveredLinks ScanLeniently(string text, Uri baseUrl)
    {
        bool index = text.Contains("<sitemapindex", StringComparison.OrdinalIgnoreCase);
        bool sitemap = index || text.Contains("<urlset", StringComparison.OrdinalIgnoreCase);
        var entries = new List<DiscoveredEntry>();
        try
        {
            foreach (Match m in LinkPattern.Matches(text))
            {
                string url = System.Net.WebUtility.HtmlDecode(m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value);
                FeedXml.Add(entries, url, baseUrl, null, null);
                if (entries.Count >= FeedParser.MaxEntries) break;
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // Keep what was found.
        }
        // A feed's first <link> is usually the site itself, not an article.
        if (!sitemap && entries.Count > 0 && new Uri(entries[0].Url).AbsolutePath is "/" or "") entries.RemoveAt(0);
        var distinct = entries.DistinctBy(e => e.Url, StringComparer.Ordinal).ToList();
        return index
            ? new DiscoveredLinks(DiscoveryKind.SitemapIndex, [], distinct)
            : new DiscoveredLinks(sitemap ? DiscoveryKind.Sitemap : DiscoveryKind.Rss, distinct, []);
    }

    private static readonly Regex EntityPattern = new(@"&([A-Za-z][A-Za-z0-9]{1,31});", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(2));

    internal static string RepairEntities(string text)
    {
        try
        {
            bool changed = false;
            string result = EntityPattern.Replace(text, m =>
            {
                string name = m.Groups[1].Value;
                if (name is "amp" or "lt" or "gt" or "quot" or "apos") return m.Value;
                string decoded = System.Net.WebUtility.HtmlDecode(m.Value);
                changed = true;
                return decoded == m.Value ? "&amp;" + name + ";" : string.Concat("&#", ((int)decoded[0]).ToString(CultureInfo.InvariantCulture), ";");
            });
            // Bare ampersands ("a & b", "?a=1&b=2") are the other common breakage.
            result = Regex.Replace(result, @"&(?!#?[A-Za-z0-9]{1,32};)", "&amp;", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(2));
            return changed || result.Length != text.Length ? result : text;
        }
        catch (RegexMatchTimeoutException)
        {
            return text;
        }
    }
}
