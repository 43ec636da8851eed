using Icmal.Text.Normalization;
using Icmal.Text.Stemming;

namespace Icmal.Text.Entities;

/// <summary>How <see cref="NerTrainer"/> trains.</summary>
/// <param name="Epochs">Passes over the training sentences.</param>
/// <param name="Seed">Seed of the shuffle before each pass: the same seed, data and code give the same bytes.</param>
/// <param name="Runs">Perceptrons trained, each with its own shuffle (seeds Seed, Seed + 1, …), whose averaged weights
/// are averaged: one run's figures moved by 0.03 of valid F1 with the seed alone; five runs gain 0.005 of cross-validated F1.</param>
/// <param name="SelfTraining">Sentences of untagged text added to a second training, tagged by the first model (with
/// <see cref="NamedEntityTagger.Find(string, string?)"/>'s rules and one text's names alike), as a share of the tagged sentences; 0 for none.</param>
public sealed record NerTrainingOptions(int Epochs = 12, int Seed = 20251020, int Runs = 5, double SelfTraining = 0);

/// <summary>
/// Trains <see cref="NerModel"/> as an averaged structured perceptron (Collins 2002): decode each training sentence
/// with the current weights, and where the best sequence differs from the gold one, add the gold sequence's features
/// and transitions and subtract the predicted one's; the model keeps the average of the weights over all steps,
/// which generalises far better than the last weights on small data. <see cref="NerTrainingOptions.Runs"/> such
/// perceptrons, each over its own order of the sentences, are averaged into one table (an ensemble of linear models
/// is a linear model). Deterministic: the sentence order of each pass comes from a seeded shuffle and every sum runs
/// in a fixed order.
/// </summary>
public static class NerTrainer
{
    private const int T = NerTags.Count;

    /// <summary>A model trained on <paramref name="sentences"/> (tags as <see cref="NerTags"/>) with <paramref name="gazetteer"/>.</summary>
    /// <remarks>
    /// With <paramref name="untagged"/> texts and <see cref="NerTrainingOptions.SelfTraining"/> above 0, the model
    /// trained on <paramref name="sentences"/> tags the texts as articles are tagged, and a second model is trained on
    /// the tagged sentences plus up to that share of the texts' sentences that hold a name (spread evenly over the
    /// texts, in their order): the texts are news, the tagged sentences encyclopedic, and the second model learns
    /// news contexts ("Fadeyev qeyd edib", "Azərsu ASC-nin") from what the rules and the whole text settled.
    /// </remarks>
    public static NerModel Train(IReadOnlyList<NerSentence> sentences, NerGazetteer gazetteer, NerTrainingOptions? options = null, AzStemmer? stemmer = null,
        IReadOnlyList<string>? untagged = null)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        ArgumentNullException.ThrowIfNull(gazetteer);
        options ??= new NerTrainingOptions();
        stemmer ??= AzStemmer.Default;
        var first = TrainOnce(sentences, sentences, gazetteer, options, stemmer);
        if (untagged is null || untagged.Count == 0 || options.SelfTraining <= 0) return first;
        var tagger = new NamedEntityTagger(first);
        var candidates = new List<NerSentence>();
        foreach (string text in untagged)
            foreach (var s in tagger.TagAzerbaijani(text))
                if (s.Tokens.Count is >= 6 and <= 60 && Conll.Spans(s.Tags) is { Count: > 0 } spans && spans.All(x => x.End - x.Start <= 8))
                    candidates.Add(s);
        int wanted = (int)Math.Min(candidates.Count, Math.Round(options.SelfTraining * sentences.Count));
        var all = new List<NerSentence>(sentences);
        for (int k = 0; k < wanted; k++) all.Add(candidates[(int)((long)k * candidates.Count / wanted)]);
        return TrainOnce(all, sentences, gazetteer, options, stemmer);
    }

    /// <summary>One model on <paramref name="sentences"/>; the decoder's inner words from <paramref name="gold"/> alone.</summary>
    private static NerModel TrainOnce(IReadOnlyList<NerSentence> sentences, IReadOnlyList<NerSentence> gold, NerGazetteer gazetteer, NerTrainingOptions options, AzStemmer stemmer)
    {

        // Features of every token, once.
        var rows = new Dictionary<uint, int>();
        var data = new List<(int[][] Features, int[] Gold, NerToken[] Tokens)>(sentences.Count);
        Span<uint> buffer = stackalloc uint[NerFeatures.MaxPerToken];
        foreach (var sentence in sentences)
        {
            if (sentence.Tokens.Count == 0) continue;
            var tokens = NerModel.Analyse([.. sentence.Tokens.Select(AzNormalizer.NormalizeToString)], gazetteer, stemmer);
            var features = new int[tokens.Length][];
            for (int i = 0; i < tokens.Length; i++)
            {
                int count = NerFeatures.Extract(tokens, i, buffer);
                var ids = new int[count];
                for (int f = 0; f < count; f++)
                {
                    if (!rows.TryGetValue(buffer[f], out int row)) rows[buffer[f]] = row = rows.Count;
                    ids[f] = row;
                }
                features[i] = ids;
            }
            data.Add((features, Repair([.. sentence.Tags]), tokens));
        }
        var innerWords = InnerWords(data.Take(gold.Count(g => g.Tokens.Count > 0)).Select(d => (d.Tokens, d.Gold)));

        // Several perceptrons over different orders, averaged: a linear model, so this is their ensemble in one table.
        int runs = Math.Max(1, options.Runs);
        var averaged = new float[rows.Count * T];
        var transitions = new float[(T + 1) * T];
        for (int run = 0; run < runs; run++)
        {
            var (wRun, tRun) = Perceptron(data, rows.Count, options.Epochs, options.Seed + run);
            for (int i = 0; i < averaged.Length; i++) averaged[i] += wRun[i] / runs;
            for (int i = 0; i < transitions.Length; i++) transitions[i] += tRun[i] / runs;
        }
        return new NerModel(gazetteer, new FeatureRows(rows), averaged, transitions, innerWords, stemmer);
    }

    /// <summary>One averaged perceptron over <paramref name="data"/>: the averaged feature weights and transitions.</summary>
    private static (float[] Weights, float[] Transitions) Perceptron(List<(int[][] Features, int[] Gold, NerToken[] Tokens)> data, int featureCount, int epochs, int seed)
    {
        // Averaged perceptron with the usual lazy trick: keep w and u = Σ step·Δ; the average is w − u/steps.
        var w = new float[featureCount * T];
        var u = new double[featureCount * T];
        var tw = new float[(T + 1) * T];
        var tu = new double[(T + 1) * T];
        var order = Enumerable.Range(0, data.Count).ToArray();
        var random = new Random(seed);
        long step = 1;
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            random.Shuffle(order);
            foreach (int index in order)
            {
                var (features, gold, _) = data[index];
                int n = gold.Length;
                var emissions = new float[n * T];
                for (int i = 0; i < n; i++)
                    foreach (int row in features[i])
                        for (int t = 0; t < T; t++) emissions[i * T + t] += w[row * T + t];
                var predicted = new int[n];
                NerModel.Viterbi(emissions, tw, n, predicted);
                for (int i = 0; i < n; i++)
                {
                    int g = gold[i], p = predicted[i];
                    if (g != p)
                    {
                        foreach (int row in features[i])
                        {
                            Update(w, u, row * T + g, 1, step);
                            Update(w, u, row * T + p, -1, step);
                        }
                    }
                    int gPrev = i == 0 ? T : gold[i - 1], pPrev = i == 0 ? T : predicted[i - 1];
                    if (gPrev != pPrev || g != p)
                    {
                        Update(tw, tu, gPrev * T + g, 1, step);
                        Update(tw, tu, pPrev * T + p, -1, step);
                    }
                }
                step++;
            }
        }
        var averaged = new float[w.Length];
        for (int i = 0; i < w.Length; i++) averaged[i] = (float)(w[i] - u[i] / step);
        var transitions = new float[tw.Length];
        for (int i = 0; i < tw.Length; i++) transitions[i] = (float)(tw[i] - tu[i] / step);
        return (averaged, transitions);
    }

    /// <summary>Lower-case words seen inside names at least twice, and the joining words (but "ilə") and patronymics of any name.</summary>
    private static HashSet<string> InnerWords(IEnumerable<(NerToken[] Tokens, int[] Gold)> data)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (tokens, gold) in data)
            for (int i = 0; i < tokens.Length; i++)
                if (tokens[i].Case == CaseClass.Lower && NerTags.IsInside(gold[i]))
                    counts[tokens[i].Lower] = counts.GetValueOrDefault(tokens[i].Lower) + 1;
        var words = new HashSet<string>(counts.Where(kv => kv.Value >= 2).Select(kv => kv.Key), StringComparer.Ordinal);
        // "ilə" joins runs of names as a feature, but train.conll has it 152 times and never inside a name: the decoder
        // would otherwise make one organisation of "… Dövlət Agentliyi ilə Seneqal … Nazirliyi".
        words.UnionWith(NerToken.JoiningWords.Where(w => w != "ilə"));
        return words;
    }

    private static void Update(float[] w, double[] u, int at, int delta, long step)
    {
        w[at] += delta;
        u[at] += (double)step * delta;
    }

    /// <summary>Gold tags as valid IOB2 (an I- that continues nothing becomes B-), so the decoder can reach them.</summary>
    private static int[] Repair(int[] tags)
    {
        for (int i = 0; i < tags.Length; i++)
            if (!NerTags.Allowed(i == 0 ? -1 : tags[i - 1], tags[i])) tags[i] -= 1;
        return tags;
    }
}
