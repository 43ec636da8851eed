using Icmal.Text.Normalization;

namespace Icmal.Text.Tests;

public class NormalizerTests
{
    [Fact]
    public void Non_breaking_hyphen_becomes_a_hyphen() =>
        Assert.Equal("Kassym-Jomart Trans-Caspian", AzNormalizer.NormalizeToString("Kassym\u2011Jomart Trans\u2011Caspian"));

    [Fact]
    public void Dash_between_words_becomes_a_hyphen_and_a_spaced_dash_stays_a_dash() =>
        Assert.Equal("Bakı-Tbilisi-Ceyhan – deyə o bildirdi", AzNormalizer.NormalizeToString("Bakı–Tbilisi—Ceyhan — deyə o bildirdi"));

    [Fact]
    public void Curly_quotes_guillemets_and_apostrophes_become_ascii() =>
        Assert.Equal("\"Bakı\" \"Şuşa\" Kur'an", AzNormalizer.NormalizeToString("“Bakı” «Şuşa» Kur’an"));

    [Fact]
    public void Cyrillic_schwa_inside_a_Latin_word_becomes_Latin_schwa() =>
        Assert.Equal("Azərbaycan və Əliyev", AzNormalizer.NormalizeToString("Azәrbaycan vә Әliyev"));

    [Fact]
    public void Cyrillic_look_alikes_in_Latin_words_become_Latin() =>
        Assert.Equal("Azərbaycan", AzNormalizer.NormalizeToString("Azərbaycаn")); // Cyrillic а

    [Fact]
    public void A_Cyrillic_word_keeps_its_Cyrillic_letters()
    {
        string cyrillic = "Әлијев Азәрбајҹан Президенти";
        Assert.Same(cyrillic, AzNormalizer.NormalizeToString(cyrillic));
    }

    [Fact]
    public void Latin_a_umlaut_and_turned_e_become_schwa() =>
        Assert.Equal("Əlaqə əlaqə", AzNormalizer.NormalizeToString("Älaqä ǝlaqǝ"));

    [Fact]
    public void Soft_hyphens_and_zero_width_characters_are_removed() =>
        Assert.Equal("Azərbaycanda iqtisadiyyat", AzNormalizer.NormalizeToString("Azər\u00ADbaycan\u200Bda iqti\u200Dsadiyyat\uFEFF"));

    [Fact]
    public void Decomposed_letters_are_composed() =>
        Assert.Equal("Şəki gözəl", AzNormalizer.NormalizeToString("S\u0327əki go\u0308zəl"));

    [Fact]
    public void I_with_combining_dot_from_a_culture_blind_lower_casing_becomes_i() =>
        Assert.Equal("ilham", AzNormalizer.NormalizeToString("i\u0307lham"));

    [Fact]
    public void Text_that_needs_nothing_is_returned_as_is()
    {
        string s = "Prezident İlham Əliyev Astanada çıxış edib.";
        var n = AzNormalizer.Normalize(s);
        Assert.Same(s, n.Text);
        Assert.False(n.HasOffsetMap);
    }

    [Fact]
    public void Offsets_map_back_to_the_original_after_removed_characters()
    {
        string original = "Azər\u00ADbaycan\u200B və Qa\u00ADzaxıstan";
        var n = AzNormalizer.Normalize(original);
        Assert.Equal("Azərbaycan və Qazaxıstan", n.Text);
        int start = n.Text.IndexOf("Qazaxıstan", StringComparison.Ordinal);
        var (s, len) = n.ToOriginal(start, "Qazaxıstan".Length);
        Assert.Equal("Qa\u00ADzaxıstan", original.Substring(s, len));
        Assert.Equal(original.Length, n.ToOriginal(n.Text.Length));
    }

    [Fact]
    public void Offsets_map_back_after_composition()
    {
        string original = "bu S\u0327əki";
        var n = AzNormalizer.Normalize(original);
        Assert.Equal("bu Şəki", n.Text);
        var (s, len) = n.ToOriginal(3, 4);
        Assert.Equal("S\u0327əki", original.Substring(s, len));
    }

    [Fact]
    public void Non_breaking_space_becomes_a_space_and_keeps_offsets() =>
        Assert.Equal("20 oktyabr", AzNormalizer.NormalizeToString("20\u00A0oktyabr"));

    [Fact]
    public void Latin_schwa_inside_a_Cyrillic_word_becomes_Cyrillic_schwa() =>
        Assert.Equal("Әлијев вә Азәрбајҹан", AzNormalizer.NormalizeToString("Әлијев вə Азəрбајҹан"));

    [Fact]
    public void Normalising_twice_changes_nothing_more()
    {
        string once = AzNormalizer.NormalizeToString("“Azәr\u00ADbaycan–Qazaxıstan” Kassym\u2011Jomart");
        Assert.Same(once, AzNormalizer.NormalizeToString(once));
    }
}
