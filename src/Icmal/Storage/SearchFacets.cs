using System.Globalization;
using System.Text;

namespace Icmal.Storage;

/// <summary>What a facet key says of an article: its site, its language, or the Baku day, month or year it is sorted in.</summary>
public enum FacetKind
{
    Site,
    Language,
    Year,
    Month,
    Day,
}

/// <summary>
/// One facet of an article as the search index holds it, beside its words: a <c>source:</c>, <c>lang:</c>,
/// <c>since:</c> or <c>until:</c> filter then becomes one more list of the index to intersect with the words' lists,
/// instead of a check of every matched article's row (at a million articles, <c>davam source:kaspi.az</c> read every
/// match of "davam" on the other 39 sites first: 180 ms). Each engine writes a facet its own way, where no word can
/// meet it (<see cref="SqliteFts5SearchEngine"/>: a column of its own; <see cref="PostgreSqlSearchEngine"/>: a lexeme
/// with a character no key has).
/// </summary>
/// <param name="Value">The site (a lower-case host without "www."), the language code, or the period: yyyy, yyyyMM, yyyyMMdd.</param>
public readonly record struct Facet(FacetKind Kind, string Value)
{
    /// <summary>
    /// The facet as one FTS5 token (letters and digits only, which the tokenizer keeps whole): a letter for the kind,
    /// then the value (a site or a language in hexadecimal UTF-8, so that no two values share a token).
    /// </summary>
    public string Token => Kind switch
    {
        FacetKind.Site => "s" + Convert.ToHexStringLower(Encoding.UTF8.GetBytes(Value)),
        FacetKind.Language => "l" + Convert.ToHexStringLower(Encoding.UTF8.GetBytes(Value)),
        FacetKind.Year => "y" + Value,
        FacetKind.Month => "m" + Value,
        _ => "d" + Value,
    };

    /// <summary>The facet as a PostgreSQL lexeme: the kind's name, a colon (no key has one), the value.</summary>
    public string Lexeme => Kind switch
    {
        FacetKind.Site => "site:" + Value,
        FacetKind.Language => "lang:" + Value,
        FacetKind.Year => "year:" + Value,
        FacetKind.Month => "month:" + Value,
        _ => "day:" + Value,
    };
}

/// <summary>
/// What a search's filters ask of the index (<see cref="SearchFacets.Required"/>): <paramref name="Groups"/>, each of
/// which must hold, and whether these facets alone are exactly the dates asked for (<paramref name="DatesExact"/>), so
/// that comparing the articles' sort times (<see cref="SearchFilters"/>) would only repeat them.
/// </summary>
public sealed record FacetFilter(IReadOnlyList<IReadOnlyList<Facet>> Groups, bool DatesExact);

/// <summary>
/// The facets of an article (<see cref="Of"/>) and the facets a search's filters ask for (<see cref="Required"/>),
/// made by one function on both sides so that they meet. Dates are Baku days (UTC+4), the days <c>since:</c> and
/// <c>until:</c> name, so a filter of whole days is answered by the index alone (<see cref="FacetFilter.DatesExact"/>),
/// and the engines compare instants only for a bound inside a day or a range of more than <see cref="MaxPeriods"/> periods.
/// </summary>
public static class SearchFacets
{
    /// <summary>Azerbaijan's time, in which an article's day is counted (as the query's days are read).</summary>
    public static readonly TimeSpan DayOffset = TimeSpan.FromHours(4);

    /// <summary>
    /// The most periods a date filter is written as; a range needing more (years of single days at its ends, or a
    /// date centuries away) is left to the engines' comparison of instants.
    /// </summary>
    public const int MaxPeriods = 100;

    /// <summary>The facets of a stored article: its site and its address's host (once when they agree), its language, and its sort time's day, month and year.</summary>
    public static IReadOnlyList<Facet> Of(string? site, string? url, string? language, DateTimeOffset sortAt)
    {
        var facets = new List<Facet>(6);
        if (Host(site) is { } s) facets.Add(new Facet(FacetKind.Site, s));
        if (url is not null && url.Contains("://", StringComparison.Ordinal) && Host(url) is { } h && h != facets.FirstOrDefault().Value)
            facets.Add(new Facet(FacetKind.Site, h));
        if (!string.IsNullOrWhiteSpace(language)) facets.Add(new Facet(FacetKind.Language, language.Trim().ToLowerInvariant()));
        var day = DateOnly.FromDateTime(sortAt.ToOffset(DayOffset).DateTime);
        facets.Add(new Facet(FacetKind.Year, day.ToString("yyyy", CultureInfo.InvariantCulture)));
        facets.Add(new Facet(FacetKind.Month, day.ToString("yyyyMM", CultureInfo.InvariantCulture)));
        facets.Add(new Facet(FacetKind.Day, day.ToString("yyyyMMdd", CultureInfo.InvariantCulture)));
        return facets;
    }

    /// <summary>
    /// A site or an address as its site facet: lower case, without the scheme, the path, a port, "www." or a final
    /// dot (the form <c>source:</c> is read in); null when nothing is left.
    /// </summary>
    public static string? Host(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        string v = value.Trim().ToLowerInvariant();
        int scheme = v.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0) v = v[(scheme + 3)..];
        int end = v.IndexOfAny(['/', '?', '#']);
        if (end >= 0) v = v[..end];
        int at = v.LastIndexOf('@');
        if (at >= 0) v = v[(at + 1)..];
        int port = v.LastIndexOf(':');
        if (port >= 0 && !v.Contains(']', StringComparison.Ordinal)) v = v[..port];
        if (v.StartsWith("www.", StringComparison.Ordinal)) v = v[4..];
        v = v.TrimEnd('.');
        return v.Length == 0 ? null : v;
    }

    /// <summary>
    /// What a search's filters ask of the index: every group must hold (each site, each language, the dates), and a
    /// group holds when any of its facets does (the periods covering the dates). Dates are covered by whole Baku days
    /// from <paramref name="since"/>'s to the one before <paramref name="until"/>'s, an open end reaching the archive's
    /// first or last day (<paramref name="archive"/>); null when the range holds no day (nothing can match).
    /// </summary>
    public static FacetFilter? Required(SearchCriteria criteria, (DateTimeOffset First, DateTimeOffset Last)? archive)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        var groups = new List<IReadOnlyList<Facet>>();
        foreach (string site in criteria.Sites)
        {
            if (Host(site) is { } s) groups.Add([new Facet(FacetKind.Site, s)]);
        }
        foreach (string language in criteria.Languages) groups.Add([new Facet(FacetKind.Language, language.Trim().ToLowerInvariant())]);
        if (criteria.Since is null && criteria.Until is null) return new FacetFilter(groups, DatesExact: true);
        if (archive is not { } span) return null; // no article at all
        var first = Day(criteria.Since ?? span.First);
        var last = Day(criteria.Until is { } u ? u.AddTicks(-1) : span.Last);
        if (last < first) return null;
        var periods = Periods(first, last);
        if (periods is not null) groups.Add(periods);
        // An open end reaches the archive's first or last day, past which no article is sorted: only a given bound
        // inside a day makes the days let through more than the instants do.
        bool exact = periods is not null && IsDayStart(criteria.Since) && IsDayStart(criteria.Until);
        return new FacetFilter(groups, exact);
    }

    private static DateOnly Day(DateTimeOffset t) => DateOnly.FromDateTime(t.ToOffset(DayOffset).DateTime);

    /// <summary>Whether <paramref name="t"/> is absent or a Baku midnight (as the query language's dates are read).</summary>
    private static bool IsDayStart(DateTimeOffset? t) => t is not { } v || v.ToOffset(DayOffset).TimeOfDay == TimeSpan.Zero;

    /// <summary>
    /// The fewest years, months and days that together are exactly the days from <paramref name="first"/> to
    /// <paramref name="last"/>; null past <see cref="MaxPeriods"/>.
    /// </summary>
    internal static List<Facet>? Periods(DateOnly first, DateOnly last)
    {
        var periods = new List<Facet>();
        for (var d = first; d <= last;)
        {
            if (periods.Count == MaxPeriods) return null;
            var yearEnd = new DateOnly(d.Year, 12, 31);
            var monthEnd = new DateOnly(d.Year, d.Month, DateTime.DaysInMonth(d.Year, d.Month));
            DateOnly end;
            if (d.Day == 1 && d.Month == 1 && yearEnd <= last)
            {
                periods.Add(new Facet(FacetKind.Year, d.ToString("yyyy", CultureInfo.InvariantCulture)));
                end = yearEnd;
            }
            else if (d.Day == 1 && monthEnd <= last)
            {
                periods.Add(new Facet(FacetKind.Month, d.ToString("yyyyMM", CultureInfo.InvariantCulture)));
                end = monthEnd;
            }
            else
            {
                periods.Add(new Facet(FacetKind.Day, d.ToString("yyyyMMdd", CultureInfo.InvariantCulture)));
                end = d;
            }
            if (end == DateOnly.MaxValue) break;
            d = end.AddDays(1);
        }
        return periods;
    }
}
