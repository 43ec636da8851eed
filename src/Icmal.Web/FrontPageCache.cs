using System.Diagnostics;
using Icmal.Storage;

namespace Icmal.Web;

/// <summary>What the first page of the front page shows from the archive: the latest originals, their copies, the top stories.</summary>
public sealed record FrontPageBlocks(ArticlePage Latest, CopyFolding Copies, IReadOnlyDictionary<long, Icmal.Text.Categories.NewsCategory> Categories,
    IReadOnlyList<RankedStory> TopStories);

/// <summary>
/// The front page's blocks, read once and kept while the archive stands where it stood (<see cref="ArchiveStamp"/>:
/// no arrival since) and for at most <see cref="MaxAge"/>: the front page is the most requested page and the same for
/// every reader, and reading it costs several queries (issue #19: p99 ≤ 50 ms and ≥ 1,000 requests/s at 100,000
/// articles). An arrival shows at once; a later stage of an arrival (its story, its copy link) within
/// <see cref="MaxAge"/>. One request rebuilds an entry while the others wait for it, so a burst does not rebuild it 32 times.
/// </summary>
public sealed class FrontPageCache(Stores store)
{
    /// <summary>The longest an entry is kept even when no article arrived.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(3);

    /// <summary>How far back from the latest report the top stories are ranked.</summary>
    public static readonly TimeSpan TopStoryWindow = TimeSpan.FromHours(24);

    private readonly SemaphoreSlim _rebuild = new(1, 1);
    private volatile Entry? _entry;

    private sealed record Entry(ArchiveStamp Stamp, ArticlePageQuery Query, long At, FrontPageBlocks Blocks);

    /// <summary>The blocks of the first page, read by <paramref name="query"/> (the first page's query, originals only).</summary>
    public async Task<FrontPageBlocks> GetAsync(ArticlePageQuery query, int topStories, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var stamp = await ArchiveStamp.ReadAsync(store.Database, ct);
        if (Fresh(_entry, stamp, query) is { } kept) return kept;
        await _rebuild.WaitAsync(ct);
        try
        {
            if (Fresh(_entry, stamp, query) is { } rebuilt) return rebuilt;
            // The stamp is read before the blocks: an arrival in between makes the next request's stamp differ, so
            // the entry is rebuilt then; it never keeps blocks older than its stamp.
            var latest = await store.Articles.ListPageAsync(query, ct);
            var blocks = new FrontPageBlocks(latest, await CopyFolding.LoadAsync(store, latest.Items, ct), await BrowseRoutes.CategoriesOfAsync(store, latest.Items, ct),
                await store.Stories.RankRecentAsync(TopStoryWindow, topStories, ct));
            _entry = new Entry(stamp, query, Stopwatch.GetTimestamp(), blocks);
            return blocks;
        }
        finally
        {
            _rebuild.Release();
        }
    }

    private static FrontPageBlocks? Fresh(Entry? entry, ArchiveStamp stamp, ArticlePageQuery query) =>
        entry is not null && entry.Stamp == stamp && entry.Query == query && Stopwatch.GetElapsedTime(entry.At) < MaxAge ? entry.Blocks : null;
}
