using System.CommandLine;
using System.Globalization;
using Icmal.Extraction.Evaluation;
using Icmal.Model;

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
        command.SetAction((parse, ct) => OnSetAsync("extraction", parse.GetValue(dir), Path.Combine("extraction", "trafilatura-eval"), async path =>
        {
            var score = await ExtractionEvaluation.EvaluateSnippetsAsync(path, parse.GetValue(verbose) ? Verbose : null, ct);
            var c = CultureInfo.InvariantCulture;
            Console.Out.WriteLine(string.Create(c, $"set        {path}"));
            Console.Out.WriteLine(string.Create(c, $"pages      {score.Pages} ({score.Failures} with no text)"));
            Console.Out.WriteLine(string.Create(c, $"snippets   TP {score.TruePositives}  FN {score.FalseNegatives}  FP {score.FalsePositives}  TN {score.TrueNegatives}"));
            Console.Out.WriteLine(string.Create(c, $"precision  {score.Precision:F3}"));
            Console.Out.WriteLine(string.Create(c, $"recall     {score.Recall:F3}"));
            Console.Out.WriteLine(string.Create(c, $"F1         {score.F1:F3}"));
            Console.Out.WriteLine(string.Create(c, $"accuracy   {score.Accuracy:F3}"));
            PrintTiming(score.Timing);
        }));
        return command;
    }

    private static Command Dates()
    {
        var dir = new Argument<DirectoryInfo?>("dir") { Description = "A set in the format of shared/data/dates/htmldate-eval (default: that set)", Arity = ArgumentArity.ZeroOrOne };
        var verbose = new Option<bool>("--verbose") { Description = "List each page whose date is wrong or missing, and how often each kind of evidence was right" };
        var command = new Command("dates", "Score publication-date extraction: accuracy, precision, recall, F1, pages with no date, ms per page") { dir, verbose };
        command.SetAction((parse, ct) => OnSetAsync("dates", parse.GetValue(dir), Path.Combine("dates", "htmldate-eval"), async path =>
        {
            bool v = parse.GetValue(verbose);
            var bySource = new SortedDictionary<string, (int Pages, int Right)>(StringComparer.Ordinal);
            var score = await ExtractionEvaluation.EvaluateDatesAsync(path, v ? (file, want, got, from) =>
            {
                if (!string.Equals(want, got, StringComparison.Ordinal)) Console.Out.WriteLine($"{file}\twant {want ?? "-"}\tgot {got ?? "-"}\tfrom {from?.Code ?? "-"}");
                string kind = EvidenceKind(from);
                var (pages, right) = bySource.GetValueOrDefault(kind);
                bySource[kind] = (pages + 1, right + (want is not null && string.Equals(want, got, StringComparison.Ordinal) ? 1 : 0));
            } : null, ct);
            var c = CultureInfo.InvariantCulture;
            foreach (var (kind, (pages, right)) in bySource)
                Console.Out.WriteLine(string.Create(c, $"from {kind,-32} {pages,4} pages  {right,4} right"));
            Console.Out.WriteLine(string.Create(c, $"set        {path}"));
            Console.Out.WriteLine(string.Create(c, $"entries    {score.Entries}  right {score.Right}  wrong {score.Wrong}  no date {score.NoDate}  without a true date {score.Undated}"));
            Console.Out.WriteLine(string.Create(c, $"accuracy   {score.Accuracy:F3}  (right / {score.Entries - score.Undated} entries with a true date)"));
            if (score.Undated > 0)
                Console.Out.WriteLine(string.Create(c, $"           {score.UpstreamAccuracy:F3}  (right / all {score.Entries} entries, as htmldate's scorer counts; precision, recall and F1 below count that way too)"));
            Console.Out.WriteLine(string.Create(c, $"precision  {score.Precision:F3}"));
            Console.Out.WriteLine(string.Create(c, $"recall     {score.Recall:F3}"));
            Console.Out.WriteLine(string.Create(c, $"F1         {score.F1:F3}"));
            PrintTiming(score.Timing);
        }));
        return command;
    }

    /// <summary>
    /// Runs <paramref name="score"/> on the set given, or on shared/data/<paramref name="defaultSet"/>; a missing
    /// or unreadable set is one line on stderr and exit code 2.
    /// </summary>
    private static async Task<int> OnSetAsync(string name, DirectoryInfo? given, string defaultSet, Func<string, Task> score)
    {
        if (given is not null && !given.Exists)
        {
            Console.Error.WriteLine($"eval {name}: {given.FullName}: no such folder");
            return 2;
        }
        string? path = given?.FullName ?? Icmal.Evaluation.SharedDataFolder.Find(defaultSet);
        if (path is null)
        {
            Console.Error.WriteLine($"eval {name}: no set given and shared/data/{defaultSet.Replace('\\', '/')} not found beside the repository");
            return 2;
        }
        try
        {
            await score(path);
            return 0;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or System.Text.Json.JsonException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"eval {name}: {path}: {e.Message}");
            return 2;
        }
    }

    /// <summary>The row of the "by evidence kind" table a page counts in: its evidence's kind (the details, such as which meta tag, are many).</summary>
    private static string EvidenceKind(DateEvidence? from) => from is null ? "(no date)" : DateEvidence.CodeOf(from.Kind);

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
