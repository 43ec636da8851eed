using System.Globalization;
using Icmal.Analysis;
using Icmal.Model;
using Icmal.Storage;
using Icmal.Tests.Support;
using Icmal.Text.Categories;

namespace Icmal.Tests.Storage;

/// <summary>article_categories on both engines: the source's section wins, the classifier fills in, the catch-up finds the rest.</summary>
public sealed class CategoryStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<long> AddAsync(Stores store, string title, string? section, string? url)
    {
        string text = title + " barədə ətraflı məlumat verilib.";
        byte[] raw = System.Text.Encoding.UTF8.GetBytes(text + url);
        var article = new Article
        {
            Id = 0, DocumentId = 0, Origin = url ?? title, Url = url, Title = title, Section = section,
            Archived = new DateTimeOffset(2025, 11, 20, 10, 0, 0, TimeSpan.Zero),
            Blocks = [new ArticleBlock(BlockKind.Paragraph, text)],
        };
        return (await store.Articles.AddAsync(new NewDocument(Hashing.Sha256Hex(raw), url ?? title, url, "text", "utf-8", raw, article.Archived), article, Ct)).ArticleId;
    }

    [Theory, ClassData(typeof(BothEngines))]
    public async Task Catch_up_takes_the_source_section_then_the_path_then_the_classifier(DatabaseEngine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var store = await db.OpenAsync();
        long bySection = await AddAsync(store, "Prezident İlham Əliyev Rumıniya Senatının sədrini qəbul edib", "Спорт", "https://example.az/news/1");
        long byPath = await AddAsync(store, "Prezident nazirləri qəbul edib", null, "https://example.az/az/iqtisadiyyat/2-prezident");
        long byClassifier = await AddAsync(store, "Prezident İlham Əliyev Rumıniya Parlamenti Senatının sədrini qəbul edib", null, "https://example.az/news/3");

        Assert.Equal(3, await store.Categories.CatchUpAsync(store.Articles, store.ItemErrors, all: false, Ct));
        Assert.Equal(0, await store.Categories.CatchUpAsync(store.Articles, store.ItemErrors, all: false, Ct));

        Assert.Equal(new ArticleCategory(bySection, NewsCategory.Idman, CategoryOrigin.Source, 1), await store.Categories.GetAsync(bySection, Ct));
        Assert.Equal(NewsCategory.Iqtisadiyyat, (await store.Categories.GetAsync(byPath, Ct))!.Category);
        var guessed = (await store.Categories.GetAsync(byClassifier, Ct))!;
        Assert.Equal((NewsCategory.Siyaset, CategoryOrigin.Classifier), (guessed.Category, guessed.Origin));
        Assert.InRange(guessed.Confidence, 0.0, 1.0);

        await store.Categories.SetAsync(byClassifier, new CategoryAssignment(NewsCategory.Dunya, CategoryOrigin.Source, 1), Ct);
        Assert.Equal(NewsCategory.Dunya, (await store.Categories.GetAsync(byClassifier, Ct))!.Category);
        Assert.Equal(3, await store.Categories.CatchUpAsync(store.Articles, store.ItemErrors, all: true, Ct));
        Assert.Equal(NewsCategory.Siyaset, (await store.Categories.GetAsync(byClassifier, Ct))!.Category);
        var counts = await store.Categories.CountsAsync(Ct);
        Assert.Equal(1, counts[NewsCategory.Idman]);
        Assert.Null(await store.Categories.GetAsync(999_999, Ct));
    }

    [Theory, ClassData(typeof(BothEngines))]
    public async Task Opening_categorises_a_few_waiting_articles_but_leaves_a_large_archive_to_the_command(DatabaseEngine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var store = await db.OpenAsync();
        // Stored by the store alone (as a bulk import or an older İcmal stores them): no stage has categorised them.
        await store.Articles.AddManyAsync(Items(0, 3), Ct);
        store = await db.OpenAsync();
        Assert.Equal(0, await store.Categories.CountMissingUpToAsync(100, Ct));

        int large = ArticleFactsWriter.OpenCatchUpLimit + 1;
        foreach (var batch in Items(3, large).Chunk(1_000)) await store.Articles.AddManyAsync(batch, Ct);
        store = await db.OpenAsync();
        Assert.Equal(large, await store.Categories.CountMissingUpToAsync(large + 10, Ct));
        int done = await store.Categories.CatchUpAsync(store.Articles, store.ItemErrors, all: false, Ct);
        // An article the catch-up could not categorise is logged, not counted: say which and why (once seen 10,000 under
        // a full parallel run, not again alone).
        var errors = await store.ItemErrors.ListAsync(null, 5, Ct);
        Assert.True(done == large, $"categorised {done} of {large}; item errors: {string.Join(" | ", errors.Select(e => $"{e.Origin} {e.Stage}: {e.Reason}"))}");
    }

    private static List<(NewDocument, Article, SearchDocument)> Items(int first, int count)
    {
        var items = new List<(NewDocument, Article, SearchDocument)>(count);
        for (int i = first; i < first + count; i++)
        {
            string text = string.Create(CultureInfo.InvariantCulture, $"Bakıda keçirilən {i} nömrəli tədbirdə iqtisadiyyat müzakirə edilib.");
            byte[] raw = System.Text.Encoding.UTF8.GetBytes(text);
            var article = new Article
            {
                Id = 0, DocumentId = 0, Origin = "https://example.az/" + i.ToString(CultureInfo.InvariantCulture), Title = "Xəbər " + i.ToString(CultureInfo.InvariantCulture),
                Archived = new DateTimeOffset(2025, 11, 20, 10, 0, 0, TimeSpan.Zero).AddSeconds(i), Blocks = [new ArticleBlock(BlockKind.Paragraph, text)],
            };
            items.Add((new NewDocument(Hashing.Sha256Hex(raw), article.Origin, article.Origin, "text", "utf-8", raw, article.Archived), article, SearchDocument.Of(article)));
        }
        return items;
    }
}
