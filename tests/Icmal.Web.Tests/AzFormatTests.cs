namespace Icmal.Web.Tests;

public sealed class AzFormatTests
{
    [Theory]
    [InlineData("json-ld NewsArticle", "səhifənin strukturlaşdırılmış məlumatı (JSON-LD)")]
    [InlineData("meta article:published_time", "səhifənin meta teqləri")]
    [InlineData("shown at the headline", "başlığın yanında göstərilən tarix")]
    [InlineData("revision shown at the headline", "yenilənmə tarixi")]
    [InlineData("relative date shown at the headline", "nisbi tarix («Bu gün», «2 saat əvvəl»), yükləmə vaxtından hesablanıb")]
    [InlineData("canonical address", "məqalənin ünvanı")]
    [InlineData("date line before the text", "məqalə mətnindəki tarix sətri")]
    [InlineData("date element at the article", "məqalənin yanındakı tarix elementi")]
    public void Date_sources_are_told_in_azerbaijani(string from, string expected) =>
        Assert.Equal(expected, AzFormat.DateSource(from));

    [Fact]
    public void An_unknown_date_source_is_shown_as_it_is_and_none_as_nothing()
    {
        Assert.Equal("some new kind", AzFormat.DateSource("some new kind"));
        Assert.Null(AzFormat.DateSource(null));
    }

    [Fact]
    public void Dates_are_shown_in_baku_time_with_azerbaijani_month_names() =>
        Assert.Equal("21 oktyabr 2025, 14:37", AzFormat.DateTime(new DateTimeOffset(2025, 10, 21, 10, 37, 0, TimeSpan.Zero)));
}
