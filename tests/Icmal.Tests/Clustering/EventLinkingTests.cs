using Icmal.Analysis;
using Icmal.Clustering;
using Icmal.Model;
using Icmal.Storage;
using Icmal.Tests.Support;

namespace Icmal.Tests.Clustering;

/// <summary>Stories as chains of reports of one event: single link in time, rare names, and different subjects kept apart.</summary>
public sealed class EventLinkingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateTimeOffset Day = new(2025, 6, 12, 10, 0, 0, TimeSpan.FromHours(4));

    private static ClusterInput Words(long id, IReadOnlyList<string> title, IReadOnlyList<string> lead, DateTimeOffset time) =>
        new(id, new ArticleTerms(title, lead, lead.Count), time);

    private static string[] Set(string prefix, int n) => [.. Enumerable.Range(1, n).Select(i => $"{prefix}söz{i}")];

    [Fact]
    public void A_follow_up_resembling_one_recent_report_joins_its_story_though_the_story_as_a_whole_differs()
    {
        // Report 2 repeats report 1 and adds a development (Q); report 3 carries Q on with new details (R). Against the
        // story's centroid, which report 1's words dominate, report 3 is far below the threshold (about 0.27); against
        // report 2, the report it follows, it is half the same: one event told on, so one story.
        string[] p = Set("p", 8), q = Set("q", 8), r = Set("r", 8);
        var c = new StoryClusterer();
        var first = c.Assign(Words(1, p[..4], p[4..], Day));
        var second = c.Assign(Words(2, [.. p[..4], .. q[..4]], [.. p[4..], .. q[4..]], Day.AddHours(5)));
        var third = c.Assign(Words(3, [.. q[..4], .. r[..4]], [.. q[4..], .. r[4..]], Day.AddDays(2)));
        Assert.Equal(first.StoryKey, second.StoryKey);
        Assert.False(third.IsNew);
        Assert.Equal(first.StoryKey, third.StoryKey);
    }

    [Fact]
    public void A_report_resembling_one_older_than_the_window_starts_a_story_of_its_own()
    {
        string[] p = Set("p", 8), q = Set("q", 8), r = Set("r", 8);
        var c = new StoryClusterer();
        var first = c.Assign(Words(1, p[..4], p[4..], Day));
        c.Assign(Words(2, [.. p[..4], .. q[..4]], [.. p[4..], .. q[4..]], Day.AddHours(5)));
        var late = c.Assign(Words(3, [.. q[..4], .. r[..4]], [.. q[4..], .. r[4..]], Day.AddDays(9)));
        Assert.True(late.IsNew);
        Assert.NotEqual(first.StoryKey, late.StoryKey);
    }

    [Fact]
    public void Two_reports_of_one_kind_about_different_companies_stay_apart()
    {
        // The same template a day apart: the words are the same, the subject is not. Each title names a company the
        // other report never mentions, so they are two events of one kind, not one event.
        var c = new StoryClusterer();
        foreach (var b in BackgroundNews.Before(Day.AddDays(-1))) c.Assign(b);
        var a = c.Assign(new ClusterInput(1, ArticleAnalyzer.Terms("“Metropark”ın dövlətə vergi borcu var",
            "Vergi orqanının məlumatına görə, “Metropark” MMC-nin dövlət büdcəsinə vergi borcu yaranıb. Borcun məbləği 120 min manatdır, şirkətə xəbərdarlıq göndərilib.", "az"), Day));
        var b2 = c.Assign(new ClusterInput(2, ArticleAnalyzer.Terms("“Sinerji” şirkətinin dövlətə vergi borcu var",
            "Vergi orqanının məlumatına görə, “Sinerji” MMC-nin dövlət büdcəsinə vergi borcu yaranıb. Borcun məbləği 900 min manatdır, şirkətə xəbərdarlıq göndərilib.", "az"), Day.AddDays(1)));
        Assert.True(b2.IsNew);
        Assert.NotEqual(a.StoryKey, b2.StoryKey);
    }

    private static ClusterInput Strike(DateTimeOffset at) => new(1, ArticleAnalyzer.Terms("İsrail İranın hərbi obyektlərinə zərbələr endirib",
        "Məlumata görə, İsrail ordusu gecə İranın Təbriz və Kirmanşah şəhərlərində hərbi obyektləri vurub. Hücumda raketlər və pilotsuz aparatlar istifadə olunub.", "az"), at);

    private static ClusterInput Dialogue(DateTimeOffset at) => new(2, ArticleAnalyzer.Terms("Azərbaycan XİN İsrail və İranı dialoqa çağırıb",
        "Xarici İşlər Nazirliyi bəyanat yayaraq tərəfləri təmkinə və danışıqlar masasına qayıtmağa səsləyib. Nazirlik vətəndaşlara səfərlərdən çəkinməyi tövsiyə edir.", "az"), at);

    [Fact]
    public void Two_reports_in_the_same_days_naming_the_same_two_rare_names_join_though_their_words_differ()
    {
        // A strike, and a ministry's call for dialogue the same day: hardly a word in common but the two sides of one
        // war, both rare in the archive, one of them in both headlines.
        var c = new StoryClusterer();
        foreach (var b in BackgroundNews.Before(Day.AddDays(-1))) c.Assign(b);
        var strike = c.Assign(Strike(Day));
        var dialogue = c.Assign(Dialogue(Day.AddHours(3)));
        Assert.False(dialogue.IsNew);
        Assert.Equal(strike.StoryKey, dialogue.StoryKey);
    }

    [Fact]
    public void The_same_two_names_days_apart_are_a_topic_not_one_event()
    {
        var c = new StoryClusterer();
        foreach (var b in BackgroundNews.Before(Day.AddDays(-1))) c.Assign(b);
        c.Assign(Strike(Day));
        Assert.True(c.Assign(Dialogue(Day.AddDays(3))).IsNew);
    }

    /// <summary>A second report of the strike, in nearly its words: it joins the strike's story on them alone.</summary>
    private static ClusterInput StrikeAgain(DateTimeOffset at) => new(3, ArticleAnalyzer.Terms("İsrail İranın hərbi obyektlərinə yeni zərbələr endirib",
        "Məlumata görə, İsrail ordusu gecə İranın Təbriz və Kirmanşah şəhərlərində hərbi obyektləri yenidən vurub. Hücumda raketlər və pilotsuz aparatlar istifadə olunub.", "az"), at);

    [Fact]
    public void Past_its_first_days_a_story_takes_a_report_on_its_words_not_on_two_names()
    {
        // The strike's story already spans two and a half days (a second report in its words); a report naming the
        // same two sides in other words, within two days of that second report, would chain on the names alone: one
        // actor pair meets in one event after another, so the name pair counts only in a story's first days.
        var c = new StoryClusterer();
        foreach (var b in BackgroundNews.Before(Day.AddDays(-1))) c.Assign(b);
        foreach (var b in BackgroundNews.Before(Day.AddDays(-2))) c.Assign(b);
        var strike = c.Assign(Strike(Day));
        var again = c.Assign(StrikeAgain(Day.AddDays(2.5)));
        Assert.Equal(strike.StoryKey, again.StoryKey);
        var dialogue = c.Assign(Dialogue(Day.AddDays(3)));
        Assert.True(dialogue.IsNew);
    }

    [Fact]
    public void Two_names_that_another_story_of_these_days_also_names_do_not_tell_one_event()
    {
        // Oil prices move "on the tension between İsrail and İran": another story, the same two names in its lead.
        // The pair no longer tells which story the ministry's call belongs to, so it does not join the strike on it.
        var c = new StoryClusterer();
        foreach (var b in BackgroundNews.Before(Day.AddDays(-1))) c.Assign(b);
        foreach (var b in BackgroundNews.Before(Day.AddDays(-2))) c.Assign(b);
        var strike = c.Assign(Strike(Day));
        var oil = c.Assign(new ClusterInput(4, ArticleAnalyzer.Terms("Brent markalı neftin qiyməti 3 faiz bahalaşıb",
            "Birjalarda Brent markalı neftin bir barelinin qiyməti İsrail ilə İran arasında gərginlik fonunda 3 faiz artıb. Ekspertlər bahalaşmanın davam edəcəyini gözləyir.", "az"), Day.AddHours(1)));
        Assert.True(oil.IsNew);
        var dialogue = c.Assign(Dialogue(Day.AddHours(3)));
        Assert.NotEqual(strike.StoryKey, dialogue.StoryKey);
    }

    private static ClusterInput Refunds(long id, int months, int millions, DateTimeOffset at) => new(id, ArticleAnalyzer.Terms(
        $"Azərbaycanda {months} ayda vətəndaşlara geri qaytarılan ƏDV-nin məbləği açıqlanıb",
        $"Dövlət Vergi Xidmətinin məlumatına görə, ilin {months} ayında “ƏDV geri al” layihəsi üzrə vətəndaşlara {millions} milyon manat ƏDV geri qaytarılıb. Layihədə iştirak edən vətəndaşların sayı artıb.", "az"), at);

    [Fact]
    public void A_months_statistics_report_a_month_on_starts_a_story_of_its_own_however_alike_its_words()
    {
        // The monthly VAT refund figures in one template: the next month's report matches the last one's centroid
        // far above the late threshold, but it is the next round of a topic, not a follow-up of one event.
        var c = new StoryClusterer();
        foreach (var b in BackgroundNews.Before(Day.AddDays(-1))) c.Assign(b);
        var april = c.Assign(Refunds(1, 4, 20, Day));
        var same = c.Assign(Refunds(2, 4, 20, Day.AddHours(6)));
        Assert.Equal(april.StoryKey, same.StoryKey);
        var may = c.Assign(Refunds(3, 5, 25, Day.AddDays(30)));
        Assert.True(may.IsNew);
    }

    [Fact]
    public void One_persons_given_name_and_surname_are_one_name_not_two_parties_to_one_event()
    {
        // Two reports the same day about one man doing two unrelated things, each headline naming a country the other
        // never mentions: "Donald" and "Tramp" are one person's name, written together wherever they stand, so the two
        // share one rare name, not the two parties of one event, and stay apart as two subjects.
        var c = new StoryClusterer();
        foreach (var b in BackgroundNews.Before(Day.AddDays(-1))) c.Assign(b);
        c.Assign(new ClusterInput(1, ArticleAnalyzer.Terms("Donald Tramp Meksika poladına yeni rüsum elan edib",
            "İmzalanan sərəncama görə, Donald Tramp Meksika poladının idxalına əlavə rüsum tətbiq edir. Rüsum gələn aydan qüvvəyə minəcək.", "az"), Day));
        var other = c.Assign(new ClusterInput(2, ArticleAnalyzer.Terms("Donald Tramp Kanadaya səfər edəcək",
            "Məlumata görə, Donald Tramp gələn həftə Kanadaya rəsmi səfər edəcək və Ottavada görüşlər keçirəcək.", "az"), Day.AddHours(4)));
        Assert.True(other.IsNew);
    }

    [Fact]
    public void A_name_at_the_start_of_a_title_counts_as_the_name_it_is_elsewhere()
    {
        // "İsrail" opens the headline, so its capital says nothing there; the lead names it mid-sentence.
        var terms = ArticleAnalyzer.Terms("İsrail Təbrizə zərbələr endirib", "Məlumata görə, İsrail ordusu Təbriz yaxınlığında hərbi obyektləri vurub.", "az");
        var entities = StoryTerms.Entities(terms, key => key == "israil");
        Assert.Contains("israil", entities.Title);
        Assert.Contains("tebriz", entities.All);
        Assert.DoesNotContain("zerbel", entities.All);
    }

    [Fact]
    public async Task The_seeds_form_one_story_that_no_banker_az_article_joins()
    {
        string? data = TestPaths.SharedData;
        if (data is null) Assert.Skip("../shared/data is not beside the repository");
        await using var h = await ImportHarness.CreateAsync();
        await h.ImportAsync(Path.Combine(data, "az", "banker-az-articles.json"));
        long banker = await h.Store.Articles.CountAsync(Ct);
        foreach (string seed in Directory.GetFiles(TestPaths.Samples, "*.txt")) await h.ImportAsync(seed);
        var all = new List<Article>();
        for (int offset = 0; ; offset += 500)
        {
            var page = await h.Store.Articles.ListAsync(new ArticleQuery(500, offset), Ct);
            all.AddRange(page);
            if (page.Count < 500) break;
        }
        var seeds = all.OrderBy(a => a.Id).Skip((int)banker).ToList();
        Assert.Equal(5, seeds.Count);
        var (story, count) = seeds.CountBy(a => a.StoryId!.Value).MaxBy(kv => kv.Value);
        Assert.True(count >= 4, $"the largest story holds {count} of the five seeds");
        Assert.DoesNotContain(all.OrderBy(a => a.Id).Take((int)banker), a => a.StoryId == story);
    }
}
