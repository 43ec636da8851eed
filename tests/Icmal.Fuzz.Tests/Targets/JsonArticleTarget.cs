using System.Text;
using CsCheck;
using Icmal.Extraction;
using Icmal.Fuzz.Tests.Fuzzing;
using Icmal.Fuzz.Tests.Generators;
using Icmal.Model;
using Icmal.Ingest;
using Icmal.Import;
using Icmal.Analysis;

namespace Icmal.Fuzz.Tests.Targets;

/// <summary>JSON article lists (`icmal import x.json`): odd shapes, types, nesting, dates and surrogate escapes.</summary>
public static class JsonArticleTarget
{
    private static readonly Gen<string> Scalar = Gen.Frequency(
        (4, Hostile.Text(60).Select(Hostile.JsonString)), (2, Hostile.Date.Select(Hostile.JsonString)), (1, UrlGen.Any.Select(Hostile.JsonString)),
        (1, Gen.OneOf(Gen.Const("null"), Gen.Const("true"), Gen.Const("0"), Gen.Const("-1e999"), Gen.Const("1.5"), Gen.Const("\"\\uD800\\u0000\""),
            Gen.Const("[]"), Gen.Const("{}"), Gen.Const("[\"a\",1,null]"), Gen.Const(new string('[', 100) + new string(']', 100)))));

    private static readonly string[] Fields =
        ["title", "text", "content", "body", "url", "link", "published", "date", "datePublished", "site", "source", "author", "authors", "category", "tags", "description", "articleBody"];

    private static readonly Gen<string> Item = Gen.Select(Gen.Int[0, Fields.Length - 1], Scalar, (f, v) => $"\"{Fields[f]}\":{v}")
        .Array[0, 10].Select(Gen.Int[0, 3], (props, shape) => shape switch
        {
            0 => "{" + string.Join(',', props) + "}",
            1 => "{\"text\":\"Mətn mətn mətn, mətn. Daha çox mətn burada yazılıb, kifayət qədər uzun bir mətn.\"," + string.Join(',', props.Append("\"x\":1")) + "}",
            2 => "{" + string.Join(',', props) + ",}",
            _ => "{" + string.Join(',', props),
        });

    private static readonly Gen<string> List = Item.Array[0, 8].Select(Gen.Int[0, 3], (items, shape) => shape switch
    {
        0 => "[" + string.Join(',', items) + "]",
        1 => "{\"articles\":[" + string.Join(',', items) + "]}",
        2 => items.Length > 0 ? items[0] : "{}",
        _ => "// comment\n[" + string.Join(",\n", items) + ",]",
    });

    private static readonly Gen<byte[]> Bytes = Gen.Frequency(
        (6, List.Select(s => Encoding.UTF8.GetBytes(s))), (2, List.SelectMany(s => Mutation.Bytes(Encoding.UTF8.GetBytes(s)))), (1, Gen.Byte.Array[0, 200]));

    public static readonly FuzzTarget<byte[]> Target = new("json-article", Bytes, Check, b => b, b => b, DefaultIterations: 500);

    private static void Check(byte[] json)
    {
        // The list is read as import reads it: streamed, one item at a time, each item capped.
        using var stream = new MemoryStream(json, writable: false);
        foreach (var entry in JsonListStream.ReadAsync(stream, 1 << 20, CancellationToken.None).ToBlockingEnumerable())
        {
            if ((entry.Kind == JsonListEntryKind.Item) == (entry.Error is not null))
                throw new InvalidOperationException($"JsonListStream gave a {entry.Kind} entry with error '{entry.Error}'");
            if (entry.Kind != JsonListEntryKind.Item) continue;
            var doc = new IncomingDocument("fuzz#1", DocumentFormat.JsonArticle, entry.Item, DateTimeOffset.UnixEpoch);
            var (article, _, readError, _, _) = DocumentReader.Read(doc);
            if ((article is null) == (readError is null)) throw new InvalidOperationException("Read gave both or neither of article and error");
            if (article is not null) _ = ArticleFormats.Markdown(ArticleAnalyzer.ArticleOf(doc, article));
        }
    }
}
