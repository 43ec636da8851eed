using Icmal.Collection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Icmal.Tests.Collection;

/// <summary>A real Kestrel server on 127.0.0.1 with a free port, serving whatever routes a test maps.</summary>
public sealed class TestSite : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestSite(WebApplication app, Uri root)
    {
        _app = app;
        Root = root;
    }

    public Uri Root { get; }

    public Uri Url(string pathAndQuery) => new(Root, pathAndQuery);

    public static async Task<TestSite> StartAsync(Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        map(app);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new TestSite(app, new Uri(app.Urls.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    /// <summary>
    /// Options that keep tests fast: tiny politeness gaps and short body timeouts. Connecting and the headers get 10 s:
    /// under a loaded test run (every suite at once on two cores) a good answer's headers, robots.txt's first, once
    /// came after 2 s, and a page was refused as disallowed; a test of those timeouts sets its own.
    /// </summary>
    public static FetchOptions FastOptions => new()
    {
        MinHostGap = TimeSpan.FromMilliseconds(2),
        BackoffBase = TimeSpan.FromMilliseconds(20),
        ConnectTimeout = TimeSpan.FromSeconds(10),
        HeaderTimeout = TimeSpan.FromSeconds(10),
        BodyTimeout = TimeSpan.FromSeconds(2),
        ReadIdleTimeout = TimeSpan.FromMilliseconds(700),
        MaxBodyBytes = 1024 * 1024,
        MaxRetryAfterWait = TimeSpan.FromSeconds(3),
        MaxRetries = 2,
    };

    public static HttpFetcher Fetcher(FetchOptions? options = null, List<FetchResult>? log = null) =>
        new(options ?? FastOptions, new HostPoliteness(TimeProvider.System), TimeProvider.System,
            log is null ? null : (r, _) =>
            {
                lock (log) log.Add(r);
                return Task.CompletedTask;
            });

    /// <summary>An article page the extractor accepts: a headline and a few paragraphs.</summary>
    public static string ArticleHtml(string title, string body, string charset = "utf-8", string? canonical = null) => $"""
        <!DOCTYPE html><html lang="az"><head><meta charset="{charset}"><title>{title}</title>{(canonical is null ? "" : $"<link rel=\"canonical\" href=\"{canonical}\">")}</head>
        <body><nav><a href="/">Ana səhifə</a></nav>
        <article><h1>{title}</h1>
        <p>{body} Bu xəbərin birinci abzasıdır və kifayət qədər uzun mətn ehtiva edir ki, çıxarıcı onu qəbul etsin.</p>
        <p>İkinci abzas: hadisə barədə əlavə məlumatlar, rəsmi şəxslərin açıqlamaları və digər təfərrüatlar verilir.</p>
        </article></body></html>
        """;

    public static Task Write(HttpContext http, string body, string contentType = "text/html; charset=utf-8")
    {
        http.Response.ContentType = contentType;
        return http.Response.WriteAsync(body);
    }
}
