using Icmal.Collection;
using Icmal.Storage;

namespace Icmal.Ingest;

/// <summary>
/// The collector running inside `icmal serve` (and `icmal crawl` without --once): polls enabled sources as they fall
/// due and no other crawler holds them (<see cref="LeasedCrawler"/>), up to <see cref="CrawlOptions.MaxConcurrentSources"/> at a time, each on its own (a slow site with a long
/// Crawl-delay never holds the others back), sleeping until the next is due or a poll ends (checking at least every
/// <see cref="MaxSleep"/> for new or re-enabled sources).
/// </summary>
public sealed class CollectorWorker(SourceStore sources, FetchStore fetches, ItemErrorStore itemErrors, LeasedCrawler crawler, CrawlOptions options, TimeProvider clock, Action<string>? log = null)
{
    public static readonly TimeSpan MaxSleep = TimeSpan.FromSeconds(30);

    /// <summary>Fetch records and item errors older than this are deleted (hourly); feed bodies are kept a week.</summary>
    public static readonly TimeSpan FetchRetention = TimeSpan.FromDays(30);

    public async Task RunAsync(CancellationToken ct)
    {
        var lastPrune = DateTimeOffset.MinValue;
        var inFlight = new Dictionary<long, Task>();
        try
        {
            while (!ct.IsCancellationRequested)
            {
                try
                {
                    foreach (long done in inFlight.Where(kv => kv.Value.IsCompleted).Select(kv => kv.Key).ToList()) inFlight.Remove(done);
                    var now = clock.GetUtcNow();
                    if (now - lastPrune > TimeSpan.FromHours(1))
                    {
                        await fetches.PruneAsync(now - FetchRetention, now - TimeSpan.FromDays(7), ct);
                        await itemErrors.PruneAsync(now - FetchRetention, ct);
                        lastPrune = now;
                    }
                    // Only sources no other crawler holds, each leased to this one for its poll.
                    foreach (var source in await sources.LeaseDueAsync(crawler.Owner, now, options.MaxConcurrentSources - inFlight.Count, options.SourceLease, ct))
                    {
                        inFlight[source.Id] = Task.Run(async () =>
                        {
                            var report = await crawler.PollLeasedAsync(source, ct);
                            if (report.NewUrls > 0 || report.Error is not null) log?.Invoke(Crawler.Describe(report));
                        }, CancellationToken.None);
                    }
                    var next = await sources.NextPollAsync(clock.GetUtcNow(), ct);
                    var sleep = next is { } n ? n - clock.GetUtcNow() : MaxSleep;
                    if (sleep > MaxSleep) sleep = MaxSleep;
                    if (sleep < TimeSpan.FromSeconds(1)) sleep = TimeSpan.FromSeconds(1);
                    await Task.WhenAny(inFlight.Values.Append(Task.Delay(sleep, clock, ct)));
                    ct.ThrowIfCancellationRequested();
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e)
                {
                    // The database was busy or gone for a moment: say so and keep going.
                    log?.Invoke($"collector: {e.GetType().Name}: {e.Message}");
                    await Task.Delay(MaxSleep, clock, ct).ContinueWith(_ => { }, TaskScheduler.Default);
                }
            }
        }
        finally
        {
            // Polls observe the same cancellation; wait for them so nothing writes after the worker has stopped.
            try
            {
                await Task.WhenAll(inFlight.Values);
            }
            catch (OperationCanceledException)
            {
                // Expected on shutdown.
            }
        }
    }
}
