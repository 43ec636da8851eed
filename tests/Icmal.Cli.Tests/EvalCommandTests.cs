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

    [Theory]
    [InlineData("""[{"url":"https://x.az/1","title":"Metro","published":"2025-01-01T00:00:00Z"}]""", "article 0: no text, title or url")]
    [InlineData("""{"articles":[]}""", "not a JSON array of articles")]
    public async Task Eval_duplicates_names_the_bad_article_of_a_list(string content, string problem)
    {
        await File.WriteAllTextAsync(_file, content, Ct);

        var r = await CliRunner.RunAsync(["eval", "duplicates", _file], ct: Ct);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains(problem, r.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_duplicates_scores_the_copies_it_makes_of_a_list()
    {
        string text = string.Join("\n\n", Enumerable.Range(0, 6).Select(i =>
            $"Bakı metrosunun {i}-ci xəttində yeni stansiyanın tikintisi davam edir və sərnişinlər üçün xidmət gələn il başlayacaq, nazirlik bildirib {i}."));
        var list = Enumerable.Range(0, 12).Select(i => new
        {
            url = $"https://x.az/{i}", title = $"Xəbər {i}", published = $"2025-01-{i + 1:00}T10:00:00Z", site = "x.az",
            text = $"Xəbər {i} {i * 7} {i * 13}: " + text.Replace("metro", $"metro{i}", StringComparison.Ordinal),
        });
        await File.WriteAllTextAsync(_file, System.Text.Json.JsonSerializer.Serialize(list), Ct);

        var r = await CliRunner.RunAsync(["eval", "duplicates", _file, "--seed", "3"], ct: Ct);

        Assert.Equal(0, r.ExitCode);
        Assert.Contains("12 originals", r.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"copy pairs  precision \d\.\d{4}  recall \d\.\d{4}  F1 \d\.\d{4}", r.Stdout);
        Assert.Contains("same-event pairs wrongly linked: 0 of 0", r.Stdout, StringComparison.Ordinal);
    }
}
