using System.Text.Json;
using Icmal.Model;
using Icmal.Text;

namespace Icmal.Extraction;

/// <summary>
/// Reads article lists exported as JSON: a top-level array of objects, or an object holding one under
/// "articles", "items" or "data". Field names follow the common exports (title, text/content/body, url/link,
/// published/date/datePublished, site/source, author/authors, category/tags). The list itself is split by
/// <see cref="JsonListStream"/>, item by item; this reads one item.
/// </summary>
public static class JsonArticleReader
{
    /// <summary>Reads one article object; the error names what is missing.</summary>
    public static (ExtractedArticle? Article, string? Error) Read(ReadOnlyMemory<byte> itemJson)
    {
        try
        {
            using var doc = JsonDocument.Parse(itemJson);
            var o = doc.RootElement;
            if (o.ValueKind != JsonValueKind.Object) return (null, $"wrong shape: item is {Describe(o.ValueKind)}, not an object");
            string? text = Str(o, "text", "content", "body", "articleBody", "content_text", "description");
            if (string.IsNullOrWhiteSpace(text)) return (null, "no text: the item has no non-empty \"text\", \"content\" or \"body\"");
            string? published = Str(o, "published", "date", "datePublished", "pubDate", "published_at", "date_published");
            DateTimeOffset? when = published is not null && DateText.TryFind(published, out var d) ? d : null;
            string? url = Str(o, "url", "link", "canonical_url");
            var authors = StrList(o, "author", "authors", "byline");
            var tags = StrList(o, "category", "categories", "tags", "section");
            string? site = Str(o, "site", "source", "site_name", "domain");
            if (site is null && Uri.TryCreate(url, UriKind.Absolute, out var u)) site = u.Host;
            return (new ExtractedArticle
            {
                Title = Clean(Str(o, "title", "headline", "name")),
                Authors = authors,
                Published = when,
                PublishedFrom = when is null ? null : "the item's date field",
                Site = site,
                CanonicalUrl = url,
                Language = Str(o, "language", "lang"),
                Tags = tags,
                Blocks = Paragraphs(text),
            }, null);
        }
        catch (JsonException e)
        {
            return (null, $"not valid JSON: {e.Message}");
        }
    }

    private static IReadOnlyList<ArticleBlock> Paragraphs(string text)
    {
        string normalised = text.ReplaceLineEndings("\n");
        string[] parts = normalised.Contains("\n\n", StringComparison.Ordinal)
            ? normalised.Split("\n\n")
            : normalised.Split('\n');
        return parts.Select(Whitespace.Fold).Where(p => p.Length > 0).Select(p => new ArticleBlock(BlockKind.Paragraph, p)).ToList();
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : Whitespace.Fold(s);

    private static string? Str(JsonElement o, params string[] names)
    {
        foreach (string n in names)
            if (o.TryGetProperty(n, out var v) && v.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(v.GetString()))
                return v.GetString();
        return null;
    }

    private static IReadOnlyList<string> StrList(JsonElement o, params string[] names)
    {
        foreach (string n in names)
        {
            if (!o.TryGetProperty(n, out var v)) continue;
            if (v.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(v.GetString())) return [Whitespace.Fold(v.GetString()!)];
            if (v.ValueKind == JsonValueKind.Array)
                return v.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()
                        : e.ValueKind == JsonValueKind.Object && e.TryGetProperty("name", out var nm) && nm.ValueKind == JsonValueKind.String ? nm.GetString() : null)
                    .Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => Whitespace.Fold(s!)).ToList();
            if (v.ValueKind == JsonValueKind.Object && v.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String)
                return [Whitespace.Fold(name.GetString()!)];
        }
        return [];
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
