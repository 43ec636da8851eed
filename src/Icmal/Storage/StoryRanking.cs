using System.Globalization;
using Icmal.Model;

namespace Icmal.Storage;

/// <summary>
/// The days stories are listed by: Baku calendar days (UTC+4, no daylight saving since 2016), where the portals İcmal
/// reads publish. A story belongs to every day on which one of its articles was reported.
/// </summary>
public static class StoryDays
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(4);

    /// <summary>The Baku day of an instant.</summary>
    public static DateOnly DayOf(DateTimeOffset at) => DateOnly.FromDateTime(at.ToOffset(Offset).DateTime);

    /// <summary>The first instant of a Baku day.</summary>
    public static DateTimeOffset Start(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), Offset);

    /// <summary>A day as it is written in addresses and the API: <c>YYYY-MM-DD</c>.</summary>
    public static string Format(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// The first and last day a listing may name. News has no earlier days, and the calendar's own ends
    /// (0001-01-01, 9999-12-31) have no Baku instant at their edges.
    /// </summary>
    public static readonly DateOnly MinDay = new(1900, 1, 1), MaxDay = new(2999, 12, 31);

    /// <summary>How a bad day is told, in the API's words.</summary>
    public const string Rule = "a date written YYYY-MM-DD, from 1900-01-01 to 2999-12-31";

    /// <summary>Reads a day written as <c>YYYY-MM-DD</c> within <see cref="MinDay"/>..<see cref="MaxDay"/>; anything else is null.</summary>
    public static DateOnly? Parse(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && day >= MinDay && day <= MaxDay ? day : null;
}

/// <summary>Which stories to rank: those reported on <paramref name="Day"/> (the latest day with stories when null).</summary>
/// <param name="Limit">Stories per page, 1 to <see cref="MaxLimit"/>.</param>
/// <param name="Offset">Stories of the day to skip, 0 to <see cref="MaxOffset"/>.</param>
public sealed record StoryDayQuery(DateOnly? Day = null, int Limit = 20, int Offset = 0)
{
    public const int MaxLimit = 200;

    /// <summary>No day has this many stories worth paging through; a bound keeps every page cheap.</summary>
    public const int MaxOffset = 10_000;
}

/// <summary>A story as a front page lists it: the story, the sites that reported it (earliest first), and how many.</summary>
public sealed record RankedStory(Story Story, IReadOnlyList<string> Sources);

/// <summary>
/// One page of a day's stories, ranked like a front page: most distinct sources first, then the latest report. The
/// nearest days before and after with stories let a reader walk the archive day by day.
/// </summary>
/// <param name="Day">The day listed; null when no story is stored at all.</param>
/// <param name="Total">How many stories were reported on that day.</param>
public sealed record StoryDayPage(DateOnly? Day, IReadOnlyList<RankedStory> Items, int Total, int Offset, DateOnly? EarlierDay, DateOnly? LaterDay)
{
    /// <summary>The page as the API and <c>icmal stories --format json</c> write it.</summary>
    public StoryListJson ToJson(int limit) => new(
        Day is { } day ? StoryDays.Format(day) : null, Items.Select(s => StorySummaryJson.From(s.Story, s.Sources)).ToList(), Total, limit, Offset,
        EarlierDay is { } earlier ? StoryDays.Format(earlier) : null, LaterDay is { } later ? StoryDays.Format(later) : null);
}
