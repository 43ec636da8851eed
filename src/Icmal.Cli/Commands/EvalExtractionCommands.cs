using System.CommandLine;
using System.Globalization;
using Icmal.Evaluation;

namespace Icmal.Cli.Commands;

/// <summary>
/// `icmal eval extraction [DIR]` and `icmal eval dates [DIR]`: score the extractor on a snippet set
/// (trafilatura-eval format) and a date set (htmldate-eval format), with time per page (<see cref="ExtractionEvaluation"/>).
/// </summary>
public static class EvalExtractionCommands
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>The two subcommands, for whichever `eval` parent command the program has.</summary>
    public static IReadOnlyList<Command> Create() => [Extraction(), Dates()];

    private static Command Extraction()
    {
        var dir = new Argument<DirectoryInfo?>("dir") { Description = "A set in the format of shared/data/extraction/trafilatura-eval (default: that set)", Arity = ArgumentArity.ZeroOrOne };
        var verbose = new Option<bool>("--verbose") { Description = "List each page's missed and leaked snippets" };
        var command = new Command("extraction", "Score main-text extraction: snippet precision, recall, F1 and ms per page") { dir, verbose };
        command.SetAction((parse, ct) => OnSetAsync("extraction", parse.GetValue(dir), "extraction/trafilatura-eval", async path =>
        {
            var score = await ExtractionEvaluation.EvaluateSnippetsAsync(path, parse.GetValue(verbose) ? Verbose : null, ct);
            Console.Out.WriteLine(string.Create(C, $"set        {path}"));
            Console.Out.WriteLine(string.Create(C, $"pages      {score.Pages} ({score.Failures} with no text)"));
            Console.Out.WriteLine(string.Create(C, $"snippets   TP {score.TruePositives}  FN {score.FalseNegatives}  FP {score.FalsePositives}  TN {score.TrueNegatives}"));
            Console.Out.WriteLine(string.Create(C, $"precision  {score.Precision:F3}"));
            Console.Out.WriteLine(string.Create(C, $"recall     {score.Recall:F3}"));
            Console.Out.WriteLine(string.Create(C, $"F1         {score.F1:F3}"));
            Console.Out.WriteLine(string.Create(C, $"accuracy   {score.Accuracy:F3}"));
            PrintTiming(score.Timing);
        }));
        return command;
    }

    private static Command Dates()
    {
        var dir = new Argument<DirectoryInfo?>("dir") { Description = "A set in the format of shared/data/dates/htmldate-eval (default: that set)", Arity = ArgumentArity.ZeroOrOne };
        var verbose = new Option<bool>("--verbose") { Description = "List each page whose date is wrong or missing, and how often each kind of evidence was right" };
        var command = new Command("dates", "Score publication-date extraction: accuracy, precision, recall, F1, pages with no date, ms per page") { dir, verbose };
        command.SetAction((parse, ct) => OnSetAsync("dates", parse.GetValue(dir), "dates/htmldate-eval", async path =>
        {
            var pages = new List<DatePage>();
            bool v = parse.GetValue(verbose);
            var score = await ExtractionEvaluation.EvaluateDatesAsync(path, v ? (file, want, got, from) => pages.Add(new DatePage(file, want, got, from)) : null, ct);
            foreach (var p in pages.Where(p => !string.Equals(p.Want, p.Got, StringComparison.Ordinal)))
                Console.Out.WriteLine($"{p.File}\twant {p.Want ?? "-"}\tgot {p.Got ?? "-"}\tfrom {p.From?.Code ?? "-"}");
            foreach (var k in DateEvidenceTally.ByKind(pages))
                Console.Out.WriteLine(string.Create(C, $"from {k.Kind,-32} {k.Pages,4} pages  {k.Right,4} right"));
            Console.Out.WriteLine(string.Create(C, $"set        {path}"));
            Console.Out.WriteLine(string.Create(C, $"entries    {score.Entries}  right {score.Right}  wrong {score.Wrong}  no date {score.NoDate}  without a true date {score.Undated}"));
            Console.Out.WriteLine(string.Create(C, $"accuracy   {score.Accuracy:F3}  (right / {score.Entries - score.Undated} entries with a true date)"));
            if (score.Undated > 0)
                Console.Out.WriteLine(string.Create(C, $"           {score.UpstreamAccuracy:F3}  (right / all {score.Entries} entries, as htmldate's scorer counts; precision, recall and F1 below count that way too)"));
            Console.Out.WriteLine(string.Create(C, $"precision  {score.Precision:F3}"));
            Console.Out.WriteLine(string.Create(C, $"recall     {score.Recall:F3}"));
            Console.Out.WriteLine(string.Create(C, $"F1         {score.F1:F3}"));
            PrintTiming(score.Timing);
        }));
        return command;
    }

    private static Task<int> OnSetAsync(string name, DirectoryInfo? given, string defaultSet, Func<string, Task> evaluate) =>
        EvalCommand.OnSetAsync(name, given, SharedDataFolder.Find(defaultSet), "shared/data/" + defaultSet, evaluate);

    private static void PrintTiming(Timing t) =>
        Console.Out.WriteLine(string.Create(C, $"ms/page    median {t.MedianMs:F2}  p95 {t.P95Ms:F2}  max {t.MaxMs:F1} ({t.SlowestPage}), single-threaded, decode + parse + extract, after {ExtractionEvaluation.WarmUpPages} pages of warm-up"));

    private static void Verbose(PageResult r)
    {
        if (r.Fn == 0 && r.Fp == 0) return;
        Console.Out.WriteLine($"{r.File}\t{r.Url}\tTP {r.Tp} FN {r.Fn} FP {r.Fp}{(r.Error is null ? "" : "\terror " + r.Error)}");
        foreach (string m in r.Missing) Console.Out.WriteLine($"   missing: {Short(m)}");
        foreach (string l in r.Leaked) Console.Out.WriteLine($"   leaked:  {Short(l)}");
    }

    private static string Short(string s) => s.Length <= 120 ? s : s[..120] + "…";
}
