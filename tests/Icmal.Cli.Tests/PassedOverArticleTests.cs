using Microsoft.Data.Sqlite;

namespace Icmal.Cli.Tests;

/// <summary>
/// A command that goes over the stored articles again (`icmal reindex`, `icmal categorise`) on an archive with one
/// article it cannot read (its times text that is no time, written by another tool): it does the rest, exits 0 and names
/// the article it passed over on stderr.
/// </summary>
public sealed class PassedOverArticleTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reindex_and_categorise_do_the_rest_and_name_the_article_they_passed_over()
    {
        string data = Path.Combine(Path.GetTempPath(), "icmal-passed-over-" + Guid.NewGuid().ToString("N"));
        try
        {
            Assert.Equal(0, (await CliRunner.RunAsync(["import", "--data", data, CliRunner.Samples], ct: Ct)).ExitCode);
            string origin;
            await using (var conn = new SqliteConnection($"Data Source={Path.Combine(data, "icmal.db")};Pooling=False"))
            {
                await conn.OpenAsync(Ct);
                await using var cmd = conn.CreateCommand();
                cmd.CommandText = """
                    UPDATE articles SET archived_at = 'yesterday', sort_at = 'yesterday', published_at = 'soon', modified_at = 'soon' WHERE id = 2;
                    UPDATE documents SET archived_at = 'yesterday' WHERE id = (SELECT document_id FROM articles WHERE id = 2);
                    SELECT d.origin FROM articles a JOIN documents d ON d.id = a.document_id WHERE a.id = 2
                    """;
                origin = (string)(await cmd.ExecuteScalarAsync(Ct))!;
            }

            var reindex = await CliRunner.RunAsync(["reindex", "--data", data], ct: Ct);

            Assert.True(reindex.ExitCode == 0, reindex.Stderr);
            Assert.StartsWith("indexed 4 articles in ", reindex.Stdout, StringComparison.Ordinal);
            Assert.StartsWith($"icmal: {origin}: stored article 2: indexing it for search failed: FormatException: ", Line(reindex.Stderr), StringComparison.Ordinal);
            Assert.EndsWith("; it stays stored, and `icmal reindex` indexes it again", Line(reindex.Stderr), StringComparison.Ordinal);

            var categorise = await CliRunner.RunAsync(["categorise", "--data", data], ct: Ct);

            Assert.True(categorise.ExitCode == 0, categorise.Stderr);
            Assert.StartsWith("categorised 4 articles in ", categorise.Stdout, StringComparison.Ordinal);
            Assert.StartsWith($"icmal: {origin}: stored article 2: categorising it failed: FormatException: ", Line(categorise.Stderr), StringComparison.Ordinal);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (Directory.Exists(data)) Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>The one line of <paramref name="stderr"/>.</summary>
    private static string Line(string stderr) => Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)).TrimEnd('\r');
}
