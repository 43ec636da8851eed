using System.CommandLine;
using System.Globalization;
using Icmal.Evaluation;
using Icmal.Text.Entities;

namespace Icmal.Cli.Commands;

/// <summary>`icmal text train-ner`: rebuilds the named-entity model resource (<see cref="NerResourceBuild"/>), reproducibly.</summary>
public static class TextNerCommand
{
    public static Command Create()
    {
        var train = new Argument<FileInfo?>("train") { Description = "CoNLL training file (default: shared/data/az/ner/train.conll beside the repository)", Arity = ArgumentArity.ZeroOrOne };
        var output = new Argument<FileInfo?>("output") { Description = "Where to write (default src/Icmal.Text/Resources/ner.bin in the repository)", Arity = ArgumentArity.ZeroOrOne };
        var lexicon = new Option<DirectoryInfo?>("--lexicon") { Description = "Gazetteer folder laid out as shared/data/az/lexicon (default: found beside the repository)" };
        var selfTraining = new Option<double>("--self-training") { Description = "Sentences of the untagged articles, tagged by a first model, added to a second training (as a share of the training sentences; 0: none)", DefaultValueFactory = _ => new NerTrainingOptions().SelfTraining };
        selfTraining.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() is < 0 or > 10 or double.NaN) result.AddError("--self-training must be between 0 and 10");
        });
        var corpus = new Option<FileInfo?>("--corpus") { Description = "Untagged articles (JSON array of objects with \"text\") to self-train on (default: shared/data/az/banker-az-articles.json beside the repository)" };
        var noCorpus = new Option<bool>("--no-corpus") { Description = "Self-train on no untagged articles" };
        var defaults = new NerTrainingOptions();
        var epochs = new Option<int>("--epochs") { Description = "Passes over the training data", DefaultValueFactory = _ => defaults.Epochs };
        var seed = new Option<int>("--seed") { Description = "Seed of the shuffle (same seed, same bytes)", DefaultValueFactory = _ => defaults.Seed };
        var runs = new Option<int>("--runs") { Description = "Perceptrons averaged, each over its own shuffle (seeds SEED, SEED + 1, …)", DefaultValueFactory = _ => defaults.Runs };
        runs.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 50) result.AddError("--runs must be between 1 and 50");
        });
        var command = new Command("train-ner", "Train the named-entity model (averaged perceptron over BIO tags) from a CoNLL file") { train, output, lexicon, corpus, noCorpus, selfTraining, epochs, seed, runs };
        epochs.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 200) result.AddError("--epochs must be between 1 and 200");
        });
        command.SetAction(async (parse, ct) =>
        {
            var given = parse.GetValue(train);
            string? trainFile = given?.FullName ?? SharedDataFolder.Find("az/ner/train.conll");
            string? lexiconDir = parse.GetValue(lexicon)?.FullName ?? SharedDataFolder.Find("az/lexicon");
            if (trainFile is null || !File.Exists(trainFile))
            {
                Console.Error.WriteLine($"train-ner: {(given is null ? "no shared/data/az/ner/train.conll found; pass the training file as the first argument" : given.FullName + ": no such file")}");
                return 2;
            }
            if (lexiconDir is null || !Directory.Exists(lexiconDir))
            {
                Console.Error.WriteLine("train-ner: no shared/data/az/lexicon folder found; pass it with --lexicon");
                return 2;
            }
            bool selfTrain = parse.GetValue(selfTraining) > 0 && !parse.GetValue(noCorpus);
            string? corpusFile = selfTrain ? parse.GetValue(corpus)?.FullName ?? SharedDataFolder.Find("az/banker-az-articles.json") : null;
            if (selfTrain && (corpusFile is null || !File.Exists(corpusFile)))
            {
                Console.Error.WriteLine("train-ner: --self-training needs untagged articles (shared/data/az/banker-az-articles.json); pass them with --corpus");
                return 2;
            }
            string outPath = parse.GetValue(output)?.FullName ?? RepositoryFile.Find("src/Icmal.Text/Resources/ner.bin") ?? Path.GetFullPath("ner.bin");
            try
            {
                var built = await NerResourceBuild.TrainAsync(trainFile, lexiconDir, corpusFile, outPath, new NerTrainingOptions(parse.GetValue(epochs), parse.GetValue(seed), parse.GetValue(runs), parse.GetValue(selfTraining)), ct);
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{built.Path}: {built.Contents}, {built.Bytes:N0} bytes"));
                return 0;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                Console.Error.WriteLine($"train-ner: {e.Message}");
                return e is InvalidDataException ? 2 : 1;
            }
        });
        return command;
    }
}
