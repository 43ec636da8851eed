using System.Data.Common;

namespace Icmal.Storage;

/// <summary>
/// A PostgreSQL search with a section or entity filter (<c>category:</c>, <c>entity:</c>) read from the filter's side
/// when that is the cheaper way: the filter's articles newest first from its own index (<c>(category, article_id)</c>,
/// <c>(entity_id, article_id)</c>), each one's tsvector looked up by article id and matched, until the window is full.
/// </summary>
/// <remarks>
/// <para>The other ways are the engine's (<see cref="PostgreSqlSearchEngine"/>'s <c>FilteredAsync</c>): the match
/// window with the filter, and the ranked join. The ranked join leaves the way to the planner, which misjudges how many
/// articles pass both the words and the filter (it takes them as independent) and, at a million articles, walked <c>article_search</c>
/// back from the newest, reading and matching every tsvector it passed: <c>neft entity:191</c> matched 140,000 rows
/// for 1,000 matches, 161 ms warm; from the entity's side the same 1,000 matches were 10,385 look-ups, 43 ms.</para>
/// <para>The way is chosen from the planner's estimates of how many articles the words match and how many the filter
/// holds (<see cref="Pays"/>): the walk looks up a filter's articles until the window is full, which is few when the
/// words are common among them and all of them when the words are rare; then the GIN's bitmap of the words' matches,
/// as the ranked join reads it, costs less (<c>futbol category:cemiyyet</c>: 66 ms joined, 1,184 ms walked).</para>
/// </remarks>
internal static class PostgreSqlFilterWalk
{
    /// <summary>
    /// Costs of one row, in microseconds, each measured at a million articles, warm (docs/benchmarks.md, "Filters
    /// read from their side"): a filter's article looked up and its tsvector matched (2.8–4.1); an article passed by
    /// the walk back along <c>article_search</c>'s key (1.15); a match of the words read through the GIN's bitmap,
    /// rechecked and its filter probed (8–23).
    /// </summary>
    internal const double LookUpCost = 4, WalkCost = 1.2, BitmapCost = 8;

    /// <summary>A filter's table and the column its value is in; its index is (that column, <c>article_id</c>).</summary>
    internal sealed record FilterTable(string Name, string Column)
    {
        public static readonly FilterTable Categories = new("article_categories", "category");
        public static readonly FilterTable Entities = new("article_entities", "entity_id");
    }

    /// <summary>A filter the walk can start from: its table and value, and the planner's estimate of its articles.</summary>
    internal sealed record Driver(FilterTable Table, object Value, double Articles);

    /// <summary>
    /// Whether walking the filter's articles costs less than the cheaper of what the ranked join can do: walking the
    /// index back from the newest until the window is full, or reading every match of the words through the GIN.
    /// </summary>
    /// <param name="articles">The archive's articles (its span of ids).</param>
    /// <param name="wordMatches">The articles the words (and facets) match, estimated.</param>
    /// <param name="driverArticles">The articles of the filter the walk starts from, estimated.</param>
    /// <param name="otherShare">The share of articles the other filters let through (1 with none).</param>
    /// <param name="window">How many matches are needed.</param>
    public static bool Pays(double articles, double wordMatches, double driverArticles, double otherShare, int window)
    {
        if (articles <= 0) return false;
        // Matches are taken to spread evenly: the walk needs window / (share of its articles that match) of them.
        double words = Math.Clamp(wordMatches / articles, 1e-9, 1), driver = Math.Clamp(driverArticles / articles, 1e-9, 1);
        double passing = words * Math.Clamp(otherShare, 1e-9, 1);
        double lookUps = Math.Min(driverArticles, window / passing);
        double walked = Math.Min(articles, window / (passing * driver));
        return lookUps * LookUpCost < Math.Min(walked * WalkCost, wordMatches * BitmapCost);
    }

    /// <summary>
    /// Whether walking every article of the filter costs less than the match window with the filter
    /// (<see cref="PostgreSqlMatchWindow"/>), which reads the words' matches over a stretch of ids sized to hold half as
    /// many candidates again as needed, or all of them: for a search with an end date, whose walk cannot be counted on to
    /// stop early (its matches may all lie behind every article of the filter stored after the dates).
    /// </summary>
    /// <param name="wordMatches">The articles the words (and the dates' facets) match, estimated.</param>
    /// <param name="driverArticles">The articles of the filter the walk starts from, estimated.</param>
    /// <param name="share">The share of articles all the filters let through.</param>
    /// <param name="window">How many matches are needed.</param>
    public static bool PaysWhole(double wordMatches, double driverArticles, double share, int window) =>
        driverArticles * LookUpCost < Math.Min(wordMatches, 1.5 * window / Math.Clamp(share, 1e-9, 1)) * BitmapCost;

    /// <summary>
    /// The filters of <paramref name="criteria"/> the walk can start from (each section and entity), with the
    /// planner's estimate of each one's articles, fewest first.
    /// </summary>
    public static async Task<List<Driver>> DriversAsync(DbConnection conn, DbTransaction tx, SearchCriteria criteria, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        var drivers = new List<Driver>(criteria.Categories.Count + criteria.EntityIds.Count);
        foreach (string category in criteria.Categories)
            drivers.Add(new Driver(FilterTable.Categories, category, await EstimateAsync(conn, tx, FilterTable.Categories, category, ct)));
        foreach (long entity in criteria.EntityIds)
            drivers.Add(new Driver(FilterTable.Entities, entity, await EstimateAsync(conn, tx, FilterTable.Entities, entity, ct)));
        drivers.Sort((a, b) => a.Articles.CompareTo(b.Articles));
        return drivers;
    }

    /// <summary>The criteria without <paramref name="driver"/>'s filter: what is left to check of each article the walk passes.</summary>
    public static SearchCriteria Others(SearchCriteria criteria, Driver driver)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        ArgumentNullException.ThrowIfNull(driver);
        return driver.Table == FilterTable.Categories
            ? criteria with { Categories = Without(criteria.Categories, (string)driver.Value) }
            : criteria with { EntityIds = Without(criteria.EntityIds, (long)driver.Value) };
    }

    private static List<T> Without<T>(IReadOnlyList<T> values, T value)
    {
        var rest = values.ToList();
        rest.Remove(value);
        return rest;
    }

    /// <summary>
    /// The newest <paramref name="window"/> articles of <paramref name="driver"/>'s filter that match <c>@m</c> and pass
    /// <paramref name="filters"/> (conditions on <c>a.id</c>, <see cref="SearchFilters"/>, with
    /// <paramref name="parameters"/>), newest first, each ranked by <paramref name="rank"/> (over <c>s.keys</c> and <c>@q</c>).
    /// </summary>
    public static Task<List<PostgreSqlMatch>> ReadAsync(DbConnection conn, DbTransaction tx, Driver driver, string filters,
        IReadOnlyList<(string, object?)> parameters, string rank, int window, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(driver);
        ArgumentNullException.ThrowIfNull(parameters);
        // The look-up is a LATERAL subquery with a LIMIT, so it is never pulled up into a join the planner could turn
        // into the merge or hash join this walk is here to avoid: one look-up of the key for each article of the filter,
        // in the order of the filter's index, stopped by the outer LIMIT.
        return Sql.ListAsync(conn, tx, $"""
            SELECT a.id, {rank}
            FROM (SELECT d.article_id AS id FROM {driver.Table.Name} d WHERE d.{driver.Table.Column} = @driver) a
            CROSS JOIN LATERAL (SELECT t.keys FROM {PostgreSqlSearchEngine.Table} t WHERE t.article_id = a.id LIMIT 1) s
            WHERE s.keys @@ CAST(@m AS tsquery){filters}
            ORDER BY a.id DESC
            LIMIT @window
            """, r => new PostgreSqlMatch(r.GetInt64(0), r.GetFloat(1)), ct,
            [.. parameters, ("@driver", driver.Value), ("@window", window)]);
    }

    /// <summary>The planner's estimate of the articles with <paramref name="value"/> in <paramref name="table"/> (from its statistics; nothing is read).</summary>
    private static Task<double> EstimateAsync(DbConnection conn, DbTransaction tx, FilterTable table, object value, CancellationToken ct) =>
        PostgreSqlMatchWindow.PlannedRowsAsync(conn, tx, $"SELECT 1 FROM {table.Name} d WHERE d.{table.Column} = @v", double.MaxValue, ct, ("@v", value));
}
