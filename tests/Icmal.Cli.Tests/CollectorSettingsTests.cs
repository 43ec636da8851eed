using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Icmal.Cli.Tests;

/// <summary>
/// `icmal crawl` and `icmal serve` collect with the fetcher's and crawler's settings from the configuration: a real
/// Kestrel news site on 127.0.0.1 sees the configured User-Agent and no more article pages than Crawl:MaxPagesPerPoll.
/// </summary>
public sealed class CollectorSettingsTests : IAsyncLifetime
{
    private const string Agent = "IcmalBot/1.0 (configured by the test)";
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "icmal-collect-" + Guid.NewGuid().ToString("N"));
    private readonly ConcurrentQueue<(string Path, string Agent)> _requests = new();
    private WebApplication? _site;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Feed => _site!.Urls.Single() + "/rss";

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _site = builder.Build();
        _site.Use(async (context, next) =>
        {
            _requests.Enqueue((context.Request.Path.Value ?? "", context.Request.Headers.UserAgent.ToString()));
            await next(context);
        });
        _site.MapGet("/rss", (HttpContext http) =>
        {
            var sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>Sayt</title>");
            for (int n = 1; n <= 3; n++)
                sb.Append(CultureInfo.InvariantCulture, $"<item><title>Xəbər {n}</title><link>http://{http.Request.Host}/xeber/{n}</link><pubDate>{DateTimeOffset.UtcNow.AddMinutes(-n):R}</pubDate></item>");
            return Results.Text(sb.Append("</channel></rss>").ToString(), "application/rss+xml; charset=utf-8");
        });
        _site.MapGet("/xeber/{n:int}", (int n) => Results.Text(
            $"<!DOCTYPE html><html lang=\"az\"><head><meta charset=\"utf-8\"><title>Xəbər {n}</title></head><body><article><h1>Bakıda {n} nömrəli xəbər</h1><p>Bakı şəhərində bu gün {n} nömrəli hadisə baş verib, rəsmi qurumlar hadisə barədə ətraflı məlumat veriblər.</p></article></body></html>",
            "text/html; charset=utf-8"));
        await _site.StartAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_site is not null) await _site.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private int ArticleRequests => _requests.Count(r => r.Path.StartsWith("/xeber/", StringComparison.Ordinal));

    private async Task AddTheSiteAsync(string data)
    {
        var added = await CliRunner.RunWithEnvironmentAsync(_dir, new Dictionary<string, string>(),
            ["sources", "add", Feed, "--no-discover", "--allow-private", "--data", data], Ct);
        Assert.Equal(0, added.ExitCode);
    }

    [Fact]
    public async Task Crawl_fetches_with_the_user_agent_and_page_limit_from_environment_variables()
    {
        string data = Path.Combine(_dir, "data");
        await AddTheSiteAsync(data);
        var env = new Dictionary<string, string>
        {
            ["ICMAL_FETCH__USERAGENT"] = Agent,
            ["ICMAL_FETCH__MINHOSTGAP"] = "00:00:00",
            ["ICMAL_CRAWL__MAXPAGESPERPOLL"] = "1",
        };

        var r = await CliRunner.RunWithEnvironmentAsync(_dir, env, ["crawl", "--once", "--data", data], Ct);

        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.NotEmpty(_requests);
        Assert.All(_requests, request => Assert.Equal(Agent, request.Agent));
        Assert.Equal(1, ArticleRequests);
    }

    [Fact]
    public async Task Serve_collects_with_the_fetch_and_crawl_settings_of_the_data_folders_appsettings()
    {
        string data = Path.Combine(_dir, "data");
        await AddTheSiteAsync(data);
        await File.WriteAllTextAsync(Path.Combine(data, "appsettings.json"), $$"""
            { "Fetch": { "UserAgent": "{{Agent}}", "MinHostGap": "00:00:00" }, "Crawl": { "MaxPagesPerPoll": 1 } }
            """, Ct);
        var psi = CliRunner.WithEnvironment(CliRunner.StartInfo("serve", "--no-sample", "--data", data, "--urls", $"http://127.0.0.1:{FreePort()}"),
            _dir, new Dictionary<string, string>());
        using var process = Process.Start(psi)!;
        try
        {
            var clock = Stopwatch.StartNew();
            while (ArticleRequests == 0 && clock.Elapsed < TimeSpan.FromSeconds(60) && !process.HasExited) await Task.Delay(100, Ct);
            await Task.Delay(1000, Ct);
            Assert.Equal(1, ArticleRequests);
            Assert.All(_requests, request => Assert.Equal(Agent, request.Agent));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(Ct);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
