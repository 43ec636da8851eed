using System.CommandLine;
using System.Globalization;
using Icmal.Text;
using Icmal.Text.Casing;
using Icmal.Text.LanguageId;
using Icmal.Text.Stemming;

namespace Icmal.Cli.Commands;

/// <summary>`icmal eval langid [DIR]` and `icmal eval stem [FILE]`.</summary>
public static class EvalTextCommands
{
    /// <summary>The text-analysis evaluation subcommands, for <see cref="EvalCommand.Create"/>.</summary>
    public static Command[] Create() => [LangIdCommand(), StemCommand()];

    private static Command LangIdCommand()
    {
        var dir = new Argument<DirectoryInfo?>("dir") { Description = "Folder of <code>/dev.txt files (default: shared/data/langid/sib200 beside the repository)", Arity = ArgumentArity.ZeroOrOne };
        var split = new Option<string>("--split") { Description = "File name in each language folder", DefaultValueFactory = _ => "dev.txt" };
        var maxWords = new Option<int>("--max-words") { Description = "Cut each sentence to its first N words (0: whole), to measure short text", DefaultValueFactory = _ => 0 };
        var command = new Command("langid", "Language identification accuracy per language and the confusion pairs") { dir, split, maxWords };
        command.SetAction(async (parse, ct) =>
        {
            string? dataDir = parse.GetValue(dir)?.FullName ?? Icmal.Evaluation.SharedDataFolder.Find("langid/sib200");
            if (dataDir is null || !Directory.Exists(dataDir))
            {
                Console.Error.WriteLine("eval langid: no langid folder found; pass it as an argument");
                return 2;
            }
            int cut = parse.GetValue(maxWords);
            var id = LanguageIdentifier.Default;
            var confusions = new Dictionary<(string Gold, string Got), int>();
            int allRight = 0, allTotal = 0;
            Console.Out.WriteLine("code\tgold\tscript\tsentences\tright\taccuracy\tscript-right");
            foreach (var (code, label) in LanguageModelTrainer.Sib200Labels.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                string file = Path.Combine(dataDir, code, parse.GetValue(split)!);
                if (!File.Exists(file)) continue;
                var (gold, goldScript) = Split(label, code);
                int right = 0, scriptRight = 0, total = 0;
                foreach (string raw in await File.ReadAllLinesAsync(file, ct))
                {
                    if (raw.Length == 0) continue;
                    string line = cut > 0 ? string.Join(' ', raw.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(cut)) : raw;
                    var g = id.Identify(line);
                    total++;
                    if (g.Language == gold) right++;
                    else confusions[(gold, g.Language)] = confusions.GetValueOrDefault((gold, g.Language)) + 1;
                    if (g.Language == gold && g.Script == goldScript) scriptRight++;
                }
                allRight += right;
                allTotal += total;
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{code}\t{gold}\t{goldScript}\t{total}\t{right}\t{(total == 0 ? 0 : 100.0 * right / total):0.0}%\t{scriptRight}"));
            }
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"all\t\t\t{allTotal}\t{allRight}\t{(allTotal == 0 ? 0 : 100.0 * allRight / allTotal):0.00}%"));
            Console.Out.WriteLine();
            Console.Out.WriteLine("confusions (gold → guessed: count)");
            foreach (var ((gold, got), n) in confusions.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key.Gold, StringComparer.Ordinal))
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{gold} → {got}: {n}"));
            if (confusions.Count == 0) Console.Out.WriteLine("none");
            return 0;
        });
        return command;
    }

    private static (string Language, string Script) Split(string label, string code)
    {
        int dash = label.IndexOf('-', StringComparison.Ordinal);
        string script = code[(code.IndexOf('_', StringComparison.Ordinal) + 1)..];
        return (dash < 0 ? label : label[..dash], script);
    }

    private static Command StemCommand()
    {
        var file = new Argument<FileInfo?>("file") { Description = "word TAB stem lines (default: eval/stem-gold.tsv in the repository)", Arity = ArgumentArity.ZeroOrOne };
        var verbose = new Option<bool>("--errors") { Description = "List every wrong stem" };
        var command = new Command("stem", "Stemmer accuracy on a word TAB gold-stem list (compared lower-cased)") { file, verbose };
        command.SetAction(async (parse, ct) =>
        {
            string? path = parse.GetValue(file)?.FullName ?? RepositoryFile.Find("eval/stem-gold.tsv");
            if (path is null || !File.Exists(path))
            {
                Console.Error.WriteLine($"eval stem: {path ?? "eval/stem-gold.tsv"}: no such file");
                return 2;
            }
            var stemmer = AzStemmer.Default;
            int right = 0, total = 0, lineNo = 0;
            var errors = new List<string>();
            var bySource = new SortedDictionary<string, (int Right, int Total)>(StringComparer.Ordinal);
            foreach (string line in await File.ReadAllLinesAsync(path, ct))
            {
                lineNo++;
                if (line.Length == 0 || line[0] == '#') continue;
                string[] cells = line.Split('\t');
                if (cells.Length < 2)
                {
                    Console.Error.WriteLine($"{path}:{lineNo}: expected word TAB stem");
                    continue;
                }
                string source = cells.Length > 2 ? cells[2] : "";
                string got = AzCasing.ToLower(AzAnalyzer.Stems(cells[0]) is [var only] ? only : stemmer.Stem(cells[0]));
                bool ok = got == AzCasing.ToLower(cells[1]);
                total++;
                if (ok) right++;
                else errors.Add($"{cells[0]}\t{cells[1]}\t{got}\t{source}");
                var s = bySource.GetValueOrDefault(source);
                bySource[source] = (s.Right + (ok ? 1 : 0), s.Total + 1);
            }
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{path}: {right}/{total} right, {(total == 0 ? 0 : 100.0 * right / total):0.0}%"));
            foreach (var (source, (r, t)) in bySource)
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {(source.Length == 0 ? "(no source)" : source)}: {r}/{t} {(100.0 * r / t):0.0}%"));
            if (parse.GetValue(verbose))
            {
                Console.Out.WriteLine("word\tgold\tgot\tsource");
                foreach (string e in errors) Console.Out.WriteLine(e);
            }
            return 0;
        });
        return command;
    }
}
