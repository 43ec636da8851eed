using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Icmal.SearchBench;

/// <summary>One synthetic article.</summary>
public sealed record SyntheticArticle(long Number, string Url, string Site, string Title, IReadOnlyList<string> Paragraphs, DateTimeOffset Published)
{
    public string Text => string.Join("\n\n", Paragraphs);
}

/// <summary>
/// A news archive of any size made from the real banker.az articles, article by article from a seed (nothing is held
/// but the source sentences, so a million articles cost no more memory than ten). Each article takes a real article
/// as its topic and most of its sentences in order from it, with sentences of other articles mixed in; its length in
/// sentences is log-normal like news (median about 6, a long tail to 80); its figures are redrawn; a few of its
/// capitalised words are replaced by names drawn Zipf-wise from a pool of 400,000 generated surnames, so the
/// vocabulary keeps growing with the archive the way names do in news (the real words keep their Zipfian spread);
/// sites are Zipf-distributed over 40 portals and dates spread over ten years.
/// </summary>
public sealed partial class SyntheticArchive
{
    public static readonly string[] Sites =
    [
        "apa.az", "report.az", "azertag.az", "trend.az", "oxu.az", "qafqazinfo.az", "banker.az", "modern.az", "axar.az", "musavat.com",
        "news.day.az", "yap.org.az", "sherg.az", "icma.az", "milli.az", "publika.az", "xeberler.az", "bizimyol.info", "azvision.az", "unikal.org",
        "interfax.az", "marja.az", "iqtisadiyyat.az", "sia.az", "lent.az", "haqqin.az", "qafqaz.az", "baku.ws", "yeniazerbaycan.az", "xalqqazeti.az",
        "azerbaijan-news.az", "ikisahil.az", "respublika-news.az", "kaspi.az", "ekspress.info", "bakupost.az", "media.az", "pravda.az", "arqument.az", "teleqraf.com",
    ];

    private const int NamePool = 400_000;
    private static readonly DateTimeOffset Start = new(2016, 1, 1, 0, 0, 0, TimeSpan.FromHours(4));
    private static readonly string[] Syllables =
    [
        "ba", "be", "da", "də", "qa", "ka", "ma", "mə", "na", "nə", "ra", "rə", "sa", "sə", "ta", "tə", "va", "və", "ya", "za",
        "lı", "li", "mu", "nu", "ru", "şa", "şə", "ça", "xa", "cə", "gü", "kö", "lo", "ho", "fə", "zi", "ər", "al", "el", "ov",
    ];

    private readonly string[][] _articles; // sentences of each source article, in order
    private readonly string[] _titles;
    private readonly int _seed;
    private readonly double[] _siteCumulative;

    private SyntheticArchive(string[][] articles, string[] titles, int seed)
    {
        _articles = articles;
        _titles = titles;
        _seed = seed;
        var weights = Enumerable.Range(1, Sites.Length).Select(r => 1.0 / r).ToArray();
        double sum = weights.Sum(), acc = 0;
        _siteCumulative = weights.Select(w => acc += w / sum).ToArray();
    }

    /// <summary>The sentences of the source articles, for building the query mix.</summary>
    public IReadOnlyList<string[]> Sources => _articles;

    /// <summary>Reads the source articles (a JSON array with title and text).</summary>
    public static async Task<SyntheticArchive> LoadAsync(string path, int seed, CancellationToken ct)
    {
        await using var stream = File.OpenRead(path);
        using var doc = await JsonDocument.ParseAsync(stream, cancellationToken: ct);
        var articles = new List<string[]>();
        var titles = new List<string>();
        foreach (var o in doc.RootElement.EnumerateArray())
        {
            string text = o.GetProperty("text").GetString() ?? "";
            var sentences = text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .SelectMany(p => SentenceEnd().Split(p)).Select(s => s.Trim()).Where(s => s.Length > 0).ToArray();
            if (sentences.Length == 0) continue;
            articles.Add(sentences);
            titles.Add(o.GetProperty("title").GetString() ?? sentences[0]);
        }
        return new SyntheticArchive([.. articles], [.. titles], seed);
    }

    /// <summary>Article number <paramref name="n"/> (0-based) of the archive; the same for the same seed.</summary>
    public SyntheticArticle Article(long n)
    {
        var random = new Random(HashCode.Combine(_seed, n));
        int topic = random.Next(_articles.Length);
        var own = _articles[topic];
        // Log-normal length in sentences: median e^1.8 ≈ 6, one in a hundred above ~40.
        int length = Math.Clamp((int)Math.Round(Math.Exp(1.8 + 0.8 * Gaussian(random))), 1, 80);
        var sentences = new List<string>(length);
        int at = random.Next(own.Length);
        for (int k = 0; k < length; k++)
        {
            string s = random.NextDouble() < 0.7 ? own[(at + k) % own.Length] : RandomSentence(random);
            sentences.Add(Vary(s, random));
        }
        var paragraphs = new List<string>();
        for (int k = 0; k < sentences.Count;)
        {
            int take = Math.Min(sentences.Count - k, 1 + random.Next(3));
            paragraphs.Add(string.Join(' ', sentences.Skip(k).Take(take)));
            k += take;
        }
        int found = Array.BinarySearch(_siteCumulative, random.NextDouble());
        string site = Sites[found >= 0 ? found : Math.Min(~found, Sites.Length - 1)];
        string title = Vary(_titles[topic], random);
        var published = Start.AddSeconds(n * (3650.0 * 86400 / Math.Max(1, _total)) + random.Next(3600));
        return new SyntheticArticle(n, $"https://{site}/xeber/{n.ToString(CultureInfo.InvariantCulture)}", site, title, paragraphs, published);
    }

    private long _total = 1_000_000;

    /// <summary>How many articles the archive will have, so dates spread over its ten years.</summary>
    public SyntheticArchive Sized(long total)
    {
        _total = total;
        return this;
    }

    private string RandomSentence(Random random)
    {
        var a = _articles[random.Next(_articles.Length)];
        return a[random.Next(a.Length)];
    }

    /// <summary>Figures redrawn; one capitalised word in three (not the first) replaced by a Zipf-drawn name.</summary>
    private static string Vary(string sentence, Random random)
    {
        string s = Figure().Replace(sentence, m => random.Next(m.Length > 3 ? 100_000 : 1000).ToString(CultureInfo.InvariantCulture));
        return Capitalised().Replace(s, m => m.Index > 0 && random.Next(3) == 0 ? Name(Zipf(random, NamePool)) : m.Value);
    }

    /// <summary>A made-up surname for rank r: syllables from r's digits in base 40, with a surname ending.</summary>
    public static string Name(int rank)
    {
        var b = new StringBuilder();
        int r = rank + 41;
        while (r > 0)
        {
            b.Append(Syllables[r % Syllables.Length]);
            r /= Syllables.Length;
        }
        b[0] = Icmal.Text.Casing.AzCasing.ToUpper(b[0]);
        b.Append((rank % 3) switch { 0 => "ov", 1 => "li", _ => "zadə" });
        return b.ToString();
    }

    /// <summary>A rank from 1 to n with probability ∝ 1/rank (inverse of the harmonic CDF, approximately).</summary>
    public static int Zipf(Random random, int n) => Math.Clamp((int)Math.Exp(random.NextDouble() * Math.Log(n + 1)), 1, n);

    private static double Gaussian(Random random)
    {
        double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    [GeneratedRegex(@"(?<=[.!?])\s+(?=\p{Lu})")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"\b\d+\b")]
    private static partial Regex Figure();

    [GeneratedRegex(@"\b\p{Lu}\p{Ll}{3,}\b")]
    private static partial Regex Capitalised();
}
