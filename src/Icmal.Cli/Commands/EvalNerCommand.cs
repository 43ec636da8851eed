using System.CommandLine;
using System.Globalization;
using Icmal.Evaluation;
using Icmal.Text.Entities;

namespace Icmal.Cli.Commands;

/// <summary>`icmal eval ner [FILE.conll]`: prints <see cref="NerEvaluation"/> (CoNLL entity-level P/R/F1 per type and micro).</summary>
public static class EvalNerCommand
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static Command Create()
    {
        var file = new Argument<FileInfo?>("file") { Description = "CoNLL file, token TAB tag (default: shared/data/az/ner/valid.conll beside the repository)", Arity = ArgumentArity.ZeroOrOne };
        var model = new Option<FileInfo?>("--model") { Description = "A model written by `icmal text train-ner` (default: the one shipped in Icmal.Text)" };
        var errors = new Option<bool>("--errors") { Description = "List every missed and every wrong entity with its sentence" };
        var folds = new Option<int>("--folds") { Description = "Cross-validate the training method on FILE instead: K models, each trained on the other folds (sentence i in fold i mod K)" };
        folds.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is 1 or < 0 or > 50) result.AddError("--folds must be between 2 and 50");
        });
        var defaults = new NerTrainingOptions();
        var epochs = new Option<int>("--epochs") { Description = "With --folds: passes over the training data", DefaultValueFactory = _ => defaults.Epochs };
        var seed = new Option<int>("--seed") { Description = "With --folds: seed of the shuffle (to see how much of a difference is the seed's)", DefaultValueFactory = _ => defaults.Seed };
        epochs.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 200) result.AddError("--epochs must be between 1 and 200");
        });
        var runs = new Option<int>("--runs") { Description = "With --folds: perceptrons averaged, each over its own shuffle", DefaultValueFactory = _ => defaults.Runs };
        runs.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 50) result.AddError("--runs must be between 1 and 50");
        });
        var selfTraining = new Option<double>("--self-training") { Description = "Sentences of the untagged articles, tagged by a first model, added to a second training (as a share of the training sentences; 0: none)", DefaultValueFactory = _ => new NerTrainingOptions().SelfTraining };
        selfTraining.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() is < 0 or > 10 or double.NaN) result.AddError("--self-training must be between 0 and 10");
        });
        var corpus = new Option<FileInfo?>("--corpus") { Description = "With --folds: untagged articles to self-train on (default: shared/data/az/banker-az-articles.json)" };
        var noCorpus = new Option<bool>("--no-corpus") { Description = "With --folds: self-train on no untagged articles" };
        var command = new Command("ner", "Named-entity precision, recall and F1 per type and micro (exact span and type; DATE scored as O)") { file, model, errors, folds, epochs, seed, runs, corpus, noCorpus, selfTraining };
        command.SetAction((parse, ct) => EvalCommand.OnSetAsync("ner", parse.GetValue(file), SharedDataFolder.Find("az/ner/valid.conll"), "shared/data/az/ner/valid.conll", async path =>
        {
            NamedEntityTagger? tagger = null;
            if (parse.GetValue(model) is { } m)
            {
                await using var stream = m.OpenRead();
                try
                {
                    tagger = new NamedEntityTagger(NerModel.Load(stream));
                }
                catch (InvalidDataException e)
                {
                    throw new IOException($"{m.FullName}: {e.Message}", e);
                }
            }
            int k = parse.GetValue(folds);
            string? lexicon = SharedDataFolder.Find("az/lexicon");
            if (k >= 2 && lexicon is null) throw new IOException("--folds trains models, and no shared/data/az/lexicon folder was found beside the repository");
            bool selfTrain = parse.GetValue(selfTraining) > 0 && !parse.GetValue(noCorpus);
            string? corpusFile = selfTrain ? parse.GetValue(corpus)?.FullName ?? SharedDataFolder.Find("az/banker-az-articles.json") : null;
            if (k >= 2 && selfTrain && corpusFile is null) throw new IOException("--self-training needs untagged articles, and no shared/data/az/banker-az-articles.json was found (pass --corpus)");
            var report = k >= 2
                ? await NerEvaluation.CrossValidateAsync(path, k, lexicon!, corpusFile, new NerTrainingOptions(parse.GetValue(epochs), parse.GetValue(seed), parse.GetValue(runs), parse.GetValue(selfTraining)), ct)
                : await NerEvaluation.EvaluateAsync(path, ct, tagger);
            if (k >= 2) Console.Out.WriteLine(string.Create(C, $"{k}-fold cross-validation of `icmal text train-ner` ({parse.GetValue(epochs)} epochs, seed {parse.GetValue(seed)}, {parse.GetValue(runs)} runs) on the file"));
            Console.Out.WriteLine(string.Create(C, $"{report.Path}: {report.Sentences:N0} sentences, {report.Tokens:N0} tokens, tagged in {report.TaggingCpu.TotalMilliseconds:N0} ms CPU"));
            Console.Out.WriteLine("type\tgold\tfound\tright\tprecision\trecall\tF1");
            foreach (var t in report.Types.Append(report.Micro))
                Console.Out.WriteLine(string.Create(C, $"{t.Type}\t{t.Gold}\t{t.Predicted}\t{t.Correct}\t{t.Precision:0.000}\t{t.Recall:0.000}\t{t.F1:0.000}"));
            if (!parse.GetValue(errors)) return;
            Console.Out.WriteLine();
            Console.Out.WriteLine("sentence\terror\ttype\tentity\ttext");
            foreach (var e in report.Errors)
                Console.Out.WriteLine(string.Create(C, $"{e.Sentence}\t{(e.Found ? "wrong" : "missed")}\t{e.Type}\t{e.Entity}\t{e.Text}"));
        }));
        return command;
    }
}
