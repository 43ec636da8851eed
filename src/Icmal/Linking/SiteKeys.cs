using Icmal.Model;
using Icmal.Text.Casing;

namespace Icmal.Linking;

/// <summary>
/// The names one site goes by, as keys a credit line and an article can be matched on: the host without "www."
/// ("sherg.az" for https://www.sherg.az/… and for "Sherg.az") and the site's name folded ("apa" for "APA"), so that
/// "Sherg.az portalına istinadən" finds the articles of sherg.az and "APA-ya istinadən" those of the source named APA.
/// </summary>
public static class SiteKeys
{
    /// <summary>
    /// The keys of a stored article's site: the host of its address and its site name, unless the name claims another
    /// site than the address: a domain on another site ("apa.az" on a page of example.com), or the name of a followed
    /// source whose home page (<paramref name="sourceHome"/>) is on another site ("APA" there). A page names its own
    /// site as it likes (<c>og:site_name</c>), so without this a page anywhere could be taken for the original a copy
    /// credits to APA.
    /// </summary>
    public static IReadOnlySet<string> OfArticle(string? url, string? site, string? sourceHome = null)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        AddHost(keys, url);
        if (!ClaimsAnotherSite(url, site, sourceHome)) AddName(keys, site);
        return keys;
    }

    private static bool ClaimsAnotherSite(string? url, string? site, string? sourceHome) =>
        WebUrl.TryHttp(url) is { } own
        && (WebUrl.OfSiteName(site) ?? (WebUrl.TryHttp(sourceHome) is { } home ? new Uri(home) : null)) is { } claimed
        && !WebUrl.SameSite(new Uri(own), claimed);

    /// <summary>
    /// The keys of the site a credit line names: its address's host, its name, and the host of a followed source of
    /// that name (<paramref name="sourceHome"/>, when İcmal knows one).
    /// </summary>
    public static IReadOnlySet<string> OfCredit(SourceCredit? credit, string? sourceHome = null)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        if (credit is null) return keys;
        AddHost(keys, credit.Url);
        AddName(keys, credit.Name);
        AddHost(keys, sourceHome);
        return keys;
    }

    /// <summary>True when two sets of keys name one site.</summary>
    public static bool Match(IReadOnlySet<string> a, IReadOnlySet<string> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return a.Count > 0 && b.Count > 0 && a.Overlaps(b);
    }

    private static void AddHost(HashSet<string> keys, string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) return;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)) return;
        try
        {
            keys.Add(Host(uri.IdnHost));
        }
        catch (UriFormatException)
        {
            // A host IDNA refuses ("a\u200Db.az": Uri parses it, IdnHost throws) names no site: an article from such an
            // address is linked by its text and its site's name alone. (The exception left the article unlinked, and
            // the copy detector's catch-up stopped every later start on it.)
        }
    }

    /// <summary>A name that is a domain ("Sherg.az") is its host; any other name ("APA", "Report") is kept folded.</summary>
    private static void AddName(HashSet<string> keys, string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return;
        string trimmed = name.Trim().TrimEnd('/', '.');
        if (trimmed.Contains("://", StringComparison.Ordinal)) { AddHost(keys, trimmed); return; }
        if (trimmed.Length == 0) return;
        keys.Add(WebUrl.IsDomainName(trimmed)
            ? Host(AzCasing.FoldAscii(trimmed))
            : "name:" + AzCasing.FoldAscii(trimmed));
    }

    private static string Host(string host)
    {
        string lower = AzCasing.FoldAscii(host);
        return lower.StartsWith("www.", StringComparison.Ordinal) ? lower[4..] : lower;
    }
}
