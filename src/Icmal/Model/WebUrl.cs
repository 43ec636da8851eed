namespace Icmal.Model;

/// <summary>
/// The one rule for addresses that enter an article (its URL, canonical URL, image, credited original): absolute
/// http or https only, relative ones resolved against the page. Everything else (javascript:, data:, vbscript:,
/// file:, a bare path with nothing to resolve it against) is dropped where the article is read, so no later stage
/// (storage, API, portal, exports) can hand it to a browser.
/// </summary>
public static class WebUrl
{
    /// <summary>The longest address kept; longer ones are data smuggled into a URL field, not addresses.</summary>
    public const int MaxLength = 4096;

    /// <summary>
    /// <paramref name="value"/> as an absolute http(s) address (resolved against <paramref name="baseUrl"/> when
    /// relative), or null when it is empty, too long, unparseable or of any other scheme.
    /// </summary>
    public static string? TryHttp(string? value, Uri? baseUrl = null)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        string trimmed = value.Trim();
        if (trimmed.Length > MaxLength) return null;
        Uri? uri;
        if (Uri.TryCreate(trimmed, UriKind.Absolute, out var absolute) && !IsSchemelessUnixPath(absolute, trimmed)) uri = absolute;
        else if (baseUrl is { IsAbsoluteUri: true } && Uri.TryCreate(baseUrl, trimmed, out var resolved)) uri = resolved;
        else return null;
        if (uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host)) return null;
        // An absolute address is kept as the page wrote it ("https://sherg.az", not "https://sherg.az/").
        return ReferenceEquals(uri, absolute) ? trimmed : uri.AbsoluteUri;
    }

    /// <summary>The base a page's relative addresses resolve against: its own address, else its canonical one.</summary>
    public static Uri? BaseOf(Uri? pageUrl, string? canonical) =>
        pageUrl is { IsAbsoluteUri: true } ? pageUrl
        : TryHttp(canonical) is { } c ? new Uri(c)
        : null;

    /// <summary>
    /// True when two addresses belong to one site: the same host, or hosts under one registered name ("m.apa.az" and
    /// "apa.az", "news.gov.az" and "www.news.gov.az"). Without a public-suffix list the registered name is the last two
    /// labels, or three under a country's second level ("report.com.az", "bbc.co.uk"); an IP address is its own site.
    /// </summary>
    public static bool SameSite(Uri a, Uri b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        string x = a.Host.TrimEnd('.'), y = b.Host.TrimEnd('.');
        if (string.Equals(x, y, StringComparison.OrdinalIgnoreCase)) return true;
        if (a.HostNameType != UriHostNameType.Dns || b.HostNameType != UriHostNameType.Dns) return false;
        return string.Equals(RegisteredName(x), RegisteredName(y), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// A site's name that is an address or a domain ("https://sherg.az", "Sherg.az") as an address of that site; null
    /// for any other name ("APA", "Azərbaycan Dövlət Teleqraf Agentliyi").
    /// </summary>
    public static Uri? OfSiteName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return null;
        string trimmed = name.Trim().TrimEnd('/', '.');
        string? address = trimmed.Contains("://", StringComparison.Ordinal) ? TryHttp(trimmed)
            : IsDomainName(trimmed) ? TryHttp("https://" + trimmed)
            : null;
        return address is null ? null : new Uri(address);
    }

    /// <summary>True for a site's name written as a domain ("Sherg.az", "report.az"): a dot and no space.</summary>
    public static bool IsDomainName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Contains('.', StringComparison.Ordinal) && !name.Contains(' ', StringComparison.Ordinal);
    }

    /// <summary>Second-level labels under which a country's registry hands out names ("com.az", "gov.az", "co.uk").</summary>
    private static readonly HashSet<string> SecondLevels = new(StringComparer.OrdinalIgnoreCase)
    {
        "com", "net", "org", "gov", "edu", "info", "biz", "co", "ac", "mil", "int", "name", "pro", "web", "pp", "nat", "tv",
    };

    private static string RegisteredName(string host)
    {
        string[] labels = host.Split('.');
        if (labels.Length <= 2) return host;
        bool countrySecondLevel = labels[^1].Length == 2 && SecondLevels.Contains(labels[^2]);
        int keep = countrySecondLevel ? 3 : 2;
        return string.Join('.', labels[^keep..]);
    }

    /// <summary>On Unix "/img/a.jpg" parses as an absolute file: URI; a path beginning with '/' is relative here.</summary>
    private static bool IsSchemelessUnixPath(Uri uri, string text) => uri.IsFile && text.StartsWith('/');
}
