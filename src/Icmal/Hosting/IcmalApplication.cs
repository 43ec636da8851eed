using System.Globalization;
using Icmal.Collection;
using Icmal.Import;
using Icmal.Storage;
using Icmal.Model;
using Icmal.Ingest;

namespace Icmal.Hosting;

/// <summary>
/// The one composition root: every command and the server get their store, their full ingest pipeline (with the story
/// stage, so no caller can forget it) and their collector (with the configured fetch and crawl settings) from here,
/// and the first-start chores (the built-in sources, the bundled sample) live here rather than in one command that
/// another calls.
/// </summary>
public sealed class IcmalApplication : IDisposable
{
    private const string SampleSetting = "sample_imported";
    private const string DefaultsSetting = "default_sources_added";

    private IcmalApplication(IcmalOptions options, Stores store, IngestPipeline pipeline, Collector collector)
    {
        Options = options;
        Store = store;
        Pipeline = pipeline;
        Collector = collector;
    }

    public IcmalOptions Options { get; }
    public Stores Store { get; }
    public IngestPipeline Pipeline { get; }
    public Collector Collector { get; }

    /// <summary>
    /// Only the store, for commands that read or edit what is stored (articles, sources) and ingest nothing: they skip
    /// warming the story stage from the archive.
    /// </summary>
    public static Task<Stores> OpenStoreAsync(IcmalOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Stores.OpenAsync(options.ParseDatabase(), ct);
    }

    /// <summary>
    /// The stores the portal reads: a replica's (<see cref="IcmalOptions.ReadDatabase"/>) when one is set, opened
    /// read-only; with <see cref="PortalSettings.ReadOnly"/> and no replica, <see cref="IcmalOptions.Database"/> opened
    /// read-only; otherwise <paramref name="primary"/>, the writing application's own stores. A read-only open runs no
    /// migration and no catch-up: it checks the schema's version instead.
    /// </summary>
    public static async Task<Stores> OpenPortalStoreAsync(IcmalOptions options, Stores? primary, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(options.ReadDatabase) || options.Portal.ReadOnly || primary is null)
            return await Stores.OpenReadOnlyAsync(options.ParseReadDatabase(), ct);
        return primary;
    }

    /// <summary>Opens the database and builds the pipeline (story stage warmed from the archive) and the collector.</summary>
    /// <param name="log">Where the collector reports each poll's problems (a command's stderr).</param>
    public static async Task<IcmalApplication> OpenAsync(IcmalOptions options, Action<string>? log, CancellationToken ct)
    {
        var store = await OpenStoreAsync(options, ct);
        var pipeline = await IngestPipeline.OpenAsync(store, ct);
        var collector = new Collector(store, pipeline, options.Fetch, options.Crawl, TimeProvider.System, log);
        return new IcmalApplication(options, store, pipeline, collector);
    }

    /// <summary>
    /// The sources a one-off crawl polls: those named (by id, name or home URL), or every enabled one when none is
    /// named; with the names that matched no source.
    /// </summary>
    public async Task<(IReadOnlyList<Source> Chosen, IReadOnlyList<string> Unknown)> ChooseSourcesAsync(IReadOnlyList<string> keys, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0) return ([.. (await Store.Sources.ListAsync(ct)).Where(s => s.Enabled)], []);
        var chosen = new List<Source>();
        var unknown = new List<string>();
        foreach (string key in keys)
        {
            if (await Store.Sources.FindAsync(key, ct) is { } source) chosen.Add(source);
            else unknown.Add(key);
        }
        return (chosen, unknown);
    }

    /// <summary>
    /// Finds a site's feeds, sitemaps or listing pages with the configured fetch settings, without opening the rest of
    /// the application: adding a source stores nothing else and needs no warmed story stage.
    /// </summary>
    public static async Task<DiscoveryResult> DiscoverSourceAsync(IcmalOptions options, Uri url, string? name, bool allowPrivate, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var fetcher = new HttpFetcher(options.Fetch, new HostPoliteness(TimeProvider.System), TimeProvider.System);
        return await new SourceDiscoverer(fetcher).DiscoverAsync(url, name, allowPrivate, ct);
    }

    /// <summary>Searches over this application's store (the portal, the API and `icmal search`).</summary>
    public Search.Searcher Searcher => _searcher ??= new Search.Searcher(Store);

    private Search.Searcher? _searcher;

    /// <summary>A searcher over a store opened alone (<see cref="OpenStoreAsync"/>), for commands that only search.</summary>
    public static Search.Searcher SearcherOver(Stores store) => new(store);

    /// <summary>Rebuilds the search index of a store (`icmal reindex`).</summary>
    public static Search.Reindexer ReindexerOver(Stores store) => new(store);

    /// <summary>
    /// An importer into the configured database for `icmal import`, opened so that its start overlaps: the database is
    /// opened and migrated first (under the migration lock) as for every command; then the catch-ups of what a stopped
    /// process left (<see cref="Stores.OpenAsync"/>'s search index, facts and categories, the copy detector's and the
    /// story stage's) and the story stage's warm start run while the importer reads and analyses its first batches,
    /// which are stored once they are done (<see cref="IngestPipeline.Preparing"/>). Into a 1M PostgreSQL archive these
    /// are mostly the server's reads, which the analysis's CPU work now overlaps (docs/benchmarks.md, "startup").
    /// </summary>
    public static async Task<Importer> OpenImporterAsync(IcmalOptions options, ImportOptions import, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        var stores = Stores.Over(await Database.OpenAsync(options.ParseDatabase(), ct));
        var pipeline = IngestPipeline.Preparing(stores);
        var opening = Task.Run(async () =>
        {
            await Stores.CatchUpAsync(stores, ct);
            await pipeline.OpenRelatingStagesAsync(ct);
        }, ct);
        return new Importer(pipeline, opening, import);
    }

    /// <summary>An importer of files into this application's pipeline.</summary>
    public Importer CreateImporter(ImportOptions options) => new(Pipeline, options);

    /// <summary>Adds the built-in Azerbaijani portals, disabled; returns how many were new.</summary>
    public Task<int> AddDefaultSourcesAsync(CancellationToken ct) => AddDefaultSourcesAsync(Store, ct);

    /// <inheritdoc cref="AddDefaultSourcesAsync(CancellationToken)"/>
    public static async Task<int> AddDefaultSourcesAsync(Stores store, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        int added = 0;
        foreach (var d in DefaultSources.All)
            if ((await store.Sources.AddAsync(d, enabled: false, allowPrivate: false, ct)).Created) added++;
        return added;
    }

    /// <summary>
    /// The first start of a server on this database: the built-in sources are added (disabled), and the sample in
    /// <paramref name="sampleFolder"/> is imported into an empty archive so that the portal is never empty. An archive
    /// that already holds articles (imported, moved up or crawled before its first serve) is left as it is: five
    /// texts about a 2025 state visit had no place in a newsroom's own archive. Each happens once per database (a
    /// setting records it), so sources the user removed do not come back. Null when the sample was not imported now.
    /// </summary>
    public async Task<ImportTally?> PrepareFirstStartAsync(string? sampleFolder, CancellationToken ct)
    {
        if (await Store.Settings.GetAsync(DefaultsSetting, ct) is null)
        {
            await AddDefaultSourcesAsync(ct);
            await Store.Settings.SetAsync(DefaultsSetting, Now(), ct);
        }
        if (sampleFolder is null || !Directory.Exists(sampleFolder) || await Store.Settings.GetAsync(SampleSetting, ct) is not null) return null;
        if (await Store.Articles.AnyAsync(ct))
        {
            await Store.Settings.SetAsync(SampleSetting, Now(), ct);
            return null;
        }
        var tally = new ImportTally();
        await foreach (var e in CreateImporter(new ImportOptions()).ImportAsync([sampleFolder], ct)) tally.Count(e.Outcome);
        await Store.Settings.SetAsync(SampleSetting, Now(), ct);
        return tally;
    }

    private static string Now() => DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);

    public void Dispose() => Collector.Dispose();
}

/// <summary>What an import did: stored, already present, and each rejected item with its reason.</summary>
public sealed class ImportTally
{
    public int Stored { get; private set; }
    public int Present { get; private set; }
    public List<IngestOutcome> Rejected { get; } = [];

    public void Count(IngestOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        switch (outcome.Status)
        {
            case IngestStatus.Stored: Stored++; break;
            case IngestStatus.AlreadyPresent: Present++; break;
            default: Rejected.Add(outcome); break;
        }
    }
}
