using System.CommandLine;
using System.Globalization;
using Icmal.Evaluation;

namespace Icmal.Cli.Commands;

/// <summary>`icmal text build-lexicon` and `icmal text train-langid`: print <see cref="ResourceBuilds"/> of the embedded resources.</summary>
public static class TextResourceCommands
{
    public static Command BuildLexicon()
    {
        var dir = new Argument<DirectoryInfo?>("lexicon-dir") { Description = "shared/data/az/lexicon (default: found beside the repository)", Arity = ArgumentArity.ZeroOrOne };
        var output = new Argument<FileInfo?>("output") { Description = "Where to write (default src/Icmal.Text/Resources/az-lexicon.br in the repository)", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("build-lexicon", "Rebuild the stemmer's lexicon resource from shared/data/az/lexicon") { dir, output };
        command.SetAction((parse, ct) => RunAsync("build-lexicon", parse.GetValue(dir), "az/lexicon", parse.GetValue(output), "src/Icmal.Text/Resources/az-lexicon.br",
            (input, outPath) => ResourceBuilds.BuildLexiconAsync(input, outPath, ct)));
        return command;
    }

    public static Command TrainLangId()
    {
        var dir = new Argument<DirectoryInfo?>("dir") { Description = "SIB-200 folder with <code>/train.txt (default: shared/data/langid/sib200 beside the repository)", Arity = ArgumentArity.ZeroOrOne };
        var output = new Argument<FileInfo?>("output") { Description = "Where to write (default src/Icmal.Text/Resources/langid.bin in the repository)", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("train-langid", "Train the language identifier's n-gram model from <code>/train.txt files") { dir, output };
        command.SetAction((parse, ct) => RunAsync("train-langid", parse.GetValue(dir), "langid/sib200", parse.GetValue(output), "src/Icmal.Text/Resources/langid.bin",
            (input, outPath) => ResourceBuilds.TrainLanguageModelAsync(input, outPath, ct)));
        return command;
    }

    private static async Task<int> RunAsync(string name, DirectoryInfo? given, string defaultSet, FileInfo? output, string defaultOutput,
        Func<string, string, Task<RebuiltResource>> build)
    {
        string? input = given?.FullName ?? SharedDataFolder.Find(defaultSet);
        if (input is null || !Directory.Exists(input))
        {
            Console.Error.WriteLine($"{name}: no shared/data/{defaultSet} folder found; pass it as the first argument");
            return 2;
        }
        string outPath = output?.FullName ?? RepositoryFile.Find(defaultOutput) ?? Path.GetFullPath(Path.GetFileName(defaultOutput));
        try
        {
            var built = await build(input, outPath);
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{built.Path}: {built.Contents}, {built.Bytes:N0} bytes"));
            return 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"{name}: {e.Message}");
            return 1;
        }
    }
}
