using System.Diagnostics;
using System.Text.Json;

namespace Icmal.Benchmarks;

/// <summary>
/// The articles the per-article benchmarks run over, and the process CPU they print: on this shared 2-core machine
/// BenchmarkDotNet's wall times move with the load, the process's CPU per article much less.
/// </summary>
internal static class BenchmarkArticles
{
    /// <summary>
    /// The first <paramref name="count"/> banker.az articles' titles and texts (../shared/data), or, where that folder is
    /// absent, the seed samples repeated to <paramref name="count"/> with their first 80 characters as titles.
    /// </summary>
    public static (string[] Titles, string[] Texts) Load(int count)
    {
        if (Icmal.Evaluation.SharedDataFolder.Find("az/banker-az-articles.json") is { } banker)
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(banker));
            var articles = doc.RootElement.EnumerateArray().Take(count).ToList();
            return ([.. articles.Select(a => a.GetProperty("title").GetString() ?? "")], [.. articles.Select(a => a.GetProperty("text").GetString() ?? "")]);
        }
        var seeds = Directory.GetFiles(RepositoryPaths.Samples(), "*.txt").Order(StringComparer.Ordinal).Select(File.ReadAllText).ToArray();
        string[] texts = [.. Enumerable.Range(0, count).Select(i => seeds[i % seeds.Length])];
        return ([.. texts.Select(t => t[..Math.Min(80, t.Length)])], texts);
    }

    /// <summary>The process CPU, in milliseconds per item, of three runs of <paramref name="work"/> over <paramref name="items"/> items.</summary>
    public static double CpuPerItem(Action work, int items)
    {
        const int passes = 3;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        for (int pass = 0; pass < passes; pass++) work();
        return (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / (passes * (double)items);
    }
}
