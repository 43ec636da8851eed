using BenchmarkDotNet.Attributes;
using Icmal.Extraction;

namespace Icmal.Benchmarks;

/// <summary>Text-dump extraction over the five seed pages, the spine's hot path for imports.</summary>
[MemoryDiagnoser]
public class SeedExtractionBenchmarks
{
    private string[] _seeds = [];

    [GlobalSetup]
    public void Setup()
    {
        string dir = RepositoryPaths.Samples();
        _seeds = Directory.GetFiles(dir, "*.txt").Order(StringComparer.Ordinal).Select(File.ReadAllText).ToArray();
    }

    [Benchmark]
    public int ExtractAllSeeds()
    {
        int blocks = 0;
        foreach (string seed in _seeds) blocks += TextPageExtractor.Extract(seed).Blocks.Count;
        return blocks;
    }
}

internal static class RepositoryPaths
{
    /// <summary>The repository's samples/ folder, found by walking up from the working directory.</summary>
    public static string Samples()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "samples");
            if (Directory.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "Icmal.slnx"))) return candidate;
        }
        throw new DirectoryNotFoundException("run from inside the İcmal repository (samples/ not found)");
    }

    /// <summary>A file of ../shared/data beside the repository.</summary>
    public static string SharedData(string relative) =>
        Icmal.Evaluation.SharedDataFolder.Find(relative) ?? throw new FileNotFoundException("shared/data not found beside the repository: " + relative);
}
