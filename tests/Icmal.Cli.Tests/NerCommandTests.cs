namespace Icmal.Cli.Tests;

/// <summary>`icmal eval ner` and `icmal text train-ner` on small CoNLL files written by the test.</summary>
public sealed class NerCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("icmal-ner-").FullName;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const string Tagged = """
        Prezident	O
        İlham	B-PER
        Əliyev	I-PER
        2025	B-DATE
        -	I-DATE
        ci	I-DATE
        ildə	O
        Qazaxıstana	B-LOC
        səfər	O
        edib	O
        .	O

        Türk	B-ORG
        Dövlətləri	I-ORG
        Təşkilatının	I-ORG
        sammiti	O
        Bakıda	B-LOC
        keçirilib	O
        .	O
        """;

    [Fact]
    public async Task Eval_ner_scores_PER_ORG_LOC_and_reads_dates_as_outside()
    {
        string file = Path.Combine(_dir, "set.conll");
        await File.WriteAllTextAsync(file, Tagged, Ct);

        var r = await CliRunner.RunAsync(["eval", "ner", file], ct: Ct);

        Assert.Equal(0, r.ExitCode);
        string[] lines = r.Stdout.Split('\n', StringSplitOptions.TrimEntries);
        Assert.Contains(lines, l => l.StartsWith("PER\t1\t", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("ORG\t1\t", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("LOC\t2\t", StringComparison.Ordinal));
        // Four gold entities: the DATE is not one.
        Assert.Contains(lines, l => l.StartsWith("micro\t4\t", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Eval_ner_names_the_line_that_is_not_token_and_tag()
    {
        string file = Path.Combine(_dir, "bad.conll");
        await File.WriteAllTextAsync(file, "Anar\tB-PER\nMəmmədov\tI-PER\nsəfər\n", Ct);

        var r = await CliRunner.RunAsync(["eval", "ner", file], ct: Ct);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains(file + ": line 3", r.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_ner_with_a_file_that_is_no_model_is_one_error()
    {
        string file = Path.Combine(_dir, "set.conll");
        string model = Path.Combine(_dir, "model.bin");
        await File.WriteAllTextAsync(file, Tagged, Ct);
        await File.WriteAllTextAsync(model, "not a model", Ct);

        var r = await CliRunner.RunAsync(["eval", "ner", "--model", model, file], ct: Ct);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains(model, r.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Train_ner_makes_the_same_bytes_twice_and_a_model_eval_can_use()
    {
        string train = Path.Combine(_dir, "train.conll");
        await File.WriteAllTextAsync(train, Tagged, Ct);
        string first = Path.Combine(_dir, "a.bin"), second = Path.Combine(_dir, "b.bin");

        var a = await CliRunner.RunAsync(["text", "train-ner", train, first, "--epochs", "5"], ct: Ct);
        var b = await CliRunner.RunAsync(["text", "train-ner", train, second, "--epochs", "5"], ct: Ct);

        Assert.True(a.ExitCode == 0, a.Stderr);
        Assert.Equal(0, b.ExitCode);
        Assert.Contains("2 sentences, 5 epochs", a.Stdout, StringComparison.Ordinal);
        Assert.Equal(await File.ReadAllBytesAsync(first, Ct), await File.ReadAllBytesAsync(second, Ct));
        var eval = await CliRunner.RunAsync(["eval", "ner", "--model", first, train], ct: Ct);
        Assert.Equal(0, eval.ExitCode);
        Assert.Contains("micro\t4\t", eval.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Train_ner_with_a_missing_file_or_bad_epochs_stops_with_one_error()
    {
        var missing = await CliRunner.RunAsync(["text", "train-ner", Path.Combine(_dir, "none.conll"), Path.Combine(_dir, "x.bin")], ct: Ct);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("no such file", missing.Stderr, StringComparison.Ordinal);

        var epochs = await CliRunner.RunAsync(["text", "train-ner", "--epochs", "0"], ct: Ct);
        Assert.Equal(2, epochs.ExitCode);
        Assert.Contains("--epochs must be between 1 and 200", epochs.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir, "x.bin")));
    }
}
