using System.Globalization;
using System.Text.RegularExpressions;

namespace Icmal.Extraction.Dates;

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
        if (day.Success)
        {
            int back = day.Groups["today"].Success ? 0 : day.Groups["yesterday"].Success ? 1 : 2;
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
        if (ago.Success)
        {
            // "2 saat", or a word for one: "bir saat", "an hour", "час назад".
            int n = ago.Groups["n"].Success ? int.Parse(ago.Groups["n"].ValueSpan, CultureInfo.InvariantCulture) : 1;
            var unit = ago.Groups["minutes"].Success ? TimeSpan.FromMinutes(1) : ago.Groups["hours"].Success ? TimeSpan.FromHours(1) : TimeSpan.FromDays(1);
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

    /// <summary>Today, yesterday and the day before, each named by the group the regexes test.</summary>
    private const string DayWords =
        @"(?<today>bu\s?gün|today|сегодня)|(?<yesterday>dünən|dün|yesterday|вчера)|(?<dayBefore>srağagün|позавчера)";

    // Digits are ASCII only: \d also matches other scripts' digits, which int.Parse refuses.

    /// <summary>"Bu gün, 14:37", "Dünən saat 18:02", "Сегодня в 14:37", "Yesterday at 9:15".</summary>
    [GeneratedRegex(@"(?<![\p{L}\d])(?:" + DayWords + @")(?!\p{L})[\s,|/·–—-]*(?:(?:saat|at|в|um|à)\s*)?(?<h>[01]?[0-9]|2[0-3])[:.](?<min>[0-5][0-9])(?![0-9:.][0-9])(?!['’-]?\p{L})",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex DayWordWithTime();

    /// <summary>"14:37, Bu gün", "09:15 | Dünən".</summary>
    [GeneratedRegex(@"(?<![0-9:.])(?<h>[01]?[0-9]|2[0-3])[:.](?<min>[0-5][0-9])(?![0-9:.][0-9])[\s,|/·–—-]*(?:" + DayWords + @")(?!\p{L})",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex TimeThenDayWord();

    /// <summary>"2 saat əvvəl", "5 dakika önce", "3 часа назад", "an hour ago", "bir gün əvvəl".</summary>
    [GeneratedRegex(@"(?:(?<![\p{L}\d])(?:(?<n>[0-9]{1,4})|bir|an|a|one)\s*|(?<![\p{L}\d][\s,]*))(?:(?<minutes>dəqiqə|dəq\.?|dakika|dk\.?|minutes?|mins?|минут[уы]?|мин\.?)|(?<hours>saat|sa\.?|hours?|hrs?|час(?:а|ов)?)|(?<days>gün|days?|день|дн(?:я|ей)))\s+(?:əvvəl|öncə|önce|ago|назад)(?!\p{L})",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Ago();
}
