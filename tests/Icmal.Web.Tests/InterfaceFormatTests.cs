using System.Globalization;
using Icmal.Web.Catalogue;
using Microsoft.Extensions.DependencyInjection;

namespace Icmal.Web.Tests;

/// <summary>Dates and date evidence in the interface language, read from the catalogue as the portal reads them.</summary>
public sealed class InterfaceFormatTests
{
    /// <summary>The formatter as the portal builds it, over the real catalogue, answering in <paramref name="culture"/>.</summary>
    internal static InterfaceFormat Format(string culture = InterfaceCultures.Default)
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        return new ServiceCollection().AddLogging().AddLocalization().AddSingleton<InterfaceFormat>().BuildServiceProvider().GetRequiredService<InterfaceFormat>();
    }

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
        Assert.Equal(expected, Format().DateSource(from));

    [Fact]
    public void An_unknown_date_source_is_shown_as_it_is_and_none_as_nothing()
    {
        Assert.Equal("some new kind", Format().DateSource("some new kind"));
        Assert.Null(Format().DateSource(null));
    }

    [Fact]
    public void Dates_are_shown_in_baku_time_with_azerbaijani_month_names() =>
        Assert.Equal("21 oktyabr 2025, 14:37", Format().DateTime(new DateTimeOffset(2025, 10, 21, 10, 37, 0, TimeSpan.Zero)));

    [Fact]
    public void Every_month_has_its_own_name()
    {
        var format = Format();
        var names = Enumerable.Range(1, 12).Select(format.MonthName).ToList();
        Assert.Equal(12, names.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal("yanvar", names[0]);
        Assert.Equal("dekabr", names[11]);
    }
}
