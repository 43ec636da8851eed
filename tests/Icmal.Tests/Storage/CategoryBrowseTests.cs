using Icmal.Model;
using Icmal.Storage;
using Icmal.Tests.Support;
using Icmal.Text.Categories;

namespace Icmal.Tests.Storage;

/// <summary>A section's articles on both engines: keyset pages newest first, copies left out, and categories read for a page at once.</summary>
public sealed class CategoryBrowseTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateTimeOffset Start = new(2025, 11, 20, 10, 0, 0, TimeSpan.Zero);

    private static async Task<long> AddAsync(Stores store, int i, NewsCategory? category)
    {
        string title = "Xəbər nömrə " + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string text = title + " barədə ətraflı məlumat verilib.";
        byte[] raw = System.Text.Encoding.UTF8.GetBytes(text);
        var article = new Article
        {
            Id = 0, DocumentId = 0, Origin = title, Title = title, Archived = Start.AddHours(i), Published = Start.AddHours(i), Site = "example.az",
            Blocks = [new ArticleBlock(BlockKind.Paragraph, text)],
        };
        long id = (await store.Articles.AddAsync(new NewDocument(Hashing.Sha256Hex(raw), title, null, "text", "utf-8", raw, article.Archived), article, Ct)).ArticleId;
        if (category is { } c) await store.Categories.SetAsync(id, new CategoryAssignment(c, CategoryOrigin.Source, 1), Ct);
        return id;
    }

    [Theory, ClassData(typeof(BothEngines))]
    public async Task A_large_section_and_a_small_one_are_each_walked_whole_whichever_way_they_are_read(DatabaseEngine engine)
    {
        // 300 articles in one section reach the store's 256-article bound (walked down the sort index), 6 in another
        // stay under it (read by the category index and sorted): both plans must give every article once, newest first.
        await using var db = await TestDatabase.CreateAsync(engine);
        var store = await db.OpenAsync();
        var large = new List<long>();
        var small = new List<long>();
        for (int i = 0; i < 306; i++)
        {
            bool isSmall = i % 51 == 7;
            long id = await AddAsync(store, i, isSmall ? NewsCategory.Medeniyyet : NewsCategory.Dunya);
            (isSmall ? small : large).Add(id);
        }
        foreach (var (category, expected) in new[] { (NewsCategory.Dunya, large), (NewsCategory.Medeniyyet, small) })
        {
            var seen = new List<long>();
            ArticleCursor? older = null;
            do
            {
                var page = await store.Articles.BrowseAsync(new ArticleBrowse(Category: category), older, 40, Ct);
                seen.AddRange(page.Items.Select(a => a.Id));
                older = page.Older;
            }
            while (older is not null);
            Assert.Equal(expected.AsEnumerable().Reverse(), seen);
        }
    }

    [Theory, ClassData(typeof(BothEngines))]
    public async Task A_section_is_walked_newest_first_by_cursor_without_its_copies(DatabaseEngine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var store = await db.OpenAsync();
        var sport = new List<long>();
        for (int i = 0; i < 9; i++)
        {
            var category = i % 3 == 0 ? NewsCategory.Idman : NewsCategory.Siyaset;
            long id = await AddAsync(store, i, category);
            if (category == NewsCategory.Idman) sport.Add(id);
        }
        long copy = await AddAsync(store, 20, NewsCategory.Idman);
        await store.Copies.LinkAsync(new CopyLink(copy, sport[0], CopyEvidence.Credited, 0.9), Ct);

        var seen = new List<long>();
        ArticleCursor? older = null;
        do
        {
            var page = await store.Articles.BrowseAsync(new ArticleBrowse(Category: NewsCategory.Idman), older, 2, Ct);
            Assert.InRange(page.Items.Count, 1, 2);
            seen.AddRange(page.Items.Select(a => a.Id));
            older = page.Older;
        }
        while (older is not null);
        Assert.Equal(sport.AsEnumerable().Reverse(), seen);
        Assert.Empty((await store.Articles.BrowseAsync(new ArticleBrowse(Category: NewsCategory.Texnologiya), null, 10, Ct)).Items);

        var categories = await store.Categories.OfManyAsync([sport[0], sport[1] + 1, copy, 999_999], Ct);
        Assert.Equal(NewsCategory.Idman, categories[sport[0]]);
        Assert.Equal(NewsCategory.Siyaset, categories[sport[1] + 1]);
        Assert.Equal(3, categories.Count);
        Assert.Empty(await store.Categories.OfManyAsync([], Ct));
    }
}
