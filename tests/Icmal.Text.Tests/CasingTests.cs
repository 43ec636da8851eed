using Icmal.Text.Casing;

namespace Icmal.Text.Tests;

public class CasingTests
{
    [Fact]
    public void Lowercasing_IGDIR_gives_ığdır() => Assert.Equal("ığdır", AzCasing.ToLower("IĞDIR"));

    [Fact]
    public void Lowercasing_ILHAM_with_dotted_capital_gives_ilham() => Assert.Equal("ilham", AzCasing.ToLower("İLHAM"));

    [Fact]
    public void Uppercasing_ilham_gives_dotted_capital_İLHAM() => Assert.Equal("İLHAM", AzCasing.ToUpper("ilham"));

    [Fact]
    public void Uppercasing_ığdır_gives_IĞDIR() => Assert.Equal("IĞDIR", AzCasing.ToUpper("ığdır"));

    [Fact]
    public void Uppercasing_all_Azerbaijani_letters() => Assert.Equal("ƏŞÇĞÖÜIİ", AzCasing.ToUpper("əşçğöüıi"));

    [Fact]
    public void Lowercasing_returns_the_same_instance_when_nothing_changes()
    {
        string s = "azərbaycan";
        Assert.Same(s, AzCasing.ToLower(s));
    }

    [Fact]
    public void Char_casing_maps_I_to_dotless_ı_and_İ_to_i()
    {
        Assert.Equal('ı', AzCasing.ToLower('I'));
        Assert.Equal('i', AzCasing.ToLower('İ'));
        Assert.Equal('İ', AzCasing.ToUpper('i'));
        Assert.Equal('I', AzCasing.ToUpper('ı'));
        Assert.Equal('ə', AzCasing.ToLower('Ə'));
    }

    [Fact]
    public void Ignore_case_comparison_keeps_I_and_i_apart()
    {
        Assert.True(AzCasing.EqualsIgnoreCase("İLHAM", "ilham"));
        Assert.True(AzCasing.EqualsIgnoreCase("IĞDIR", "ığdır"));
        Assert.False(AzCasing.EqualsIgnoreCase("ILHAM", "ilham"));
    }

    [Theory]
    [InlineData("Əliyevə", "eliyeve")]
    [InlineData("IĞDIR", "igdir")]
    [InlineData("Şəki Çörəkçisi Öz Gücü", "seki corekcisi oz gucu")]
    [InlineData("İlham", "ilham")]
    public void Ascii_folding_drops_Azerbaijani_letters_for_people_typing_without_them(string input, string folded) =>
        Assert.Equal(folded, AzCasing.FoldAscii(input));

    [Fact]
    public void Folded_forms_of_Azerbaijani_and_ascii_spellings_match() =>
        Assert.Equal(AzCasing.FoldAscii("Qəbələ"), AzCasing.FoldAscii("QEBELE"));

    [Fact]
    public void Ignore_case_comparer_finds_İLHAM_under_ilham_but_not_ILHAM()
    {
        var set = new HashSet<string>(AzCasing.IgnoreCaseComparer) { "ilham" };
        Assert.Contains("İLHAM", set);
        Assert.DoesNotContain("ILHAM", set);
    }

    /// <summary>The lower-case table (issue #17) answers as its definition for every UTF-16 code unit.</summary>
    [Fact]
    public void Lower_case_table_answers_as_the_definition_for_every_char()
    {
        for (int c = 0; c <= char.MaxValue; c++)
            Assert.True(AzCasing.ToLowerSlow((char)c) == AzCasing.ToLower((char)c), $"U+{c:X4}");
    }
}
