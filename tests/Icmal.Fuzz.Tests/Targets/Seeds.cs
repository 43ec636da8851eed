using Icmal.Evaluation;

namespace Icmal.Fuzz.Tests.Targets;

/// <summary>Real pages to mutate: the five bundled samples and, when ../shared/data is there, a few real HTML pages.</summary>
public static class Seeds
{
    private static readonly Lazy<IReadOnlyList<byte[]>> Loaded = new(Load);

    public static IReadOnlyList<byte[]> Pages => Loaded.Value;

    private static List<byte[]> Load()
    {
        var seeds = new List<byte[]>();
        string samples = Path.Combine(Path.GetDirectoryName(Fuzzing.Corpus.Root)!, "..", "..", "samples");
        foreach (string f in Directory.GetFiles(samples, "*.txt").Order(StringComparer.Ordinal)) seeds.Add(File.ReadAllBytes(f));
        if (SharedDataFolder.Find(Path.Combine("extraction", "trafilatura-eval")) is { } set)
        {
            foreach (string gz in Directory.GetFiles(Path.Combine(set, "pages"), "*.html.gz").Order(StringComparer.Ordinal).Take(6))
                seeds.Add(ExtractionEvaluation.ReadPageAsync(set, gz).GetAwaiter().GetResult());
        }
        return seeds;
    }
}
