using Microsoft.Data.Sqlite;

namespace Icmal.Cli.Tests;

/// <summary>`icmal articles` pages like the API: a bounded offset, and a cursor for any depth.</summary>
public sealed class ArticlesCommandTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "icmal-articles-" + Guid.NewGuid().ToString("N"));
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

    [Theory]
    [InlineData("10001")]
    [InlineData("2000000000")]
    [InlineData("-1")]
    public async Task An_offset_beyond_the_bound_is_refused_before_the_database_is_opened(string offset)
    {
        var r = await CliRunner.RunAsync(["articles", "--data", _data, "--offset", offset], ct: Ct);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--offset must be from 0 to 10000", r.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_data));
    }

    [Fact]
    public async Task A_data_folder_whose_database_is_not_one_is_one_line_naming_the_file()
    {
        Directory.CreateDirectory(_data);
        string db = Path.Combine(_data, "icmal.db");
        await File.WriteAllTextAsync(db, "bu verilənlər bazası deyil, sadəcə mətndir", Ct);

        var r = await CliRunner.RunAsync(["articles", "--data", _data], ct: Ct);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains(db, r.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.Stderr, StringComparison.Ordinal);
        Assert.Single(r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task The_cursor_printed_after_a_page_lists_the_next_page()
    {
        Assert.Equal(0, (await CliRunner.RunAsync(["import", "--data", _data, CliRunner.Samples], ct: Ct)).ExitCode);

        var first = await CliRunner.RunAsync(["articles", "--data", _data, "--limit", "2"], ct: Ct);
        string next = first.Stderr.Split('\n').Single(l => l.StartsWith("next: ", StringComparison.Ordinal))["next: icmal articles --before ".Length..].Trim();
        var second = await CliRunner.RunAsync(["articles", "--data", _data, "--limit", "2", "--before", next], ct: Ct);
        var all = await CliRunner.RunAsync(["articles", "--data", _data, "--limit", "4"], ct: Ct);

        Assert.Equal(0, second.ExitCode);
        Assert.Equal(all.Stdout, first.Stdout + second.Stdout);
    }

    [Fact]
    public async Task A_cursor_not_printed_by_the_command_is_refused()
    {
        var r = await CliRunner.RunAsync(["articles", "--data", _data, "--before", "not-a-cursor!"], ct: Ct);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--before", r.Stderr, StringComparison.Ordinal);
    }
}
