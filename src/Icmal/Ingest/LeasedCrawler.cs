using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using Icmal.Model;
using Icmal.Storage;

namespace Icmal.Ingest;

/// <summary>
/// The crawler as one of several sharing an archive: it polls a source only while it holds the source's lease
/// (<see cref="SourceStore.LeaseDueAsync"/>), renews the lease while the poll runs, and gives it back once the poll is
/// recorded. Crawlers in one process or on many machines thus never poll one source at once (nor hit one site from two
/// places, which politeness forbids); a crawler that dies mid-poll leaves a lease that runs out after
/// <see cref="CrawlOptions.SourceLease"/>, and the source falls to the next crawler that looks.
/// </summary>
public sealed class LeasedCrawler(SourceStore sources, Crawler crawler, CrawlOptions options, TimeProvider clock, string owner, Action<string>? log = null)
{
    /// <summary>How this crawler signs its leases: host, process and a random part (two collectors in one process differ).</summary>
    public string Owner { get; } = owner;

    /// <summary>A new owner name for this process: "host/pid/random".</summary>
    public static string NewOwner() => string.Create(CultureInfo.InvariantCulture,
        $"{Environment.MachineName}/{Environment.ProcessId}/{RandomNumberGenerator.GetHexString(8, lowercase: true)}");

    /// <summary>
    /// Polls a source this crawler has leased, renewing the lease every third of its length; releases it at the end
    /// whatever happened. When the lease is lost (the database was out of reach longer than a lease, and another
    /// crawler took the source) the poll stops where it is and records nothing: the new holder polls the source.
    /// </summary>
    public async Task<SourcePollReport> PollLeasedAsync(Source source, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(source);
        using var lost = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var done = new CancellationTokenSource();
        var keeper = KeepAsync(source.Id, lost, done.Token);
        try
        {
            return await crawler.PollSourceSafelyAsync(source, lost.Token);
        }
        catch (OperationCanceledException) when (lost.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            string error = "the lease on this source was lost to another crawler; the poll stopped";
            log?.Invoke($"source {source.Name}: {error}");
            return new SourcePollReport(source.Id, source.Name, 0, 0, 0, 0, 0, 0, 0, 0, error, clock.GetUtcNow());
        }
        finally
        {
            await done.CancelAsync();
            await keeper;
            try
            {
                await sources.ReleaseLeaseAsync(source.Id, Owner, CancellationToken.None);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The lease runs out by itself.
                log?.Invoke($"source {source.Name}: could not release its lease: {e.Message}");
            }
        }
    }

    /// <summary>Renews a lease until <paramref name="done"/>; cancels <paramref name="lost"/> when the lease is gone.</summary>
    private async Task KeepAsync(long sourceId, CancellationTokenSource lost, CancellationToken done)
    {
        var every = options.SourceLease / 3;
        try
        {
            while (true)
            {
                await Task.Delay(every, clock, done);
                bool held;
                try
                {
                    held = await sources.RenewLeaseAsync(sourceId, Owner, clock.GetUtcNow(), options.SourceLease, done);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The database is out of reach for a moment: try again; the lease lasts three renewals.
                    log?.Invoke($"source {sourceId.ToString(CultureInfo.InvariantCulture)}: could not renew its lease: {e.Message}");
                    continue;
                }
                if (!held)
                {
                    await lost.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (done.IsCancellationRequested)
        {
            // The poll ended.
        }
    }

    /// <summary>
    /// One crawl of the sources <paramref name="ids"/>, shared with every other crawler doing the same now (`icmal crawl
    /// --once` started on several machines): each source is polled once, by whichever crawler leases it first, up to
    /// <see cref="CrawlOptions.MaxConcurrentSources"/> at a time here. Returns when every one of them has been polled
    /// since this crawl began (by this crawler or another; a source whose holder died is taken when its lease runs out),
    /// with the reports of the polls this crawler made.
    /// </summary>
    public async Task<IReadOnlyList<SourcePollReport>> PollOnceAsync(IReadOnlyCollection<long> ids, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var since = clock.GetUtcNow();
        var remaining = new HashSet<long>(ids);
        var reports = new ConcurrentBag<SourcePollReport>();
        var inFlight = new Dictionary<long, Task>();
        try
        {
            while (true)
            {
                foreach (long finished in inFlight.Where(kv => kv.Value.IsCompleted).Select(kv => kv.Key).ToList()) inFlight.Remove(finished);
                var leased = await sources.LeaseNotPolledSinceAsync(Owner, remaining, since, clock.GetUtcNow(),
                    options.MaxConcurrentSources - inFlight.Count, options.SourceLease, ct);
                foreach (var source in leased)
                {
                    remaining.Remove(source.Id);
                    inFlight[source.Id] = Task.Run(async () => reports.Add(await PollLeasedAsync(source, ct)), CancellationToken.None);
                }
                if (leased.Count > 0) continue;
                if (inFlight.Count == 0)
                {
                    // Nothing of ours running and nothing to take: done, unless another crawler still holds one of them.
                    var all = await sources.ListAsync(ct);
                    if (!all.Any(s => remaining.Contains(s.Id) && (s.LastPolled is null || s.LastPolled < since))) break;
                }
                await Task.WhenAny(inFlight.Values.Append(Task.Delay(TimeSpan.FromSeconds(1), clock, ct)));
                ct.ThrowIfCancellationRequested();
            }
        }
        finally
        {
            // Polls observe the same cancellation; wait for them so that nothing writes after the crawl has returned.
            try
            {
                await Task.WhenAll(inFlight.Values);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // Stopping.
            }
        }
        return [.. reports.OrderBy(r => r.SourceName, StringComparer.Ordinal)];
    }
}
