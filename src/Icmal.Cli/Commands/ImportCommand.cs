using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Icmal.Import;
using Icmal.Hosting;
using Spectre.Console;
using Icmal.Model;
using Icmal.Ingest;

namespace Icmal.Cli.Commands;

/// <summary>`icmal import PATH...`: pages, text dumps and JSON article lists into the archive.</summary>
public static class ImportCommand
{
    /// <summary>Exit code when some inputs were rejected while the rest imported.</summary>
    public const int SomeRejected = 1;

    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = "Files and folders (.html, .htm, .txt, .json)", Arity = ArgumentArity.OneOrMore };
        var maxSize = new Option<long>("--max-size") { Description = "Largest file to read, in MB", DefaultValueFactory = _ => ImportOptions.DefaultMaxFileBytes / 1048576 };
        var command = new Command("import", "Import pages, text dumps and JSON article lists") { paths, maxSize };
        command.SetAction((parse, ct) => CommonOptions.WithOptionsAsync(parse, async options =>
        {
            var importer = await IcmalApplication.OpenImporterAsync(options, new ImportOptions(parse.GetValue(maxSize) * 1048576), ct);
            var tally = await RunAsync(importer, parse.GetValue(paths)!, CommonOptions.Interactive, ct);
            return tally.Rejected.Count > 0 ? SomeRejected : 0;
        }));
        return command;
    }

    /// <summary>Runs an import, printing as it goes: a progress bar at a terminal, one line per item otherwise.</summary>
    private static async Task<ImportTally> RunAsync(Importer importer, IEnumerable<string> paths, bool interactive, CancellationToken ct)
    {
        var summary = new ImportTally();
        var clock = Stopwatch.StartNew();
        if (interactive)
        {
            await AnsiConsole.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
                .StartAsync(async progress =>
                {
                    var task = progress.AddTask("import", maxValue: 1);
                    await foreach (var e in importer.ImportAsync(paths, ct))
                    {
                        summary.Count(e.Outcome);
                        task.MaxValue = Math.Max(1, e.FileCount);
                        task.Value = e.FileNumber;
                        double rate = (summary.Stored + summary.Present) / Math.Max(0.001, clock.Elapsed.TotalSeconds);
                        task.Description = string.Create(CultureInfo.InvariantCulture,
                            $"stored {summary.Stored} · present {summary.Present} · rejected {summary.Rejected.Count} · {rate:0}/s");
                    }
                    task.Value = task.MaxValue;
                });
        }
        else
        {
            await foreach (var e in importer.ImportAsync(paths, ct))
            {
                summary.Count(e.Outcome);
                var o = e.Outcome;
                if (o.Status == IngestStatus.Stored) Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"stored #{o.ArticleId} {o.Origin} — {o.Title}"));
                else if (o.Status == IngestStatus.AlreadyPresent) Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"present #{o.ArticleId} {o.Origin}"));
            }
        }

        foreach (var r in summary.Rejected) Console.Error.WriteLine($"rejected {r.Origin}: {r.Reason}");
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"imported {summary.Stored}, already present {summary.Present}, rejected {summary.Rejected.Count} in {clock.Elapsed.TotalSeconds:0.0} s"));
        return summary;
    }
}
