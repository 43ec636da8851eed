using System.Globalization;
using System.Text;

namespace Icmal.Storage;

/// <summary>
/// A search's filters (<c>source:</c>, <c>lang:</c>, <c>since:</c>, <c>until:</c>) as SQL conditions on the matched
/// articles, the same on every engine's index (<see cref="SqliteFts5SearchEngine"/>, <see cref="PostgreSqlSearchEngine"/>).
/// </summary>
internal static class SearchFilters
{
    /// <summary>The filters as conditions on <c>articles a</c> (each starting " AND"), each value a parameter.</summary>
    public static (string Sql, List<(string, object?)> Parameters) Sql(SqlDialect dialect, SearchCriteria c)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(c);
        string at = dialect.Position("a.url", "'://'");
        var sql = new StringBuilder();
        var parameters = new List<(string, object?)>();
        for (int i = 0; i < c.Sites.Count; i++)
        {
            string p = "@site" + i.ToString(CultureInfo.InvariantCulture);
            // The site a page names, or the host of its address (with or without "www.").
            sql.Append(CultureInfo.InvariantCulture, $"""
                 AND (lower(a.site) IN ({p}, 'www.' || {p})
                    OR substr(a.url, {at} + 3, length({p}) + 1) = {p} || '/'
                    OR substr(a.url, {at} + 3, length({p}) + 5) = 'www.' || {p} || '/')
                """);
            parameters.Add((p, c.Sites[i]));
        }
        for (int i = 0; i < c.Languages.Count; i++)
        {
            string p = "@lang" + i.ToString(CultureInfo.InvariantCulture);
            sql.Append(CultureInfo.InvariantCulture, $" AND a.language = {p}");
            parameters.Add((p, c.Languages[i]));
        }
        if (c.Since is { } since)
        {
            sql.Append(" AND a.sort_at >= @since");
            parameters.Add(("@since", dialect.Time(since)));
        }
        if (c.Until is { } until)
        {
            sql.Append(" AND a.sort_at < @until");
            parameters.Add(("@until", dialect.Time(until)));
        }
        return (sql.ToString(), parameters);
    }
}
