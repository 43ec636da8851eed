using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Icmal.Text;
using Icmal.Text.Categories;

namespace Icmal.Extraction.Html;

/// <summary>
/// The section a page puts itself in, from what it says in order of trust: `article:section` and JSON-LD
/// `articleSection` (already in <see cref="PageMetadata.Sections"/>), a JSON-LD BreadcrumbList, breadcrumb markup, and
/// the address's path ("/az/sport/123-…"). The first one the taxonomy knows (<see cref="CategoryTaxonomy"/>) wins, so
/// that a site's own section is taken whenever it gives one; when none maps, the page's stated section is kept as it is
/// (a rubric such as "Analitik" is still worth showing) and the classifier decides the category later.
/// </summary>
internal static class PageSection
{
    /// <summary>Breadcrumb names longer than this are the article's own title, not a section.</summary>
    private const int MaxName = 40;

    private const string BreadcrumbSelector =
        "[itemtype*='BreadcrumbList'], [class*='breadcrumb'], [class*='Breadcrumb'], [id*='breadcrumb'], [aria-label*='breadcrumb'], [aria-label*='Breadcrumb']";

    /// <summary>The page's section: the most trusted one that maps to the taxonomy, else the stated section, else null.</summary>
    public static string? Choose(IHtmlDocument document, PageMetadata meta, Uri? pageUrl)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(meta);
        foreach (string candidate in Candidates(document, meta, pageUrl))
            if (CategoryTaxonomy.Map(candidate) is not null) return candidate;
        return meta.Sections.Count > 0 ? meta.Sections[0] : null;
    }

    /// <summary>Every section name the page offers, most trusted first (lazily: markup is only read when needed).</summary>
    internal static IEnumerable<string> Candidates(IHtmlDocument document, PageMetadata meta, Uri? pageUrl)
    {
        foreach (string s in meta.Sections) yield return s;
        // The deepest crumb is the most specific section ("Xəbərlər › Dünya").
        for (int i = meta.Breadcrumbs.Count - 1; i >= 0; i--) yield return meta.Breadcrumbs[i];
        var marked = MarkupBreadcrumbs(document);
        for (int i = marked.Count - 1; i >= 0; i--) yield return marked[i];
        foreach (string segment in PathSegments(pageUrl)) yield return segment;
    }

    /// <summary>The names of a JSON-LD BreadcrumbList's itemListElement, in order of position.</summary>
    public static void AddBreadcrumbList(JsonElement list, List<string> names)
    {
        if (!list.TryGetProperty("itemListElement", out var elements) || elements.ValueKind != JsonValueKind.Array) return;
        var found = new List<(double Position, int Order, string Name)>();
        foreach (var e in elements.EnumerateArray())
        {
            if (e.ValueKind != JsonValueKind.Object || found.Count >= 20) continue;
            string? name = NameOf(e) ?? (e.TryGetProperty("item", out var item) && item.ValueKind == JsonValueKind.Object ? NameOf(item) : null);
            if (name is null) continue;
            double position = e.TryGetProperty("position", out var p) && p.ValueKind == JsonValueKind.Number && p.TryGetDouble(out double v) ? v : found.Count;
            found.Add((position, found.Count, name));
        }
        foreach (var (_, _, name) in found.OrderBy(f => f.Position).ThenBy(f => f.Order)) Add(names, name);
    }

    private static string? NameOf(JsonElement e) =>
        e.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;

    /// <summary>The link texts of the first breadcrumb trails marked up in the page (class, id, aria-label, microdata).</summary>
    private static List<string> MarkupBreadcrumbs(IHtmlDocument document)
    {
        var names = new List<string>();
        int trails = 0;
        foreach (var trail in document.QuerySelectorAll(BreadcrumbSelector))
        {
            if (++trails > 3) break;
            foreach (var link in trail.QuerySelectorAll("a"))
            {
                if (names.Count >= 20) break;
                Add(names, link.TextContent);
            }
        }
        return names;
    }

    /// <summary>The folders of the address's path, deepest first, without the article's own last segment.</summary>
    private static IEnumerable<string> PathSegments(Uri? url)
    {
        if (url is null || !url.IsAbsoluteUri) yield break;
        var segments = url.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (int i = segments.Length - 2; i >= 0; i--)
        {
            string segment;
            try
            {
                segment = Uri.UnescapeDataString(segments[i]);
            }
            catch (UriFormatException)
            {
                continue;
            }
            if (segment.Length is > 1 and <= MaxName) yield return segment;
        }
    }

    private static void Add(List<string> names, string raw)
    {
        string name = Whitespace.Fold(raw);
        if (name.Length is > 0 and <= MaxName && !names.Contains(name, StringComparer.Ordinal)) names.Add(name);
    }
}
