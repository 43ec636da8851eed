using System.Data.Common;
using Icmal.Model;

namespace Icmal.Storage;

/// <summary>
/// Copies tied to their originals (issue #16): one row per copy, naming the original it republishes. The store keeps
/// links flat: an original is never itself a copy, so a link to a copy is redirected to that copy's original, and when
/// an article that has copies is found to be a copy, its copies move to its original, in one transaction.
/// </summary>
public sealed class CopyStore(Database database)
{
    private readonly SqlDialect _d = database.Dialect;

    /// <summary>Records that <see cref="CopyLink.ArticleId"/> copies <see cref="CopyLink.OriginalId"/>, replacing an earlier link of that copy.</summary>
    /// <returns>The link as stored (its original may be the given original's own original).</returns>
    public async Task<CopyLink> LinkAsync(CopyLink link, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(link);
        if (link.ArticleId == link.OriginalId) throw new ArgumentException($"article {link.ArticleId} cannot be a copy of itself", nameof(link));
        await using var conn = await database.ConnectAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        long original = await Sql.Int64OrNullAsync(conn, tx, "SELECT original_id FROM article_copies WHERE article_id = @o", ct, ("@o", link.OriginalId))
            ?? link.OriginalId;
        if (original == link.ArticleId)
        {
            // The named original is a copy of this article: the link would make a loop, so this article stays the original.
            await tx.RollbackAsync(ct);
            return new CopyLink(link.OriginalId, link.ArticleId, link.Evidence, link.Similarity);
        }
        var stored = link with { OriginalId = original };
        await Sql.ExecAsync(conn, tx,
            _d.Upsert("article_copies", ["article_id", "original_id", "evidence", "similarity"], ["article_id"],
                "original_id = excluded.original_id, evidence = excluded.evidence, similarity = excluded.similarity"),
            ct, ("@article_id", stored.ArticleId), ("@original_id", stored.OriginalId), ("@evidence", CopyLink.Code(stored.Evidence)), ("@similarity", stored.Similarity));
        // This article's own copies now copy its original.
        await Sql.ExecAsync(conn, tx, "UPDATE article_copies SET original_id = @o WHERE original_id = @a", ct, ("@o", stored.OriginalId), ("@a", stored.ArticleId));
        await tx.CommitAsync(ct);
        return stored;
    }

    /// <summary>One article's copy links: its original when it is a copy, its copies (oldest first) when it is an original.</summary>
    public async Task<ArticleCopies> LinksOfAsync(long articleId, CancellationToken ct) =>
        (await LinksOfManyAsync([articleId], ct)).GetValueOrDefault(articleId, ArticleCopies.None);

    /// <summary>The copies of each of several originals (a listing page's), oldest first; originals without copies are absent.</summary>
    public async Task<IReadOnlyDictionary<long, IReadOnlyList<CopyLink>>> CopiesOfManyAsync(IReadOnlyCollection<long> originalIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(originalIds);
        var result = new Dictionary<long, IReadOnlyList<CopyLink>>();
        if (originalIds.Count == 0) return result;
        await using var conn = await database.ConnectAsync(ct);
        var rows = await Sql.ListAsync(conn, $"""
            SELECT c.article_id, c.original_id, c.evidence, c.similarity FROM article_copies c JOIN articles a ON a.id = c.article_id
            WHERE {_d.InList("c.original_id", "@ids")} ORDER BY a.archived_at, a.id
            """, Read, ct, ("@ids", _d.ListValue(originalIds)));
        foreach (var group in rows.GroupBy(r => r.OriginalId)) result[group.Key] = group.ToList();
        return result;
    }

    /// <summary>
    /// The copy links of each of several articles (a listing's or an API page's): for a copy its original, for an
    /// original its copies (oldest first). Articles with neither are absent.
    /// </summary>
    public async Task<IReadOnlyDictionary<long, ArticleCopies>> LinksOfManyAsync(IReadOnlyCollection<long> articleIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(articleIds);
        var result = new Dictionary<long, ArticleCopies>();
        if (articleIds.Count == 0) return result;
        List<CopyLink> originals;
        await using (var conn = await database.ConnectAsync(ct))
        {
            originals = await Sql.ListAsync(conn,
                $"SELECT article_id, original_id, evidence, similarity FROM article_copies WHERE {_d.InList("article_id", "@ids")}",
                Read, ct, ("@ids", _d.ListValue(articleIds)));
        }
        foreach (var link in originals) result[link.ArticleId] = new ArticleCopies(link, []);
        foreach (var (original, copies) in await CopiesOfManyAsync(articleIds, ct)) result[original] = new ArticleCopies(null, copies);
        return result;
    }

    /// <summary>How many articles are stored as copies.</summary>
    public async Task<long> CountAsync(CancellationToken ct)
    {
        await using var conn = await database.ConnectAsync(ct);
        return await Sql.Int64Async(conn, null, "SELECT COUNT(*) FROM article_copies", ct);
    }

    // A code a later version wrote reads as a near-copy: the link stands, the evidence is the weakest İcmal knows.
    private static CopyLink Read(DbDataReader r) =>
        new(r.GetInt64(0), r.GetInt64(1), CopyLink.FromCode(r.GetString(2)) ?? CopyEvidence.NearCopy, r.GetDouble(3));
}
