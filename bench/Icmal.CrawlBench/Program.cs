using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Icmal.Collection;
using Icmal.Hosting;
using Icmal.Storage;
using Icmal.Model;
using Icmal.Ingest;

namespace Icmal.CrawlBench;

/// <summary>
/// A cold crawl then a warm crawl of N simulated portals (<see cref="SimulatedPortals"/>) into a fresh database (a
/// SQLite file in a temp folder, or the empty database <c>--database</c> names), through the application's own
/// composition root, by one crawler or by several sharing the sources by leases (<c>--crawlers</c>: each its own
/// application, database pool and fetcher, as separate processes would be). Reports wall time, CPU time and
/// allocations per stored article, checks every article is stored exactly once, that the warm crawl fetches only what
/// changed (304s, no pages), and that politeness held. Exit code 1 when a check fails.
/// <code>dotnet run -c Release --project bench/Icmal.CrawlBench -- --sites 50 --articles 10000 [--database postgresql://…] [--crawlers 2]</code>
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        Console.OutputEncoding = System.Text.Encoding.UTF8;
        var sites = new Option<int>("--sites") { Description = "Simulated portals (1–500)", DefaultValueFactory = _ => 50 };
        var articles = new Option<int>("--articles") { Description = "Articles in all (spread evenly over the sites)", DefaultValueFactory = _ => 10_000 };
        var gap = new Option<int>("--gap-ms") { Description = "Politeness gap between two requests to one site, ms", DefaultValueFactory = _ => 20 };
        var concurrency = new Option<int>("--concurrency") { Description = "Sites crawled at the same time (1–256)", DefaultValueFactory = _ => 16 };
        var database = new Option<string?>("--database") { Description = "An empty database to crawl into (sqlite:PATH or postgresql://…); default a SQLite file in a temp folder" };
        var crawlers = new Option<int>("--crawlers") { Description = "Crawlers sharing the sources by leases (1–8)", DefaultValueFactory = _ => 1 };
        var root = new RootCommand("Benchmark İcmal's collector against simulated local portals") { sites, articles, gap, concurrency, database, crawlers };
        root.SetAction((parse, ct) =>
        {
            int siteCount = Math.Clamp(parse.GetValue(sites), 1, 500);
            int perSite = Math.Max(1, parse.GetValue(articles) / siteCount);
            var fetch = new FetchOptions { MinHostGap = TimeSpan.FromMilliseconds(Math.Max(0, parse.GetValue(gap))) };
            var crawl = new CrawlOptions { MaxConcurrentSources = Math.Clamp(parse.GetValue(concurrency), 1, 256), MaxPagesPerPoll = perSite + 10 };
            return RunAsync(siteCount, perSite, fetch, crawl, parse.GetValue(database), Math.Clamp(parse.GetValue(crawlers), 1, 8), ct);
        });
        return await root.Parse(args).InvokeAsync();
    }

    private static async Task<int> RunAsync(int siteCount, int perSite, FetchOptions fetchOptions, CrawlOptions crawlOptions, string? database, int crawlerCount,
        CancellationToken ct)
    {
        string data = Path.Combine(Path.GetTempPath(), "icmal-bench-crawl-" + Guid.NewGuid().ToString("N"));
        await using var portals = await SimulatedPortals.StartAsync(siteCount, perSite, ct);
        var apps = new List<IcmalApplication>();
        try
        {
            var options = new IcmalOptions { Data = data, Database = database, Fetch = fetchOptions, Crawl = crawlOptions };
            for (int c = 0; c < crawlerCount; c++) apps.Add(await IcmalApplication.OpenAsync(options, m => Console.Error.WriteLine(m), ct));
            var store = apps[0].Store;
            if (await store.Articles.CountAsync(ct) > 0 || (await store.Sources.ListAsync(ct)).Count > 0)
            {
                Console.Error.WriteLine($"bench crawl: {store.Database.Location} is not empty; give an empty database");
                return 2;
            }
            for (int i = 0; i < portals.Roots.Count; i++)
                await store.Sources.AddAsync(new SourceDefinition($"Portal {i + 1}", portals.Roots[i].AbsoluteUri, "az",
                    [(EndpointKind.Feed, new Uri(portals.Roots[i], "/rss").AbsoluteUri), (EndpointKind.Sitemap, new Uri(portals.Roots[i], "/sitemap-news.xml").AbsoluteUri)]),
                    enabled: true, allowPrivate: true, ct);
            long[] ids = [.. (await store.Sources.ListAsync(ct)).Select(s => s.Id)];
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"bench crawl: {siteCount} sites × {perSite} articles = {siteCount * perSite}, gap {fetchOptions.MinHostGap.TotalMilliseconds:0} ms per site, {crawlerCount} crawler(s) × {crawlOptions.MaxConcurrentSources} sites at a time, {store.Database.Dialect.Name} ({store.Database.Location}), {Environment.ProcessorCount} cores, load average {LoadAverage()}"));

            // Every crawler at once, each leasing what the others have not taken, until every source is polled.
            var polledBy = new int[apps.Count];
            async Task<IReadOnlyList<SourcePollReport>> CrawlAllAsync()
            {
                var each = await Task.WhenAll(apps.Select(a => a.Collector.Leased.PollOnceAsync(ids, ct)));
                for (int c = 0; c < each.Length; c++) polledBy[c] = each[c].Count;
                return [.. each.SelectMany(r => r)];
            }
            var cold = await MeasureAsync("cold", CrawlAllAsync);
            long stored = await store.Articles.CountAsync(ct);
            long seenStored = await store.SeenUrls.CountAsync(SeenState.Stored, ct);
            var coldFetches = await store.Fetches.CountByOutcomeAsync(null, ct);
            long pageFetches = coldFetches.Where(kv => kv.Key.StartsWith("Page:", StringComparison.Ordinal)).Sum(kv => kv.Value);
            Report(cold, stored);
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  articles stored {stored}, addresses stored {seenStored}, page fetches {pageFetches}, distinct pages served {portals.DistinctArticlesServed}, page requests served {portals.ArticleRequests}"));
            Console.Out.WriteLine("  fetches: " + Fetches(coldFetches));
            Console.Out.WriteLine("  sources polled per crawler: " + string.Join(", ", polledBy));

            var warmStart = DateTimeOffset.UtcNow;
            int requestsBefore = portals.ArticleRequests;
            var warm = await MeasureAsync("warm", CrawlAllAsync);
            var warmFetches = await store.Fetches.CountByOutcomeAsync(warmStart, ct);
            Report(warm, 0);
            Console.Out.WriteLine("  fetches: " + Fetches(warmFetches));

            var probe = portals.Politeness;
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  politeness: at most {probe.MaxConcurrentPerSite} request(s) at a time per site; smallest time between the starts of two requests to one site {probe.MinStartToStart.TotalMilliseconds:0.0} ms (gap asked: {fetchOptions.MinHostGap.TotalMilliseconds:0} ms after each request ends)"));
            bool polite = probe.MaxConcurrentPerSite == 1 && probe.MinStartToStart >= fetchOptions.MinHostGap;
            bool exactlyOnce = stored == (long)siteCount * perSite && portals.DistinctArticlesServed == stored && portals.ArticleRequests == stored;
            bool onlyChanges = portals.ArticleRequests == requestsBefore && warmFetches.GetValueOrDefault("Endpoint:NotModified") == 2L * siteCount;
            Console.Out.WriteLine($"  every article stored exactly once: {(exactlyOnce ? "yes" : "NO")}; warm crawl fetched only 304s: {(onlyChanges ? "yes" : "NO")}");
            Console.Out.WriteLine($"  politeness kept: {(polite ? "yes" : "NO")}");
            return exactlyOnce && onlyChanges && polite ? 0 : 1;
        }
        finally
        {
            foreach (var app in apps) app.Dispose();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
                // Leave it in the temp folder.
            }
        }
    }

    /// <summary>The machine's load average over 1, 5 and 15 minutes (Linux), for reading a wall time on a shared machine.</summary>
    private static string LoadAverage()
    {
        try
        {
            return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private static string Fetches(IReadOnlyDictionary<string, long> fetches) =>
        string.Join(", ", fetches.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key}={kv.Value}")));

    private sealed record Measurement(string Name, TimeSpan Wall, TimeSpan Cpu, long Allocated, long PeakWorkingSet, IReadOnlyList<SourcePollReport> Reports);

    private static async Task<Measurement> MeasureAsync(string name, Func<Task<IReadOnlyList<SourcePollReport>>> run)
    {
        var process = Process.GetCurrentProcess();
        GC.Collect();
        var cpu0 = process.TotalProcessorTime;
        long alloc0 = GC.GetTotalAllocatedBytes(precise: false);
        var wall = Stopwatch.StartNew();
        var reports = await run();
        wall.Stop();
        process.Refresh();
        return new Measurement(name, wall.Elapsed, process.TotalProcessorTime - cpu0, GC.GetTotalAllocatedBytes(precise: false) - alloc0, process.PeakWorkingSet64, reports);
    }

    private static void Report(Measurement m, long articles)
    {
        int stored = m.Reports.Sum(r => r.Stored);
        string per = articles > 0
            ? string.Create(CultureInfo.InvariantCulture,
                $", per article: CPU {m.Cpu.TotalMilliseconds / articles:0.00} ms, allocated {m.Allocated / 1024.0 / articles:0} KiB")
            : "";
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{m.Name}: wall {m.Wall.TotalSeconds:0.0} s, CPU {m.Cpu.TotalSeconds:0.0} s (the crawlers and the in-process portals; not a database server's), allocated {m.Allocated / 1048576.0:0} MiB, peak working set {m.PeakWorkingSet / 1048576.0:0} MiB, stored {stored}, errors {m.Reports.Count(r => r.Error is not null)}{per}"));
    }
}
