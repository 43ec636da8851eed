using Icmal.Analysis;

namespace Icmal.Tests.Analysis;

/// <summary>The terms analysis makes once per article for the later stages: stems, stop words and figures dropped.</summary>
public sealed class ArticleTermsTests
{
    [Fact]
    public void Azerbaijani_words_become_their_lower_cased_stems_however_long()
    {
        var terms = ArticleAnalyzer.Terms("Bakı metropoliteninin stansiyaları", "Metropolitendə yeni stansiyalar açılıb.", "az");
        Assert.Equal(["bakı", "metropoliten", "stansiya"], terms.Title);
        Assert.Contains("metropoliten", terms.Body);
        Assert.Contains("stansiya", terms.Body);
    }

    [Fact]
    public void Stop_words_and_figures_are_dropped()
    {
        var terms = ArticleAnalyzer.Terms("", "Bu gün onlar və biz 25 nəfərlə 3,5 faiz artım gördük.", "az");
        Assert.DoesNotContain(terms.Body, t => t is "bu" or "onlar" or "və" or "biz" or "25" or "3,5");
        Assert.Contains("artım", terms.Body);
    }

    [Fact]
    public void An_article_of_unknown_language_is_read_as_azerbaijani()
    {
        Assert.Equal(ArticleAnalyzer.Terms("Qazaxıstanla əməkdaşlıq", "", "az").Title, ArticleAnalyzer.Terms("Qazaxıstanla əməkdaşlıq", "", null).Title);
    }

    [Fact]
    public void Words_of_a_language_without_a_stemmer_are_cut_to_six_letters_and_its_function_words_dropped()
    {
        var terms = ArticleAnalyzer.Terms("The sanctions", "Sanctioned banks and the sanction.", "en");
        Assert.Equal(["sancti"], terms.Title);
        Assert.Equal(["sancti", "banks", "sancti"], terms.Body);
    }

    [Fact]
    public void English_and_russian_words_are_lower_cased_by_their_own_rules_not_azerbaijani_ones()
    {
        // Azerbaijani lower-cases I to ı: "Iran" would become "ıran" and "Into" would miss the English function words.
        var terms = ArticleAnalyzer.Terms("Iran talks", "Into the night. ITALY WITH Iran.", "en");
        Assert.Equal(["iran", "talks"], terms.Title);
        Assert.Equal(["night", "italy", "iran"], terms.Body);
    }

    [Fact]
    public void The_lead_is_the_stems_of_the_first_400_words_and_lead_terms_alone_equal_them()
    {
        // 600 words: three of every four are content words, one a stop word ("və"), all counting toward the lead.
        string text = string.Join(' ', Enumerable.Range(0, 150).Select(i => $"kənd{Letter(i)} və çay{Letter(i)} yol{Letter(i)}"));
        var full = ArticleAnalyzer.Terms("Sel", text, "az");
        var lead = ArticleAnalyzer.LeadTerms("Sel", text, "az");
        Assert.Equal(450, full.Body.Count);
        Assert.Equal(300, full.LeadCount);
        Assert.Equal(full.Title, lead.Title);
        Assert.Equal(full.Lead, lead.Lead);
        Assert.Equal(full.Lead, lead.Body);

        static string Letter(int i) => ((char)('a' + (i % 26))).ToString() + ((char)('a' + (i / 26))).ToString();
    }
}
