using System.Text.Json;
using Icmal.Model;

namespace Icmal.Collection.Feeds;

/// <summary>JSON Feed 1.x: items, their URLs, titles and dates.</summary>
internal static class JsonFeedReader
{
    internal static DiscoveredLinks ParseJsonFeed(string text, Uri baseUrl)
    {
        try
        {
            using var doc = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 32, AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array)
                return DiscoveredLinks.Failed("JSON document is not a JSON Feed (no items array)");
            string? title = Str(root, "title");
            var entries = new List<DiscoveredEntry>();
            foreach (var item in items.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object) continue;
                string? url = Str(item, "url") ?? Str(item, "external_url");
                if (url is null && Str(item, "id") is { } id && FeedXml.LooksLikeUrl(id)) url = id;
                FeedXml.Add(entries, url, baseUrl, FeedXml.Clean(Str(item, "title")), FeedXml.ParseDate(Str(item, "date_published") ?? Str(item, "date_modified")));
                if (entries.Count >= FeedParser.MaxEntries) break;
            }
            return new DiscoveredLinks(DiscoveryKind.JsonFeed, entries, [], title);
        }
        catch (JsonException e)
        {
            return DiscoveredLinks.Failed($"malformed JSON feed: {FeedXml.Truncate(e.Message, 160)}");
        }

        // An unpaired surrogate escape ("\uD800") is valid JSON that .NET will not read as a string: that field is absent.
        static string? Str(JsonElement e, string name) =>
            e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? JsonText.StringOrNull(v) : null;
    }
}
