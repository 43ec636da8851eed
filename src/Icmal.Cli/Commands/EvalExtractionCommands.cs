using System.CommandLine;
using System.Globalization;
using Icmal.Extraction.Evaluation;

namespace Icmal.Cli.Commands;

/// <summary>
/// `icmal eval extraction [DIR]` and `icmal eval dates [DIR]`: score the extractor on a snippet set
/// (trafilatura-eval format) and a date set (htmldate-eval format), with time per page.
/// </summary>
public static class EvalExtractionCommands
{
    /// <summary>The two subcommands, for whichever `eval` parent command the program has.</summary>
    public static IReadOnlyList<Command> Create() => [Extraction(), Dates()];

    private static Command Extraction()
    {
        var dir = new Argument<DirectoryInfo?>("dir") { Description = "A set in the format of shared/data/extraction/trafilatura-eval (default: that set)", Arity = ArgumentArity.ZeroOrOne };
        var verbose = new Option<bool>("--verbose") { Description = "List each page's missed and leaked snippets" };
        var command = new Command("extraction", "Score main-text extraction: snippet precision, recall, F1 and ms per page") { dir, verbose };
        command.SetAction(async (parse, ct) =>
        {
            string? path = parse.GetValue(dir)?.FullName ?? Icmal.Evaluation.SharedDataFolder.Find(Path.Combine("extraction", "trafilatura-eval"));
            if (path is null || !Directory.Exists(path))
            {
                Console.Error.WriteLine("eval extraction: no set given and shared/data/extraction/trafilatura-eval not found beside the repository");
                return 2;
            }
            bool v = parse.GetValue(verbose);
            try
            {
                var score = await ExtractionEvaluation.EvaluateSnippetsAsync(path, v ? Verbose : null, ct);
                var c = CultureInfo.InvariantCulture;
                Console.Out.WriteLine(string.Create(c, $"set        {path}"));
                Console.Out.WriteLine(string.Create(c, $"pages      {score.Pages} ({score.Failures} with no text)"));
                Console.Out.WriteLine(string.Create(c, $"snippets   TP {score.TruePositives}  FN {score.FalseNegatives}  FP {score.FalsePositives}  TN {score.TrueNegatives}"));
                Console.Out.WriteLine(string.Create(c, $"precision  {score.Precision:F3}"));
                Console.Out.WriteLine(string.Create(c, $"recall     {score.Recall:F3}"));
                Console.Out.WriteLine(string.Create(c, $"F1         {score.F1:F3}"));
                Console.Out.WriteLine(string.Create(c, $"accuracy   {score.Accuracy:F3}"));
                PrintTiming(score.Timing);
                return 0;
            }
            catch (Exception e) when (e is IOException or InvalidDataException or System.Text.Json.JsonException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"eval extraction: {path}: {e.Message}");
                return 2;
            }
        });
        return command;
    }

    private static Command Dates()
    {
        var dir = new Argument<DirectoryInfo?>("dir") { Description = "A set in the format of shared/data/dates/htmldate-eval (default: that set)", Arity = ArgumentArity.ZeroOrOne };
        var verbose = new Option<bool>("--verbose") { Description = "List each page whose date is wrong or missing, and how often each kind of evidence was right" };
        var command = new Command("dates", "Score publication-date extraction: accuracy, precision, recall, F1, pages with no date, ms per page") { dir, verbose };
        command.SetAction(async (parse, ct) =>
        {
            string? path = parse.GetValue(dir)?.FullName ?? Icmal.Evaluation.SharedDataFolder.Find(Path.Combine("dates", "htmldate-eval"));
            if (path is null || !Directory.Exists(path))
            {
                Console.Error.WriteLine("eval dates: no set given and shared/data/dates/htmldate-eval not found beside the repository");
                return 2;
            }
            bool v = parse.GetValue(verbose);
            try
            {
                var bySource = new SortedDictionary<string, (int Pages, int Right)>(StringComparer.Ordinal);
                var score = await ExtractionEvaluation.EvaluateDatesAsync(path, v ? (file, want, got, from) =>
                {
                    bool right = want is not null && string.Equals(want, got, StringComparison.Ordinal);
                    if (!string.Equals(want, got, StringComparison.Ordinal)) Console.Out.WriteLine($"{file}\twant {want ?? "-"}\tgot {got ?? "-"}\tfrom {from ?? "-"}");
                    // "script data publishedDate" and "meta dc.date" group by their kind, not their key.
                    string kind = from is null ? "(no date)" : from.StartsWith("meta ", StringComparison.Ordinal) || from.StartsWith("script data", StringComparison.Ordinal)
                        || from.StartsWith("json-ld", StringComparison.Ordinal) ? string.Join(' ', from.Split(' ').Take(from.StartsWith("script", StringComparison.Ordinal) ? 2 : 1)) : from;
                    var (pages, r) = bySource.GetValueOrDefault(kind);
                    bySource[kind] = (pages + 1, r + (right ? 1 : 0));
                } : null, ct);
                var c = CultureInfo.InvariantCulture;
                foreach (var (kind, (pages, right)) in bySource)
                    Console.Out.WriteLine(string.Create(c, $"from {kind,-32} {pages,4} pages  {right,4} right"));
                Console.Out.WriteLine(string.Create(c, $"set        {path}"));
                Console.Out.WriteLine(string.Create(c, $"entries    {score.Entries}  right {score.Right}  wrong {score.Wrong}  no date {score.NoDate}"));
                Console.Out.WriteLine(string.Create(c, $"accuracy   {score.Accuracy:F3}"));
                Console.Out.WriteLine(string.Create(c, $"precision  {score.Precision:F3}"));
                Console.Out.WriteLine(string.Create(c, $"recall     {score.Recall:F3}"));
                Console.Out.WriteLine(string.Create(c, $"F1         {score.F1:F3}"));
                PrintTiming(score.Timing);
                return 0;
            }
            catch (Exception e) when (e is IOException or InvalidDataException or System.Text.Json.JsonException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"eval dates: {path}: {e.Message}");
                return 2;
            }
        });
        return command;
    }

    private static void PrintTiming(Timing t)
    {
        var c = CultureInfo.InvariantCulture;
        Console.Out.WriteLine(string.Create(c, $"ms/page    median {t.MedianMs:F2}  p95 {t.P95Ms:F2}  max {t.MaxMs:F1} ({t.SlowestPage}), single-threaded, decode + parse + extract, after {ExtractionEvaluation.WarmUpPages} pages of warm-up"));
    }

    private static void Verbose(PageResult r)
    {
        if (r.Fn == 0 && r.Fp == 0) return;
        Console.Out.WriteLine($"{r.File}\t{r.Url}\tTP {r.Tp} FN {r.Fn} FP {r.Fp}{(r.Error is null ? "" : "\terror " + r.Error)}");
        foreach (string m in r.Missing) Console.Out.WriteLine($"   missing: {Short(m)}");
        foreach (string l in r.Leaked) Console.Out.WriteLine($"   leaked:  {Short(l)}");
    }

    private static string Short(string s) => s.Length <= 120 ? s : s[..120] + "…";
}
