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
        var defaults = new NerTrainingOptions();
        var epochs = new Option<int>("--epochs") { Description = "Passes over the training data", DefaultValueFactory = _ => defaults.Epochs };
        var seed = new Option<int>("--seed") { Description = "Seed of the shuffle (same seed, same bytes)", DefaultValueFactory = _ => defaults.Seed };
        var runs = new Option<int>("--runs") { Description = "Perceptrons averaged, each over its own shuffle (seeds SEED, SEED + 1, …)", DefaultValueFactory = _ => defaults.Runs };
        runs.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 50) result.AddError("--runs must be between 1 and 50");
        });
        var command = new Command("train-ner", "Train the named-entity model (averaged perceptron over BIO tags) from a CoNLL file") { train, output, lexicon, epochs, seed, runs };
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
            string outPath = parse.GetValue(output)?.FullName ?? RepositoryFile.Find("src/Icmal.Text/Resources/ner.bin") ?? Path.GetFullPath("ner.bin");
            try
            {
                var built = await NerResourceBuild.TrainAsync(trainFile, lexiconDir, outPath, new NerTrainingOptions(parse.GetValue(epochs), parse.GetValue(seed), parse.GetValue(runs)), ct);
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
