using Icmal.Model;
using Icmal.Storage;
using Icmal.Tests.Support;

namespace Icmal.Tests.Storage;

/// <summary>A day's stories ranked like a front page, and listings that fold copies, against a real SQLite file.</summary>
public sealed class StoryRankingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // 21 October 2025 in Baku runs from 20 October 20:00 UTC to 21 October 20:00 UTC.
    private static readonly DateTimeOffset Oct21 = new(2025, 10, 21, 0, 0, 0, StoryDays.Offset);

    /// <summary>An article of a site, in the given story (a new one when null); shared with FrontPageStoriesTests.</summary>
    internal static async Task<long> AddAsync(Stores store, string title, string? site, DateTimeOffset published, long? story = null)
    {
        byte[] raw = System.Text.Encoding.UTF8.GetBytes(title + site);
        var article = new Article
        {
            Id = 0, DocumentId = 0, Origin = title + site, Title = title, Site = site, Published = published, Archived = published.AddMinutes(5),
            Blocks = [new ArticleBlock(BlockKind.Paragraph, title + " mətni")],
        };
        long id = (await store.Articles.AddAsync(new NewDocument(Hashing.Sha256Hex(raw), title + site, null, "text", "utf-8", raw, published.AddMinutes(5)), article, Ct)).ArticleId;
        await store.Stories.AssignAsync(id, story, title, published, Ct);
        return id;
    }

    internal static async Task<long> StoryOfAsync(Stores store, long articleId) => (await store.Articles.GetAsync(articleId, Ct))!.StoryId!.Value;

    [Theory, ClassData(typeof(BothEngines))]
    public async Task A_days_stories_rank_by_distinct_sources_then_latest_report_with_their_sites_earliest_first(DatabaseEngine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var store = await db.OpenAsync();
        // Three sites, one of them twice: three sources.
        long wide = await StoryOfAsync(store, await AddAsync(store, "Sammit", "report.az", Oct21.AddHours(9)));
        await AddAsync(store, "Sammit 2", "apa.az", Oct21.AddHours(8), wide);
        await AddAsync(store, "Sammit 3", "report.az", Oct21.AddHours(10), wide);
        await AddAsync(store, "Sammit 4", "oxu.az", Oct21.AddHours(11), wide);
        // Two sources each: the one reported later ranks first.
        long early = await StoryOfAsync(store, await AddAsync(store, "Büdcə", "apa.az", Oct21.AddHours(7)));
        await AddAsync(store, "Büdcə 2", "trend.az", Oct21.AddHours(8), early);
        long late = await StoryOfAsync(store, await AddAsync(store, "Hava", "apa.az", Oct21.AddHours(15)));
        await AddAsync(store, "Hava 2", "trend.az", Oct21.AddHours(16), late);
        // One source, a minute before the day ends in Baku (20:59 UTC the day before is still 21 October there).
        long single = await StoryOfAsync(store, await AddAsync(store, "Gecə", "sherg.az", Oct21.AddHours(23).AddMinutes(59)));
        // The day before and the day after.
        await AddAsync(store, "Dünən", "apa.az", Oct21.AddMinutes(-1));
        await AddAsync(store, "Sabah", "apa.az", Oct21.AddDays(1).AddHours(1));

        var page = await store.Stories.RankDayAsync(new StoryDayQuery(new DateOnly(2025, 10, 21)), Ct);

        Assert.Equal(new DateOnly(2025, 10, 21), page.Day);
        Assert.Equal([wide, late, early, single], page.Items.Select(s => s.Story.Id));
        Assert.Equal(4, page.Total);
        Assert.Equal(["apa.az", "report.az", "oxu.az"], page.Items[0].Sources);
        Assert.Equal(4, page.Items[0].Story.ArticleCount);
        Assert.Equal(Oct21.AddHours(8), page.Items[0].Story.FirstSeen);
        Assert.Equal(Oct21.AddHours(11), page.Items[0].Story.LastSeen);
        Assert.Equal(new DateOnly(2025, 10, 20), page.EarlierDay);
        Assert.Equal(new DateOnly(2025, 10, 22), page.LaterDay);

        var second = await store.Stories.RankDayAsync(new StoryDayQuery(new DateOnly(2025, 10, 21), Limit: 3, Offset: 3), Ct);
        Assert.Equal([single], second.Items.Select(s => s.Story.Id));
        Assert.Equal(4, second.Total);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    [Theory, ClassData(typeof(BothEngines))]
    public async Task Without_a_day_the_latest_day_with_stories_is_listed_and_a_story_that_goes_on_is_on_each_of_its_days(DatabaseEngine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var store = await db.OpenAsync();
        Assert.Equal(new StoryDayPage(null, [], 0, 0, null, null), await store.Stories.RankDayAsync(new StoryDayQuery(), Ct));

        long story = await StoryOfAsync(store, await AddAsync(store, "Seçki", "apa.az", Oct21.AddHours(12)));
        await AddAsync(store, "Seçki nəticələri", "report.az", Oct21.AddDays(2).AddHours(9), story);
        long other = await StoryOfAsync(store, await AddAsync(store, "Futbol", "apa.az", Oct21.AddDays(1).AddHours(9)));

        var latest = await store.Stories.RankDayAsync(new StoryDayQuery(), Ct);
        Assert.Equal(new DateOnly(2025, 10, 23), latest.Day);
        Assert.Equal([story], latest.Items.Select(s => s.Story.Id));
        Assert.Equal(new DateOnly(2025, 10, 22), latest.EarlierDay);
        Assert.Null(latest.LaterDay);
        Assert.Equal([other], (await store.Stories.RankDayAsync(new StoryDayQuery(new DateOnly(2025, 10, 22)), Ct)).Items.Select(s => s.Story.Id));
        Assert.Equal([story], (await store.Stories.RankDayAsync(new StoryDayQuery(new DateOnly(2025, 10, 21)), Ct)).Items.Select(s => s.Story.Id));

        var quiet = await store.Stories.RankDayAsync(new StoryDayQuery(new DateOnly(2025, 10, 30)), Ct);
        Assert.Equal(0, quiet.Total);
        Assert.Empty(quiet.Items);
        Assert.Equal(new DateOnly(2025, 10, 23), quiet.EarlierDay);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    [Theory, ClassData(typeof(BothEngines))]
    public async Task Listing_originals_only_leaves_out_copies_on_every_kind_of_page_and_links_read_both_ways(DatabaseEngine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var store = await db.OpenAsync();
        var ids = new List<long>();
        for (int i = 0; i < 12; i++) ids.Add(await AddAsync(store, $"Xəbər {i}", "apa.az", Oct21.AddMinutes(i)));
        // Every third article copies the one before it.
        var copies = ids.Where((_, i) => i % 3 == 2).ToHashSet();
        foreach (long copy in copies) await store.Copies.LinkAsync(new CopyLink(copy, copy - 1, CopyEvidence.SameText, 1), Ct);
        var originals = ids.Where(id => !copies.Contains(id)).Reverse().ToList();

        var seen = new List<long>();
        var page = await store.Articles.ListPageAsync(new ArticlePageQuery(3, OriginalsOnly: true), Ct);
        seen.AddRange(page.Items.Select(a => a.Id));
        while (page.Older is { } older)
        {
            page = await store.Articles.ListPageAsync(new ArticlePageQuery(3, Older: older, OriginalsOnly: true), Ct);
            seen.AddRange(page.Items.Select(a => a.Id));
        }
        Assert.Equal(originals, seen);
        Assert.Equal(originals.Skip(3).Take(3), (await store.Articles.ListPageAsync(new ArticlePageQuery(3, Offset: 3, OriginalsOnly: true), Ct)).Items.Select(a => a.Id));
        var back = await store.Articles.ListPageAsync(new ArticlePageQuery(3, Newer: new ArticleCursor(Oct21, originals[^1]), OriginalsOnly: true), Ct);
        Assert.Equal(originals.Skip(originals.Count - 4).Take(3), back.Items.Select(a => a.Id));
        Assert.Equal(12, (await store.Articles.ListPageAsync(new ArticlePageQuery(100), Ct)).Items.Count);

        var links = await store.Copies.LinksOfManyAsync([ids[1], ids[2], ids[0]], Ct);
        Assert.Equal([ids[2]], links[ids[1]].CopyIds);
        Assert.Null(links[ids[1]].OriginalId);
        Assert.Equal(ids[1], links[ids[2]].OriginalId);
        Assert.Empty(links[ids[2]].CopyIds);
        Assert.False(links.ContainsKey(ids[0]));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
