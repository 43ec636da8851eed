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

    /// <summary>The links of <paramref name="articles"/>, with the copies of the originals among them read as articles.</summary>
    public static Task<CopyFolding> LoadAsync(Stores store, IReadOnlyCollection<Article> articles, CancellationToken ct) =>
        LoadAsync(store, articles, forCards: false, ct);

    /// <summary>
    /// <see cref="LoadAsync(Stores, IReadOnlyCollection{Article}, CancellationToken)"/> for a list of cards, which
    /// names each copy by its site or headline: the copies are read without their text (<see cref="ArticleStore.GetCardsAsync"/>).
    /// </summary>
    public static Task<CopyFolding> LoadForCardsAsync(Stores store, IReadOnlyCollection<Article> articles, CancellationToken ct) =>
        LoadAsync(store, articles, forCards: true, ct);

    private static async Task<CopyFolding> LoadAsync(Stores store, IReadOnlyCollection<Article> articles, bool forCards, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(articles);
        if (articles.Count == 0) return None;
        var links = await store.Copies.LinksOfManyAsync(articles.Select(a => a.Id).ToList(), ct);
        var known = articles.ToDictionary(a => a.Id);
        var copyIds = links.Values.SelectMany(l => l.CopyIds).Distinct().ToList();
        var missing = copyIds.Where(id => !known.ContainsKey(id)).ToList();
        var read = forCards ? await store.Articles.GetCardsAsync(missing, ct) : await store.Articles.GetManyAsync(missing, ct);
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
