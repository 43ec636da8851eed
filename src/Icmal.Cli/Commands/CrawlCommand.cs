using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Icmal.Collection;
using Icmal.Ingest;

namespace Icmal.Cli.Commands;

/// <summary>
/// `icmal crawl [--once]`: polls the enabled sources (once, or as they fall due until stopped) with the collector of
/// <see cref="Hosting.IcmalApplication"/>, sharing them by leases with any other crawler on the same database; --min-gap and --max-pages override Fetch:MinHostGap and Crawl:MaxPagesPerPoll.
/// </summary>
public static class CrawlCommand
{
    public static Command Create()
    {
        var once = new Option<bool>("--once") { Description = "Poll every enabled source once now, then exit" };
        var source = new Option<string[]>("--source") { Description = "Only these sources (id, name or home URL)", AllowMultipleArgumentsPerToken = true };
        var gap = new Option<double?>("--min-gap") { Description = "Seconds between two requests to one host (at least; robots.txt Crawl-delay may ask more); default 1, or Fetch:MinHostGap" };
        var pages = new Option<int?>("--max-pages") { Description = "New article pages fetched per source per poll; default 200, or Crawl:MaxPagesPerPoll" };
        var command = new Command("crawl", "Collect new articles from the enabled sources") { once, source, gap, pages };
        command.SetAction((parse, ct) =>
        {
            if (parse.GetValue(gap) is { } seconds && (seconds is < 0 or > 3600 || double.IsNaN(seconds)))
            {
                Console.Error.WriteLine("--min-gap must be from 0 to 3600 seconds");
                return Task.FromResult(UsageErrors.ExitCode);
            }
            var flags = new[]
            {
                CommonOptions.Flag(parse, gap, "Fetch:MinHostGap", s => TimeSpan.FromSeconds(s!.Value).ToString("c", CultureInfo.InvariantCulture)),
                CommonOptions.Flag(parse, pages, "Crawl:MaxPagesPerPoll"),
            };
            return CommonOptions.WithApplicationAsync(parse, flags, ct, async app =>
            {
                if (!parse.GetValue(once))
                {
                    Console.Out.WriteLine("collecting as sources fall due; Ctrl+C stops");
                    try
                    {
                        await app.Collector.Worker.RunAsync(ct);
                    }
                    catch (OperationCanceledException)
                    {
                        // Ctrl+C: a normal stop.
                    }
                    return 0;
                }
                var (chosen, unknown) = await app.ChooseSourcesAsync(parse.GetValue(source) ?? [], ct);
                foreach (string key in unknown) Console.Error.WriteLine($"crawl: no source '{key}'");
                if (chosen.Count == 0)
                {
                    Console.Error.WriteLine("crawl: no enabled sources (`icmal sources add URL`, `icmal sources enable NAME`)");
                    return 1;
                }
                var clock = Stopwatch.StartNew();
                // Shared with any other crawler started on this archive: each source is polled once, by whoever leases it.
                var reports = await app.Collector.Leased.PollOnceAsync([.. chosen.Select(s => s.Id)], ct);
                foreach (var r in reports) Console.Out.WriteLine(Crawler.Describe(r));
                int byOthers = chosen.Count - reports.Count;
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"crawled {reports.Count} source(s): stored {reports.Sum(r => r.Stored)}, rejected {reports.Sum(r => r.Rejected)}, failed {reports.Sum(r => r.Failed)}, {reports.Count(r => r.Error is not null)} source error(s) in {clock.Elapsed.TotalSeconds:0.0} s{(byOthers > 0 ? $"; {byOthers} polled by other crawlers" : "")}"));
                return reports.Any(r => r.Error is not null) ? 1 : 0;
            });
        });
        return command;
    }
}
