using System.CommandLine;
using System.Globalization;
using Icmal.Evaluation;
using Icmal.Text.Categories;

namespace Icmal.Cli.Commands;

/// <summary>
/// `icmal text train-categories`: rebuilds Resources/categories.bin from the labelled headlines (and, with a written
/// weight above 0, the headlines of <see cref="CategoryEvaluation.WrittenPath"/>), reproducibly.
/// </summary>
public static class TextCategoriesCommand
{
    public static Command Create()
    {
        var csv = new Argument<FileInfo?>("csv") { Description = "CSV with date,category,title (default: shared/data/az/oxu-headlines-dev.csv beside the repository)", Arity = ArgumentArity.ZeroOrOne };
        var output = new Argument<FileInfo?>("output") { Description = "Where to write (default src/Icmal.Text/Resources/categories.bin in the repository)", Arity = ArgumentArity.ZeroOrOne };
        var writtenWeight = new Option<double>("--written-weight") { Description = "The weight of each headline of " + CategoryEvaluation.WrittenPath + " added to the CSV's (0: leave them out; default: the shipped model's)", DefaultValueFactory = _ => CategoryEvaluation.WrittenWeight };
        writtenWeight.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() is var w && (w < 0 || w > 10)) result.AddError("--written-weight must be between 0 and 10");
        });
        var command = new Command("train-categories", "Train the headline category classifier (logistic regression over stems and character n-grams)") { csv, output, writtenWeight };
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
                List<CategoryExample> extra = [];
                if (parse.GetValue(writtenWeight) is > 0 and var weight)
                {
                    string writtenPath = RepositoryFile.Find(CategoryEvaluation.WrittenPath)
                        ?? throw new FileNotFoundException($"{CategoryEvaluation.WrittenPath} not found: run in the repository or give --written-weight 0");
                    extra = await CategoryEvaluation.ReadWrittenAsync(writtenPath, weight, 1, ct);
                }
                var built = await CategoryEvaluation.TrainAsync(path, outPath, new CategoryTrainingOptions(), ct, extra);
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
