using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Icmal.Extraction.Html;
using Icmal.Model;
using Icmal.Text;

namespace Icmal.Extraction;

/// <summary>
/// Extracts the article from an HTML page: metadata from JSON-LD, OpenGraph, meta tags, &lt;time&gt;, bylines and
/// the URL; the main text from the block-level element whose prose outweighs its links and boilerplate
/// (see <see cref="MainContent"/>), falling back to the page's JSON-LD articleBody when the markup hides the text.
/// </summary>
/// <remarks>
/// Thread-safe: each call parses its own document. Pages over <see cref="MaxChars"/> characters are cut there
/// before parsing, which bounds time and memory; article text is at the top of real pages.
/// </remarks>
public static partial class HtmlArticleExtractor
{
    /// <summary>The longest page parsed; the rest is ignored.</summary>
    public const int MaxChars = 2_500_000;


    private static readonly HtmlParser Parser = new(new HtmlParserOptions
    {
        IsScripting = false,
        IsKeepingSourceReferences = false,
        IsNotConsumingCharacterReferences = false,
        DisableElementPositionTracking = true,
        SkipComments = true,
        SkipRawText = true,
        // Script bodies (often hundreds of kilobytes of bundled code) are never text; JSON-LD is cut out of the
        // markup before parsing (see JsonLdBlocks).
        SkipScriptText = true,
        SkipCDATA = true,
        SkipProcessingInstructions = true,
        MaximumDepth = 512,
        ShouldEmitAttribute = (ref _, name) => KeptAttributes.Contains(name.Span),
    });

    /// <summary>The only attributes the extractor reads; dropping the rest (data-*, on*, srcset…) halves allocations.</summary>
    private static readonly System.Collections.Frozen.FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> KeptAttributes =
        System.Collections.Frozen.FrozenSet.ToFrozenSet(
        [
            "class", "id", "style", "hidden", "role", "itemprop", "content", "property", "name", "http-equiv", "charset",
            "datetime", "href", "rel", "type", "lang", "title", "data-date", "data-datetime", "pubdate", "xml:lang",
        ], StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static ExtractedArticle Extract(string html, Uri? pageUrl = null)
    {
        ArgumentNullException.ThrowIfNull(html);
        if (html.Length > MaxChars) html = html[..MaxChars];
        using IHtmlDocument document = Parser.ParseDocument(html);
        var index = PageIndex.Build(document);
        index.JsonLd.AddRange(JsonLdBlocks(html));
        var meta = PageMetadata.Read(document, index, pageUrl);

        var body = document.Body ?? document.DocumentElement;
        var (allBlocks, nodes) = PageBlocks.Read(body);
        var (selected, root) = MainContent.Select(allBlocks, nodes);

        selected = WithLead(selected, allBlocks, meta.Description);
        var blocks = new List<ArticleBlock>(selected.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        SourceCredit? credit = null;
        foreach (var b in selected)
        {
            string text = b.Kind == BlockKind.Preformatted ? b.Text : Whitespace.Fold(b.Text);
            if (text.Length == 0 || (text.Length > 20 && !seen.Add(text))) continue;
            if (SourceCredits.TryRead(text, ref credit) && SourceCredits.IsCreditOnly(text)) continue;
            blocks.Add(new ArticleBlock(b.Kind, text));
        }

        // A credit line may sit after the article's last paragraph, outside what was kept.
        if (credit is null)
        {
            foreach (var b in allBlocks)
            {
                if (b.Text.Length < 200 && !b.Owner.InBoilerplate && SourceCredits.TryRead(Whitespace.Fold(b.Text), ref credit)) break;
            }
        }

        // Pages that build their text with scripts still ship it in JSON-LD.
        if (meta.ArticleBody is { Length: > 200 } articleBody && TextLength(blocks) < articleBody.Length / 2)
            blocks = Paragraphs(articleBody);

        string? title = meta.Title;
        if (title is not null)
        {
            while (blocks.Count > 0 && blocks[0].Kind == BlockKind.Heading && string.Equals(blocks[0].Text, title, StringComparison.Ordinal))
                blocks.RemoveAt(0);
        }

        var (published, modified) = Dates(index, meta, root, selected, allBlocks, pageUrl);
        return new ExtractedArticle
        {
            Title = title,
            Authors = meta.Authors,
            Published = published,
            Modified = modified,
            Site = meta.Site,
            CanonicalUrl = meta.Canonical,
            Language = meta.Language,
            ImageUrl = meta.Image,
            Tags = meta.Tags,
            Original = credit,
            Blocks = blocks,
        };
    }

    /// <summary>
    /// The standfirst often sits in the article's header, outside the box holding the body. When the page's
    /// description is shown in a block before the body that the body does not contain, that block leads the text.
    /// </summary>
    private static List<PageBlock> WithLead(List<PageBlock> selected, List<PageBlock> all, string? description)
    {
        if (description is null || description.Length < 50 || selected.Count == 0) return selected;
        string probe = Whitespace.Fold(description);
        probe = probe[..Math.Min(probe.Length, 60)];
        foreach (var b in selected)
            if (b.Text.Contains(probe, StringComparison.Ordinal)) return selected;
        int first = selected[0].Index;
        for (int i = first - 1; i >= 0 && i >= first - 30; i--)
        {
            var b = all[i];
            if (b.Owner.InBoilerplate || b.LinkDensity > 0.3 || b.Kind == BlockKind.Heading) continue;
            if (Whitespace.Fold(b.Text).Contains(probe, StringComparison.Ordinal))
                return [b, .. selected];
        }
        return selected;
    }

    /// <summary>The bodies of &lt;script type="application/ld+json"&gt; elements, found by a scan of the markup.</summary>
    internal static List<string> JsonLdBlocks(string html)
    {
        var result = new List<string>();
        int at = 0;
        while (result.Count < 20)
        {
            int marker = html.IndexOf("ld+json", at, StringComparison.OrdinalIgnoreCase);
            if (marker < 0) break;
            int tagStart = html.LastIndexOf('<', marker);
            int tagEnd = html.IndexOf('>', marker);
            if (tagStart < 0 || tagEnd < 0) break;
            at = tagEnd + 1;
            if (string.Compare(html, tagStart, "<script", 0, 7, StringComparison.OrdinalIgnoreCase) != 0 || html.IndexOf('<', tagStart + 1, marker - tagStart - 1) >= 0)
                continue;
            int close = html.IndexOf("</script", at, StringComparison.OrdinalIgnoreCase);
            if (close < 0) close = html.Length;
            result.Add(html[at..close]);
            at = close;
        }
        return result;
    }

    private static int TextLength(List<ArticleBlock> blocks)
    {
        int n = 0;
        foreach (var b in blocks) n += b.Text.Length;
        return n;
    }

    private static List<ArticleBlock> Paragraphs(string text)
    {
        var result = new List<ArticleBlock>();
        foreach (string part in text.ReplaceLineEndings("\n").Split('\n'))
        {
            string p = Whitespace.Fold(part);
            if (p.Length > 0) result.Add(new ArticleBlock(BlockKind.Paragraph, p));
        }
        return result;
    }

    /// <summary>
    /// Publication and modification time. Structured data first (JSON-LD, meta), then the URL, then &lt;time&gt;
    /// and date-classed elements near the article, then the article's own text; the page's other dates (today's
    /// date in a header, dates of teasers) are looked at last.
    /// </summary>
    private static (DateTimeOffset? Published, DateTimeOffset? Modified) Dates(PageIndex index, PageMetadata meta, PageNode root, List<PageBlock> selected, List<PageBlock> allBlocks, Uri? pageUrl)
    {
        DateTimeOffset? modified = meta.Modified;
        string? url = pageUrl?.ToString() ?? meta.Canonical;
        DateTimeOffset? fromUrl = url is not null ? UrlDate(url) : null;
        if (meta.Published is { } p)
        {
            // A full date in the address is what the site filed the article under; a structured date a day
            // off is a time-zone conversion of the same moment.
            if (fromUrl is { } u && Math.Abs((p.Date - u.Date).TotalDays) <= 1) return (new DateTimeOffset(u.Year, u.Month, u.Day, p.Hour, p.Minute, 0, p.Offset), modified);
            // A UTC timestamp is often a day off the local date the page shows its readers: the shown date wins.
            if (p.Offset == TimeSpan.Zero && ShownDate(index, root) is { } shown && Math.Abs((p.Date - shown.Date).TotalDays) == 1)
                return (new DateTimeOffset(shown.Year, shown.Month, shown.Day, 0, 0, 0, DateText.BakuOffset), modified);
            return (p, modified);
        }
        if (fromUrl is not null) return (fromUrl, modified);

        bool monthFirst = meta.Language is "en" && (url?.Contains(".com", StringComparison.Ordinal) ?? true);

        // Marked-up publication times.
        foreach (var el in index.MarkedDates)
        {
            if (FromElement(el, monthFirst) is { } d) return (d, modified);
        }

        // <time> and date-classed elements: first those inside or just before the article.
        var rootEl = root.Element;
        DateTimeOffset? outside = null;
        int scanned = 0;
        foreach (var el in index.DateLike)
        {
            if (++scanned > 400) break;
            if (el.LocalName is "body" or "html" or "main" || el.ChildElementCount > 12) continue;
            var d = FromElement(el, monthFirst);
            if (d is null) continue;
            if (rootEl.Contains(el) || IsNear(el, rootEl)) return (d, modified);
            outside ??= d;
        }

        // The article's own text: a dateline or a "published on" line.
        int checkedBlocks = 0;
        foreach (var b in selected)
        {
            if (++checkedBlocks > 40) break;
            if (b.Text.Length > 400) continue;
            if (DateText.TryFind(b.Text, monthFirst, null, out var d)) return (d, modified);
        }
        if (outside is not null) return (outside, modified);
        if (modified is not null) return (modified, modified);

        // Last: the first short line of the page that carries a date.
        int lines = 0;
        foreach (var b in allBlocks)
        {
            if (++lines > 1500) break;
            if (b.Text.Length > 160) continue;
            if (DateText.TryFind(b.Text, monthFirst, null, out var d) && d <= DateTimeOffset.UtcNow.AddDays(2)) return (d, modified);
        }
        return (null, null);
    }

    /// <summary>The first date written out as text (not in an attribute) in a date-like element at the article.</summary>
    private static DateTimeOffset? ShownDate(PageIndex index, PageNode root)
    {
        int scanned = 0;
        foreach (var el in index.DateLike)
        {
            if (++scanned > 200) break;
            if (el.ChildElementCount > 12) continue;
            if (!root.Element.Contains(el) && !IsNear(el, root.Element)) continue;
            string text = el.TextContent;
            if (text.Length is < 6 or > 200) continue;
            if (DateText.TryFind(text, out var d)) return d;
        }
        return null;
    }

    private static bool IsNear(IElement el, IElement root)
    {
        // An element in the article's header: same parent chain within three levels of the article root.
        var parent = root.ParentElement;
        for (int i = 0; i < 3 && parent is not null; i++, parent = parent.ParentElement)
            if (parent.Contains(el)) return true;
        return false;
    }

    private static DateTimeOffset? FromElement(IElement el, bool monthFirst)
    {
        foreach (string attr in (string[])["datetime", "content", "data-datetime", "data-date", "title"])
        {
            if (el.GetAttribute(attr) is { Length: >= 8 and < 80 } v && DateText.TryParseMachine(v, out var d)) return d;
        }
        string text = el.TextContent;
        if (text.Length is < 6 or > 300) return null;
        return DateText.TryFind(text, monthFirst, null, out var t) ? t : null;
    }

    private static DateTimeOffset? UrlDate(string url)
    {
        var m = UrlDatePattern().Match(url);
        if (!m.Success) return null;
        int y = int.Parse(m.Groups["y"].ValueSpan, System.Globalization.CultureInfo.InvariantCulture);
        int mo = int.Parse(m.Groups["m"].ValueSpan, System.Globalization.CultureInfo.InvariantCulture);
        int d = int.Parse(m.Groups["d"].ValueSpan, System.Globalization.CultureInfo.InvariantCulture);
        if (y is < 1995 or > 2100 || mo is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, mo)) return null;
        return new DateTimeOffset(y, mo, d, 0, 0, 0, DateText.BakuOffset);
    }

    [GeneratedRegex(@"[/_-](?<y>(19|20)\d\d)[/_.-]?(?<m>[01]\d)[/_.-]?(?<d>[0-3]\d)(?:[/_.-]|$)", RegexOptions.CultureInvariant)]
    private static partial Regex UrlDatePattern();
}
