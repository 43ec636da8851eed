using Icmal.Model;
using Icmal.Storage;
using Icmal.Tests.Support;
using Icmal.Text.Categories;

namespace Icmal.Tests.Storage;

/// <summary>
/// The cards' read path (<see cref="ArticleStore.BrowseCardsAsync"/>, <see cref="ArticleStore.GetCardsAsync"/>) on
/// both engines: the same articles, cursors and fields as the full read, with the lead (the first paragraph that is not
/// the headline) as the only block.
/// </summary>
public sealed class ArticleCardTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateTimeOffset Start = new(2025, 11, 20, 10, 0, 0, TimeSpan.Zero);

    private static async Task<long> AddAsync(Stores store, int i, IReadOnlyList<ArticleBlock> blocks, string title)
    {
        byte[] raw = System.Text.Encoding.UTF8.GetBytes(title + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var article = new Article
        {
            Id = 0, DocumentId = 0, Origin = title, Title = title, Archived = Start.AddHours(i), Published = Start.AddHours(i), Site = "example.az",
            Authors = ["Aynur Məmmədova"], Tags = ["siyasət"], Blocks = blocks,
        };
        long id = (await store.Articles.AddAsync(new NewDocument(Hashing.Sha256Hex(raw), title, null, "text", "utf-8", raw, article.Archived), article, Ct)).ArticleId;
        await store.Categories.SetAsync(id, new CategoryAssignment(NewsCategory.Siyaset, CategoryOrigin.Source, 1), Ct);
        return id;
    }

    [Theory, ClassData(typeof(BothEngines))]
    public async Task A_card_holds_its_lead_only_and_everything_else_as_the_full_read(DatabaseEngine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var store = await db.OpenAsync();
        const string title = "Milli Məclis \"büdcə\" layihəsini qəbul edib";
        const string lead = "Parlament <b>2026-cı il</b> üçün büdcəni ikinci oxunuşda qəbul edib: \"lehinə\" 92 səs, əleyhinə 3 səs. İ ı Ə ə \\ / ✓";
        var cases = new (IReadOnlyList<ArticleBlock> Blocks, ArticleBlock? Lead)[]
        {
            // A heading and the headline repeated as a paragraph come before the lead; the rest is never decoded.
            ([new(BlockKind.Heading, "Siyasət"), new(BlockKind.Paragraph, title), new(BlockKind.Paragraph, lead), new(BlockKind.Paragraph, "Ardı.")],
                new ArticleBlock(BlockKind.Paragraph, lead)),
            ([new(BlockKind.Quote, "Sitat"), new(BlockKind.ListItem, "Bənd"), new(BlockKind.Paragraph, "İkinci abzas.")], new ArticleBlock(BlockKind.Paragraph, "İkinci abzas.")),
            ([new(BlockKind.Heading, "Yalnız başlıq"), new(BlockKind.TableRow, "a | b")], null),
            ([new(BlockKind.Paragraph, title)], null),
            ([], null),
        };
        var ids = new List<long>();
        for (int i = 0; i < cases.Length; i++) ids.Add(await AddAsync(store, i, cases[i].Blocks, title));

        var full = await store.Articles.BrowseAsync(new ArticleBrowse(Category: NewsCategory.Siyaset), null, 3, Ct);
        var cards = await store.Articles.BrowseCardsAsync(new ArticleBrowse(Category: NewsCategory.Siyaset), null, 3, Ct);
        Assert.Equal(full.Older, cards.Older);
        var older = await store.Articles.BrowseCardsAsync(new ArticleBrowse(Category: NewsCategory.Siyaset), cards.Older, 3, Ct);
        Assert.Null(older.Older);
        var byId = (await store.Articles.GetCardsAsync(ids, Ct)).Values.Concat(cards.Items).Concat(older.Items).ToList();
        Assert.Equal(ids.Count * 2, byId.Count);
        var whole = await store.Articles.GetManyAsync(ids, Ct);
        foreach (var card in byId)
        {
            int i = ids.IndexOf(card.Id);
            Assert.Equal(cases[i].Lead is { } l ? [l] : [], card.Blocks);
            Assert.Equal(whole[card.Id] with { Blocks = card.Blocks }, card with { Authors = whole[card.Id].Authors, Tags = whole[card.Id].Tags });
            Assert.Equal(whole[card.Id].Authors, card.Authors);
            Assert.Equal(whole[card.Id].Tags, card.Tags);
        }
        Assert.Empty(await store.Articles.GetCardsAsync([], Ct));
    }
}
