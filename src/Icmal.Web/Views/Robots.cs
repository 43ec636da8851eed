namespace Icmal.Web.Views;

/// <summary>
/// Browsers that are not readers: search engines, link previews, feed fetchers and command-line tools name themselves
/// in their User-Agent, and a request with none is not a browser. Their visits are not views.
/// </summary>
public static class Robots
{
    private static readonly string[] Marks =
    [
        "bot", "crawl", "spider", "slurp", "archiver", "facebookexternalhit", "embedly", "preview", "feedfetcher", "feed",
        "rss", "curl", "wget", "python", "java/", "go-http-client", "okhttp", "libwww", "httpclient", "scrapy", "axios",
        "node-fetch", "phantomjs", "lighthouse", "pingdom", "uptime", "monitor", "wrk", "apachebench",
    ];

    public static bool IsRobot(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent) || !userAgent.Contains('/', StringComparison.Ordinal)) return true;
        foreach (string mark in Marks)
            if (userAgent.Contains(mark, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }
}
