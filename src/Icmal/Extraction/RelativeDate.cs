using System.Globalization;
using System.Text.RegularExpressions;

namespace Icmal.Extraction;

/// <summary>
/// Reads the relative dates portals show instead of a date ("Bu gün, 14:37", "Dünən 18:02", "2 saat əvvəl",
/// "Сегодня в 14:37", "3 часа назад", "Dün 09:15", "5 dakika önce", "Yesterday at 9:15", "2 hours ago").
/// </summary>
/// <remarks>
/// Such a date means something only against the moment the page was fetched, so it is read only when that
/// moment is known (a crawl), never for a file of unknown age: "Bu gün" on a page saved last year is not today.
/// "Today" is the publisher's today, not the crawler's: a page fetched at 22:00 UTC is already on tomorrow's
/// date in Baku. Spans of weeks and months ("2 həftə əvvəl", "a month ago") are too coarse to name a day and
/// are not read; neither is a day word without a time ("bu gün Azərbaycan ...", a "Dünən" tab of a most-read
/// box), nor a time with a case ending ("bu gün saat 15:00-da keçiriləcək" is an event, not a date line).
/// </remarks>
public static partial class RelativeDate
{
    /// <summary>
    /// Finds a relative date in a short date line and resolves it against <paramref name="fetched"/>, on the
    /// calendar of <paramref name="publisherZone"/> (Baku time when unknown).
    /// </summary>
    /// <param name="span">Where in <paramref name="line"/> the relative date is written.</param>
    public static bool TryRead(string line, DateTimeOffset fetched, TimeZoneInfo? publisherZone, out DateTimeOffset value, out Range span)
    {
        ArgumentNullException.ThrowIfNull(line);
        value = default;
        span = default;
        if (line.Length > 200) return false;
        var local = publisherZone is null ? fetched.ToOffset(DateText.BakuOffset) : TimeZoneInfo.ConvertTime(fetched, publisherZone);

        var day = DayWordWithTime().Match(line);
        if (!day.Success) day = TimeThenDayWord().Match(line);
        if (day.Success && DaysBack(day.Groups["day"].Value) is int back)
        {
            var date = local.Date.AddDays(-back);
            int h = int.Parse(day.Groups["h"].ValueSpan, CultureInfo.InvariantCulture);
            int min = int.Parse(day.Groups["min"].ValueSpan, CultureInfo.InvariantCulture);
            value = At(date.AddHours(h).AddMinutes(min), publisherZone, local.Offset);
            // "Bu gün, 23:50" read at 00:05 the next day in Baku would be in the future: a clock skew, not a date.
            if (value > fetched.AddMinutes(10)) return false;
            span = day.Index..(day.Index + day.Length);
            return true;
        }

        var ago = Ago().Match(line);
        if (ago.Success && Amount(ago.Groups["n"].Value) is int n && Unit(ago.Groups["unit"].Value) is { } unit)
        {
            var elapsed = unit * n;
            if (elapsed > TimeSpan.FromDays(31)) return false;
            var then = local - elapsed;
            // "3 gün əvvəl" names a day, not a moment.
            value = unit >= TimeSpan.FromDays(1) ? At(then.Date, publisherZone, then.Offset) : then;
            span = ago.Index..(ago.Index + ago.Length);
            return true;
        }
        return false;
    }

    /// <summary>A publisher-local wall time as an instant, with the offset the zone has on that day.</summary>
    private static DateTimeOffset At(DateTime wall, TimeZoneInfo? zone, TimeSpan fallback)
    {
        wall = DateTime.SpecifyKind(wall, DateTimeKind.Unspecified);
        if (zone is null) return new DateTimeOffset(wall, fallback);
        // A wall time skipped by a daylight-saving change belongs to the hour after it.
        if (zone.IsInvalidTime(wall)) wall = wall.AddHours(1);
        return new DateTimeOffset(wall, zone.GetUtcOffset(wall));
    }

    private static int? DaysBack(string word) => word.ToLowerInvariant().Replace(" ", "", StringComparison.Ordinal) switch
    {
        "bugün" or "today" or "сегодня" => 0,
        "dünən" or "dün" or "yesterday" or "вчера" => 1,
        "srağagün" or "позавчера" => 2,
        _ => null,
    };

    private static int? Amount(string n) => n.ToLowerInvariant() switch
    {
        "" or "bir" or "an" or "a" or "one" => 1,
        _ => int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out int v) ? v : null,
    };

    private static TimeSpan? Unit(string unit)
    {
        string u = unit.ToLowerInvariant().TrimEnd('.');
        if (u.StartsWith("dəq", StringComparison.Ordinal) || u.StartsWith("dak", StringComparison.Ordinal) || u is "dk"
            || u.StartsWith("min", StringComparison.Ordinal) || u.StartsWith("мин", StringComparison.Ordinal))
            return TimeSpan.FromMinutes(1);
        if (u is "saat" or "sa" || u.StartsWith("hour", StringComparison.Ordinal) || u.StartsWith("hr", StringComparison.Ordinal)
            || u.StartsWith("час", StringComparison.Ordinal))
            return TimeSpan.FromHours(1);
        if (u is "gün" or "день" || u.StartsWith("day", StringComparison.Ordinal) || u.StartsWith("дн", StringComparison.Ordinal))
            return TimeSpan.FromDays(1);
        return null;
    }

    private const string DayWords = @"bu\s?gün|dünən|srağagün|dün|today|yesterday|сегодня|вчера|позавчера";

    /// <summary>"Bu gün, 14:37", "Dünən saat 18:02", "Сегодня в 14:37", "Yesterday at 9:15".</summary>
    [GeneratedRegex(@"(?<![\p{L}\d])(?<day>" + DayWords + @")(?!\p{L})[\s,|/·–—-]*(?:(?:saat|at|в|um|à)\s*)?(?<h>[01]?\d|2[0-3])[:.](?<min>[0-5]\d)(?![\d:.]\d)(?!['’-]?\p{L})",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex DayWordWithTime();

    /// <summary>"14:37, Bu gün", "09:15 | Dünən".</summary>
    [GeneratedRegex(@"(?<![\d:.])(?<h>[01]?\d|2[0-3])[:.](?<min>[0-5]\d)(?![\d:.]\d)[\s,|/·–—-]*(?<day>" + DayWords + @")(?!\p{L})",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex TimeThenDayWord();

    /// <summary>"2 saat əvvəl", "5 dakika önce", "3 часа назад", "an hour ago", "bir gün əvvəl".</summary>
    [GeneratedRegex(@"(?:(?<![\p{L}\d])(?<n>\d{1,4}|bir|an|a|one)\s*|(?<![\p{L}\d][\s,]*))(?<unit>dəqiqə|dəq\.?|dakika|dk\.?|minutes?|mins?|минут[уы]?|мин\.?|saat|sa\.?|hours?|hrs?|час(?:а|ов)?|gün|days?|день|дн(?:я|ей))\s+(?:əvvəl|öncə|önce|ago|назад)(?!\p{L})",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Ago();
}
