using Icmal.Model;
using Icmal.Storage;
using Icmal.Tests.Support;

namespace Icmal.Tests.Storage;

/// <summary>
/// What the front and article pages read (issue #19), on both engines: the top stories of the last day before the
/// latest report, a story's newest reports as headlines, a story's articles by the story index, and the archive stamp.
/// </summary>
public sealed class FrontPageStoriesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateTimeOffset Oct21 = new(2025, 10, 21, 0, 0, 0, StoryDays.Offset);

    private static Task<long> AddAsync(Stores store, string title, string site, DateTimeOffset published, long? story = null) =>
        StoryRankingTests.AddAsync(store, title, site, published, story);

    private static Task<long> StoryOfAsync(Stores store, long articleId) => StoryRankingTests.StoryOfAsync(store, articleId);

    [Theory, ClassData(typeof(BothEngines))]
    public async Task Top_stories_are_the_last_days_widest_and_a_storys_reports_come_newest_first(DatabaseEngine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var store = await db.OpenAsync();
        Assert.Empty(await store.Stories.RankRecentAsync(TimeSpan.FromHours(24), 5, Ct));
        Assert.Equal(new ArchiveStamp(0, 0), await ArchiveStamp.ReadAsync(store.Database, Ct));

        // Two days before the latest report: out of the window however wide it was.
        long old = await StoryOfAsync(store, await AddAsync(store, "Köhnə", "apa.az", Oct21.AddHours(1)));
        await AddAsync(store, "Köhnə 2", "oxu.az", Oct21.AddHours(2), old);
        await AddAsync(store, "Köhnə 3", "trend.az", Oct21.AddHours(3), old);
        long wide = await StoryOfAsync(store, await AddAsync(store, "Sammit", "report.az", Oct21.AddHours(50)));
        long apa = await AddAsync(store, "Sammit 2", "apa.az", Oct21.AddHours(52), wide);
        long oxu = await AddAsync(store, "Sammit 3", "oxu.az", Oct21.AddHours(54), wide);
        long two = await StoryOfAsync(store, await AddAsync(store, "Hava", "apa.az", Oct21.AddHours(60)));
        await AddAsync(store, "Hava 2", "trend.az", Oct21.AddHours(61), two);
        // One article: no top story.
        long alone = await AddAsync(store, "Tək", "sherg.az", Oct21.AddHours(62));

        var top = await store.Stories.RankRecentAsync(TimeSpan.FromHours(24), 5, Ct);
        Assert.Equal([wide, two], top.Select(s => s.Story.Id));
        Assert.Equal(["report.az", "apa.az", "oxu.az"], top[0].Sources);
        Assert.Equal([wide], (await store.Stories.RankRecentAsync(TimeSpan.FromHours(24), 1, Ct)).Select(s => s.Story.Id));

        var reports = await store.Stories.HeadlinesAsync(wide, 2, Ct);
        Assert.Equal([oxu, apa], reports.Select(r => r.Id));
        Assert.Equal(new ArticleHeadline(oxu, "Sammit 3", "oxu.az", null, Oct21.AddHours(54)), reports[0] with { At = reports[0].At.ToOffset(StoryDays.Offset) });
        Assert.Equal(["Sammit 3", "Sammit 2", "Sammit"], (await store.Articles.ListAsync(new ArticleQuery(10, 0, wide), Ct)).Select(a => a.Title));
        Assert.Equal(9, (await store.Articles.ListAsync(new ArticleQuery(10), Ct)).Count);

        var stamp = await ArchiveStamp.ReadAsync(store.Database, Ct);
        Assert.Equal(alone, stamp.LatestArticle);
        await AddAsync(store, "Yeni", "apa.az", Oct21.AddHours(63));
        Assert.NotEqual(stamp, await ArchiveStamp.ReadAsync(store.Database, Ct));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
