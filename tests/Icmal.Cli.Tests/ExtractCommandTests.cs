using System.Text.Json;

namespace Icmal.Cli.Tests;

public sealed class ExtractCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Extract_jsonl_writes_one_object_per_file_with_the_required_fields()
    {
        string[] seeds = Directory.GetFiles(CliRunner.Samples, "*.txt").Order(StringComparer.Ordinal).ToArray();
        var result = await CliRunner.RunAsync(["extract", "--format", "jsonl", .. seeds], ct: Ct);

        Assert.Equal(0, result.ExitCode);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(seeds.Length, lines.Length);
        for (int i = 0; i < seeds.Length; i++)
        {
            using var doc = JsonDocument.Parse(lines[i]);
            var o = doc.RootElement;
            Assert.Equal(seeds[i], o.GetProperty("file").GetString());
            foreach (string field in new[] { "title", "author", "published", "site", "language", "text", "ms" })
                Assert.True(o.TryGetProperty(field, out _), $"missing '{field}' in {lines[i][..80]}");
            Assert.True(o.GetProperty("ms").GetDouble() >= 0);
            Assert.False(string.IsNullOrWhiteSpace(o.GetProperty("text").GetString()));
        }
        using var yap = JsonDocument.Parse(lines[4]);
        Assert.Equal("2025-10-27T14:37:00+04:00", yap.RootElement.GetProperty("published").GetString());
        Assert.Equal("line:before-text", yap.RootElement.GetProperty("publishedFrom").GetString());
        Assert.Equal("İlqar İlyasov", yap.RootElement.GetProperty("author").GetString());
    }

    [Fact]
    public async Task Extract_reads_standard_input_and_writes_markdown()
    {
        string page = "<html><head><title>Sınaq</title></head><body><article><h1>Sınaq başlığı</h1><p>Birinci abzas kifayət qədər uzundur ki, məqalə kimi oxunsun və çıxarılsın.</p><ul><li>bir</li><li>iki</li></ul></article></body></html>";
        var result = await CliRunner.RunAsync(["extract", "--format", "markdown", "-"], stdin: page, ct: Ct);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Birinci abzas kifayət qədər uzundur", result.Stdout, StringComparison.Ordinal);
        Assert.StartsWith("# ", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Extract_reads_relative_dates_against_the_fetch_time_given()
    {
        string page = "<html lang=\"az\"><head><title>Sınaq</title></head><body><article><h1>Sınaq başlığı burada</h1><p class=\"date\">Dünən, 18:02</p>"
            + "<p>Birinci abzas kifayət qədər uzundur ki, məqalə kimi oxunsun və çıxarılsın, bir az da uzun olsun.</p></article></body></html>";
        var result = await CliRunner.RunAsync(["extract", "--format", "json", "--fetched", "2025-10-27T14:40:00+04:00", "-"], stdin: page, ct: Ct);
        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Stdout);
        Assert.Equal("2025-10-26T18:02:00+04:00", doc.RootElement.GetProperty("published").GetString());

        var bad = await CliRunner.RunAsync(["extract", "--fetched", "dünən", "-"], stdin: page, ct: Ct);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--fetched: 'dünən' is not a date and time", bad.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Extract_reports_a_missing_file_and_goes_on()
    {
        string seed = Directory.GetFiles(CliRunner.Samples, "002_*.txt").Single();
        var result = await CliRunner.RunAsync(["extract", "--format", "jsonl", "/nonexistent.html", seed], ct: Ct);
        Assert.Equal(1, result.ExitCode);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains("\"error\":\"no such file\"", lines[0], StringComparison.Ordinal);
        Assert.Contains("Avtandil Məmmədəv", lines[1], StringComparison.Ordinal);
        Assert.Contains("/nonexistent.html: no such file", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Extract_reads_a_gzipped_page_like_the_page()
    {
        string seed = Directory.GetFiles(CliRunner.Samples, "004_*.txt").Single();
        string gz = Path.Combine(Path.GetTempPath(), "icmal-extract-" + Guid.NewGuid().ToString("N") + ".txt.gz");
        await using (var file = File.Create(gz))
        await using (var gzip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionLevel.Fastest))
            await gzip.WriteAsync(await File.ReadAllBytesAsync(seed, Ct), Ct);
        try
        {
            var plain = await CliRunner.RunAsync(["extract", seed], ct: Ct);
            var zipped = await CliRunner.RunAsync(["extract", gz], ct: Ct);
            Assert.Equal(0, zipped.ExitCode);
            Assert.StartsWith("Astana görüşü və regionda yeni əməkdaşlıq dövrü", zipped.Stdout, StringComparison.Ordinal);
            Assert.Equal(plain.Stdout, zipped.Stdout);
        }
        finally
        {
            File.Delete(gz);
        }
    }
}
