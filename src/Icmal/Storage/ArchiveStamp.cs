using System.Data.Common;

namespace Icmal.Storage;

/// <summary>
/// Where the archive stands: its newest article and newest story. Cheap to read (two primary-key lookups), so a page
/// built from the archive's newest parts (the front page) can be kept while this stays the same. An arrival changes
/// it; the stages that follow an arrival (its story, its copy link) and edits of older rows (a story's headline) do
/// not, so a cache keyed by it keeps an entry only for a few seconds as well.
/// </summary>
public sealed record ArchiveStamp(long LatestArticle, long LatestStory)
{
    /// <summary>Reads where the archive stands now.</summary>
    public static async Task<ArchiveStamp> ReadAsync(Database database, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var conn = await database.ConnectAsync(ct);
        var rows = await Sql.ListAsync(conn, StampSql, r => new ArchiveStamp(Long(r, 0), Long(r, 1)), ct);
        return rows[0];
    }

    internal const string StampSql = "SELECT (SELECT MAX(id) FROM articles), (SELECT MAX(id) FROM stories)";

    private static long Long(DbDataReader r, int i) => r.IsDBNull(i) ? 0 : Convert.ToInt64(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
}
