namespace Icmal.Model;

/// <summary>
/// A span of the latest news that a list counts over, ending now: who is named most in the last day, week or month.
/// Spans are measured back from the moment asked (not Baku calendar days), so "day" at 09:00 still counts yesterday
/// evening's news.
/// </summary>
public enum RecentPeriod
{
    Day,
    Week,
    Month,
}

/// <summary>The codes periods go by in addresses and options (<c>?period=week</c>), and where each starts.</summary>
public static class RecentPeriods
{
    /// <summary>Every period, shortest first.</summary>
    public static IReadOnlyList<RecentPeriod> All { get; } = [RecentPeriod.Day, RecentPeriod.Week, RecentPeriod.Month];

    public static string Code(RecentPeriod period) => period switch
    {
        RecentPeriod.Day => "day",
        RecentPeriod.Week => "week",
        _ => "month",
    };

    /// <summary>The period <paramref name="code"/> names ("day", "week", "month", any case); null for anything else.</summary>
    public static RecentPeriod? Parse(string? code) => code?.ToLowerInvariant() switch
    {
        "day" => RecentPeriod.Day,
        "week" => RecentPeriod.Week,
        "month" => RecentPeriod.Month,
        _ => null,
    };

    /// <summary>The first moment of <paramref name="period"/> when it ends at <paramref name="now"/>: 1, 7 or 30 days before.</summary>
    public static DateTimeOffset Since(RecentPeriod period, DateTimeOffset now) => now.AddDays(period switch
    {
        RecentPeriod.Day => -1,
        RecentPeriod.Week => -7,
        _ => -30,
    });
}
