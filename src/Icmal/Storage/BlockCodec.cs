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

    public static IReadOnlyList<ArticleBlock> Decode(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var blocks = new List<ArticleBlock>(doc.RootElement.GetArrayLength());
        foreach (var pair in doc.RootElement.EnumerateArray())
            blocks.Add(new ArticleBlock(Kind(pair[0].GetString()), pair[1].GetString() ?? ""));
        return blocks;
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
