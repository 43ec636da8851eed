using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;

namespace Icmal.Collection.Feeds;

/// <summary>What every feed reader shares: an element's text, entry addresses resolved against xml:base, cleaned titles and feed dates.</summary>
internal static class FeedXml
{
    /// <summary>
    /// The text of the element the reader is on (text and CDATA of all descendants), leaving the reader on the node
    /// after its end tag. Unlike ReadElementContentAsString it accepts markup inside (titles with &lt;b&gt; in them).
    /// </summary>
    internal static string ReadText(XmlReader r)
    {
        if (r.IsEmptyElement)
        {
            r.Read();
            return "";
        }
        int depth = r.Depth;
        var sb = new StringBuilder();
        r.Read();
        while (!r.EOF && !(r.NodeType == XmlNodeType.EndElement && r.Depth == depth))
        {
            if (r.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace)
            {
                if (sb.Length < 64 * 1024) sb.Append(r.Value);
            }
            r.Read();
        }
        r.Read();
        return sb.ToString();
    }

    internal static void Add(List<DiscoveredEntry> entries, string? url, Uri baseUrl, string? title, DateTimeOffset? published, string? category = null)
    {
        if (string.IsNullOrWhiteSpace(url)) return;
        if (!Uri.TryCreate(baseUrl, url.Trim(), out var absolute) || absolute.Scheme is not ("http" or "https")) return;
        entries.Add(new DiscoveredEntry(absolute.AbsoluteUri, title, published, string.IsNullOrWhiteSpace(category) ? null : category));
    }

    internal static Uri BaseOf(XmlReader r, Uri fallback)
    {
        string? xmlBase = r.GetAttribute("xml:base");
        return xmlBase is not null && Uri.TryCreate(fallback, xmlBase, out var b) ? b : fallback;
    }

    internal static bool LooksLikeUrl(string? s) =>
        s is not null && (s.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || s.StartsWith("https://", StringComparison.OrdinalIgnoreCase));

    internal static string? Clean(string? s)
    {
        if (string.IsNullOrWhiteSpace(s)) return null;
        string text = s.Contains('<', StringComparison.Ordinal) ? Regex.Replace(s, "<[^>]{0,2000}>", " ", RegexOptions.None, TimeSpan.FromSeconds(1)) : s;
        text = System.Net.WebUtility.HtmlDecode(text);
        return Icmal.Text.Whitespace.Fold(text) is { Length: > 0 } folded ? Truncate(folded, 500) : null;
    }

    private static readonly string[] RfcDateFormats =
    [
        "ddd, d MMM yyyy HH:mm:ss zzz", "d MMM yyyy HH:mm:ss zzz", "ddd, d MMM yyyy HH:mm zzz", "ddd, d MMM yyyy HH:mm:ss",
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd",
    ];

    /// <summary>RFC 822 (with named zones), ISO 8601 and W3C dates; null when unreadable.</summary>
    public static DateTimeOffset? ParseDate(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        string s = value.Trim();
        if (DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var iso)
            && (s.Contains('T', StringComparison.Ordinal) || s.Contains('-', StringComparison.Ordinal) && !s.Contains(',', StringComparison.Ordinal)))
            return iso;
        // RFC 822 zones: GMT, UT, EST, named and numeric without colon.
        string normalized = Regex.Replace(s, @"\s(GMT|UT|UTC|Z)$", " +00:00", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        normalized = Regex.Replace(normalized, @"\s([+-])(\d{2})(\d{2})$", " $1$2:$3", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        normalized = Regex.Replace(normalized, @"\s(EST|EDT|CST|CDT|MST|MDT|PST|PDT)$", m => m.Groups[1].Value switch
        {
            "EST" => " -05:00", "EDT" => " -04:00", "CST" => " -06:00", "CDT" => " -05:00",
            "MST" => " -07:00", "MDT" => " -06:00", "PST" => " -08:00", _ => " -07:00",
        }, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        if (DateTimeOffset.TryParseExact(normalized, RfcDateFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var rfc))
            return rfc;
        return DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var any) ? any : null;
    }

    internal static string Truncate(string s, int max) => s.Length <= max ? s : s[..max] + "…";
}
