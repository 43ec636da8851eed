using BenchmarkDotNet.Attributes;
using Icmal.Analysis;
using Icmal.Text.Categories;
using Icmal.Text.Entities;

namespace Icmal.Benchmarks;

/// <summary>
/// What the entity stage computes for one article (issue #18, target ≤ 2 ms on one core): entities (tag + link),
/// quotes and figures (<see cref="FactAnalyzer"/>), the category from title and text, and the two finders alone, per banker.az article (the first 600
/// of ../shared/data, median ≈ 750 characters), warm. Setup prints process CPU per article, the figure that counts
/// on a loaded machine.
/// </summary>
[MemoryDiagnoser]
public class FactBenchmarks
{
    private const int BankerArticles = 600;
    private string[] _banker = [];
    private string[] _titles = [];
    private List<LinkedEntity>[] _entities = [];

    [GlobalSetup]
    public void Setup()
    {
        (_titles, _banker) = BenchmarkArticles.Load(BankerArticles);
        _entities = [.. _banker.Select(t => EntityLinker.FindEntities(t, "az"))];
        int found = 0;
        double perArticle = BenchmarkArticles.CpuPerItem(() => found += AnalyseBankerArticle(), _banker.Length);
        Console.WriteLine($"// process CPU per article, warm, entities + quotes + figures: {perArticle:0.000} ms ({found / 3:N0} facts over {_banker.Length} articles, {_banker.Sum(t => t.Length):N0} chars)");
        double category = BenchmarkArticles.CpuPerItem(() => CategoryOfBankerArticle(), _banker.Length);
        Console.WriteLine($"// process CPU per article, warm, category (title + text): {category:0.000} ms; entities + quotes + figures + category: {perArticle + category:0.000} ms");
    }

    /// <summary>The whole entity stage's analysis of one article.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = BankerArticles)]
    public int AnalyseBankerArticle()
    {
        int n = 0;
        foreach (string t in _banker)
        {
            var facts = FactAnalyzer.Analyse(t, "az");
            n += facts.Entities.Count + facts.Quotes.Count + facts.Figures.Count;
        }
        return n;
    }

    /// <summary>The category from the title and the start of the text, as the entity stage asks for an article without a section.</summary>
    [Benchmark(OperationsPerInvoke = BankerArticles)]
    public int CategoryOfBankerArticle()
    {
        int n = 0;
        for (int i = 0; i < _banker.Length; i++) n += (int)CategoryClassifier.Default.Classify(_titles[i], _banker[i]).Category;
        return n;
    }

    /// <summary>Quotes alone, over entities found beforehand.</summary>
    [Benchmark(OperationsPerInvoke = BankerArticles)]
    public int QuotesOfBankerArticle()
    {
        int n = 0;
        for (int i = 0; i < _banker.Length; i++) n += QuoteFinder.Find(_banker[i], _entities[i]).Count;
        return n;
    }

    /// <summary>Figures alone.</summary>
    [Benchmark(OperationsPerInvoke = BankerArticles)]
    public int FiguresOfBankerArticle()
    {
        int n = 0;
        foreach (string t in _banker) n += FigureFinder.Find(t).Count;
        return n;
    }
}
