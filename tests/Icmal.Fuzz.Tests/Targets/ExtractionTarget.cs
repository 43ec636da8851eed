using Icmal.Extraction;
using Icmal.Fuzz.Tests.Fuzzing;
using Icmal.Fuzz.Tests.Generators;
using Icmal.Model;
using Icmal.Ingest;
using Icmal.Analysis;

namespace Icmal.Fuzz.Tests.Targets;

/// <summary>
/// A page through the whole read path (decode → HTML or text-dump extraction → analysis → every output format), as
/// `icmal import` and the crawler run it. Folds in the earlier Extraction/FuzzTests (mutated real pages).
/// </summary>
public static class ExtractionTarget
{
    private static readonly Uri PageUrl = new("https://numune.az/2025/10/21/azerbaycan-qazaxistan-seferi-123456.html");
    private static readonly DateTimeOffset Fetched = new(2025, 10, 21, 12, 0, 0, TimeSpan.FromHours(4));

    public static readonly FuzzTarget<byte[]> Target = new("extraction", HtmlGen.Any(Seeds.Pages), Check, b => b, b => b, DefaultIterations: 150);

    private static void Check(byte[] page)
    {
        foreach (var format in (DocumentFormat[])[DocumentFormat.Html, DocumentFormat.TextDump])
        {
            var doc = new IncomingDocument("fuzz", format, page, Fetched, PageUrl, Fetched: Fetched);
            var (article, _, error, _, _) = DocumentReader.Read(doc);
            if ((article is null) == (error is null)) throw new InvalidOperationException("Extract gave both or neither of article and error");
            if (article is null) continue;
            if (article.CanonicalUrl is { } canonical)
            {
                var uri = new Uri(canonical, UriKind.Absolute);
                if (uri.Scheme is not ("http" or "https")) throw new InvalidOperationException($"canonical '{canonical}' is not http(s)");
            }
            if (article.ImageUrl is { } image && image.TrimStart().StartsWith("javascript:", StringComparison.OrdinalIgnoreCase))
                throw new InvalidOperationException($"image '{image}' is a javascript: address");
            var stored = ArticleAnalyzer.ArticleOf(doc, article);
            _ = ArticleFormats.PlainText(stored);
            _ = ArticleFormats.Html(stored);
            _ = ArticleFormats.Markdown(stored);
            _ = System.Text.Json.JsonSerializer.Serialize(ArticleFormats.JsonObject(stored, "fuzz", 1.0), ArticleFormats.JsonOptions);
        }
    }
}
