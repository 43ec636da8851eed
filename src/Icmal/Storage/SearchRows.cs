using System.Data.Common;

namespace Icmal.Storage;

/// <summary>What a result list shows of a page of found articles: one statement for the page, in any engine's dialect.</summary>
internal static class SearchRows
{
    /// <summary>
    /// The rows of <paramref name="page"/>'s articles, in its order, each scored by <paramref name="score"/> and with its
    /// text's other copies counted; an article deleted since it was found is left out.
    /// </summary>
    public static async Task<List<SearchRow>> ReadAsync(DbConnection conn, DbTransaction? tx, SqlDialect dialect, IReadOnlyList<long> page,
        Func<long, double> score, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(score);
        var found = (await Sql.ListAsync(conn, tx, $"""
            SELECT a.id, a.url, a.title, a.site, a.language, a.published_at, a.body,
                (SELECT COUNT(*) FROM articles c WHERE c.text_sha256 = a.text_sha256) - 1
            FROM articles a WHERE {dialect.InList("a.id", "@ids")}
            """, r => new SearchRow(r.GetInt64(0), r.StringOrNull(1), r.GetString(2), r.StringOrNull(3), r.StringOrNull(4),
                dialect.ReadTimeOrUnknown(r, 5), r.GetString(6), score(r.GetInt64(0)), checked((int)r.GetInt64(7))), ct,
            ("@ids", dialect.ListValue(page.ToList())))).ToDictionary(row => row.Id);
        return page.Where(found.ContainsKey).Select(id => found[id]).ToList();
    }
}
