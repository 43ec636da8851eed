using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Icmal.Cli.Tests;

/// <summary>A data folder with the seeds imported by `icmal import`, shared by the search command's tests (which only read it or rebuild its index).</summary>
public sealed class SeededDataFolder : IAsyncLifetime
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "icmal-search-" + Guid.NewGuid().ToString("N"));

    public async ValueTask InitializeAsync() =>
        Assert.Equal(0, (await CliRunner.RunAsync(["import", "--data", Path, CliRunner.Samples], ct: CancellationToken.None)).ExitCode);

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
        return ValueTask.CompletedTask;
    }
}

/// <summary>`icmal search` and `icmal reindex` as a user runs them, on the seeds imported into a real data folder.</summary>
public sealed class SearchCommandTests(SeededDataFolder seeded) : IClassFixture<SeededDataFolder>
{
    private readonly string _data = seeded.Path;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Search_prints_a_line_per_article_found_and_the_count()
    {
        var r = await CliRunner.RunAsync(["search", "--data", _data, "qazaxistan"], ct: Ct);

        Assert.True(r.ExitCode == 0, r.Stderr);
        var lines = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        foreach (string line in lines)
        {
            var fields = line.Split('\t');
            Assert.Equal(6, fields.Length);
            Assert.True(long.Parse(fields[0], System.Globalization.CultureInfo.InvariantCulture) > 0);
            Assert.False(string.IsNullOrWhiteSpace(fields[1]));
        }
        Assert.Contains(lines, l => l.Contains("Qazaxıstan", StringComparison.Ordinal));
        Assert.StartsWith(lines.Length == 1 ? "1 result," : $"{lines.Length} results,", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_as_json_writes_the_apis_items_total_limit_and_offset()
    {
        var r = await CliRunner.RunAsync(["search", "--data", _data, "--format", "json", "--limit", "2", "Tokayevin"], ct: Ct);

        Assert.True(r.ExitCode == 0, r.Stderr);
        using var json = JsonDocument.Parse(r.Stdout);
        var root = json.RootElement;
        Assert.Equal(2, root.GetProperty("limit").GetInt32());
        Assert.Equal(0, root.GetProperty("offset").GetInt32());
        Assert.True(root.GetProperty("total").GetInt32() >= 1);
        var item = root.GetProperty("items")[0];
        foreach (string field in new[] { "id", "url", "title", "site", "published", "snippet", "score", "snippetParts", "copies" })
            Assert.True(item.TryGetProperty(field, out _), $"no {field}");
        Assert.Contains(item.GetProperty("snippetParts").EnumerateArray(), p => p.GetProperty("matched").GetBoolean());
    }

    [Theory]
    [InlineData("\"Orta Dəhliz")]
    [InlineData("title:")]
    public async Task A_query_that_cannot_run_is_one_line_on_stderr_and_exit_2(string query)
    {
        var r = await CliRunner.RunAsync(["search", "--data", _data, "--", query], ct: Ct);

        Assert.Equal(2, r.ExitCode);
        Assert.Equal("", r.Stdout);
        var line = Assert.Single(r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("icmal search: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--limit", "0", "--limit must be from 1 to 100")]
    [InlineData("--limit", "101", "--limit must be from 1 to 100")]
    [InlineData("--offset", "-1", "--offset must be from 0 to 10000")]
    [InlineData("--offset", "10001", "--offset must be from 0 to 10000")]
    public async Task A_bad_page_is_refused_before_the_search(string option, string value, string message)
    {
        var r = await CliRunner.RunAsync(["search", "--data", _data, option, value, "qazaxistan"], ct: Ct);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reindex_rebuilds_the_index_of_every_article_and_search_still_finds_them()
    {
        var before = await CliRunner.RunAsync(["search", "--data", _data, "--format", "json", "qazaxistan"], ct: Ct);

        var r = await CliRunner.RunAsync(["reindex", "--data", _data], ct: Ct);

        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.StartsWith("indexed 5 articles in ", r.Stdout, StringComparison.Ordinal);
        var after = await CliRunner.RunAsync(["search", "--data", _data, "--format", "json", "qazaxistan"], ct: Ct);
        Assert.Equal(Ids(before.Stdout), Ids(after.Stdout));
        Assert.NotEmpty(Ids(after.Stdout));
    }

    private static List<long> Ids(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToList();
    }
}
