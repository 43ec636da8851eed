using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using Icmal.Collection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Icmal.Tests.Collection;

/// <summary>The fetcher against a real Kestrel server serving good and hostile responses.</summary>
public sealed class HttpFetcherTests : IAsyncLifetime
{
    private TestSite _site = null!;
    private int _rateLimitedCalls;
    private int _flakyCalls;
    private readonly List<string> _userAgents = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        byte[] bomb = GzipOfZeros(20 * 1024 * 1024);
        _site = await TestSite.StartAsync(app =>
        {
            app.MapGet("/robots.txt", () => Results.Text("User-agent: *\nDisallow: /private/\nCrawl-delay: 0\n"));
            app.MapGet("/ok", (HttpContext http) =>
            {
                lock (_userAgents) _userAgents.Add(http.Request.Headers.UserAgent.ToString());
                return TestSite.Write(http, "<html><body>merhaba</body></html>");
            });
            app.MapGet("/private/secret", (HttpContext http) => TestSite.Write(http, "secret"));
            app.MapGet("/loop/a", () => Results.Redirect("/loop/b"));
            app.MapGet("/loop/b", () => Results.Redirect("/loop/a"));
            app.MapGet("/chain/{n:int}", (int n) => Results.Redirect($"/chain/{n + 1}"));
            app.MapGet("/hop", () => Results.Redirect("/ok", permanent: true));
            app.MapGet("/to-file", () => Results.Redirect("file:///etc/passwd"));
            app.MapGet("/to-metadata", () => Results.Redirect("http://169.254.169.254/latest/meta-data/"));
            app.MapGet("/to-decimal-loopback", (HttpContext http) => Results.Redirect($"http://0x7f000002:{http.Request.Host.Port}/ok")); // 127.0.0.2: another host
            app.MapGet("/endless", async (HttpContext http) =>
            {
                http.Response.ContentType = "text/html";
                var chunk = new byte[64 * 1024];
                Array.Fill(chunk, (byte)'a');
                while (!http.RequestAborted.IsCancellationRequested) await http.Response.Body.WriteAsync(chunk, http.RequestAborted);
            });
            app.MapGet("/bomb", async (HttpContext http) =>
            {
                http.Response.ContentType = "text/html";
                http.Response.Headers.ContentEncoding = "gzip";
                await http.Response.Body.WriteAsync(bomb, http.RequestAborted);
            });
            app.MapGet("/drip", async (HttpContext http) =>
            {
                http.Response.ContentType = "text/html";
                while (!http.RequestAborted.IsCancellationRequested)
                {
                    await http.Response.Body.WriteAsync("x"u8.ToArray(), http.RequestAborted);
                    await http.Response.Body.FlushAsync(http.RequestAborted);
                    await Task.Delay(200, http.RequestAborted);
                }
            });
            app.MapGet("/stall", async (HttpContext http) =>
            {
                http.Response.ContentType = "text/html";
                await http.Response.Body.WriteAsync("<html>"u8.ToArray(), http.RequestAborted);
                await http.Response.Body.FlushAsync(http.RequestAborted);
                await Task.Delay(TimeSpan.FromSeconds(30), http.RequestAborted);
            });
            app.MapGet("/slow-headers", async (HttpContext http) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(30), http.RequestAborted);
            });
            app.MapGet("/rate-limited", (HttpContext http) =>
            {
                if (Interlocked.Increment(ref _rateLimitedCalls) == 1)
                {
                    http.Response.Headers.RetryAfter = "1";
                    return Results.StatusCode(429);
                }
                return Results.Text("<html>finally</html>", "text/html");
            });
            app.MapGet("/rate-limited-long", (HttpContext http) =>
            {
                http.Response.Headers.RetryAfter = "3600";
                return Results.StatusCode(503);
            });
            app.MapGet("/flaky", () => Interlocked.Increment(ref _flakyCalls) < 3 ? Results.StatusCode(500) : Results.Text("<html>ok</html>", "text/html"));
            app.MapGet("/gone", () => Results.StatusCode(404));
            app.MapGet("/image", () => Results.Bytes(new byte[100], "image/jpeg"));
            app.MapGet("/big-declared", async (HttpContext http) =>
            {
                http.Response.ContentType = "text/html";
                http.Response.ContentLength = 50L * 1024 * 1024;
                await http.Response.Body.WriteAsync("<html>"u8.ToArray(), http.RequestAborted);
                await http.Response.Body.FlushAsync(http.RequestAborted); // headers are out; the client refuses on them
            });
            app.MapGet("/gzip-ok", async (HttpContext http) =>
            {
                http.Response.ContentType = "text/html; charset=utf-8";
                http.Response.Headers.ContentEncoding = "gzip";
                using var buffer = new MemoryStream();
                using (var gz = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true)) gz.Write("<p>Şəki, İsmayıllı</p>"u8);
                await http.Response.Body.WriteAsync(buffer.ToArray(), http.RequestAborted);
            });
            app.MapGet("/etag", (HttpContext http) =>
            {
                const string etag = "\"v1\"";
                if (http.Request.Headers.IfNoneMatch.ToString() == etag) return Results.StatusCode(304);
                http.Response.Headers.ETag = etag;
                http.Response.Headers.LastModified = "Tue, 21 Oct 2025 10:00:00 GMT";
                return Results.Text("<rss/>", "application/rss+xml");
            });
        });
    }

    public async ValueTask DisposeAsync() => await _site.DisposeAsync();

    private static byte[] GzipOfZeros(int size)
    {
        using var buffer = new MemoryStream();
        using (var gz = new GZipStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var zeros = new byte[1024 * 1024];
            for (int i = 0; i < size / zeros.Length; i++) gz.Write(zeros);
        }
        return buffer.ToArray();
    }

    private async Task<FetchResult> Fetch(string path, bool allowPrivate = true, FetchOptions? options = null, List<FetchResult>? log = null)
    {
        using var fetcher = TestSite.Fetcher(options, log);
        return await fetcher.FetchAsync(new FetchRequest(_site.Url(path), allowPrivate, FetchPurpose.Page), Ct);
    }

    [Fact]
    public async Task A_plain_page_arrives_with_an_honest_user_agent()
    {
        var result = await Fetch("/ok");
        Assert.Equal(FetchOutcome.Ok, result.Outcome);
        Assert.Equal(200, result.Status);
        Assert.Equal("utf-8", result.Charset);
        Assert.Contains("merhaba", Encoding.UTF8.GetString(result.Body!), StringComparison.Ordinal);
        Assert.StartsWith(FetchOptions.ProductToken + "/", _userAgents.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Loopback_is_refused_unless_the_source_allows_private_addresses()
    {
        var refused = await Fetch("/ok", allowPrivate: false);
        Assert.Equal(FetchOutcome.Blocked, refused.Outcome);
        Assert.Contains("--allow-private", refused.Error, StringComparison.Ordinal);
        Assert.Empty(_userAgents);

        var allowed = await Fetch("/ok", allowPrivate: true);
        Assert.Equal(FetchOutcome.Ok, allowed.Outcome);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("2130706433")]
    [InlineData("0x7f.0.0.1")]
    [InlineData("[::ffff:127.0.0.1]")]
    public async Task Other_spellings_of_loopback_are_refused(string host)
    {
        using var fetcher = TestSite.Fetcher();
        var url = new Uri($"http://{host}:{_site.Root.Port}/ok");
        var result = await fetcher.FetchAsync(new FetchRequest(url, false, FetchPurpose.Page), Ct);
        Assert.Equal(FetchOutcome.Blocked, result.Outcome);
        Assert.Empty(_userAgents);
    }

    [Fact]
    public async Task The_connect_time_guard_refuses_a_name_that_resolves_to_a_private_address()
    {
        // The machine's own name is not on any list of names; only its resolved address gives it away.
        string host = System.Net.Dns.GetHostName();
        var addresses = await System.Net.Dns.GetHostAddressesAsync(host, Ct);
        if (addresses.Length == 0 || !addresses.All(AddressGuard.IsForbidden) || AddressGuard.IsForbiddenName(host))
            Assert.Skip($"this machine's name {host} does not resolve to private addresses only");
        using var fetcher = TestSite.Fetcher();
        var url = new Uri($"http://{host}:{_site.Root.Port}/ok");
        Assert.Null(AddressGuard.CheckUrl(url, allowPrivate: false)); // nothing to see before DNS
        var result = await fetcher.FetchAsync(new FetchRequest(url, false, FetchPurpose.Page), Ct);
        Assert.Equal(FetchOutcome.Blocked, result.Outcome);
        Assert.Contains("resolves to", result.Error, StringComparison.Ordinal);
        Assert.Empty(_userAgents);
    }

    [Fact]
    public async Task Redirects_are_followed_hop_by_hop_and_loops_stop()
    {
        var hop = await Fetch("/hop");
        Assert.Equal(FetchOutcome.Ok, hop.Outcome);
        Assert.Equal(_site.Url("/ok"), hop.FinalUrl);
        Assert.Equal(1, hop.Redirects);

        var loop = await Fetch("/loop/a");
        Assert.Equal(FetchOutcome.TooManyRedirects, loop.Outcome);
        Assert.Contains("loop", loop.Error, StringComparison.Ordinal);

        var chain = await Fetch("/chain/0");
        Assert.Equal(FetchOutcome.TooManyRedirects, chain.Outcome);
        Assert.Equal(6, chain.Redirects);
    }

    [Fact]
    public async Task A_redirect_to_another_scheme_is_checked_and_refused()
    {
        var result = await Fetch("/to-file");
        Assert.Equal(FetchOutcome.Blocked, result.Outcome);
        Assert.Contains("scheme file", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/to-metadata")]
    [InlineData("/to-decimal-loopback")]
    public async Task Allow_private_does_not_extend_to_the_hosts_a_redirect_points_at(string path)
    {
        var result = await Fetch(path, allowPrivate: true);
        Assert.Equal(FetchOutcome.Blocked, result.Outcome);
        Assert.Equal(1, result.Redirects);
        Assert.Empty(_userAgents);
    }

    [Fact]
    public async Task An_endless_body_is_cut_at_the_size_cap()
    {
        var watch = Stopwatch.StartNew();
        var result = await Fetch("/endless");
        Assert.Equal(FetchOutcome.TooLarge, result.Outcome);
        Assert.Null(result.Body);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_gzip_bomb_is_cut_at_the_decompressed_size_cap()
    {
        var result = await Fetch("/bomb");
        Assert.Equal(FetchOutcome.TooLarge, result.Outcome);
        Assert.Contains("after decompression", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gzip_bodies_are_decompressed()
    {
        var result = await Fetch("/gzip-ok");
        Assert.Equal("<p>Şəki, İsmayıllı</p>", Encoding.UTF8.GetString(result.Body!));
    }

    [Fact]
    public async Task A_slow_drip_hits_the_body_deadline_and_a_stall_the_idle_timeout()
    {
        var watch = Stopwatch.StartNew();
        // Each deadline alone: the drip's idle timeout lies past its body deadline, the stall's body deadline past its
        // idle timeout, so a loaded machine's slow reads cannot let the other one fire first (the full suite saw both).
        var drip = await Fetch("/drip", options: TestSite.FastOptions with { ReadIdleTimeout = TimeSpan.FromSeconds(20) });
        Assert.Equal(FetchOutcome.Timeout, drip.Outcome);
        Assert.Contains("within", drip.Error, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(6), watch.Elapsed.ToString());

        var stall = await Fetch("/stall", options: TestSite.FastOptions with { BodyTimeout = TimeSpan.FromSeconds(20) });
        Assert.Equal(FetchOutcome.Timeout, stall.Outcome);
        Assert.Contains("stalled", stall.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Headers_that_never_come_time_out()
    {
        // robots.txt is not asked: under a loaded test run its first answer once came after the 2 s a header may take here,
        // and the page was refused as disallowed before its own timeout was reached (a robots.txt that cannot be read stops a site).
        var result = await Fetch("/slow-headers", options: TestSite.FastOptions with
        {
            MaxRetries = 0, RespectRobots = false, HeaderTimeout = TimeSpan.FromSeconds(2),
        });
        Assert.Equal(FetchOutcome.Timeout, result.Outcome);
        Assert.Null(result.Status);
    }

    [Fact]
    public async Task Rate_limiting_is_honoured_with_retry_after()
    {
        var watch = Stopwatch.StartNew();
        var result = await Fetch("/rate-limited");
        Assert.Equal(FetchOutcome.Ok, result.Outcome);
        Assert.Equal(2, result.Attempts);
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(0.9), watch.Elapsed.ToString());
    }

    [Fact]
    public async Task A_long_retry_after_is_not_waited_for()
    {
        var watch = Stopwatch.StartNew();
        var result = await Fetch("/rate-limited-long");
        Assert.Equal(FetchOutcome.RateLimited, result.Outcome);
        Assert.Equal(503, result.Status);
        Assert.Equal(TimeSpan.FromHours(1), result.RetryAfter);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), watch.Elapsed.ToString());
    }

    [Fact]
    public async Task Server_errors_are_retried_with_backoff()
    {
        var result = await Fetch("/flaky");
        Assert.Equal(FetchOutcome.Ok, result.Outcome);
        Assert.Equal(3, result.Attempts);
    }

    [Fact]
    public async Task Robots_disallow_is_obeyed_and_robots_fetched_once()
    {
        var log = new List<FetchResult>();
        using var fetcher = TestSite.Fetcher(log: log);
        var secret = await fetcher.FetchAsync(new FetchRequest(_site.Url("/private/secret"), true, FetchPurpose.Page), Ct);
        var ok = await fetcher.FetchAsync(new FetchRequest(_site.Url("/ok"), true, FetchPurpose.Page), Ct);
        Assert.Equal(FetchOutcome.DisallowedByRobots, secret.Outcome);
        Assert.Equal(FetchOutcome.Ok, ok.Outcome);
        Assert.Single(log, r => r.Request.Purpose == FetchPurpose.Robots);
        Assert.Equal(3, log.Count); // robots.txt, the refused page (recorded too), the page
    }

    [Fact]
    public async Task An_unreadable_robots_txt_stops_fetching_and_says_why()
    {
        int pages = 0;
        await using var site = await TestSite.StartAsync(app =>
        {
            app.MapGet("/robots.txt", () => Results.StatusCode(503));
            app.MapGet("/page", () => Results.Text($"<html>{Interlocked.Increment(ref pages)}</html>", "text/html"));
        });
        using var fetcher = TestSite.Fetcher(TestSite.FastOptions with { MaxRetries = 0 });
        var result = await fetcher.FetchAsync(new FetchRequest(site.Url("/page"), true, FetchPurpose.Page), Ct);
        Assert.Equal(FetchOutcome.DisallowedByRobots, result.Outcome);
        Assert.Contains("could not be read", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, pages);
    }

    [Fact]
    public async Task Errors_and_unsupported_content_are_reported()
    {
        Assert.Equal(FetchOutcome.HttpError, (await Fetch("/gone")).Outcome);
        Assert.Equal(FetchOutcome.UnsupportedContent, (await Fetch("/image")).Outcome);
        Assert.Equal(FetchOutcome.TooLarge, (await Fetch("/big-declared")).Outcome);
    }

    [Fact]
    public async Task Conditional_get_gives_not_modified()
    {
        using var fetcher = TestSite.Fetcher();
        var first = await fetcher.FetchAsync(new FetchRequest(_site.Url("/etag"), true, FetchPurpose.Endpoint), Ct);
        Assert.Equal("\"v1\"", first.ETag);
        Assert.Equal("Tue, 21 Oct 2025 10:00:00 GMT", first.LastModified);
        var second = await fetcher.FetchAsync(new FetchRequest(_site.Url("/etag"), true, FetchPurpose.Endpoint) { ETag = first.ETag }, Ct);
        Assert.Equal(FetchOutcome.NotModified, second.Outcome);
        Assert.Equal(304, second.Status);
    }

    [Fact]
    public async Task Requests_to_one_host_keep_the_minimum_gap()
    {
        using var fetcher = TestSite.Fetcher(TestSite.FastOptions with { MinHostGap = TimeSpan.FromMilliseconds(150) });
        await fetcher.FetchAsync(new FetchRequest(_site.Url("/ok"), true, FetchPurpose.Page), Ct); // warms robots.txt
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => fetcher.FetchAsync(new FetchRequest(_site.Url("/ok"), true, FetchPurpose.Page), Ct)));
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(4 * 150 - 30), watch.Elapsed.ToString());
    }
}
