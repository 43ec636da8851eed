using System.Diagnostics;
using Icmal.Text.Entities;
using Icmal.Text.Normalization;

namespace Icmal.Evaluation;

/// <summary>Counts of one entity type (or of all: micro) and the figures from them.</summary>
public sealed record NerTypeScore(string Type, int Gold, int Predicted, int Correct)
{
    public double Precision => Predicted == 0 ? 0 : (double)Correct / Predicted;
    public double Recall => Gold == 0 ? 0 : (double)Correct / Gold;
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
}

/// <summary>The report of <see cref="NerEvaluation"/>: per type, micro over all, and the time the tagging took.</summary>
public sealed record NerReport(string Path, int Sentences, int Tokens, IReadOnlyList<NerTypeScore> Types, NerTypeScore Micro, TimeSpan TaggingCpu,
    IReadOnlyList<NerError> Errors);

/// <summary>An entity the tagger missed (Found false) or found wrongly (Found true), with its sentence.</summary>
public sealed record NerError(int Sentence, bool Found, string Type, string Entity, string Text);

/// <summary>
/// `icmal eval ner FILE.conll`: entity-level precision, recall and F1 as CoNLL scores them (an entity is right when
/// its span and type are exactly the gold ones), per type (PER, ORG, LOC) and micro-averaged; DATE and any other type
/// count as O (shared/data/README.md, "Metrics"). The tokens are the file's; each sentence is tagged by the model.
/// </summary>
public static class NerEvaluation
{
    /// <summary>Scores <paramref name="tagger"/> (the shipped one by default) on the CoNLL file at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">A line of the file is not "token TAB tag".</exception>
    public static async Task<NerReport> EvaluateAsync(string path, CancellationToken ct, NamedEntityTagger? tagger = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var sentences = Conll.Parse(await File.ReadAllLinesAsync(path, ct));
        var tally = new Tally();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        tally.Score((tagger ?? NamedEntityTagger.Default).Model, sentences, Enumerable.Range(0, sentences.Count), ct);
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        return tally.Report(path, sentences, cpu);
    }

    /// <summary>
    /// K-fold cross-validation of the training method on the CoNLL file at <paramref name="path"/>: sentence i is in
    /// fold i mod <paramref name="folds"/>; each fold is scored by a model trained on the others (with the gazetteers
    /// of <paramref name="lexiconFolder"/> self-training on the untagged articles of <paramref name="corpusFile"/> as <paramref name="options"/> say), and the counts of all folds are summed.
    /// </summary>
    /// <exception cref="InvalidDataException">A line of the file is not "token TAB tag".</exception>
    public static async Task<NerReport> CrossValidateAsync(string path, int folds, string lexiconFolder, string? corpusFile, NerTrainingOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        var sentences = Conll.Parse(await File.ReadAllLinesAsync(path, ct));
        var gazetteer = await NerResourceBuild.ReadGazetteerAsync(lexiconFolder, ct);
        var texts = await NerResourceBuild.ReadTextsAsync(corpusFile, ct);
        var tally = new Tally();
        var cpu = TimeSpan.Zero;
        for (int fold = 0; fold < folds; fold++)
        {
            var train = sentences.Where((_, i) => i % folds != fold).ToList();
            var model = NerModel.Load(new MemoryStream(NerTrainer.Train(train, gazetteer, options, untagged: texts).Save()));
            var start = Process.GetCurrentProcess().TotalProcessorTime;
            tally.Score(model, sentences, Enumerable.Range(0, sentences.Count).Where(i => i % folds == fold), ct);
            cpu += Process.GetCurrentProcess().TotalProcessorTime - start;
        }
        return tally.Report(path, sentences, cpu);
    }

    private sealed class Tally
    {
        private readonly int[] _gold = new int[3], _predicted = new int[3], _correct = new int[3];
        private readonly List<NerError> _errors = [];
        private int _tokens;

        public void Score(NerModel model, List<NerSentence> sentences, IEnumerable<int> which, CancellationToken ct)
        {
            foreach (int index in which)
            {
                ct.ThrowIfCancellationRequested();
                var sentence = sentences[index];
                _tokens += sentence.Tokens.Count;
                var tags = model.Tag([.. sentence.Tokens.Select(AzNormalizer.NormalizeToString)]);
                var goldSpans = Conll.Spans(sentence.Tags);
                var got = Conll.Spans(tags);
                foreach (var s in goldSpans)
                {
                    _gold[(int)s.Kind]++;
                    if (!got.Contains(s)) _errors.Add(Error(false, s));
                }
                foreach (var s in got)
                {
                    _predicted[(int)s.Kind]++;
                    if (goldSpans.Contains(s)) _correct[(int)s.Kind]++;
                    else _errors.Add(Error(true, s));
                }

                NerError Error(bool found, NerSpan s) => new(index + 1, found, NerTags.ShortName(s.Kind),
                    string.Join(' ', sentence.Tokens.Skip(s.Start).Take(s.End - s.Start)), string.Join(' ', sentence.Tokens));
            }
        }

        public NerReport Report(string path, List<NerSentence> sentences, TimeSpan cpu)
        {
            var types = Enum.GetValues<EntityKind>().Select(k => new NerTypeScore(NerTags.ShortName(k), _gold[(int)k], _predicted[(int)k], _correct[(int)k])).ToList();
            var micro = new NerTypeScore("micro", _gold.Sum(), _predicted.Sum(), _correct.Sum());
            return new NerReport(path, sentences.Count, _tokens, types, micro, cpu, [.. _errors.OrderBy(e => e.Sentence)]);
        }
    }
}
