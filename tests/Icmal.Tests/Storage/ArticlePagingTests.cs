using Icmal.Model;
using Icmal.Storage;
using Icmal.Tests.Support;

namespace Icmal.Tests.Storage;

/// <summary>Keyset pages of the newest-first list on both engines, ties in time included.</summary>
public sealed class ArticlePagingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Stores <paramref name="count"/> articles; every third shares its time with the one before.</summary>
    private static async Task<Stores> StoreWithAsync(TestDatabase db, int count)
    {
        var store = await db.OpenAsync();
        var start = new DateTimeOffset(2025, 1, 1, 8, 0, 0, TimeSpan.Zero);
        for (int i = 0; i < count; i++)
        {
            var when = start.AddMinutes(i - (i % 3 == 2 ? 1 : 0));
            byte[] raw = System.Text.Encoding.UTF8.GetBytes($"article {i}");
            await store.Articles.AddAsync(new NewDocument(Hashing.Sha256Hex(raw), $"a{i}", null, "text", "utf-8", raw, when.AddHours(1)),
                new Article
                {
                    Id = 0, DocumentId = 0, Origin = $"a{i}", Title = $"Xəbər {i}", Published = when, Archived = when.AddHours(1),
                    Blocks = [new ArticleBlock(BlockKind.Paragraph, $"Mətn {i}")],
                }, Ct);
        }
        return store;
    }

    [Theory, ClassData(typeof(BothEngines))]
    public async Task Walking_older_cursors_visits_every_article_once_in_the_offset_order(DatabaseEngine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var store = await StoreWithAsync(db, 47);
        var all = await store.Articles.ListAsync(new ArticleQuery(500, 0), Ct);

        var seen = new List<long>();
        var page = await store.Articles.ListPageAsync(new ArticlePageQuery(10), Ct);
        Assert.Null(page.Newer);
        var pages = new List<ArticlePage> { page };
        while (page.Older is { } older)
        {
            page = await store.Articles.ListPageAsync(new ArticlePageQuery(10, Older: older), Ct);
            pages.Add(page);
        }
        seen.AddRange(pages.SelectMany(p => p.Items.Select(a => a.Id)));

        Assert.Equal(all.Select(a => a.Id), seen);
        Assert.Equal([10, 10, 10, 10, 7], pages.Select(p => p.Items.Count));
        Assert.All(pages.Skip(1), p => Assert.NotNull(p.Newer));

        // And back up with the newer cursors: the same pages in reverse, ending on the newest page.
        var back = new List<IReadOnlyList<long>>();
        var up = pages[^1];
        while (up.Newer is { } newer)
        {
            up = await store.Articles.ListPageAsync(new ArticlePageQuery(10, Newer: newer), Ct);
            back.Add(up.Items.Select(a => a.Id).ToList());
        }
        Assert.Equal(pages.Take(pages.Count - 1).Reverse().Select(p => p.Items.Select(a => a.Id)), back);
    }

    [Theory, ClassData(typeof(BothEngines))]
    public async Task A_bounded_offset_gives_the_same_page_as_the_full_list(DatabaseEngine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var store = await StoreWithAsync(db, 25);
        var all = await store.Articles.ListAsync(new ArticleQuery(500, 0), Ct);
        var page = await store.Articles.ListPageAsync(new ArticlePageQuery(7, Offset: 11), Ct);
        Assert.Equal(all.Skip(11).Take(7).Select(a => a.Id), page.Items.Select(a => a.Id));
        Assert.Equal(all[11].Id, page.Newer!.Id);
        Assert.Equal(all[17].Id, page.Older!.Id);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.Articles.ListPageAsync(new ArticlePageQuery(7, Offset: ArticlePageQuery.MaxOffset + 1), Ct));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("MjAyNS0wMS0wMVQwODowMDowMC4wMDBa")] // a time without an id
    [InlineData("bm90LWEtdGltZSwxMg")] // "not-a-time,12"
    [InlineData("MjAyNS0wMS0wMVQwODowMDowMC4wMDBaLC0x")] // id -1
    [InlineData("!!!!")]
    public void A_token_not_made_by_encode_is_no_cursor(string token) => Assert.Null(ArticleCursor.Decode(token));

    [Fact]
    public void A_cursor_survives_its_token()
    {
        var cursor = new ArticleCursor(new DateTimeOffset(2025, 10, 27, 10, 37, 0, 123, TimeSpan.Zero), 19_800);
        Assert.Equal(cursor, ArticleCursor.Decode(cursor.Encode()));
    }
}
