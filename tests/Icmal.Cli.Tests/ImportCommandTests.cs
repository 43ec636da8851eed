using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Icmal.Ingest;
using Icmal.Storage;
using Microsoft.Data.Sqlite;
using Icmal.Model;
using Icmal.Tests.Support;

namespace Icmal.Cli.Tests;

public sealed partial class ImportCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "icmal-cli-" + Guid.NewGuid().ToString("N"));
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ImportCommandTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task Import_prints_a_line_per_article_and_a_closing_summary()
    {
        string data = Path.Combine(_dir, "data");
        var first = await CliRunner.RunAsync(["import", "--data", data, CliRunner.Samples], ct: Ct);
        var second = await CliRunner.RunAsync(["import", "--data", data, CliRunner.Samples], ct: Ct);

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(5, StoredLine().Matches(first.Stdout).Count);
        Assert.Contains("imported 5, already present 0, rejected 0", first.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("imported 0, already present 5, rejected 0", second.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_names_each_rejected_file_with_its_reason_and_exits_1()
    {
        string data = Path.Combine(_dir, "data");
        string inputs = Path.Combine(_dir, "in");
        Directory.CreateDirectory(inputs);
        File.Copy(Path.Combine(CliRunner.Samples, Directory.GetFiles(CliRunner.Samples, "004_*.txt").Single()), Path.Combine(inputs, "good.txt"));
        await File.WriteAllTextAsync(Path.Combine(inputs, "empty.txt"), "", Ct);
        await File.WriteAllTextAsync(Path.Combine(inputs, "list.json"), "{\"nope\": 1}", Ct);

        var result = await CliRunner.RunAsync(["import", "--data", data, inputs], ct: Ct);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("imported 1, already present 0, rejected 2", result.Stdout, StringComparison.Ordinal);
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l == $"rejected {Path.Combine(inputs, "empty.txt")}: empty file");
        Assert.Contains(lines, l => l.StartsWith($"rejected {Path.Combine(inputs, "list.json")}: wrong shape", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Import_of_a_folder_with_a_utf7_page_imports_the_others_and_prints_the_summary()
    {
        string data = Path.Combine(_dir, "data");
        string inputs = Path.Combine(_dir, "in");
        Directory.CreateDirectory(inputs);
        await File.WriteAllTextAsync(Path.Combine(inputs, "a.html"), Page(1), Ct);
        await File.WriteAllTextAsync(Path.Combine(inputs, "b.html"), Page(2).Replace("<head>", "<head><meta charset=\"utf-7\">", StringComparison.Ordinal)
            .Replace("ə", "+AlkA-", StringComparison.Ordinal), Ct);
        await File.WriteAllTextAsync(Path.Combine(inputs, "c.html"), Page(3), Ct);

        var result = await CliRunner.RunAsync(["import", "--data", data, inputs], ct: Ct);

        Assert.Contains(Path.Combine(inputs, "a.html"), result.Stdout, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(inputs, "c.html"), result.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"imported [23], already present 0, rejected [01] in", result.Stdout);
        Assert.DoesNotContain("Exception", result.Stderr, StringComparison.Ordinal);
    }

    /// <summary>
    /// An import killed with SIGKILL midway, then run again, on both engines: no half-written article, none it
    /// reported lost, every file stored exactly once.
    /// </summary>
    [Theory, ClassData(typeof(BothEngines))]
    public async Task An_import_killed_midway_and_run_again_loses_nothing_and_duplicates_nothing(DatabaseEngine engine)
    {
        // Enough batches that the kill comes while some are still unread, however many are analysed ahead.
        const int files = 6 * IngestPipeline.BatchSize;
        await using var db = await TestDatabase.CreateAsync(engine);
        string data = Path.Combine(_dir, "data");
        string database = ArchiveIntegrity.Argument(db);
        string pages = Path.Combine(_dir, "pages");
        Directory.CreateDirectory(pages);
        for (int i = 0; i < files; i++)
            await File.WriteAllTextAsync(Path.Combine(pages, string.Create(CultureInfo.InvariantCulture, $"page{i:0000}.html")), Page(i), Ct);

        var reported = new List<long>();
        using (var process = Process.Start(CliRunner.StartInfo("import", "--data", data, "--database", database, pages))!)
        {
            process.StandardInput.Close();
            string? line;
            while ((line = await process.StandardOutput.ReadLineAsync(Ct)) is not null)
            {
                var m = StoredLine().Match(line);
                if (m.Success) reported.Add(long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
                if (reported.Count == 200) break;
            }
            process.Kill(entireProcessTree: true); // SIGKILL on Unix
            await process.WaitForExitAsync(Ct);
        }
        Assert.Equal(200, reported.Count);
        // Read raw first: opening the store would index what the index lacks.
        await ArchiveIntegrity.AssertNoHalfWrittenRowsAsync(db, Ct);

        var store = await db.OpenAsync();
        long afterKill = await store.Articles.CountAsync(Ct);
        Assert.InRange(afterKill, 200, files - 1);
        foreach (long id in reported)
        {
            var article = await store.Articles.GetAsync(id, Ct);
            Assert.NotNull(article);
            Assert.Contains("Bakı", article!.Text, StringComparison.Ordinal);
        }

        var rerun = await CliRunner.RunAsync(["import", "--data", data, "--database", database, pages], ct: Ct);
        Assert.Equal(0, rerun.ExitCode);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"imported {files - afterKill}, already present {afterKill}, rejected 0"), rerun.Stdout, StringComparison.Ordinal);
        Assert.Equal(files, await store.Articles.CountAsync(Ct));
        await ArchiveIntegrity.AssertNoHalfWrittenRowsAsync(db, Ct);
    }

    private static string Page(int i) => string.Create(CultureInfo.InvariantCulture, $"""
        <!DOCTYPE html><html lang="az"><head><title>Xəbər {i}</title></head><body>
        <nav><a href="/">Ana səhifə</a></nav>
        <article><h1>Bakıda xəbər nömrə {i}</h1>
        <p>Bakı, {i} noyabr. Bu gün Bakıda keçirilən tədbirdə {i} nəfər iştirak edib və mühüm qərarlar qəbul olunub.</p>
        <p>Tədbirin iştirakçıları regional əməkdaşlığın inkişafı barədə fikir mübadiləsi aparıblar, xəbər {i}.</p>
        </article></body></html>
        """);

    [GeneratedRegex(@"^stored #(\d+) ", RegexOptions.Multiline)]
    private static partial Regex StoredLine();
}
