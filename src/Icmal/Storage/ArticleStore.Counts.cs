namespace Icmal.Storage;

/// <summary>How many articles the archive holds: a list's total (exact, then estimated), whether any, all of them.</summary>
public sealed partial class ArticleStore
{
    /// <summary>The most articles a list's total counts one by one (<see cref="TotalAsync"/>); past it the total is estimated.</summary>
    public const int ExactTotalCap = 10_000;

    /// <summary>
    /// How many articles are stored, for a list's total: exact up to <see cref="ExactTotalCap"/> (a walk of at most as
    /// many index entries), past it the engine's estimate (<see cref="SqlDialect.EstimatedArticleCount"/>), flagged, as
    /// search flags its totals: a reader paging a large archive needs its size, not its last digit, and an exact count
    /// of a million rows cost more than the page itself.
    /// </summary>
    public Task<(long Total, bool Estimated)> TotalAsync(CancellationToken ct) => TotalAsync(ExactTotalCap, ct);

    /// <summary><see cref="TotalAsync(CancellationToken)"/> with another cap (tests reach it with a few articles).</summary>
    internal async Task<(long Total, bool Estimated)> TotalAsync(int cap, CancellationToken ct)
    {
        await using var conn = await database.ConnectAsync(ct);
        long counted = await Sql.Int64Async(conn, null, "SELECT COUNT(*) FROM (SELECT 1 FROM articles LIMIT @cap) c", ct, ("@cap", cap + 1));
        if (counted <= cap) return (counted, false);
        long? estimate = await Sql.Int64OrNullAsync(conn, null, _d.EstimatedArticleCount, ct);
        return (Math.Max(estimate ?? 0, counted), true);
    }

    /// <summary>Whether any article is stored (one index entry read, however large the archive).</summary>
    public async Task<bool> AnyAsync(CancellationToken ct)
    {
        await using var conn = await database.ConnectAsync(ct);
        return await Sql.Int64Async(conn, null, "SELECT COUNT(*) FROM (SELECT 1 FROM articles LIMIT 1) c", ct) > 0;
    }

    /// <summary>Exactly how many articles are stored (a walk of them all: for the CLI and tests, not for every request).</summary>
    public async Task<long> CountAsync(CancellationToken ct)
    {
        await using var conn = await database.ConnectAsync(ct);
        return await Sql.Int64Async(conn, null, "SELECT COUNT(*) FROM articles", ct);
    }
}
