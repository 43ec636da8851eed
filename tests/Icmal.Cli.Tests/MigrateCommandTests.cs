using Icmal.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Icmal.Cli.Tests;

/// <summary>`icmal migrate` as run: an archive made by the real command moved to PostgreSQL, and one line for a bad source.</summary>
public sealed class MigrateCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Migrate_moves_an_imported_archive_and_reports_every_table_matching()
    {
        string data = Path.Combine(Path.GetTempPath(), "icmal-migrate-" + Guid.NewGuid().ToString("N"));
        string target = await PostgreSqlCluster.Instance.CreateDatabaseAsync(Ct);
        try
        {
            var imported = await CliRunner.RunAsync(["import", "--data", data, CliRunner.Samples], ct: Ct);
            Assert.Equal(0, imported.ExitCode);
            SqliteConnection.ClearAllPools();

            var moved = await CliRunner.RunAsync(["migrate", "--from", "sqlite:" + Path.Combine(data, "icmal.db"), "--to", "postgresql:" + target], ct: Ct);

            Assert.True(moved.ExitCode == 0, moved.Stdout + moved.Stderr);
            Assert.Contains("ok articles: 5 rows", moved.Stdout, StringComparison.Ordinal);
            Assert.DoesNotContain("MISMATCH", moved.Stdout, StringComparison.Ordinal);
            var listed = await CliRunner.RunWithEnvironmentAsync(data, new Dictionary<string, string> { ["ICMAL_DATABASE"] = "postgresql:" + target },
                ["search", "Astana", "--format", "json"], Ct);
            Assert.Equal(0, listed.ExitCode);
            using var found = System.Text.Json.JsonDocument.Parse(listed.Stdout);
            Assert.True(found.RootElement.GetProperty("total").GetInt32() > 0, listed.Stdout);
        }
        finally
        {
            await PostgreSqlCluster.Instance.DropDatabaseAsync(target);
            SqliteConnection.ClearAllPools();
            if (Directory.Exists(data)) Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task Migrate_from_a_missing_archive_is_one_line_and_exit_code_2()
    {
        string missing = Path.Combine(Path.GetTempPath(), "icmal-missing-" + Guid.NewGuid().ToString("N") + ".db");

        var result = await CliRunner.RunAsync(["migrate", "--from", "sqlite:" + missing, "--to", "postgresql://icmal@127.0.0.1/none"], ct: Ct);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"icmal: {missing}: no such archive", result.Stderr.Trim());
        Assert.False(File.Exists(missing));
    }
}
