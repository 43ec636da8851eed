using System.Text.Json;
using Icmal.Model;
using Icmal.Storage;
using Microsoft.Data.Sqlite;

namespace Icmal.Cli.Tests;

/// <summary>`icmal stories` lists a day's stories as the API does, and `icmal articles --format json` carries copy links.</summary>
public sealed class StoriesCommandTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "icmal-stories-" + Guid.NewGuid().ToString("N"));
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // Not created (a refused command), or still held: the temp folder keeps it.
        }
    }

    [Fact]
    public async Task The_seeds_stories_are_listed_for_the_latest_day_as_json_and_as_lines_with_their_sources()
    {
        Assert.Equal(0, (await CliRunner.RunAsync(["import", "--data", _data, CliRunner.Samples], ct: Ct)).ExitCode);

        var json = await CliRunner.RunAsync(["stories", "--data", _data, "--format", "json"], ct: Ct);
        Assert.Equal(0, json.ExitCode);
        using var doc = JsonDocument.Parse(json.Stdout);
        var root = doc.RootElement;
        string day = root.GetProperty("day").GetString()!;
        Assert.NotNull(StoryDays.Parse(day));
        var items = root.GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(items);
        Assert.Equal(root.GetProperty("total").GetInt32(), items.Count);
        var counts = items.Select(i => i.GetProperty("sourceCount").GetInt32()).ToList();
        Assert.Equal(counts.OrderDescending(), counts);
        Assert.All(items, i => Assert.Equal(i.GetProperty("sources").GetArrayLength(), i.GetProperty("sourceCount").GetInt32()));

        var lines = await CliRunner.RunAsync(["stories", "--data", _data, "--day", day], ct: Ct);
        Assert.Equal(0, lines.ExitCode);
        var rows = lines.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')).ToList();
        Assert.Equal(items.Select(i => i.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture)), rows.Select(r => r[0]));
        Assert.Equal(items[0].GetProperty("title").GetString(), rows[0][1]);
        Assert.Contains(items.Count == 1 ? $"{day}: 1 story" : $"{day}: {items.Count} stories", lines.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--day", "21.10.2025", "--day: '21.10.2025' is not a date written YYYY-MM-DD")]
    [InlineData("--day", "9999-12-31", "--day: '9999-12-31' is not a date written YYYY-MM-DD, from 1900-01-01 to 2999-12-31")]
    [InlineData("--limit", "0", "--limit must be from 1 to 200")]
    [InlineData("--offset", "10001", "--offset must be from 0 to 10000")]
    public async Task A_bad_option_is_refused_before_the_database_is_opened(string option, string value, string message)
    {
        var r = await CliRunner.RunAsync(["stories", "--data", _data, option, value], ct: Ct);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_data));
    }

    [Fact]
    public async Task Articles_as_json_carry_the_original_of_a_copy_and_the_copies_of_an_original()
    {
        Assert.Equal(0, (await CliRunner.RunAsync(["import", "--data", _data, CliRunner.Samples], ct: Ct)).ExitCode);
        long original, copy;
        {
            var store = await Stores.OpenAsync(DatabaseSetting.InDataFolder(_data), Ct);
            var stored = await store.Articles.ListAsync(new ArticleQuery(10), Ct);
            // The link is made by hand, as the copy detector would make it: icma.az's seed copies another seed.
            copy = stored.Single(a => a.Site == "Icma.az").Id;
            original = stored.First(a => a.Id != copy).Id;
            await store.Copies.LinkAsync(new CopyLink(copy, original, CopyEvidence.Credited, 0.95), Ct);
            SqliteConnection.ClearAllPools();
        }

        var r = await CliRunner.RunAsync(["articles", "--data", _data, "--format", "json"], ct: Ct);

        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        var byId = doc.RootElement.EnumerateArray().ToDictionary(a => a.GetProperty("id").GetInt64());
        Assert.Equal(original, byId[copy].GetProperty("originalId").GetInt64());
        Assert.Equal("credited", byId[copy].GetProperty("copyEvidence").GetString());
        Assert.Equal([copy], byId[original].GetProperty("copyIds").EnumerateArray().Select(i => i.GetInt64()));
        Assert.Equal(JsonValueKind.Null, byId[original].GetProperty("originalId").ValueKind);
    }
}
