using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Icmal.Extraction.Html;
using Icmal.Html;
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

    /// <summary>The only attributes the extractor reads; dropping the rest (data-*, on*, srcset…) halves allocations.</summary>
    private static readonly Icmal.Html.NameTable KeptAttributes = new(
        [
            "class", "id", "style", "hidden", "role", "itemprop", "content", "property", "name", "http-equiv", "charset",
            "datetime", "href", "rel", "type", "lang", "title", "data-date", "data-datetime", "pubdate", "xml:lang",
        ]);

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

    /// <param name="fetched">When the page was fetched from the web, if it was: relative dates ("Bu gün, 14:37")
    /// are read against it. Leave it null for a page of unknown age.</param>
    public static ExtractedArticle Extract(string html, Uri? pageUrl = null, DateTimeOffset? fetched = null)
    {
        ArgumentNullException.ThrowIfNull(html);
        if (html.Length > MaxChars) html = html[..MaxChars];
        // Bounded nesting: a tree builder's work grows with the square of the depth (see NestingLimit).
        using IHtmlDocument document = NestingLimit.Parse(Parser, html);
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
        string? section = PageSection.Choose(document, meta, pageUrl);
        if (title is not null)
        {
            var (headline, label) = HeadlineSection.Split(title, meta.Sections);
            if (label is not null && headline.Length >= 10)
            {
                // Blocks repeat the headline as the page shows it, label and all.
                while (blocks.Count > 0 && blocks[0].Kind == BlockKind.Heading && string.Equals(blocks[0].Text, title, StringComparison.Ordinal))
                    blocks.RemoveAt(0);
                (title, section) = (headline, section ?? label);
            }
            while (blocks.Count > 0 && blocks[0].Kind == BlockKind.Heading && string.Equals(blocks[0].Text, title, StringComparison.Ordinal))
                blocks.RemoveAt(0);
        }

        var (published, modified) = PublicationDate.Choose(html, index, meta, root, selected, allBlocks, pageUrl, fetched);
        return new ExtractedArticle
        {
            Title = title,
            Section = section,
            Authors = meta.Authors,
            Published = published?.Value,
            PublishedFrom = published?.From,
            Modified = modified,
            Site = meta.Site,
            CanonicalUrl = WebUrl.TryHttp(meta.Canonical, pageUrl),
            Language = meta.Language,
            ImageUrl = WebUrl.TryHttp(meta.Image, WebUrl.BaseOf(pageUrl, meta.Canonical)),
            Tags = meta.Tags,
            Original = credit is null ? null : credit with { Url = WebUrl.TryHttp(credit.Url, pageUrl) },
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
}
