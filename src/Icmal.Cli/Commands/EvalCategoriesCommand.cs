using System.CommandLine;
using System.Globalization;
using Icmal.Evaluation;
using Icmal.Text.Categories;

namespace Icmal.Cli.Commands;

/// <summary>
/// `icmal eval categories [FILE.csv] [--folds K | --newest F] [--seeds N]`: prints <see cref="CategoryEvaluation"/>
/// (accuracy, per-class F1, confusion matrix). With --seeds the training is repeated with N seeds and the mean
/// accuracy printed, so a difference between two settings can be told from the seed's noise. --written-weight adds the
/// headlines İcmal's developers wrote (<see cref="CategoryEvaluation.WrittenPath"/>) to every training side.
/// </summary>
public static class EvalCategoriesCommand
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static Command Create()
    {
        var file = new Argument<FileInfo?>("file") { Description = "CSV with date,category,title (default: shared/data/az/oxu-headlines-dev.csv beside the repository)", Arity = ArgumentArity.ZeroOrOne };
        var folds = new Option<int>("--folds") { Description = "Cross-validate the training method instead: K contiguous blocks in time order, each tested by a model trained on the others" };
        var forward = new Option<bool>("--forward") { Description = "With --folds: train each block's model on the older blocks only (every prediction is about newer headlines)" };
        var method = new Option<CategoryMethod>("--method") { Description = "With --folds or --newest: LogisticRegression (shipped), ComplementNaiveBayes or NaiveBayes", DefaultValueFactory = _ => CategoryMethod.LogisticRegression };
        var defaults = new CategoryTrainingOptions();
        var l2 = new Option<double>("--l2") { Description = "With --folds or --newest: L2 penalty of logistic regression", DefaultValueFactory = _ => defaults.L2 };
        var epochs = new Option<int>("--epochs") { Description = "With --folds or --newest: passes of logistic regression", DefaultValueFactory = _ => defaults.Epochs };
        var classWeight = new Option<double>("--class-weight") { Description = "With --folds or --newest: power of the class weights of logistic regression (0 plain, 1 balanced)", DefaultValueFactory = _ => defaults.ClassWeightPower };
        var newest = new Option<double>("--newest") { Description = "Train on the older rows and test on this newest fraction of them by date (0.2: the older 80 % against the newest 20 %), as the kept-back newer headlines test the shipped model" };
        var seeds = new Option<int>("--seeds") { Description = "With --folds or --newest: train with this many seeds (the default seed and the ones after it) and print each accuracy and their mean", DefaultValueFactory = _ => 1 };
        var written = new Option<FileInfo?>("--written") { Description = "With --folds or --newest: headlines written for training (category,title; default: " + CategoryEvaluation.WrittenPath + " in the repository), added to every training side, never tested" };
        var writtenWeight = new Option<double>("--written-weight") { Description = "With --folds or --newest: the weight of a written headline (0: leave them out; default: the shipped model's)", DefaultValueFactory = _ => CategoryEvaluation.WrittenWeight };
        var writtenShare = new Option<double>("--written-share") { Description = "With --folds or --newest: keep this share of each category's written headlines (0.5: every second one)", DefaultValueFactory = _ => 1 };
        var writtenFlat = new Option<bool>("--written-flat") { Description = "With --written-weight: keep every written headline's weight as it is instead of spreading the written weight over the categories as the labelled rows are" };
        var model = new Option<FileInfo?>("--model") { Description = "A model written by `icmal text train-categories` (default: the one shipped in Icmal.Text)" };
        folds.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is 1 or < 0 or > 50) result.AddError("--folds must be between 2 and 50");
        });
        newest.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() is var f && (f < 0 || f >= 1)) result.AddError("--newest must be a fraction above 0 and below 1");
        });
        writtenWeight.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() is var w && (w < 0 || w > 10)) result.AddError("--written-weight must be between 0 and 10");
        });
        writtenShare.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() is var f && (f <= 0 || f > 1)) result.AddError("--written-share must be above 0 and at most 1");
        });
        seeds.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 20) result.AddError("--seeds must be between 1 and 20");
        });
        var command = new Command("categories", "Category accuracy, per-class F1 and the confusion matrix on labelled headlines (sections mapped to the taxonomy)")
        {
            file, folds, forward, newest, seeds, method, l2, epochs, classWeight, written, writtenWeight, writtenShare, writtenFlat, model,
        };
        command.SetAction((parse, ct) => EvalCommand.OnSetAsync("categories", parse.GetValue(file), SharedDataFolder.Find("az/oxu-headlines-dev.csv"), "shared/data/az/oxu-headlines-dev.csv", async path =>
        {
            var rows = await CategoryEvaluation.ReadAsync(path, ct);
            int k = parse.GetValue(folds);
            if (k > rows.Count) throw new InvalidDataException($"--folds {k} but only {rows.Count} rows");
            double split = parse.GetValue(newest);
            if (k >= 2 && split > 0) throw new InvalidDataException("--folds and --newest are two ways to test: give one");
            CategoryReport report;
            if (k >= 2 || split > 0)
            {
                var options = new CategoryTrainingOptions(Method: parse.GetValue(method), Epochs: Math.Clamp(parse.GetValue(epochs), 1, 500), L2: Math.Max(0, parse.GetValue(l2)),
                    ClassWeightPower: Math.Clamp(parse.GetValue(classWeight), 0, 2));
                bool onlyOlder = parse.GetValue(forward);
                List<CategoryExample> extra = [];
                bool flatWritten = parse.GetValue(writtenFlat);
                if (parse.GetValue(writtenWeight) is > 0 and var weight)
                {
                    string writtenPath = parse.GetValue(written)?.FullName ?? RepositoryFile.Find(CategoryEvaluation.WrittenPath)
                        ?? throw new FileNotFoundException($"{CategoryEvaluation.WrittenPath} not found: give --written FILE or --written-weight 0");
                    extra = await CategoryEvaluation.ReadWrittenAsync(writtenPath, weight, parse.GetValue(writtenShare), ct);
                    Console.Out.WriteLine(string.Create(C, $"+ {extra.Count:N0} written headlines in every training side, weight {weight:0.##} ({writtenPath})"));
                }
                int n = options.Method == CategoryMethod.LogisticRegression ? parse.GetValue(seeds) : 1;
                var reports = Enumerable.Range(0, n).Select(seed => options with { Seed = options.Seed + seed })
                    .Select(o => split > 0 ? CategoryEvaluation.HoldOutNewest(path, rows, split, o, extra, flatWritten)
                        : CategoryEvaluation.CrossValidate(path, rows, k, o, onlyOlder, extra, flatWritten)).ToList();
                report = reports[0];
                Console.Out.WriteLine(split > 0
                    ? string.Create(C, $"trained on the older {1 - split:0%} of the rows by date, tested on the newest {split:0%} ({report.Rows:N0} headlines from {rows[rows.Count - report.Rows].Date:yyyy-MM-dd HH:mm}), {options.Method}")
                    : string.Create(C, $"{k}-fold cross-validation in time order ({(onlyOlder ? "trained on older blocks only" : "trained on all other blocks")}) of {options.Method}"));
                if (n > 1)
                {
                    Console.Out.WriteLine(string.Create(C, $"{n} seeds: accuracy {string.Join(" ", reports.Select(r => r.Accuracy.ToString("0.000", C)))}, mean {reports.Average(r => r.Accuracy):0.000}; macro F1 mean {reports.Average(r => r.MacroF1):0.000} (below: the first seed)"));
                }
            }
            else
            {
                var classifier = CategoryClassifier.Default;
                if (parse.GetValue(model) is { } m)
                {
                    await using var stream = m.OpenRead();
                    try
                    {
                        classifier = new CategoryClassifier(CategoryModel.Load(stream));
                    }
                    catch (InvalidDataException e)
                    {
                        throw new IOException($"{m.FullName}: {e.Message}", e);
                    }
                }
                report = CategoryEvaluation.Evaluate(path, rows, classifier);
            }
            Console.Out.WriteLine(string.Create(C, $"{report.Path}: {report.Rows:N0} headlines, accuracy {report.Accuracy:0.000}, macro F1 {report.MacroF1:0.000} ({report.Cpu.TotalMilliseconds:N0} ms)"));
            if (report.FoldAccuracies.Count > 0)
                Console.Out.WriteLine("fold accuracies: " + string.Join(" ", report.FoldAccuracies.Select(a => a.ToString("0.000", C))));
            Console.Out.WriteLine("category\tgold\tfound\tright\tprecision\trecall\tF1");
            foreach (var s in report.Categories)
                Console.Out.WriteLine(string.Create(C, $"{s.Category.Name()}\t{s.Gold}\t{s.Predicted}\t{s.Correct}\t{s.Precision:0.000}\t{s.Recall:0.000}\t{s.F1:0.000}"));
            Console.Out.WriteLine("confusion (rows gold, columns predicted): " + string.Join(" ", NewsCategories.All.Select(c => c.Slug()[..4])));
            foreach (var gold in NewsCategories.All)
                if (report.Confusion[(int)gold].Any(x => x > 0))
                    Console.Out.WriteLine(string.Create(C, $"{gold.Slug(),-12}") + string.Concat(report.Confusion[(int)gold].Select(x => x.ToString(C).PadLeft(5))));
        }));
        return command;
    }
}
