using Icmal.Model;
using Icmal.Storage;
using Icmal.Tests.Support;

namespace Icmal.Tests.Storage;

/// <summary>The portal's view counts (article_views): batches add up per article and Baku day, and "most read" ranks a span of days.</summary>
public sealed class ViewStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<long> AddAsync(Stores store, string text)
    {
        byte[] raw = System.Text.Encoding.UTF8.GetBytes(text);
        var at = new DateTimeOffset(2025, 10, 27, 10, 0, 0, TimeSpan.Zero);
        var article = new Article
        {
            Id = 0, DocumentId = 0, Origin = text, Title = text, Archived = at,
            Blocks = [new ArticleBlock(BlockKind.Paragraph, text)],
        };
        return (await store.Articles.AddAsync(new NewDocument(Hashing.Sha256Hex(raw), text, null, "text", "utf-8", raw, at), article, Ct)).ArticleId;
    }

    [Theory, ClassData(typeof(BothEngines))]
    public async Task Batches_add_up_per_day_and_most_read_ranks_the_days_asked(DatabaseEngine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var store = await db.OpenAsync();
        long a = await AddAsync(store, "a"), b = await AddAsync(store, "b"), c = await AddAsync(store, "c");
        var today = new DateOnly(2025, 10, 27);

        await store.Views.AddAsync([new(a, today, 3), new(b, today, 5), new(c, today.AddDays(-3), 50)], Ct);
        // A second batch adds to the same rows; a count for an article that is not there (deleted since) is dropped.
        await store.Views.AddAsync([new(a, today, 4), new(b, today.AddDays(-1), 1), new(999_999, today, 7), new(c, today, 0)], Ct);

        Assert.Equal(7, await store.Views.TotalAsync(a, Ct));
        Assert.Equal(6, await store.Views.TotalAsync(b, Ct));
        Assert.Equal(0, await store.Views.TotalAsync(999_999, Ct));
        Assert.Equal([new ReadCount(a, 7), new ReadCount(b, 5)], await store.Views.MostReadAsync(today, today, 10, Ct));
        Assert.Equal([new ReadCount(c, 50), new ReadCount(a, 7)], await store.Views.MostReadAsync(today.AddDays(-6), today, 2, Ct));
        Assert.Empty(await store.Views.MostReadAsync(today.AddDays(1), today.AddDays(2), 10, Ct));
    }
}
