using System.Globalization;

namespace Icmal.Hosting;

/// <summary>
/// The bounds of every setting, checked once at start-up so that a mistyped value stops the process with one line
/// naming it (a 2-day politeness gap from "MinHostGap": 2, a zero timeout) instead of misbehaving for hours.
/// </summary>
internal static class OptionsValidation
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    /// <param name="source">Where a key's value came from, for the message.</param>
    public static void Check(IcmalOptions o, Func<string, string> source)
    {
        void Fail(string key, object value, string must) =>
            throw new IcmalConfigurationException(string.Create(CultureInfo.InvariantCulture, $"{key} = {value} ({source(key)}): {must}"));
        void Time(string key, TimeSpan value, TimeSpan min, TimeSpan max)
        {
            if (value < min || value > max) Fail(key, value, $"must be from {min:c} to {max:c}");
        }
        void Count(string key, long value, long min, long max)
        {
            if (value < min || value > max) Fail(key, value, string.Create(CultureInfo.InvariantCulture, $"must be from {min} to {max}"));
        }

        try
        {
            o.ParseDatabase();
        }
        catch (Storage.DatabaseSettingException e)
        {
            // A PostgreSQL setting may hold a password: named, not repeated.
            Fail("Database", Storage.DatabaseSetting.Masked(o.Database ?? ""), e.Message);
        }
        if (!string.IsNullOrWhiteSpace(o.ReadDatabase))
        {
            try
            {
                o.ParseReadDatabase();
            }
            catch (Storage.DatabaseSettingException e)
            {
                Fail("ReadDatabase", Storage.DatabaseSetting.Masked(o.ReadDatabase), e.Message);
            }
        }

        var f = o.Fetch;
        if (string.IsNullOrWhiteSpace(f.UserAgent) || f.UserAgent.Any(c => c < ' ' || c > '~'))
            Fail("Fetch:UserAgent", f.UserAgent, "must be printable ASCII, naming the bot honestly");
        // The README promises robots.txt is obeyed; the switch exists for tests of the fetcher, not for deployments.
        if (!f.RespectRobots) Fail("Fetch:RespectRobots", f.RespectRobots, "İcmal always obeys robots.txt");
        Time("Fetch:ConnectTimeout", f.ConnectTimeout, TimeSpan.FromMilliseconds(1), Hour);
        Time("Fetch:HeaderTimeout", f.HeaderTimeout, TimeSpan.FromMilliseconds(1), Hour);
        Time("Fetch:BodyTimeout", f.BodyTimeout, TimeSpan.FromMilliseconds(1), Hour);
        Time("Fetch:ReadIdleTimeout", f.ReadIdleTimeout, TimeSpan.FromMilliseconds(1), Hour);
        Count("Fetch:MaxBodyBytes", f.MaxBodyBytes, 1024, 1L << 30);
        Count("Fetch:MaxRedirects", f.MaxRedirects, 0, 20);
        Time("Fetch:MinHostGap", f.MinHostGap, TimeSpan.Zero, Hour);
        Count("Fetch:MaxRetries", f.MaxRetries, 0, 10);
        Time("Fetch:BackoffBase", f.BackoffBase, TimeSpan.Zero, Hour);
        Time("Fetch:MaxRetryAfterWait", f.MaxRetryAfterWait, TimeSpan.Zero, Day);
        Time("Fetch:RobotsTtl", f.RobotsTtl, TimeSpan.FromSeconds(1), TimeSpan.FromDays(30));
        Count("Fetch:MaxRobotsBytes", f.MaxRobotsBytes, 1024, 16L << 20);

        var c = o.Crawl;
        Count("Crawl:MaxConcurrentSources", c.MaxConcurrentSources, 1, 256);
        Count("Crawl:MaxPagesPerPoll", c.MaxPagesPerPoll, 1, 100_000);
        Count("Crawl:ChildSitemapsPerPoll", c.ChildSitemapsPerPoll, 0, 100);
        Time("Crawl:MaxEntryAge", c.MaxEntryAge, TimeSpan.FromMinutes(1), TimeSpan.FromDays(3650));
        Time("Crawl:FullRefetchInterval", c.FullRefetchInterval, TimeSpan.FromMinutes(1), TimeSpan.FromDays(365));
        Time("Crawl:SourceLease", c.SourceLease, TimeSpan.FromSeconds(1), Hour);
        Time("Crawl:Scheduler:MinInterval", c.Scheduler.MinInterval, TimeSpan.FromSeconds(10), Day);
        Time("Crawl:Scheduler:MaxInterval", c.Scheduler.MaxInterval, c.Scheduler.MinInterval, TimeSpan.FromDays(7));
        Time("Crawl:Scheduler:MaxErrorBackoff", c.Scheduler.MaxErrorBackoff, TimeSpan.FromMinutes(1), TimeSpan.FromDays(30));

        foreach (string url in o.Portal.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).DefaultIfEmpty(""))
        {
            // Kestrel's "any address" hosts (* and +) are not URI hosts; they stand for 0.0.0.0 here.
            string checkable = url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
            if (!Uri.TryCreate(checkable, UriKind.Absolute, out var u) || u.Scheme is not ("http" or "https"))
                Fail("Portal:Urls", o.Portal.Urls, $"'{url}' is not an http(s) address such as http://127.0.0.1:5080");
        }
    }
}
