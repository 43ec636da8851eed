using Icmal.Analysis;
using Icmal.Clustering;

namespace Icmal.Tests.Clustering;

/// <summary>
/// The countries an article names by its places and people (<see cref="CountryTerms"/>), and what they do for a
/// story: a report naming a country only by its city shares the country with the event's other reports.
/// </summary>
public sealed class CountryTermsTests
{
    private static readonly DateTimeOffset Day = new(2025, 6, 12, 10, 0, 0, TimeSpan.FromHours(4));

    private static List<string> Countries(string title, string text, string language = "az")
    {
        var terms = ArticleAnalyzer.Terms(title, text, language);
        var found = new List<string>();
        CountryTerms.Default.Find(terms.Title, terms.Title.Count, terms.Stemmed, found);
        CountryTerms.Default.Find(terms.Body, terms.LeadCount, terms.Stemmed, found);
        return found;
    }

    [Fact]
    public void Inflected_cities_and_demonyms_name_their_country_once()
    {
        var found = Countries("Tehranda partlayışlar olub", "İsrailli rəsmilər Təl-Əvivdən açıqlama yayıb; Təbrizə də zərbələr endirilib, iranlı hərbçilər cavab verib.");
        Assert.Equal(["iran", "israil"], found);
    }

    [Fact]
    public void A_name_of_several_words_that_holds_a_countrys_word_names_no_country()
    {
        // The Persian Gulf is not İran; South Sudan is not Sudan.
        Assert.Empty(Countries("Fars körfəzində gərginlik artıb", "Fars körfəzi ölkələri bəyanat yayıb."));
        Assert.DoesNotContain("sudan", Countries("Cənubi Sudanda seçkilər keçirilib", "Cənubi Sudan hökuməti nəticələri açıqlayıb."));
    }

    [Fact]
    public void English_forms_are_matched_in_English_text()
    {
        Assert.Equal(["iran", "israil"], Countries("Explosions reported in Tehran", "Israeli officials said the strikes would continue.", "en"));
    }

    [Fact]
    public void A_strike_on_a_city_joins_the_same_days_reports_of_the_war_between_its_country_and_another()
    {
        // The ministry calls İsrail and İran to dialogue; two hours on, "İsrail Təbrizə zərbələr endirib" names İran
        // only by its city. A reader sees the same two sides of one war; without the city's country the second
        // headline shares one name with the first and names a rare place the first never mentions (two subjects).
        var c = new StoryClusterer();
        foreach (var b in BackgroundNews.Before(Day.AddDays(-1))) c.Assign(b);
        var dialogue = c.Assign(new ClusterInput(1, ArticleAnalyzer.Terms("Azərbaycan XİN İsrail və İranı dialoqa çağırıb",
            "Xarici İşlər Nazirliyi bəyanat yayaraq tərəfləri təmkinə və danışıqlar masasına qayıtmağa səsləyib.", "az"), Day));
        var strike = c.Assign(new ClusterInput(2, ArticleAnalyzer.Terms("İsrail Təbrizə zərbələr endirib",
            "İsrail ordusu gecə Təbrizin hava hücumundan müdafiə qərargahına zərbələr endirib. Bu barədə yerli agentlik məlumat yayıb.", "az"), Day.AddHours(2)));
        Assert.False(strike.IsNew);
        Assert.Equal(dialogue.StoryKey, strike.StoryKey);
    }

    /// <summary>Three first reports of a war, each headline naming İsrail and İran, in words that differ.</summary>
    private static StoryClusterer War(out long story)
    {
        // Two days of other news, so that İran, in three of the war's reports, stays rare (as in a running archive).
        var c = new StoryClusterer();
        foreach (var b in BackgroundNews.Before(Day.AddDays(-1))) c.Assign(b);
        foreach (var b in BackgroundNews.Before(Day.AddDays(-2))) c.Assign(b);
        story = c.Assign(new ClusterInput(1, ArticleAnalyzer.Terms("İsrail İranın hərbi obyektlərinə zərbələr endirib",
            "Məlumata görə, İsrail ordusu gecə İranın Təbriz və Kirmanşah şəhərlərində və Suriyada hərbi obyektləri vurub.", "az"), Day)).StoryKey;
        Assert.Equal(story, c.Assign(new ClusterInput(2, ArticleAnalyzer.Terms("Azərbaycan XİN İsrail və İranı dialoqa çağırıb",
            "Xarici İşlər Nazirliyi bəyanat yayaraq tərəfləri təmkinə və danışıqlar masasına qayıtmağa səsləyib.", "az"), Day.AddHours(3))).StoryKey);
        Assert.Equal(story, c.Assign(new ClusterInput(3, ArticleAnalyzer.Terms("İran İsrailə cavab zərbələri endirib",
            "İranın raketləri İsrail ordusunun hərbi obyektlərini vurub, ordu gecə zərbələri davam etdirib.", "az"), Day.AddHours(8))).StoryKey);
        return c;
    }

    [Fact]
    public void A_headline_naming_one_party_of_a_running_war_joins_it_days_later_though_it_shares_no_other_word()
    {
        // Four days on, the supreme leader will address the nation: nothing in common with the war's reports but
        // "İran", which three of their headlines name. An editor files it under the war.
        var c = War(out long war);
        var address = c.Assign(new ClusterInput(4, ArticleAnalyzer.Terms("İranın ali lideri xalqa müraciət edəcək",
            "Ali lider yaxın vaxtlarda ölkə xalqına müraciət edəcək. Bu barədə mətbuat xidməti məlumat yayıb.", "az"), Day.AddDays(4)));
        Assert.False(address.IsNew);
        Assert.Equal(war, address.StoryKey);
    }

    [Fact]
    public void A_headline_naming_a_country_the_war_headlines_never_name_starts_its_own_story()
    {
        // Syria is in one report's lead but in none of the war's headlines: a report on İran and Syria is not the war's
        // on countries alone.
        var c = War(out _);
        Assert.True(c.Assign(new ClusterInput(4, ArticleAnalyzer.Terms("İran Suriyaya humanitar yardım göndərib",
            "Ali lider yaxın vaxtlarda ölkə xalqına müraciət edəcək. Bu barədə mətbuat xidməti məlumat yayıb.", "az"), Day.AddDays(4))).IsNew);
    }
}
