using System.Data.Common;

namespace Icmal.Storage;

/// <summary>
/// How many matches a search has in all when only its newest window of matches was read: estimated, not counted.
/// Counting walks every match, and past the window every match of a common word is most of a search's cost (on
/// PostgreSQL, counting 10,000 matches of one common word took 200 ms at 100,000 articles, ten times the search). The
/// matches are taken to spread over the archive, or over the stretch its dates allow, as densely as the window's newest.
/// Both engines estimate alike, so a total means the same on either.
/// </summary>
internal static class SearchTotals
{
    /// <summary>
    /// The lowest and highest article id, the span against which a walk back from the newest is measured; with dates,
    /// the ids of the first article sorted at or after <paramref name="since"/> and the last before
    /// <paramref name="until"/> (ids follow arrival, which follows dates closely enough for an estimate).
    /// </summary>
    public static async Task<(long Low, long High)> IdRangeAsync(DbConnection conn, DbTransaction? tx, SqlDialect dialect, DateTimeOffset? since,
        DateTimeOffset? until, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        string low = since is null ? "SELECT MIN(id) FROM articles" : "SELECT id FROM articles WHERE sort_at >= @since ORDER BY sort_at, id LIMIT 1";
        string high = until is null ? "SELECT MAX(id) FROM articles" : "SELECT id FROM articles WHERE sort_at < @until ORDER BY sort_at DESC, id DESC LIMIT 1";
        await using var cmd = Sql.Command(conn, tx, $"SELECT ({low}), ({high}), (SELECT MIN(id) FROM articles), (SELECT MAX(id) FROM articles)",
            [("@since", since is { } s ? dialect.Time(s) : null), ("@until", until is { } u ? dialect.Time(u) : null)]);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct) || r.IsDBNull(2)) return (0, 0);
        long first = r.IsDBNull(0) ? r.GetInt64(2) : r.GetInt64(0), last = r.IsDBNull(1) ? r.GetInt64(3) : r.GetInt64(1);
        return first <= last ? (first, last) : (r.GetInt64(2), r.GetInt64(3));
    }

    /// <summary>
    /// How many matches there are in all when the newest <paramref name="taken"/> of them reach back to id
    /// <paramref name="oldest"/>: as many again for every such stretch of the archive's ids.
    /// </summary>
    public static double Extrapolate(int taken, long oldest, (long Low, long High) span)
    {
        double reached = Math.Max(1, span.High - oldest + 1);
        double whole = Math.Max(reached, span.High - span.Low + 1);
        return taken * whole / reached;
    }
}
