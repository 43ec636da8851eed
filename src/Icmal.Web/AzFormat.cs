using System.Globalization;

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
    public static string? DateSource(string? from) => from switch
    {
        null => null,
        _ when from.StartsWith("relative ", StringComparison.Ordinal) => "nisbi tarix («Bu gün», «2 saat əvvəl»), yükləmə vaxtından hesablanıb",
        _ when from.Contains("revision", StringComparison.Ordinal) => "yenilənmə tarixi",
        _ when from.StartsWith("json-ld ", StringComparison.Ordinal) => "səhifənin strukturlaşdırılmış məlumatı (JSON-LD)",
        _ when from.StartsWith("meta ", StringComparison.Ordinal) => "səhifənin meta teqləri",
        _ when from.StartsWith("script data ", StringComparison.Ordinal) => "səhifənin skript məlumatı",
        _ when from.StartsWith("marked ", StringComparison.Ordinal) => "dərc tarixi kimi işarələnmiş element",
        "address" or "canonical address" => "məqalənin ünvanı",
        "shown at the headline" or "time element at the headline" => "başlığın yanında göstərilən tarix",
        "date line on the page" => "səhifədəki tarix sətri",
        "date in the page's markup" => "səhifə kodunda ən çox təkrarlanan tarix",
        "the item's date field" => "idxal olunan məlumatın tarix sahəsi",
        _ when from.Contains("element", StringComparison.Ordinal) => "məqalənin yanındakı tarix elementi",
        _ when from.Contains("line", StringComparison.Ordinal) || from.Contains("text", StringComparison.Ordinal) => "məqalə mətnindəki tarix sətri",
        _ => from,
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
