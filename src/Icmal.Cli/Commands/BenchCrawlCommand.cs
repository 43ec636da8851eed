using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Icmal.Collection;
using Icmal.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Icmal.Model;
using Icmal.Ingest;

namespace Icmal.Cli.Commands;

/// <summary>
/// `icmal bench crawl`: a cold crawl then a warm crawl of N simulated portals (one Kestrel server in this process,
/// one port per site, each with robots.txt, an RSS feed, a news sitemap and article pages), into a fresh SQLite
/// database. Reports wall time, CPU time and allocations per stored article, checks every article is stored exactly
/// once and that the warm crawl fetches only what changed (304s, no pages).
/// </summary>
public static class BenchCrawlCommand
{
    public static Command Create()
    {
        var sites = new Option<int>("--sites") { Description = "Simulated portals", DefaultValueFactory = _ => 50 };
        var articles = new Option<int>("--articles") { Description = "Articles in all (spread evenly over the sites)", DefaultValueFactory = _ => 10_000 };
        var gap = new Option<int>("--gap-ms") { Description = "Politeness gap between two requests to one site, ms", DefaultValueFactory = _ => 20 };
        var concurrency = new Option<int>("--concurrency") { Description = "Sites crawled at the same time", DefaultValueFactory = _ => 16 };
        var command = new Command("crawl", "Benchmark the collector against simulated local portals") { sites, articles, gap, concurrency };
        command.SetAction(async (parse, ct) =>
        {
            int siteCount = Math.Clamp(parse.GetValue(sites), 1, 500);
            int perSite = Math.Max(1, parse.GetValue(articles) / siteCount);
            var options = new FetchOptions { MinHostGap = TimeSpan.FromMilliseconds(Math.Max(0, parse.GetValue(gap))) };
            var crawl = new CrawlOptions { MaxConcurrentSources = Math.Clamp(parse.GetValue(concurrency), 1, 256), MaxPagesPerPoll = perSite + 10 };
            return await RunAsync(siteCount, perSite, options, crawl, ct);
        });
        return command;
    }

    private static async Task<int> RunAsync(int siteCount, int perSite, FetchOptions fetchOptions, CrawlOptions crawlOptions, CancellationToken ct)
    {
        string data = Path.Combine(Path.GetTempPath(), "icmal-bench-crawl-" + Guid.NewGuid().ToString("N"));
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            for (int i = 0; i < siteCount; i++) k.Listen(IPAddress.Loopback, 0);
        });
        await using var app = builder.Build();
        var sites = new SimulatedSites(perSite);
        var politeness = new PolitenessProbe();
        app.Use(async (context, next) =>
        {
            politeness.Begin(context.Connection.LocalPort);
            try
            {
                await next(context);
            }
            finally
            {
                politeness.End(context.Connection.LocalPort);
            }
        });
        app.MapGet("/robots.txt", () => Results.Text("User-agent: *\nDisallow: /admin/\n"));
        app.MapGet("/rss", (HttpContext http) => sites.Feed(http));
        app.MapGet("/sitemap-news.xml", (HttpContext http) => sites.Sitemap(http));
        app.MapGet("/xeber/{n:int}/{slug}", (HttpContext http, int n) => sites.Article(http, n));
        await app.StartAsync(ct);
        var roots = app.Urls.Select(u => new Uri(u.EndsWith('/') ? u : u + "/")).ToList();

        try
        {
            var store = await Stores.OpenAsync(DatabaseSetting.InDataFolder(data), ct);
            for (int i = 0; i < roots.Count; i++)
                await store.Sources.AddAsync(new SourceDefinition($"Portal {i + 1}", roots[i].AbsoluteUri, "az",
                    [(EndpointKind.Feed, new Uri(roots[i], "/rss").AbsoluteUri), (EndpointKind.Sitemap, new Uri(roots[i], "/sitemap-news.xml").AbsoluteUri)]),
                    enabled: true, allowPrivate: true, ct);
            var sources = await store.Sources.ListAsync(ct);

            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"bench crawl: {siteCount} sites × {perSite} articles = {siteCount * perSite}, gap {fetchOptions.MinHostGap.TotalMilliseconds:0} ms per site, {crawlOptions.MaxConcurrentSources} sites at a time, {Environment.ProcessorCount} cores"));
            var pipeline = await CommonOptions.OpenPipelineAsync(store, ct);
            using var collector = new Collector(store, pipeline, fetchOptions, crawlOptions, TimeProvider.System, m => Console.Error.WriteLine(m));

            var cold = await MeasureAsync("cold", () => collector.Crawler.PollAsync(sources, ct));
            long stored = await store.Articles.CountAsync(ct);
            long seenStored = await store.SeenUrls.CountAsync(SeenState.Stored, ct);
            var coldFetches = await store.Fetches.CountByOutcomeAsync(null, ct);
            long pageFetches = coldFetches.Where(kv => kv.Key.StartsWith("Page:", StringComparison.Ordinal)).Sum(kv => kv.Value);
            Report(cold, stored);
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  articles stored {stored}, addresses stored {seenStored}, page fetches {pageFetches}, distinct pages served {sites.DistinctArticlesServed}, page requests served {sites.ArticleRequests}"));
            Console.Out.WriteLine("  fetches: " + string.Join(", ", coldFetches.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}")));

            var warmStart = DateTimeOffset.UtcNow;
            int requestsBefore = sites.ArticleRequests;
            var warm = await MeasureAsync("warm", () => collector.Crawler.PollAsync(sources, ct));
            var warmFetches = await store.Fetches.CountByOutcomeAsync(warmStart, ct);
            Report(warm, 0);
            Console.Out.WriteLine("  fetches: " + string.Join(", ", warmFetches.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}")));

            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  politeness: at most {politeness.MaxConcurrentPerSite} request(s) at a time per site; smallest time between the starts of two requests to one site {politeness.MinStartToStart.TotalMilliseconds:0.0} ms (gap asked: {fetchOptions.MinHostGap.TotalMilliseconds:0} ms after each request ends)"));
            bool polite = politeness.MaxConcurrentPerSite == 1 && politeness.MinStartToStart >= fetchOptions.MinHostGap;
            bool exactlyOnce = stored == (long)siteCount * perSite && sites.DistinctArticlesServed == stored && sites.ArticleRequests == stored;
            bool onlyChanges = sites.ArticleRequests == requestsBefore && warmFetches.GetValueOrDefault("Endpoint:NotModified") == 2L * siteCount;
            Console.Out.WriteLine($"  every article stored exactly once: {(exactlyOnce ? "yes" : "NO")}; warm crawl fetched only 304s: {(onlyChanges ? "yes" : "NO")}");
            Console.Out.WriteLine($"  politeness kept: {(polite ? "yes" : "NO")}");
            return exactlyOnce && onlyChanges && polite ? 0 : 1;
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
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
            $"{m.Name}: wall {m.Wall.TotalSeconds:0.0} s, CPU {m.Cpu.TotalSeconds:0.0} s (crawler and the in-process server), allocated {m.Allocated / 1048576.0:0} MiB, peak working set {m.PeakWorkingSet / 1048576.0:0} MiB, stored {stored}, errors {m.Reports.Count(r => r.Error is not null)}{per}"));
    }

    /// <summary>
    /// What the sites saw of our politeness: requests at once per site, and the smallest time between the starts of
    /// two requests to one site (which the gap bounds from below; the server sees a request end a little after the
    /// client has read it, so end-to-start is not measurable here without bias).
    /// </summary>
    private sealed class PolitenessProbe
    {
        private readonly Dictionary<int, (int InFlight, long LastStart)> _sites = [];
        private long _minGapTicks = long.MaxValue;

        public int MaxConcurrentPerSite { get; private set; }

        public TimeSpan MinStartToStart => _minGapTicks == long.MaxValue ? TimeSpan.Zero : TimeSpan.FromTicks(_minGapTicks);

        public void Begin(int site)
        {
            long now = Stopwatch.GetTimestamp();
            lock (_sites)
            {
                var (inFlight, lastStart) = _sites.GetValueOrDefault(site);
                if (lastStart != 0) _minGapTicks = Math.Min(_minGapTicks, Stopwatch.GetElapsedTime(lastStart, now).Ticks);
                _sites[site] = (inFlight + 1, now);
                MaxConcurrentPerSite = Math.Max(MaxConcurrentPerSite, inFlight + 1);
            }
        }

        public void End(int site)
        {
            lock (_sites)
            {
                var (inFlight, lastStart) = _sites[site];
                _sites[site] = (inFlight - 1, lastStart);
            }
        }
    }

    /// <summary>The simulated portals: deterministic feeds, sitemaps and article pages, with ETag and Last-Modified.</summary>
    private sealed class SimulatedSites(int perSite)
    {
        private static readonly DateTimeOffset Epoch = DateTimeOffset.UtcNow.AddHours(-1);
        private readonly HashSet<string> _served = [];
        private int _requests;

        public int DistinctArticlesServed
        {
            get
            {
                lock (_served) return _served.Count;
            }
        }

        public int ArticleRequests => Volatile.Read(ref _requests);

        private static string Etag(HttpContext http, string what) =>
            string.Create(CultureInfo.InvariantCulture, $"\"{what}-{http.Connection.LocalPort}-v1\"");

        private static readonly string LastModified = Epoch.ToString("R", CultureInfo.InvariantCulture);

        private static bool NotModified(HttpContext http, string etag)
        {
            http.Response.Headers.ETag = etag;
            http.Response.Headers.LastModified = LastModified;
            return http.Request.Headers.IfNoneMatch.ToString() == etag;
        }

        private static DateTimeOffset Published(int n) => Epoch.AddMinutes(-n * 7);

        private static string Slug(int site, int n) => string.Create(CultureInfo.InvariantCulture, $"portal-{site}-xeberi-nomre-{n}-baki-seherinde");

        public IResult Feed(HttpContext http)
        {
            string etag = Etag(http, "rss");
            if (NotModified(http, etag)) return Results.StatusCode(304);
            int site = http.Connection.LocalPort;
            var sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>Portal</title>");
            for (int n = 0; n < Math.Min(50, perSite); n++)
                sb.Append(CultureInfo.InvariantCulture,
                    $"<item><title>Xəbər {n}</title><link>http://{http.Request.Host}/xeber/{n}/{Slug(site, n)}?utm_source=rss</link><pubDate>{Published(n):R}</pubDate></item>");
            sb.Append("</channel></rss>");
            return Results.Text(sb.ToString(), "application/rss+xml; charset=utf-8");
        }

        public IResult Sitemap(HttpContext http)
        {
            string etag = Etag(http, "sitemap");
            if (NotModified(http, etag)) return Results.StatusCode(304);
            int site = http.Connection.LocalPort;
            var sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">");
            for (int n = 0; n < perSite; n++)
                sb.Append(CultureInfo.InvariantCulture,
                    $"<url><loc>http://{http.Request.Host}/xeber/{n}/{Slug(site, n)}</loc><news:news><news:publication_date>{Published(n):yyyy-MM-dd'T'HH:mm:ssK}</news:publication_date><news:title>Xəbər {n}</news:title></news:news></url>");
            sb.Append("</urlset>");
            return Results.Text(sb.ToString(), "application/xml; charset=utf-8");
        }

        public IResult Article(HttpContext http, int n)
        {
            Interlocked.Increment(ref _requests);
            int site = http.Connection.LocalPort;
            lock (_served) _served.Add(string.Create(CultureInfo.InvariantCulture, $"{site}/{n}"));
            var sb = new StringBuilder(16 * 1024);
            sb.Append(CultureInfo.InvariantCulture, $"""
                <!DOCTYPE html><html lang="az"><head><meta charset="utf-8"><title>Portal {site}: xəbər {n}</title>
                <meta property="og:title" content="Portal {site} xəbəri {n}"><meta property="article:published_time" content="{Published(n):yyyy-MM-dd'T'HH:mm:ssK}">
                <link rel="canonical" href="http://{http.Request.Host}/xeber/{n}/{Slug(site, n)}"></head><body><header><nav><ul>
                """);
            for (int i = 0; i < 40; i++) sb.Append(CultureInfo.InvariantCulture, $"<li><a href=\"/bolme/{i}\">Bölmə {i}</a></li>");
            sb.Append(CultureInfo.InvariantCulture, $"</ul></nav></header><main><article><h1>Portal {site} xəbəri {n}</h1><p class=\"author\">Müəllif: Əli Həsənov</p>");
            for (int p = 0; p < 6; p++)
                sb.Append(CultureInfo.InvariantCulture,
                    $"<p>Bakı şəhərində {n} nömrəli hadisə barədə {p + 1}-ci abzas: Azərbaycan Respublikasının Nazirlər Kabineti yeni qərar qəbul edib, qərarda iqtisadiyyat, təhsil və səhiyyə sahələrində islahatlar nəzərdə tutulur. İlham Əliyev görüşdə çıxış edib.</p>");
            sb.Append("</article><aside><h2>Ən çox oxunanlar</h2><ul>");
            for (int i = 0; i < 10; i++) sb.Append(CultureInfo.InvariantCulture, $"<li><a href=\"/xeber/{i}/{Slug(site, i)}\">Oxunan xəbər {i}</a></li>");
            sb.Append("</ul></aside></main><footer><p>© Portal. Bütün hüquqlar qorunur.</p></footer></body></html>");
            return Results.Text(sb.ToString(), "text/html; charset=utf-8");
        }
    }
}
