using System.Data.Common;
using System.Globalization;

namespace Icmal.Storage;

/// <summary>
/// A search with filters and no words (<c>entity:62 since:2025-01-01</c>, <c>source:apa.az category:idman</c>): a
/// monitor's list of everything a name, a section or a site had over some days. Nothing ranks such a list but time, so
/// it is the newest articles that pass every filter, copies of one text shown once (the newest standing for the
/// others), read the same way on every engine. Sites and languages are asked of the engine's index
/// (<see cref="SearchEngine.FacetIds"/>), as a search with words asks them, so <c>source:</c> means the same with or
/// without words (the article's site or its address's host), and so are excluded words (<c>entity:62 -futbol</c>,
/// <see cref="SearchEngine.Excluding"/>); dates are the articles' sort times, exactly.
/// </summary>
/// <remarks>
/// One statement reads the newest rows, in one of two ways, as the browse pages choose theirs
/// (<see cref="ArticleStore.BrowseAsync(ArticleBrowse, ArticleCursor?, int, CancellationToken)"/>): down the sort index
/// with each filter checked on every article passed, which costs the rows read divided by the filters' share of the
/// archive; or from the smallest filter's own articles, sorted, which costs that filter's size. The sizes are counted
/// up to the point where the two meet, √(rows × archive), so choosing costs no more than the cheaper way. The total
/// is exact when every article that passes was read, as it always is from a filter's side; walked, it is estimated as
/// a search's is (<see cref="SearchTotals"/>).
/// </remarks>
internal static class FilterListing
{
    /// <summary>Rows read past the page, room for copies folded away (doubled while folding leaves the page short).</summary>
    private const int Room = 16;

    /// <summary>The fewest rows a filter may have to be read from its own side rather than walked for.</summary>
    private const long MinBound = 256;

    /// <summary>The newest articles that pass <paramref name="c"/>'s filters; <paramref name="limit"/> runs before each statement (the engine's budget).</summary>
    public static async Task<SearchPage> ReadAsync(DbConnection conn, DbTransaction? tx, SqlDialect dialect, SearchEngine engine, SearchCriteria c,
        Func<Task> limit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(limit);
        var sets = Sets(engine, c);
        var parameters = sets.Select(s => s.Parameter).ToList();
        // What every article must pass besides the filters' sets: no excluded word, the dates.
        var checks = new List<string>();
        if (c.Match.Excluded.Count > 0)
        {
            var (condition, value) = engine.Excluding(c.Match.Excluded);
            checks.Add(condition);
            parameters.Add(("@excluded", value));
        }
        if (c.Since is { } since)
        {
            checks.Add("a.sort_at >= @since");
            parameters.Add(("@since", dialect.Time(since)));
        }
        if (c.Until is { } until)
        {
            checks.Add("a.sort_at < @until");
            parameters.Add(("@until", dialect.Time(until)));
        }
        int need = c.Offset + c.Limit;
        int read = 2 * need + Room;
        int? driver = await SmallestAsync(conn, tx, sets, read, limit, ct);

        // From a filter's side every article of it is read and sorted whichever page is asked for (at most the bound):
        // all of them come back, so the page and the count of their texts are exact in one statement. Down the sort
        // index only the newest rows are read, more while folding copies leaves the page short.
        List<(long Id, string Hash)> rows;
        List<(long Id, string Hash)> folded;
        while (true)
        {
            await limit();
            rows = await Sql.ListAsync(conn, tx, Statement(sets, checks, driver), r => (r.GetInt64(0), r.GetString(1)), ct,
                driver is null ? [.. parameters, ("@n", read)] : [.. parameters]);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            folded = rows.Where(r => seen.Add(r.Hash)).ToList();
            if (driver is not null || folded.Count >= need || rows.Count < read) break;
            read *= 2;
        }
        var page = folded.Skip(c.Offset).Take(c.Limit).Select(r => r.Id).ToList();
        List<SearchRow> items = [];
        if (page.Count > 0)
        {
            await limit();
            items = await SearchRows.ReadAsync(conn, tx, dialect, page, static _ => 0, ct);
        }
        // Every article that passes was read: the count of their texts is exact.
        if (driver is not null || rows.Count < read) return new SearchPage(items, folded.Count);
        // Walked: estimated as a search's total is (SearchTotals), the articles with their copies: as many again for
        // every stretch of ids like the one the newest reached back over.
        await limit();
        var stretch = await SearchTotals.IdRangeAsync(conn, tx, dialect, c.Since, c.Until, ct);
        double total = SearchTotals.Extrapolate(rows.Count, rows.Min(r => r.Id), stretch);
        return new SearchPage(items, (int)Math.Clamp(Math.Round(total), folded.Count, int.MaxValue)) { TotalEstimated = true };
    }

    /// <summary>
    /// One filter's articles as a subquery of their ids (<c>id</c>) and as a condition on <c>articles a</c>, with its
    /// one parameter: the sites and languages together (the index's facets), each section, each entity.
    /// </summary>
    private sealed record IdSet(string Sql, string Condition, (string Name, object? Value) Parameter);

    private static List<IdSet> Sets(SearchEngine engine, SearchCriteria c)
    {
        var sets = new List<IdSet>();
        var facets = SearchFacets.Required(c with { Since = null, Until = null }, null)!.Groups;
        if (facets.Count > 0)
        {
            var asked = engine.FacetIds(facets);
            sets.Add(new IdSet(asked.Ids, asked.Condition, ("@facets", asked.Value)));
        }
        for (int i = 0; i < c.Categories.Count; i++)
        {
            string p = "@category" + i.ToString(CultureInfo.InvariantCulture);
            sets.Add(new IdSet($"SELECT article_id AS id FROM article_categories WHERE category = {p}",
                SearchFilters.InCategory(p), (p, c.Categories[i])));
        }
        for (int i = 0; i < c.EntityIds.Count; i++)
        {
            string p = "@entity" + i.ToString(CultureInfo.InvariantCulture);
            sets.Add(new IdSet($"SELECT article_id AS id FROM article_entities WHERE entity_id = {p}",
                SearchFilters.NamesEntity(p), (p, c.EntityIds[i])));
        }
        return sets;
    }

    /// <summary>
    /// The set to read from its own side: the smallest, when it is smaller than where walking the sort index for
    /// <paramref name="read"/> rows costs as much (√(rows × archive)); null to walk.
    /// </summary>
    private static async Task<int?> SmallestAsync(DbConnection conn, DbTransaction? tx, List<IdSet> sets, int read, Func<Task> limit, CancellationToken ct)
    {
        if (sets.Count == 0) return null;
        await limit();
        long archive = await Sql.Int64Async(conn, tx, "SELECT COALESCE(MAX(id), 0) FROM articles", ct);
        long bound = Math.Max(MinBound, (long)Math.Sqrt((double)read * archive));
        int? smallest = null;
        long size = bound;
        for (int i = 0; i < sets.Count; i++)
        {
            await limit();
            long n = await Sql.Int64Async(conn, tx, $"SELECT COUNT(*) FROM ({sets[i].Sql} LIMIT @bound) s", ct, sets[i].Parameter, ("@bound", size));
            if (n < size)
            {
                size = n;
                smallest = i;
            }
        }
        return smallest;
    }

    /// <summary>
    /// The articles' ids and text hashes, newest first: all of set <paramref name="driver"/>'s that pass, or the newest
    /// <c>@n</c> down the sort index.
    /// </summary>
    private static string Statement(List<IdSet> sets, List<string> checks, int? driver)
    {
        var conditions = new List<string>();
        if (driver is not null) conditions.Add("a.id = d.id");
        conditions.AddRange(checks);
        for (int i = 0; i < sets.Count; i++)
        {
            if (i != driver) conditions.Add(sets[i].Condition);
        }
        string where = conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", conditions);
        if (driver is not { } d)
            return $"SELECT a.id, a.text_sha256 FROM articles a {where} ORDER BY a.sort_at DESC, a.id DESC LIMIT @n";
        // Materialised and joined first (SQLite keeps a CROSS JOIN's order): the filter's articles are looked up by
        // key and sorted, never the archive walked for them.
        return $"""
            WITH d AS MATERIALIZED ({sets[d].Sql})
            SELECT a.id, a.text_sha256 FROM d CROSS JOIN articles a
            {where}
            ORDER BY a.sort_at DESC, a.id DESC
            """;
    }
}
