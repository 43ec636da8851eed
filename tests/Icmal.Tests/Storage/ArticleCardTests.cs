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

    [Theory, ClassData(typeof(BothEngines))]
    public async Task The_copies_of_a_page_of_originals_come_in_one_read_as_the_links_and_cards_give_them(DatabaseEngine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var store = await db.OpenAsync();
        const string title = "Bakıda yeni metro stansiyası açılıb";
        IReadOnlyList<ArticleBlock> blocks = [new(BlockKind.Paragraph, "Stansiya istifadəyə verilib.")];
        long first = await AddAsync(store, 0, blocks, title), second = await AddAsync(store, 1, blocks, title), alone = await AddAsync(store, 2, blocks, title);
        // Copies archived out of id order: each original's come oldest first.
        long late = await AddAsync(store, 9, blocks, title), early = await AddAsync(store, 5, blocks, title), other = await AddAsync(store, 7, blocks, title);
        await store.Copies.LinkAsync(new CopyLink(late, first, CopyEvidence.SameText, 1), Ct);
        await store.Copies.LinkAsync(new CopyLink(early, first, CopyEvidence.Credited, 0.9), Ct);
        await store.Copies.LinkAsync(new CopyLink(other, second, CopyEvidence.NearCopy, 0.8), Ct);

        long[] originals = [first, second, alone];
        var read = await store.Articles.CopiesOfOriginalsAsync(originals, Ct);
        var links = await store.Copies.LinksOfManyAsync(originals, Ct);
        Assert.Equal(links.Values.SelectMany(l => l.Copies).OrderBy(l => l.OriginalId), read.Select(r => r.Link).OrderBy(l => l.OriginalId));
        Assert.Equal([early, late], read.Where(r => r.Link.OriginalId == first).Select(r => r.Copy.Id));
        var cards = await store.Articles.GetCardsAsync([late, early, other], Ct);
        foreach (var (link, copy) in read)
        {
            Assert.Equal(link.ArticleId, copy.Id);
            Assert.Equal(cards[copy.Id] with { Authors = [], Tags = [], Blocks = [] }, copy with { Authors = [], Tags = [], Blocks = [] });
            Assert.Equal(cards[copy.Id].Blocks, copy.Blocks);
        }
        Assert.Empty(await store.Articles.CopiesOfOriginalsAsync([alone], Ct));
        Assert.Empty(await store.Articles.CopiesOfOriginalsAsync([], Ct));
    }
}
