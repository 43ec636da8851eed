using Icmal.Text.Entities;

namespace Icmal.Text.Tests.Entities;

/// <summary>The gazetteer of countries, their places and their people.</summary>
public sealed class PlaceCountriesTests
{
    [Fact]
    public void Every_country_of_the_lexicons_list_is_a_country_of_the_gazetteer()
    {
        // shared/data/az/lexicon/az-countries.txt: the 239 Azerbaijani country names the lexicon knows.
        var names = File.ReadAllLines(TestPaths.SharedData("az/lexicon/az-countries.txt")).Where(l => l.Trim().Length > 0).ToList();
        var countries = PlaceCountries.All.Where(p => p.Kind == PlaceKind.Country && p.Azerbaijani).Select(p => p.Form).ToHashSet(StringComparer.Ordinal);
        // The gazetteer separates forms by commas, so "Müqəddəs Yelena, Askenson və Tristan-da-Kunya adaları" is listed by its first part.
        var missing = names.Select(n => n.Split(',')[0].Trim()).Where(n => !countries.Contains(n)).ToList();
        Assert.True(missing.Count == 0, "not in the gazetteer: " + string.Join(", ", missing));
        Assert.Equal(PlaceCountries.Countries.Count, PlaceCountries.Countries.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData("Tehran", "İran")]
    [InlineData("TƏBRİZ", "İran")]
    [InlineData("israilli", "İsrail")]
    [InlineData("Təl-Əviv", "İsrail")]
    [InlineData("Qüds", "İsrail")]
    [InlineData("Vaşinqton", "ABŞ")]
    [InlineData("Sankt-Peterburq", "Rusiya")]
    [InlineData("Kharkiv", "Ukrayna")]
    [InlineData("Тегеран", "İran")]
    [InlineData("Dəməşq", "Suriya")]
    public void A_place_or_people_names_its_country(string form, string country) => Assert.Equal(country, PlaceCountries.CountryOf(form));

    [Fact]
    public void A_form_of_two_countries_names_neither()
    {
        // Tripoli is Libya's capital and a Lebanese city; Kingston the capital of Jamaica and of Norfolk Island.
        Assert.Null(PlaceCountries.CountryOf("Tripoli"));
        Assert.Null(PlaceCountries.CountryOf("Kinqston"));
        Assert.Null(PlaceCountries.CountryOf("Bakıxanov"));
    }

    [Fact]
    public void Names_of_several_words_that_hold_a_countrys_word_are_listed_as_no_country()
    {
        Assert.Contains("Fars körfəzi", PlaceCountries.NotCountries);
        Assert.Contains("Latın Amerikası", PlaceCountries.NotCountries);
    }
}
