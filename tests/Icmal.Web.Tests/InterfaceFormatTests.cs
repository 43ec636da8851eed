using System.Globalization;
using Icmal.Model;
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
        Assert.Equal(expected, Format().DateSource(DateEvidence.FromCode(code)));

    [Fact]
    public void Every_kind_of_date_evidence_is_told_in_words_and_none_as_nothing()
    {
        var format = Format();
        Assert.All(Enum.GetValues<DateEvidenceKind>(), kind => Assert.False(string.IsNullOrWhiteSpace(format.DateSource(new DateEvidence(kind)))));
        Assert.Null(format.DateSource(null));
    }

    [Fact]
    public void Every_pipeline_stage_is_told_in_words()
    {
        var format = Format();
        var names = Enum.GetValues<IngestStage>().Select(format.StageName).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.DoesNotContain(names, n => Enum.GetNames<IngestStage>().Any(code => string.Equals(code, n, StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public void Dates_are_shown_in_baku_time_with_azerbaijani_month_names() =>
        Assert.Equal("21 oktyabr 2025, 14:37", Format().DateTime(new DateTimeOffset(2025, 10, 21, 10, 37, 0, TimeSpan.Zero)));

    [Theory]
    [InlineData("az", "21 oktyabr 2025, 14:37", "3 yanvar 2026")]
    [InlineData("ru", "21 октября 2025, 14:37", "3 января 2026")]
    [InlineData("en", "21 October 2025, 14:37", "3 January 2026")]
    public void Dates_are_written_as_each_language_writes_them(string culture, string moment, string day)
    {
        var format = Format(culture);
        Assert.Equal(moment, format.DateTime(new DateTimeOffset(2025, 10, 21, 10, 37, 0, TimeSpan.Zero)));
        Assert.Equal(day, format.Date(new DateOnly(2026, 1, 3)));
    }

    [Theory]
    [InlineData("az", "12.345 nəticə")]
    [InlineData("ru", "12\u00a0345 результатов")]
    [InlineData("en", "12,345 results")]
    public void Counts_are_grouped_as_each_language_groups_digits(string culture, string expected)
    {
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        var text = new CatalogueLocalizer(new ServiceCollection().AddLogging().AddLocalization().BuildServiceProvider()
            .GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizerFactory>());
        Assert.Equal(expected, text["Search.Count", 12345].Value);
    }

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
