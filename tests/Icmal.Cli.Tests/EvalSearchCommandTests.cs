namespace Icmal.Cli.Tests;

/// <summary>`icmal eval search FILE`: known-item queries against the archive in --data, as a process.</summary>
public sealed class EvalSearchCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "icmal-eval-search-" + Guid.NewGuid().ToString("N"));
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public EvalSearchCommandTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Scores_the_usable_lines_against_the_imported_seeds_beside_FTS5_and_names_the_skipped_ones()
    {
        string data = Path.Combine(_folder, "data");
        Assert.Equal(0, (await CliRunner.RunAsync(["import", CliRunner.Samples, "--data", data], ct: Ct)).ExitCode);
        string set = Path.Combine(_folder, "set.jsonl");
        await File.WriteAllTextAsync(set, """
            {"query":"Şəbnəm Həsənovanın","url":"003_20fcee15adbe1f54.txt"}
            {"query":"Həsənova"}
            """, Ct);

        var r = await CliRunner.RunAsync(["eval", "search", set, "--baseline", "--data", data], ct: Ct);

        Assert.Equal(0, r.ExitCode);
        Assert.Contains("queries 1 (1 skipped), articles 5", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("icmal     recall@10 1.000  MRR 1.000", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("fts5 OR", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("skipped line 2: no \"url\" string", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_set_without_one_usable_line_is_an_error_not_a_score_of_zero()
    {
        string data = Path.Combine(_folder, "data");
        Assert.Equal(0, (await CliRunner.RunAsync(["import", CliRunner.Samples, "--data", data], ct: Ct)).ExitCode);
        string set = Path.Combine(_folder, "set.jsonl");
        await File.WriteAllTextAsync(set, "not json\n{\"query\":\"Astana\",\"url\":\"https://nowhere.az/\"}\n", Ct);

        var r = await CliRunner.RunAsync(["eval", "search", set, "--data", data], ct: Ct);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("no usable query", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("skipped line 2: no stored article has the address https://nowhere.az/", r.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.Stderr, StringComparison.Ordinal);
    }
}
