using System.Globalization;
using System.Text;
using Icmal.Analysis;
using Icmal.Model;
using Icmal.Storage;
using Icmal.Tests.Support;

namespace Icmal.Tests.Storage;

/// <summary>
/// Several writers storing the same documents at the same time (crawlers that met one article under two addresses,
/// an import run twice at once), each through its own database object as separate processes would: every document is
/// stored once, every writer is told the one article id, and none fails on the unique hash.
/// </summary>
public sealed class ConcurrentArticleWriteTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const int Documents = 60;
    private const int Writers = 8;

    private static (NewDocument Document, Article Article, SearchDocument Search) Item(int i)
    {
        string text = string.Create(CultureInfo.InvariantCulture, $"Bakıda keçirilən tədbir barədə xəbər nömrə {i}: iştirakçılar əməkdaşlığı müzakirə ediblər.");
        byte[] raw = Encoding.UTF8.GetBytes(text);
        var archived = new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero).AddMinutes(i);
        var article = new Article
        {
            Id = 0, DocumentId = 0, Origin = "https://example.az/" + i.ToString(CultureInfo.InvariantCulture), Title = "Xəbər " + i.ToString(CultureInfo.InvariantCulture),
            Archived = archived, Language = "az", Blocks = [new ArticleBlock(BlockKind.Paragraph, text)],
        };
        return (new NewDocument(Hashing.Sha256Hex(raw), article.Origin, article.Origin, "text", "utf-8", raw, archived), article, SearchDocument.Of(article));
    }

    [Theory, ClassData(typeof(BothEngines))]
    public async Task Writers_storing_the_same_documents_at_once_store_each_once_and_agree_on_its_id(DatabaseEngine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var store = await db.OpenAsync();
        var items = Enumerable.Range(0, Documents).Select(Item).ToList();
        var writers = new List<Stores>();
        for (int w = 0; w < Writers; w++) writers.Add(await db.OpenAsync());

        using var start = new Barrier(Writers);
        var seen = await Task.WhenAll(writers.Select((writer, w) => Task.Run(async () =>
        {
            // Each writer its own order; half store one by one, half in batches of five (one transaction each).
            var order = items.OrderBy(x => (x.Document.Sha256.GetHashCode(StringComparison.Ordinal) * (w + 1)) ^ w).ToList();
            var ids = new Dictionary<string, long>(StringComparer.Ordinal);
            start.SignalAndWait(Ct);
            if (w % 2 == 0)
            {
                foreach (var (document, article, search) in order)
                    ids[document.Sha256] = (await writer.Articles.AddAsync(document, article, search, Ct)).ArticleId;
            }
            else
            {
                foreach (var batch in order.Chunk(5))
                {
                    var results = await writer.Articles.AddManyAsync(batch, Ct);
                    for (int i = 0; i < batch.Length; i++) ids[batch[i].Document.Sha256] = results[i].ArticleId;
                }
            }
            return ids;
        }, Ct)));

        Assert.Equal(Documents, await store.Articles.CountAsync(Ct));
        foreach (var (document, _, _) in items)
        {
            var ids = seen.Select(s => s[document.Sha256]).Distinct().ToList();
            long id = Assert.Single(ids);
            var stored = await store.Articles.GetAsync(id, Ct);
            Assert.Equal(document.Origin, stored!.Origin);
        }
    }

    [Theory, ClassData(typeof(BothEngines))]
    public async Task A_batch_naming_one_document_twice_stores_it_once_and_keeps_the_order_of_ids(DatabaseEngine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var store = await db.OpenAsync();
        var items = new[] { Item(3), Item(1), Item(3), Item(2) };
        long before = (await store.Articles.AddAsync(Item(2).Document, Item(2).Article, Ct)).ArticleId;

        var results = await store.Articles.AddManyAsync(items, Ct);

        Assert.Equal([StoreStatus.Stored, StoreStatus.Stored, StoreStatus.AlreadyPresent, StoreStatus.AlreadyPresent], results.Select(r => r.Status));
        Assert.Equal(results[0].ArticleId, results[2].ArticleId);
        Assert.Equal(before, results[3].ArticleId);
        Assert.True(results[0].ArticleId < results[1].ArticleId, "articles are numbered in the order given");
        Assert.Equal(3, await store.Articles.CountAsync(Ct));
    }
}
