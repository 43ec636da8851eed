using Icmal.Storage;
using Icmal.Tests.Support;

namespace Icmal.Tests.Storage;

/// <summary>The hot queries' SQLite plans on the current schema: index lookups, never a scan of a growing table.</summary>
public sealed class QueryPlanTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<List<string>> PlanAsync(Database database, string sql, params (string, object?)[] parameters)
    {
        await using var conn = await database.ConnectAsync(Ct);
        return await Sql.ListAsync(conn, "EXPLAIN QUERY PLAN " + sql, r => r.GetString(3), Ct, parameters);
    }

    [Fact]
    public async Task Filtering_a_page_of_addresses_looks_each_up_by_index()
    {
        using var folder = new TempFolder();
        var database = await Database.OpenAsync(DatabaseSetting.InDataFolder(folder.Path), Ct);
        var plan = await PlanAsync(database, SeenUrlStore.MetSql(database.Dialect),
            ("@urls", database.Dialect.ListValue(["https://x.az/1", "https://x.az/2"])), ("@max", 3));
        Assert.Contains(plan, s => s.StartsWith("SEARCH seen_urls USING INDEX", StringComparison.Ordinal) && s.Contains("(canonical_url=?)", StringComparison.Ordinal));
        Assert.Contains(plan, s => s.StartsWith("SEARCH articles USING", StringComparison.Ordinal) && s.Contains("articles_canonical_url (canonical_url=?)", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, s => s.StartsWith("SCAN seen_urls", StringComparison.Ordinal) || s.StartsWith("SCAN articles", StringComparison.Ordinal));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task A_new_database_pages_by_seeking_the_sort_index()
    {
        using var folder = new TempFolder();
        var database = await Database.OpenAsync(DatabaseSetting.InDataFolder(folder.Path), Ct);
        var plan = await PlanAsync(database, ArticleStore.PageSql(ArticleStore.OlderThanCursor), ("@n", 31), ("@s", 1761561420123L), ("@i", 2L));
        Assert.Contains(plan, s => s.StartsWith("SEARCH a USING INDEX articles_sort", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, s => s.Contains("TEMP B-TREE", StringComparison.Ordinal));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
