using System.Globalization;
using System.Text.RegularExpressions;
using Icmal.Text.Casing;

namespace Icmal.Extraction;

/// <summary>
/// Reads publication dates written the ways Azerbaijani, Russian, Turkish and English pages write them:
/// "27.10.2025 [14:37]", "20 Oktyabr 2025 14:02", "21 oktyabr 2025-ci il", "21 октября 2025", ISO 8601.
/// </summary>
/// <remarks>A date without an offset is taken as Baku time (UTC+4), where almost all of these pages are written.</remarks>
public static partial class DateText
{
    public static readonly TimeSpan BakuOffset = TimeSpan.FromHours(4);

    private static readonly Dictionary<string, int> Months = BuildMonths();

    /// <summary>Finds the first full date (day, month, year) in <paramref name="text"/>.</summary>
    public static bool TryFind(string text, out DateTimeOffset value)
    {
        ArgumentNullException.ThrowIfNull(text);
        value = default;

        var iso = IsoDate().Match(text);
        if (iso.Success)
        {
            if (iso.Groups["offset"].Success)
            {
                if (DateTimeOffset.TryParse(iso.Value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset))
                {
                    value = withOffset;
                    return Plausible(value);
                }
            }
            else if (DateTime.TryParse(iso.Value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            {
                value = new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), BakuOffset);
                return Plausible(value);
            }
        }

        var dotted = DottedDate().Match(text);
        if (dotted.Success)
        {
            int day = Int(dotted.Groups["d"]), month = Int(dotted.Groups["m"]), year = Year(Int(dotted.Groups["y"]));
            return Build(year, month, day, dotted.Groups["h"], dotted.Groups["min"], out value);
        }

        foreach (Match m in WordDate().Matches(text))
        {
            if (!Months.TryGetValue(MonthKey(m.Groups["month"].Value), out int month)) continue;
            return Build(Int(m.Groups["y"]), month, Int(m.Groups["d"]), m.Groups["h"], m.Groups["min"], out value);
        }

        foreach (Match m in YearFirstWordDate().Matches(text))
        {
            if (!Months.TryGetValue(MonthKey(m.Groups["month"].Value), out int month)) continue;
            return Build(Int(m.Groups["y"]), month, Int(m.Groups["d"]), m.Groups["h"], m.Groups["min"], out value);
        }
        return false;
    }

    private static bool Build(int year, int month, int day, Group hour, Group minute, out DateTimeOffset value)
    {
        value = default;
        if (month is < 1 or > 12 || day < 1 || year is < 1990 or > 2100 || day > DateTime.DaysInMonth(year, month)) return false;
        int h = hour.Success ? Int(hour) : 0, mi = minute.Success ? Int(minute) : 0;
        if (h > 23 || mi > 59) return false;
        value = new DateTimeOffset(year, month, day, h, mi, 0, BakuOffset);
        return true;
    }

    private static bool Plausible(DateTimeOffset value) => value.Year is >= 1990 and <= 2100;

    private static int Int(Group g) => int.Parse(g.ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture);

    private static int Year(int y) => y < 100 ? 2000 + y : y;

    /// <summary>Month words are matched by their first letters so inflected forms ("oktyabrın", "октября") match too.</summary>
    private static string MonthKey(string word)
    {
        string lower = AzCasing.ToLower(word);
        return lower.Length <= 3 ? lower : lower[..3];
    }

    private static Dictionary<string, int> BuildMonths()
    {
        string[][] names =
        [
            ["yanvar", "январ", "ocak", "january", "jan"],
            ["fevral", "феврал", "şubat", "february", "feb"],
            ["mart", "март", "march", "mar"],
            ["aprel", "апрел", "nisan", "april", "apr"],
            ["may", "мая", "май", "mayıs"],
            ["iyun", "июн", "haziran", "june", "jun"],
            ["iyul", "июл", "temmuz", "july", "jul"],
            ["avqust", "август", "ağustos", "august", "aug"],
            ["sentyabr", "сентябр", "eylül", "september", "sep"],
            ["oktyabr", "октябр", "ekim", "october", "oct"],
            ["noyabr", "ноябр", "kasım", "november", "nov"],
            ["dekabr", "декабр", "aralık", "december", "dec"],
        ];
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < names.Length; i++)
            foreach (string n in names[i]) map.TryAdd(MonthKey(n), i + 1);
        // "mar" (March) and "may" share no prefix; "mayıs" and "may" both map to 5.
        return map;
    }

    [GeneratedRegex(@"\b(?<date>(19|20)\d\d-[01]\d-[0-3]\d)(?<time>[T ][0-2]\d:[0-5]\d(:[0-5]\d(\.\d+)?)?(?<offset>Z|[+-][0-2]\d:?[0-5]\d)?)?", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"\b(?<d>[0-3]?\d)[./](?<m>[01]?\d)[./](?<y>(19|20)\d\d)\b(?:\D{0,6}(?<h>[0-2]?\d):(?<min>[0-5]\d))?", RegexOptions.CultureInvariant)]
    private static partial Regex DottedDate();

    [GeneratedRegex(@"\b(?<d>[0-3]?\d)\s+(?<month>\p{L}{3,12})\.?,?\s+(?<y>(19|20)\d\d)(?:\S*\s*(?:il|г\.|года|yılı)?[,\s]*(?<h>[0-2]?\d):(?<min>[0-5]\d))?", RegexOptions.CultureInvariant)]
    private static partial Regex WordDate();

    [GeneratedRegex(@"\b(?<y>(19|20)\d\d)-c[iıuü]\s+il(?:in)?\s+(?<d>[0-3]?\d)\s+(?<month>\p{L}{3,12})(?:\s+(?<h>[0-2]?\d):(?<min>[0-5]\d))?", RegexOptions.CultureInvariant)]
    private static partial Regex YearFirstWordDate();
}
