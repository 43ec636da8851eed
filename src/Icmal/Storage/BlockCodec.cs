using System.Text.Json;
using Icmal.Model;

namespace Icmal.Storage;

/// <summary>Stores an article's blocks as a compact JSON array of [kind, text] pairs.</summary>
internal static class BlockCodec
{
    public static string Encode(IReadOnlyList<ArticleBlock> blocks)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartArray();
            foreach (var b in blocks)
            {
                w.WriteStartArray();
                w.WriteStringValue(Code(b.Kind));
                w.WriteStringValue(b.Text);
                w.WriteEndArray();
            }
            w.WriteEndArray();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>
    /// The blocks of <see cref="Encode"/>'s JSON. What İcmal did not write (a row another tool or a hand mangled) is
    /// read as far as it goes: a pair that is not two strings is left out, and text that is not JSON reads as no
    /// blocks, so one such row is shown (without its text) rather than taking down every page that lists it.
    /// </summary>
    public static IReadOnlyList<ArticleBlock> Decode(string json)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            return [];
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Array) return [];
            var blocks = new List<ArticleBlock>(doc.RootElement.GetArrayLength());
            foreach (var pair in doc.RootElement.EnumerateArray())
            {
                if (pair.ValueKind != JsonValueKind.Array || pair.GetArrayLength() < 2 || pair[0].ValueKind != JsonValueKind.String
                    || pair[1].ValueKind != JsonValueKind.String || JsonText.StringOrNull(pair[1]) is not { } text)
                    continue;
                blocks.Add(new ArticleBlock(Kind(JsonText.StringOrNull(pair[0])), text));
            }
            return blocks;
        }
    }

    private static string Code(BlockKind kind) => kind switch
    {
        BlockKind.Heading => "h",
        BlockKind.ListItem => "li",
        BlockKind.Quote => "q",
        BlockKind.Preformatted => "pre",
        BlockKind.TableRow => "tr",
        _ => "p",
    };

    private static BlockKind Kind(string? code) => code switch
    {
        "h" => BlockKind.Heading,
        "li" => BlockKind.ListItem,
        "q" => BlockKind.Quote,
        "pre" => BlockKind.Preformatted,
        "tr" => BlockKind.TableRow,
        _ => BlockKind.Paragraph,
    };
}
