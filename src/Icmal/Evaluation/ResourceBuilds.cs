using Icmal.Text.LanguageId;
using Icmal.Text.Lexicon;

namespace Icmal.Evaluation;

/// <summary>A rebuilt resource: where it was written, its size, and what the check load found in it.</summary>
public sealed record RebuiltResource(string Path, long Bytes, string Contents);

/// <summary>
/// Rebuilds the embedded resources of Icmal.Text (the stemmer's lexicon, the language identifier's model) from the
/// sets in ../shared/data, and loads each back once as a check. Icmal.Text does no I/O, so the file side is here.
/// </summary>
public static class ResourceBuilds
{
    private static readonly string[] NameLists = ["az-places.txt", "az-countries.txt", "az-given-names.tsv", "az-surnames.tsv"];

    /// <summary>The lexicon from a folder laid out as shared/data/az/lexicon.</summary>
    public static async Task<RebuiltResource> BuildLexiconAsync(string lexiconFolder, string output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(lexiconFolder);
        ArgumentNullException.ThrowIfNull(output);
        string F(string name) => Path.Combine(lexiconFolder, name);
        var names = new List<string>();
        foreach (string f in NameLists) names.AddRange(await File.ReadAllLinesAsync(F(f), ct));
        var sources = new LexiconBuilder.Sources(
            await File.ReadAllLinesAsync(F("az-stems.txt"), ct),
            await File.ReadAllLinesAsync(F("az_AZ.dic"), ct),
            await File.ReadAllLinesAsync(F("az-word-freq.tsv"), ct),
            names);
        byte[] bytes = LexiconBuilder.Build(sources);
        await File.WriteAllBytesAsync(output, bytes, ct);
        using var check = new MemoryStream(bytes);
        var lexicon = AzLexicon.Load(check);
        return new RebuiltResource(output, bytes.Length, FormattableString.Invariant($"{lexicon.Count:N0} word forms"));
    }

    /// <summary>The language model from a folder laid out as shared/data/langid/sib200 (every language's train.txt).</summary>
    /// <exception cref="FileNotFoundException">A language's train.txt is missing.</exception>
    public static async Task<RebuiltResource> TrainLanguageModelAsync(string sib200Folder, string output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(sib200Folder);
        ArgumentNullException.ThrowIfNull(output);
        var data = new List<(string, IEnumerable<string>)>();
        foreach (var (code, label) in LanguageModelTrainer.Sib200Labels.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            string file = Path.Combine(sib200Folder, code, "train.txt");
            if (!File.Exists(file)) throw new FileNotFoundException($"{file}: no such file", file);
            data.Add((label, await File.ReadAllLinesAsync(file, ct)));
        }
        byte[] bytes = LanguageModelTrainer.Train(data);
        await File.WriteAllBytesAsync(output, bytes, ct);
        using var check = new MemoryStream(bytes);
        var model = LanguageIdentifier.Load(check);
        return new RebuiltResource(output, bytes.Length, FormattableString.Invariant($"{model.Labels.Count} languages, {model.NGramCount:N0} n-grams"));
    }
}
