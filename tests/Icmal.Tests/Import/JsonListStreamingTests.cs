using System.IO.Compression;
using System.Text;
using Icmal.Import;
using Icmal.Storage;
using Icmal.Tests.Support;
using Icmal.Model;
using Icmal.Ingest;

namespace Icmal.Tests.Import;

/// <summary>JSON article lists are read as a stream: any length, each article capped alone, a break keeps what came before.</summary>
public sealed class JsonListStreamingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_list_over_the_32_MB_file_cap_imports_every_article()
    {
        await using var h = await ImportHarness.CreateAsync();
        string path = h.Files.File("big.json");
        const int count = 1_000;
        long size = await ArticleListFile.WriteAsync(path, count, 40_000, Ct);
        Assert.True(size > ImportOptions.DefaultMaxFileBytes + 4 * 1048576L, $"the list is only {size} bytes");

        var outcomes = await h.ImportAsync(path);

        Assert.Empty(outcomes.Where(o => o.Status == IngestStatus.Rejected).Select(o => $"{o.Origin}: {o.Reason}"));
        Assert.Equal(count, outcomes.Count(o => o.Status == IngestStatus.Stored));
        Assert.Equal(count, await h.Store.Articles.CountAsync(Ct));
    }

    [Fact]
    public async Task An_oversized_article_is_rejected_alone_with_its_index_and_the_rest_import()
    {
        await using var h = await ImportHarness.CreateAsync(new ImportOptions(MaxFileBytes: 64 * 1024));
        string path = h.Files.Write("list.json", $"[{ArticleListFile.Article(1, 2_000)},\n{ArticleListFile.Article(2, 100_000)},\n{ArticleListFile.Article(3, 2_000)}]");

        var outcomes = await h.ImportAsync(path);

        Assert.Equal(3, outcomes.Count);
        Assert.Equal([IngestStatus.Stored, IngestStatus.Rejected, IngestStatus.Stored], outcomes.Select(o => o.Status));
        Assert.Equal(path + "#2", outcomes[1].Origin);
        Assert.StartsWith("too large (", outcomes[1].Reason, StringComparison.Ordinal);
        Assert.EndsWith("MB; the limit per article is 0.1 MB)", outcomes[1].Reason, StringComparison.Ordinal);
        Assert.Equal(2, await h.Store.Articles.CountAsync(Ct));
    }

    [Fact]
    public async Task A_rejected_article_after_a_full_batch_keeps_every_outcome_in_the_lists_order()
    {
        // One batch is committed while the next is prepared; the rejection must wait for both batches before it.
        await using var h = await ImportHarness.CreateAsync(new ImportOptions(MaxFileBytes: 64 * 1024));
        int bad = IngestPipeline.BatchSize + 40, count = 2 * IngestPipeline.BatchSize + 30;
        string items = string.Join(",\n", Enumerable.Range(1, count).Select(i => ArticleListFile.Article(i, i == bad ? 100_000 : 600)));
        string path = h.Files.Write("long.json", $"[{items}]");

        var outcomes = await h.ImportAsync(path);

        Assert.Equal(Enumerable.Range(1, count).Select(i => $"{path}#{i}"), outcomes.Select(o => o.Origin));
        Assert.Equal(IngestStatus.Rejected, outcomes[bad - 1].Status);
        Assert.Equal(count - 1, outcomes.Count(o => o.Status == IngestStatus.Stored));
        Assert.Equal(count - 1, await h.Store.Articles.CountAsync(Ct));
    }

    [Theory]
    [ClassData(typeof(BothEngines))]
    public async Task Batches_analysed_ahead_keep_the_lists_order_and_store_a_repeated_article_once(DatabaseEngine engine)
    {
        // Several batches are analysed while an older one is written: the repeat (in a batch analysed before its first
        // copy's batch was committed) must still be found present, and a rejection must wait for every batch before it.
        await using var h = await ImportHarness.CreateAsync(new ImportOptions(MaxFileBytes: 64 * 1024), engine);
        int size = IngestPipeline.BatchSize, count = (Importer.PreparedAhead + 2) * size + 30;
        int first = 5, repeat = Importer.PreparedAhead * size + 5, bad = (Importer.PreparedAhead + 1) * size + 10;
        string items = string.Join(",\n", Enumerable.Range(1, count).Select(i =>
            ArticleListFile.Article(i == repeat ? first : i, i == bad ? 100_000 : 600)));
        string path = h.Files.Write("long.json", $"[{items}]");

        var outcomes = await h.ImportAsync(path);

        Assert.Equal(Enumerable.Range(1, count).Select(i => $"{path}#{i}"), outcomes.Select(o => o.Origin));
        Assert.Equal(IngestStatus.Rejected, outcomes[bad - 1].Status);
        Assert.Equal(IngestStatus.AlreadyPresent, outcomes[repeat - 1].Status);
        Assert.Equal(outcomes[first - 1].ArticleId, outcomes[repeat - 1].ArticleId);
        Assert.Equal(count - 2, outcomes.Count(o => o.Status == IngestStatus.Stored));
        Assert.Equal(count - 2, await h.Store.Articles.CountAsync(Ct));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_list_cut_off_mid_article_keeps_the_articles_before_the_break_and_says_where(bool gzipped)
    {
        await using var h = await ImportHarness.CreateAsync();
        string whole = $"[{ArticleListFile.Article(1, 2_000)},\n{ArticleListFile.Article(2, 2_000)},\n{ArticleListFile.Article(3, 2_000)}]";
        byte[] bytes = Encoding.UTF8.GetBytes(whole);
        int third = whole.LastIndexOf("{\"title\"", StringComparison.Ordinal);
        byte[] cut = bytes[..(Encoding.UTF8.GetByteCount(whole[..third]) + 500)];
        string path = h.Files.File(gzipped ? "cut.json.gz" : "cut.json");
        if (gzipped)
        {
            // A gzip stream cut short, as a download or a copy that stopped.
            using var packed = new MemoryStream();
            long flushed;
            using (var gzip = new GZipStream(packed, CompressionLevel.Fastest, leaveOpen: true))
            {
                gzip.Write(cut);
                gzip.Flush();
                flushed = packed.Length;
                gzip.Write(bytes.AsSpan(cut.Length));
            }
            await File.WriteAllBytesAsync(path, packed.ToArray()[..(int)flushed], Ct);
        }
        else await File.WriteAllBytesAsync(path, cut, Ct);

        var outcomes = await h.ImportAsync(path);

        Assert.True(2 == outcomes.Count(o => o.Status == IngestStatus.Stored), string.Join("\n", outcomes.Select(o => $"{o.Origin} {o.Status} {o.Reason}")));
        var broken = outcomes.Single(o => o.Origin == path);
        Assert.Equal(IngestStatus.Rejected, broken.Status);
        Assert.Equal($"not valid JSON: the file ends at offset {cut.Length}, in item 3 (which starts at offset {Encoding.UTF8.GetByteCount(whole[..third])}); the 2 items before it were read", broken.Reason);
    }

    [Fact]
    public async Task Garbage_between_articles_is_reported_at_its_offset_after_the_articles_before_it()
    {
        await using var h = await ImportHarness.CreateAsync();
        string head = $"[{ArticleListFile.Article(1, 2_000)} ";
        string path = h.Files.Write("bad.json", head + $"oops, {ArticleListFile.Article(2, 2_000)}]");

        var outcomes = await h.ImportAsync(path);

        Assert.Equal(IngestStatus.Stored, outcomes[0].Status);
        Assert.Equal($"not valid JSON: unexpected 'o' at offset {Encoding.UTF8.GetByteCount(head)} (expected ',' or ']'); the 1 items before it were read",
            outcomes.Single(o => o.Origin == path).Reason);
        Assert.Equal(1, await h.Store.Articles.CountAsync(Ct));
    }

    [Fact]
    public async Task A_broken_article_is_rejected_alone_and_the_list_goes_on()
    {
        await using var h = await ImportHarness.CreateAsync();
        string path = h.Files.Write("list.json", $"[{ArticleListFile.Article(1, 2_000)}, {{\"title\": \"x\" \"text\": 1}}, // a comment\n {ArticleListFile.Article(3, 2_000)},]");

        var outcomes = await h.ImportAsync(path);

        Assert.Equal([IngestStatus.Stored, IngestStatus.Rejected, IngestStatus.Stored], outcomes.Select(o => o.Status));
        Assert.Equal(path + "#2", outcomes[1].Origin);
        Assert.StartsWith("not valid JSON (the item starts at offset", outcomes[1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lists_under_a_property_and_single_article_objects_still_import()
    {
        await using var h = await ImportHarness.CreateAsync();
        string wrapped = h.Files.Write("wrapped.json", $"{{\"meta\": {{\"n\": [1, \"]\"]}}, \"articles\": [{ArticleListFile.Article(1, 2_000)}, {ArticleListFile.Article(2, 2_000)}], \"next\": null}}");
        string single = h.Files.Write("single.json", ArticleListFile.Article(3, 2_000));

        var outcomes = await h.ImportAsync(wrapped, single);

        Assert.Equal(3, outcomes.Count(o => o.Status == IngestStatus.Stored));
        Assert.DoesNotContain(outcomes, o => o.Status == IngestStatus.Rejected);
        // Imported again, nothing is added: each item keeps the document hash it had.
        Assert.Equal(3, (await h.ImportAsync(wrapped, single)).Count(o => o.Status == IngestStatus.AlreadyPresent));
    }
}
