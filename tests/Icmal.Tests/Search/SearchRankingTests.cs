using Icmal.Search;
using Icmal.Storage;
using Icmal.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Icmal.Tests.Search;

/// <summary>
/// İcmal ranks with BM25 computed from each match's statistics (<c>icmal_match_stats</c>) instead of FTS5's
/// <c>bm25()</c>; where every document frequency is counted (a small archive) the two must give the same scores.
/// </summary>
public sealed class SearchRankingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("Qazaxıstan")]
    [InlineData("qazaxistan tokayev")]
    [InlineData("Qazaxıstan OR Füzuli dəhliz")]
    [InlineData("\"Orta Dəhliz\" Qazaxıstan -Ronaldunun")]
    public async Task Scores_equal_fts5_bm25_when_every_document_frequency_is_counted(string query)
    {
        await using var h = await ImportHarness.CreateAsync();
        await h.ImportAsync(TestPaths.Samples);
        var answer = await new Searcher(h.Store).SearchAsync(new SearchRequest(query, 20), Ct);
        var results = answer.Results!;
        Assert.NotEmpty(results.Items);

        var keys = Searcher.KeysOf(QueryParser.Parse(query).Query!);
        var expected = await Fts5Bm25Async(DatabaseSetting.InDataFolder(h.DataDirectory).Target,
            SqliteFts5SearchEngine.Match(results.Relaxed ? Searcher.Relax(keys) : keys));
        Assert.All(results.Items, hit => Assert.Equal(expected[hit.Id], hit.Score, 9));
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task Scores_are_the_same_on_a_new_connection()
    {
        await using var h = await ImportHarness.CreateAsync();
        await h.ImportAsync(TestPaths.Samples);
        var searcher = new Searcher(h.Store);
        var first = (await searcher.SearchAsync(new SearchRequest("qazaxistan tokayev"), Ct)).Results!;
        SqliteConnection.ClearAllPools();
        var again = (await searcher.SearchAsync(new SearchRequest("qazaxistan tokayev"), Ct)).Results!;
        Assert.Equal(first.Items.Select(i => (i.Id, i.Score)), again.Items.Select(i => (i.Id, i.Score)));
        SqliteConnection.ClearAllPools();
    }

    /// <summary>FTS5's own bm25() with İcmal's column weights, by article id (negated: higher is better).</summary>
    private static async Task<Dictionary<long, double>> Fts5Bm25Async(string database, string match)
    {
        await using var conn = new SqliteConnection($"Data Source={database}");
        await conn.OpenAsync(Ct);
        await using var cmd = conn.CreateCommand();
        Assert.Equal(5.0, SqliteFts5SearchEngine.TitleWeight);
        cmd.CommandText = "SELECT rowid, bm25(article_search, 5.0, 1.0, 1.0) FROM article_search WHERE article_search MATCH $m";
        cmd.Parameters.AddWithValue("$m", match);
        var scores = new Dictionary<long, double>();
        await using var r = await cmd.ExecuteReaderAsync(Ct);
        while (await r.ReadAsync(Ct)) scores[r.GetInt64(0)] = -r.GetDouble(1);
        return scores;
    }
}
