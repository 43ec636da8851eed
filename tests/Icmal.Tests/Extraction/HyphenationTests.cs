using Icmal.Extraction.Text;

namespace Icmal.Tests.Extraction;

public sealed class HyphenationTests
{
    [Fact]
    public void Word_cut_at_a_line_end_is_joined_without_hyphen()
    {
        var lines = Hyphenation.Mend(["Bu layihə re-", "gional oyunçudan global oyunçuya çevrilir."]);
        Assert.Equal(["Bu layihə regional oyunçudan global oyunçuya çevrilir."], lines);
    }

    [Fact]
    public void Continuation_found_elsewhere_when_columns_are_out_of_order()
    {
        var lines = Hyphenation.Mend(
        [
            "bir çox sahədə əməkdaşlığı dərinləşdir-",
            "",
            "Başlıq burada durur",
            "",
            "məsinin bariz nümunəsidir.",
        ]);
        Assert.Contains("bir çox sahədə əməkdaşlığı dərinləşdirməsinin bariz nümunəsidir.", lines);
        Assert.DoesNotContain("məsinin bariz nümunəsidir.", lines);
    }

    [Fact]
    public void Dash_after_a_space_is_not_a_hyphenation()
    {
        var lines = Hyphenation.Mend(["O dedi -", "sonra getdi."]);
        Assert.Equal(["O dedi -", "sonra getdi."], lines);
    }

    [Fact]
    public void Capitalised_continuation_is_left_alone()
    {
        var lines = Hyphenation.Mend(["Azərbaycan-", "Qazaxıstan münasibətləri"]);
        Assert.Equal(2, lines.Count);
    }

    [Theory]
    [InlineData("dərinləşdirməsinin", true)]
    [InlineData("layihələrin", true)]
    [InlineData("regional", true)]
    [InlineData("qzxwvbn", false)]
    public void Inflected_forms_are_words(string word, bool known) =>
        Assert.Equal(known, Hyphenation.IsWord(word));

    [Theory]
    [InlineData("dərinləşdirməsinin", 11 + 2, 2)]
    [InlineData("regional", 4, 3)]
    [InlineData("qzxwvbn", 3, 0)]
    public void Joined_words_are_graded_by_attestation(string word, int sharedPrefix, int expected) =>
        Assert.Equal(expected, Hyphenation.Attestation(word, sharedPrefix));
}
