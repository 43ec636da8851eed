using System.Text.Json;
using Icmal.Import;
using Icmal.Ingest;
using Icmal.Linking;
using Icmal.Model;
using Icmal.Storage;
using Icmal.Tests.Support;

namespace Icmal.Tests.Linking;

/// <summary>Copies found as they are imported, and linked to their originals (issue #16), through the real pipeline and store.</summary>
public sealed class CopyLinkingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>What sherg.az published: the interview that the icma.az seed (003) republishes with its credit line.</summary>
    private static object ShergOriginal()
    {
        string[] lines = File.ReadAllLines(TestPaths.Sample("003"));
        int from = Array.FindIndex(lines, l => l.StartsWith("Qazaxıstanın paytaxtı", StringComparison.Ordinal));
        int to = Array.FindIndex(lines, l => l.StartsWith("Hadisənin gedişatını", StringComparison.Ordinal));
        return new
        {
            url = "https://sherg.az/az/news/siyaset/sebnem-hesenova-hem-eliyev-hem-de-tokayev",
            site = "sherg.az",
            title = "Şəbnəm Həsənova: Həm Əliyev, həm də Tokayev regional inkişafda geosiyasi nüanslara diqqətlə fikir verir",
            published = "2025-10-20T12:40:00+04:00",
            text = string.Join("\n\n", lines[from..to].Where(l => l.Length > 0)),
        };
    }

    private static string Paragraphs(string prefix) =>
        string.Join("\n\n", File.ReadAllLines(TestPaths.Sample(prefix)).Where(l => l.Length > 120));

    private static async Task<string> ListAsync(ImportHarness h, string name, params object[] articles)
    {
        string path = Path.Combine(h.Files.Path, name);
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(articles), Ct);
        return path;
    }

    private static async Task<long> IdAsync(ImportHarness h, Func<Article, bool> which) =>
        (await h.Store.Articles.ListAsync(new ArticleQuery(100), Ct)).Single(which).Id;

    private static Task<long> SeedIdAsync(ImportHarness h, string prefix) =>
        IdAsync(h, a => a.Origin.Contains(prefix + "_", StringComparison.Ordinal));

    [Theory]
    [ClassData(typeof(BothEngines))]
    public async Task The_icma_az_seed_is_linked_to_the_stored_sherg_az_article_it_credits(DatabaseEngine engine)
    {
        await using var h = await ImportHarness.CreateAsync(engine: engine);
        await h.ImportAsync(await ListAsync(h, "sherg.json", ShergOriginal()));
        await h.ImportAsync(TestPaths.Samples);

        long copy = await SeedIdAsync(h, "003");
        var link = (await h.Store.Copies.LinksOfAsync(copy, Ct)).Original;

        Assert.NotNull(link);
        Assert.Equal(await IdAsync(h, a => a.Site == "sherg.az"), link.OriginalId);
        Assert.Equal(CopyEvidence.Credited, link.Evidence);
        // The other seeds are other texts about the same visit: none is anyone's copy.
        Assert.Equal(1, await h.Store.Copies.CountAsync(Ct));
    }

    [Theory]
    [ClassData(typeof(BothEngines))]
    public async Task An_article_from_a_host_IDNA_refuses_is_linked_and_the_archive_opens_again(DatabaseEngine engine)
    {
        // Uri parses "a\u200Db.az" (a zero-width joiner) but its IdnHost throws: the article was stored unlinked, and
        // every later start of an import, crawl or portal stopped on linking it (found by the ingest fuzz target).
        await using var h = await ImportHarness.CreateAsync(engine: engine);
        var outcomes = await h.ImportAsync(await ListAsync(h, "zwj.json", new
        {
            url = "http://a\u200Db.az/xeber/1",
            site = "APA",
            title = "Bakıda yeni metro stansiyası",
            published = "2025-10-20T12:40:00+04:00",
            text = Paragraphs("001"),
        }));
        Assert.Equal(IngestStatus.Stored, Assert.Single(outcomes).Status);
        // Linked when stored: it has its sketch, and the next start has nothing to catch up.
        Assert.Empty(await h.Store.Sketches.UnsketchedAsync(10, Ct));
        var reopened = new Importer(await IngestPipeline.OpenAsync(h.Store, Ct), new ImportOptions());
        await foreach (var e in reopened.ImportAsync([TestPaths.Sample("002")], Ct)) Assert.Equal(IngestStatus.Stored, e.Outcome.Status);
        Assert.Empty(await h.Store.Sketches.UnsketchedAsync(10, Ct));
    }

    [Fact]
    public async Task The_start_links_what_it_can_and_a_later_start_the_article_it_could_not_read()
    {
        // Two stored articles without their sketches (a process stopped between storing and linking), the older one's
        // time not readable (text, by another tool): the start used to stop on it, and so every later import,
        // crawl and portal start; then, passed over, it lay below the newest sketch, where no start looked again.
        await using var h = await ImportHarness.CreateAsync();
        await h.ImportAsync(TestPaths.Sample("001"), TestPaths.Sample("002"));
        var ids = (await h.Store.Articles.ListAsync(new ArticleQuery(10), Ct)).Select(a => a.Id).Order().ToList();
        await using (var conn = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(h.DataDirectory, "icmal.db")}"))
        {
            await conn.OpenAsync(Ct);
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = "DELETE FROM article_sketch_keys; DELETE FROM article_sketches; UPDATE articles SET archived_at = 'yesterday', published_at = 'soon', modified_at = 'soon' WHERE id = $id; UPDATE documents SET archived_at = 'yesterday' WHERE id = (SELECT document_id FROM articles WHERE id = $id)";
            cmd.Parameters.AddWithValue("$id", ids[0]);
            await cmd.ExecuteNonQueryAsync(Ct);
        }

        var detector = new CopyDetector(h.Store);
        Assert.Equal(1, await detector.CatchUpAsync(Ct));
        Assert.Equal([ids[0]], detector.PassedOver);
        Assert.NotNull(await h.Store.Sketches.GetAsync(ids[1], Ct));
        Assert.Equal([ids[0]], await h.Store.Sketches.UnsketchedAsync(10, Ct));
        var error = Assert.Single(await h.Store.ItemErrors.ListAsync(null, 10, Ct));
        Assert.Equal((IngestStage.Link, TestPaths.Sample("001")), (error.Stage, error.Origin));
        Assert.StartsWith($"stored article {ids[0]}: linking it to its copies failed: FormatException: ", error.Reason, StringComparison.Ordinal);
        Assert.EndsWith("; it stays stored, and the next start tries it again", error.Reason, StringComparison.Ordinal);

        // Still unreadable, the next start passes over it again and says so once, at its own time (each start recorded
        // it anew); mended, the one after links it.
        await Task.Delay(5, Ct);
        _ = await IngestPipeline.OpenAsync(h.Store, Ct);
        var again = Assert.Single(await h.Store.ItemErrors.ListAsync(null, 10, Ct));
        Assert.Equal(error with { At = again.At }, again);
        Assert.True(again.At > error.At, $"{again.At:O} after {error.At:O}");
        await using (var conn = await h.Store.Database.ConnectAsync(Ct))
            await Sql.ExecAsync(conn, null, "UPDATE articles SET archived_at = 1764000000000 WHERE id = @id; UPDATE documents SET archived_at = 1764000000000 WHERE id = (SELECT document_id FROM articles WHERE id = @id)", Ct, ("@id", ids[0]));
        _ = await IngestPipeline.OpenAsync(h.Store, Ct);
        Assert.NotNull(await h.Store.Sketches.GetAsync(ids[0], Ct));
        Assert.Empty(await h.Store.Sketches.UnsketchedAsync(10, Ct));
        Assert.Single(await h.Store.ItemErrors.ListAsync(null, 10, Ct));
    }

    [Fact]
    public async Task An_imported_article_the_links_catch_up_passes_over_after_its_batch_failed_says_so_in_its_outcome()
    {
        // PostgreSQL links an import's batch in a transaction of its own; when it fails, the detector is rebuilt and its
        // catch-up links the batch. An article that catch-up passes over (here: its sketch refused as bad data) was
        // reported "stored" with no word that it is not linked.
        await using var h = await ImportHarness.CreateAsync(engine: DatabaseEngine.PostgreSql);
        await h.ImportAsync(TestPaths.Sample("001"));
        await h.RefuseAsync("refuse_park", "article_sketches", "BEFORE INSERT",
            $"(SELECT url FROM articles WHERE id = NEW.article_id) = '{ImportHarness.ParkUrl}'");

        var (park, school) = await h.ImportParkAndSchoolAsync();

        Assert.Equal((IngestStatus.Stored, IngestStatus.Stored), (park.Status, school.Status));
        Assert.Equal("stored, but not yet linked to its copies: the catch-up after its batch's transaction failed passed over it; the next start tries again", park.Note);
        Assert.Null(school.Note);
        Assert.NotNull(await h.Store.Sketches.GetAsync(school.ArticleId!.Value, Ct));
        Assert.Null(await h.Store.Sketches.GetAsync(park.ArticleId!.Value, Ct));
        var error = Assert.Single(await h.Store.ItemErrors.ListAsync(null, 10, Ct));
        Assert.StartsWith($"stored article {park.ArticleId}: linking it to its copies failed: PostgresException: 22023: refused by the test", error.Reason, StringComparison.Ordinal);

        await h.StopRefusingAsync("refuse_park", "article_sketches");
        _ = await IngestPipeline.OpenAsync(h.Store, Ct);
        Assert.NotNull(await h.Store.Sketches.GetAsync(park.ArticleId.Value, Ct));
    }

    [Theory]
    [ClassData(typeof(BothEngines))]
    public async Task A_credited_original_imported_after_its_copy_takes_the_link_over(DatabaseEngine engine)
    {
        await using var h = await ImportHarness.CreateAsync(engine: engine);
        await h.ImportAsync(TestPaths.Samples);
        long copy = await SeedIdAsync(h, "003");
        Assert.Null((await h.Store.Copies.LinksOfAsync(copy, Ct)).Original);

        await h.ImportAsync(await ListAsync(h, "sherg.json", ShergOriginal()));

        var link = (await h.Store.Copies.LinksOfAsync(copy, Ct)).Original;
        Assert.NotNull(link);
        Assert.Equal(await IdAsync(h, a => a.Site == "sherg.az"), link.OriginalId);
        Assert.Equal(CopyEvidence.Credited, link.Evidence);
        Assert.Equal(1, await h.Store.Copies.CountAsync(Ct));
    }

    [Theory]
    [ClassData(typeof(BothEngines))]
    public async Task A_near_copy_with_a_new_headline_chrome_and_a_cut_paragraph_is_linked_to_the_earlier_article_and_another_report_is_not(DatabaseEngine engine)
    {
        await using var h = await ImportHarness.CreateAsync(engine: engine);
        string[] paragraphs = Paragraphs("001").Split("\n\n");
        var original = new { url = "https://yap.org.az/az/view/news/1", site = "yap.org.az", title = "Astana görüşü", published = "2025-10-22T10:00:00+04:00", text = string.Join("\n\n", paragraphs) };
        var copy = new
        {
            url = "https://xeberler.az/news/2", site = "xeberler.az", title = "Əliyev və Tokayev: yeni mərhələ", published = "2025-10-22T15:00:00+04:00",
            text = "Son xəbərlər | Siyasət\n\n" + string.Join("\n\n", paragraphs.Skip(1)).Replace('ə', 'e') + "\n\nXəbəri paylaşın: Facebook, Twitter, WhatsApp",
        };
        var other = new { url = "https://analitik.az/1", site = "analitik.az", title = "Türk dünyasında sıx əməkdaşlığa doğru", published = "2025-10-22T12:00:00+04:00", text = Paragraphs("000") };

        await h.ImportAsync(await ListAsync(h, "news.json", original, other, copy));

        var link = (await h.Store.Copies.LinksOfAsync(await IdAsync(h, a => a.Site == "xeberler.az"), Ct)).Original;
        Assert.NotNull(link);
        Assert.Equal(await IdAsync(h, a => a.Site == "yap.org.az"), link.OriginalId);
        Assert.Equal(CopyEvidence.NearCopy, link.Evidence);
        Assert.Null((await h.Store.Copies.LinksOfAsync(await IdAsync(h, a => a.Site == "analitik.az"), Ct)).Original);
        Assert.Equal(1, await h.Store.Copies.CountAsync(Ct));
    }

    [Theory]
    [ClassData(typeof(BothEngines))]
    public async Task An_older_original_found_after_its_copies_becomes_their_original(DatabaseEngine engine)
    {
        await using var h = await ImportHarness.CreateAsync(engine: engine);
        string text = Paragraphs("004");
        var first = new { url = "https://a.az/1", site = "a.az", title = "Bir", published = "2025-10-28T10:00:00+04:00", text };
        var second = new { url = "https://b.az/1", site = "b.az", title = "İki", published = "2025-10-28T11:00:00+04:00", text };
        var oldest = new { url = "https://yap.org.az/1", site = "yap.org.az", title = "Astana görüşü", published = "2025-10-27T14:37:00+04:00", text };

        await h.ImportAsync(await ListAsync(h, "copies.json", first, second));
        await h.ImportAsync(await ListAsync(h, "original.json", oldest));

        long original = await IdAsync(h, a => a.Site == "yap.org.az");
        var copies = (await h.Store.Copies.LinksOfAsync(original, Ct)).Copies;
        Assert.Equal([await IdAsync(h, a => a.Site == "a.az"), await IdAsync(h, a => a.Site == "b.az")], copies.Select(c => c.ArticleId).Order());
        Assert.All(copies, c => Assert.Equal(CopyEvidence.SameText, c.Evidence));
    }

    [Fact]
    public async Task Articles_stored_before_sketches_existed_are_linked_when_the_pipeline_opens()
    {
        using var folder = new TempFolder();
        var store = await Stores.OpenAsync(DatabaseSetting.InDataFolder(folder.Path), Ct);
        string text = Paragraphs("004");
        var t = new DateTimeOffset(2025, 10, 27, 10, 0, 0, TimeSpan.Zero);
        long[] ids = new long[2];
        for (int i = 0; i < 2; i++)
        {
            byte[] raw = System.Text.Encoding.UTF8.GetBytes(text + i);
            var article = new Article
            {
                Id = 0, DocumentId = 0, Origin = $"old{i}", Title = $"Köhnə {i}", Archived = t.AddHours(i), Url = $"https://site{i}.az/x",
                Blocks = [new ArticleBlock(BlockKind.Paragraph, text)],
            };
            ids[i] = (await store.Articles.AddAsync(new NewDocument(Hashing.Sha256Hex(raw), $"old{i}", null, "text", "utf-8", raw, t), article, Ct)).ArticleId;
        }
        Assert.Equal(0, await store.Sketches.CountAsync(Ct));

        await IngestPipeline.OpenAsync(store, Ct);

        Assert.Equal(2, await store.Sketches.CountAsync(Ct));
        Assert.Equal(ids[0], (await store.Copies.LinksOfAsync(ids[1], Ct)).Original?.OriginalId);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
