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

    [Fact]
    public async Task A_days_stories_are_found_through_the_sort_index_and_each_storys_sources_through_the_story_index()
    {
        using var folder = new TempFolder();
        var database = await Database.OpenAsync(DatabaseSetting.InDataFolder(folder.Path), Ct);
        (string, object?)[] day = [("@from", 1761000000000L), ("@to", 1761086400000L), ("@n", 20), ("@o", 0)];
        var plans = new Dictionary<string, List<string>>(StringComparer.Ordinal)
        {
            ["rank"] = await PlanAsync(database, StoryStore.RankSql, day),
            ["total"] = await PlanAsync(database, StoryStore.DayTotalSql, day),
            ["latest"] = await PlanAsync(database, StoryStore.ReportTimeSql(StoryStore.LatestReport)),
            ["before"] = await PlanAsync(database, StoryStore.ReportTimeSql(StoryStore.ReportBefore), ("@at", 1761000000000L)),
            ["from"] = await PlanAsync(database, StoryStore.ReportTimeSql(StoryStore.ReportFrom), ("@at", 1761000000000L)),
        };
        string all = string.Join("\n", plans.Select(p => p.Key + ": " + string.Join(" | ", p.Value)));
        Assert.All(plans.Values, plan => Assert.Contains(plan, s => s.Contains("articles USING INDEX articles_sort", StringComparison.Ordinal)));
        Assert.Contains(plans["rank"], s => s.StartsWith("SEARCH s USING INTEGER PRIMARY KEY", StringComparison.Ordinal));
        Assert.Contains(plans["rank"], s => s.StartsWith("SEARCH a USING INDEX articles_story", StringComparison.Ordinal));
        // The one walk allowed is down the sort index to the newest clustered article, which stops at the first.
        Assert.True(plans.Values.SelectMany(p => p).All(s => !s.StartsWith("SCAN", StringComparison.Ordinal) || s == "SCAN articles USING INDEX articles_sort"), all);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task A_listing_without_copies_still_pages_by_seeking_the_sort_index()
    {
        using var folder = new TempFolder();
        var database = await Database.OpenAsync(DatabaseSetting.InDataFolder(folder.Path), Ct);
        var plan = await PlanAsync(database, ArticleStore.PageSql(ArticleStore.OlderOriginals), ("@n", 31), ("@s", 1761561420123L), ("@i", 2L));
        Assert.Contains(plan, s => s.StartsWith("SEARCH a USING INDEX articles_sort", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, s => s.Contains("TEMP B-TREE", StringComparison.Ordinal) || s.StartsWith("SCAN", StringComparison.Ordinal));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
