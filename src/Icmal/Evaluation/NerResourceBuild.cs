using System.Text.Json;
using Icmal.Text.Entities;

namespace Icmal.Evaluation;

/// <summary>
/// `icmal text train-ner`: trains the named-entity model from shared/data/az/ner/train.conll and the gazetteers of
/// shared/data/az/lexicon, writes Resources/ner.bin and loads it back once as a check. Icmal.Text does no I/O, so the
/// file side is here.
/// </summary>
public static class NerResourceBuild
{
    /// <summary>The gazetteer from a folder laid out as shared/data/az/lexicon.</summary>
    public static async Task<NerGazetteer> ReadGazetteerAsync(string lexiconFolder, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(lexiconFolder);
        async Task<string[]> Read(string name) => await File.ReadAllLinesAsync(Path.Combine(lexiconFolder, name), ct);
        return NerGazetteer.FromLists(await Read("az-given-names.tsv"), await Read("az-surnames.tsv"), await Read("az-places.txt"),
            await Read("az-countries.txt"), await Read("az-street-names.txt"));
    }

    /// <summary>The "text" of each article of a JSON array (shared/data/az/banker-az-articles.json); none when <paramref name="corpusFile"/> is null.</summary>
    /// <exception cref="InvalidDataException">The file is not a JSON array.</exception>
    public static async Task<List<string>> ReadTextsAsync(string? corpusFile, CancellationToken ct)
    {
        var texts = new List<string>();
        if (corpusFile is null) return texts;
        await using var stream = File.OpenRead(corpusFile);
        try
        {
            using var json = await JsonDocument.ParseAsync(stream, cancellationToken: ct);
            if (json.RootElement.ValueKind != JsonValueKind.Array) throw new InvalidDataException($"{corpusFile}: not a JSON array of articles");
            foreach (var article in json.RootElement.EnumerateArray())
                if (article.ValueKind == JsonValueKind.Object && article.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String)
                    texts.Add(text.GetString()!);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{corpusFile}: not JSON: {e.Message}", e);
        }
        return texts;
    }

    /// <summary>Trains on <paramref name="trainFile"/> with the gazetteers of <paramref name="lexiconFolder"/> and writes <paramref name="output"/>.</summary>
    /// <exception cref="InvalidDataException">The training file is malformed.</exception>
    public static async Task<RebuiltResource> TrainAsync(string trainFile, string lexiconFolder, string? corpusFile, string output, NerTrainingOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(trainFile);
        ArgumentNullException.ThrowIfNull(output);
        var sentences = Conll.Parse(await File.ReadAllLinesAsync(trainFile, ct));
        var gazetteer = await ReadGazetteerAsync(lexiconFolder, ct);
        byte[] bytes = NerTrainer.Train(sentences, gazetteer, options, untagged: await ReadTextsAsync(corpusFile, ct)).Save();
        await File.WriteAllBytesAsync(output, bytes, ct);
        using var check = new MemoryStream(bytes);
        var model = NerModel.Load(check);
        return new RebuiltResource(output, bytes.Length,
            FormattableString.Invariant($"{sentences.Count:N0} sentences, {options.Epochs} epochs, seed {options.Seed}, {options.Runs} runs, self-training {options.SelfTraining}, {model.FeatureCount:N0} features, {model.Gazetteer.Count:N0} gazetteer words"));
    }
}
