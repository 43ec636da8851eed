using System.Data.Common;
using System.Globalization;
using System.Text.Json;

namespace Icmal.Storage;

/// <summary>A match in the window as the index gives it: its article and ts_rank (higher is better).</summary>
internal readonly record struct PostgreSqlMatch(long Id, float Rank);

/// <summary>
/// Conditions on the articles (<see cref="SearchFilters"/>: on <c>a</c>, each starting " AND") every match in the window
/// must also pass, with their parameters, and the share of the skeleton's matches they are expected to let through
/// (the product of each section's or entity's share of the archive, by the planner's estimates).
/// </summary>
internal sealed record PostgreSqlWindowFilter(string Sql, IReadOnlyList<(string, object?)> Parameters, double Share);

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
    /// stretch ends there. With a <paramref name="filter"/> on the articles, the candidates are the skeleton's matches in
    /// the stretch that pass it (<see cref="ReadFilteredAsync"/>), and the stretch is sized for the share it lets through.
    /// </summary>
    public static async Task<List<PostgreSqlMatch>> ReadAsync(DbConnection conn, DbTransaction tx, string skeleton, string match, string query,
        string rank, int window, (long Low, long High)? dated, Func<Task> limit, CancellationToken ct, PostgreSqlWindowFilter? filter = null)
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
        double skeletonMatches = await EstimateAsync(conn, tx, skeleton, Math.Max(from, to - EstimateSpan + 1), to, allowed, ct);
        // With a filter, the candidates are the skeleton's matches that pass it.
        double estimate = skeletonMatches * Math.Clamp(filter?.Share ?? 1, 1e-6, 1);
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
        // (With a filter, the statement that reads the skeleton's matches in the stretch reads all of them: whether they
        // are common is the skeleton's alone.)
        bool common = skeletonMatches >= CommonShare * allowed && above <= within;
        if (filter is not null)
        {
            return await ReadWindowAsync(window, limit, low, high, all, k, stretch,
                (cut, k) => ReadFilteredAsync(conn, tx, skeleton, match, query, rank, filter, common, cut, k, limit, ct));
        }
        await Sql.ExecAsync(conn, tx, Mode(common), ct);
        var found = await ReadWindowAsync(window, limit, low, high, all, k, stretch, (cut, k) => Sql.ListAsync(conn, tx, $"""
            SELECT w.article_id, CASE WHEN w.keys @@ CAST(@m AS tsquery) THEN {rank} END
            FROM (
                SELECT s.article_id, s.keys FROM {PostgreSqlSearchEngine.Table} s
                WHERE s.keys @@ CAST(@u AS tsquery) AND s.article_id >= @cut
                ORDER BY s.article_id DESC
                LIMIT @k
            ) w
            ORDER BY w.article_id DESC
            """, Candidate, ct, ("@m", match), ("@q", query), ("@u", skeleton), ("@cut", cut), ("@k", k)));
        // Only after a success: a statement that failed (the budget) aborted the transaction, which is rolled back
        // with these settings.
        await Sql.ExecAsync(conn, tx, Unmode(common), ct);
        return found;
    }

    /// <summary>
    /// The settings that make the planner read the skeleton's matches in the stretch the chosen way: a common one by
    /// walking the primary key back (no bitmaps), any other by the GIN's bitmap AND-ed with the stretch's ids (no index
    /// scans); for this transaction only.
    /// </summary>
    private static string Mode(bool common) => common
        ? "SELECT set_config('enable_bitmapscan', 'off', true), set_config('work_mem', '64MB', true)"
        : "SELECT set_config('enable_indexscan', 'off', true), set_config('work_mem', '64MB', true)";

    /// <summary>The planner's settings back to what <see cref="Mode"/> changed.</summary>
    private static string Unmode(bool common) => common ? "SET LOCAL enable_bitmapscan TO DEFAULT" : "SET LOCAL enable_indexscan TO DEFAULT";

    /// <summary>A candidate's article and, when it matches, its rank.</summary>
    private static (long Id, float? Rank) Candidate(DbDataReader r) => (r.GetInt64(0), r.IsDBNull(1) ? null : r.GetFloat(1));

    /// <summary>
    /// The newest <paramref name="k"/> candidates from <paramref name="cut"/> on that pass the filter, each with its rank
    /// when it matches, in two statements: the ids of the skeleton's matches in the stretch, read the chosen way
    /// (<see cref="Mode"/>); then, with the planner's settings as they were, those of them that pass the filter, newest
    /// first, the newest <paramref name="k"/> of them looked up, matched and ranked. In one statement the planner
    /// walked the key back from the newest, passing every article stored after a date filter's dates (<c>prezident
    /// entity:2 since:2019-01-01 until:2020-12-31</c> at a million: 500,000 articles, 2.1 s), or matched the whole
    /// stretch's tsvectors; and the settings that stop it would also stop the filter's probes of its index.
    /// </summary>
    private static async Task<List<(long Id, float? Rank)>> ReadFilteredAsync(DbConnection conn, DbTransaction tx, string skeleton, string match,
        string query, string rank, PostgreSqlWindowFilter filter, bool common, long cut, int k, Func<Task> limit, CancellationToken ct)
    {
        await Sql.ExecAsync(conn, tx, Mode(common), ct);
        var ids = await Sql.ListAsync(conn, tx,
            $"SELECT s.article_id FROM {PostgreSqlSearchEngine.Table} s WHERE s.keys @@ CAST(@u AS tsquery) AND s.article_id >= @cut",
            r => r.GetInt64(0), ct, ("@u", skeleton), ("@cut", cut));
        await Sql.ExecAsync(conn, tx, Unmode(common), ct);
        if (ids.Count == 0) return [];
        await limit();
        return await Sql.ListAsync(conn, tx, $"""
            SELECT v.id, CASE WHEN w.keys @@ CAST(@m AS tsquery) THEN {rank} END
            FROM (
                SELECT a.id FROM articles a
                WHERE a.id = ANY(@ids){filter.Sql}
                ORDER BY a.id DESC
                LIMIT @k
            ) v
            CROSS JOIN LATERAL (SELECT t.keys FROM {PostgreSqlSearchEngine.Table} t WHERE t.article_id = v.id LIMIT 1) w
            ORDER BY v.id DESC
            """, Candidate, ct, [.. filter.Parameters, ("@m", match), ("@q", query), ("@ids", ids.ToArray()), ("@k", k)]);
    }

    /// <summary>
    /// Reads candidates over longer stretches until the window is full or every candidate was seen:
    /// <paramref name="read"/> gives the newest <c>k</c> candidates from an id on, newest first.
    /// </summary>
    private static async Task<List<PostgreSqlMatch>> ReadWindowAsync(int window, Func<Task> limit, long low, long high, long all, int k, long stretch,
        Func<long, int, Task<List<(long Id, float? Rank)>>> read)
    {
        while (true)
        {
            long cut = Math.Max(low, high - Math.Min(stretch, all) + 1);
            await limit();
            var rows = await read(cut, k);
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
    /// For a caller choosing its way by how common the words are (<see cref="PostgreSqlFilterWalk"/>). With
    /// <paramref name="everywhere"/>, the planner is asked about every partition, not the newest alone: for a skeleton
    /// with a start date's facets, which the newest articles all match and the older none.
    /// </summary>
    internal static async Task<(long Low, long High, double Matches)?> EstimateAllAsync(DbConnection conn, DbTransaction tx, string skeleton,
        bool everywhere, CancellationToken ct)
    {
        if (await SpanAsync(conn, tx, ct) is not var (low, high)) return null;
        long all = high - low + 1;
        return (low, high, await EstimateAsync(conn, tx, skeleton, everywhere ? low : Math.Max(low, high - EstimateSpan + 1), high, all, ct));
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
