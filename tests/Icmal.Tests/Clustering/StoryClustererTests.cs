using Icmal.Model;
using Icmal.Ingest.Stages;
using Icmal.Analysis;
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

    /// <summary>An Azerbaijani article as the pipeline hands it to clustering: its terms from analysis.</summary>
    private static ClusterInput Input(long id, string title, string text, DateTimeOffset? time) => new(id, ArticleAnalyzer.Terms(title, text, "az"), time);

    [Fact]
    public void Inflected_forms_of_one_name_count_as_one_term_its_stem()
    {
        var terms = StoryTerms.Extract(ArticleAnalyzer.Terms("", "Qazaxıstana Qazaxıstanın Qazaxıstanla Qazaxıstanda", "az"));
        Assert.Equal(4, Assert.Single(terms).Value);
        Assert.Equal("qazaxıstan", terms.Keys.Single());
    }

    [Fact]
    public void Articles_sharing_words_only_in_other_inflections_join_one_story()
    {
        // Every word the two share is inflected differently, and the forms part within their first six letters
        // ("kəndlərdə"/"kəndin", "körpüləri"/"körpünü", "çaylarda"/"çayın", "Sel"/"Selin"): cut to six letters they
        // share no term at all; stemmed, they share kənd, sel, körpü, çay, su, yol, sakin.
        var c = new StoryClusterer();
        var a = c.Assign(Input(1, "Kəndlərdə sel körpüləri dağıdıb",
            "Güclü yağışlardan sonra çaylarda suyun səviyyəsi qalxıb. Sel kəndlərdə yolları və körpüləri dağıdıb, sakinləri təxliyə ediblər.", Day));
        var b = c.Assign(Input(2, "Selin dağıtdığı kəndin körpüsü bərpa olunur",
            "Kəndin sakini bildirib ki, çayın suyu körpünü aparıb. Yolun bərpası üçün texnika göndərilib.", Day.AddHours(3)));
        Assert.True(a.IsNew);
        Assert.False(b.IsNew);
        Assert.Equal(a.StoryKey, b.StoryKey);
    }

    [Fact]
    public void Articles_about_one_event_join_one_story_and_another_event_starts_its_own()
    {
        var c = new StoryClusterer();
        var a = c.Assign(Input(1, "Bakıda metro stansiyası açıldı", "Bakı metropoliteninin yeni stansiyası sərnişinlərin istifadəsinə verilib. Stansiya Xətai rayonunda yerləşir.", Day));
        var b = c.Assign(Input(2, "Yeni metro stansiyası sərnişin qəbul edir", "Bakı metropoliteni yeni stansiyanın açıldığını bildirib. Xətai rayonundakı stansiya gündə minlərlə sərnişinə xidmət edəcək.", Day.AddHours(2)));
        var other = c.Assign(Input(3, "Neft qiymətləri bahalaşıb", "Brent markalı neftin bir barrelinin qiyməti dünya bazarlarında artıb, OPEC hasilatı azaldıb.", Day.AddHours(3)));

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
        var first = c.Assign(Input(1, "Metro stansiyası açıldı", text, Day));
        var muchLater = c.Assign(Input(2, "Metro stansiyası açıldı", text, Day.AddDays(10)));
        Assert.NotEqual(first.StoryKey, muchLater.StoryKey);
    }

    [Fact]
    public async Task After_a_restart_an_article_joins_a_stored_story_by_the_same_stems()
    {
        // The story stage's memory is rebuilt at start from stored text; it must hold the stems the running stage
        // held, or the follow-up below (sharing only stems with the stored article) would start a story of its own.
        await using var h = await ImportHarness.CreateAsync();
        string first = Path.Combine(h.Files.Path, "first.json"), second = Path.Combine(h.Files.Path, "second.json");
        await File.WriteAllTextAsync(first, """
            [{"title":"Kəndlərdə sel körpüləri dağıdıb","date":"2025-10-21T12:00:00+04:00",
              "text":"Güclü yağışlardan sonra çaylarda suyun səviyyəsi qalxıb. Sel kəndlərdə yolları və körpüləri dağıdıb, sakinləri təxliyə ediblər."}]
            """, Ct);
        await File.WriteAllTextAsync(second, """
            [{"title":"Selin dağıtdığı kəndin körpüsü bərpa olunur","date":"2025-10-21T15:00:00+04:00",
              "text":"Kəndin sakini bildirib ki, çayın suyu körpünü aparıb. Yolun bərpası üçün texnika göndərilib, işlər başlayıb."}]
            """, Ct);
        var running = new Icmal.Ingest.Importer(await IngestPipeline.OpenAsync(h.Store, Ct), new Icmal.Import.ImportOptions());
        await foreach (var _ in running.ImportAsync([first], Ct)) { }

        var restarted = new Icmal.Ingest.Importer(await IngestPipeline.OpenAsync(h.Store, Ct), new Icmal.Import.ImportOptions());
        await foreach (var _ in restarted.ImportAsync([second], Ct)) { }
        var all = await h.Store.Articles.ListAsync(new ArticleQuery(), Ct);
        Assert.Equal(2, all.Count);
        Assert.Single(all.Select(a => a.StoryId).Distinct());
        Assert.NotNull(all[0].StoryId);
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
