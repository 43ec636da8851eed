using BenchmarkDotNet.Attributes;
using Icmal.Text.Casing;
using Icmal.Text.LanguageId;

namespace Icmal.Benchmarks;

/// <summary>
/// Issue #17 (İcmal's CPU per imported article, branch `prepcpu`): Azerbaijani lower-casing of every character of 600
/// banker.az articles through the table <see cref="AzCasing.ToLower(char)"/> reads now against the definition it is
/// made from (main's way: ə, ş, ç, ğ, ö, ü and ı fell through to the invariant culture), and the language of each
/// article's sample (title, a line break, the first 2,000 characters) as <see cref="LanguageIdentifier.Identify(string)"/>
/// decides it now (it stops once the start decides) against scoring the whole sample (main's way).
/// </summary>
[MemoryDiagnoser]
public class LowerCaseBenchmarks
{
    private const int Articles = 600;
    private string[] _texts = [];
    private string[] _samples = [];

    [GlobalSetup]
    public void Setup()
    {
        (var titles, _texts) = BenchmarkArticles.Load(Articles);
        _samples = [.. titles.Zip(_texts, (title, text) => title + "\n" + text[..Math.Min(text.Length, 2000)])];
        // Process CPU per article, each pair alternated five times after a warm-up (BenchmarkDotNet's wall times swing
        // with the machine's load; the CPU a pass takes swings less).
        for (int warm = 0; warm < 3; warm++) { LanguageWholeSample(); LanguageIdentify(); LowerDefinition(); LowerTable(); }
        for (int round = 0; round < 5; round++)
        {
            double whole = BenchmarkArticles.CpuPerItem(() => { for (int r = 0; r < 10; r++) LanguageWholeSample(); }, 10 * Articles);
            double identify = BenchmarkArticles.CpuPerItem(() => { for (int r = 0; r < 10; r++) LanguageIdentify(); }, 10 * Articles);
            double definition = BenchmarkArticles.CpuPerItem(() => { for (int r = 0; r < 20; r++) LowerDefinition(); }, 20 * Articles);
            double table = BenchmarkArticles.CpuPerItem(() => { for (int r = 0; r < 20; r++) LowerTable(); }, 20 * Articles);
            Console.WriteLine($"// process CPU per article: language, whole sample {whole * 1000:0.0} µs, Identify {identify * 1000:0.0} µs; lower-casing, definition {definition * 1000:0.00} µs, table {table * 1000:0.00} µs");
        }
    }

    /// <summary>Main's way: the definition, for each character.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Articles)]
    public int LowerDefinition()
    {
        int n = 0;
        foreach (string text in _texts)
            foreach (char c in text) n += AzCasing.ToLowerSlow(c);
        return n;
    }

    /// <summary>The table.</summary>
    [Benchmark(OperationsPerInvoke = Articles)]
    public int LowerTable()
    {
        int n = 0;
        foreach (string text in _texts)
            foreach (char c in text) n += AzCasing.ToLower(c);
        return n;
    }

    /// <summary>The language of each sample, scoring all of it (main's <c>Identify</c>, but for the softmax).</summary>
    [Benchmark(OperationsPerInvoke = Articles)]
    public int LanguageWholeSample()
    {
        int n = 0;
        Span<double> scores = stackalloc double[LanguageIdentifier.Default.Labels.Count];
        foreach (string sample in _samples) n += LanguageIdentifier.Default.Score(sample, scores);
        return n;
    }

    /// <summary>The language of each sample as <c>Identify</c> decides it now.</summary>
    [Benchmark(OperationsPerInvoke = Articles)]
    public int LanguageIdentify()
    {
        int n = 0;
        foreach (string sample in _samples) n += LanguageIdentifier.Default.Identify(sample).Label.Length;
        return n;
    }
}
