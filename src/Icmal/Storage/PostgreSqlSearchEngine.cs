using System.Data.Common;
using System.Globalization;
using System.Text;
using Icmal.Analysis;
using Npgsql;
using Match = Icmal.Storage.PostgreSqlMatch;

namespace Icmal.Storage;

/// <summary>
/// Search on PostgreSQL: the table <c>article_search</c> holds each article's keys as a tsvector written by İcmal
/// (<see cref="PostgreSqlTsText"/>; PostgreSQL's own parser, stemming and folding are never used), with a GIN index.
/// The query language is the same (<see cref="KeyQuery"/> as a tsquery), and so is the ranking's shape: the newest
/// <see cref="Candidates"/> matches are ranked by <c>ts_rank</c> with the title weighted <see cref="TitleWeight"/> to
/// the text's 1 and normalised by the document's length, then by recency; copies of one text (equal text_sha256) are
/// shown once. The table is split by article id (<see cref="PostgreSqlSearchPartitions"/>). The time budget is
/// PostgreSQL's <c>statement_timeout</c>, set for what is left of it before each statement.
/// </summary>
internal sealed partial class PostgreSqlSearchEngine : SearchEngine
{
    public const string Table = "article_search";

    /// <summary>How much more a key in the title counts than one in the text or the byline (as on SQLite).</summary>
    public const double TitleWeight = 5.0;

    /// <summary>
    /// The index's table as migration step 1 made it: one row per article, deleted with it. Step 15 split it by
    /// article id (<see cref="PostgreSqlSearchPartitions.Conversion"/>).
    /// </summary>
    public const string CreateTable = $"""
        CREATE TABLE {Table} (
            article_id BIGINT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            keys TSVECTOR NOT NULL
        )
        """;

    public const string CreateIndex = $"CREATE INDEX article_search_keys ON {Table} USING GIN (keys)";

    /// <summary>How many matching articles, newest first, are ranked at most (SQLite's engine ranks as many, for the same reasons).</summary>
    public const int Candidates = 1_000;

    /// <summary>ts_rank's weights, in its order {D, C, B, A}: text 1, byline 1, title <see cref="TitleWeight"/>, scaled to at most 1.</summary>
    private static readonly string Weights = string.Create(CultureInfo.InvariantCulture,
        $"'{{{1 / TitleWeight:0.0###}, {1 / TitleWeight:0.0###}, {1 / TitleWeight:0.0###}, 1.0}}'::real[]");

    /// <summary>
    /// The rank of a match: ts_rank of the keys of the row <paramref name="alias"/> against the words (<c>@q</c>),
    /// weighted by <see cref="Weights"/> and normalised by the document's length.
    /// </summary>
    private static string Rank(string alias) => $"ts_rank({Weights}, {alias}.keys, CAST(@q AS tsquery), 1)";

    /// <summary>The query_canceled state: the statement ran past statement_timeout.</summary>
    private const string QueryCanceled = "57014";

    public override async Task IndexAsync(DbConnection conn, DbTransaction tx, long articleId, SearchDocument document, IReadOnlyList<Facet> facets,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(facets);
        await PostgreSqlSearchPartitions.EnsureAsync(conn, tx, articleId, ct);
        // An article indexed again (a reindex racing a catch-up) keeps one row.
        await Sql.ExecAsync(conn, tx, $"""
            INSERT INTO {Table} (article_id, keys) VALUES (@id, CAST(@keys AS tsvector))
            ON CONFLICT (article_id) DO UPDATE SET keys = excluded.keys
            """, ct, ("@id", articleId), ("@keys", PostgreSqlTsText.Vector(document, facets)));
    }

    /// <summary>
    /// Many articles' keys in one statement, each row as <see cref="IndexAsync"/> writes it (an article indexed again
    /// keeps one row), with the partitions looked up once for the batch's newest id: the catch-up's batches of a
    /// rebuild or of <c>icmal migrate</c>, where writing article by article took two round trips each (its statement
    /// and its partition look-up).
    /// </summary>
    public override Task IndexManyAsync(DbConnection conn, DbTransaction tx, IReadOnlyList<(long ArticleId, SearchDocument Document, IReadOnlyList<Facet> Facets)> rows,
        CancellationToken ct) =>
        WriteManyAsync(conn, tx, rows, upsert: true, ct);

    /// <summary>
    /// Many new articles' keys in one statement (the batch path, <see cref="PostgreSqlArticleBatch"/>): the ids and the
    /// tsvector texts as two arrays spread into rows by <c>unnest</c>, the same rows <see cref="IndexAsync"/> writes one by one.
    /// </summary>
    /// <remarks>
    /// Only for articles inserted in <paramref name="tx"/> just before: no other transaction can see them yet, so none
    /// has a row to conflict with, and the rows go in by a plain insert, not <c>ON CONFLICT</c>'s speculative one (a
    /// look-up of each id in the key's index first and a confirmation record in the WAL after each row). Called for an
    /// article that has a row, it fails on the key rather than leaving two.
    /// </remarks>
    public Task InsertNewAsync(DbConnection conn, DbTransaction tx, IReadOnlyList<(long ArticleId, SearchDocument Document, IReadOnlyList<Facet> Facets)> rows,
        CancellationToken ct) =>
        WriteManyAsync(conn, tx, rows, upsert: false, ct);

    /// <summary>The rows from two arrays, ids and tsvector texts.</summary>
    private const string InsertManySql = $"INSERT INTO {Table} (article_id, keys) SELECT id, CAST(k AS tsvector) FROM unnest(@ids, @keys) AS t(id, k)";

    private const string UpsertManySql = InsertManySql + " ON CONFLICT (article_id) DO UPDATE SET keys = excluded.keys";

    private static async Task WriteManyAsync(DbConnection conn, DbTransaction tx, IReadOnlyList<(long ArticleId, SearchDocument Document, IReadOnlyList<Facet> Facets)> rows,
        bool upsert, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0) return;
        await PostgreSqlSearchPartitions.EnsureAsync(conn, tx, rows.Max(r => r.ArticleId), ct);
        var (c, t) = ((NpgsqlConnection)conn, (NpgsqlTransaction)tx);
        await using var cmd = upsert ? new NpgsqlCommand(UpsertManySql, c, t) : new NpgsqlCommand(InsertManySql, c, t);
        cmd.Parameters.Add(PostgreSqlBatchCommands.Array("@ids", NpgsqlTypes.NpgsqlDbType.Bigint, rows.Select(r => r.ArticleId).ToArray()));
        cmd.Parameters.Add(PostgreSqlBatchCommands.Array("@keys", NpgsqlTypes.NpgsqlDbType.Text,
            rows.Select(r => PostgreSqlTsText.Vector(r.Document, r.Facets)).ToArray()));
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public override Task ClearAsync(DbConnection conn, DbTransaction tx, CancellationToken ct) =>
        Sql.ExecAsync(conn, tx, $"DELETE FROM {Table}", ct);

    public override async Task<SearchPage> FindAsync(DbConnection conn, SqlDialect dialect, SearchCriteria criteria, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        if (criteria.Match.Required.Count == 0) return await ListAsync(conn, dialect, criteria, ct);
        bool dated = criteria.Since is not null || criteria.Until is not null;
        if (SearchFacets.Required(criteria, dated ? await SearchFilters.ArchiveSpanAsync(conn, null, dialect, criteria, ct) : null) is not { } asked)
            return new SearchPage([], 0); // the dates hold no day of the archive
        var (filters, filterParameters) = SearchFilters.Sql(dialect, criteria, asked.DatesExact);
        // The words rank (@q); the words and the facets match (@m).
        string words = PostgreSqlTsText.Query(criteria.Match);
        string? required = PostgreSqlTsText.Facets(asked.Groups);
        string match = required is null ? words : "(" + words + ") & " + required;
        string skeleton = PostgreSqlTsText.Skeleton(criteria.Match);
        if (required is not null) skeleton = "(" + skeleton + ") & " + required;
        // A deep page needs a window reaching past it, with room for copies folded away.
        int window = Math.Max(Candidates, 2 * (criteria.Offset + criteria.Limit));
        long deadline = Environment.TickCount64 + (long)Math.Ceiling(criteria.Budget.TotalMilliseconds);
        await using var tx = await conn.BeginTransactionAsync(ct);
        // Before each statement: what is left of the budget, or the search stops.
        Func<Task> limit = () => LimitAsync(conn, tx, deadline, criteria.Budget, ct);
        try
        {
            List<Match> matches;
            (long Low, long High)? stretch = null;
            if (filters.Length == 0)
            {
                if (dated)
                {
                    await limit();
                    stretch = await SearchTotals.IdRangeAsync(conn, tx, dialect, criteria.Since, criteria.Until, ct);
                }
                matches = await PostgreSqlMatchWindow.ReadAsync(conn, tx, skeleton, match, words,
                    Rank("w"), window, stretch, limit, ct);
            }
            else
            {
                (matches, stretch) = await FilteredAsync(conn, tx, dialect, criteria, asked.DatesExact, skeleton, words, match, window,
                    (filters, filterParameters), limit, ct);
            }
            bool full = matches.Count == window;
            long oldest = matches.Count > 0 ? matches[^1].Id : 0;
            var order = matches.ToArray();
            Array.Sort(order, ByRank);
            // The sort time and text hash (for ties and for folding copies) are read only for the best ranked: all of
            // them when every match is in the window (the total of distinct texts is exact then), else the best batch.
            int need = criteria.Offset + criteria.Limit;
            int take = full ? Math.Min(order.Length, Math.Max(DetailBatch, 2 * need)) : order.Length;
            var details = new Dictionary<long, Candidate>(take);
            List<Candidate> ranked;
            while (true)
            {
                // A batch never ends inside a run of equal ranks: what it leaves out then ranks strictly lower than
                // all it holds, so its order and its copies' best are the whole window's.
                while (take < order.Length && order[take].Rank == order[take - 1].Rank) take++;
                if (details.Count < take)
                {
                    await limit();
                    await DetailsAsync(conn, tx, dialect, order.AsSpan(details.Count, take - details.Count).ToArray(), details, ct);
                }
                ranked = Fold(order.AsSpan(0, take), details);
                if (ranked.Count >= need || take == order.Length) break;
                take = Math.Min(order.Length, 2 * take);
            }
            var page = ranked.Skip(criteria.Offset).Take(criteria.Limit).ToList();
            List<SearchRow> rows = [];
            if (page.Count > 0)
            {
                await limit();
                var rank = page.ToDictionary(c => c.Id, c => (double)c.Rank);
                rows = await SearchRows.ReadAsync(conn, tx, dialect, page.Select(c => c.Id).ToList(), id => rank[id], ct);
            }
            // Every match was in the window: the count of its distinct texts is exact. Otherwise estimated from how far
            // back the window reached, as on SQLite (SearchTotals).
            if (!full) return new SearchPage(rows, ranked.Count);
            if (stretch is null)
            {
                await limit();
                stretch = await SearchTotals.IdRangeAsync(conn, tx, dialect, criteria.Since, criteria.Until, ct);
            }
            double total = SearchTotals.Extrapolate(window, oldest, stretch.Value);
            return new SearchPage(rows, (int)Math.Clamp(Math.Round(total), ranked.Count, int.MaxValue)) { TotalEstimated = true };
        }
        catch (PostgresException e) when (e.SqlState == QueryCanceled && !ct.IsCancellationRequested)
        {
            throw Exceeded(criteria.Budget, e);
        }
    }

    /// <summary>
    /// Lets the next statement run for what is left of the budget (for this transaction only), or stops the search
    /// when nothing is left.
    /// </summary>
    private static async Task LimitAsync(DbConnection conn, DbTransaction tx, long deadline, TimeSpan budget, CancellationToken ct)
    {
        long left = deadline - Environment.TickCount64;
        if (left <= 0) throw Exceeded(budget, null);
        // Custom plans only: the pool keeps statements prepared (PostgreSqlConnection.ForPool), and a generic plan,
        // once PostgreSQL chose one, would be reused whatever the words, the stretch and the enable_* settings the
        // match window sets for each search (PostgreSqlMatchWindow); a search is planned for its own values, as before.
        // One backend: each statement stops at its window, and a parallel plan (the planner's pick for the ranked join
        // of a filter on the articles once no date narrowed it) made each worker read and match every row it passed
        // again (prezident entity:62 since:2020-01-01 at a million: 354–511 ms with two workers, 40–150 ms with none;
        // the match window's statements are as fast either way).
        await Sql.ExecAsync(conn, tx, """
            SELECT set_config('statement_timeout', @ms, true), set_config('plan_cache_mode', 'force_custom_plan', true),
                set_config('max_parallel_workers_per_gather', '0', true)
            """, ct, ("@ms", left.ToString(CultureInfo.InvariantCulture)));
    }

    private static SearchBudgetExceededException Exceeded(TimeSpan budget, Exception? inner)
    {
        string message = string.Create(CultureInfo.InvariantCulture, $"the search ran past its {budget.TotalMilliseconds:0} ms budget");
        return inner is null ? new SearchBudgetExceededException(message) : new SearchBudgetExceededException(message, inner);
    }


    /// <summary>Best first by rank alone, then the later stored (the order details are read in).</summary>
    private static readonly Comparer<Match> ByRank = Comparer<Match>.Create((a, b) =>
        a.Rank != b.Rank ? b.Rank.CompareTo(a.Rank) : b.Id.CompareTo(a.Id));

    /// <summary>The fewest best-ranked matches whose sort time and text hash are read at first (more when copies fold the page away).</summary>
    private const int DetailBatch = 64;

    /// <summary>A match with what ranks and folds it: its article, sort time, text hash and ts_rank (higher is better).</summary>
    private readonly record struct Candidate(long Id, DateTimeOffset SortAt, string TextHash, float Rank);

    /// <summary>Best first: ts_rank, then the newer, then the later stored.</summary>
    private static readonly Comparer<Candidate> Ranking = Comparer<Candidate>.Create((a, b) =>
        a.Rank != b.Rank ? b.Rank.CompareTo(a.Rank) : a.SortAt != b.SortAt ? b.SortAt.CompareTo(a.SortAt) : b.Id.CompareTo(a.Id));

    /// <summary>
    /// The share of the archive from which a filtered search's matches count as dense (by the planner's estimates of
    /// the words and of each filter, taken as independent): the ranked join then walks back from the newest and stops
    /// at the window (<c>prezident entity:2</c>, ~9 % estimated, at a million: 20 ms joined against 48 ms by the match
    /// window, whose stretch, sized by the estimate, was too long for matches that go together).
    /// </summary>
    private const double DenseShare = 0.05;

    /// <summary>
    /// The newest <paramref name="window"/> matches of a search with filters on the articles (<paramref name="filters"/>:
    /// a section, an entity, an instant inside a day), read the way that costs least by the planner's estimates, with
    /// the ids the dates' articles were stored in when it read them (for the total; null when it did not):
    /// <list type="bullet">
    /// <item>from the side of a section or entity filter (<see cref="PostgreSqlFilterWalk"/>), when that pays. Dates'
    /// days are facets in the skeleton the cost is estimated from (over every partition) and in what each article
    /// walked is matched against (an instant inside a day is not: <paramref name="datesExact"/> false, no walk). With
    /// an end date (<c>until:</c>) the walk, which starts from the newest of the filter's articles, may pass all those
    /// stored after the dates, so it is chosen only when walking all of them pays
    /// (<see cref="PostgreSqlFilterWalk.PaysWhole"/>: <c>azərbaycan category:hadise since:2019-01-01
    /// until:2020-12-31</c> at a million, a section of 1,617 articles: 25 ms walked, 386 ms by the window);</item>
    /// <item>by the ranked join without dates, for dense matches (<see cref="DenseShare"/>) and for a query its skeleton
    /// overstates (<see cref="PostgreSqlTsText.SkeletonIsExact"/>);</item>
    /// <item>otherwise by the match window with the filter (<see cref="PostgreSqlMatchWindow"/>), over the ids a date
    /// filter's articles were stored in. The ranked join leaves the way to the planner, which takes the dates' facets to
    /// be as common in every stretch of ids as in the archive and walked back from the newest through every article
    /// stored since (<c>prezident entity:2 since:2019-01-01 until:2020-12-31</c> at a million: 0.6–2.1 s, at times
    /// past the budget), and for rare words read and rechecked every match before probing the filter
    /// (<c>zelzele category:cemiyyet</c>: 98 ms against 67 ms).</item>
    /// </list>
    /// </summary>
    private static async Task<(List<Match> Matches, (long Low, long High)? Dates)> FilteredAsync(DbConnection conn, DbTransaction tx, SqlDialect dialect, SearchCriteria criteria,
        bool datesExact, string skeleton, string words, string match, int window, (string Sql, IReadOnlyList<(string, object?)> Parameters) filters,
        Func<Task> limit, CancellationToken ct)
    {
        bool dated = criteria.Since is not null || criteria.Until is not null;
        await limit();
        if (await PostgreSqlMatchWindow.EstimateAllAsync(conn, tx, skeleton, everywhere: dated, ct) is not var (low, high, matches)) return ([], null);
        await limit();
        var drivers = await PostgreSqlFilterWalk.DriversAsync(conn, tx, criteria, ct);
        double articles = high - low + 1, others = 1;
        foreach (var other in drivers.Skip(1)) others *= Math.Clamp(other.Articles / articles, 0, 1);
        double share = drivers.Count == 0 ? 1 : others * Math.Clamp(drivers[0].Articles / articles, 0, 1);
        bool walkable = drivers.Count > 0 && (!dated || datesExact);
        if (walkable && (criteria.Until is null
                ? PostgreSqlFilterWalk.Pays(articles, matches, drivers[0].Articles, others, window)
                : PostgreSqlFilterWalk.PaysWhole(matches, drivers[0].Articles, share, window)))
        {
            var (checks, rest) = SearchFilters.Sql(dialect, PostgreSqlFilterWalk.Others(criteria, drivers[0]), datesExact: true);
            await limit();
            return (await PostgreSqlFilterWalk.ReadAsync(conn, tx, drivers[0], checks,
                [.. rest, ("@q", words), ("@m", match)], Rank("s"), window, ct), null);
        }
        // Without dates, a query its skeleton overstates (a phrase, a field, an exclusion) keeps the ranked join too: the
        // window sizes its stretch by the skeleton's matches, and where the query keeps few of them reads longer and
        // longer stretches ("neft hasilatı" category:iqtisadiyyat at a million: 64 ms joined, 95–110 ms through the
        // window; title:prezident entity:62 since:2021-01-01, 1,257 ms through it).
        if (!dated && (matches * share >= DenseShare * articles || !PostgreSqlTsText.SkeletonIsExact(criteria.Match)))
            return (await RankedJoinAsync(conn, tx, filters.Sql, [.. filters.Parameters, ("@q", words), ("@m", match)], window, limit, ct), null);
        (long Low, long High)? dates = null;
        if (dated)
        {
            await limit();
            dates = await SearchTotals.IdRangeAsync(conn, tx, dialect, criteria.Since, criteria.Until, ct);
        }
        var filter = new PostgreSqlWindowFilter(filters.Sql, filters.Parameters, share);
        return (await PostgreSqlMatchWindow.ReadAsync(conn, tx, skeleton, match, words, Rank("w"), window, dates, limit, ct, filter), dates);
    }

    /// <summary>The newest <paramref name="window"/> matches that pass <paramref name="filters"/>, as the planner chooses to read them (<see cref="MatchesSql"/>).</summary>
    private static async Task<List<Match>> RankedJoinAsync(DbConnection conn, DbTransaction tx, string filters, List<(string, object?)> parameters, int window,
        Func<Task> limit, CancellationToken ct)
    {
        await limit();
        return await Sql.ListAsync(conn, tx, MatchesSql(filters), r => new Match(r.GetInt64(0), r.GetFloat(1)), ct, [.. parameters, ("@window", window)]);
    }

    /// <summary>
    /// The newest <c>@window</c> matches that pass a filter on the articles (<see cref="SearchFilters"/>: a section, an
    /// entity, an instant inside a day), newest first, each with its rank (normalised by the document's length). Without
    /// one, <see cref="PostgreSqlMatchWindow"/>.
    /// </summary>
    private static string MatchesSql(string filters) => $"""
        SELECT s.article_id, {Rank("s")}
        FROM {Table} s JOIN articles a ON a.id = s.article_id
        WHERE s.keys @@ CAST(@m AS tsquery){filters}
        ORDER BY s.article_id DESC
        LIMIT @window
        """;

    /// <summary>Reads the sort time and text hash of <paramref name="batch"/>'s articles into <paramref name="details"/>.</summary>
    private static async Task DetailsAsync(DbConnection conn, DbTransaction tx, SqlDialect dialect, Match[] batch, Dictionary<long, Candidate> details,
        CancellationToken ct)
    {
        var rank = new Dictionary<long, float>(batch.Length);
        foreach (var m in batch) rank[m.Id] = m.Rank;
        var ids = new long[batch.Length];
        for (int i = 0; i < batch.Length; i++) ids[i] = batch[i].Id;
        await using var cmd = Sql.Command(conn, tx, $"SELECT a.id, a.sort_at, a.text_sha256 FROM articles a WHERE {dialect.InList("a.id", "@ids")}",
            ("@ids", ids));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            long id = r.GetInt64(0);
            details[id] = new Candidate(id, r.GetFieldValue<DateTimeOffset>(1), r.GetString(2), rank[id]);
        }
        // An article deleted since the match was read has no row: it stands for nothing.
        foreach (var m in batch) details.TryAdd(m.Id, new Candidate(m.Id, default, "", float.NaN));
    }

    /// <summary>The distinct texts among <paramref name="best"/>'s matches, each by its best ranked copy, best first.</summary>
    private static List<Candidate> Fold(ReadOnlySpan<Match> best, Dictionary<long, Candidate> details)
    {
        // Copies of one text shown once: the best ranked of them stands for the others.
        var byText = new Dictionary<string, Candidate>(best.Length, StringComparer.Ordinal);
        foreach (var m in best)
        {
            var c = details[m.Id];
            if (float.IsNaN(c.Rank)) continue;
            if (!byText.TryGetValue(c.TextHash, out var held) || Ranking.Compare(c, held) < 0) byText[c.TextHash] = c;
        }
        var ranked = new List<Candidate>(byText.Values);
        ranked.Sort(Ranking);
        return ranked;
    }
}
