using System.Data.Common;
using System.Globalization;
using System.Text;
using Icmal.Analysis;
using Icmal.Model;
using Icmal.Storage;
using Icmal.Tests.Support;
using Icmal.Text.Entities;

namespace Icmal.Tests.Storage;

/// <summary>
/// The batch path (<see cref="ArticleStore.AddManyAsync"/>; on PostgreSQL a few unnest statements per batch,
/// <see cref="PostgreSqlArticleBatch"/>) against the per-article path: the same rows to the last column, documents seen
/// before (in the batch, in an earlier batch) skipped with their article's id, and a batch failing midway leaving nothing.
/// </summary>
public sealed class ArticleBatchTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>An article with every field set, each to a value of its own (no two same-typed fields agree).</summary>
    private static (NewDocument Document, Article Article, SearchDocument Search) Item(int i, string prefix = "")
    {
        string n = i.ToString(CultureInfo.InvariantCulture);
        string text = $"Gəncədə keçirilən sərgi barədə xəbər {n}: iştirakçılar İqtisadiyyat nazirliyinin layihəsini müzakirə ediblər.";
        byte[] raw = Encoding.UTF8.GetBytes("<html>" + text + "</html>");
        var archived = new DateTimeOffset(2026, 12, 4, 9, 30, 15, TimeSpan.FromHours(4)).AddMinutes(i).AddTicks(10 * (i + 1));
        var article = new Article
        {
            Id = 0, DocumentId = 0, Origin = "https://origin.example.az/" + n, Url = "https://xeber.example.az/news/" + n,
            Title = "Sərgi " + n, TitleDerived = i % 2 == 0, Section = "İqtisadiyyat " + n, Authors = ["Aysel Məmmədova", "Rəşad " + n],
            Published = archived.AddHours(-3).AddSeconds(i), PublishedFrom = new DateEvidence(DateEvidenceKind.Meta, "article:published_time"),
            Modified = archived.AddHours(-1), Archived = archived, Site = "xeber" + n + ".az", Language = i % 3 == 0 ? "ru" : "az",
            ImageUrl = "https://img.example.az/" + n + ".jpg", Tags = ["sərgi", "Gəncə " + n],
            Original = new SourceCredit("APA " + n, "https://apa.example.az/" + n),
            Blocks = [new ArticleBlock(BlockKind.Heading, "Başlıq " + n), new ArticleBlock(BlockKind.Paragraph, text), new ArticleBlock(BlockKind.Quote, "Sitat " + n)],
        };
        return (new NewDocument(prefix + Hashing.Sha256Hex(raw), article.Origin, article.Url, "html", i % 2 == 0 ? "utf-8" : null, raw, archived.AddSeconds(7)),
            article, SearchDocument.Of(article));
    }

    [Theory, ClassData(typeof(BothEngines))]
    public async Task A_batch_writes_every_column_as_the_per_article_path_does(DatabaseEngine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var store = await db.OpenAsync();
        var single = Enumerable.Range(0, 6).Select(i => Item(i, "single-")).ToList();
        var batch = Enumerable.Range(0, 6).Select(i => Item(i, "batch-")).ToList();
        var singleIds = new List<long>();
        foreach (var (document, article, search) in single) singleIds.Add((await store.Articles.AddAsync(document, article, search, Ct)).ArticleId);

        var results = await store.Articles.AddManyAsync(batch, Ct);

        Assert.All(results, r => Assert.Equal(StoreStatus.Stored, r.Status));
        await using var conn = await store.Database.ConnectAsync(Ct);
        for (int i = 0; i < single.Count; i++)
        {
            Assert.Equal(await RowAsync(conn, "articles", singleIds[i]), await RowAsync(conn, "articles", results[i].ArticleId));
            var singleDocument = await RowAsync(conn, "documents", await DocumentIdAsync(conn, singleIds[i]));
            var batchDocument = await RowAsync(conn, "documents", await DocumentIdAsync(conn, results[i].ArticleId));
            Assert.Equal(singleDocument.Replace("sha256=single-", "sha256=", StringComparison.Ordinal),
                batchDocument.Replace("sha256=batch-", "sha256=", StringComparison.Ordinal));
            Assert.Equal(batch[i].Document.Raw.ToArray(), await store.Articles.GetRawDocumentAsync(await DocumentIdAsync(conn, results[i].ArticleId), Ct));
            if (engine == DatabaseEngine.PostgreSql)
                Assert.Equal(await KeysAsync(conn, singleIds[i]), await KeysAsync(conn, results[i].ArticleId));
        }
    }

    /// <summary>
    /// A batch large enough that its documents are compressed on every core (<see cref="Sql.CompressAll"/>): each
    /// document reads back as its own bytes, whatever its size (one byte to a 300 KB page), and its stored size is its own.
    /// </summary>
    [Theory, ClassData(typeof(BothEngines))]
    public async Task Every_document_of_a_large_batch_reads_back_as_its_own_bytes(DatabaseEngine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var store = await db.OpenAsync();
        var batch = Enumerable.Range(0, 40).Select(i =>
        {
            var (document, article, search) = Item(i);
            var random = new Random(i);
            byte[] raw = new byte[i == 0 ? 1 : i % 7 == 0 ? 300_000 : 50 + (i * 997 % 20_000)];
            for (int k = 0; k < raw.Length; k++) raw[k] = (byte)(k % 11 == 0 ? random.Next(256) : 'a' + (k * i % 26));
            return (Document: document with { Raw = raw, Sha256 = Hashing.Sha256Hex(raw) }, Article: article, Search: search);
        }).ToList();

        var results = await store.Articles.AddManyAsync(batch, Ct, inGivenOrder: true);

        await using var conn = await store.Database.ConnectAsync(Ct);
        for (int i = 0; i < batch.Count; i++)
        {
            Assert.Equal(StoreStatus.Stored, results[i].Status);
            long documentId = await DocumentIdAsync(conn, results[i].ArticleId);
            Assert.Equal(batch[i].Document.Raw.ToArray(), await store.Articles.GetRawDocumentAsync(documentId, Ct));
            Assert.Equal(batch[i].Document.Raw.Length, await CountAsync(conn, "SELECT size_bytes FROM documents WHERE id = " + documentId.ToString(CultureInfo.InvariantCulture)));
        }
    }

    /// <summary>
    /// A batch's facts (<see cref="ArticleFactsWriter.WriteManyAsync"/>; on PostgreSQL <see cref="PostgreSqlFactsBatch"/>,
    /// which takes the identity values itself and inserts only the keys not stored) give the entities the ids, names
    /// and kinds the per-article path gives: stored keys, new ones, a new one offered twice, each offered row taking a value.
    /// </summary>
    [Theory, ClassData(typeof(BothEngines))]
    public async Task A_batch_of_facts_gives_new_entities_the_ids_of_the_per_article_path(DatabaseEngine engine)
    {
        static FactEntity E(string key, string name, EntityKind kind) => new(key, name, kind, 2, 5, [name]);
        var first = new ArticleFacts([E("x", "X bank", EntityKind.Organization), E("y", "Yevlax", EntityKind.Location)], [], []);
        var batch = new[]
        {
            new ArticleFacts([E("x", "X bank", EntityKind.Organization), E("z", "Zaur Zeynalov", EntityKind.Person), E("y", "Yevlax", EntityKind.Location)],
                [new FactQuote(3, QuoteForm.Direct, "Sitat", "z")], []),
            new ArticleFacts([E("z", "Zaur Z.", EntityKind.Person), E("w", "Vüsal", EntityKind.Person), E("x", "X", EntityKind.Organization),
                E("z", "Zaur", EntityKind.Person)], [], []),
        };
        var expected = await EntitiesAfterAsync(engine, async (stores, ids) =>
        {
            for (int k = 0; k < batch.Length; k++) await ArticleFactsWriter.WriteAsync(stores, ids[k + 1], batch[k], Ct);
        });
        var actual = await EntitiesAfterAsync(engine, (stores, ids) => stores.Database.InOneTransactionAsync(async t =>
        {
            await ArticleFactsWriter.WriteManyAsync(stores, [(ids[1], batch[0]), (ids[2], batch[1])], t);
            return 0;
        }, Ct));
        Assert.Equal(expected, actual);
        Assert.Contains("|z|Zaur Zeynalov|", expected, StringComparison.Ordinal);

        async Task<string> EntitiesAfterAsync(DatabaseEngine e, Func<Stores, long[], Task> write)
        {
            await using var db = await TestDatabase.CreateAsync(e);
            var stores = await db.OpenAsync();
            var ids = (await stores.Articles.AddManyAsync([Item(1), Item(2), Item(3)], Ct)).Select(r => r.ArticleId).ToArray();
            await ArticleFactsWriter.WriteAsync(stores, ids[0], first, Ct);
            await write(stores, ids);
            await using var conn = await stores.Database.ConnectAsync(Ct);
            var rows = await Sql.ListAsync(conn, """
                SELECT e.id, e.entity_key, e.name, e.kind, x.article_id, q.position FROM entities e
                LEFT JOIN article_entities x ON x.entity_id = e.id LEFT JOIN article_quotes q ON q.speaker_id = e.id
                ORDER BY e.id, x.article_id
                """, r => string.Join('|', Enumerable.Range(0, 6).Select(c => r.IsDBNull(c) ? "-" : Convert.ToString(r.GetValue(c), CultureInfo.InvariantCulture))), Ct);
            return string.Join('\n', rows);
        }
    }

    [Theory, ClassData(typeof(BothEngines))]
    public async Task Documents_seen_in_the_batch_or_an_earlier_one_are_skipped_with_their_article_id(DatabaseEngine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var store = await db.OpenAsync();

        var first = await store.Articles.AddManyAsync([Item(1), Item(2)], Ct);
        var second = await store.Articles.AddManyAsync([Item(2), Item(3), Item(3), Item(1), Item(4)], Ct);

        Assert.Equal([StoreStatus.AlreadyPresent, StoreStatus.Stored, StoreStatus.AlreadyPresent, StoreStatus.AlreadyPresent, StoreStatus.Stored],
            second.Select(r => r.Status));
        Assert.Equal(first[1].ArticleId, second[0].ArticleId);
        Assert.Equal(second[1].ArticleId, second[2].ArticleId);
        Assert.Equal(first[0].ArticleId, second[3].ArticleId);
        Assert.True(second[1].ArticleId < second[4].ArticleId, "articles are numbered in the order given");
        Assert.Equal(4, await store.Articles.CountAsync(Ct));
        Assert.Equal("Sərgi 3", (await store.Articles.GetAsync(second[1].ArticleId, Ct))!.Title);
        Assert.Equal("Sərgi 4", (await store.Articles.GetAsync(second[4].ArticleId, Ct))!.Title);
    }

    [Theory, ClassData(typeof(BothEngines))]
    public async Task A_batch_failing_midway_leaves_no_document_article_or_index_row(DatabaseEngine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var store = await db.OpenAsync();
        var good = Item(1);
        var bad = Item(2);
        // The database refuses the second article (a title is NOT NULL) after the first's document and article are written.
        var broken = (bad.Document, new Article { Id = 0, DocumentId = 0, Origin = bad.Article.Origin, Title = null!, Archived = bad.Article.Archived }, bad.Search);

        await Assert.ThrowsAnyAsync<DbException>(() => store.Articles.AddManyAsync([good, broken, Item(3)], Ct));

        await using var conn = await store.Database.ConnectAsync(Ct);
        foreach (string table in new[] { "documents", "articles" })
            Assert.Equal(0L, await CountAsync(conn, $"SELECT COUNT(*) FROM {table}"));
        if (engine == DatabaseEngine.PostgreSql) Assert.Equal(0L, await CountAsync(conn, "SELECT COUNT(*) FROM article_search"));
        var again = await store.Articles.AddManyAsync([good, bad, Item(3)], Ct);
        Assert.All(again, r => Assert.Equal(StoreStatus.Stored, r.Status));
        Assert.Equal(3, await store.Articles.CountAsync(Ct));
    }

    [Theory, ClassData(typeof(BothEngines))]
    public async Task A_list_total_is_exact_up_to_the_cap_and_an_estimate_flagged_as_such_past_it(DatabaseEngine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var store = await db.OpenAsync();
        await store.Articles.AddManyAsync(Enumerable.Range(0, 5).Select(i => Item(i)).ToList(), Ct);

        Assert.Equal((5L, false), await store.Articles.TotalAsync(Ct));
        Assert.Equal((5L, false), await store.Articles.TotalAsync(5, Ct));
        var (total, estimated) = await store.Articles.TotalAsync(3, Ct);
        Assert.True(estimated);
        Assert.InRange(total, 4, 5); // PostgreSQL before its first ANALYZE: at least what was counted
        if (engine == DatabaseEngine.PostgreSql)
        {
            await using var conn = await store.Database.ConnectAsync(Ct);
            await CountAsync(conn, "ANALYZE articles");
        }
        Assert.Equal((5L, true), await store.Articles.TotalAsync(3, Ct));
    }

    /// <summary>A row as "column=value|…", every column but the id, times as UTC instants.</summary>
    private static async Task<string> RowAsync(DbConnection conn, string table, long id)
    {
        await using var cmd = conn.CreateCommand();
#pragma warning disable CA2100 // the table is one of the test's constants
        cmd.CommandText = $"SELECT * FROM {table} WHERE id = {id.ToString(CultureInfo.InvariantCulture)}";
#pragma warning restore CA2100
        await using var reader = await cmd.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct));
        var columns = new List<string>();
        for (int c = 0; c < reader.FieldCount; c++)
        {
            string name = reader.GetName(c);
            if (name is "id" or "document_id") continue;
            object value = reader.GetValue(c);
            string text = value switch
            {
                DBNull => "NULL",
                DateTime t => t.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
                DateTimeOffset t => t.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
                byte[] b => Convert.ToHexString(b),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString()!,
            };
            columns.Add(name + "=" + text);
        }
        return string.Join('|', columns);
    }

    private static async Task<long> DocumentIdAsync(DbConnection conn, long articleId) =>
        await CountAsync(conn, $"SELECT document_id FROM articles WHERE id = {articleId.ToString(CultureInfo.InvariantCulture)}");

    private static async Task<string> KeysAsync(DbConnection conn, long articleId)
    {
        await using var cmd = conn.CreateCommand();
#pragma warning disable CA2100 // an id the test holds
        cmd.CommandText = $"SELECT keys::text FROM article_search WHERE article_id = {articleId.ToString(CultureInfo.InvariantCulture)}";
#pragma warning restore CA2100
        return (string)(await cmd.ExecuteScalarAsync(Ct))!;
    }

    private static async Task<long> CountAsync(DbConnection conn, string sql)
    {
        await using var cmd = conn.CreateCommand();
#pragma warning disable CA2100 // the test's own statements
        cmd.CommandText = sql;
#pragma warning restore CA2100
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(Ct), CultureInfo.InvariantCulture);
    }
}
