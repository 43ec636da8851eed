using System.Text;
using Icmal.Pipeline;

namespace Icmal.Tests.Extraction;

/// <summary>Mutated real pages (cut, spliced, byte-flipped, tag-shuffled): no exception may escape the extractor.</summary>
public sealed class FuzzTests
{
    private static readonly string[] Fragments =
    [
        "<", ">", "</div>", "<p>", "<script>", "</script>", "<!--", "-->", "<![CDATA[", "&#x0;", "&#xD800;", "&amp", "\0",
        "<table><tr><td>", "<svg><foreignObject>", "<math><mi>", "<template>", "<noscript>", "\"'", "<a href=\"javascript:x\">",
        "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"datePublished\":\"9999-99-99\"", "<meta content=\"",
        "<time datetime=\"2025-13-45T99:99\">", "oktyabrın 99-də", "31.02.2024", "\uFFFD", "\u202E", "ə", "İ",
    ];

    [Fact]
    public async Task Mutated_pages_never_throw()
    {
        var rng = new Random(20251021);
        var seeds = new List<byte[]>();
        foreach (string f in Directory.GetFiles(TestData.SamplesDir(), "*.txt")) seeds.Add(File.ReadAllBytes(f));
        seeds.Add(Encoding.UTF8.GetBytes("<html><head><title>t</title><meta property=\"og:title\" content=\"x\"></head><body><article><h1>Başlıq</h1><p>Mətn mətn mətn, mətn. Daha çox mətn burada yazılıb.</p><ul><li>bir</li><li>iki</li></ul></article></body></html>"));
        if (Icmal.Evaluation.SharedDataFolder.Find(Path.Combine("extraction", "trafilatura-eval")) is { } set)
        {
            foreach (string gz in Directory.GetFiles(Path.Combine(set, "pages"), "*.html.gz").Order(StringComparer.Ordinal).Take(6))
                seeds.Add(await Icmal.Extraction.Evaluation.ExtractionEvaluation.ReadPageAsync(set, gz, TestContext.Current.CancellationToken));
        }

        int runs = 0;
        foreach (var seed in seeds)
        {
            for (int i = 0; i < 25; i++)
            {
                byte[] mutated = Mutate(seed, rng);
                foreach (var format in (DocumentFormat[])[DocumentFormat.Html, DocumentFormat.TextDump])
                {
                    var doc = new IncomingDocument("fuzz", format, mutated, DateTimeOffset.UtcNow, new Uri("https://numune.az/2025/10/21/x"));
                    var (article, _, error) = IngestPipeline.Extract(doc);
                    Assert.True(article is not null || error is not null);
                    if (article is not null)
                    {
                        var stored = IngestPipeline.Analyse(doc, article);
                        _ = Icmal.Extraction.ArticleFormats.Html(stored);
                        _ = Icmal.Extraction.ArticleFormats.Markdown(stored);
                    }
                    runs++;
                }
            }
        }
        Assert.True(runs >= 250);
    }

    private static byte[] Mutate(byte[] seed, Random rng)
    {
        var bytes = new List<byte>(seed);
        int ops = rng.Next(1, 12);
        for (int k = 0; k < ops && bytes.Count > 0; k++)
        {
            int at = rng.Next(bytes.Count);
            switch (rng.Next(6))
            {
                case 0: bytes[at] = (byte)rng.Next(256); break;
                case 1: bytes.RemoveRange(at, Math.Min(rng.Next(1, 4000), bytes.Count - at)); break;
                case 2: bytes.InsertRange(at, Encoding.UTF8.GetBytes(Fragments[rng.Next(Fragments.Length)])); break;
                case 3:
                    int len = Math.Min(rng.Next(1, 2000), bytes.Count - at);
                    bytes.InsertRange(rng.Next(bytes.Count), bytes.GetRange(at, len));
                    break;
                case 4: bytes.RemoveRange(at, bytes.Count - at); break;
                default:
                    for (int r = 0; r < 50; r++) bytes.Insert(Math.Min(at, bytes.Count), (byte)'<');
                    break;
            }
        }
        return [.. bytes];
    }
}
