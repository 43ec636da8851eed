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

    /// <summary>On Unix "/img/a.jpg" parses as an absolute file: URI; a path beginning with '/' is relative here.</summary>
    private static bool IsSchemelessUnixPath(Uri uri, string text) => uri.IsFile && text.StartsWith('/');
}
