using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Icmal.Decoding;
using Icmal.Extraction;
using Icmal.Evaluation;

namespace Icmal.Benchmarks;

/// <summary>
/// İcmal's HTML extractor against SmartReader (the library a .NET user would pick) on the same real pages in the
/// same run: the first 100 pages of shared/data/extraction/trafilatura-eval by file name, decoded once in setup.
/// Each operation extracts all 100 pages, so the mean divided by 100 is the time per page. AngleSharp's parse
/// alone is the floor any DOM-based extractor pays.
/// </summary>
/// <remarks>Run: <c>dotnet run -c Release --project bench/Icmal.Benchmarks -- --filter '*ExtractionBenchmarks*'</c>.</remarks>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class ExtractionBenchmarks
{
    private const int PageCount = 100;
    private (string Html, string Url)[] _pages = [];
    private static readonly AngleSharp.Html.Parser.HtmlParser Parser = new();

    [GlobalSetup]
    public async Task Setup()
    {
        string set = global::Icmal.Evaluation.SharedDataFolder.Find(Path.Combine("extraction", "trafilatura-eval"))
            ?? throw new DirectoryNotFoundException("shared/data/extraction/trafilatura-eval not found beside the repository");
        var pages = new List<(string, string)>();
        foreach (string line in File.ReadLines(Path.Combine(set, "truth.jsonl")))
        {
            using var json = System.Text.Json.JsonDocument.Parse(line);
            string file = json.RootElement.GetProperty("file").GetString()!;
            string url = json.RootElement.GetProperty("url").GetString() ?? "https://example.org/";
            byte[] bytes = await ExtractionEvaluation.ReadPageAsync(set, file);
            var decoded = TextDecoding.Decode(bytes, TextDecoding.SniffHtmlCharset(bytes), allowLegacyGuess: true);
            if (decoded.Text is null) continue;
            pages.Add((decoded.Text, url));
            if (pages.Count == PageCount) break;
        }
        _pages = [.. pages];
    }

    [Benchmark(Baseline = true, Description = "SmartReader 0.11.1")]
    public int SmartReader()
    {
        int chars = 0;
        foreach (var (html, url) in _pages)
        {
            var article = new SmartReader.Reader(url, html).GetArticle();
            chars += article.TextContent?.Length ?? 0;
        }
        return chars;
    }

    [Benchmark(Description = "İcmal HtmlArticleExtractor")]
    public int Icmal()
    {
        int chars = 0;
        foreach (var (html, url) in _pages) chars += HtmlArticleExtractor.Extract(html, new Uri(url)).Text.Length;
        return chars;
    }

    [Benchmark(Description = "AngleSharp parse only")]
    public int ParseOnly()
    {
        int nodes = 0;
        foreach (var (html, _) in _pages)
        {
            using var doc = Parser.ParseDocument(html);
            nodes += doc.Body?.ChildElementCount ?? 0;
        }
        return nodes;
    }
}
