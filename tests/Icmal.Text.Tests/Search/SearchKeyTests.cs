using Icmal.Text.Search;

namespace Icmal.Text.Tests.Search;

/// <summary>Every spelling of a word a reader may type, and every form a text may use, give one search key.</summary>
public class SearchKeyTests
{
    [Theory]
    [InlineData("Qazaxıstanla")]
    [InlineData("Qazaxıstanın")]
    [InlineData("QAZAXISTANIN")]
    [InlineData("qazaxistan")]
    [InlineData("qazaxistanin")]
    [InlineData("Qazaxistana")]
    [InlineData("qazaxistanda")]
    [InlineData("Qazaxıstan")]
    public void Forms_and_spellings_of_Qazaxıstan_meet(string word) => Assert.Equal(SearchKeys.KeyOf("Qazaxıstan"), SearchKeys.KeyOf(word));

    [Theory]
    [InlineData("Tokayevin", "Tokayev")]
    [InlineData("Токаев", "Tokayev")]
    [InlineData("tokayev", "Tokayev")]
    [InlineData("eliyev", "Əliyev")]
    [InlineData("Əliyevin", "Əliyev")]
    [InlineData("ƏLİYEV", "Əliyev")]
    [InlineData("Алиев", "Əliyev")]
    [InlineData("TDT-nin", "TDT")]
    [InlineData("tdt", "TDT")]
    [InlineData("Fuzuli", "Füzuli")]
    [InlineData("Füzuliyə", "Füzuli")]
    [InlineData("Astanada", "Astana")]
    [InlineData("Bakının", "Bakı")]
    [InlineData("bakida", "Bakı")]
    public void A_name_in_any_script_case_or_ending_meets_its_text_form(string typed, string inText) =>
        Assert.Equal(SearchKeys.KeyOf(inText), SearchKeys.KeyOf(typed));

    [Theory]
    [InlineData("ucun", "üçün")]
    [InlineData("oglu", "oğlu")]
    [InlineData("eden", "edən")]
    public void A_word_typed_in_ASCII_is_read_as_its_most_frequent_form_even_when_the_corpus_has_the_ASCII_typo(string typed, string inText) =>
        Assert.Equal(SearchKeys.KeyOf(inText), SearchKeys.KeyOf(typed));

    [Fact]
    public void Keys_are_folded_lower_case_ASCII() => Assert.Equal("qazaxistan", SearchKeys.KeyOf("Qazaxıstanla"));

    [Fact]
    public void A_compound_gives_a_key_per_part()
    {
        Assert.Equal(["azerbaycan", "qazaxistan"], SearchKeys.KeysOf("Azərbaycan-Qazaxıstan"));
        Assert.Equal(2, SearchKeys.KeysOf("Kassym\u2011Jomart").Count);
        Assert.Equal(SearchKeys.KeysOf("Kasım-Jomart")[1], SearchKeys.KeysOf("Kassym\u2011Jomart")[1]);
    }

    [Fact]
    public void Query_syntax_characters_never_reach_a_key()
    {
        foreach (string key in SearchKeys.KeysOf("NEAR(a b) a* col:x \"q\" ^b 'x' -- ; DROP TABLE articles;"))
            Assert.All(key, c => Assert.True(char.IsLetterOrDigit(c), $"'{c}' in key '{key}'"));
    }

    [Fact]
    public void Keyed_words_point_at_the_words_in_the_original_text()
    {
        string text = "Prezident\u00A0İlham Əliyev Qazaxıstanla «Orta Dəhliz» TDT-nin";
        var words = SearchKeys.KeyedWords(text);
        Assert.Contains(words, w => w.Key == SearchKeys.KeyOf("qazaxistan") && text.Substring(w.Start, w.Length) == "Qazaxıstanla");
        Assert.Contains(words, w => w.Key == "tdt" && text.Substring(w.Start, w.Length) == "TDT-nin");
        Assert.Contains(words, w => text.Substring(w.Start, w.Length) == "Dəhliz");
    }

    [Fact]
    public void Key_text_is_the_keys_separated_by_spaces() =>
        Assert.Equal(string.Join(' ', SearchKeys.KeysOf("Astana görüşü və regionda")), SearchKeys.KeyText("Astana görüşü və regionda"));

    [Fact]
    public void Soft_hyphens_and_look_alike_letters_do_not_change_a_key() =>
        Assert.Equal(SearchKeys.KeyOf("Qazaxıstan"), SearchKeys.KeyOf("Qaza\u00ADxıstan"));
}
