using Icmal.Model;
using Icmal.Storage;

namespace Icmal.Web;

/// <summary>
/// The copy links of a list of articles (issue #16), read once per page: which articles are copies and of what, and
/// each original's copies as articles, so a listing shows one card per original with its copies folded under it.
/// </summary>
public sealed class CopyFolding
{
    private readonly IReadOnlyDictionary<long, ArticleCopies> _links;
    private readonly IReadOnlyDictionary<long, Article> _copies;

    private CopyFolding(IReadOnlyDictionary<long, ArticleCopies> links, IReadOnlyDictionary<long, Article> copies)
    {
        _links = links;
        _copies = copies;
    }

    /// <summary>No article copied, none a copy.</summary>
    public static CopyFolding None { get; } = new(new Dictionary<long, ArticleCopies>(), new Dictionary<long, Article>());

    /// <summary>
    /// The links of a page of originals only (a section's or a day's: their queries leave copies out), for cards: the
    /// copies with their links in one query (<see cref="ArticleStore.CopiesOfOriginalsAsync"/>).
    /// </summary>
    public static async Task<CopyFolding> LoadForOriginalsAsync(Stores store, IReadOnlyCollection<Article> originals, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(originals);
        if (originals.Count == 0) return None;
        var rows = await store.Articles.CopiesOfOriginalsAsync(originals.Select(a => a.Id).ToList(), ct);
        var links = rows.GroupBy(r => r.Link.OriginalId).ToDictionary(g => g.Key, g => new ArticleCopies(null, g.Select(r => r.Link).ToList()));
        var copies = rows.Select(r => r.Copy).DistinctBy(a => a.Id).ToDictionary(a => a.Id);
        return new CopyFolding(links, copies);
    }

    /// <summary>The links of <paramref name="articles"/>, with the copies of the originals among them read as articles.</summary>
    public static async Task<CopyFolding> LoadAsync(Stores store, IReadOnlyCollection<Article> articles, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(articles);
        if (articles.Count == 0) return None;
        var links = await store.Copies.LinksOfManyAsync(articles.Select(a => a.Id).ToList(), ct);
        var known = articles.ToDictionary(a => a.Id);
        var copyIds = links.Values.SelectMany(l => l.CopyIds).Distinct().ToList();
        var missing = copyIds.Where(id => !known.ContainsKey(id)).ToList();
        var read = await store.Articles.GetManyAsync(missing, ct);
        var copies = copyIds.Select(id => known.TryGetValue(id, out var a) ? a : read.GetValueOrDefault(id)).OfType<Article>().ToDictionary(a => a.Id);
        return new CopyFolding(links, copies);
    }

    /// <summary>An article's links as the API writes them.</summary>
    public ArticleCopies LinksOf(long articleId) => _links.GetValueOrDefault(articleId, ArticleCopies.None);

    /// <summary>The copies of an original, oldest first; empty for an article that is not copied.</summary>
    public IReadOnlyList<Article> CopiesOf(long articleId) =>
        _links.TryGetValue(articleId, out var links) ? links.Copies.Select(c => _copies.GetValueOrDefault(c.ArticleId)).OfType<Article>().ToList() : [];

    /// <summary>
    /// The list without the copies whose original is in it too: those are shown under their original's card. A copy
    /// whose original is elsewhere keeps its own place.
    /// </summary>
    public IReadOnlyList<Article> Fold(IReadOnlyList<Article> articles)
    {
        ArgumentNullException.ThrowIfNull(articles);
        var ids = articles.Select(a => a.Id).ToHashSet();
        return articles.Where(a => LinksOf(a.Id).OriginalId is not { } original || !ids.Contains(original)).ToList();
    }
}
