using Icmal.Model;

namespace Icmal.Web.Tests;

public sealed class AzFormatTests
{
    [Theory]
    [InlineData("json-ld:NewsArticle", "səhifənin strukturlaşdırılmış məlumatı (JSON-LD)")]
    [InlineData("meta:article:published_time", "səhifənin meta teqləri")]
    [InlineData("headline", "başlığın yanında göstərilən tarix")]
    [InlineData("headline:time", "başlığın yanında göstərilən tarix")]
    [InlineData("revision:headline", "yenilənmə tarixi")]
    [InlineData("relative:headline", "nisbi tarix («Bu gün», «2 saat əvvəl»), yükləmə vaxtından hesablanıb")]
    [InlineData("canonical-address", "məqalənin ünvanı")]
    [InlineData("line:before-text", "məqalə mətnindəki tarix sətri")]
    [InlineData("element:article", "məqalənin yanındakı tarix elementi")]
    [InlineData("page-line", "səhifədəki tarix sətri")]
    public void Date_sources_are_told_in_azerbaijani(string code, string expected) =>
        Assert.Equal(expected, AzFormat.DateSource(DateEvidence.FromCode(code)));

    [Fact]
    public void Every_kind_of_date_evidence_is_told_in_words_and_none_as_nothing()
    {
        Assert.All(Enum.GetValues<DateEvidenceKind>(), kind => Assert.False(string.IsNullOrWhiteSpace(AzFormat.DateSource(new DateEvidence(kind)))));
        Assert.Null(AzFormat.DateSource(null));
    }

    [Fact]
    public void Dates_are_shown_in_baku_time_with_azerbaijani_month_names() =>
        Assert.Equal("21 oktyabr 2025, 14:37", AzFormat.DateTime(new DateTimeOffset(2025, 10, 21, 10, 37, 0, TimeSpan.Zero)));
}
