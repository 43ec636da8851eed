using System.Text.RegularExpressions;
using Icmal.Text.Casing;

namespace Icmal.Collection;

/// <summary>
/// What the address alone says about a link on a listing page: addresses that are never articles (category, tag,
/// author, pagination, search, static pages, language roots, files), the "shape" an article address often has (a
/// numeric id, a long slug, an .html page, an ?id= query), and the path template links of one kind share
/// (<c>/xeber/3-layihe</c> and <c>/xeber/4-layihe</c> are both <c>/xeber/#w</c>).
/// </summary>
public static class ListingAddresses
{
    /// <summary>Path segments (ASCII-folded, extension dropped) of sections that list or describe, not report.</summary>
    private static readonly HashSet<string> NonArticleSegments = new(StringComparer.Ordinal)
    {
        "tag", "tags", "teg", "tegler", "etiket", "etiketler", "category", "categories", "kateqoriya", "kateqoriyalar", "cat",
        "author", "authors", "muellif", "muellifler", "yazar", "yazarlar", "user", "users", "profile", "page", "pages", "sehife",
        "search", "axtar", "axtaris", "login", "register", "signin", "signup", "share", "sharer", "rss", "feed", "print",
        "archive", "arxiv", "wp-admin", "wp-login", "cdn-cgi", "ajax", "api",
    };

    /// <summary>Last segments of static pages: about, contact, advertising, privacy, terms, editorial board, jobs.</summary>
    private static readonly HashSet<string> StaticPages = new(StringComparer.Ordinal)
    {
        "about", "about-us", "haqqimizda", "haqqinda", "biz-kimik", "contact", "contacts", "contact-us", "elaqe", "elaqa",
        "kontakt", "kontaktlar", "reklam", "advertising", "advertise", "reklam-yerlesdirmek", "privacy", "privacy-policy",
        "mexfilik", "mexfilik-siyaseti", "gizlilik", "terms", "qaydalar", "istifade-qaydalari", "redaksiya", "editorial",
        "sitemap", "faq", "vakansiya", "vakansiyalar", "careers", "abune", "subscribe", "abuneler", "sertler", "rules",
    };

    /// <summary>Query keys of pagination, search and filtering.</summary>
    private static readonly HashSet<string> NonArticleQueryKeys = new(StringComparer.Ordinal)
    {
        "page", "p", "s", "q", "search", "query", "tag", "cat", "category", "author", "lang", "sort", "start", "offset",
    };

    private static readonly HashSet<string> FileExtensions = new(StringComparer.Ordinal)
    {
        "jpg", "jpeg", "png", "gif", "webp", "svg", "pdf", "doc", "docx", "xls", "xlsx", "zip", "rar", "mp3", "mp4", "css", "js", "xml", "json",
    };

    private static readonly Regex ArticleShape = new(@"(\d{3,}|[\p{L}\p{N}]+(-[\p{L}\p{N}]+){3,}|\.html?$|\.php\?.*id=\d+)",
        RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>
    /// True when the address is of a kind that is never an article: the site root or a language root (/az, /ru),
    /// a category, tag, author, search, pagination or share address, a static page, or a file.
    /// </summary>
    public static bool IsNeverAnArticle(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var segments = Segments(url);
        if (segments.Count == 0) return true;
        if (segments.Count == 1 && segments[0].Length <= 3 && segments[0].All(char.IsAsciiLetter) && url.Query.Length == 0) return true;
        foreach (string segment in segments)
        {
            var (stem, extension) = SplitExtension(segment);
            if (NonArticleSegments.Contains(stem)) return true;
            if (extension.Length > 0 && FileExtensions.Contains(extension)) return true;
        }
        if (IsDateArchive(segments)) return true;
        if (StaticPages.Contains(SplitExtension(segments[^1]).Stem)) return true;
        foreach (var (key, _) in Query(url))
            if (NonArticleQueryKeys.Contains(key)) return true;
        return false;
    }

    /// <summary>/2025/, /2025/11/, /2025/11/09/: a blog's archive of a year, month or day.</summary>
    private static bool IsDateArchive(List<string> segments) =>
        segments.Count <= 3 && segments[0].Length == 4 && (segments[0].StartsWith("19", StringComparison.Ordinal) || segments[0].StartsWith("20", StringComparison.Ordinal))
        && segments.All(s => s.All(char.IsAsciiDigit)) && segments.Skip(1).All(s => s.Length <= 2);

    /// <summary>The classic "looks like an article address" rule: a number of 3+ digits, a slug of 4+ words, .html, or ?id=.</summary>
    public static bool HasArticleShape(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        try
        {
            return ArticleShape.IsMatch(Uri.UnescapeDataString(url.PathAndQuery));
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    /// <summary>
    /// The path template: the first segment kept (a section such as "xeber" or "az"), later plain words as "w",
    /// numbers as "#", words with digits as "#w", slugs as "s", the extension kept; query keys with the shape of their
    /// values. Links of one kind on a page share it; menu links to sections share theirs with each other only.
    /// </summary>
    public static string Template(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var segments = Segments(url);
        var parts = new List<string>(segments.Count + 1);
        for (int i = 0; i < segments.Count; i++)
        {
            var (stem, extension) = SplitExtension(segments[i]);
            string shape = stem.All(char.IsAsciiDigit) ? "#"
                : stem.Any(char.IsDigit) ? "#w"
                : stem.Contains('-', StringComparison.Ordinal) || stem.Contains('_', StringComparison.Ordinal) ? "s"
                : i == 0 ? stem : "w";
            parts.Add(extension.Length > 0 ? shape + "." + extension : shape);
        }
        string path = "/" + string.Join('/', parts);
        var query = Query(url).Where(kv => !kv.Key.StartsWith("utm_", StringComparison.Ordinal)).Select(kv => kv.Key + "=" + (kv.Value.All(char.IsAsciiDigit) ? "#" : "w")).Order(StringComparer.Ordinal);
        return query.Any() ? path + "?" + string.Join('&', query) : path;
    }

    /// <summary>The path without a trailing slash, for prefix tests (a section's address is a prefix of its articles').</summary>
    public static string PathKey(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return "/" + string.Join('/', Segments(url));
    }

    /// <summary>A one-segment path of plain letters ("/siyaset", "/news"): a section, not an article.</summary>
    public static bool IsSingleWordSection(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var segments = Segments(url);
        return url.Query.Length == 0 && segments.Count == 1 && segments[0].All(char.IsLetter);
    }

    /// <summary>Decoded, ASCII-folded, lower-case path segments.</summary>
    private static List<string> Segments(Uri url)
    {
        string path;
        try
        {
            path = Uri.UnescapeDataString(url.AbsolutePath);
        }
        catch (UriFormatException)
        {
            path = url.AbsolutePath;
        }
        return path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(AzCasing.FoldAscii).ToList();
    }

    private static (string Stem, string Extension) SplitExtension(string segment)
    {
        int dot = segment.LastIndexOf('.');
        return dot > 0 && dot < segment.Length - 1 && segment.Length - dot <= 6 ? (segment[..dot], segment[(dot + 1)..]) : (segment, "");
    }

    private static IEnumerable<(string Key, string Value)> Query(Uri url)
    {
        if (url.Query.Length <= 1) yield break;
        foreach (string pair in url.Query[1..].Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = pair.IndexOf('=', StringComparison.Ordinal);
            string key = AzCasing.FoldAscii(eq < 0 ? pair : pair[..eq]);
            yield return (key, eq < 0 ? "" : pair[(eq + 1)..]);
        }
    }
}
