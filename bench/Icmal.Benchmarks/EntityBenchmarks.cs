using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Icmal.Text.Entities;

namespace Icmal.Benchmarks;

/// <summary>
/// Named entities of one article: tag (normalise, tokenise, stem, features, Viterbi, the text-wide consistency pass)
/// and link, per article (OperationsPerInvoke), in the steady state of a running service (the stemmer's cache warm).
/// Articles: the first 600 banker.az articles of ../shared/data (median ≈ 750 characters), and the five seed pages
/// (3,900–8,700 characters, the long end of news).
/// </summary>
[MemoryDiagnoser]
public class EntityBenchmarks
{
    private const int BankerArticles = 600;
    private const int SeedPages = 5;
    private string[] _banker = [];
    private string[] _seeds = [];

    [GlobalSetup]
    public void Setup()
    {
        _seeds = [.. Directory.GetFiles(RepositoryPaths.Samples(), "*.txt").Order(StringComparer.Ordinal).Select(File.ReadAllText)];
        if (Icmal.Evaluation.SharedDataFolder.Find("az/banker-az-articles.json") is { } banker)
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(banker));
            _banker = [.. doc.RootElement.EnumerateArray().Take(BankerArticles).Select(a => a.GetProperty("title").GetString() + "\n\n" + a.GetProperty("text").GetString())];
        }
        else _banker = [.. Enumerable.Range(0, BankerArticles).Select(i => _seeds[i % _seeds.Length])];
        int mentions = _banker.Sum(t => EntityLinker.FindEntities(t, "az").Sum(e => e.Mentions.Count)) + _seeds.Sum(t => EntityLinker.FindEntities(t, "az").Count);
        // CPU time, not wall time (the machine may be shared): a warm pass over the articles, process CPU per article.
        double perArticle = BenchmarkArticles.CpuPerItem(() => TagAndLinkBankerArticle(), _banker.Length);
        double perSeed = BenchmarkArticles.CpuPerItem(() => TagAndLinkSeedPage(), _seeds.Length);
        Console.WriteLine($"// process CPU per article, warm: banker {perArticle:0.000} ms, seed page {perSeed:0.000} ms");
        Console.WriteLine($"// banker: {_banker.Length} articles, {_banker.Sum(t => t.Length):N0} chars; seeds: {_seeds.Sum(t => t.Length):N0} chars; {mentions:N0} mentions/entities found in setup");
    }

    /// <summary>Tagging and linking one banker.az article, its language given (as the pipeline knows it).</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = BankerArticles)]
    public int TagAndLinkBankerArticle()
    {
        int n = 0;
        foreach (string t in _banker) n += EntityLinker.FindEntities(t, "az").Count;
        return n;
    }

    /// <summary>The same with the language identified first (the identifier reads the first 2,000 characters).</summary>
    [Benchmark(OperationsPerInvoke = BankerArticles)]
    public int IdentifyTagAndLinkBankerArticle()
    {
        int n = 0;
        foreach (string t in _banker) n += EntityLinker.FindEntities(t).Count;
        return n;
    }

    /// <summary>Tagging alone, without linking.</summary>
    [Benchmark(OperationsPerInvoke = BankerArticles)]
    public int TagBankerArticle()
    {
        int n = 0;
        foreach (string t in _banker) n += NamedEntityTagger.Default.Find(t, "az").Count;
        return n;
    }

    /// <summary>Tagging and linking one seed page (long articles).</summary>
    [Benchmark(OperationsPerInvoke = SeedPages)]
    public int TagAndLinkSeedPage()
    {
        int n = 0;
        foreach (string t in _seeds) n += EntityLinker.FindEntities(t, "az").Count;
        return n;
    }
}
