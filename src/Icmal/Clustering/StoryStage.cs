using Icmal.Analysis;
using Icmal.Storage;

namespace Icmal.Clustering;

/// <summary>
/// The cluster stage of the pipeline: puts each stored article into a story and records it. Articles stored but not
/// yet clustered (a process killed between the two steps) are picked up by <see cref="CatchUpAsync"/> at start.
/// </summary>
public sealed class StoryStage
{
    /// <summary>How many recent articles rebuild the clusterer's memory at start.</summary>
    public const int WarmArticles = 5000;

    private readonly StoryStore _store;
    private readonly StoryClusterer _clusterer;
    private readonly SemaphoreSlim _gate = new(1, 1);

    private StoryStage(StoryStore store, StoryClusterer clusterer)
    {
        _store = store;
        _clusterer = clusterer;
    }

    /// <summary>Builds the stage over a store: replays recent stories, then clusters anything left unclustered.</summary>
    public static async Task<StoryStage> OpenAsync(StoryStore store, CancellationToken ct, StoryClusterer? clusterer = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        var stage = new StoryStage(store, clusterer ?? new StoryClusterer());
        var (recent, pending) = await store.LoadClusterStateAsync(WarmArticles, ct);
        // The stored articles' terms are recomputed by the same analysis the live path ran (title and lead only, all
        // that clustering reads), so a restarted clusterer holds what the running one held. The analysis is pure and
        // thread-safe, so it runs on every core; the clusterer then remembers the articles in their stored order.
        var terms = new ArticleTerms[recent.Count];
        Parallel.For(0, recent.Count, new ParallelOptions { CancellationToken = ct },
            i => terms[i] = ArticleAnalyzer.LeadTerms(recent[i].Title, recent[i].Body, recent[i].Language));
        for (int i = 0; i < recent.Count; i++)
            stage._clusterer.Remember(new ClusterInput(recent[i].ArticleId, terms[i], recent[i].Published), recent[i].StoryId!.Value);
        foreach (var row in pending)
        {
            try
            {
                await stage.AssignAsync(row.ArticleId, row.Title, ArticleAnalyzer.LeadTerms(row.Title, row.Body, row.Language), row.Published, row.Archived, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                // One article the store will not cluster must not keep the stage (and the portal) from starting;
                // it stays unclustered and is tried again at the next start.
            }
        }
        return stage;
    }

    /// <summary>
    /// Puts a stored article into a story by the terms its analysis made; when the member that best represents the
    /// story changes (<see cref="StoryAssignment.HeadlineArticleId"/>), the story takes its headline.
    /// </summary>
    public Task<long> AssignAsync(long articleId, AnalysedArticle analysed, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(analysed);
        var article = analysed.Article;
        return AssignAsync(articleId, article.Title, analysed.Terms, article.PlausiblePublished, article.Archived, ct);
    }

    private async Task<long> AssignAsync(long articleId, string title, ArticleTerms terms, DateTimeOffset? published, DateTimeOffset archived, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        StoryAssignment? assignment = null;
        try
        {
            assignment = _clusterer.Assign(new ClusterInput(articleId, terms, published));
            long storyId = await _store.AssignAsync(articleId, assignment.IsNew ? null : assignment.StoryKey, title, published ?? archived, ct,
                assignment.IsNew ? null : assignment.HeadlineArticleId);
            if (assignment.IsNew) _clusterer.Rekey(assignment.StoryKey, storyId);
            return storyId;
        }
        catch when (assignment is { IsNew: true })
        {
            _clusterer.Drop(assignment.StoryKey); // the store has no such story: nothing may join it
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }
}
