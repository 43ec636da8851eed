using Icmal.Model;

namespace Icmal.Storage;

/// <summary>
/// Articles read for a list's cards (issue #19: deep section pages): a card shows an article's lead, its first
/// paragraph that is not the headline, never the rest of its text. Decoding every block of 30 articles and their
/// copies was the largest single cost of a browse page (a sixth of its CPU at 100,000 articles, profiled), so these
/// reads stop at the lead: the <see cref="Article"/>s they return hold that one paragraph in
/// <see cref="Article.Blocks"/> (none when the article has none), everything else as <see cref="GetManyAsync"/> reads it.
/// </summary>
public sealed partial class ArticleStore
{
    /// <summary><see cref="BrowseAsync"/> for cards: each article's blocks are its lead only.</summary>
    public Task<BrowsePage> BrowseCardsAsync(ArticleBrowse what, ArticleCursor? older, int limit, CancellationToken ct) =>
        BrowseAsync(what, older, limit, leadsOnly: true, ct);

    /// <summary>Articles by id for cards (a list's folded copies): each one's blocks are its lead only; unknown ids are absent.</summary>
    public Task<IReadOnlyDictionary<long, Article>> GetCardsAsync(IReadOnlyCollection<long> ids, CancellationToken ct) =>
        GetManyAsync(ids, leadOnly: true, ct);

    /// <summary>
    /// The copies of several originals (a page of originals: a section's, a day's), each with its link and read as a
    /// card, in one query: what <see cref="CopyStore.LinksOfManyAsync"/> and <see cref="GetCardsAsync"/> give such a
    /// page in three queries over two connections. Each original's copies come oldest first, as there.
    /// </summary>
    public async Task<IReadOnlyList<(CopyLink Link, Article Copy)>> CopiesOfOriginalsAsync(IReadOnlyCollection<long> originalIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(originalIds);
        if (originalIds.Count == 0) return [];
        await using var conn = await database.ConnectAsync(ct);
        var copies = await Sql.ListAsync(conn, $"""
            SELECT {ArticleRows.Columns}, c.original_id, c.evidence, c.similarity
            FROM article_copies c JOIN articles a ON a.id = c.article_id JOIN documents d ON d.id = a.document_id
            WHERE {_d.InList("c.original_id", "@ids")}
            ORDER BY a.archived_at, a.id
            """, r =>
            {
                // A copy that knows no time is left out, as every list leaves it (ArticleRows.ReadListed).
                if (ArticleRows.ReadListed(r, _d, leadOnly: true) is not { } copy) return ((CopyLink Link, Article Copy)?)null;
                int at = ArticleRows.Count;
                // As CopyStore reads a link: a code a later version wrote reads as a near-copy.
                var link = new CopyLink(copy.Id, r.GetInt64(at), CopyLink.FromCode(r.GetString(at + 1)) ?? CopyEvidence.NearCopy, r.GetDouble(at + 2));
                return (link, copy);
            }, ct, ("@ids", _d.ListValue(originalIds)));
        return [.. copies.OfType<(CopyLink Link, Article Copy)>()];
    }
}
