using System.Text;
using Icmal.Tests.Support;
using Icmal.Model;
using Icmal.Ingest;
using Icmal.Import;

namespace Icmal.Tests.Import;

/// <summary>Each bad file gets one clear rejection naming it, and the rest of the batch still imports.</summary>
public sealed class BadInputTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(IngestOutcome Bad, List<IngestOutcome> All, ImportHarness H)> ImportWithGoodAsync(string badPath, ImportHarness h)
    {
        string good = Path.Combine(h.Files.Path, "good.txt");
        File.Copy(TestPaths.Sample("004"), good);
        var all = await h.ImportAsync(badPath, good);
        Assert.Contains(all, o => o.Origin == good && o.Status == IngestStatus.Stored);
        return (all.Single(o => o.Origin == badPath), all, h);
    }

    [Fact]
    public async Task An_empty_file_is_rejected_as_empty()
    {
        await using var h = await ImportHarness.CreateAsync();
        var (bad, _, _) = await ImportWithGoodAsync(h.Files.Write("empty.txt", ""), h);
        Assert.Equal(IngestStatus.Rejected, bad.Status);
        Assert.Equal("empty file", bad.Reason);
    }

    [Fact]
    public async Task A_binary_file_is_rejected_as_binary()
    {
        await using var h = await ImportHarness.CreateAsync();
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        bytes[10] = 0;
        var (bad, _, _) = await ImportWithGoodAsync(h.Files.Write("photo.html", bytes), h);
        Assert.Equal(IngestStatus.Rejected, bad.Status);
        Assert.Contains("binary", bad.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_50_MB_file_is_rejected_unread_as_too_large()
    {
        await using var h = await ImportHarness.CreateAsync();
        string path = h.Files.File("huge.html");
        await using (var f = File.Create(path)) f.SetLength(50L * 1024 * 1024);
        long before = GC.GetTotalAllocatedBytes(precise: true);
        var (bad, _, _) = await ImportWithGoodAsync(path, h);
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.Equal(IngestStatus.Rejected, bad.Status);
        Assert.Contains("too large (50.0 MB; the limit is 32 MB)", bad.Reason, StringComparison.Ordinal);
        Assert.True(allocated < 20L * 1024 * 1024, $"allocated {allocated} bytes for a file it should not read");
    }

    [Fact]
    public async Task A_text_file_with_invalid_utf8_is_rejected_with_the_offset()
    {
        await using var h = await ImportHarness.CreateAsync();
        const string prefix = "Azərbaycan xəbərləri ";
        byte[] bytes = [.. Encoding.UTF8.GetBytes(prefix), 0xC3, 0x28, .. Encoding.UTF8.GetBytes(" davamı")];
        var (bad, _, _) = await ImportWithGoodAsync(h.Files.Write("broken.txt", bytes), h);
        Assert.Equal(IngestStatus.Rejected, bad.Status);
        Assert.Contains("not valid UTF-8", bad.Reason, StringComparison.Ordinal);
        Assert.Contains($"0xC3 at offset {Encoding.UTF8.GetByteCount(prefix)}", bad.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public async Task A_utf16_text_file_is_decoded_and_imported(bool withBom, bool bigEndian)
    {
        await using var h = await ImportHarness.CreateAsync();
        string text = await File.ReadAllTextAsync(TestPaths.Sample("004"), Ct);
        var encoding = new UnicodeEncoding(bigEndian, byteOrderMark: withBom);
        byte[] bytes = [.. encoding.GetPreamble(), .. encoding.GetBytes(text)];
        string path = h.Files.Write("utf16.txt", bytes);

        var outcomes = await h.ImportAsync(path);

        var stored = Assert.Single(outcomes);
        Assert.Equal(IngestStatus.Stored, stored.Status);
        Assert.Equal("Astana görüşü və regionda yeni əməkdaşlıq dövrü", stored.Title);
    }

    [Fact]
    public async Task An_unreadable_file_is_rejected_as_unreadable()
    {
        await using var h = await ImportHarness.CreateAsync();
        string link = h.Files.File("gone.html");
        File.CreateSymbolicLink(link, "/nonexistent/icmal/page.html");
        var (bad, _, _) = await ImportWithGoodAsync(link, h);
        Assert.Equal(IngestStatus.Rejected, bad.Status);
        Assert.StartsWith("cannot read", bad.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_without_read_permission_is_rejected_as_unreadable()
    {
        if (OperatingSystem.IsWindows()) Assert.Skip("Unix permissions only");
        if (Environment.UserName == "root") Assert.Skip("root reads every file regardless of permissions; the broken-link test covers unreadable files");
        await using var h = await ImportHarness.CreateAsync();
        string path = h.Files.Write("locked.html", "<p>secret</p>");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.None);
        var (bad, _, _) = await ImportWithGoodAsync(path, h);
        Assert.Equal("cannot read: permission denied", bad.Reason);
    }

    [Theory]
    [InlineData("{\"title\": \"x\"}", "wrong shape")]
    [InlineData("42", "wrong shape: expected an array of article objects, found a number")]
    [InlineData("[1, 2", "not valid JSON")]
    [InlineData("[]", "no articles")]
    public async Task A_json_file_of_the_wrong_shape_is_rejected_with_what_was_expected(string json, string reason)
    {
        await using var h = await ImportHarness.CreateAsync();
        var (bad, _, _) = await ImportWithGoodAsync(h.Files.Write("list.json", json), h);
        Assert.Equal(IngestStatus.Rejected, bad.Status);
        Assert.StartsWith(reason, bad.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_json_item_without_text_is_rejected_and_its_siblings_import()
    {
        await using var h = await ImportHarness.CreateAsync();
        string body = string.Concat(Enumerable.Repeat("Bakıda yeni metro stansiyası açılıb və sərnişinlər üçün xidmət başlayıb. ", 4));
        string json = $$"""
            [
              {"title": "Metro", "text": "{{body}}", "url": "https://example.az/metro", "published": "2025-04-15T12:47:03+04:00", "site": "example.az"},
              {"title": "Boş xəbər"},
              "not an object"
            ]
            """;
        string path = h.Files.Write("list.json", json);
        var outcomes = await h.ImportAsync(path);

        Assert.Equal(IngestStatus.Stored, outcomes[0].Status);
        Assert.Equal("Metro", outcomes[0].Title);
        Assert.Equal(IngestStatus.Rejected, outcomes[1].Status);
        Assert.Equal(path + "#2", outcomes[1].Origin);
        Assert.StartsWith("no text", outcomes[1].Reason, StringComparison.Ordinal);
        Assert.Equal(IngestStatus.Rejected, outcomes[2].Status);
        Assert.Contains("not an object", outcomes[2].Reason, StringComparison.Ordinal);
        var stored = await h.Store.Articles.GetAsync(outcomes[0].ArticleId!.Value, Ct);
        Assert.Equal(new DateTimeOffset(2025, 4, 15, 12, 47, 3, TimeSpan.FromHours(4)), stored!.Published);
        Assert.Equal("https://example.az/metro", stored.Url);
    }

    [Fact]
    public async Task A_json_item_escaping_half_a_surrogate_pair_is_stored_with_a_replacement_character()
    {
        // "\ud800" alone is valid JSON but no text: the item was refused as "not valid JSON ... could not be
        // serialized". Each unpaired half reads as U+FFFD; a whole pair ("\ud83d\udcf0", a newspaper) is kept, and
        // an escaped backslash before "u" ("\\ud800") is text, not an escape.
        await using var h = await ImportHarness.CreateAsync();
        string body = string.Concat(Enumerable.Repeat("Bakıda yeni metro stansiyası açılıb və sərnişinlər üçün xidmət başlayıb. ", 4));
        string json = $$"""
            [
              {"title": "Metro\ud800 açıldı \ud83d\udcf0 \\ud800 \udc00x", "text": "{{body}}", "url": "https://example.az/metro"},
              {"title": "İkinci", "text": "Sumqayıtda da {{body}}", "url": "https://example.az/2"}
            ]
            """;
        var outcomes = await h.ImportAsync(h.Files.Write("list.json", json));

        Assert.All(outcomes, o => Assert.Equal(IngestStatus.Stored, o.Status));
        var stored = await h.Store.Articles.GetAsync(outcomes[0].ArticleId!.Value, Ct);
        Assert.Equal("Metro\uFFFD açıldı \U0001F4F0 \\ud800 \uFFFDx", stored!.Title);
    }

    [Fact]
    public async Task A_missing_path_and_an_unsupported_type_are_named()
    {
        await using var h = await ImportHarness.CreateAsync();
        string pdf = h.Files.Write("scan.pdf", "%PDF-1.4");
        var outcomes = await h.ImportAsync("/nonexistent/icmal", pdf);
        Assert.Equal("no such file or folder", outcomes.Single(o => o.Origin == "/nonexistent/icmal").Reason);
        Assert.StartsWith("unsupported file type '.pdf'", outcomes.Single(o => o.Origin == pdf).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_with_no_article_text_is_rejected()
    {
        await using var h = await ImportHarness.CreateAsync();
        var (bad, _, _) = await ImportWithGoodAsync(h.Files.Write("menu.html", "<html><body><nav><a href='/'>Ana səhifə</a></nav><img src='x.jpg'></body></html>"), h);
        Assert.Equal(IngestStatus.Rejected, bad.Status);
        Assert.Equal("no article text found", bad.Reason);
    }
}

/// <summary>Gzipped pages, as archives and evaluation sets keep them.</summary>
public sealed class GzipImportTests
{
    [Fact]
    public async Task A_gzipped_page_imports_like_the_page()
    {
        await using var h = await ImportHarness.CreateAsync();
        string path = h.Files.File("004.txt.gz");
        await using (var file = File.Create(path))
        await using (var gzip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionLevel.Fastest))
            await gzip.WriteAsync(await File.ReadAllBytesAsync(TestPaths.Sample("004"), TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);

        var outcome = Assert.Single(await h.ImportAsync(path));
        Assert.Equal(IngestStatus.Stored, outcome.Status);
        Assert.Equal("Astana görüşü və regionda yeni əməkdaşlıq dövrü", outcome.Title);
    }

    [Fact]
    public async Task A_gzip_bomb_is_refused_once_it_passes_the_size_limit()
    {
        await using var h = await ImportHarness.CreateAsync(new Icmal.Import.ImportOptions(MaxFileBytes: 1024 * 1024));
        string path = h.Files.File("bomb.html.gz");
        await using (var file = File.Create(path))
        await using (var gzip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionLevel.SmallestSize))
        {
            var zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) await gzip.WriteAsync(zeros, TestContext.Current.CancellationToken);
        }
        Assert.True(new FileInfo(path).Length < 200_000);

        var outcome = Assert.Single(await h.ImportAsync(path));
        Assert.Equal(IngestStatus.Rejected, outcome.Status);
        Assert.Equal("too large once decompressed (over 1 MB)", outcome.Reason);
    }

    [Fact]
    public async Task A_corrupt_gzip_file_is_named_as_such()
    {
        await using var h = await ImportHarness.CreateAsync();
        string path = h.Files.Write("broken.html.gz", [0x1f, 0x8b, 0x08, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0xff, 0xff]);
        var outcome = Assert.Single(await h.ImportAsync(path));
        Assert.Equal(IngestStatus.Rejected, outcome.Status);
        Assert.Contains("gzip", outcome.Reason, StringComparison.Ordinal);
    }
}
