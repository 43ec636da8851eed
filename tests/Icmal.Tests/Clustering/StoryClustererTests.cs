using Icmal.Model;
using Icmal.Ingest.Stages;
using Icmal.Clustering;
using Icmal.Storage;
using Icmal.Tests.Support;
using Icmal.Ingest;
using Icmal.Import;

namespace Icmal.Tests.Clustering;

public sealed class StoryClustererTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateTimeOffset Day = new(2025, 10, 21, 12, 0, 0, TimeSpan.FromHours(4));

    [Fact]
    public void Inflected_forms_of_one_name_count_as_one_term()
    {
        var terms = StoryTerms.Extract("", "Qazaxıstana Qazaxıstanın Qazaxıstanla Qazaxıstanda");
        Assert.Equal(4, Assert.Single(terms).Value);
        Assert.Equal("qazaxı", terms.Keys.Single());
    }

    [Fact]
    public void Articles_about_one_event_join_one_story_and_another_event_starts_its_own()
    {
        var c = new StoryClusterer();
        var a = c.Assign(new ClusterInput(1, "Bakıda metro stansiyası açıldı", "Bakı metropoliteninin yeni stansiyası sərnişinlərin istifadəsinə verilib. Stansiya Xətai rayonunda yerləşir.", Day));
        var b = c.Assign(new ClusterInput(2, "Yeni metro stansiyası sərnişin qəbul edir", "Bakı metropoliteni yeni stansiyanın açıldığını bildirib. Xətai rayonundakı stansiya gündə minlərlə sərnişinə xidmət edəcək.", Day.AddHours(2)));
        var other = c.Assign(new ClusterInput(3, "Neft qiymətləri bahalaşıb", "Brent markalı neftin bir barrelinin qiyməti dünya bazarlarında artıb, OPEC hasilatı azaldıb.", Day.AddHours(3)));

        Assert.True(a.IsNew);
        Assert.False(b.IsNew);
        Assert.Equal(a.StoryKey, b.StoryKey);
        Assert.True(other.IsNew);
        Assert.NotEqual(a.StoryKey, other.StoryKey);
    }

    [Fact]
    public void A_story_closes_once_its_window_has_passed()
    {
        var c = new StoryClusterer(window: TimeSpan.FromDays(3));
        const string text = "Bakı metropoliteninin yeni stansiyası sərnişinlərin istifadəsinə verilib.";
        var first = c.Assign(new ClusterInput(1, "Metro stansiyası açıldı", text, Day));
        var muchLater = c.Assign(new ClusterInput(2, "Metro stansiyası açıldı", text, Day.AddDays(10)));
        Assert.NotEqual(first.StoryKey, muchLater.StoryKey);
    }

    [Fact]
    public async Task The_five_seeds_form_one_story_and_a_restart_clusters_what_was_left_unclustered()
    {
        await using var h = await ImportHarness.CreateAsync();
        var pipeline = await IngestPipeline.OpenAsync(h.Store, Ct);
        var importer = new Icmal.Ingest.Importer(pipeline, new Icmal.Import.ImportOptions());
        string seeds = Path.Combine(h.Files.Path, "seeds");
        Directory.CreateDirectory(seeds);
        foreach (string f in Directory.GetFiles(TestPaths.Samples, "*.txt").Where(f => !Path.GetFileName(f).StartsWith("004", StringComparison.Ordinal)))
            File.Copy(f, Path.Combine(seeds, Path.GetFileName(f)));
        await foreach (var _ in importer.ImportAsync([seeds], Ct)) { }
        Assert.Equal(4, await h.Store.Articles.CountAsync(Ct));

        // The fifth seed passes the stages up to the store and no further, as if the process died before clustering it.
        string fifth = TestPaths.Sample("004");
        var item = IngestItem.For(new IncomingDocument(fifth, DocumentFormat.TextDump, await File.ReadAllBytesAsync(fifth, Ct), DateTimeOffset.UtcNow));
        foreach (var stage in pipeline.Stages.TakeWhile(s => s is not ClusterStage))
            item = (await stage.RunAsync(item, Ct)).Next!;
        Assert.NotNull(item.ArticleId);
        var all = await h.Store.Articles.ListAsync(new ArticleQuery(), Ct);
        Assert.Single(all, a => a.StoryId is null);

        await StoryStage.OpenAsync(h.Store.Stories, Ct);
        all = await h.Store.Articles.ListAsync(new ArticleQuery(), Ct);
        Assert.All(all, a => Assert.NotNull(a.StoryId));
        long story = Assert.Single(all.Select(a => a.StoryId!.Value).Distinct());
        var stored = await h.Store.Stories.GetAsync(story, Ct);
        Assert.Equal(5, stored!.ArticleCount);
        Assert.Equal(5, (await h.Store.Articles.ListByStoryAsync(story, Ct)).Count);
    }
}
