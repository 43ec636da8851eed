using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Icmal.CrawlBench;
using Icmal.Model;
using Icmal.Storage;
using Icmal.Tests.Support;

namespace Icmal.Cli.Tests;

/// <summary>
/// Several real `icmal crawl` processes over one database, on both engines, against simulated portals on 127.0.0.1:
/// every article stored exactly once, no site asked by two crawlers at once, and a crawler killed mid-poll loses
/// nothing it reported, leaves nothing half-written, and its sources go to another crawler when its leases run out.
/// </summary>
public sealed partial class SharedCrawlTests : IDisposable
{
    private readonly TempFolder _dir = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _dir.Dispose();

    private static async Task<IReadOnlyList<Source>> AddPortalsAsync(Stores store, SimulatedPortals portals)
    {
        for (int i = 0; i < portals.Roots.Count; i++)
            await store.Sources.AddAsync(new SourceDefinition(string.Create(CultureInfo.InvariantCulture, $"Portal {i + 1}"), portals.Roots[i].AbsoluteUri, "az",
                [(EndpointKind.Feed, new Uri(portals.Roots[i], "/rss").AbsoluteUri), (EndpointKind.Sitemap, new Uri(portals.Roots[i], "/sitemap-news.xml").AbsoluteUri)]),
                enabled: true, allowPrivate: true, Ct);
        return await store.Sources.ListAsync(Ct);
    }

    /// <summary>A crawl process over the test database, its data folder apart, with the given settings.</summary>
    private ProcessStartInfo Crawl(TestDatabase db, IReadOnlyDictionary<string, string> settings, params string[] args)
    {
        var environment = new Dictionary<string, string>(settings) { ["ICMAL_DATABASE"] = ArchiveIntegrity.Argument(db) };
        return CliRunner.WithEnvironment(CliRunner.StartInfo(["crawl", "--data", _dir.Path, .. args]), _dir.Path, environment);
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(ProcessStartInfo psi)
    {
        using var process = Process.Start(psi)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(Ct);
        var stderr = process.StandardError.ReadToEndAsync(Ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromMinutes(4));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    [Theory, ClassData(typeof(BothEngines))]
    public async Task Two_crawl_processes_over_one_database_store_every_article_exactly_once(DatabaseEngine engine)
    {
        const int Sites = 6, PerSite = 25;
        await using var db = await TestDatabase.CreateAsync(engine);
        await using var portals = await SimulatedPortals.StartAsync(Sites, PerSite, Ct);
        var store = await db.OpenAsync();
        await AddPortalsAsync(store, portals);
        // Two sources at a time each, 0.1 s between two requests to a site: one crawler alone needs several seconds,
        // so both are at work together.
        var settings = new Dictionary<string, string> { ["ICMAL_CRAWL__MAXCONCURRENTSOURCES"] = "2", ["ICMAL_FETCH__MINHOSTGAP"] = "00:00:00.1" };

        var runs = await Task.WhenAll(RunAsync(Crawl(db, settings, "--once")), RunAsync(Crawl(db, settings, "--once")));

        Assert.All(runs, r => Assert.True(r.ExitCode == 0, r.Stdout + r.Stderr));
        var polled = runs.Select(r => int.Parse(CrawledLine().Match(r.Stdout).Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(Sites, polled.Sum());
        Assert.All(polled, n => Assert.InRange(n, 1, Sites - 1));
        Assert.Equal(Sites * PerSite, await store.Articles.CountAsync(Ct));
        Assert.Equal(Sites * PerSite, portals.DistinctArticlesServed);
        Assert.Equal(Sites * PerSite, portals.ArticleRequests); // no page fetched twice: no source polled by both
        Assert.Equal(1, portals.Politeness.MaxConcurrentPerSite);
        foreach (var source in await store.Sources.ListAsync(Ct)) Assert.Null(await store.Sources.LeaseOfAsync(source.Id, Ct));
        await ArchiveIntegrity.AssertNoHalfWrittenRowsAsync(db, Ct);
    }

    /// <summary>
    /// A crawler killed with SIGKILL in the middle of its polls: the sources it reported have every article stored,
    /// nothing is half-written, and the sources it held are taken by the next crawler once their leases run out.
    /// </summary>
    [Theory, ClassData(typeof(BothEngines))]
    public async Task A_crawler_killed_mid_poll_loses_nothing_it_reported_and_its_sources_go_to_another_when_its_leases_run_out(DatabaseEngine engine)
    {
        const int Sites = 4, PerSite = 40;
        await using var db = await TestDatabase.CreateAsync(engine);
        await using var portals = await SimulatedPortals.StartAsync(Sites, PerSite, Ct);
        var store = await db.OpenAsync();
        var sources = await AddPortalsAsync(store, portals);
        var settings = new Dictionary<string, string>
        {
            ["ICMAL_CRAWL__MAXCONCURRENTSOURCES"] = "2", ["ICMAL_FETCH__MINHOSTGAP"] = "00:00:00.05", ["ICMAL_CRAWL__SOURCELEASE"] = "00:00:04",
        };

        var reported = new Dictionary<string, int>(StringComparer.Ordinal);
        using (var crawler = Process.Start(Crawl(db, settings))!)
        {
            crawler.StandardInput.Close();
            _ = crawler.StandardOutput.ReadToEndAsync(Ct);
            // The collector reports each poll that found something on stderr as it ends: kill on the first report,
            // with the other polls under way.
            string? line;
            while ((line = await crawler.StandardError.ReadLineAsync(Ct)) is not null)
            {
                if (PollLine().Match(line) is { Success: true } m)
                {
                    reported[m.Groups[1].Value] = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
                    break;
                }
            }
            // The next source is leased as soon as a poll ends; kill once one is held (the poll beside it may be ending too).
            for (var wait = Stopwatch.StartNew(); wait.Elapsed < TimeSpan.FromSeconds(10) && !await AnyLeaseHeldAsync(store, sources);)
                await Task.Delay(10, Ct);
            crawler.Kill(entireProcessTree: true); // SIGKILL on Unix
            await crawler.WaitForExitAsync(Ct);
        }
        var killedAt = DateTimeOffset.UtcNow;

        Assert.Single(reported);
        foreach (var (name, stored) in reported)
        {
            var source = sources.Single(s => s.Name == name);
            Assert.Equal(PerSite, stored);
            Assert.Equal(PerSite, (await store.Articles.ListAsync(new ArticleQuery(500), Ct)).Count(a => a.Url!.StartsWith(source.HomeUrl, StringComparison.Ordinal)));
        }
        await ArchiveIntegrity.AssertNoHalfWrittenRowsAsync(db, Ct);
        var held = new List<long>();
        foreach (var source in sources)
            if (await store.Sources.LeaseOfAsync(source.Id, Ct) is { } lease && lease.Until > killedAt) held.Add(source.Id);
        Assert.NotEmpty(held);

        // The next crawler finds those sources held, waits out the dead crawler's leases, and polls them.
        var next = await RunAsync(Crawl(db, settings, "--once"));

        Assert.True(next.ExitCode == 0, next.Stdout + next.Stderr);
        Assert.Equal(Sites * PerSite, await store.Articles.CountAsync(Ct));
        Assert.Equal(Sites * PerSite, portals.DistinctArticlesServed);
        foreach (long id in held)
        {
            var source = sources.Single(s => s.Id == id);
            Assert.Contains(source.Name + ":", next.Stdout, StringComparison.Ordinal);
            Assert.True((await store.Sources.FindAsync(source.HomeUrl, Ct))!.LastPolled > killedAt);
            Assert.Null(await store.Sources.LeaseOfAsync(id, Ct));
        }
        await ArchiveIntegrity.AssertNoHalfWrittenRowsAsync(db, Ct);
    }

    private static async Task<bool> AnyLeaseHeldAsync(Stores store, IReadOnlyList<Source> sources)
    {
        foreach (var source in sources)
            if (await store.Sources.LeaseOfAsync(source.Id, Ct) is { } lease && lease.Until > DateTimeOffset.UtcNow) return true;
        return false;
    }

    [GeneratedRegex(@"^crawled (\d+) source\(s\)", RegexOptions.Multiline)]
    private static partial Regex CrawledLine();

    [GeneratedRegex(@"^(Portal \d+): .* stored (\d+),")]
    private static partial Regex PollLine();
}
