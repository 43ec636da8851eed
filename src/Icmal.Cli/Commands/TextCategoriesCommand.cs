using System.CommandLine;
using System.Globalization;
using Icmal.Evaluation;
using Icmal.Text.Categories;

namespace Icmal.Cli.Commands;

/// <summary>`icmal text train-categories`: rebuilds Resources/categories.bin from the labelled headlines, reproducibly.</summary>
public static class TextCategoriesCommand
{
    public static Command Create()
    {
        var csv = new Argument<FileInfo?>("csv") { Description = "CSV with date,category,title (default: shared/data/az/oxu-headlines-dev.csv beside the repository)", Arity = ArgumentArity.ZeroOrOne };
        var output = new Argument<FileInfo?>("output") { Description = "Where to write (default src/Icmal.Text/Resources/categories.bin in the repository)", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("train-categories", "Train the headline category classifier (logistic regression over stems and character n-grams)") { csv, output };
        command.SetAction(async (parse, ct) =>
        {
            var given = parse.GetValue(csv);
            string? path = given?.FullName ?? SharedDataFolder.Find("az/oxu-headlines-dev.csv");
            if (path is null || !File.Exists(path))
            {
                Console.Error.WriteLine($"train-categories: {(given is null ? "no shared/data/az/oxu-headlines-dev.csv found; pass the CSV as the first argument" : given.FullName + ": no such file")}");
                return 2;
            }
            string outPath = parse.GetValue(output)?.FullName ?? RepositoryFile.Find("src/Icmal.Text/Resources/categories.bin")
                ?? RepositoryFile.Find("src/Icmal.Text/Resources/ner.bin")?.Replace("ner.bin", "categories.bin", StringComparison.Ordinal)
                ?? Path.GetFullPath("categories.bin");
            try
            {
                var built = await CategoryEvaluation.TrainAsync(path, outPath, new CategoryTrainingOptions(), ct);
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{built.Path}: {built.Contents}, {built.Bytes:N0} bytes"));
                return 0;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or ArgumentException)
            {
                Console.Error.WriteLine($"train-categories: {e.Message}");
                return e is InvalidDataException or ArgumentException ? 2 : 1;
            }
        });
        return command;
    }
}
