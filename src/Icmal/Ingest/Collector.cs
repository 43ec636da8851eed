using Icmal.Collection;
using Icmal.Storage;

namespace Icmal.Ingest;

/// <summary>
/// The collector's parts wired together over the stores: the fetcher (recording every fetch in the fetch log), the
/// crawler, the same crawler polling only the sources it has leased (one owner name per collector) and the background
/// worker. The commands build one of these; nothing else holds global state.
/// </summary>
public sealed class Collector : IDisposable
{
    /// <param name="pipeline">The ingest pipeline every fetched page goes through (<see cref="IngestPipeline.OpenAsync"/>).</param>
    public Collector(Stores stores, IngestPipeline pipeline, FetchOptions fetchOptions, CrawlOptions crawlOptions, TimeProvider clock,
        Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(stores);
        ArgumentNullException.ThrowIfNull(pipeline);
        Fetcher = new HttpFetcher(fetchOptions, new HostPoliteness(clock), clock,
            (result, ct) => stores.Fetches.RecordAsync(result, keepBody: result.Request.Purpose is FetchPurpose.Endpoint or FetchPurpose.Discovery && result.Succeeded, ct));
        Crawler = new Crawler(stores.Sources, stores.SeenUrls, pipeline, Fetcher, crawlOptions, clock, log);
        Leased = new LeasedCrawler(stores.Sources, Crawler, crawlOptions, clock, LeasedCrawler.NewOwner(), log);
        Worker = new CollectorWorker(stores.Sources, stores.Fetches, stores.ItemErrors, Leased, crawlOptions, clock, log);
        Discoverer = new SourceDiscoverer(Fetcher);
    }

    public HttpFetcher Fetcher { get; }
    public Crawler Crawler { get; }
    /// <summary>The crawler as one of several sharing the archive's sources by leases (what `crawl` and `serve` run).</summary>
    public LeasedCrawler Leased { get; }
    public CollectorWorker Worker { get; }
    public SourceDiscoverer Discoverer { get; }

    public void Dispose() => Fetcher.Dispose();
}
