using Icmal.Linking;
using Icmal.Model;

namespace Icmal.Tests.Linking;

/// <summary>
/// The names an article's site goes by, matched against the site a copy's credit line names: a page names its own
/// site as it likes, so a name that claims another site than the page's address does not count.
/// </summary>
public sealed class SiteKeysTests
{
    [Theory]
    [InlineData("https://apa.az/xeber/1", "APA", "https://apa.az/", new[] { "apa.az", "name:apa" })]
    [InlineData("https://m.apa.az/xeber/1", "APA", "https://apa.az/", new[] { "m.apa.az", "name:apa" })]
    [InlineData("https://saxta.az/xeber/1", "APA", "https://apa.az/", new[] { "saxta.az" })]
    [InlineData("https://saxta.az/xeber/1", "APA", null, new[] { "saxta.az", "name:apa" })]
    [InlineData(null, "APA", "https://apa.az/", new[] { "name:apa" })]
    [InlineData("https://www.sherg.az/a", "Sherg.az", null, new[] { "sherg.az" })]
    [InlineData("https://saxta.az/a", "Sherg.az", null, new[] { "saxta.az" })]
    [InlineData("https://saxta.az/a", "https://sherg.az/", null, new[] { "saxta.az" })]
    [InlineData("https://sherg.az.saxta.com/a", "sherg.az", null, new[] { "sherg.az.saxta.com" })]
    public void A_site_name_counts_only_where_it_names_the_site_of_the_articles_address(string? url, string site, string? sourceHome, string[] keys) =>
        Assert.Equal(keys.Order(StringComparer.Ordinal), SiteKeys.OfArticle(url, site, sourceHome).Order(StringComparer.Ordinal));

    [Fact]
    public void A_page_elsewhere_calling_itself_by_a_followed_sources_name_is_not_the_site_a_credit_to_that_source_names()
    {
        var credit = SiteKeys.OfCredit(new SourceCredit("APA", null), "https://apa.az/");

        Assert.True(SiteKeys.Match(SiteKeys.OfArticle("https://apa.az/xeber/1", "APA", "https://apa.az/"), credit));
        Assert.False(SiteKeys.Match(SiteKeys.OfArticle("https://saxta.az/xeber/1", "APA", "https://apa.az/"), credit));
        Assert.False(SiteKeys.Match(SiteKeys.OfArticle("https://saxta.az/xeber/1", "apa.az", null), credit));
    }
}
