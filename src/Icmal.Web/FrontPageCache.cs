using Icmal.Storage;

namespace Icmal.Web;

/// <summary>What the first page of the front page shows from the archive: the latest originals, their copies and sections, the top stories.</summary>
public sealed record FrontPageBlocks(ArticlePage Latest, CopyFolding Copies, IReadOnlyDictionary<long, Icmal.Text.Categories.NewsCategory> Categories,
    IReadOnlyList<RankedStory> TopStories);

/// <summary>
/// The front page's blocks, kept by a <see cref="StampedCache{TKey, TValue}"/>: the front page is the most requested
/// page and the same for every reader, and reading it costs several queries (issue #19: p99 ≤ 50 ms and ≥ 1,000
/// requests/s at 100,000 articles).
/// </summary>
public sealed class FrontPageCache(Stores store)
{
    /// <summary>How far back from the latest report the top stories are ranked.</summary>
    public static readonly TimeSpan TopStoryWindow = TimeSpan.FromHours(24);

    private readonly StampedCache<(ArticlePageQuery Query, int TopStories), FrontPageBlocks> _cache = new(store.Database);

    /// <summary>The blocks of the first page, read by <paramref name="query"/> (the first page's query, originals only).</summary>
    public Task<FrontPageBlocks> GetAsync(ArticlePageQuery query, int topStories, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        return _cache.GetAsync((query, topStories), async ct =>
        {
            var latest = await store.Articles.ListPageAsync(query, ct);
            return new FrontPageBlocks(latest, await CopyFolding.LoadAsync(store, latest.Items, ct), await BrowseRoutes.CategoriesOfAsync(store, latest.Items, ct),
                await store.Stories.RankRecentAsync(TopStoryWindow, topStories, ct));
        }, ct);
    }
}
