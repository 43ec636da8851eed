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
    public void Inflected_forms_of_one_name_count_as_one_stem_and_one_name()
    {
        // The first word starts the sentence, so only the three after it are read as names.
        var terms = StoryTerms.Extract(ArticleAnalyzer.Terms("", "Qazaxıstana Qazaxıstanın Qazaxıstanla Qazaxıstanda", "az"));
        Assert.Equal(2, terms.Count);
        Assert.Equal(4, terms["qazaxıstan"]);
        Assert.Equal(3 * StoryTerms.NameWeight, terms["n:kazaxi"]);
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

    /// <summary>Two reports of one kind (a monthly figure): alike in every word but the month and the numbers.</summary>
    private static (ClusterInput First, ClusterInput Second) MonthlyReports(DateTimeOffset first, DateTimeOffset second) => (
        Input(1, "Vətəndaşlara ƏDV-nin bir hissəsi geri qaytarılıb",
            "Dövlət Vergi Xidməti bildirib ki, aprel ayında “ƏDV geri al” layihəsi üzrə vətəndaşlara 12,4 milyon manat vəsait qaytarılıb. Ödənişlərin əksəriyyəti ərzaq alışlarına düşür.", first),
        Input(2, "Vətəndaşlar may ayında 14,9 milyon manat ƏDV geri alıb",
            "Vergi orqanı məlumat yayıb ki, may ayında “ƏDV geri al” layihəsi ilə 14,9 milyon manat ödənilib. Geri alınan vəsaitin çoxu geyim və mebel alışlarının payına düşür.", second));

    [Fact]
    public void A_report_within_days_joins_the_story_but_the_same_kind_of_report_months_later_starts_its_own()
    {
        // Stories are bounded in time: within the window a follow-up joins at the plain threshold (the two are 0.56
        // alike), two months on the similarity needed has grown (to 0.62), so a later figure of the kind is a new
        // story, not a topic that grows for ever.
        var soon = new StoryClusterer();
        var (a, b) = MonthlyReports(Day, Day.AddDays(1));
        var first = soon.Assign(a);
        Assert.Equal(first.StoryKey, soon.Assign(b).StoryKey);

        var late = new StoryClusterer();
        (a, b) = MonthlyReports(Day, Day.AddDays(61));
        first = late.Assign(a);
        var next = late.Assign(b);
        Assert.True(next.IsNew);
        Assert.NotEqual(first.StoryKey, next.StoryKey);
    }

    [Fact]
    public void An_arrival_finds_its_event_among_more_stories_of_its_words_than_are_scored_in_full()
    {
        // Each of 120 other stories shares one of the arrival's eight words, so far more stories are candidates than
        // the clusterer scores in full; the story of the event shares all eight and must be among those it scores.
        string[] words = ["faiz", "dərəcə", "uçot", "manat", "bank", "kredit", "inflyasiya", "komitə"];
        var c = new StoryClusterer();
        long id = 0;
        ClusterInput Article(IReadOnlyList<string> title, IReadOnlyList<string> lead) =>
            new(++id, new ArticleTerms(title, lead, lead.Count), Day.AddMinutes(id));

        var story = c.Assign(Article(words[..4], words[4..]));
        for (int i = 0; i < 120; i++)
        {
            var other = c.Assign(Article([words[i % words.Length], $"mövzu{i}", $"yer{i}"], [$"ad{i}", $"şəxs{i}", $"hadisə{i}", $"gün{i}"]));
            Assert.True(other.IsNew);
        }
        Assert.True(120 > StoryClusterer.ScoredCandidates); // the premise: not every candidate is scored in full

        var follow = c.Assign(Article(words[..4], words[4..]));
        Assert.False(follow.IsNew);
        Assert.Equal(story.StoryKey, follow.StoryKey);
    }

    [Fact]
    public void A_Russian_report_shares_its_names_with_the_Azerbaijani_ones_across_scripts()
    {
        var az = ArticleAnalyzer.Terms("Tokayev Bakıya gəlib", "Qazaxıstan Prezidenti Kasım-Jomart Tokayevin Astanada İlham Əliyevlə görüşü başa çatıb.", "az");
        var ru = ArticleAnalyzer.Terms("Токаев прибыл в Баку", "Президент Казахстана Касым-Жомарт Токаев провёл переговоры в Астане.", "ru");
        Assert.False(ru.Stemmed);
        Assert.Contains("tokaye", az.Names);
        Assert.Contains("tokaye", ru.Names);
        Assert.Contains("kasim-", az.Names.Intersect(ru.Names));
        // A capitalised common word (the title "Prezidenti") is not a name; a sentence's first word is not either.
        Assert.DoesNotContain(az.Names, n => n.StartsWith("prezid", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_story_is_headed_by_the_report_closest_to_its_centre_not_by_the_first()
    {
        await using var h = await ImportHarness.CreateAsync();
        string list = Path.Combine(h.Files.Path, "metro.json");
        await File.WriteAllTextAsync(list, """
            [{"title":"Bakı metrosunda yeni stansiya","date":"2025-10-21T09:00:00+04:00",
              "text":"Bakı metropoliteninin Xətai rayonundakı yeni stansiyası sərnişinlərin istifadəsinə verilib. Görüntüləri təqdim edirik."},
             {"title":"Bakı metropoliteninin Xətai rayonundakı yeni stansiyası açılıb","date":"2025-10-21T11:00:00+04:00",
              "text":"Bakı metropoliteninin Xətai rayonundakı yeni stansiyası sərnişinlərin istifadəsinə verilib. Stansiya gündə on min sərnişinə xidmət edəcək, metropoliten yeni qatarlar alıb."},
             {"title":"Xətai rayonundakı yeni metro stansiyası gündə on min sərnişinə xidmət edəcək","date":"2025-10-21T13:00:00+04:00",
              "text":"Bakı metropoliteni bildirib ki, Xətai rayonundakı yeni stansiya gündə on min sərnişinə xidmət edəcək. Metropoliten yeni qatarlar alıb, stansiya sərnişinlərin istifadəsinə verilib."}]
            """, Ct);
        await h.ImportAsync(list);
        var all = await h.Store.Articles.ListAsync(new ArticleQuery(), Ct);
        long story = Assert.Single(all.Select(a => a.StoryId).Distinct())!.Value;
        var stored = await h.Store.Stories.GetAsync(story, Ct);
        Assert.Equal(3, stored!.ArticleCount);
        Assert.NotEqual(all.MinBy(a => a.Id)!.Title, stored.Title);
        Assert.Contains(stored.Title, all.Select(a => a.Title));
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
    public async Task Four_of_the_five_seeds_form_one_story_and_a_restart_clusters_what_was_left_unclustered()
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
        // At least four of the five report the October 2025 visit as one story (002 is about the visit of March 2024).
        var (story, count) = all.CountBy(a => a.StoryId!.Value).MaxBy(kv => kv.Value);
        Assert.True(count >= 4, $"the largest story holds {count} of the five seeds");
        Assert.Contains(all, a => a.StoryId == story && a.Title.StartsWith("Astana görüşü", StringComparison.Ordinal));
        var stored = await h.Store.Stories.GetAsync(story, Ct);
        Assert.Equal(count, stored!.ArticleCount);
        Assert.Equal(count, (await h.Store.Articles.ListByStoryAsync(story, Ct)).Count);
    }
}
