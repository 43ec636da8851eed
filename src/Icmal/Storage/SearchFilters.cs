using System.Data.Common;
using System.Text;

namespace Icmal.Storage;

/// <summary>
/// The part of a search's filters the index can not answer alone, as SQL conditions on the matched articles, the same
/// on every engine's index (<see cref="SqliteFts5SearchEngine"/>, <see cref="PostgreSqlSearchEngine"/>): the instants
/// of <c>since:</c> and <c>until:</c>. Sites and languages are facets of the index (<see cref="SearchFacets"/>), and so
/// are the days the dates cover, so these comparisons only trim what the days' facets let through; they are left out
/// when that is nothing (whole Baku days, as the query language names them), so a dated search needs no join to the
/// articles and takes the undated search's path. A section (<c>category:</c>) and an entity
/// (<c>entity:</c>) are one probe each of their table's key per matched article: no index row is written for them, so
/// neither a new category nor a re-linked entity touches the search index, and a search without them costs what it did.
/// </summary>
internal static class SearchFilters
{
    /// <summary>
    /// The date, section and entity filters as conditions on <c>articles a</c> (each starting " AND"), each value a
    /// parameter; no date condition when <paramref name="datesExact"/> (the index's day facets are exactly the dates).
    /// </summary>
    public static (string Sql, List<(string, object?)> Parameters) Sql(SqlDialect dialect, SearchCriteria c, bool datesExact)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(c);
        var sql = new StringBuilder();
        var parameters = new List<(string, object?)>();
        if (c.Since is { } since && !datesExact)
        {
            sql.Append(" AND a.sort_at >= @since");
            parameters.Add(("@since", dialect.Time(since)));
        }
        if (c.Until is { } until && !datesExact)
        {
            sql.Append(" AND a.sort_at < @until");
            parameters.Add(("@until", dialect.Time(until)));
        }
        for (int i = 0; i < c.Categories.Count; i++)
        {
            string p = "@category" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            sql.Append(" AND ").Append(InCategory(p));
            parameters.Add((p, c.Categories[i]));
        }
        for (int i = 0; i < c.EntityIds.Count; i++)
        {
            string p = "@entity" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            sql.Append(" AND ").Append(NamesEntity(p));
            parameters.Add((p, c.EntityIds[i]));
        }
        return (sql.ToString(), parameters);
    }

    /// <summary>That article <c>a</c> is in the section given by parameter <paramref name="parameter"/>: one probe of the table's key.</summary>
    internal static string InCategory(string parameter) =>
        $"EXISTS (SELECT 1 FROM article_categories k WHERE k.article_id = a.id AND k.category = {parameter})";

    /// <summary>That article <c>a</c> names the entity given by parameter <paramref name="parameter"/>: one probe of the table's key.</summary>
    internal static string NamesEntity(string parameter) =>
        $"EXISTS (SELECT 1 FROM article_entities e WHERE e.article_id = a.id AND e.entity_id = {parameter})";

    /// <summary>
    /// The first and last sort time in the archive (null when it is empty): where an open <c>since:</c> or
    /// <c>until:</c> ends, for <see cref="SearchFacets.Required"/>. Two seeks of the sort index.
    /// </summary>
    public static async Task<(DateTimeOffset First, DateTimeOffset Last)?> ArchiveSpanAsync(DbConnection conn, DbTransaction? tx, SqlDialect dialect, SearchCriteria c, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(c);
        if (c.Since is { } since && c.Until is { } until) return (since, until);
        // Two subqueries: SQLite answers a lone MIN or MAX with one seek of the sort index, but both in one SELECT with
        // a scan of every article (232 ms at a million).
        DateTimeOffset? first, last;
        await using (var cmd = Storage.Sql.Command(conn, tx, "SELECT (SELECT MIN(sort_at) FROM articles), (SELECT MAX(sort_at) FROM articles)", []))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            if (!await r.ReadAsync(ct) || r.IsDBNull(0)) return null;
            (first, last) = (dialect.ReadTimeOrUnknown(r, 0), dialect.ReadTimeOrUnknown(r, 1));
        }
        // A sort time another tool wrote into SQLite's file as text is MAX there (text orders above every number), and
        // MIN where every one is text: the span's end is then the newest (oldest) of the first 64 that read.
        last ??= await dialect.FirstTimeAsync(conn, tx, "SELECT sort_at FROM articles ORDER BY sort_at DESC LIMIT 64", ct);
        first ??= await dialect.FirstTimeAsync(conn, tx, "SELECT sort_at FROM articles ORDER BY sort_at LIMIT 64", ct);
        return first is { } f && last is { } l ? (f, l) : null;
    }
}
