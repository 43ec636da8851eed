using System.Globalization;
using Icmal.Model;

namespace Icmal.Web;

/// <summary>Dates and numbers as an Azerbaijani reader expects them, in Baku time.</summary>
public static class AzFormat
{
    private static readonly string[] MonthNames =
        ["yanvar", "fevral", "mart", "aprel", "may", "iyun", "iyul", "avqust", "sentyabr", "oktyabr", "noyabr", "dekabr"];

    private static readonly TimeZoneInfo Baku = FindBaku();

    /// <summary>"21 oktyabr 2025, 14:37" in Baku time.</summary>
    public static string DateTime(DateTimeOffset value)
    {
        var local = TimeZoneInfo.ConvertTime(value, Baku);
        return string.Create(CultureInfo.InvariantCulture, $"{local.Day} {MonthNames[local.Month - 1]} {local.Year}, {local.Hour:00}:{local.Minute:00}");
    }

    /// <summary>ISO 8601 with the Baku offset, for machine-readable attributes.</summary>
    public static string Iso(DateTimeOffset value) =>
        TimeZoneInfo.ConvertTime(value, Baku).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>
    /// Where an article's date was read (<see cref="Icmal.Model.Article.PublishedFrom"/>), in words a reader
    /// understands: pages carry many dates, and a reader who doubts one should see which was taken.
    /// </summary>
    public static string? DateSource(DateEvidence? from) => from?.Kind switch
    {
        null => null,
        DateEvidenceKind.Relative => "nisbi tarix («Bu gün», «2 saat əvvəl»), yükləmə vaxtından hesablanıb",
        DateEvidenceKind.Revision => "yenilənmə tarixi",
        DateEvidenceKind.JsonLd => "səhifənin strukturlaşdırılmış məlumatı (JSON-LD)",
        DateEvidenceKind.Meta => "səhifənin meta teqləri",
        DateEvidenceKind.ScriptData => "səhifənin skript məlumatı",
        DateEvidenceKind.Marked => "dərc tarixi kimi işarələnmiş element",
        DateEvidenceKind.Address or DateEvidenceKind.CanonicalAddress => "məqalənin ünvanı",
        DateEvidenceKind.Headline => "başlığın yanında göstərilən tarix",
        DateEvidenceKind.PageLine => "səhifədəki tarix sətri",
        DateEvidenceKind.MarkupFrequency => "səhifə kodunda ən çox təkrarlanan tarix",
        DateEvidenceKind.ItemField => "idxal olunan məlumatın tarix sahəsi",
        DateEvidenceKind.DateElement => "məqalənin yanındakı tarix elementi",
        DateEvidenceKind.DateLine => "məqalə mətnindəki tarix sətri",
        _ => null,
    };

    private static TimeZoneInfo FindBaku()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Baku");
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            // Azerbaijan has kept UTC+4 without daylight saving since 2016.
            return TimeZoneInfo.CreateCustomTimeZone("Asia/Baku", TimeSpan.FromHours(4), "Bakı", "Bakı");
        }
    }
}
