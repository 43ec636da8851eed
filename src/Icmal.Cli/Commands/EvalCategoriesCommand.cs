using System.CommandLine;
using System.Globalization;
using Icmal.Evaluation;
using Icmal.Text.Categories;

namespace Icmal.Cli.Commands;

/// <summary>`icmal eval categories [FILE.csv] [--folds K]`: prints <see cref="CategoryEvaluation"/> (accuracy, per-class F1).</summary>
public static class EvalCategoriesCommand
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static Command Create()
    {
        var file = new Argument<FileInfo?>("file") { Description = "CSV with date,category,title (default: shared/data/az/oxu-headlines-dev.csv beside the repository)", Arity = ArgumentArity.ZeroOrOne };
        var folds = new Option<int>("--folds") { Description = "Cross-validate the training method instead: K contiguous blocks in time order, each tested by a model trained on the others" };
        var forward = new Option<bool>("--forward") { Description = "With --folds: train each block's model on the older blocks only (every prediction is about newer headlines)" };
        var method = new Option<CategoryMethod>("--method") { Description = "With --folds: LogisticRegression (shipped), ComplementNaiveBayes or NaiveBayes", DefaultValueFactory = _ => CategoryMethod.LogisticRegression };
        var defaults = new CategoryTrainingOptions();
        var l2 = new Option<double>("--l2") { Description = "With --folds: L2 penalty of logistic regression", DefaultValueFactory = _ => defaults.L2 };
        var epochs = new Option<int>("--epochs") { Description = "With --folds: passes of logistic regression", DefaultValueFactory = _ => defaults.Epochs };
        var classWeight = new Option<double>("--class-weight") { Description = "With --folds: power of the class weights of logistic regression (0 plain, 1 balanced)", DefaultValueFactory = _ => defaults.ClassWeightPower };
        var model = new Option<FileInfo?>("--model") { Description = "A model written by `icmal text train-categories` (default: the one shipped in Icmal.Text)" };
        folds.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is 1 or < 0 or > 50) result.AddError("--folds must be between 2 and 50");
        });
        var command = new Command("categories", "Category accuracy and per-class F1 on labelled headlines (sections mapped to the taxonomy)") { file, folds, forward, method, l2, epochs, classWeight, model };
        command.SetAction((parse, ct) => EvalCommand.OnSetAsync("categories", parse.GetValue(file), SharedDataFolder.Find("az/oxu-headlines-dev.csv"), "shared/data/az/oxu-headlines-dev.csv", async path =>
        {
            var rows = await CategoryEvaluation.ReadAsync(path, ct);
            int k = parse.GetValue(folds);
            if (k > rows.Count) throw new InvalidDataException($"--folds {k} but only {rows.Count} rows");
            CategoryReport report;
            if (k >= 2)
            {
                var options = new CategoryTrainingOptions(Method: parse.GetValue(method), Epochs: Math.Clamp(parse.GetValue(epochs), 1, 500), L2: Math.Max(0, parse.GetValue(l2)),
                    ClassWeightPower: Math.Clamp(parse.GetValue(classWeight), 0, 2));
                bool onlyOlder = parse.GetValue(forward);
                report = CategoryEvaluation.CrossValidate(path, rows, k, options, onlyOlder);
                Console.Out.WriteLine(string.Create(C, $"{k}-fold cross-validation in time order ({(onlyOlder ? "trained on older blocks only" : "trained on all other blocks")}) of {options.Method}"));
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
        }));
        return command;
    }
}
