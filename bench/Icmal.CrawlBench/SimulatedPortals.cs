using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Icmal.CrawlBench;

/// <summary>
/// N simulated news portals in one Kestrel server on loopback, one port per site, each with robots.txt, an RSS feed, a
/// news sitemap and article pages (deterministic, with ETag and Last-Modified), counting what they serve and how
/// politely they are asked.
/// </summary>
public sealed class SimulatedPortals : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SimulatedSites _sites;

    private SimulatedPortals(WebApplication app, SimulatedSites sites, PolitenessProbe politeness, IReadOnlyList<Uri> roots)
    {
        _app = app;
        _sites = sites;
        Politeness = politeness;
        Roots = roots;
    }

    /// <summary>Each site's home address.</summary>
    public IReadOnlyList<Uri> Roots { get; }

    public PolitenessProbe Politeness { get; }

    public int DistinctArticlesServed => _sites.DistinctArticlesServed;

    public int ArticleRequests => _sites.ArticleRequests;

    public static async Task<SimulatedPortals> StartAsync(int siteCount, int perSite, CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            for (int i = 0; i < siteCount; i++) k.Listen(IPAddress.Loopback, 0);
        });
        var app = builder.Build();
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
        return new SimulatedPortals(app, sites, politeness, roots);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    /// <summary>
    /// What the sites saw of our politeness: requests at once per site, and the smallest time between the starts of
    /// two requests to one site (which the gap bounds from below; the server sees a request end a little after the
    /// client has read it, so end-to-start is not measurable here without bias).
    /// </summary>
    public sealed class PolitenessProbe
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
