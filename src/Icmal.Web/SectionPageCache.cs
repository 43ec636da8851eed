using Icmal.Storage;
using Icmal.Text.Categories;

namespace Icmal.Web;

/// <summary>What a section's first page shows from the archive: its newest originals and their copies.</summary>
public sealed record SectionPageBlocks(BrowsePage Page, CopyFolding Copies);

/// <summary>
/// Each section's first page, kept by a <see cref="StampedCache{TKey, TValue}"/> as the front page's blocks are. The
/// first pages are the ones readers ask for (issue #19: section page p99 ≤ 50 ms at 100,000 articles; wrk at 32
/// clients measured 1.7 ms of CPU a request uncached, p99 60 ms). Deeper pages, reached by cursor, are read every time.
/// </summary>
public sealed class SectionPageCache(Stores store)
{
    private readonly StampedCache<(NewsCategory Category, int PageSize), SectionPageBlocks> _cache = new(store.Database);

    /// <summary>The first page of <paramref name="category"/>, <paramref name="pageSize"/> originals.</summary>
    public Task<SectionPageBlocks> GetAsync(NewsCategory category, int pageSize, CancellationToken ct) =>
        _cache.GetAsync((category, pageSize), async ct =>
        {
            var page = await store.Articles.BrowseCardsAsync(new ArticleBrowse(Category: category), null, pageSize, ct);
            return new SectionPageBlocks(page, await CopyFolding.LoadForOriginalsAsync(store, page.Items, ct));
        }, ct);
}
