using Icmal.Text.Tokenization;

namespace Icmal.Text.Tests;

public class TokenizerTests
{
    private static List<(string Text, TokenKind Kind)> Tokens(string text) =>
        [.. AzTokenizer.TokenizeToList(text).Select(t => (text.Substring(t.Start, t.Length), t.Kind))];

    private static (string Text, TokenKind Kind) Single(string text)
    {
        var tokens = Tokens(text);
        Assert.Single(tokens);
        return tokens[0];
    }

    [Theory]
    [InlineData("Azərbaycan-Qazaxıstan", TokenKind.Word)]
    [InlineData("TDT-nin", TokenKind.Abbreviation)]
    [InlineData("Alem.AI", TokenKind.Word)]
    [InlineData("Sherg.az-a", TokenKind.Domain)]
    [InlineData("$1", TokenKind.Money)]
    [InlineData("598,47", TokenKind.Number)]
    [InlineData("20-21", TokenKind.NumberRange)]
    [InlineData("2024-cü", TokenKind.Ordinal)]
    [InlineData("21-də", TokenKind.Number)]
    [InlineData("27.10.2025", TokenKind.Date)]
    [InlineData("14:37", TokenKind.Time)]
    [InlineData("https://sherg.az/xeber/123?id=5", TokenKind.Url)]
    [InlineData("www.apa.az", TokenKind.Url)]
    [InlineData("info@report.az", TokenKind.Email)]
    [InlineData("#Qarabağ", TokenKind.Hashtag)]
    [InlineData("@prezident", TokenKind.Mention)]
    [InlineData("5%", TokenKind.Percent)]
    [InlineData("prof.", TokenKind.Abbreviation)]
    [InlineData("e.ə.", TokenKind.Abbreviation)]
    [InlineData("...", TokenKind.Ellipsis)]
    [InlineData("…", TokenKind.Ellipsis)]
    [InlineData("1.000.000", TokenKind.Number)]
    [InlineData("2025-10-27", TokenKind.Date)]
    [InlineData("ABŞ", TokenKind.Abbreviation)]
    public void News_token_is_one_token_of_its_kind(string text, TokenKind kind) =>
        Assert.Equal((text, kind), Single(text));

    [Theory]
    [InlineData("٢١.11.2020 tarixində")]
    [InlineData("1٢.11.2020")]
    [InlineData("21.1٢.2020")]
    public void Date_shaped_figures_in_other_scripts_digits_are_tokenised_without_throwing(string text) =>
        Assert.NotEmpty(Tokens(text));

    [Fact]
    public void Inflection_after_a_hyphen_is_marked_as_suffix()
    {
        const string text = "TDT-nin";
        var t = AzTokenizer.TokenizeToList(text)[0];
        Assert.Equal(4, t.SuffixStart);
        Assert.Equal("TDT", t.HeadOf(text).ToString());
    }

    [Fact]
    public void Ordinal_figure_keeps_the_figure_as_head()
    {
        const string text = "2024-cü";
        var t = AzTokenizer.TokenizeToList(text)[0];
        Assert.Equal("2024", t.HeadOf(text).ToString());
    }

    [Fact]
    public void A_compound_has_no_suffix()
    {
        var t = AzTokenizer.TokenizeToList("Azərbaycan-Qazaxıstan")[0];
        Assert.Equal(-1, t.SuffixStart);
    }

    [Fact]
    public void Initials_are_tokens_of_their_own_before_the_surname()
    {
        Assert.Equal([("İ.", TokenKind.Initial), ("Əliyev", TokenKind.Word)], Tokens("İ. Əliyev"));
        Assert.Equal([("İ.", TokenKind.Initial), ("Əliyev", TokenKind.Word)], Tokens("İ.Əliyev"));
    }

    [Fact]
    public void Missing_space_after_a_full_stop_splits_the_sentences() =>
        Assert.Equal([("çevrildi", TokenKind.Word), (".", TokenKind.Punctuation), ("Qazaxıstanın", TokenKind.Word)], Tokens("çevrildi.Qazaxıstanın"));

    [Fact]
    public void Sentence_final_full_stop_after_a_figure_is_punctuation() =>
        Assert.Equal([("il", TokenKind.Word), ("2025", TokenKind.Number), (".", TokenKind.Punctuation)], Tokens("il 2025."));

    [Fact]
    public void Url_does_not_take_the_sentence_final_full_stop() =>
        Assert.Equal([("Mənbə", TokenKind.Word), (":", TokenKind.Punctuation), ("https://sherg.az", TokenKind.Url), (".", TokenKind.Punctuation)], Tokens("Mənbə: https://sherg.az."));

    [Fact]
    public void Ve_s_abbreviation_keeps_its_full_stop() =>
        Assert.Equal([("kitab", TokenKind.Word), ("və", TokenKind.Word), ("s.", TokenKind.Abbreviation)], Tokens("kitab və s."));

    [Fact]
    public void A_one_letter_s_with_fewer_than_four_characters_before_it_is_read_without_looking_past_the_start()
    {
        // It looked four characters back for "və " from the third: an exception for "a s." opening an article or a query.
        Assert.Equal([("a", TokenKind.Word), ("s", TokenKind.Word), (".", TokenKind.Punctuation)], Tokens("a s."));
        Assert.Equal([("g", TokenKind.Word), ("|", TokenKind.Symbol), ("s", TokenKind.Word), (".", TokenKind.Punctuation)], Tokens("g|s."));
        Assert.Equal([("x", TokenKind.Word), ("s.", TokenKind.Abbreviation), ("bir", TokenKind.Word)], Tokens("x s. bir"));
        Assert.Equal([("və", TokenKind.Word), ("s.", TokenKind.Abbreviation)], Tokens("və s."));
    }

    [Fact]
    public void Ordinary_word_before_a_full_stop_is_not_an_abbreviation() =>
        Assert.Equal([("bildirdi", TokenKind.Word), (".", TokenKind.Punctuation)], Tokens("bildirdi."));

    [Fact]
    public void Offsets_cover_the_input()
    {
        const string text = "Prezident İlham Əliyev, 20-21 oktyabrda Astanada olub.";
        foreach (var t in AzTokenizer.TokenizeToList(text))
        {
            Assert.InRange(t.Start, 0, text.Length - 1);
            Assert.InRange(t.End, t.Start + 1, text.Length);
            Assert.False(char.IsWhiteSpace(text[t.Start]));
        }
        Assert.Equal(9, AzTokenizer.TokenizeToList(text).Count); // the comma and the final stop are tokens
    }

    [Fact]
    public void Quoted_text_splits_the_quotes_from_words() =>
        Assert.Equal([("\"", TokenKind.Punctuation), ("Orta", TokenKind.Word), ("Dəhliz", TokenKind.Word), ("\"", TokenKind.Punctuation)], Tokens("\"Orta Dəhliz\""));

    [Fact]
    public void Clause_number_with_three_parts_is_not_a_date() =>
        Assert.Equal(TokenKind.Number, AzTokenizer.TokenizeToList("1.19.21")[0].Kind);

    [Fact]
    public void Word_character_table_answers_as_the_unicode_definition_for_every_char()
    {
        // The tokeniser reads a bit table made from IsWordCharSlow; any code unit answered differently would split
        // or join words differently (ə, ş, ğ, ı, combining marks, digits of other scripts, surrogates).
        var wrong = new List<int>();
        for (int c = 0; c <= char.MaxValue; c++)
            if (TokenEnumerator.IsWordChar((char)c) != TokenEnumerator.IsWordCharSlow((char)c)) wrong.Add(c);
        Assert.Empty(wrong);
    }
}
