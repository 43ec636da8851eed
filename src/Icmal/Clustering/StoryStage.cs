using Icmal.Analysis;
using Icmal.Storage;

namespace Icmal.Clustering;

/// <summary>
/// The cluster stage of the pipeline: puts stored articles into stories and records it. Articles stored but not yet
/// clustered (a process killed between the two steps) are picked up at start (<see cref="OpenAsync"/>).
/// </summary>
/// <remarks>
/// Several processes may cluster into one archive (crawlers with source leases on one PostgreSQL database, a crawl
/// beside an import on SQLite), each with its own clusterer in memory. So each batch, inside the store's lock on
/// story assignment (<see cref="StoryStore.AssignManyAsync"/>), first learns what the others put into stories since it
/// last looked (replayed with <see cref="StoryClusterer.Remember"/>), then assigns its own: an article crawled by one
/// process joins the story another started, and no two processes start a story for one event.
/// </remarks>
public sealed class StoryStage
{
    /// <summary>How many recent articles rebuild the clusterer's memory at start, and the most one catch-up replays.</summary>
    public const int WarmArticles = 5000;

    /// <summary>How many unclustered articles the start clusters per transaction.</summary>
    private const int PendingBatch = 250;

    private readonly StoryStore _store;
    private readonly StoryClusterer _clusterer;
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>The story order's number (<see cref="StoryOrderStep"/>) through which the clusterer knows every assignment.</summary>
    private long _seenThrough;

    /// <summary>The articles this stage assigned after <see cref="_seenThrough"/>: the next catch-up leaves them out.</summary>
    private readonly HashSet<long> _own = [];

    private StoryStage(StoryStore store, StoryClusterer clusterer)
    {
        _store = store;
        _clusterer = clusterer;
    }

    /// <summary>The story order's number through which this stage has learned every assignment (for the tests).</summary>
    internal long SeenThrough => _seenThrough;

    /// <summary>Builds the stage over a store: replays recent stories, then clusters anything left unclustered.</summary>
    public static async Task<StoryStage> OpenAsync(StoryStore store, CancellationToken ct, StoryClusterer? clusterer = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        var stage = new StoryStage(store, clusterer ?? new StoryClusterer());
        var state = await store.LoadClusterStateAsync(WarmArticles, ct);
        stage.Replay(state.Recent, ct);
        stage._seenThrough = state.Through;
        stage._passedOver.UnionWith(state.Unreadable);
        foreach (var chunk in state.Unclustered.Chunk(PendingBatch))
        {
            var arrivals = chunk.Select(row => new Arrival(row.ArticleId, row.Title,
                ArticleAnalyzer.LeadTerms(row.Title, row.Body, row.Language), row.Published, row.Archived)).ToList();
            if (await stage.TryAssignAsync(arrivals, ct)) continue;
            // One article the store will not cluster must not keep the others (nor the stage, nor the portal) from
            // starting: one by one, each that fails stays unclustered and is tried again at the next start.
            foreach (var arrival in arrivals)
                if (!await stage.TryAssignAsync([arrival], ct)) stage._passedOver.Add(arrival.ArticleId);
        }
        return stage;
    }

    private readonly HashSet<long> _passedOver = [];

    /// <summary>
    /// The unclustered articles <see cref="OpenAsync"/> could not read or put into a story: they stay in none, and the
    /// next start tries them again.
    /// </summary>
    public IReadOnlySet<long> PassedOver => _passedOver;

    /// <summary>
    /// Puts a stored article into a story by the terms its analysis made; when the member that best represents the
    /// story changes (<see cref="StoryAssignment.HeadlineArticleId"/>), the story takes its headline.
    /// </summary>
    public async Task<long> AssignAsync(long articleId, AnalysedArticle analysed, CancellationToken ct) =>
        (await AssignManyAsync([(articleId, analysed)], ct))[0];

    /// <summary>
    /// Puts stored articles into stories, in their order, in one transaction (the batch's, inside one): each article
    /// sees the ones before it as it would had they come one by one. Returns each article's story.
    /// </summary>
    public Task<IReadOnlyList<long>> AssignManyAsync(IReadOnlyList<(long ArticleId, AnalysedArticle Analysed)> items, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(items);
        var arrivals = new List<Arrival>(items.Count);
        foreach (var (id, analysed) in items)
        {
            ArgumentNullException.ThrowIfNull(analysed);
            arrivals.Add(new Arrival(id, analysed.Article.Title, analysed.Terms, analysed.Article.PlausiblePublished, analysed.Article.Archived));
        }
        return AssignManyAsync(arrivals, ct);
    }

    private async Task<bool> TryAssignAsync(IReadOnlyList<Arrival> arrivals, CancellationToken ct)
    {
        try
        {
            await AssignManyAsync(arrivals, ct);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>An article to cluster: what the clusterer reads of it and what a story it starts is first called.</summary>
    private sealed record Arrival(long ArticleId, string Title, ArticleTerms Terms, DateTimeOffset? Published, DateTimeOffset Archived);

    private async Task<IReadOnlyList<long>> AssignManyAsync(IReadOnlyList<Arrival> arrivals, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        var started = new List<long>();
        var planned = new Dictionary<long, long>();
        var clustered = new Dictionary<long, long>(); // the batch's articles another process clustered meanwhile
        try
        {
            var done = await _store.AssignManyAsync(_seenThrough, _own, WarmArticles, catchUp =>
            {
                // Inside the store's lock: what the others assigned first, then this batch, as one process would.
                Replay(catchUp.Rows, ct);
                _seenThrough = Math.Max(_seenThrough, catchUp.Through);
                _own.Clear();
                var byOthers = catchUp.Rows.ToDictionary(r => r.ArticleId, r => r.StoryId!.Value);
                var joins = new List<StoryJoin>(arrivals.Count);
                foreach (var a in arrivals)
                {
                    if (byOthers.ContainsKey(a.ArticleId) || planned.ContainsKey(a.ArticleId)) continue;
                    var assignment = _clusterer.Assign(new ClusterInput(a.ArticleId, a.Terms, a.Published));
                    if (assignment.IsNew) started.Add(assignment.StoryKey);
                    planned[a.ArticleId] = assignment.StoryKey;
                    _own.Add(a.ArticleId);
                    joins.Add(new StoryJoin(a.ArticleId, assignment.StoryKey, assignment.IsNew, a.Title, a.Published ?? a.Archived,
                        assignment.IsNew ? null : assignment.HeadlineArticleId));
                }
                foreach (var (id, story) in byOthers) clustered.TryAdd(id, story);
                return joins;
            }, ct);
            foreach (var (key, id) in done.NewStories) _clusterer.Rekey(key, id);
            started.Clear();
            return arrivals.Select(a => done.StoryOf.TryGetValue(a.ArticleId, out long s) ? s
                : clustered.TryGetValue(a.ArticleId, out s) ? s
                : throw new InvalidOperationException($"article {a.ArticleId} was put into no story")).ToList();
        }
        finally
        {
            // Stories started in memory whose write failed: nothing may join them.
            foreach (long key in started) _clusterer.Drop(key);
            _gate.Release();
        }
    }

    /// <summary>
    /// Replays stored assignments into the clusterer, in their order. Their terms are recomputed by the same analysis
    /// the live path ran (title and lead only, all that clustering reads), so the clusterer holds what the process
    /// that assigned them held. The analysis is pure and thread-safe, so it runs on every core.
    /// </summary>
    private void Replay(IReadOnlyList<ClusterRow> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return;
        var terms = new ArticleTerms[rows.Count];
        Parallel.For(0, rows.Count, new ParallelOptions { CancellationToken = ct },
            i => terms[i] = ArticleAnalyzer.LeadTerms(rows[i].Title, rows[i].Body, rows[i].Language));
        for (int i = 0; i < rows.Count; i++)
            _clusterer.Remember(new ClusterInput(rows[i].ArticleId, terms[i], rows[i].Published), rows[i].StoryId!.Value);
    }
}
