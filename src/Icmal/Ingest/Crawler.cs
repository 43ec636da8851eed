// Over 400 lines (just) on purpose: one poll of one source, endpoint by endpoint and entry by entry, with the item boundaries that keep a bad item from stopping its neighbours; reading it top to bottom is the point.
using Icmal.Collection;
using System.Collections.Concurrent;
using System.Globalization;
using Icmal.Decoding;
using Icmal.Storage;
using Icmal.Model;
using Icmal.Collection.Feeds;

namespace Icmal.Ingest;

/// <summary>How a crawl pass behaves.</summary>
public sealed record CrawlOptions
{
    /// <summary>Sources polled at the same time (requests to one host are one at a time whatever this is).</summary>
    public int MaxConcurrentSources { get; init; } = 16;
    /// <summary>New article pages fetched per source per poll; the rest wait for the next poll.</summary>
    public int MaxPagesPerPoll { get; init; } = 200;
    /// <summary>Child sitemaps of a sitemap index read per poll (the most recently modified).</summary>
    public int ChildSitemapsPerPoll { get; init; } = 3;
    /// <summary>Sitemap entries dated older than this are not fetched (a sitemap lists a site's whole archive).</summary>
    public TimeSpan MaxEntryAge { get; init; } = TimeSpan.FromDays(7);
    /// <summary>An endpoint is fetched unconditionally (no ETag/If-Modified-Since) at least this often.</summary>
    public TimeSpan FullRefetchInterval { get; init; } = TimeSpan.FromHours(24);
    /// <summary>
    /// How long a crawler's claim on a source lasts without renewal (it renews every third of it while polling): how
    /// long a source waits after its crawler dies mid-poll before another takes it (<see cref="LeasedCrawler"/>).
    /// </summary>
    public TimeSpan SourceLease { get; init; } = TimeSpan.FromMinutes(2);
    public Scheduler Scheduler { get; init; } = new();
}

/// <summary>What an endpoint read in full answered, to keep for the next conditional GET once its entries are dealt with.</summary>
internal sealed record EndpointValidators(long EndpointId, string? ETag, string? LastModified, DateTimeOffset Fetched, bool Full);

/// <summary>What one poll of one source did.</summary>
public sealed record SourcePollReport(long SourceId, string SourceName, int EndpointsFetched, int EndpointsNotModified, int EntriesFound,
    int NewUrls, int Stored, int AlreadyPresent, int Rejected, int Failed, string? Error, DateTimeOffset NextPoll);

/// <summary>
/// The collector: for each due source, discover (feeds, sitemaps, listing pages) → fetch new article pages → extract
/// and store through <see cref="IngestPipeline"/>. Each source and each page fails on its own; what is stored or
/// rejected is remembered (seen_urls), so a restart or the next poll fetches only what is new.
/// </summary>
public sealed class Crawler(SourceStore sources, SeenUrlStore seenUrls, IngestPipeline pipeline, HttpFetcher fetcher, CrawlOptions options, TimeProvider clock,
    Action<string>? log = null)
{
    private readonly ConcurrentDictionary<string, (string? ETag, string? LastModified, DateTimeOffset? LastMod)> _childSitemaps = new(StringComparer.Ordinal);

    /// <summary>Polls every given source once, several at a time; never throws for one source's failure.</summary>
    public async Task<IReadOnlyList<SourcePollReport>> PollAsync(IEnumerable<Source> sources, CancellationToken ct)
    {
        var reports = new ConcurrentBag<SourcePollReport>();
        await Parallel.ForEachAsync(sources, new ParallelOptions { MaxDegreeOfParallelism = options.MaxConcurrentSources, CancellationToken = ct },
            async (source, token) => reports.Add(await PollSourceSafelyAsync(source, token)));
        return reports.OrderBy(r => r.SourceName, StringComparer.Ordinal).ToList();
    }

    /// <summary>Polls one source; a failure becomes the report's error (and the source's backoff), never an exception.</summary>
    public async Task<SourcePollReport> PollSourceSafelyAsync(Source source, CancellationToken ct)
    {
        try
        {
            return await PollSourceAsync(source, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            string error = $"{e.GetType().Name}: {e.Message}";
            var now = clock.GetUtcNow();
            var interval = Scheduler.Jitter(options.Scheduler.BackoffFor(source.ConsecutiveFailures + 1, Scheduler.DefaultInterval));
            try
            {
                await sources.RecordPollAsync(source.Id, now, error, interval, now + interval, ct);
            }
            catch (Exception inner) when (inner is not OperationCanceledException)
            {
                log?.Invoke($"source {source.Name}: could not record the failure: {inner.Message}");
            }
            return new SourcePollReport(source.Id, source.Name, 0, 0, 0, 0, 0, 0, 0, 0, error, now + interval);
        }
    }

    /// <summary>One poll of one source.</summary>
    public async Task<SourcePollReport> PollSourceAsync(Source source, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(source);
        var endpoints = await sources.ListEndpointsAsync(source.Id, ct);
        if (endpoints.Count == 0 && Uri.TryCreate(source.HomeUrl, UriKind.Absolute, out var home))
        {
            var found = await new SourceDiscoverer(fetcher).DiscoverAsync(home, source.Name, source.AllowPrivate, ct);
            foreach (var (kind, url) in found.Definition?.Endpoints ?? []) await sources.AddEndpointAsync(source.Id, kind, url, ct);
            endpoints = await sources.ListEndpointsAsync(source.Id, ct);
        }

        int fetched = 0, notModified = 0;
        var errors = new List<string>();
        var entries = new List<DiscoveredEntry>();
        var validators = new List<EndpointValidators>(); // of the endpoints read in full, kept once their entries are dealt with
        bool rateLimited = false, moved = endpoints.Count > 0;
        TimeSpan restFor = TimeSpan.Zero; // the longest Retry-After the site asked for
        async Task ReadAllAsync(IEnumerable<SourceEndpoint> list)
        {
            foreach (var endpoint in list)
            {
                var (links, outcome, error, retryAfter) = await ReadEndpointSafelyAsync(source, endpoint, validators, ct);
                if (outcome == FetchOutcome.NotModified) notModified++;
                else if (error is null) fetched++;
                if (error is not null) errors.Add($"{endpoint.Url}: {error}");
                if (outcome == FetchOutcome.RateLimited) rateLimited = true;
                if (retryAfter > restFor) restFor = retryAfter.Value;
                if (error is null || !(outcome == FetchOutcome.UnsupportedContent || error is "HTTP 404" or "HTTP 410")) moved = false;
                entries.AddRange(links);
            }
        }
        await ReadAllAsync(endpoints);

        // Every feed gone (404, 410, or no longer a feed): portals move their feeds. Look again from the home page,
        // on the first failure and every fourth after, and read what is found now.
        if (moved && source.ConsecutiveFailures % 4 == 0 && Uri.TryCreate(source.HomeUrl, UriKind.Absolute, out var homePage))
        {
            var found = await new SourceDiscoverer(fetcher).DiscoverAsync(homePage, source.Name, source.AllowPrivate, ct);
            var known = endpoints.Select(e => e.Url).ToHashSet(StringComparer.Ordinal);
            var fresh = (found.Definition?.Endpoints ?? []).Where(e => !known.Contains(e.Url)).ToList();
            if (fresh.Count > 0)
            {
                foreach (var (kind, url) in fresh)
                {
                    await sources.AddEndpointAsync(source.Id, kind, url, ct);
                    log?.Invoke($"source {source.Name}: its feeds are gone; now following {kind.ToString().ToLowerInvariant()} {url}");
                }
                var all = await sources.ListEndpointsAsync(source.Id, ct);
                var added = all.Where(e => !known.Contains(e.Url)).ToList();
                await ReadAllAsync(added);
                endpoints = all;
            }
        }

        // Canonical addresses, newest first, each once; the ones already stored, rejected or given up on are dropped.
        var candidates = new Dictionary<string, DiscoveredEntry>(StringComparer.Ordinal);
        foreach (var e in entries)
            if (UrlCanonicaliser.Canonicalise(e.Url) is { } canonical) candidates.TryAdd(canonical, e);
        var unseen = await seenUrls.FilterUnseenAsync(candidates.Keys, ct);
        var todo = candidates.Where(c => unseen.Contains(c.Key))
            .OrderByDescending(c => c.Value.Published ?? DateTimeOffset.MaxValue)
            .Take(options.MaxPagesPerPoll)
            .ToList();

        // --allow-private covers the source's own hosts only: a feed entry pointing at another private address is refused.
        var ownHosts = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (source.AllowPrivate)
        {
            if (Uri.TryCreate(source.HomeUrl, UriKind.Absolute, out var homeUri)) ownHosts.Add(homeUri.Authority);
            foreach (var e in endpoints)
                if (Uri.TryCreate(e.Url, UriKind.Absolute, out var u)) ownHosts.Add(u.Authority);
        }

        int stored = 0, present = 0, rejected = 0, failed = 0;
        var settled = new HashSet<string>(StringComparer.Ordinal); // addresses this poll has stored under (redirect targets, declared canonicals)
        foreach (var (canonical, entry) in todo)
        {
            if (rateLimited) break;
            if (settled.Contains(canonical))
            {
                present++;
                continue;
            }
            var (page, retryAfter) = await FetchPageSafelyAsync(source, ownHosts, canonical, entry.Category, settled, ct);
            switch (page)
            {
                case SeenState.Stored:
                    stored++;
                    break;
                case SeenState.Rejected:
                    rejected++;
                    break;
                case null:
                    present++;
                    break;
                default:
                    failed++;
                    break;
            }
            if (retryAfter > fetcher.Options.MaxRetryAfterWait)
            {
                rateLimited = true; // the host asked for a long rest: leave the rest for the next poll
                if (retryAfter > restFor) restFor = retryAfter.Value;
            }
        }

        // An endpoint's validators are kept only once every entry it listed is dealt with. Kept before, a poll killed
        // midway (or cut short by a rate limit or the page cap) would leave entries that the next poll never meets: its
        // conditional GET would hear "not modified". Without them it reads the endpoint in full and skips what is stored.
        bool everyEntryDealtWith = !rateLimited && unseen.Count <= todo.Count;
        foreach (var v in validators)
            await sources.UpdateEndpointAsync(v.EndpointId, everyEntryDealtWith ? v.ETag : null, everyEntryDealtWith ? v.LastModified : null, v.Fetched,
                everyEntryDealtWith && v.Full, null, ct);

        // The next poll: as often as the source publishes; failures back off.
        var now = clock.GetUtcNow();
        bool anyEndpointOk = endpoints.Count > 0 && errors.Count < endpoints.Count;
        string? sourceError = anyEndpointOk ? null : errors.Count > 0 ? string.Join("; ", errors) : "no feed, sitemap or listing page";
        long week = await seenUrls.CountStoredSinceAsync(source.Id, now.AddDays(-7), ct);
        var interval = options.Scheduler.IntervalFor(week);
        if (sourceError is not null) interval = options.Scheduler.BackoffFor(source.ConsecutiveFailures + 1, interval);
        if (todo.Count >= options.MaxPagesPerPoll || unseen.Count > todo.Count) interval = options.Scheduler.MinInterval; // a backlog remains
        interval = Scheduler.Jitter(interval);
        if (restFor > interval) interval = restFor < options.Scheduler.MaxErrorBackoff ? restFor : options.Scheduler.MaxErrorBackoff;
        await sources.RecordPollAsync(source.Id, now, sourceError, interval, now + interval, ct);
        return new SourcePollReport(source.Id, source.Name, fetched, notModified, candidates.Count, todo.Count, stored, present, rejected, failed,
            sourceError, now + interval);
    }

    /// <summary>Reads one endpoint; whatever it throws is that endpoint's error, and the source's other endpoints are still read.</summary>
    private async Task<(IReadOnlyList<DiscoveredEntry> Links, FetchOutcome Outcome, string? Error, TimeSpan? RetryAfter)> ReadEndpointSafelyAsync(
        Source source, SourceEndpoint endpoint, List<EndpointValidators> validators, CancellationToken ct)
    {
        try
        {
            return await ReadEndpointAsync(source, endpoint, validators, ct);
        }
        catch (Exception e) when (!IngestPipeline.IsCallerCancellation(e, ct))
        {
            string error = $"{e.GetType().Name}: {e.Message}";
            log?.Invoke($"{endpoint.Url}: {error}");
            return ([], FetchOutcome.NetworkError, error, null);
        }
    }

    private async Task<(IReadOnlyList<DiscoveredEntry> Links, FetchOutcome Outcome, string? Error, TimeSpan? RetryAfter)> ReadEndpointAsync(
        Source source, SourceEndpoint endpoint, List<EndpointValidators> validators, CancellationToken ct)
    {
        if (!Uri.TryCreate(endpoint.Url, UriKind.Absolute, out var url)) return ([], FetchOutcome.Blocked, "not an absolute URL", null);
        var now = clock.GetUtcNow();
        bool full = endpoint.LastFullFetch is null || now - endpoint.LastFullFetch.Value >= options.FullRefetchInterval;
        var request = new FetchRequest(url, source.AllowPrivate, FetchPurpose.Endpoint)
        {
            SourceId = source.Id,
            ETag = full ? null : endpoint.ETag,
            LastModified = full ? null : endpoint.LastModified,
        };
        var result = await fetcher.FetchAsync(request, ct);
        if (result.Outcome == FetchOutcome.NotModified)
        {
            await sources.UpdateEndpointAsync(endpoint.Id, result.ETag, result.LastModified, now, fullFetch: false, null, ct);
            return ([], result.Outcome, null, null);
        }
        if (!result.Succeeded || result.Body is null)
        {
            string error = result.Error ?? "no body";
            await sources.UpdateEndpointAsync(endpoint.Id, null, null, now, false, error, ct);
            return ([], result.Outcome, error, result.RetryAfter);
        }

        var baseUrl = result.FinalUrl ?? url;
        DiscoveredLinks links;
        if (endpoint.Kind == EndpointKind.Listing && !FeedParser.LooksLikeFeed(result.Body))
        {
            string html = TextDecoding.Decode(result.Body, CharsetDetection.ForPage(result.Body, result.Charset), allowLegacyGuess: true).Text ?? "";
            links = Discovery.FindArticleLinks(html, baseUrl);
        }
        else
        {
            links = FeedParser.Parse(result.Body, baseUrl, result.Charset);
        }
        if (links.Kind == DiscoveryKind.Unknown)
        {
            string error = links.Warning ?? "not a feed or sitemap";
            await sources.UpdateEndpointAsync(endpoint.Id, null, null, now, false, error, ct);
            return ([], FetchOutcome.UnsupportedContent, error, null);
        }
        if (links.Warning is not null) log?.Invoke($"{endpoint.Url}: {links.Warning}");

        var all = new List<DiscoveredEntry>(links.Entries);
        if (links.ChildSitemaps.Count > 0) all.AddRange(await ReadChildSitemapsAsync(source, links.ChildSitemaps, ct));
        if (links.Kind is DiscoveryKind.Sitemap or DiscoveryKind.SitemapIndex)
        {
            // A sitemap lists the site's archive: only recent entries are followed (feeds list a few items; all are taken).
            var cutoff = now - options.MaxEntryAge;
            all.RemoveAll(e => e.Published is { } p && p < cutoff);
        }
        validators.Add(new EndpointValidators(endpoint.Id, result.ETag, result.LastModified, now, full));
        return (all, FetchOutcome.Ok, null, null);
    }

    /// <summary>The most recently modified children of a sitemap index (one level; a child that is itself an index is not followed).</summary>
    private async Task<IReadOnlyList<DiscoveredEntry>> ReadChildSitemapsAsync(Source source, IReadOnlyList<DiscoveredEntry> children, CancellationToken ct)
    {
        var chosen = children.Any(c => c.Published is not null)
            ? children.OrderByDescending(c => c.Published ?? DateTimeOffset.MinValue).Take(options.ChildSitemapsPerPoll)
            : children.TakeLast(options.ChildSitemapsPerPoll);
        var entries = new List<DiscoveredEntry>();
        foreach (var child in chosen)
        {
            if (!Uri.TryCreate(child.Url, UriKind.Absolute, out var url)) continue;
            _childSitemaps.TryGetValue(child.Url, out var known);
            if (known.LastMod is { } seenMod && child.Published is { } mod && mod <= seenMod) continue; // unchanged since last read
            var result = await fetcher.FetchAsync(new FetchRequest(url, source.AllowPrivate, FetchPurpose.Endpoint)
            {
                SourceId = source.Id, ETag = known.ETag, LastModified = known.LastModified,
            }, ct);
            if (!result.Succeeded || result.Body is null) continue;
            var parsed = FeedParser.Parse(result.Body, result.FinalUrl ?? url, result.Charset);
            entries.AddRange(parsed.Entries);
            _childSitemaps[child.Url] = (result.ETag, result.LastModified, child.Published);
        }
        return entries;
    }

    /// <summary>
    /// One feed entry, whatever it does: an exception from any stage for this page is recorded against its address
    /// (seen_urls, to be retried, and the item error log, with the reason) and the poll goes on to the next entry.
    /// </summary>
    private async Task<(SeenState? State, TimeSpan? RetryAfter)> FetchPageSafelyAsync(Source source, HashSet<string> ownHosts, string canonical,
        string? feedSection, HashSet<string> settled, CancellationToken ct)
    {
        try
        {
            return await FetchPageAsync(source, ownHosts, canonical, feedSection, settled, ct);
        }
        catch (Exception e) when (!IngestPipeline.IsCallerCancellation(e, ct))
        {
            string reason = $"{e.GetType().Name}: {e.Message}";
            log?.Invoke($"{canonical}: {reason}");
            try
            {
                await seenUrls.MarkAsync(canonical, source.Id, SeenState.Failed, null, reason, clock.GetUtcNow(), ct);
            }
            catch (Exception inner) when (!IngestPipeline.IsCallerCancellation(inner, ct))
            {
                log?.Invoke($"{canonical}: could not record the failure: {inner.Message}");
            }
            await pipeline.RecordProblemAsync(IngestOutcome.Failed(canonical, reason, IngestStage.Fetch), source.Id, ct);
            return (SeenState.Failed, null);
        }
    }

    /// <summary>
    /// Fetches and ingests one article page; null means it was already in the archive. <paramref name="feedSection"/>
    /// (the feed item's &lt;category&gt;) goes with the page, the section when the page names none.
    /// </summary>
    private async Task<(SeenState? State, TimeSpan? RetryAfter)> FetchPageAsync(Source source, HashSet<string> ownHosts, string canonical,
        string? feedSection, HashSet<string> settled, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        // Without tracking parameters: no campaign is credited with our visit.
        if (!Uri.TryCreate(canonical, UriKind.Absolute, out var url))
        {
            await seenUrls.MarkAsync(canonical, source.Id, SeenState.Rejected, null, "not a valid URL", now, ct);
            await pipeline.RecordProblemAsync(IngestOutcome.Rejected(canonical, "not a valid URL", IngestStage.Fetch), source.Id, ct);
            return (SeenState.Rejected, null);
        }
        bool allowPrivate = source.AllowPrivate && ownHosts.Contains(url.Authority);
        var result = await fetcher.FetchAsync(new FetchRequest(url, allowPrivate, FetchPurpose.Page) { SourceId = source.Id }, ct);
        now = clock.GetUtcNow();
        if (!result.Succeeded || result.Body is null)
        {
            // Refusals that will not change (robots, blocked address, 404/410, not a page) are final; the rest are retried.
            bool final = result.Outcome is FetchOutcome.DisallowedByRobots or FetchOutcome.Blocked or FetchOutcome.UnsupportedContent or FetchOutcome.TooLarge
                || result.Status is 404 or 410 or 401 or 403;
            var state = final ? SeenState.Rejected : SeenState.Failed;
            await seenUrls.MarkAsync(canonical, source.Id, state, null, result.Error, now, ct);
            await pipeline.RecordProblemAsync(new IngestOutcome(canonical, final ? IngestStatus.Rejected : IngestStatus.Failed,
                Reason: result.Error ?? result.Outcome.ToString(), Stage: IngestStage.Fetch), source.Id, ct);
            return (state, result.RetryAfter);
        }
        var finalUrl = result.FinalUrl ?? url;
        // The same article under another address (a slug variant, a mobile path) declares the address it lives at.
        string? declared = Discovery.FindCanonicalLink(result.Body, finalUrl);
        if (declared is not null && declared != canonical && await seenUrls.FindArticleIdAsync(declared, ct) is { } sameArticle)
        {
            await seenUrls.MarkAsync(canonical, source.Id, SeenState.Stored, sameArticle, $"same article as {declared}", now, ct);
            return (null, null);
        }
        var document = new IncomingDocument(finalUrl.AbsoluteUri, DocumentFormat.Html, result.Body, now, finalUrl,
            CharsetDetection.ForPage(result.Body, result.Charset), Fetched: now, SourceId: source.Id, FeedSection: feedSection);
        // The store and every later stage in one transaction (one commit per article instead of one per store call).
        var outcome = (await pipeline.IngestManyAsync([document], ct))[0];
        if (outcome.Status == IngestStatus.Failed)
        {
            await seenUrls.MarkAsync(canonical, source.Id, SeenState.Failed, null, outcome.Reason, now, ct);
            return (SeenState.Failed, null);
        }
        var seen = outcome.Status == IngestStatus.Rejected ? SeenState.Rejected : SeenState.Stored;
        string? reason = outcome.Reason ?? outcome.Note;
        await seenUrls.MarkAsync(canonical, source.Id, seen, outcome.ArticleId, reason, now, ct);
        if (UrlCanonicaliser.Canonicalise(finalUrl) is { } finalCanonical && finalCanonical != canonical)
        {
            await seenUrls.MarkAsync(finalCanonical, source.Id, seen, outcome.ArticleId, reason, now, ct);
            settled.Add(finalCanonical);
        }
        if (declared is not null && declared != canonical && seen == SeenState.Stored)
        {
            await seenUrls.MarkAsync(declared, source.Id, seen, outcome.ArticleId, reason, now, ct);
            settled.Add(declared);
        }
        return (outcome.Status switch
        {
            IngestStatus.Stored => SeenState.Stored,
            IngestStatus.AlreadyPresent => null,
            _ => SeenState.Rejected,
        }, null);
    }

    /// <summary>A one-line summary of a poll, for the console.</summary>
    public static string Describe(SourcePollReport r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return string.Create(CultureInfo.InvariantCulture,
            $"{r.SourceName}: {r.EndpointsFetched} fetched, {r.EndpointsNotModified} unchanged, {r.EntriesFound} links, {r.NewUrls} new → stored {r.Stored}, present {r.AlreadyPresent}, rejected {r.Rejected}, failed {r.Failed}{(r.Error is null ? "" : " — " + r.Error)}");
    }
}
