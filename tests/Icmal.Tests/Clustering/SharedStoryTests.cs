using Icmal.Analysis;
using Icmal.Clustering;
using Icmal.Import;
using Icmal.Ingest;
using Icmal.Model;
using Icmal.Storage;
using Icmal.Tests.Support;

namespace Icmal.Tests.Clustering;

/// <summary>
/// Story assignment by several processes over one archive (issues #16, #17): each process's story stage has its own
/// clusterer in memory, as two crawlers with source leases on one PostgreSQL database, or a crawl beside an import on
/// SQLite, have. Two stores opened on one database are two processes here (their own pools and in-process locks).
/// </summary>
public sealed class SharedStoryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateTimeOffset T = new(2025, 10, 21, 12, 0, 0, TimeSpan.FromHours(4));

    private static readonly string[] Fruits = ["qarpız", "limon", "armud", "heyva", "ərik", "gilas", "əzgil", "zoğal"];
    private static readonly string[] Places = ["bazar", "sahil", "meydan", "körpü", "qala", "bulaq"];

    /// <summary>
    /// A report of event <paramref name="e"/>: words no other event uses (so events never join), the lead the same in
    /// every report of it and the last sentence each site's own.
    /// </summary>
    private static (string Title, string Text) Report(int e, string site)
    {
        var words = Places.Select(p => Fruits[e] + p).ToArray();
        return ($"{words[0]} {words[1]} {words[2]}",
            $"{words[0]} {words[1]} {words[2]} {words[3]}. {words[3]} {words[4]} {words[5]} {words[0]}. {words[1]} {words[4]} {site}.");
    }

    private static async Task<(long Id, AnalysedArticle Analysed)> StoreAsync(Stores store, int e, string site, DateTimeOffset at)
    {
        var (title, text) = Report(e, site);
        byte[] raw = System.Text.Encoding.UTF8.GetBytes(site + "\n" + text);
        var article = new Article
        {
            Id = 0, DocumentId = 0, Origin = "https://" + site + "/" + e, Title = title, Archived = at, Published = at, Language = "az", Site = site,
            Blocks = [new ArticleBlock(BlockKind.Paragraph, text)],
        };
        long id = (await store.Articles.AddAsync(new NewDocument(Hashing.Sha256Hex(raw), article.Origin, null, "text", "utf-8", raw, at), article, Ct)).ArticleId;
        return (id, ArticleAnalyzer.Analyse(article));
    }

    [Theory, ClassData(typeof(BothEngines))]
    public async Task A_report_stored_by_another_process_joins_the_story_the_first_process_started(DatabaseEngine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var one = await db.OpenAsync();
        var two = await db.OpenAsync();
        // Both started before either clustered anything: neither learned the other's stories at start.
        var a = await StoryStage.OpenAsync(one.Stories, Ct);
        var b = await StoryStage.OpenAsync(two.Stories, Ct);

        var first = await StoreAsync(one, 0, "apa.az", T);
        long story = await a.AssignAsync(first.Id, first.Analysed, Ct);
        var other = await StoreAsync(two, 1, "report.az", T.AddMinutes(5));
        long otherStory = await b.AssignAsync(other.Id, other.Analysed, Ct);
        var second = await StoreAsync(two, 0, "report.az", T.AddHours(1));
        Assert.Equal(story, await b.AssignAsync(second.Id, second.Analysed, Ct));
        // And back: the first process learns the second's story too (and what it learned once, it does not learn again).
        var third = await StoreAsync(one, 1, "oxu.az", T.AddHours(2));
        Assert.Equal(otherStory, await a.AssignAsync(third.Id, third.Analysed, Ct));
        var fourth = await StoreAsync(one, 0, "oxu.az", T.AddHours(3));
        Assert.Equal(story, await a.AssignAsync(fourth.Id, fourth.Analysed, Ct));

        Assert.Equal(3, (await one.Stories.GetAsync(story, Ct))!.ArticleCount);
        Assert.Equal(2, (await one.Stories.GetAsync(otherStory, Ct))!.ArticleCount);
        Assert.Equal(4, a.SeenThrough);
    }

    [Theory, ClassData(typeof(BothEngines))]
    public async Task Two_imports_into_one_archive_put_one_event_into_one_story(DatabaseEngine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        using var files = new TempFolder();
        var one = await db.OpenAsync();
        var two = await db.OpenAsync();
        var first = new Importer(await IngestPipeline.OpenAsync(one, Ct), new ImportOptions());
        var second = new Importer(await IngestPipeline.OpenAsync(two, Ct), new ImportOptions());
        string File(string name, int e, string site)
        {
            var (title, text) = Report(e, site);
            string path = Path.Combine(files.Path, name);
            System.IO.File.WriteAllText(path, System.Text.Json.JsonSerializer.Serialize(new[] { new { title, text, date = "2025-10-21T12:00:00+04:00" } }));
            return path;
        }
        await foreach (var _ in first.ImportAsync([File("a.json", 2, "apa.az")], Ct)) { }
        await foreach (var _ in second.ImportAsync([File("b.json", 2, "report.az")], Ct)) { }

        var all = await one.Articles.ListAsync(new ArticleQuery(), Ct);
        Assert.Equal(2, all.Count);
        Assert.Single(all.Select(x => x.StoryId).Distinct());
        Assert.NotNull(all[0].StoryId);
    }

    [Theory, ClassData(typeof(BothEngines))]
    public async Task Concurrent_batches_of_two_processes_never_start_two_stories_for_one_event(DatabaseEngine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var one = await db.OpenAsync();
        var two = await db.OpenAsync();
        var a = await StoryStage.OpenAsync(one.Stories, Ct);
        var b = await StoryStage.OpenAsync(two.Stories, Ct);
        for (int e = 0; e < Fruits.Length; e++)
        {
            // Each process holds a report of the same event, and both cluster it at the same moment.
            var x = await StoreAsync(one, e, "apa.az", T.AddHours(e));
            var y = await StoreAsync(two, e, "report.az", T.AddHours(e).AddMinutes(1));
            using var go = new ManualResetEventSlim();
            var ta = Task.Run(async () => { go.Wait(Ct); return await a.AssignAsync(x.Id, x.Analysed, Ct); }, Ct);
            var tb = Task.Run(async () => { go.Wait(Ct); return await b.AssignAsync(y.Id, y.Analysed, Ct); }, Ct);
            go.Set();
            long[] stories = await Task.WhenAll(ta, tb);
            Assert.True(stories[0] == stories[1], $"event {e}: stories {stories[0]} and {stories[1]}");
            Assert.Equal(2, (await one.Stories.GetAsync(stories[0], Ct))!.ArticleCount);
        }
    }

    [Theory, ClassData(typeof(BothEngines))]
    public async Task A_restarted_process_learns_at_start_and_after_what_another_process_clustered(DatabaseEngine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var one = await db.OpenAsync();
        var two = await db.OpenAsync();
        var b = await StoryStage.OpenAsync(two.Stories, Ct);
        var early = await StoreAsync(two, 3, "apa.az", T);
        long earlyStory = await b.AssignAsync(early.Id, early.Analysed, Ct);
        // A stored but unclustered report (a process killed before clustering it) of the same event.
        var left = await StoreAsync(two, 3, "report.az", T.AddMinutes(30));

        var a = await StoryStage.OpenAsync(one.Stories, Ct); // the restart: warms, then clusters what was left
        Assert.Equal(earlyStory, (await one.Articles.GetAsync(left.Id, Ct))!.StoryId);
        var late = await StoreAsync(two, 4, "apa.az", T.AddHours(1));
        long lateStory = await b.AssignAsync(late.Id, late.Analysed, Ct);
        Assert.Equal(earlyStory, await b.AssignAsync(left.Id, left.Analysed, Ct)); // already clustered by the restart: stays
        var follow = await StoreAsync(one, 4, "oxu.az", T.AddHours(2));
        Assert.Equal(lateStory, await a.AssignAsync(follow.Id, follow.Analysed, Ct));
        var again = await StoreAsync(one, 3, "oxu.az", T.AddHours(2));
        Assert.Equal(earlyStory, await a.AssignAsync(again.Id, again.Analysed, Ct));
        Assert.Equal(3, (await one.Stories.GetAsync(earlyStory, Ct))!.ArticleCount);
    }
}
