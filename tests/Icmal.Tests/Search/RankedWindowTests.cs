using System.Text;
using Icmal.Analysis;
using Icmal.Model;
using Icmal.Search;
using Icmal.Storage;
using Icmal.Tests.Support;

namespace Icmal.Tests.Search;

/// <summary>
/// The order of a full ranking window (more matches than are ranked, so the SQLite engine reads the sort time and text
/// hash of its best-scored matches only, <see cref="MatchWindow"/>): articles tied on score are ordered newest first
/// even where the ties run past the first batch read, and copies of one text are shown once, by their newest, with
/// the page still filled from the texts after them. On both engines, which must agree.
/// </summary>
public sealed class RankedWindowTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateTimeOffset Start = new(2025, 6, 1, 12, 0, 0, TimeSpan.FromHours(4));

    /// <summary>More tied articles than <see cref="MatchWindow.Batch"/>.</summary>
    private const int Tied = MatchWindow.Batch + 8;

    [Theory, ClassData(typeof(BothEngines))]
    public async Task Articles_tied_on_score_past_the_first_batch_are_ranked_newest_first(DatabaseEngine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var stores = await db.OpenAsync();
        await AddFillerAsync(stores, engine);
        // Stored last (the highest ids), the first stored the newest: the best are the lowest ids of the tied.
        var tied = await AddAsync(stores, Enumerable.Range(0, Tied)
            .Select(i => (Text: $"Naxçıvanda Naxçıvan Naxçıvana məktəb açıldı bu t{i}", At: Start.AddHours(-i))).ToList());

        var first = await PageAsync(stores, 0);
        var across = await PageAsync(stores, MatchWindow.Batch - 5);

        Assert.True(first.TotalEstimated);
        Assert.Equal(tied.Take(10), first.Items.Select(i => i.Id));
        Assert.Equal(tied.Skip(MatchWindow.Batch - 5).Take(10), across.Items.Select(i => i.Id));
    }

    [Theory, ClassData(typeof(BothEngines))]
    public async Task Copies_are_shown_once_by_their_newest_and_the_page_is_filled_from_the_texts_after_them(DatabaseEngine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var stores = await db.OpenAsync();
        await AddFillerAsync(stores, engine);
        // The best text, in more copies than a batch; the newest copy is the first stored.
        var copies = await AddAsync(stores, Enumerable.Range(0, Tied)
            .Select(i => (Text: "Naxçıvanda Naxçıvan Naxçıvana Naxçıvanın açıldı bu gün", At: Start.AddHours(-i))).ToList());
        // Then texts one occurrence lower, tied among themselves past a batch too, the first stored the newest.
        var next = await AddAsync(stores, Enumerable.Range(0, Tied)
            .Select(i => (Text: $"Naxçıvanda Naxçıvan Naxçıvana məktəb açıldı bu d{i}", At: Start.AddDays(-10).AddHours(-i))).ToList());

        var page = await PageAsync(stores, 0);

        Assert.Equal([copies[0], .. next.Take(9)], page.Items.Select(i => i.Id));
        Assert.Equal(Tied - 1, page.Items[0].Copies);
        Assert.All(page.Items.Skip(1), i => Assert.Equal(0, i.Copies));
    }

    private static async Task<SearchResults> PageAsync(Stores stores, int offset)
    {
        var answer = await new Searcher(stores).SearchAsync(new SearchRequest("naxcivan", 10, offset), Ct);
        Assert.Null(answer.Problem);
        return answer.Results!;
    }

    /// <summary>Enough articles with the word once, older ids than the rest, for the window to be full.</summary>
    private static Task<List<long>> AddFillerAsync(Stores stores, DatabaseEngine engine)
    {
        int window = engine == DatabaseEngine.Sqlite ? SqliteFts5SearchEngine.Candidates : PostgreSqlSearchEngine.Candidates;
        return AddAsync(stores, Enumerable.Range(0, window)
            .Select(i => (Text: $"Naxçıvanda məktəb açıldı bu gün səhər f{i}", At: Start.AddDays(-30).AddMinutes(-i))).ToList());
    }

    /// <summary>Articles in one transaction, in order, each sorted at its time (no publication date); their ids.</summary>
    private static async Task<List<long>> AddAsync(Stores stores, List<(string Text, DateTimeOffset At)> articles)
    {
        var items = new List<(NewDocument, Article, SearchDocument)>(articles.Count);
        foreach (var (text, at) in articles)
        {
            string tag = "doc" + items.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) + "-" + at.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
            byte[] raw = Encoding.UTF8.GetBytes(text + " " + tag);
            var article = new Article
            {
                Id = 0, DocumentId = 0, Origin = tag, Title = "Xəbər", Archived = at, Language = "az",
                Blocks = [new ArticleBlock(BlockKind.Paragraph, text)],
            };
            items.Add((new NewDocument(Hashing.Sha256Hex(raw), tag, null, "text", "utf-8", raw, at), article, SearchDocument.Of(article)));
        }
        var stored = await stores.Articles.AddManyAsync(items, Ct);
        Assert.All(stored, s => Assert.Equal(StoreStatus.Stored, s.Status));
        return [.. stored.Select(s => s.ArticleId)];
    }
}
