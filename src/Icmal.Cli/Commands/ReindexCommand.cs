using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Icmal.Search;
using Spectre.Console;

namespace Icmal.Cli.Commands;

/// <summary>`icmal reindex`: rebuilds the search index from the stored articles, with a progress bar at a terminal.</summary>
public static class ReindexCommand
{
    public static Command Create()
    {
        var command = new Command("reindex", "Rebuild the search index from the stored articles");
        command.SetAction((parse, ct) => CommonOptions.WithStoreGoingOverAsync(parse, ct, async store =>
        {
            var reindexer = new Reindexer(store);
            var clock = Stopwatch.StartNew();
            long indexed;
            if (CommonOptions.Interactive)
            {
                indexed = await AnsiConsole.Progress()
                    .AutoClear(false)
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
                    .StartAsync(async progress =>
                    {
                        var task = progress.AddTask("reindex", maxValue: 1);
                        long done = await reindexer.RebuildAsync(new Reported<(long Done, long Total)>(p =>
                        {
                            task.MaxValue = Math.Max(1, p.Total);
                            task.Value = p.Done;
                            task.Description = string.Create(CultureInfo.InvariantCulture, $"{p.Done:N0} / {p.Total:N0} articles");
                        }), ct);
                        task.Value = task.MaxValue;
                        return done;
                    });
            }
            else
            {
                indexed = await reindexer.RebuildAsync(null, ct);
            }
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"indexed {indexed} articles in {clock.Elapsed.TotalSeconds:0.0} s"));
            return 0;
        }));
        return command;
    }

    /// <summary>
    /// Progress reported at once on the reporting thread: <see cref="Progress{T}"/> would post each report to the
    /// thread pool, where the last ones can arrive after the bar is finished.
    /// </summary>
    private sealed class Reported<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
