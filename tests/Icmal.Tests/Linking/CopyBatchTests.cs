using System.Text;
using Icmal.Linking;
using Icmal.Model;
using Icmal.Storage;
using Icmal.Tests.Support;

namespace Icmal.Tests.Linking;

/// <summary>
/// <see cref="CopyDetector.LinkManyAsync"/> inside a batch's transaction (on PostgreSQL <see cref="PostgreSqlCopyBatch"/>:
/// the batch's sketches written and candidates read together, the links worked out in memory) stores exactly the
/// links that <see cref="CopyDetector.LinkAsync"/> stores article after article: credited copies that arrive before
/// their original, an older original that takes a group over, a group whose original becomes a copy, copies of an
/// original their copies credit, within one batch and across batches.
/// </summary>
public sealed class CopyBatchTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateTimeOffset Day = new(2025, 10, 27, 0, 0, 0, TimeSpan.FromHours(4));

    [Theory]
    [ClassData(typeof(BothEngines))]
    public async Task Batches_store_the_links_one_by_one_stores(DatabaseEngine engine)
    {
        var articles = Articles();
        var expected = await LinkAsync(engine, articles, []);
        Assert.Contains(expected, l => l.Evidence == CopyEvidence.Credited);
        Assert.Contains(expected, l => l.Evidence == CopyEvidence.SameText);
        Assert.Contains(expected, l => l.Evidence == CopyEvidence.NearCopy);
        Assert.True(expected.Count >= 8, $"only {expected.Count} links: the set no longer tests much");

        Assert.Equal(expected, await LinkAsync(engine, articles, [articles.Count]));
        Assert.Equal(expected, await LinkAsync(engine, articles, [3, 2, 4, 6]));
        Assert.Equal(expected, await LinkAsync(engine, articles, [1, 5, 2, 7]));
    }

    /// <summary>
    /// A batch on PostgreSQL reads its candidates' copy groups once and writes them at the end, so it links only while
    /// no other process links (the archive's copy-link lock, <see cref="PostgreSqlDialect.CopyLockKey"/>): here another
    /// session holds that lock and the batch is seen waiting for it, then links once it is released.
    /// </summary>
    [Fact]
    public async Task A_PostgreSQL_batch_links_only_while_no_other_process_holds_the_archive_lock()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseEngine.PostgreSql);
        var stores = await db.OpenAsync();
        var stored = await StoreAsync(stores, Articles().Take(5));
        var detector = new CopyDetector(stores) { MinBatch = 1 };
        await using var other = await stores.Database.ConnectAsync(Ct);
        await Sql.ExecAsync(other, null, $"SELECT pg_advisory_lock({PostgreSqlDialect.CopyLockKey})", Ct);

        var linking = stores.Database.InOneTransactionAsync(async t => { await detector.LinkManyAsync(stored, t); return 0; }, Ct);
        long waiting = 0;
        for (int i = 0; i < 600 && waiting == 0 && !linking.IsCompleted; i++)
        {
            await Task.Delay(100, Ct);
            // This test's database only: the cluster is shared with tests running beside it, some waiting on advisory locks of their own.
            waiting = Convert.ToInt64(await Sql.ScalarAsync(other, null, """
                SELECT COUNT(*) FROM pg_locks
                WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                """, Ct), System.Globalization.CultureInfo.InvariantCulture);
        }
        Assert.False(linking.IsCompleted, "the batch linked while another session held the archive's lock");
        Assert.Equal(1, waiting);
        Assert.DoesNotContain((await stores.Copies.LinksOfManyAsync(stored.Select(a => a.Id).ToList(), Ct)).Values, l => l.Original is not null);

        await Sql.ExecAsync(other, null, $"SELECT pg_advisory_unlock({PostgreSqlDialect.CopyLockKey})", Ct);
        await linking.WaitAsync(TimeSpan.FromMinutes(2), Ct);
        Assert.Contains((await stores.Copies.LinksOfManyAsync(stored.Select(a => a.Id).ToList(), Ct)).Values, l => l.Original is not null);
    }

    /// <summary>
    /// Between batches on PostgreSQL the key table is vacuumed (its new pages marked all-visible for the next batch's
    /// look-up) from inside the batch's shared transaction: on a connection of its own, as <c>VACUUM</c> cannot run in
    /// a transaction block, and with the same links as one by one.
    /// </summary>
    [Fact]
    public async Task PostgreSQL_batches_vacuum_the_key_table_between_them_and_link_the_same()
    {
        var articles = Articles();
        var expected = await LinkAsync(DatabaseEngine.PostgreSql, articles, []);
        await using var db = await TestDatabase.CreateAsync(DatabaseEngine.PostgreSql);
        var stores = await db.OpenAsync();
        var stored = await StoreAsync(stores, articles);
        var detector = new CopyDetector(stores) { MinBatch = 1, VacuumEvery = 1 };
        foreach (var batch in stored.Chunk(4))
            await stores.Database.InOneTransactionAsync(async t => { await detector.LinkManyAsync(batch, t); return 0; }, Ct);

        var links = await stores.Copies.LinksOfManyAsync(stored.Select(a => a.Id).ToList(), Ct);
        Assert.Equal(expected, links.Values.Where(l => l.Original is not null).Select(l => l.Original!)
            .Select(l => (l.ArticleId, l.OriginalId, l.Evidence, l.Similarity)).OrderBy(l => l.ArticleId).ToList());
        await using var conn = await stores.Database.ConnectAsync(Ct);
        Assert.Equal(4L, Convert.ToInt64(await Sql.ScalarAsync(conn, null,
            "SELECT vacuum_count FROM pg_stat_user_tables WHERE relname = 'article_sketch_keys'", Ct), System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// A batch smaller than <see cref="CopyDetector.MinBatch"/> (a crawler's one page) is linked one by one: it reads
    /// no whole copy groups and waits for no archive lock, so it links while another session holds that lock.
    /// </summary>
    [Fact]
    public async Task A_PostgreSQL_batch_of_a_few_pages_links_one_by_one_without_the_archive_lock()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseEngine.PostgreSql);
        var stores = await db.OpenAsync();
        var stored = await StoreAsync(stores, Articles().Take(5));
        var detector = new CopyDetector(stores);
        Assert.True(stored.Count < detector.MinBatch);
        await using var other = await stores.Database.ConnectAsync(Ct);
        await Sql.ExecAsync(other, null, $"SELECT pg_advisory_lock({PostgreSqlDialect.CopyLockKey})", Ct);

        await stores.Database.InOneTransactionAsync(async t => { await detector.LinkManyAsync(stored, t); return 0; }, Ct)
            .WaitAsync(TimeSpan.FromMinutes(2), Ct);

        Assert.Contains((await stores.Copies.LinksOfManyAsync(stored.Select(a => a.Id).ToList(), Ct)).Values, l => l.Original is not null);
    }

    /// <summary>
    /// The articles stored, then linked one by one (<paramref name="batches"/> empty) or in batches of the given sizes,
    /// each in one transaction; the copy links stored, in article order.
    /// </summary>
    private static async Task<List<(long ArticleId, long OriginalId, CopyEvidence Evidence, double Similarity)>> LinkAsync(DatabaseEngine engine, List<Article> articles, int[] batches)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var stores = await db.OpenAsync();
        var stored = await StoreAsync(stores, articles);
        var detector = new CopyDetector(stores) { MinBatch = 1 };
        if (batches.Length == 0)
        {
            foreach (var article in stored) await detector.LinkAsync(article, Ct);
        }
        else
        {
            int from = 0;
            foreach (int size in batches.Append(stored.Count))
            {
                var batch = stored.Skip(from).Take(size).ToList();
                from += batch.Count;
                if (batch.Count > 0) await stores.Database.InOneTransactionAsync(async t => { await detector.LinkManyAsync(batch, t); return 0; }, Ct);
            }
        }
        var links = await stores.Copies.LinksOfManyAsync(stored.Select(a => a.Id).ToList(), Ct);
        return links.Values.Where(l => l.Original is not null).Select(l => l.Original!)
            .Select(l => (l.ArticleId, l.OriginalId, l.Evidence, l.Similarity)).OrderBy(l => l.ArticleId).ToList();
    }

    /// <summary>The articles stored in their order, each with the id it got.</summary>
    private static async Task<List<Article>> StoreAsync(Stores stores, IEnumerable<Article> articles)
    {
        var stored = new List<Article>();
        foreach (var article in articles)
        {
            byte[] raw = Encoding.UTF8.GetBytes(article.Origin + article.Text);
            long id = (await stores.Articles.AddAsync(new NewDocument(Hashing.Sha256Hex(raw), article.Origin, article.Url, "text", "utf-8", raw, article.Archived),
                article, Ct)).ArticleId;
            stored.Add(article with { Id = id });
        }
        return stored;
    }

    /// <summary>Copies of four texts from several sites, in an arrival order that moves links about.</summary>
    private static List<Article> Articles()
    {
        string[] texts = new[] { "000", "001", "002", "003" }.Select(Text).ToArray();
        string Cut(string t) => t[(t.IndexOf("\n\n", StringComparison.Ordinal) + 2)..];
        const string More = "\n\nMəlumatı agentliyin müxbiri yayıb və əlavə təfərrüatlar sonra veriləcək.";
        var list = new List<Article>();
        void Add(string site, string text, double hours, string? credit = null) =>
            list.Add(new Article
            {
                Id = 0, DocumentId = 0, Origin = $"{site}#{list.Count}", Title = $"Xəbər {list.Count}", Url = $"https://{site}/x/{list.Count}", Site = site,
                Published = Day.AddHours(hours), Archived = Day.AddDays(1).AddMinutes(list.Count), Language = "az",
                Original = credit is null ? null : new SourceCredit(credit, null),
                Blocks = text.Split("\n\n").Select(p => new ArticleBlock(BlockKind.Paragraph, p)).ToList(),
            });
        Add("x.az", texts[0] + More, 10);              // a copy whose original comes later
        Add("icma.az", texts[0], 11, "Sherg.az");      // crediting sherg.az, not yet stored
        Add("b.az", texts[1], 12);
        Add("sherg.az", texts[0], 9);                  // the credited original: takes its copies over
        Add("c.az", texts[1], 13);                     // the same text
        Add("report.az", texts[2], 10);
        Add("yap.org.az", texts[1], 8);                // older: the group of b.az moves to it
        Add("apa.az", Cut(texts[2]), 10.5, "Report.az");
        Add("y.az", texts[0], 7);                      // older, but sherg.az is the original by its copies' word
        Add("oxu.az", texts[3], 14);
        Add("d.az", texts[1] + More, 15);
        Add("e.az", Cut(texts[3]), 6);                 // older than its near-copy
        Add("f.az", texts[2] + More, 9, "Report.az");
        Add("sherg.az", Cut(texts[0]) + More, 9.5);
        // A text, a longer one containing it, and the same longer text later: the last must not be seen by the second.
        string[] sentences = Text("004").Split(". ");
        string whole = string.Join(".\n\n", sentences);
        Add("g.az", string.Join(".\n\n", sentences.Take(sentences.Length / 2)), 8);
        Add("h.az", whole, 12);
        Add("i.az", whole, 13);
        return list;
    }

    private static string Text(string prefix) =>
        string.Join("\n\n", File.ReadAllLines(TestPaths.Sample(prefix)).Where(l => l.Length > 60));
}
