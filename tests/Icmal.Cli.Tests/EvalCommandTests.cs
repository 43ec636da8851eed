namespace Icmal.Cli.Tests;

/// <summary>`icmal eval ...` on a broken set: one error naming the file (and line), exit code 2, never a stack trace.</summary>
public sealed class EvalCommandTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), "icmal-eval-" + Guid.NewGuid().ToString("N") + ".jsonl");
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => File.Delete(_file);

    [Theory]
    [InlineData("""{"title":"Metro","text":"Bakı metrosu","event":"metro"}""" + "\n{\"title\": \"kəsik", ":2: not JSON")]
    [InlineData("""{"title":"Metro","text":"Bakı metrosu","event":"metro"}""" + "\n[1, 2]", ":2: not a JSON object")]
    [InlineData("""{"title":"Metro","text":"Bakı metrosu"}""", ":1: no gold label")]
    public async Task Eval_cluster_names_the_bad_line_of_a_stream(string content, string problem)
    {
        await File.WriteAllTextAsync(_file, content, Ct);

        var r = await CliRunner.RunAsync(["eval", "cluster", _file], ct: Ct);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains(_file + problem, r.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_stem_on_a_missing_file_is_one_error()
    {
        var r = await CliRunner.RunAsync(["eval", "stem", _file], ct: Ct);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("no such file", r.Stderr, StringComparison.Ordinal);
    }
}
