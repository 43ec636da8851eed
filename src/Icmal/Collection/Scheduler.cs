using Icmal.Model;
namespace Icmal.Collection;

/// <summary>
/// When to poll a source next. As in Miniflux's entry-frequency scheduler, the interval follows how often the source
/// publishes: a week's articles spread over the week, so a portal with 300 items a day is polled every few minutes
/// and a weekly magazine every few hours. Failures back off exponentially; a little jitter keeps sources from
/// falling into step.
/// </summary>
public sealed record Scheduler
{
    public static readonly TimeSpan DefaultInterval = Model.Source.DefaultPollInterval;

    public TimeSpan MinInterval { get; init; } = TimeSpan.FromMinutes(5);
    public TimeSpan MaxInterval { get; init; } = TimeSpan.FromHours(4);
    public TimeSpan MaxErrorBackoff { get; init; } = TimeSpan.FromHours(24);

    /// <summary>The interval after a successful poll, given the articles stored in the last 7 days.</summary>
    public TimeSpan IntervalFor(long articlesLast7Days)
    {
        if (articlesLast7Days <= 0) return MaxInterval;
        var spread = TimeSpan.FromTicks(TimeSpan.FromDays(7).Ticks / articlesLast7Days);
        // Poll about twice per expected article gap, within the bounds.
        var interval = spread / 2;
        return interval < MinInterval ? MinInterval : interval > MaxInterval ? MaxInterval : interval;
    }

    /// <summary>The interval after a failed poll: doubles with each consecutive failure.</summary>
    public TimeSpan BackoffFor(int consecutiveFailures, TimeSpan normal)
    {
        double factor = Math.Pow(2, Math.Min(consecutiveFailures, 10));
        var backoff = TimeSpan.FromTicks((long)Math.Min(normal.Ticks * factor, MaxErrorBackoff.Ticks));
        return backoff < normal ? normal : backoff;
    }

    /// <summary>Adds ±10 % jitter.</summary>
    public static TimeSpan Jitter(TimeSpan interval) =>
        TimeSpan.FromTicks((long)(interval.Ticks * (0.9 + Random.Shared.NextDouble() * 0.2)));
}
