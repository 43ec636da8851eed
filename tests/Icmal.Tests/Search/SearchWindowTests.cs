using System.Globalization;
using System.Text;
using Icmal.Analysis;
using Icmal.Model;
using Icmal.Search;
using Icmal.Storage;
using Icmal.Tests.Support;

namespace Icmal.Tests.Search;

/// <summary>
/// A common word fills the ranking window (more matches than are ranked): the page is still made of distinct texts
/// (copies of the best ranked text folded into one result even when they fill the first batch whose sort times and
/// hashes are read), and the total is an estimate, flagged as one, never below what the window holds.
/// </summary>
public sealed class SearchWindowTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>More than either engine's window (1,000 matches) holds.</summary>
    private const int Articles = 1_150;

    /// <summary>Copies of the best ranked text among the newest: more than the first batch of details read.</summary>
    private const int Copies = 150;

    [Theory, ClassData(typeof(BothEngines))]
    public async Task Copies_filling_the_first_batch_fold_into_one_result_and_the_page_still_fills(DatabaseEngine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var stores = await db.OpenAsync();
        var items = new List<(NewDocument, Article, SearchDocument)>();
        for (int i = 0; i < Articles; i++)
        {
            // The newest articles are copies of one text that names Qarabağ in its title and thrice in a short text.
            bool copy = i >= Articles - Copies;
            string title = copy ? "Qarabağ Qarabağ" : "Xəbər " + i.ToString(CultureInfo.InvariantCulture);
            string text = copy
                ? "Qarabağ Qarabağ Qarabağ."
                : string.Create(CultureInfo.InvariantCulture, $"Qarabağda {i} nömrəli kənd salınıb, sakinlər köçür; {new string('a', 1 + i % 40)} tikinti davam edir.");
            items.Add(Item(i, title, text));
        }
        foreach (var batch in items.Chunk(200)) await stores.Articles.AddManyAsync(batch, Ct);

        var searcher = new Searcher(stores);
        var first = (await searcher.SearchAsync(new SearchRequest("Qarabağ", 20), Ct)).Results!;
        var second = (await searcher.SearchAsync(new SearchRequest("Qarabağ", 20, 20), Ct)).Results!;

        Assert.Equal(20, first.Items.Count);
        Assert.Equal(20, second.Items.Count);
        var titles = first.Items.Concat(second.Items).Select(i => i.Title).ToList();
        Assert.Equal("Qarabağ Qarabağ", titles[0]);
        Assert.Equal(titles.Count, titles.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(Copies - 1, first.Items[0].Copies);
        Assert.True(first.TotalEstimated);
        Assert.InRange(first.Total, 900, 2 * Articles);
    }

    [Theory, ClassData(typeof(BothEngines))]
    public async Task Equal_scores_past_the_first_batch_still_go_newest_first(DatabaseEngine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var stores = await db.OpenAsync();
        // Every text scores alike; the later stored ones are the older by date, so an order by id alone is wrong.
        var items = new List<(NewDocument, Article, SearchDocument)>();
        for (int i = 0; i < Articles; i++)
        {
            string n = i.ToString(CultureInfo.InvariantCulture);
            items.Add(Item(i, "Xəbər " + n, $"Qarabağda {n} nömrəli kənd salınıb.", minutes: -i));
        }
        foreach (var batch in items.Chunk(200)) await stores.Articles.AddManyAsync(batch, Ct);

        var page = (await new Searcher(stores).SearchAsync(new SearchRequest("Qarabağ", 20), Ct)).Results!;

        // The window is the newest 1,000 stored (the last 1,000 ids); of them, the newest by date come first.
        int oldestInWindow = Articles - 1_000;
        Assert.Equal(Enumerable.Range(oldestInWindow, 20).Select(i => "Xəbər " + i.ToString(CultureInfo.InvariantCulture)),
            page.Items.Select(i => i.Title));
    }

    private static (NewDocument, Article, SearchDocument) Item(int i, string title, string text, int? minutes = null)
    {
        string origin = "https://example.az/" + i.ToString(CultureInfo.InvariantCulture);
        byte[] raw = Encoding.UTF8.GetBytes(origin + "\n" + text);
        var archived = new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.Zero).AddMinutes(minutes ?? i);
        var article = new Article
        {
            Id = 0, DocumentId = 0, Origin = origin, Url = origin, Title = title, Archived = archived, Language = "az",
            Blocks = [new ArticleBlock(BlockKind.Paragraph, text)],
        };
        return (new NewDocument(Hashing.Sha256Hex(raw), origin, origin, "text", "utf-8", raw, archived), article, SearchDocument.Of(article));
    }
}
