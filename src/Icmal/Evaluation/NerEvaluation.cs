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
        tagger ??= NamedEntityTagger.Default;
        var gold = new int[3];
        var predicted = new int[3];
        var correct = new int[3];
        int tokens = 0;
        var errors = new List<NerError>();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        foreach (var sentence in sentences)
        {
            ct.ThrowIfCancellationRequested();
            tokens += sentence.Tokens.Count;
            var tags = tagger.Model.Tag([.. sentence.Tokens.Select(AzNormalizer.NormalizeToString)]);
            var goldSpans = Conll.Spans(sentence.Tags);
            var got = Conll.Spans(tags);
            foreach (var s in goldSpans)
            {
                gold[(int)s.Kind]++;
                if (!got.Contains(s)) errors.Add(Error(false, s));
            }
            foreach (var s in got)
            {
                predicted[(int)s.Kind]++;
                if (goldSpans.Contains(s)) correct[(int)s.Kind]++;
                else errors.Add(Error(true, s));
            }

            NerError Error(bool found, NerSpan s) => new(sentences.IndexOf(sentence) + 1, found, NerTags.ShortName(s.Kind),
                string.Join(' ', sentence.Tokens.Skip(s.Start).Take(s.End - s.Start)), string.Join(' ', sentence.Tokens));
        }
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var types = Enum.GetValues<EntityKind>().Select(k => new NerTypeScore(NerTags.ShortName(k), gold[(int)k], predicted[(int)k], correct[(int)k])).ToList();
        var micro = new NerTypeScore("micro", gold.Sum(), predicted.Sum(), correct.Sum());
        return new NerReport(path, sentences.Count, tokens, types, micro, cpu, errors);
    }
}
