using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Icmal.Collection;
using Icmal.Model;
using Icmal.Ingest;

namespace Icmal.Cli.Commands;

/// <summary>`icmal crawl [--once]`: polls the enabled sources (once, or as they fall due until stopped).</summary>
public static class CrawlCommand
{
    public static Command Create()
    {
        var once = new Option<bool>("--once") { Description = "Poll every enabled source once now, then exit" };
        var source = new Option<string[]>("--source") { Description = "Only these sources (id, name or home URL)", AllowMultipleArgumentsPerToken = true };
        var gap = new Option<double>("--min-gap") { Description = "Seconds between two requests to one host (at least; robots.txt Crawl-delay may ask more)", DefaultValueFactory = _ => 1.0 };
        var pages = new Option<int>("--max-pages") { Description = "New article pages fetched per source per poll", DefaultValueFactory = _ => 200 };
        var command = new Command("crawl", "Collect new articles from the enabled sources") { once, source, gap, pages };
        command.SetAction(async (parse, ct) =>
        {
            double gapSeconds = parse.GetValue(gap);
            if (gapSeconds is < 0 or > 3600 || double.IsNaN(gapSeconds))
            {
                Console.Error.WriteLine("--min-gap must be from 0 to 3600 seconds");
                return 2;
            }
            var store = await CommonOptions.OpenStoreAsync(parse, ct);
            var fetchOptions = new FetchOptions { MinHostGap = TimeSpan.FromSeconds(gapSeconds) };
            var crawlOptions = new CrawlOptions { MaxPagesPerPoll = Math.Clamp(parse.GetValue(pages), 1, 100_000) };
            var pipeline = await CommonOptions.OpenPipelineAsync(store, ct);
            using var collector = new Collector(store, pipeline, fetchOptions, crawlOptions, TimeProvider.System, message => Console.Error.WriteLine(message));

            if (!parse.GetValue(once))
            {
                Console.Out.WriteLine("collecting as sources fall due; Ctrl+C stops");
                try
                {
                    await collector.Worker.RunAsync(ct);
                }
                catch (OperationCanceledException)
                {
                    // Ctrl+C: a normal stop.
                }
                return 0;
            }

            var chosen = new List<Source>();
            string[] keys = parse.GetValue(source) ?? [];
            if (keys.Length == 0)
            {
                chosen.AddRange((await store.Sources.ListAsync(ct)).Where(s => s.Enabled));
            }
            else
            {
                foreach (string key in keys)
                {
                    if (await store.Sources.FindAsync(key, ct) is { } s) chosen.Add(s);
                    else Console.Error.WriteLine($"crawl: no source '{key}'");
                }
            }
            if (chosen.Count == 0)
            {
                Console.Error.WriteLine("crawl: no enabled sources (`icmal sources add URL`, `icmal sources enable NAME`)");
                return 1;
            }
            var clock = Stopwatch.StartNew();
            var reports = await collector.Crawler.PollAsync(chosen, ct);
            foreach (var r in reports) Console.Out.WriteLine(Crawler.Describe(r));
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"crawled {reports.Count} source(s): stored {reports.Sum(r => r.Stored)}, rejected {reports.Sum(r => r.Rejected)}, failed {reports.Sum(r => r.Failed)}, {reports.Count(r => r.Error is not null)} source error(s) in {clock.Elapsed.TotalSeconds:0.0} s"));
            return reports.Any(r => r.Error is not null) ? 1 : 0;
        });
        return command;
    }

    private const string DefaultsSetting = "default_sources_added";

    /// <summary>
    /// Starts the collector as a background task of `icmal serve`: adds the built-in portals (disabled) on the first
    /// start, then polls the enabled sources until <paramref name="ct"/> is cancelled. Dispose the result after the task ends.
    /// </summary>
    public static async Task<(Task Running, IDisposable Collector)> StartWorkerAsync(Storage.Stores store, IngestPipeline pipeline, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (await store.Settings.GetAsync(DefaultsSetting, ct) is null)
        {
            await SourcesCommand.AddDefaultsAsync(store, ct);
            await store.Settings.SetAsync(DefaultsSetting, DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture), ct);
        }
        var collector = new Collector(store, pipeline, new FetchOptions(), new CrawlOptions(), TimeProvider.System, message => Console.Error.WriteLine(message));
        var running = Task.Run(() => collector.Worker.RunAsync(ct), CancellationToken.None);
        return (running, collector);
    }
}
