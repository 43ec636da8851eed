using Icmal.Collection;
using Icmal.Storage;

namespace Icmal.Ingest;

/// <summary>
/// The collector's parts wired together over one store: the fetcher (recording every fetch in the store), the
/// crawler and the background worker. The commands build one of these; nothing else holds global state.
/// </summary>
public sealed class Collector : IDisposable
{
    /// <param name="pipeline">The ingest pipeline every fetched page goes through (<see cref="IngestPipeline.OpenAsync"/>).</param>
    public Collector(IcmalStore store, IngestPipeline pipeline, FetchOptions fetchOptions, CrawlOptions crawlOptions, TimeProvider clock,
        Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(pipeline);
        Fetcher = new HttpFetcher(fetchOptions, new HostPoliteness(clock), clock,
            (result, ct) => store.RecordFetchAsync(result, keepBody: result.Request.Purpose is FetchPurpose.Endpoint or FetchPurpose.Discovery && result.Succeeded, ct));
        Crawler = new Crawler(store, pipeline, Fetcher, crawlOptions, clock, log);
        Worker = new CollectorWorker(store, Crawler, crawlOptions, clock, log);
        Discoverer = new SourceDiscoverer(Fetcher);
    }

    public HttpFetcher Fetcher { get; }
    public Crawler Crawler { get; }
    public CollectorWorker Worker { get; }
    public SourceDiscoverer Discoverer { get; }

    public void Dispose() => Fetcher.Dispose();
}
