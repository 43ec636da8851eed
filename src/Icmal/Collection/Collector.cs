using Icmal.Pipeline;
using Icmal.Storage;

namespace Icmal.Collection;

/// <summary>
/// The collector's parts wired together over one store: the fetcher (recording every fetch in the store), the
/// crawler and the background worker. The commands build one of these; nothing else holds global state.
/// </summary>
public sealed class Collector : IDisposable
{
    /// <param name="afterStore">Later stages (analyse, cluster, index), called with each newly stored article's id.</param>
    /// <param name="pipeline">The ingest pipeline pages go through (with its story stage); a bare one over the store when null.</param>
    public Collector(IcmalStore store, FetchOptions fetchOptions, CrawlOptions crawlOptions, TimeProvider clock, Action<string>? log = null,
        Func<long, CancellationToken, Task>? afterStore = null, IngestPipeline? pipeline = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        Fetcher = new HttpFetcher(fetchOptions, new HostPoliteness(clock), clock,
            (result, ct) => store.RecordFetchAsync(result, keepBody: result.Request.Purpose is FetchPurpose.Endpoint or FetchPurpose.Discovery && result.Succeeded, ct));
        Crawler = new Crawler(store, pipeline ?? new IngestPipeline(store), Fetcher, crawlOptions, clock, log, afterStore);
        Worker = new CollectorWorker(store, Crawler, crawlOptions, clock, log);
        Discoverer = new SourceDiscoverer(Fetcher);
    }

    public HttpFetcher Fetcher { get; }
    public Crawler Crawler { get; }
    public CollectorWorker Worker { get; }
    public SourceDiscoverer Discoverer { get; }

    public void Dispose() => Fetcher.Dispose();
}
