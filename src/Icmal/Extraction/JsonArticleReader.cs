using System.Text.Json;
using Icmal.Model;
using Icmal.Text;
using Icmal.Import;
using Icmal.Extraction.Dates;

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
            string? url = WebUrl.TryHttp(Str(o, "url", "link", "canonical_url"));
            DateTimeOffset? when = Published(o, url, Str(o, "language", "lang"));
            var authors = StrList(o, "author", "authors", "byline");
            var tags = StrList(o, "category", "categories", "tags", "section");
            string? section = Clean(Str(o, "section", "category", "articleSection"));
            string? title = Clean(Str(o, "title", "headline", "name"));
            if (title is not null)
            {
                var (headline, label) = HeadlineSection.Split(title, section is null ? [] : [section]);
                (title, section) = (headline, section ?? label);
            }
            string? site = Str(o, "site", "source", "site_name", "domain");
            if (site is null && Uri.TryCreate(url, UriKind.Absolute, out var u)) site = u.Host;
            return (new ExtractedArticle
            {
                Title = title,
                Section = section,
                Authors = authors,
                Published = when,
                PublishedFrom = when is null ? null : new DateEvidence(DateEvidenceKind.ItemField),
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

    private static readonly string[] DateFields = ["published", "date", "datePublished", "pubDate", "published_at", "date_published"];

    /// <summary>
    /// The item's publication time: the first date field that reads, given the time of day of another field naming
    /// the same day ("date": "2025-11-09" beside "published_at": "2025-11-09T05:15:00Z").
    /// </summary>
    private static DateTimeOffset? Published(JsonElement o, string? url, string? language)
    {
        var dates = new List<DateTimeOffset?>(2);
        foreach (string field in DateFields)
            if (Str(o, field) is { } v && ReadDate(v.Trim()) is { } d) dates.Add(d);
        if (dates.Count == 0) return null;
        var zone = PublisherZone.Guess(Uri.TryCreate(url, UriKind.Absolute, out var u) ? u : null, language is null ? [] : [language]);
        return DatePrecision.Sharpen(dates[0]!.Value, dates.Skip(1), zone);
    }

    /// <summary>
    /// A date field's value. Feed-style values ("Sun, 09 Nov 2025 05:15:00 GMT", Unix seconds) carry their own zone
    /// and are read as machine values; anything else as text ("27.10.2025 14:37", "20 oktyabr 2025"), day first.
    /// </summary>
    private static DateTimeOffset? ReadDate(string v)
    {
        if (v.Length == 0) return null;
        bool machine = char.IsLetter(v[0]) || v.All(char.IsAsciiDigit);
        return (machine ? DateText.TryParseMachine(v, out var d) : DateText.TryFind(v, out d)) ? d : null;
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
