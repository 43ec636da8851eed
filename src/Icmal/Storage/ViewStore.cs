using System.Globalization;

namespace Icmal.Storage;

/// <summary>Views of one article on one Baku day, as the portal's counter hands them over.</summary>
public readonly record struct ViewCount(long ArticleId, DateOnly Day, long Views);

/// <summary>An article and how often it was read in a span of days.</summary>
public readonly record struct ReadCount(long ArticleId, long Views);

/// <summary>
/// How often each article was read on the portal (table <c>article_views</c>): added to in batches by the portal's
/// view counter, read for the article page's count and for "most read today / this week".
/// </summary>
public sealed class ViewStore(Database database)
{
    /// <summary>
    /// Adds a batch of counts in one transaction. A count for an article deleted since it was read is dropped: the
    /// insert takes its id from the articles table, so a missing one inserts nothing instead of failing the batch.
    /// </summary>
    public async Task AddAsync(IReadOnlyCollection<ViewCount> counts, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(counts);
        if (counts.Count == 0) return;
        const string sql = """
            INSERT INTO article_views (article_id, day, views) SELECT id, @day, @views FROM articles WHERE id = @id
            ON CONFLICT (article_id, day) DO UPDATE SET views = article_views.views + excluded.views
            """;
        await using var conn = await database.ConnectAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        foreach (var count in counts)
        {
            if (count.Views <= 0) continue;
            await Sql.ExecAsync(conn, tx, sql, ct, ("@id", count.ArticleId), ("@day", count.Day.DayNumber), ("@views", count.Views));
        }
        await tx.CommitAsync(ct);
    }

    /// <summary>Every view of an article, all days together.</summary>
    public async Task<long> TotalAsync(long articleId, CancellationToken ct)
    {
        await using var conn = await database.ConnectAsync(ct);
        return await Sql.Int64Async(conn, null, "SELECT COALESCE(SUM(views), 0) FROM article_views WHERE article_id = @id", ct, ("@id", articleId));
    }

    /// <summary>The most read articles from <paramref name="from"/> to <paramref name="to"/> (Baku days, both included), most views first.</summary>
    public async Task<List<ReadCount>> MostReadAsync(DateOnly from, DateOnly to, int limit, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await using var conn = await database.ConnectAsync(ct);
        return await Sql.ListAsync(conn, null, """
            SELECT article_id, SUM(views) AS total FROM article_views WHERE day BETWEEN @from AND @to
            GROUP BY article_id ORDER BY total DESC, article_id DESC LIMIT @limit
            """, r => new ReadCount(r.GetInt64(0), Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture)), ct,
            ("@from", from.DayNumber), ("@to", to.DayNumber), ("@limit", limit));
    }
}
