namespace Icmal.Extraction.Dates;

/// <summary>
/// Agreement between a page's dates at different precisions. A date written without a time of day ("09.11.2025",
/// "datePublished": "2025-11-09") means the whole day on the publisher's calendar; a timestamp that falls on that
/// day agrees with it and says more, so it is kept: the feed of a busy day is ordered by the minute.
/// </summary>
/// <remarks>
/// Date readers give a date without a time as midnight on its own clock; a real publication at 00:00:00 sharp is
/// rare enough that midnight is read as "no time given". A timestamp in UTC is moved to the publisher's zone (or,
/// when it is unknown, to the day's own offset) before the days are compared: "2025-11-08T21:30Z" is the 9th in Baku.
/// A timestamp with its own offset is on its writer's calendar already.
/// </remarks>
public static class DatePrecision
{
    /// <summary>Whether a date carries no time of day (midnight on its own clock).</summary>
    public static bool IsDayOnly(DateTimeOffset value) => value.TimeOfDay == TimeSpan.Zero;

    /// <summary>
    /// <paramref name="timed"/> on the publisher's calendar when it carries a time and falls on the calendar day of
    /// <paramref name="day"/>; else null.
    /// </summary>
    public static DateTimeOffset? OnSameDay(DateTimeOffset day, DateTimeOffset timed, TimeZoneInfo? zone)
    {
        if (IsDayOnly(timed)) return null;
        var local = timed.Offset != TimeSpan.Zero ? timed
            : zone is not null ? TimeZoneInfo.ConvertTime(timed, zone)
            : timed.ToOffset(day.Offset);
        return local.Date == day.Date ? local : null;
    }

    /// <summary>
    /// <paramref name="chosen"/>, given the time of the first of <paramref name="others"/> that agrees with it when
    /// it has none of its own; the day never changes.
    /// </summary>
    public static DateTimeOffset Sharpen(DateTimeOffset chosen, IEnumerable<DateTimeOffset?> others, TimeZoneInfo? zone)
    {
        ArgumentNullException.ThrowIfNull(others);
        if (!IsDayOnly(chosen)) return chosen;
        foreach (var other in others)
            if (other is { } o && OnSameDay(chosen, o, zone) is { } sharper) return sharper;
        return chosen;
    }
}
