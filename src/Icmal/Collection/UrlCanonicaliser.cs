using System.Text;

namespace Icmal.Collection;

/// <summary>
/// One spelling per article address, so that the same article reached through a feed, a sitemap, a share link with
/// utm_* parameters or a session id is fetched and stored once.
/// </summary>
/// <remarks>
/// Lower-cases scheme and host, drops default ports, "www." is kept (some portals serve different sites with and
/// without it), drops the fragment, tracking and session parameters, sorts the remaining query parameters (by name,
/// stable for repeated names), removes empty "?" and resolves "." and ".." segments. The path's case is kept: paths
/// are case-sensitive on most servers.
/// </remarks>
public static class UrlCanonicaliser
{
    private static readonly string[] TrackingPrefixes = ["utm_", "mc_", "pk_", "hsa_", "_hs", "vero_", "oly_"];

    private static readonly HashSet<string> TrackingNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "ysclid", "twclid", "igshid", "igsh",
        "mkt_tok", "_ga", "_gl", "_openstat", "ref_src", "ref_url", "cmpid", "spm", "amp",
        "phpsessid", "jsessionid", "sid", "sessionid", "session_id", "aspsessionid", "cfid", "cftoken", "zanpid", "s_cid",
        "rss_source",
    };

    /// <summary>The canonical form of an absolute http(s) URL, or null when it is not one.</summary>
    public static string? Canonicalise(string? url, Uri? baseUri = null)
    {
        if (string.IsNullOrWhiteSpace(url)) return null;
        string trimmed = url.Trim();
        Uri? uri;
        if (baseUri is not null) Uri.TryCreate(baseUri, trimmed, out uri);
        else Uri.TryCreate(trimmed, UriKind.Absolute, out uri);
        return uri is null ? null : Canonicalise(uri);
    }

    public static string? Canonicalise(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        string? canonical = CanonicaliseOnce(uri);
        // A canonical form must canonicalise to itself, but one pass is not always enough: .NET keeps "%2e%2E" in a
        // path as written and reads it as ".." only when the string is parsed again. Go on until the form is stable.
        // A form that does not parse again (.NET's IDNA mapping can write spaces into a host of mojibake letters) is
        // no address at all.
        for (int i = 0; i < 4 && canonical is not null; i++)
        {
            if (!Uri.TryCreate(canonical, UriKind.Absolute, out var again)) return null;
            string? next = CanonicaliseOnce(again);
            if (next is null || string.Equals(next, canonical, StringComparison.Ordinal)) break;
            canonical = next;
        }
        return canonical is not null && Uri.TryCreate(canonical, UriKind.Absolute, out _) ? canonical : null;
    }

    private static string? CanonicaliseOnce(Uri uri)
    {
        if (!uri.IsAbsoluteUri || uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host)) return null;
        string authority;
        try
        {
            authority = Authority(uri);
        }
        catch (UriFormatException)
        {
            return null; // a host IDNA refuses (a zero-width joiner, say): Uri parses it but can not write it as ASCII
        }
        var sb = new StringBuilder(uri.OriginalString.Length);
        sb.Append(uri.Scheme).Append("://").Append(authority);

        string path = uri.AbsolutePath;
        // Session ids in the path: ";jsessionid=..." and friends.
        int semi = path.IndexOf(';', StringComparison.Ordinal);
        if (semi >= 0 && path.AsSpan(semi).Contains("sessionid", StringComparison.OrdinalIgnoreCase)) path = path[..semi];
        sb.Append(path.Length == 0 ? "/" : path);

        string query = uri.Query;
        if (query.Length > 1)
        {
            var kept = new List<(string Name, string Pair)>();
            foreach (string pair in query[1..].Split('&'))
            {
                if (pair.Length == 0) continue;
                int eq = pair.IndexOf('=', StringComparison.Ordinal);
                string name = eq < 0 ? pair : pair[..eq];
                if (IsTracking(Uri.UnescapeDataString(name))) continue;
                kept.Add((name, pair));
            }
            if (kept.Count > 0)
            {
                sb.Append('?');
                bool first = true;
                foreach (var (_, pair) in kept.OrderBy(k => k.Name, StringComparer.Ordinal))
                {
                    if (!first) sb.Append('&');
                    sb.Append(pair);
                    first = false;
                }
            }
        }
        return sb.ToString();
    }

    /// <summary>
    /// Host and, unless it is the scheme's default, port, spelled so that it can be written back into a URL: a
    /// lower-case ASCII (punycode) name without its trailing dot, or an IPv6 literal in its brackets.
    /// </summary>
    /// <remarks>
    /// <see cref="Uri.IdnHost"/> drops an IPv6 literal's brackets ("::1"), which written into a URL reads as a host
    /// "" with port ":1", and <c>new Uri</c> then throws: the literal keeps the compressed, bracketed
    /// <see cref="Uri.Host"/> form instead.
    /// </remarks>
    public static string Authority(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        string host = uri.HostNameType == UriHostNameType.IPv6
            ? uri.Host.ToLowerInvariant()
            : uri.IdnHost.ToLowerInvariant().TrimEnd('.');
        return uri.IsDefaultPort ? host : string.Concat(host, ":", uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static bool IsTracking(string name)
    {
        if (TrackingNames.Contains(name)) return true;
        foreach (string prefix in TrackingPrefixes)
            if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }
}
