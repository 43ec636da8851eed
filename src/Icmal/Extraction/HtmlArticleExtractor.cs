using System.Text;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Icmal.Model;
using Icmal.Text;

namespace Icmal.Extraction;

/// <summary>
/// Extracts the article from an HTML page: metadata from JSON-LD, OpenGraph and meta tags, and the main text from
/// the element whose paragraphs carry the most non-link text.
/// </summary>
public static class HtmlArticleExtractor
{
    private static readonly HtmlParser Parser = new(new HtmlParserOptions { IsScripting = false });

    private static readonly string[] Noise =
    [
        "script", "style", "noscript", "template", "svg", "iframe", "form", "nav", "aside", "footer", "header",
        "button", "select", "input", "textarea", "object", "embed",
    ];

    public static ExtractedArticle Extract(string html, Uri? pageUrl = null)
    {
        ArgumentNullException.ThrowIfNull(html);
        using var document = Parser.ParseDocument(html);
        var meta = ReadMeta(document);

        string? title = meta.GetValueOrDefault("og:title") ?? meta.GetValueOrDefault("twitter:title")
            ?? document.QuerySelector("h1")?.TextContent ?? document.Title;
        string? site = meta.GetValueOrDefault("og:site_name") ?? pageUrl?.Host;
        string? author = meta.GetValueOrDefault("author") ?? meta.GetValueOrDefault("article:author");
        DateTimeOffset? published = ParseDate(meta.GetValueOrDefault("article:published_time"))
            ?? ParseDate(document.QuerySelector("time[datetime]")?.GetAttribute("datetime"));
        string? canonical = document.QuerySelector("link[rel=canonical]")?.GetAttribute("href") ?? meta.GetValueOrDefault("og:url");

        ReadJsonLd(document, ref title, ref author, ref published);

        foreach (var noise in document.QuerySelectorAll(string.Join(',', Noise)).ToList()) noise.Remove();

        var root = BestContainer(document.Body);
        var blocks = root is null ? [] : CollectBlocks(root);
        if (title is not null && blocks.Count > 0 && string.Equals(blocks[0].Text, Fold(title), StringComparison.Ordinal))
            blocks.RemoveAt(0);

        return new ExtractedArticle
        {
            Title = title is null ? null : Fold(title),
            Authors = author is null ? [] : [Fold(author)],
            Published = published,
            Site = site,
            CanonicalUrl = Absolute(canonical, pageUrl),
            Language = document.DocumentElement.GetAttribute("lang"),
            ImageUrl = Absolute(meta.GetValueOrDefault("og:image"), pageUrl),
            Blocks = blocks,
        };
    }

    private static Dictionary<string, string> ReadMeta(IHtmlDocument document)
    {
        var meta = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var m in document.QuerySelectorAll("meta"))
        {
            string? key = m.GetAttribute("property") ?? m.GetAttribute("name");
            string? content = m.GetAttribute("content");
            if (key is not null && !string.IsNullOrWhiteSpace(content)) meta.TryAdd(key.Trim(), content.Trim());
        }
        return meta;
    }

    private static void ReadJsonLd(IHtmlDocument document, ref string? title, ref string? author, ref DateTimeOffset? published)
    {
        foreach (var script in document.QuerySelectorAll("script[type='application/ld+json']"))
        {
            try
            {
                using var json = JsonDocument.Parse(script.TextContent);
                foreach (var item in Items(json.RootElement))
                {
                    if (item.TryGetProperty("headline", out var h) && h.ValueKind == JsonValueKind.String) title ??= h.GetString();
                    if (item.TryGetProperty("datePublished", out var d) && d.ValueKind == JsonValueKind.String) published ??= ParseDate(d.GetString());
                    if (item.TryGetProperty("author", out var a)) author ??= AuthorName(a);
                }
            }
            catch (JsonException)
            {
                // Broken JSON-LD is common; the other metadata still applies.
            }
        }
    }

    private static IEnumerable<JsonElement> Items(JsonElement root)
    {
        if (root.ValueKind == JsonValueKind.Array)
        {
            foreach (var e in root.EnumerateArray()) if (e.ValueKind == JsonValueKind.Object) yield return e;
        }
        else if (root.ValueKind == JsonValueKind.Object)
        {
            yield return root;
            if (root.TryGetProperty("@graph", out var graph) && graph.ValueKind == JsonValueKind.Array)
                foreach (var e in graph.EnumerateArray()) if (e.ValueKind == JsonValueKind.Object) yield return e;
        }
    }

    private static string? AuthorName(JsonElement a) => a.ValueKind switch
    {
        JsonValueKind.String => a.GetString(),
        JsonValueKind.Object when a.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String => n.GetString(),
        JsonValueKind.Array => a.EnumerateArray().Select(AuthorName).FirstOrDefault(n => n is not null),
        _ => null,
    };

    private static DateTimeOffset? ParseDate(string? text) =>
        text is not null && DateText.TryFind(text, out var value) ? value : null;

    private static string? Absolute(string? href, Uri? baseUrl)
    {
        if (string.IsNullOrWhiteSpace(href)) return null;
        if (Uri.TryCreate(href.Trim(), UriKind.Absolute, out var abs)) return abs.Scheme is "http" or "https" ? abs.ToString() : null;
        return baseUrl is not null && Uri.TryCreate(baseUrl, href.Trim(), out var rel) ? rel.ToString() : null;
    }

    /// <summary>The element whose direct paragraph children hold the most text outside links.</summary>
    private static IElement? BestContainer(IElement? body)
    {
        if (body is null) return null;
        var scores = new Dictionary<IElement, double>();
        foreach (var p in body.QuerySelectorAll("p, pre, blockquote, li"))
        {
            string text = Fold(p.TextContent);
            if (text.Length < 25) continue;
            int linkText = p.QuerySelectorAll("a").Sum(a => a.TextContent.Length);
            double score = text.Length - (2.0 * linkText) + (text.Count(c => c is ',' or '.') * 10);
            if (score <= 0) continue;
            var parent = p.ParentElement;
            if (parent is null) continue;
            scores[parent] = scores.GetValueOrDefault(parent) + score;
            if (parent.ParentElement is { } grand) scores[grand] = scores.GetValueOrDefault(grand) + (score / 2);
        }
        return scores.Count == 0 ? body : scores.MaxBy(kv => kv.Value).Key;
    }

    private static List<ArticleBlock> CollectBlocks(IElement root)
    {
        var blocks = new List<ArticleBlock>();
        foreach (var e in root.QuerySelectorAll("p, h2, h3, h4, h5, h6, li, blockquote, pre"))
        {
            if (e.ParentElement?.Closest("blockquote, li") is not null && e.LocalName is "p") continue;
            string text = Fold(e.TextContent);
            if (text.Length == 0) continue;
            var kind = e.LocalName switch
            {
                "h2" or "h3" or "h4" or "h5" or "h6" => BlockKind.Heading,
                "li" => BlockKind.ListItem,
                "blockquote" => BlockKind.Quote,
                "pre" => BlockKind.Preformatted,
                _ => BlockKind.Paragraph,
            };
            blocks.Add(new ArticleBlock(kind, text));
        }
        if (blocks.Count == 0)
        {
            string all = Fold(root.TextContent);
            if (all.Length > 0) blocks.Add(new ArticleBlock(BlockKind.Paragraph, all));
        }
        return blocks;
    }

    private static string Fold(string t) => Whitespace.Fold(t);
}
