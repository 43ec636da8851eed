using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Icmal.Storage;
using Spectre.Console;

namespace Icmal.Cli.Commands;

/// <summary>
/// `icmal migrate --from sqlite:PATH --to postgresql://…`: moves an archive up to PostgreSQL with <see cref="ArchiveCopier"/>
/// (every table, ids kept, resumable, the search index rebuilt, then counts and hashes compared), with a progress bar
/// at a terminal and a line per stage otherwise. Exit code 0 when every table matches, 1 when one does not, 2 when
/// the copy can not start or go on.
/// </summary>
public static class MigrateCommand
{
    public static Command Create()
    {
        var from = new Option<string>("--from") { Description = "The archive to move: sqlite:PATH (e.g. sqlite:icmal-data/icmal.db)", Required = true };
        var to = new Option<string>("--to") { Description = "An empty PostgreSQL database: postgresql://USER@HOST/DATABASE", Required = true };
        var command = new Command("migrate", "Move an archive from SQLite to PostgreSQL (resumable; verified by counts and hashes)") { from, to };
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                var source = DatabaseSetting.Parse(parse.GetValue(from));
                var target = DatabaseSetting.Parse(parse.GetValue(to));
                var copier = await ArchiveCopier.OpenAsync(source, target, ct);
                var clock = Stopwatch.StartNew();
                var report = CommonOptions.Interactive ? await WithBarAsync(copier, ct) : await copier.CopyAsync(new Lines(), ct);
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{(report.Resumed ? "continued" : "copied")} {source} to {target}: {report.RowsCopied:N0} rows copied, {report.Indexed:N0} articles indexed, in {clock.Elapsed.TotalSeconds:0.0} s"));
                foreach (var check in report.Checks)
                {
                    string line = string.Create(CultureInfo.InvariantCulture, $"{(check.Matches ? "ok" : "MISMATCH")} {check.Table}: {check.SourceRows:N0} rows, sha256 {check.SourceHash[..16]}");
                    if (!check.Matches) line += string.Create(CultureInfo.InvariantCulture, $"; target {check.TargetRows:N0} rows, sha256 {check.TargetHash[..16]}");
                    Console.Out.WriteLine(line);
                }
                if (report.Verified) return 0;
                Console.Error.WriteLine("icmal: the copy does not match the source in "
                    + string.Join(", ", report.Checks.Where(c => !c.Matches).Select(c => c.Table))
                    + "; was the source written to while moving? Stop every crawler and portal writing to it and run the command again");
                return 1;
            }
            catch (Exception e) when (e is ArchiveCopyException or DatabaseOpenException or DatabaseSettingException)
            {
                Console.Error.WriteLine($"icmal: {e.Message}");
                return UsageErrors.ExitCode;
            }
        });
        return command;
    }

    private static Task<CopyReport> WithBarAsync(ArchiveCopier copier, CancellationToken ct) =>
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var tasks = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
                var report = await copier.CopyAsync(new Reported(p =>
                {
                    if (!tasks.TryGetValue(p.Stage, out var task))
                    {
                        foreach (var earlier in tasks.Values) earlier.Value = earlier.MaxValue;
                        tasks[p.Stage] = task = context.AddTask(p.Stage, maxValue: 1);
                    }
                    task.MaxValue = Math.Max(1, p.Total);
                    task.Value = p.Done;
                    task.Description = string.Create(CultureInfo.InvariantCulture, $"{p.Stage}: {p.Done:N0} / {p.Total:N0}");
                }), ct);
                foreach (var task in tasks.Values) task.Value = task.MaxValue;
                return report;
            });

    /// <summary>Progress reported at once on the reporting thread (see ReindexCommand).</summary>
    private sealed class Reported(Action<CopyProgress> report) : IProgress<CopyProgress>
    {
        public void Report(CopyProgress value) => report(value);
    }

    /// <summary>Without a terminal: one line as each stage finishes.</summary>
    private sealed class Lines : IProgress<CopyProgress>
    {
        private string? _stage;
        private CopyProgress? _last;

        public void Report(CopyProgress value)
        {
            if (_stage is not null && !string.Equals(_stage, value.Stage, StringComparison.Ordinal)) Finish();
            _stage = value.Stage;
            _last = value;
        }

        private void Finish()
        {
            if (_last is { } p) Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{p.Stage}: {p.Done:N0} / {p.Total:N0}"));
        }
    }
}
