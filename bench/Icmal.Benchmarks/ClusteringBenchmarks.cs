using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Icmal.Analysis;
using Icmal.Clustering;

namespace Icmal.Benchmarks;

/// <summary>
/// Story clustering of a day's worth of arrivals: the 610 banker.az articles, replayed eight times with shifted
/// times (4,880 arrivals), so the clusterer holds thousands of open stories as a live archive does.
/// </summary>
[MemoryDiagnoser]
public class ClusteringBenchmarks
{
    private ClusterInput[] _arrivals = [];
    private (string Title, string Text)[] _texts = [];
    private DateTimeOffset[] _times = [];

    [GlobalSetup]
    public void Setup()
    {
        string file = RepositoryPaths.SharedData("az/banker-az-articles.json");
        using var doc = JsonDocument.Parse(File.ReadAllBytes(file));
        var items = doc.RootElement.EnumerateArray()
            .Select(e => (Title: e.GetProperty("title").GetString() ?? "", Text: e.GetProperty("text").GetString() ?? ""))
            .ToArray();
        var start = new DateTimeOffset(2025, 10, 1, 0, 0, 0, TimeSpan.FromHours(4));
        _texts = Enumerable.Range(0, 8).SelectMany(_ => items).ToArray();
        _times = Enumerable.Range(0, _texts.Length).Select(i => start.AddMinutes(i)).ToArray();
        // The terms as the analysis stage makes them, once per article before it is stored.
        _arrivals = _texts.Select((a, i) => new ClusterInput(i, ArticleAnalyzer.Terms(a.Title, a.Text, "az"), _times[i])).ToArray();
    }

    /// <summary>What clustering itself costs, the terms made: the pipeline analyses each article once, before storing it.</summary>
    [Benchmark]
    public int AssignAll()
    {
        var clusterer = new StoryClusterer();
        int newStories = 0;
        foreach (var a in _arrivals) if (clusterer.Assign(a).IsNew) newStories++;
        return newStories;
    }

    /// <summary>Analysis and clustering together: comparable to the former AssignAll, which cut its own terms from the text.</summary>
    [Benchmark]
    public int AnalyseAndAssignAll()
    {
        var clusterer = new StoryClusterer();
        int newStories = 0;
        for (int i = 0; i < _texts.Length; i++)
            if (clusterer.Assign(new ClusterInput(i, ArticleAnalyzer.Terms(_texts[i].Title, _texts[i].Text, "az"), _times[i])).IsNew) newStories++;
        return newStories;
    }

    /// <summary>A warm start's work per article: the title and lead terms recomputed from the stored text, then replayed.</summary>
    [Benchmark]
    public int WarmStart()
    {
        var clusterer = new StoryClusterer();
        for (int i = 0; i < _texts.Length; i++)
            clusterer.Remember(new ClusterInput(i, ArticleAnalyzer.LeadTerms(_texts[i].Title, _texts[i].Text, "az"), _times[i]), i / 4);
        return _texts.Length;
    }
}
