using System.Globalization;

namespace Icmal.Collection;

/// <summary>
/// A site's robots.txt (RFC 9309): the group for our product token, or "*", with Allow/Disallow rules (longest match
/// wins, "*" and "$" wildcards) and the Crawl-delay extension.
/// </summary>
public sealed class RobotsTxt
{
    private readonly List<(string Pattern, bool Allow)> _rules;

    private RobotsTxt(List<(string, bool)> rules, TimeSpan? crawlDelay, IReadOnlyList<string> sitemaps)
    {
        _rules = rules;
        CrawlDelay = crawlDelay;
        Sitemaps = sitemaps;
    }

    /// <summary>Everything allowed: no robots.txt (4xx), as RFC 9309 says.</summary>
    public static RobotsTxt AllowAll { get; } = new([], null, []);

    /// <summary>Nothing allowed: robots.txt unreachable (5xx, network), as RFC 9309 says; <paramref name="why"/> says why.</summary>
    public static RobotsTxt Unreachable(string why) => new([("/", false)], null, []) { UnreachableReason = why };

    /// <summary>Set when the rules are "disallow all" because robots.txt could not be read.</summary>
    public string? UnreachableReason { get; private init; }

    public TimeSpan? CrawlDelay { get; }

    public IReadOnlyList<string> Sitemaps { get; }

    /// <summary>Parses robots.txt text for the agent whose product token is <paramref name="productToken"/>.</summary>
    public static RobotsTxt Parse(string text, string productToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(productToken);
        var ours = new List<(string, bool)>();
        var star = new List<(string, bool)>();
        TimeSpan? oursDelay = null, starDelay = null;
        bool oursSeen = false;
        var sitemaps = new List<string>();

        bool inAgentLines = false;
        bool groupIsOurs = false, groupIsStar = false;
        foreach (string raw in text.Split('\n'))
        {
            string line = raw;
            int hash = line.IndexOf('#', StringComparison.Ordinal);
            if (hash >= 0) line = line[..hash];
            line = line.Trim();
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0) continue;
            string key = line[..colon].Trim();
            string value = line[(colon + 1)..].Trim();
            if (key.Equals("user-agent", StringComparison.OrdinalIgnoreCase))
            {
                if (!inAgentLines)
                {
                    groupIsOurs = false;
                    groupIsStar = false;
                }
                inAgentLines = true;
                if (value == "*") groupIsStar = true;
                else if (value.Length > 0 && productToken.Contains(value, StringComparison.OrdinalIgnoreCase) || value.Contains(productToken, StringComparison.OrdinalIgnoreCase))
                {
                    groupIsOurs = true;
                    oursSeen = true;
                }
                continue;
            }
            if (key.Equals("sitemap", StringComparison.OrdinalIgnoreCase))
            {
                if (value.Length > 0) sitemaps.Add(value);
                continue;
            }
            inAgentLines = false;
            bool allow = key.Equals("allow", StringComparison.OrdinalIgnoreCase);
            bool disallow = key.Equals("disallow", StringComparison.OrdinalIgnoreCase);
            if (allow || disallow)
            {
                if (disallow && value.Length == 0) continue; // "Disallow:" with nothing allows everything
                if (groupIsOurs) ours.Add((value, allow));
                if (groupIsStar) star.Add((value, allow));
            }
            else if (key.Equals("crawl-delay", StringComparison.OrdinalIgnoreCase)
                && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) && seconds >= 0)
            {
                var delay = TimeSpan.FromSeconds(Math.Min(seconds, 600));
                if (groupIsOurs) oursDelay = delay;
                if (groupIsStar) starDelay = delay;
            }
        }
        return oursSeen ? new RobotsTxt(ours, oursDelay, sitemaps) : new RobotsTxt(star, starDelay, sitemaps);
    }

    /// <summary>Whether the path (with query) may be fetched.</summary>
    public bool IsAllowed(string pathAndQuery)
    {
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        string path = pathAndQuery.Length == 0 ? "/" : pathAndQuery;
        int bestLength = -1;
        bool allowed = true;
        foreach (var (pattern, allow) in _rules)
        {
            if (!Matches(pattern, path)) continue;
            int length = pattern.Length;
            if (length > bestLength || length == bestLength && allow)
            {
                bestLength = length;
                allowed = allow;
            }
        }
        return allowed;
    }

    private static bool Matches(string pattern, string path)
    {
        bool anchored = pattern.EndsWith('$');
        if (anchored) pattern = pattern[..^1];
        return Match(pattern.AsSpan(), path.AsSpan(), anchored);
    }

    /// <summary>
    /// Glob match with '*' as the only wildcard, unanchored patterns matching a prefix. Backtracks to the last star
    /// only, which is enough for '*' globs: O(pattern × path) at worst. Trying every split at every star was
    /// exponential, so that a hostile "Disallow: /*a*a*a…*b" stalled the crawler on a long path.
    /// </summary>
    private static bool Match(ReadOnlySpan<char> pattern, ReadOnlySpan<char> path, bool anchored)
    {
        int p = 0, s = 0, starP = -1, starS = 0;
        while (s < path.Length)
        {
            if (p == pattern.Length && !anchored) return true;
            if (p < pattern.Length && pattern[p] == '*')
            {
                starP = p++;
                starS = s;
            }
            else if (p < pattern.Length && pattern[p] == path[s])
            {
                p++;
                s++;
            }
            else if (starP >= 0)
            {
                p = starP + 1;
                s = ++starS;
            }
            else
            {
                return false;
            }
        }
        while (p < pattern.Length && pattern[p] == '*') p++;
        return p == pattern.Length;
    }
}
