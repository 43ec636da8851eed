using System.Text.Json;
using Icmal.Model;
using Icmal.Text;

namespace Icmal.Extraction;

/// <summary>
/// Reads article lists exported as JSON: a top-level array of objects, or an object holding one under
/// "articles", "items" or "data". Field names follow the common exports (title, text/content/body, url/link,
/// published/date/datePublished, site/source, author/authors, category/tags).
/// </summary>
public static class JsonArticleReader
{
    private static readonly string[] ListProperties = ["articles", "items", "data", "entries", "posts"];

    /// <summary>Splits a JSON list into its items' raw UTF-8 bytes, or says why the file has the wrong shape.</summary>
    public static (IReadOnlyList<ReadOnlyMemory<byte>> Items, string? Error) SplitList(ReadOnlyMemory<byte> json)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64, CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            return ([], $"not valid JSON: {e.Message}");
        }
        try
        {
            return Split(doc);
        }
        catch (InvalidOperationException)
        {
            // Valid JSON, but .NET will not read a string holding half a surrogate pair.
            return ([], "invalid text: a string holds an unpaired surrogate escape (such as \\uD800)");
        }
    }

    private static (IReadOnlyList<ReadOnlyMemory<byte>> Items, string? Error) Split(JsonDocument doc)
    {
        using (doc)
        {
            var list = doc.RootElement;
            if (list.ValueKind == JsonValueKind.Object)
            {
                var inner = ListProperties.Select(p => list.TryGetProperty(p, out var v) ? v : default)
                    .FirstOrDefault(v => v.ValueKind == JsonValueKind.Array);
                if (inner.ValueKind != JsonValueKind.Array)
                {
                    if (LooksLikeArticle(list)) return ([Bytes(list)], null);
                    return ([], "wrong shape: expected an array of article objects (or an object with an \"articles\" array)");
                }
                list = inner;
            }
            if (list.ValueKind != JsonValueKind.Array)
                return ([], $"wrong shape: expected an array of article objects, found {Describe(list.ValueKind)}");
            var items = new List<ReadOnlyMemory<byte>>();
            foreach (var item in list.EnumerateArray()) items.Add(Bytes(item));
            if (items.Count == 0) return ([], "no articles: the list is empty");
            return (items, null);
        }
    }

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
        catch (InvalidOperationException)
        {
            // Valid JSON, but .NET will not read a string holding half a surrogate pair.
            return (null, "invalid text: a string holds an unpaired surrogate escape (such as \\uD800)");
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

    private static bool LooksLikeArticle(JsonElement o) =>
        Str(o, "text", "content", "body", "articleBody") is not null;

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

    /// <summary>The item's JSON as written (re-serialising would unescape its strings, and throws on a lone surrogate escape).</summary>
    private static ReadOnlyMemory<byte> Bytes(JsonElement e) => System.Text.Encoding.UTF8.GetBytes(e.GetRawText());

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
