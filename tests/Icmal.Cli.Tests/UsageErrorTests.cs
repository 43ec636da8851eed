namespace Icmal.Cli.Tests;

/// <summary>
/// A mistyped or unknown option stops every command before it touches data: one error naming the option, the
/// command's usage, exit code 2, and no data folder or database created anywhere.
/// </summary>
public sealed class UsageErrorTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "icmal-usage-" + Guid.NewGuid().ToString("N"));
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public UsageErrorTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    public static TheoryData<string[], string, string> Mistakes => new()
    {
        { ["import", "--databse", "x", "SAMPLES"], "--databse", "import" },
        { ["import", "SAMPLES", "--max-sise", "3"], "--max-sise", "import" },
        { ["extract", "--bogus", "SAMPLES/004"], "--bogus", "extract" },
        { ["articles", "--bogus"], "--bogus", "articles" },
        { ["articles", "--limit", "x"], "--limit", "articles" },
        { ["sources", "add", "--nope", "https://example.az/"], "--nope", "add" },
        { ["sources", "enable", "-x", "APA"], "-x", "enable" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public async Task An_unknown_option_is_a_usage_error_that_touches_no_data(string[] args, string option, string command)
    {
        string sample = Directory.GetFiles(CliRunner.Samples, "004_*.txt").Single();
        string[] resolved = [.. args.Select(a => a == "SAMPLES" ? CliRunner.Samples : a == "SAMPLES/004" ? sample : a)];

        var result = await CliRunner.RunInAsync(_dir, resolved, Ct);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(option, result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Usage:", result.Stdout, StringComparison.Ordinal);
        Assert.Contains(command, result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("stored #", result.Stdout, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_dir));
    }

    [Fact]
    public async Task After_a_double_dash_a_dash_token_is_a_file_name()
    {
        var result = await CliRunner.RunInAsync(_dir, ["extract", "--", "-not-an-option.html"], Ct);

        Assert.NotEqual(2, result.ExitCode);
        Assert.Contains("-not-an-option.html", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Usage:", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lone_dash_still_reads_standard_input()
    {
        var result = await CliRunner.RunAsync(["extract", "--format", "text", "-"],
            stdin: "<html><body><article><h1>Başlıq</h1><p>Bu abzas standart girişdən oxunan səhifənin mətnidir və kifayət qədər uzundur.</p></article></body></html>", ct: Ct);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("standart girişdən", result.Stdout, StringComparison.Ordinal);
    }
}
