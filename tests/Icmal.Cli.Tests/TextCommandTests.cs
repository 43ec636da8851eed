namespace Icmal.Cli.Tests;

/// <summary>`icmal text …` reads lines on standard input and writes one result line per input line.</summary>
public sealed class TextCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Text_stem_writes_the_stems_of_each_line()
    {
        var r = await CliRunner.RunAsync(["text", "stem"], "Qazaxıstanın TDT-nin Əliyevin\nQazaxıstana Qazaxıstanla\n", Ct);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(["Qazaxıstan TDT Əliyev", "Qazaxıstan Qazaxıstan"], r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Text_langid_names_language_and_script_per_line()
    {
        var r = await CliRunner.RunAsync(["text", "langid"], "Azərbaycan Prezidenti İlham Əliyev Qazaxıstana səfər edib.\nТокаев встретился с Алиевым в Астане.\n", Ct);
        Assert.Equal(0, r.ExitCode);
        var lines = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("az\tLatn\t", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("ru\tCyrl\t", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_normalize_replaces_look_alikes_and_typographic_marks()
    {
        var r = await CliRunner.RunAsync(["text", "normalize"], "Kassym\u2011Jomart “Tokayev” Azәrbaycan\n", Ct);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("Kassym-Jomart \"Tokayev\" Azərbaycan", r.Stdout.TrimEnd('\n'));
    }

    [Fact]
    public async Task Eval_cluster_scores_a_labelled_stream()
    {
        string file = Path.Combine(Path.GetTempPath(), "icmal-cluster-" + Guid.NewGuid().ToString("N") + ".jsonl");
        await File.WriteAllLinesAsync(file,
        [
            """{"title":"Metro stansiyası açıldı","text":"Bakı metropoliteninin yeni stansiyası Xətai rayonunda sərnişinlərin istifadəsinə verilib.","published":"2025-10-21T10:00:00+04:00","event":"metro"}""",
            """{"title":"Yeni metro stansiyası","text":"Xətai rayonunda yeni metro stansiyası açılıb, Bakı metropoliteni bildirib.","published":"2025-10-21T11:00:00+04:00","event":"metro"}""",
            """{"title":"Neft bahalaşıb","text":"Brent neftinin qiyməti dünya bazarlarında artıb, OPEC hasilatı azaldıb.","published":"2025-10-21T12:00:00+04:00","event":"oil"}""",
        ], Ct);
        try
        {
            var r = await CliRunner.RunAsync(["eval", "cluster", file, "--assignments", file + ".out"], ct: Ct);
            Assert.Equal(0, r.ExitCode);
            Assert.Contains("articles 3, stories 2 (gold 2)", r.Stdout, StringComparison.Ordinal);
            Assert.Contains("F1 1.0000", r.Stdout, StringComparison.Ordinal);
            Assert.Contains("pairwise  precision 1.0000  recall 1.0000  F1 1.0000", r.Stdout, StringComparison.Ordinal);
            Assert.Equal(["""{"id":1,"story":1}""", """{"id":2,"story":1}""", """{"id":3,"story":2}"""], await File.ReadAllLinesAsync(file + ".out", Ct));
        }
        finally
        {
            File.Delete(file);
            File.Delete(file + ".out");
        }
    }
}
