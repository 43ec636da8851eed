using Icmal.Pipeline;
using Icmal.Storage;

namespace Icmal.Collection;

/// <summary>
/// The collector's parts wired together over the stores: the fetcher (recording every fetch in the fetch log), the
/// crawler and the background worker. The commands build one of these; nothing else holds global state.
/// </summary>
public sealed class Collector : IDisposable
{
    /// <param name="afterStore">Later stages (analyse, cluster, index), called with each newly stored article's id.</param>
    /// <param name="pipeline">The ingest pipeline pages go through (with its story stage); a bare one over the store when null.</param>
    public Collector(Stores stores, FetchOptions fetchOptions, CrawlOptions crawlOptions, TimeProvider clock, Action<string>? log = null,
        Func<long, CancellationToken, Task>? afterStore = null, IngestPipeline? pipeline = null)
    {
        ArgumentNullException.ThrowIfNull(stores);
        Fetcher = new HttpFetcher(fetchOptions, new HostPoliteness(clock), clock,
            (result, ct) => stores.Fetches.RecordAsync(result, keepBody: result.Request.Purpose is FetchPurpose.Endpoint or FetchPurpose.Discovery && result.Succeeded, ct));
        Crawler = new Crawler(stores.Sources, stores.SeenUrls, pipeline ?? new IngestPipeline(stores.Articles, stores.ItemErrors), Fetcher, crawlOptions, clock, log, afterStore);
        Worker = new CollectorWorker(stores.Sources, stores.Fetches, stores.ItemErrors, Crawler, crawlOptions, clock, log);
        Discoverer = new SourceDiscoverer(Fetcher);
    }

    public HttpFetcher Fetcher { get; }
    public Crawler Crawler { get; }
    public CollectorWorker Worker { get; }
    public SourceDiscoverer Discoverer { get; }

    public void Dispose() => Fetcher.Dispose();
}
