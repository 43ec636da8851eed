using System.Globalization;
using System.Text;
using Icmal.Ingest;
using Icmal.Model;
using Icmal.Storage;
using Icmal.Tests.Support;

namespace Icmal.Tests.Ingest;

/// <summary>
/// <see cref="IngestPipeline.IngestManyAsync"/> (what <c>icmal import</c> runs, many articles per transaction) leaves the
/// archive exactly as the per-article path does: the same articles, search rows, copy links, stories, entities,
/// quotes, figures and categories, on both engines.
/// </summary>
public sealed class BatchedIngestTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [ClassData(typeof(BothEngines))]
    public async Task Batches_leave_the_archive_the_per_article_path_leaves(DatabaseEngine engine)
    {
        var documents = await DocumentsAsync();
        await using var one = await TestDatabase.CreateAsync(engine);
        await using var many = await TestDatabase.CreateAsync(engine);
        var oneStores = await one.OpenAsync();
        var manyStores = await many.OpenAsync();

        var alone = await IngestPipeline.OpenAsync(oneStores, Ct);
        var byOne = new List<IngestOutcome>();
        foreach (var d in documents) byOne.Add(await alone.IngestAsync(d, Ct));
        var batched = await IngestPipeline.OpenAsync(manyStores, Ct);
        var byMany = new List<IngestOutcome>();
        foreach (var chunk in documents.Chunk(7)) byMany.AddRange(await batched.IngestManyAsync(chunk, Ct));

        Assert.Equal(0, batched.BatchesRunAlone);
        Assert.Equal(byOne.Select(o => (o.Origin, o.Status, o.ArticleId)), byMany.Select(o => (o.Origin, o.Status, o.ArticleId)));
        var expected = await FingerprintAsync(oneStores.Database);
        Assert.DoesNotContain("copies 0:", expected[3], StringComparison.Ordinal); // the set has copies to link,
        Assert.DoesNotContain("entities 0:", expected[6], StringComparison.Ordinal); // and people and places to find
        Assert.Equal(expected, await FingerprintAsync(manyStores.Database));
    }

    /// <summary>
    /// PostgreSQL's batch path, with its own statements (the copy candidates read by one <c>LATERAL</c> over the keys,
    /// prepared statements), stores what SQLite's does: the same articles, copy links, sketches, stories, entities,
    /// quotes, facts and categories.
    /// </summary>
    [Fact]
    public async Task Batches_on_PostgreSql_leave_the_archive_batches_on_Sqlite_leave()
    {
        var documents = await DocumentsAsync();
        // Near copies (found only by their sketches' shared keys, not by the same text): a report with a sentence
        // more, and one with its first paragraph left out.
        string text = (await File.ReadAllTextAsync(TestPaths.Sample("003"), Ct)).Replace("\r", "", StringComparison.Ordinal);
        var now = new DateTimeOffset(2025, 5, 2, 9, 0, 0, TimeSpan.Zero);
        string[] near = [text + "\n\nMəlumatı agentliyin müxbiri yayıb.", text[(text.IndexOf("\n\n", StringComparison.Ordinal) + 2)..]];
        for (int i = 0; i < near.Length; i++)
        {
            string json = System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string>
            {
                ["url"] = string.Create(CultureInfo.InvariantCulture, $"https://near{i}.az/xeber/{i}"),
                ["title"] = string.Create(CultureInfo.InvariantCulture, $"Yaxın surət {i}"),
                ["published"] = now.AddMinutes(i).ToString("O", CultureInfo.InvariantCulture),
                ["site"] = string.Create(CultureInfo.InvariantCulture, $"near{i}.az"),
                ["text"] = near[i],
            });
            documents.Add(new IncomingDocument(string.Create(CultureInfo.InvariantCulture, $"near.json#{i}"), DocumentFormat.JsonArticle, Encoding.UTF8.GetBytes(json), now));
        }
        var fingerprints = new List<List<string>>();
        foreach (var engine in new[] { DatabaseEngine.Sqlite, DatabaseEngine.PostgreSql })
        {
            await using var db = await TestDatabase.CreateAsync(engine);
            var stores = await db.OpenAsync();
            var pipeline = await IngestPipeline.OpenAsync(stores, Ct);
            foreach (var chunk in documents.Chunk(7)) await pipeline.IngestManyAsync(chunk, Ct);
            Assert.Equal(0, pipeline.BatchesRunAlone);
            // Figures' "approximate" is a boolean on PostgreSQL and 0/1 on SQLite: compared without it.
            fingerprints.Add((await FingerprintAsync(stores.Database)).Where(line => !line.StartsWith("figures", StringComparison.Ordinal)).ToList());
        }
        Assert.Contains("near-copy", fingerprints[0][3], StringComparison.Ordinal);
        Assert.Equal(fingerprints[0], fingerprints[1]);
    }

    /// <summary>Five real pages about one event (copies, one story, people and figures), copies of them, a document twice, short fillers.</summary>
    internal static async Task<List<IncomingDocument>> DocumentsAsync()
    {
        var now = new DateTimeOffset(2025, 5, 1, 9, 0, 0, TimeSpan.Zero);
        var list = new List<IncomingDocument>();
        foreach (string id in new[] { "000", "001", "002", "003", "004" })
        {
            string path = TestPaths.Sample(id);
            list.Add(new IncomingDocument(path, DocumentFormat.TextDump, await File.ReadAllBytesAsync(path, Ct), now));
        }
        string text = (await File.ReadAllTextAsync(TestPaths.Sample("001"), Ct)).Replace("\r", "", StringComparison.Ordinal);
        for (int i = 0; i < 12; i++)
        {
            string body = i % 3 == 0 ? text : string.Concat(Enumerable.Repeat($"Gəncədə {i} nömrəli yeni məktəb binası istifadəyə verilib, şagirdlər dərsə başlayıb. ", 6));
            string json = System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string>
            {
                ["url"] = string.Create(CultureInfo.InvariantCulture, $"https://site{i % 4}.az/xeber/{i}"),
                ["title"] = string.Create(CultureInfo.InvariantCulture, $"Xəbər {i}: Gəncədə yeni məktəb"),
                ["published"] = now.AddMinutes(i).ToString("O", CultureInfo.InvariantCulture),
                ["site"] = string.Create(CultureInfo.InvariantCulture, $"site{i % 4}.az"),
                ["text"] = body,
            });
            list.Add(new IncomingDocument(string.Create(CultureInfo.InvariantCulture, $"list.json#{i}"), DocumentFormat.JsonArticle, Encoding.UTF8.GetBytes(json), now));
        }
        list.Insert(9, list[2] with { Origin = "again.txt" }); // the same bytes again, within a batch of the first
        return list;
    }

    /// <summary>What matters of the archive, one line per kind, comparable between two databases of one engine.</summary>
    internal static async Task<List<string>> FingerprintAsync(Database database)
    {
        await using var conn = await database.ConnectAsync(Ct);
        async Task<string> Rows(string name, string sql)
        {
            var rows = await Sql.ListAsync(conn, sql, r => string.Join('|', Enumerable.Range(0, r.FieldCount).Select(i => r.IsDBNull(i) ? "-" : Convert.ToString(r.GetValue(i), CultureInfo.InvariantCulture))), Ct);
            return $"{name} {rows.Count}: {string.Join("; ", rows)}";
        }
        return
        [
            await Rows("articles", "SELECT a.id, a.url, a.title, a.text_sha256, d.sha256 FROM articles a JOIN documents d ON d.id = a.document_id ORDER BY a.id"),
            await Rows("documents", "SELECT id, sha256 FROM documents ORDER BY id"),
            await Rows("search", database.Dialect.Name == "sqlite" ? "SELECT rowid FROM article_search ORDER BY 1" : "SELECT article_id FROM article_search ORDER BY 1"),
            await Rows("copies", "SELECT article_id, original_id, evidence FROM article_copies ORDER BY article_id"),
            await Rows("sketches", "SELECT article_id, shingles, (SELECT COUNT(*) FROM article_sketch_keys k WHERE k.article_id = s.article_id) FROM article_sketches s ORDER BY article_id"),
            await Rows("stories", "SELECT a.id, a.story_id, s.title, s.article_count FROM articles a JOIN stories s ON s.id = a.story_id ORDER BY a.id"),
            await Rows("entities", "SELECT e.entity_key, x.article_id, x.mentions FROM article_entities x JOIN entities e ON e.id = x.entity_id ORDER BY x.article_id, e.entity_key"),
            await Rows("quotes", "SELECT q.article_id, q.position, q.form, e.entity_key, q.quote FROM article_quotes q LEFT JOIN entities e ON e.id = q.speaker_id ORDER BY q.article_id, q.position"),
            await Rows("figures", "SELECT article_id, position, amount, unit, measure, approximate, figure FROM article_figures ORDER BY article_id, position"),
            await Rows("mentions", "SELECT x.article_id, e.entity_key, e.name, e.kind, x.first_at, x.forms FROM article_entities x JOIN entities e ON e.id = x.entity_id ORDER BY x.article_id, e.entity_key"),
            await Rows("facts", "SELECT article_id, version FROM article_facts ORDER BY article_id"),
            await Rows("categories", "SELECT article_id, category, origin, confidence FROM article_categories ORDER BY article_id"),
        ];
    }
}
