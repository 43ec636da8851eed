using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Icmal.Cli.Tests;

/// <summary>`icmal entities` lists the imported seeds' entities by kind, name and period; `icmal reanalyse` finds nothing left to do after an import; a bad kind is a usage error.</summary>
public sealed class EntitiesCommandTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "icmal-entities-" + Guid.NewGuid().ToString("N"));
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
            // Not created, or still held: the temp folder keeps it.
        }
    }

    [Fact]
    public async Task The_seeds_people_are_listed_as_json_and_lines_and_a_bad_kind_is_refused()
    {
        Assert.Equal(0, (await CliRunner.RunAsync(["import", "--data", _data, CliRunner.Samples], ct: Ct)).ExitCode);

        var json = await CliRunner.RunAsync(["entities", "--data", _data, "--kind", "PER", "--format", "json"], ct: Ct);
        Assert.Equal(0, json.ExitCode);
        using var doc = JsonDocument.Parse(json.Stdout);
        var items = doc.RootElement.EnumerateArray().ToList();
        Assert.All(items, i => Assert.Equal("PER", i.GetProperty("kind").GetString()));
        var aliyev = Assert.Single(items, i => i.GetProperty("name").GetString() == "İlham Əliyev");
        Assert.Equal(5, aliyev.GetProperty("articles").GetInt64());
        Assert.DoesNotContain(items, i => i.GetProperty("name").GetString()!.Contains("Çimayev", StringComparison.Ordinal));

        var lines = await CliRunner.RunAsync(["entities", "--data", _data, "-q", "Токаев"], ct: Ct);
        Assert.Equal(0, lines.ExitCode);
        Assert.Contains(lines.Stdout.Split('\n'), l => l.Contains("\tKasım-Jomart Tokayev\tPER\t", StringComparison.Ordinal));

        // The names in the news: the week's counts are those of the three seeds without a date (archived now); the
        // interview of 20 October 2025 is not among them, nor Şəbnəm Həsənova, whom only it names.
        var week = await CliRunner.RunAsync(["entities", "--data", _data, "--kind", "PER", "--period", "week", "--format", "json"], ct: Ct);
        Assert.Equal(0, week.ExitCode);
        using var weekDoc = JsonDocument.Parse(week.Stdout);
        var weekItems = weekDoc.RootElement.EnumerateArray().ToList();
        Assert.Equal(3, Assert.Single(weekItems, i => i.GetProperty("name").GetString() == "İlham Əliyev").GetProperty("articles").GetInt64());
        Assert.DoesNotContain(weekItems, i => i.GetProperty("name").GetString() == "Şəbnəm Həsənova");
        Assert.Contains(items, i => i.GetProperty("name").GetString() == "Şəbnəm Həsənova");
        var year = await CliRunner.RunAsync(["entities", "--data", _data, "--period", "year"], ct: Ct);
        Assert.Equal(2, year.ExitCode);
        Assert.Contains("year", year.Stderr, StringComparison.Ordinal);

        var again = await CliRunner.RunAsync(["reanalyse", "--data", _data], ct: Ct);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("analysed 0 articles", again.Stdout, StringComparison.Ordinal);

        var bad = await CliRunner.RunAsync(["entities", "--data", _data, "--kind", "PERSON"], ct: Ct);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--kind: 'PERSON' is not PER, ORG or LOC", bad.Stderr, StringComparison.Ordinal);
    }
}
