using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Icmal.Text.Casing;
using Icmal.Collection.Feeds;

namespace Icmal.Collection;

/// <summary>
/// Finds the article links of a listing page (a home or section page) by the page's layout as well as by address
/// shape, in the spirit of trafilatura's and Miniflux's link heuristics; there is no list of sites.
/// <para>
/// First, links that are never articles are dropped: those in navigation (nav, footer, a header outside the
/// content, role=navigation/banner/contentinfo, containers whose class or id says menu, breadcrumb, pagination,
/// share, social, tags, language), links to other sites, and addresses of categories, tags, authors, pages of a
/// list, searches, static pages (about, contact, advertising, privacy) and files (<see cref="ListingAddresses"/>).
/// </para>
/// <para>
/// Each remaining link gets its <em>teaser</em>: the largest element around it that holds no other substantial link
/// (one with an image or a text of three words or more), so the image, the headline, the "read more" link and the
/// time of one teaser are read together. Teasers under one parent with the same tag and classes form a group.
/// A link's score adds up:
/// <list type="bullet">
/// <item>headline-like text (4+ words and 20+ characters) +2; three words +1; one word or none −1 (a menu label);</item>
/// <item>a date, time or "2 saat əvvəl" in the teaser or right beside it +1.5; an image in the teaser +0.5;</item>
/// <item>repeated teasers (3+ in the group) +1, two +0.5; in a group of 3+, most texts headline-like +1, few −1;</item>
/// <item>an address shaped like an article's (numeric id, long slug, .html, ?id=) +1.5;</item>
/// <item>a path template shared with another link on the page +1;</item>
/// <item>an address that is the path prefix of two or more other links −3 (a section: /az/politics above
/// /az/politics/slug-12345); a one-word path (/siyaset) −1.5.</item>
/// </list>
/// A link scoring <see cref="Threshold"/> or more anywhere on the page is an article link. So a grid of twelve
/// teasers linking to /xeber/3-layihe is found by its repetition, headlines and times though the address says
/// little, and a row of one-word section links is left out though their addresses share a template.
/// </para>
/// </summary>
public static class ListingLinks
{
    /// <summary>The score a link needs to be taken as an article.</summary>
    public const double Threshold = 2.0;

    private const string Many = "\u0000many";

    private static readonly Regex DateOrTime = new(
        @"\b\d{1,2}:\d{2}\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b"
        + @"|\b\d{1,2}\s+(yanvar|fevral|mart|aprel|may|[iİ]yun|[iİ]yul|avqust|sentyabr|oktyabr|noyabr|dekabr)"
        + @"|\b(yanvar|fevral|mart|aprel|may|[iİ]yun|[iİ]yul|avqust|sentyabr|oktyabr|noyabr|dekabr)\s+\d{1,2}\b"
        + @"|\b\d+\s+(dəqiqə|saat|gün|həftə)\s+(əvvəl|öncə)|\b(bu\s+gün|dünən)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    private static readonly HashSet<string> BoilerplateClassWords = new(StringComparer.Ordinal)
    {
        "menu", "menus", "submenu", "megamenu", "dropdown", "nav", "navbar", "navigation", "breadcrumb", "breadcrumbs",
        "pagination", "pager", "paging", "share", "sharing", "social", "socials", "footer", "topbar", "lang", "language",
        "languages", "tags", "tagcloud", "copyright",
    };

    private sealed record Candidate(IElement Anchor, Uri Url, string Key, string Text);

    /// <summary>The article links of <paramref name="document"/>, in page order, each with its best headline.</summary>
    public static IReadOnlyList<DiscoveredEntry> Find(IDocument document, Uri pageUrl, int max = 1000)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(pageUrl);
        var candidates = Candidates(document, pageUrl);
        if (candidates.Count == 0) return [];

        // Which substantial link each element holds: one address, or Many.
        var holds = new Dictionary<IElement, string>();
        foreach (var c in candidates.Where(IsSubstantial))
        {
            for (var e = c.Anchor.ParentElement; e is not null; e = e.ParentElement)
            {
                if (!holds.TryGetValue(e, out string? held)) holds[e] = c.Key;
                else if (held == Many || string.Equals(held, c.Key, StringComparison.Ordinal)) break;
                else holds[e] = Many;
            }
        }

        var distinct = candidates.DistinctBy(c => c.Key, StringComparer.Ordinal).ToList();
        var templates = distinct.CountBy(c => ListingAddresses.Template(c.Url), StringComparer.Ordinal).ToDictionary(StringComparer.Ordinal);
        var prefixes = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var c in distinct)
        {
            string path = ListingAddresses.PathKey(c.Url);
            for (int slash = path.LastIndexOf('/'); slash > 0; slash = path.LastIndexOf('/', slash - 1))
                prefixes[path[..slash]] = prefixes.GetValueOrDefault(path[..slash]) + 1;
        }

        var teasers = candidates.Select(c => (Candidate: c, Teaser: Teaser(c, holds))).ToList();
        var groups = teasers.GroupBy(t => (t.Teaser.ParentElement, Signature(t.Teaser)))
            .ToDictionary(g => g.Key, g => g.DistinctBy(t => t.Candidate.Key, StringComparer.Ordinal).ToList());
        var textOf = teasers.GroupBy(t => (t.Teaser, t.Candidate.Key))
            .ToDictionary(g => g.Key, g => g.Select(t => t.Candidate.Text).MaxBy(t => t.Length)!);

        var best = new Dictionary<string, (double Score, string Text)>(StringComparer.Ordinal);
        foreach (var (c, teaser) in teasers)
        {
            string text = textOf[(teaser, c.Key)];
            var group = groups[(teaser.ParentElement, Signature(teaser))];
            double score = TextScore(text);
            if (HasDate(teaser)) score += 1.5;
            if (teaser.QuerySelector("img, picture") is not null || teaser.LocalName == "img") score += 0.5;
            score += group.Count >= 3 ? 1 : group.Count == 2 ? 0.5 : 0;
            if (group.Count >= 3)
            {
                double headlines = group.Count(t => TextScore(textOf[(t.Teaser, t.Candidate.Key)]) >= 2) / (double)group.Count;
                score += headlines >= 0.6 ? 1 : headlines < 0.3 ? -1 : 0;
            }
            if (ListingAddresses.HasArticleShape(c.Url)) score += 1.5;
            if (templates[ListingAddresses.Template(c.Url)] >= 2) score += 1;
            if (prefixes.GetValueOrDefault(ListingAddresses.PathKey(c.Url)) >= 2) score -= 3;
            if (ListingAddresses.IsSingleWordSection(c.Url)) score -= 1.5;
            best[c.Key] = best.TryGetValue(c.Key, out var known)
                ? (Math.Max(score, known.Score), text.Length > known.Text.Length ? text : known.Text)
                : (score, text);
        }

        return distinct.Where(c => best[c.Key].Score >= Threshold)
            .Take(max)
            .Select(c => new DiscoveredEntry(c.Key, best[c.Key].Text.Length > 0 ? best[c.Key].Text : null))
            .ToList();
    }

    /// <summary>Same-site links outside navigation whose address may be an article's, in page order.</summary>
    private static List<Candidate> Candidates(IDocument document, Uri pageUrl)
    {
        var list = new List<Candidate>();
        string site = SiteKey(pageUrl.Host);
        var boilerplate = new Dictionary<IElement, bool>();
        foreach (var a in document.QuerySelectorAll("a[href]"))
        {
            if (!Uri.TryCreate(pageUrl, a.GetAttribute("href")!.Trim(), out var abs) || abs.Scheme is not ("http" or "https")) continue;
            if (!SiteKey(abs.Host).Equals(site, StringComparison.OrdinalIgnoreCase)) continue;
            if (abs.AbsolutePath.Equals(pageUrl.AbsolutePath, StringComparison.Ordinal) && abs.Query == pageUrl.Query) continue;
            if (ListingAddresses.IsNeverAnArticle(abs) || InBoilerplate(a, boilerplate)) continue;
            string key = new UriBuilder(abs) { Fragment = "" }.Uri.AbsoluteUri;
            list.Add(new Candidate(a, abs, key, LinkText(a)));
        }
        return list;
    }

    private static bool InBoilerplate(IElement anchor, Dictionary<IElement, bool> cache)
    {
        var path = new List<IElement>();
        bool result = false;
        for (var e = anchor.ParentElement; e is not null && e.LocalName is not ("body" or "html"); e = e.ParentElement)
        {
            if (cache.TryGetValue(e, out bool known))
            {
                result = known;
                break;
            }
            path.Add(e);
            if (IsBoilerplateElement(e))
            {
                result = true;
                break;
            }
        }
        foreach (var e in path) cache[e] = result;
        return result;
    }

    private static bool IsBoilerplateElement(IElement e)
    {
        if (e.LocalName is "nav" or "footer" or "menu") return true;
        if (e.LocalName == "header" && e.ParentElement?.Closest("article, main") is null) return true;
        string role = e.GetAttribute("role") ?? "";
        if (role is "navigation" or "banner" or "contentinfo" or "menu" or "menubar") return true;
        foreach (string token in ((e.GetAttribute("class") ?? "") + " " + (e.GetAttribute("id") ?? "")).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            string lower = AzCasing.FoldAscii(token);
            if (lower is "header" or "site-header" or "main-header" or "top-header") return true;
            foreach (string word in lower.Split('-', '_'))
            {
                // "topmenu", "mainmenu", "menubar", "navbar" too.
                if (BoilerplateClassWords.Contains(word) || word.EndsWith("menu", StringComparison.Ordinal)
                    || word.StartsWith("menu", StringComparison.Ordinal) || word.StartsWith("nav", StringComparison.Ordinal)) return true;
            }
        }
        return false;
    }

    /// <summary>The link's text, or its image's alt or title when it has none.</summary>
    private static string LinkText(IElement a)
    {
        string text = Icmal.Text.Whitespace.Fold(a.TextContent);
        if (text.Length > 0) return text;
        var img = a.QuerySelector("img");
        return Icmal.Text.Whitespace.Fold(img?.GetAttribute("alt") ?? a.GetAttribute("title") ?? img?.GetAttribute("title") ?? "");
    }

    private static bool IsSubstantial(Candidate c) => WordCount(c.Text) >= 3 || c.Anchor.QuerySelector("img") is not null;

    /// <summary>The largest element around the link that holds no other substantial link (stops below body and main).</summary>
    private static IElement Teaser(Candidate c, Dictionary<IElement, string> holds)
    {
        var teaser = c.Anchor;
        for (var e = c.Anchor.ParentElement; e is not null && e.LocalName is not ("body" or "main" or "html"); e = e.ParentElement)
        {
            if (holds.TryGetValue(e, out string? held) && !string.Equals(held, c.Key, StringComparison.Ordinal)) break;
            teaser = e;
        }
        return teaser;
    }

    private static string Signature(IElement e) =>
        e.LocalName + "." + string.Join('.', e.ClassList.Order(StringComparer.Ordinal));

    private static int WordCount(string text) =>
        text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Count(w => w.Any(char.IsLetter));

    /// <summary>+2 for a headline, +1 for three words, −1 for a one-word label or nothing.</summary>
    private static double TextScore(string text)
    {
        int words = WordCount(text);
        return words >= 4 && text.Length >= 20 ? 2 : words == 3 && text.Length >= 18 ? 1 : words <= 1 ? -1 : 0;
    }

    /// <summary>A date or time in the teaser (or a &lt;time&gt;), or in a link-free element right beside it.</summary>
    private static bool HasDate(IElement teaser)
    {
        if (teaser.LocalName == "time" || teaser.QuerySelector("time") is not null || MatchesDate(teaser.TextContent)) return true;
        foreach (var sibling in new[] { teaser.PreviousElementSibling, teaser.NextElementSibling })
        {
            if (sibling is null || sibling.QuerySelector("a") is not null || sibling.LocalName == "a") continue;
            if (sibling.LocalName == "time" || MatchesDate(sibling.TextContent)) return true;
        }
        return false;
    }

    private static bool MatchesDate(string text)
    {
        if (text.Length > 4000) text = text[..4000];
        try
        {
            return DateOrTime.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    internal static string SiteKey(string host) =>
        host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? host[4..] : host;
}
