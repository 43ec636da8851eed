// Over 400 lines on purpose: one guarded fetch (address guard at connect time and on every redirect, caps on size, time and redirects, conditional GET, Retry-After); each guard depends on the others' order.
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace Icmal.Collection;

/// <summary>How the fetcher behaves; the defaults are polite to real portals, tests shrink the gaps.</summary>
public sealed record FetchOptions
{
    /// <summary>The product token robots.txt groups are matched against.</summary>
    public const string ProductToken = "IcmalBot";

    public string UserAgent { get; init; } = $"{ProductToken}/1.0 (+https://github.com/icmal; Azerbaijani news aggregator)";
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>From sending the request to receiving the response headers.</summary>
    public TimeSpan HeaderTimeout { get; init; } = TimeSpan.FromSeconds(20);
    /// <summary>The whole body must arrive within this.</summary>
    public TimeSpan BodyTimeout { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>Longest wait for the next chunk of the body (a slow drip is cut off).</summary>
    public TimeSpan ReadIdleTimeout { get; init; } = TimeSpan.FromSeconds(15);
    /// <summary>Largest body, after decompression.</summary>
    public long MaxBodyBytes { get; init; } = 16L * 1024 * 1024;
    public int MaxRedirects { get; init; } = 5;
    /// <summary>Minimum gap between two requests to one host.</summary>
    public TimeSpan MinHostGap { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>Retries after a transient failure (network error, 5xx, 429) before giving up for this round.</summary>
    public int MaxRetries { get; init; } = 2;
    public TimeSpan BackoffBase { get; init; } = TimeSpan.FromSeconds(2);
    /// <summary>A Retry-After longer than this is not waited for: the fetch fails and the host rests that long.</summary>
    public TimeSpan MaxRetryAfterWait { get; init; } = TimeSpan.FromSeconds(60);
    public bool RespectRobots { get; init; } = true;
    public TimeSpan RobotsTtl { get; init; } = TimeSpan.FromHours(12);
    public long MaxRobotsBytes { get; init; } = 512 * 1024;
}

/// <summary>What a fetch is for; recorded with it.</summary>
public enum FetchPurpose
{
    Robots,
    Endpoint,
    Page,
    Discovery,
}

/// <summary>One fetch to make.</summary>
public sealed record FetchRequest(Uri Url, bool AllowPrivate, FetchPurpose Purpose)
{
    public long? SourceId { get; init; }
    public string? ETag { get; init; }
    public string? LastModified { get; init; }
    /// <summary>When set, a smaller body cap than <see cref="FetchOptions.MaxBodyBytes"/>.</summary>
    public long? MaxBytes { get; init; }
}

/// <summary>How a fetch ended.</summary>
public enum FetchOutcome
{
    Ok,
    NotModified,
    HttpError,
    Blocked,
    DisallowedByRobots,
    TooLarge,
    UnsupportedContent,
    Timeout,
    NetworkError,
    TooManyRedirects,
    RateLimited,
}

/// <summary>The result of one fetch, with everything recorded about it.</summary>
public sealed record FetchResult
{
    public required FetchRequest Request { get; init; }
    public required FetchOutcome Outcome { get; init; }
    public Uri? FinalUrl { get; init; }
    public int? Status { get; init; }
    public byte[]? Body { get; init; }
    public string? ContentType { get; init; }
    public string? Charset { get; init; }
    public string? ETag { get; init; }
    public string? LastModified { get; init; }
    public string? Error { get; init; }
    public DateTimeOffset Started { get; init; }
    public TimeSpan Duration { get; init; }
    public int Attempts { get; init; } = 1;
    public int Redirects { get; init; }
    public TimeSpan? RetryAfter { get; init; }

    public bool Succeeded => Outcome is FetchOutcome.Ok;
}

/// <summary>Raised in the connect callback when every address of a host is forbidden.</summary>
public sealed class AddressBlockedException(string message) : IOException(message);

/// <summary>
/// İcmal's one HTTP pipeline. Every request goes through robots.txt, the per-host gate, the address guard (before DNS
/// and again on the resolved address at connect time, on every redirect hop), timeouts for connect, headers and body,
/// size caps that hold after decompression, and retries with backoff. Every fetch (robots.txt included) is reported
/// to the recorder.
/// </summary>
public sealed class HttpFetcher : IDisposable
{
    private readonly FetchOptions _options;
    private readonly HttpClient _public;
    private readonly HttpClient _private;
    private readonly HostPoliteness _politeness;
    private readonly TimeProvider _clock;
    private readonly Func<FetchResult, CancellationToken, Task>? _record;
    private readonly ConcurrentDictionary<string, (RobotsTxt Robots, DateTimeOffset Expires)> _robots = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _robotsLocks = new(StringComparer.OrdinalIgnoreCase);

    public HttpFetcher(FetchOptions options, HostPoliteness politeness, TimeProvider clock, Func<FetchResult, CancellationToken, Task>? record = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _politeness = politeness;
        _clock = clock;
        _record = record;
        _public = CreateClient(allowPrivate: false);
        _private = CreateClient(allowPrivate: true);
    }

    public FetchOptions Options => _options;

    public HostPoliteness Politeness => _politeness;

    private HttpClient CreateClient(bool allowPrivate)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate | DecompressionMethods.Brotli,
            ConnectTimeout = _options.ConnectTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(60),
            MaxConnectionsPerServer = 2,
            UseCookies = false,
            UseProxy = false,
            MaxResponseHeadersLength = 64,
            ConnectCallback = (context, ct) => ConnectAsync(context.DnsEndPoint, allowPrivate, ct),
        };
        var client = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.UserAgent.ParseAdd(_options.UserAgent);
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/feed+json,application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.5");
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("az,en;q=0.5,ru;q=0.3");
        return client;
    }

    /// <summary>Resolves the host, keeps only addresses the guard allows, and connects to one of them.</summary>
    private static async ValueTask<Stream> ConnectAsync(DnsEndPoint endpoint, bool allowPrivate, CancellationToken ct)
    {
        string host = endpoint.Host;
        if (!allowPrivate && AddressGuard.IsForbiddenName(host))
            throw new AddressBlockedException($"host {host} is a local or metadata name");
        IPAddress[] addresses = AddressGuard.ParseHostAddress(host) is { } literal
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, ct);
        var allowed = allowPrivate ? addresses : addresses.Where(a => !AddressGuard.IsForbidden(a)).ToArray();
        if (allowed.Length == 0)
            throw new AddressBlockedException(addresses.Length == 0
                ? $"host {host} has no address"
                : $"host {host} resolves to {addresses[0]}, a private, loopback or link-local address");
        Exception? last = null;
        foreach (var address in allowed)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, endpoint.Port), ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        throw last ?? new IOException($"could not connect to {host}");
    }

    /// <summary>Fetches a URL: never throws for network or server trouble, only for cancellation.</summary>
    public async Task<FetchResult> FetchAsync(FetchRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = await FetchCoreAsync(request, ct);
        if (_record is not null) await _record(result, ct);
        return result;
    }

    private async Task<FetchResult> FetchCoreAsync(FetchRequest request, CancellationToken ct)
    {
        var started = _clock.GetUtcNow();
        var watch = Stopwatch.StartNew();
        var url = request.Url;
        var visited = new HashSet<string>(StringComparer.Ordinal) { url.AbsoluteUri };
        int redirects = 0, attempt = 0;
        // --allow-private covers the host asked for; a redirect to another host is held to the public rules.
        bool allowPrivate = request.AllowPrivate;
        FetchResult Done(FetchOutcome outcome, string? error, int? status = null) => new()
        {
            Request = request, Outcome = outcome, FinalUrl = url, Status = status, Error = error,
            Started = started, Duration = watch.Elapsed, Attempts = attempt + 1, Redirects = redirects,
        };

        while (true)
        {
            if (AddressGuard.CheckUrl(url, allowPrivate) is { } refused) return Done(FetchOutcome.Blocked, refused);

            TimeSpan gap = _options.MinHostGap;
            if (_options.RespectRobots && request.Purpose != FetchPurpose.Robots)
            {
                var robots = await GetRobotsAsync(url, allowPrivate, ct);
                if (!robots.IsAllowed(url.PathAndQuery))
                    return Done(FetchOutcome.DisallowedByRobots, robots.UnreachableReason is { } why
                        ? $"robots.txt of {url.Authority} could not be read ({why}); nothing is fetched from the site until it can"
                        : $"robots.txt of {url.Authority} disallows {url.PathAndQuery}");
                if (robots.CrawlDelay is { } delay && delay > gap) gap = delay;
            }

            bool sameAsRequested = redirects == 0;
            using var message = new HttpRequestMessage(HttpMethod.Get, url);
            if (sameAsRequested && request.ETag is { Length: > 0 } etag) message.Headers.TryAddWithoutValidation("If-None-Match", etag);
            if (sameAsRequested && request.LastModified is { Length: > 0 } lm) message.Headers.TryAddWithoutValidation("If-Modified-Since", lm);

            HttpResponseMessage? response = null;
            string? transientError = null;
            FetchOutcome transientOutcome = FetchOutcome.NetworkError;
            TimeSpan? retryAfter = null;
            int? lastStatus = null;
            using (var lease = await _politeness.AcquireAsync(url, ct))
            {
                lease.KeepGap(gap);
                using var headerCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
                headerCts.CancelAfter(_options.HeaderTimeout);
                try
                {
                    var client = allowPrivate ? _private : _public;
                    response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, headerCts.Token);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    transientOutcome = FetchOutcome.Timeout;
                    transientError = string.Create(CultureInfo.InvariantCulture, $"no response within {_options.HeaderTimeout.TotalSeconds:0.#} s");
                }
                catch (HttpRequestException e) when (FindBlocked(e) is { } blocked)
                {
                    return Done(FetchOutcome.Blocked, blocked.Message + " (add the source with --allow-private to allow it)");
                }
                catch (HttpRequestException e)
                {
                    transientError = Describe(e);
                    // A name that does not resolve will not resolve in two seconds either.
                    if (FindSocketError(e) is SocketError.HostNotFound or SocketError.NoData)
                        return Done(FetchOutcome.NetworkError, transientError);
                }

                if (response is not null)
                {
                    using (response)
                    {
                        int status = (int)response.StatusCode;
                        lastStatus = status;
                        if (status is >= 300 and < 400 && status != 304)
                        {
                            var location = response.Headers.Location;
                            if (location is null) return Done(FetchOutcome.HttpError, $"HTTP {status} without a Location", status);
                            if (++redirects > _options.MaxRedirects)
                                return Done(FetchOutcome.TooManyRedirects, $"more than {_options.MaxRedirects} redirects", status);
                            var next = location.IsAbsoluteUri ? location : new Uri(url, location);
                            if (!visited.Add(next.AbsoluteUri)) return Done(FetchOutcome.TooManyRedirects, $"redirect loop at {next.AbsoluteUri}", status);
                            if (!string.Equals(next.Authority, url.Authority, StringComparison.OrdinalIgnoreCase)) allowPrivate = false;
                            url = next;
                            continue;
                        }
                        if (status is 429 or 503)
                        {
                            retryAfter = RetryAfter(response) ?? Backoff(attempt);
                            transientOutcome = FetchOutcome.RateLimited;
                            transientError = string.Create(CultureInfo.InvariantCulture, $"HTTP {status}, retry after {retryAfter.Value.TotalSeconds:0.#} s");
                            lease.KeepGap(retryAfter.Value < _options.MaxRetryAfterWait ? retryAfter.Value : _options.MaxRetryAfterWait);
                        }
                        else if (status >= 500)
                        {
                            transientOutcome = FetchOutcome.HttpError;
                            transientError = string.Create(CultureInfo.InvariantCulture, $"HTTP {status}");
                        }
                        else
                        {
                            return await ReadResponseAsync(request, response, url, started, watch, attempt, redirects, ct);
                        }
                    }
                }
            }

            if (attempt >= _options.MaxRetries || retryAfter > _options.MaxRetryAfterWait)
            {
                return Done(transientOutcome, transientError, lastStatus) with { RetryAfter = retryAfter };
            }
            // The host gate already holds the Retry-After; other failures wait an exponential backoff with jitter.
            if (retryAfter is null) await Task.Delay(Backoff(attempt), _clock, ct);
            attempt++;
        }
    }

    private TimeSpan Backoff(int attempt)
    {
        double baseMs = _options.BackoffBase.TotalMilliseconds * Math.Pow(2, attempt);
        double jitter = Random.Shared.NextDouble() * baseMs * 0.5;
        return TimeSpan.FromMilliseconds(Math.Min(baseMs + jitter, TimeSpan.FromMinutes(5).TotalMilliseconds));
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header is null) return null;
        if (header.Delta is { } delta) return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        if (header.Date is { } date)
        {
            var wait = date - _clock.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }
        return null;
    }

    private async Task<FetchResult> ReadResponseAsync(FetchRequest request, HttpResponseMessage response, Uri url,
        DateTimeOffset started, Stopwatch watch, int attempt, int redirects, CancellationToken ct)
    {
        int status = (int)response.StatusCode;
        var content = response.Content;
        string? contentType = content.Headers.ContentType?.MediaType;
        string? charset = content.Headers.ContentType?.CharSet?.Trim('"', '\'');
        string? etag = response.Headers.ETag?.ToString();
        string? lastModified = content.Headers.LastModified?.ToString("R", CultureInfo.InvariantCulture)
            ?? (response.Content.Headers.TryGetValues("Last-Modified", out var lmv) ? lmv.FirstOrDefault() : null);
        var result = new FetchResult
        {
            Request = request, Outcome = FetchOutcome.Ok, FinalUrl = url, Status = status, ContentType = contentType,
            Charset = charset, ETag = etag, LastModified = lastModified, Started = started, Attempts = attempt + 1, Redirects = redirects,
        };
        if (status == 304) return result with { Outcome = FetchOutcome.NotModified, Duration = watch.Elapsed };
        if (status >= 400) return result with { Outcome = FetchOutcome.HttpError, Error = string.Create(CultureInfo.InvariantCulture, $"HTTP {status}"), Duration = watch.Elapsed };
        if (contentType is not null && !IsTextual(contentType))
            return result with { Outcome = FetchOutcome.UnsupportedContent, Error = $"content type {contentType} is not a page or feed", Duration = watch.Elapsed };

        long max = Math.Min(request.MaxBytes ?? _options.MaxBodyBytes, _options.MaxBodyBytes);
        if (content.Headers.ContentLength is { } declared && declared > max && content.Headers.ContentEncoding.Count == 0)
            return result with { Outcome = FetchOutcome.TooLarge, Error = $"body of {declared} bytes is over the {max}-byte limit", Duration = watch.Elapsed };

        using var bodyCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bodyCts.CancelAfter(_options.BodyTimeout);
        try
        {
            await using var stream = await content.ReadAsStreamAsync(bodyCts.Token);
            using var buffer = new MemoryStream();
            var chunk = new byte[32 * 1024];
            while (true)
            {
                using var idle = CancellationTokenSource.CreateLinkedTokenSource(bodyCts.Token);
                idle.CancelAfter(_options.ReadIdleTimeout);
                int n;
                try
                {
                    n = await stream.ReadAsync(chunk, idle.Token);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    string why = bodyCts.IsCancellationRequested
                        ? string.Create(CultureInfo.InvariantCulture, $"body not complete within {_options.BodyTimeout.TotalSeconds:0.#} s ({buffer.Length} bytes)")
                        : string.Create(CultureInfo.InvariantCulture, $"body stalled for {_options.ReadIdleTimeout.TotalSeconds:0.#} s ({buffer.Length} bytes)");
                    return result with { Outcome = FetchOutcome.Timeout, Error = why, Duration = watch.Elapsed };
                }
                if (n == 0) break;
                if (buffer.Length + n > max)
                    return result with { Outcome = FetchOutcome.TooLarge, Error = $"body over the {max}-byte limit (after decompression)", Duration = watch.Elapsed };
                buffer.Write(chunk, 0, n);
            }
            return result with { Body = buffer.ToArray(), Duration = watch.Elapsed };
        }
        catch (Exception e) when (e is HttpRequestException or IOException or System.IO.InvalidDataException)
        {
            return result with { Outcome = FetchOutcome.NetworkError, Error = "body broken off: " + Describe(e), Duration = watch.Elapsed };
        }
    }

    private static bool IsTextual(string mediaType) =>
        mediaType.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
        || mediaType.Contains("xml", StringComparison.OrdinalIgnoreCase)
        || mediaType.Contains("json", StringComparison.OrdinalIgnoreCase)
        || mediaType.Contains("html", StringComparison.OrdinalIgnoreCase)
        || mediaType.Equals("application/x-gzip", StringComparison.OrdinalIgnoreCase)
        || mediaType.Equals("application/gzip", StringComparison.OrdinalIgnoreCase)
        || mediaType.Equals("application/octet-stream", StringComparison.OrdinalIgnoreCase);

    /// <summary>The robots.txt rules for a URL's host, fetched once per TTL (one fetch at a time per host).</summary>
    public async Task<RobotsTxt> GetRobotsAsync(Uri url, bool allowPrivate, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(url);
        string key = string.Concat(url.Scheme, "://", url.Authority);
        var now = _clock.GetUtcNow();
        if (_robots.TryGetValue(key, out var cached) && cached.Expires > now) return cached.Robots;
        var gate = _robotsLocks.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            if (_robots.TryGetValue(key, out cached) && cached.Expires > _clock.GetUtcNow()) return cached.Robots;
            var robotsUrl = new Uri(key + "/robots.txt");
            var fetched = await FetchAsync(new FetchRequest(robotsUrl, allowPrivate, FetchPurpose.Robots) { MaxBytes = _options.MaxRobotsBytes }, ct);
            RobotsTxt robots;
            TimeSpan ttl = _options.RobotsTtl;
            if (fetched.Succeeded && fetched.Body is not null)
                robots = RobotsTxt.Parse(System.Text.Encoding.UTF8.GetString(fetched.Body), FetchOptions.ProductToken);
            else if (fetched.Status is >= 400 and < 500 || fetched.Outcome is FetchOutcome.UnsupportedContent or FetchOutcome.TooLarge)
                robots = RobotsTxt.AllowAll;
            else if (fetched.Outcome == FetchOutcome.Blocked)
                robots = RobotsTxt.AllowAll; // the page fetch will be blocked by the same rule, with the clearer message
            else
            {
                robots = RobotsTxt.Unreachable(fetched.Error ?? fetched.Outcome.ToString());
                ttl = TimeSpan.FromMinutes(Math.Min(10, ttl.TotalMinutes));
            }
            _robots[key] = (robots, _clock.GetUtcNow() + ttl);
            return robots;
        }
        finally
        {
            gate.Release();
        }
    }

    private static AddressBlockedException? FindBlocked(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
            if (x is AddressBlockedException blocked) return blocked;
        return null;
    }

    private static SocketError? FindSocketError(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
            if (x is SocketException socket) return socket.SocketErrorCode;
        return null;
    }

    private static string Describe(Exception e)
    {
        var inner = e;
        while (inner.InnerException is not null) inner = inner.InnerException;
        return ReferenceEquals(inner, e) ? e.Message : $"{e.Message} ({inner.Message})";
    }

    public void Dispose()
    {
        _public.Dispose();
        _private.Dispose();
    }
}
