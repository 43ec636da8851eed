using System.Data.Common;
using System.Globalization;
using System.Text.Json;

namespace Icmal.Storage;

/// <summary>A match in the window as the index gives it: its article and ts_rank (higher is better).</summary>
internal readonly record struct PostgreSqlMatch(long Id, float Rank);

/// <summary>
/// The newest <c>window</c> matches of a search on PostgreSQL, each with its ts_rank, read without rechecking and
/// ranking every match of the GIN index. Matching the query itself (weights, phrases) makes PostgreSQL read and
/// decompress the tsvector of every match the index gives (a word with a few thousand matches at a million articles:
/// a few thousand heap and TOAST pages, 200–500 ms), and a common word walked back from the newest reads every
/// article it passes. Instead:
/// <list type="number">
/// <item>the query's skeleton (<see cref="PostgreSqlTsText.Skeleton"/>: its keys without weights or positions, which
/// every match also matches) is answered by the GIN index exactly, with no tsvector read;</item>
/// <item>it is asked only over the newest ids, a stretch the planner's estimate of the skeleton's matches says holds
/// half as many candidates again as needed (a bitmap of the primary key AND-ed with the GIN's), so the heap is visited for
/// about that many rows, not all matches;</item>
/// <item>of the newest <c>k</c> candidates, only those are matched against the query and ranked.</item>
/// </list>
/// When the candidates hold fewer than <c>window</c> matches (a phrase's words apart, a byline's word, an exclusion)
/// and more could exist, more candidates are read over a longer stretch, until the window is full or every candidate
/// was seen. The result is exactly the newest <c>window</c> matches, as one query over all matches would give.
/// </summary>
internal static class PostgreSqlMatchWindow
{
    /// <summary>How much the candidates or the stretch may grow at most from one try to the next.</summary>
    private const double MaxGrowth = 64;

    /// <summary>How many candidates the first stretch is meant to hold, as a multiple of those needed.</summary>
    private const double Margin = 1.5;

    /// <summary>
    /// The share of the articles from which a skeleton counts as common: its window is then at most ten times as many
    /// articles, fewer than the GIN's bitmap of all its matches costs (a bitmap of 168,000 matches took 50–70 ms at a
    /// million articles, a walk back over 6,000 articles 15–33 ms, on a loaded machine).
    /// </summary>
    private const double CommonShare = 0.10;

    /// <summary>
    /// The newest <paramref name="window"/> matches of <paramref name="match"/> (newest first), ranked by
    /// <paramref name="rank"/> (a ts_rank expression over <c>w.keys</c> and <c>@q</c>), with <paramref name="skeleton"/>
    /// a query every match also matches; <paramref name="limit"/> runs before each statement (the time budget).
    /// <paramref name="dated"/> is the stretch of ids a date filter's articles were stored in
    /// (<see cref="SearchTotals.IdRangeAsync"/>), where its matches are: the estimate is asked there, and the first
    /// stretch ends there.
    /// </summary>
    public static async Task<List<PostgreSqlMatch>> ReadAsync(DbConnection conn, DbTransaction tx, string skeleton, string match, string query,
        string rank, int window, (long Low, long High)? dated, Func<Task> limit, CancellationToken ct)
    {
        await limit();
        var span = await SpanAsync(conn, tx, ct);
        if (span is not var (low, high)) return [];
        await limit();
        long all = high - low + 1;
        // Ids follow arrival and arrival follows the dates, but not exactly (an article stored late with an old date),
        // so every stretch still reaches the newest id of all: the dates only say where the matches start to come.
        var (from, to) = dated is var (l, h) && low <= l && l <= h && h <= high ? (l, h) : (low, high);
        long allowed = to - from + 1, above = high - to;
        double estimate = await EstimateAsync(conn, tx, skeleton, Math.Max(from, to - EstimateSpan + 1), to, allowed, ct);
        int k = window;
        // Half as many candidates again as needed, if the matches spread evenly over the ids (the planner's estimates
        // of single words were within 25% at a million articles; a short stretch is widened); past a third of the
        // archive (or the dates' ids), all of it: a bitmap of 400,000 ids of the primary key cost more than the 2,300
        // heap visits it saved.
        long within = estimate <= Margin * k ? allowed : (long)Math.Ceiling(allowed * Margin * k / estimate);
        long stretch = within >= allowed / 3 ? all : above + within;
        // A common skeleton (at least CommonShare of the articles) is walked back along the primary key, matching the
        // tsvector of every article passed: a few thousand, cheaper than the GIN's bitmap of all its matches. Any
        // other is a bitmap of the stretch's primary key AND-ed with the GIN's: walking back would read and match
        // the tsvector of every article passed, as many as the stretch holds. So is a common one whose dates' ids
        // end further back than its stretch is long: the walk would pass every article stored since.
        bool common = estimate >= CommonShare * allowed && above <= within;
        await Sql.ExecAsync(conn, tx, common
            ? "SELECT set_config('enable_bitmapscan', 'off', true), set_config('work_mem', '64MB', true)"
            : "SELECT set_config('enable_indexscan', 'off', true), set_config('work_mem', '64MB', true)", ct);
        var found = await ReadWindowAsync(conn, tx, skeleton, match, query, rank, window, limit, low, high, all, k, stretch, ct);
        // Only after a success: a statement that failed (the budget) aborted the transaction, which is rolled back
        // with these settings.
        await Sql.ExecAsync(conn, tx, common ? "SET LOCAL enable_bitmapscan TO DEFAULT" : "SET LOCAL enable_indexscan TO DEFAULT", ct);
        return found;
    }

    /// <summary>Reads candidates over longer stretches until the window is full or every candidate was seen.</summary>
    private static async Task<List<PostgreSqlMatch>> ReadWindowAsync(DbConnection conn, DbTransaction tx, string skeleton, string match, string query,
        string rank, int window, Func<Task> limit, long low, long high, long all, int k, long stretch, CancellationToken ct)
    {
        while (true)
        {
            long cut = Math.Max(low, high - Math.Min(stretch, all) + 1);
            await limit();
            var rows = await Sql.ListAsync(conn, tx, $"""
                SELECT w.article_id, CASE WHEN w.keys @@ CAST(@m AS tsquery) THEN {rank} END
                FROM (
                    SELECT s.article_id, s.keys FROM {PostgreSqlSearchEngine.Table} s
                    WHERE s.keys @@ CAST(@u AS tsquery) AND s.article_id >= @cut
                    ORDER BY s.article_id DESC
                    LIMIT @k
                ) w
                ORDER BY w.article_id DESC
                """, r => (Id: r.GetInt64(0), Rank: r.IsDBNull(1) ? (float?)null : r.GetFloat(1)), ct,
                ("@m", match), ("@q", query), ("@u", skeleton), ("@cut", cut), ("@k", k));
            var matches = new List<PostgreSqlMatch>(Math.Min(rows.Count, window));
            foreach (var (id, r) in rows)
            {
                if (r is { } value && matches.Count < window) matches.Add(new PostgreSqlMatch(id, value));
            }
            if (matches.Count >= window) return matches;
            bool fullCandidates = rows.Count == k;
            if (!fullCandidates && cut == low) return matches; // every candidate seen: every match is here
            if (fullCandidates)
            {
                // Too few candidates match: read as many more as their share of matches says, over a stretch as
                // much longer as the candidates' density says.
                double growth = Math.Clamp(1.5 * window / Math.Max(1, matches.Count), 2, MaxGrowth);
                long reached = high - rows[^1].Id + 1;
                k = (int)Math.Min(int.MaxValue / 2, k * growth);
                stretch = (long)Math.Min(all, Math.Ceiling(reached * growth * 1.5));
            }
            else
            {
                // The stretch held too few candidates: longer, by how many were missing.
                double growth = Math.Clamp(1.5 * k / Math.Max(1, rows.Count), 2, MaxGrowth);
                stretch = (long)Math.Min(all, Math.Ceiling(Math.Min(stretch, all) * growth));
            }
        }
    }

    /// <summary>
    /// The lowest and highest article id (two seeks of the articles' primary key); null when there are none. The
    /// articles', not the index's: the same ids once every article is indexed, and one index to plan where the index
    /// has a partition for each 100,000 ids (<see cref="PostgreSqlSearchPartitions"/>). An article not indexed yet
    /// only moves where the first stretch starts; the last one reaches the lowest id either way.
    /// </summary>
    private static async Task<(long Low, long High)?> SpanAsync(DbConnection conn, DbTransaction tx, CancellationToken ct)
    {
        await using var cmd = Sql.Command(conn, tx, "SELECT MIN(id), MAX(id) FROM articles");
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct) || r.IsDBNull(0)) return null;
        return (r.GetInt64(0), r.GetInt64(1));
    }

    /// <summary>
    /// The archive's lowest and highest article id and the planner's estimate of <paramref name="skeleton"/>'s matches
    /// over all of them, as <see cref="ReadAsync"/> makes it for an undated search; null when there are no articles.
    /// For a caller choosing its way by how common the words are (<see cref="PostgreSqlFilterWalk"/>).
    /// </summary>
    internal static async Task<(long Low, long High, double Matches)?> EstimateAllAsync(DbConnection conn, DbTransaction tx, string skeleton, CancellationToken ct)
    {
        if (await SpanAsync(conn, tx, ct) is not var (low, high)) return null;
        long all = high - low + 1;
        return (low, high, await EstimateAsync(conn, tx, skeleton, Math.Max(low, high - EstimateSpan + 1), high, all, ct));
    }

    /// <summary>How many of the newest ids the planner is asked about (<see cref="EstimateAsync"/>): one partition's worth.</summary>
    private const long EstimateSpan = PostgreSqlSearchPartitions.Span;

    /// <summary>
    /// How many articles the planner expects <paramref name="skeleton"/> to match in the whole span of
    /// <paramref name="all"/> ids (from the index's statistics of its lexemes, without running it): where the stretch
    /// of the newest ids to ask starts.
    /// </summary>
    /// <remarks>
    /// The planner is asked about the ids from <paramref name="from"/> to <paramref name="high"/> only, and its answer
    /// scaled to the whole span: planned over the one or two newest partitions, not all of them (at a million
    /// articles, warm, 0.36 ms against 0.75–1.05 ms for all eleven), and from the statistics of the newest articles,
    /// whose words are the ones the stretch will meet.
    /// </remarks>
    private static async Task<double> EstimateAsync(DbConnection conn, DbTransaction tx, string skeleton, long from, long high, long all,
        CancellationToken ct)
    {
        // No estimate: the whole archive at once, as without one.
        double rows = await PlannedRowsAsync(conn, tx,
            $"SELECT 1 FROM {PostgreSqlSearchEngine.Table} s WHERE s.keys @@ CAST(@u AS tsquery) AND s.article_id >= @from", 0, ct,
            ("@u", skeleton), ("@from", from));
        return rows * all / (high - from + 1);
    }

    /// <summary>
    /// How many rows the planner expects <paramref name="select"/> to give, from its statistics, without running it
    /// (<c>EXPLAIN</c>); <paramref name="none"/> when it gives no plan. Also <see cref="PostgreSqlFilterWalk"/>'s.
    /// </summary>
    internal static async Task<double> PlannedRowsAsync(DbConnection conn, DbTransaction tx, string select, double none, CancellationToken ct,
        params (string, object?)[] parameters)
    {
        await using var cmd = Sql.Command(conn, tx, "EXPLAIN (FORMAT JSON) " + select, parameters);
        string? plan = Convert.ToString(await cmd.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        if (plan is null) return none;
        using var json = JsonDocument.Parse(plan);
        return json.RootElement[0].GetProperty("Plan").GetProperty("Plan Rows").GetDouble();
    }
}
