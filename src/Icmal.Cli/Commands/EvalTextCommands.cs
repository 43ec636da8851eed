using System.CommandLine;
using System.Globalization;
using Icmal.Evaluation;
using Icmal.Model;

namespace Icmal.Cli.Commands;

/// <summary>`icmal eval langid [DIR]` and `icmal eval stem [FILE]`: print <see cref="LanguageIdEvaluation"/> and <see cref="StemEvaluation"/>.</summary>
public static class EvalTextCommands
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>The text-analysis evaluation subcommands, for <see cref="EvalCommand.Create"/>.</summary>
    public static Command[] Create() => [LangIdCommand(), StemCommand(), EvalNerCommand.Create(), EvalCategoriesCommand.Create()];

    private static Command LangIdCommand()
    {
        var dir = new Argument<DirectoryInfo?>("dir") { Description = "Folder of <code>/dev.txt files (default: shared/data/langid/sib200 beside the repository)", Arity = ArgumentArity.ZeroOrOne };
        var split = new Option<string>("--split") { Description = "File name in each language folder", DefaultValueFactory = _ => "dev.txt" };
        var maxWords = new Option<int>("--max-words") { Description = "Cut each sentence to its first N words (0: whole), to measure short text", DefaultValueFactory = _ => 0 };
        var command = new Command("langid", "Language identification accuracy per language and the confusion pairs") { dir, split, maxWords };
        command.SetAction((parse, ct) => EvalCommand.OnSetAsync("langid", parse.GetValue(dir), SharedDataFolder.Find("langid/sib200"), "shared/data/langid/sib200", async path =>
        {
            var report = await LanguageIdEvaluation.EvaluateAsync(path, parse.GetValue(split)!, parse.GetValue(maxWords), ct);
            Console.Out.WriteLine("code\tgold\tscript\tsentences\tright\taccuracy\tscript-right");
            foreach (var l in report.Languages)
                Console.Out.WriteLine(string.Create(C, $"{l.Code}\t{l.Language}\t{l.Script}\t{l.Sentences}\t{l.Right}\t{(l.Sentences == 0 ? 0 : 100.0 * l.Right / l.Sentences):0.0}%\t{l.ScriptRight}"));
            Console.Out.WriteLine(string.Create(C, $"all\t\t\t{report.Sentences}\t{report.Right}\t{(report.Sentences == 0 ? 0 : 100.0 * report.Right / report.Sentences):0.00}%"));
            Console.Out.WriteLine();
            Console.Out.WriteLine("confusions (gold → guessed: count)");
            foreach (var c in report.Confusions) Console.Out.WriteLine(string.Create(C, $"{c.Gold} → {c.Guessed}: {c.Count}"));
            if (report.Confusions.Count == 0) Console.Out.WriteLine("none");
        }));
        return command;
    }

    private static Command StemCommand()
    {
        var file = new Argument<FileInfo?>("file") { Description = "word TAB stem lines (default: eval/stem-gold.tsv in the repository)", Arity = ArgumentArity.ZeroOrOne };
        var verbose = new Option<bool>("--errors") { Description = "List every wrong stem" };
        var command = new Command("stem", "Stemmer accuracy on a word TAB gold-stem list (compared lower-cased)") { file, verbose };
        command.SetAction((parse, ct) => EvalCommand.OnSetAsync("stem", parse.GetValue(file), RepositoryFile.Find("eval/stem-gold.tsv") is { } gold && File.Exists(gold) ? gold : null, "eval/stem-gold.tsv", async path =>
        {
            var report = await StemEvaluation.EvaluateAsync(path, ct);
            foreach (string problem in report.Problems) Console.Error.WriteLine(problem);
            Console.Out.WriteLine(string.Create(C, $"{report.Path}: {report.Right}/{report.Total} right, {(report.Total == 0 ? 0 : 100.0 * report.Right / report.Total):0.0}%"));
            foreach (var s in report.BySource)
                Console.Out.WriteLine(string.Create(C, $"  {(s.Source.Length == 0 ? "(no source)" : s.Source)}: {s.Right}/{s.Total} {(100.0 * s.Right / s.Total):0.0}%"));
            if (parse.GetValue(verbose))
            {
                Console.Out.WriteLine("word\tgold\tgot\tsource");
                foreach (var e in report.Errors) Console.Out.WriteLine($"{e.Word}\t{e.Gold}\t{e.Got}\t{e.Source}");
            }
        }));
        return command;
    }
}
