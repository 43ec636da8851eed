using BenchmarkDotNet.Attributes;
using Icmal.Text.LanguageId;

namespace Icmal.Benchmarks;

/// <summary>
/// Language ID of an import's sample (the title, a line break and the first 2,000 characters of the text) and its
/// parts, per banker.az article (600): the whole guess, making the whole feature text (main's first step), and
/// making it only as far as the scorer reads a decided text (a little past 600 characters; textcpu).
/// </summary>
[MemoryDiagnoser]
public class LanguageIdPartsBenchmarks
{
    private const int Articles = 600;
    private string[] _samples = [];
    private readonly char[] _buffer = new char[2100];

    [GlobalSetup]
    public void Setup()
    {
        var (titles, texts) = BenchmarkArticles.Load(Articles);
        _samples = [.. titles.Zip(texts, (title, text) => title + "\n" + text[..Math.Min(text.Length, 2000)])];
        Identify();
    }

    [Benchmark(OperationsPerInvoke = Articles)]
    public double Identify()
    {
        double sum = 0;
        foreach (string sample in _samples) sum += LanguageIdentifier.Default.Identify(sample).Confidence;
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Articles)]
    public int PrepareWhole()
    {
        int n = 0;
        foreach (string sample in _samples) n += LanguageIdentifier.Prepare(sample, _buffer);
        return n;
    }

    [Benchmark(OperationsPerInvoke = Articles)]
    public int PrepareToDecision()
    {
        int n = 0;
        foreach (string sample in _samples)
        {
            var feature = new FeatureText(sample, _buffer);
            int at = feature.SpaceAt(LanguageIdentifier.DecideFrom);
            n += feature.SpaceAt(at + 1);
        }
        return n;
    }
}
