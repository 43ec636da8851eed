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

    /// <summary>Unrelated Azerbaijani news, so that the names of the reports under test are rare in the archive.</summary>
    private static IEnumerable<ClusterInput> Background(DateTimeOffset at)
    {
        string[] topics = ["yağış", "neft", "futbol", "teatr", "metro", "buğda", "turizm", "səhiyyə", "poçt", "avtobus"];
        for (int i = 0; i < 40; i++)
        {
            string topic = topics[i % topics.Length];
            yield return new ClusterInput(1000 + i, ArticleAnalyzer.Terms($"{topic} sahəsində {i} yenilik", $"Bu gün {topic} sahəsində {i + 10} nömrəli yenilik barədə məlumat verilib.", "az"), at.AddMinutes(-i));
        }
    }

    [Fact]
    public void A_strike_on_a_city_joins_the_same_days_reports_of_the_war_between_its_country_and_another()
    {
        // The ministry calls İsrail and İran to dialogue; two hours on, "İsrail Təbrizə zərbələr endirib" names İran
        // only by its city. A reader sees the same two sides of one war; without the city's country the second
        // headline shares one name with the first and names a rare place the first never mentions (two subjects).
        var c = new StoryClusterer();
        foreach (var b in Background(Day.AddDays(-1))) c.Assign(b);
        var dialogue = c.Assign(new ClusterInput(1, ArticleAnalyzer.Terms("Azərbaycan XİN İsrail və İranı dialoqa çağırıb",
            "Xarici İşlər Nazirliyi bəyanat yayaraq tərəfləri təmkinə və danışıqlar masasına qayıtmağa səsləyib.", "az"), Day));
        var strike = c.Assign(new ClusterInput(2, ArticleAnalyzer.Terms("İsrail Təbrizə zərbələr endirib",
            "İsrail ordusu gecə Təbrizin hava hücumundan müdafiə qərargahına zərbələr endirib. Bu barədə yerli agentlik məlumat yayıb.", "az"), Day.AddHours(2)));
        Assert.False(strike.IsNew);
        Assert.Equal(dialogue.StoryKey, strike.StoryKey);
    }
}
