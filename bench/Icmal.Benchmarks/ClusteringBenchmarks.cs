using System.Text.Json;
using BenchmarkDotNet.Attributes;
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

    [GlobalSetup]
    public void Setup()
    {
        string file = RepositoryPaths.SharedData("az/banker-az-articles.json");
        using var doc = JsonDocument.Parse(File.ReadAllBytes(file));
        var items = doc.RootElement.EnumerateArray()
            .Select(e => (Title: e.GetProperty("title").GetString() ?? "", Text: e.GetProperty("text").GetString() ?? ""))
            .ToArray();
        var start = new DateTimeOffset(2025, 10, 1, 0, 0, 0, TimeSpan.FromHours(4));
        _arrivals = Enumerable.Range(0, 8)
            .SelectMany(round => items.Select((a, i) => new ClusterInput(round * 1000L + i, a.Title, a.Text, start.AddMinutes((round * items.Length) + i))))
            .ToArray();
    }

    [Benchmark]
    public int AssignAll()
    {
        var clusterer = new StoryClusterer();
        int newStories = 0;
        foreach (var a in _arrivals) if (clusterer.Assign(a).IsNew) newStories++;
        return newStories;
    }
}
