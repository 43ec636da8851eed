using System.Globalization;
using Icmal.Search;
using Microsoft.AspNetCore.Http;

namespace Icmal.Web;

/// <summary>A parameter of a search address (portal, feed or API) that can be wrong on its own, before any search runs.</summary>
public enum SearchParameter
{
    Limit,
    Offset,
    Page,
    Site,
    Language,
    Since,
    Until,
    /// <summary>since and until both readable, but until before since.</summary>
    DateRange,
    /// <summary>category is not a section's slug.</summary>
    Category,
}

/// <summary>One bad parameter: which, and a sentence (English, the API's words) naming it and the problem.</summary>
public sealed record SearchParameterError(SearchParameter Parameter, string Message);

/// <summary>
/// What a search address asks, as typed: the query and the filters' raw text, so that a form can show them back
/// unchanged (even when one is wrong) and links to other pages of the same search carry them.
/// </summary>
public sealed record SearchForm(string Query, string Site = "", string Language = "", string Since = "", string Until = "", string Category = "")
{
    public static SearchForm Read(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return new(Value(query, "q"), Value(query, "site").Trim(), Value(query, "lang").Trim(), Value(query, "since").Trim(), Value(query, "until").Trim(),
            Value(query, "category").Trim());
    }

    /// <summary>
    /// True when nothing was asked: no words in the box and no filter set (the portal shows the empty search page). A
    /// filter alone, a section chosen with the box left empty, lists the newest articles it lets through.
    /// </summary>
    public bool IsBlank => HasNoWords && Site.Length == 0 && Language.Length == 0 && Since.Length == 0 && Until.Length == 0 && Category.Length == 0;

    /// <summary>True when nothing was typed into the box (filters may still be set).</summary>
    public bool HasNoWords => string.IsNullOrWhiteSpace(Query);

    /// <summary>The address of this search at <paramref name="path"/>, with a page number past the first.</summary>
    public string Address(string path, int page = 1)
    {
        var pairs = new List<KeyValuePair<string, string?>> { new("q", Query) };
        if (Site.Length > 0) pairs.Add(new("site", Site));
        if (Language.Length > 0) pairs.Add(new("lang", Language));
        if (Since.Length > 0) pairs.Add(new("since", Since));
        if (Until.Length > 0) pairs.Add(new("until", Until));
        if (Category.Length > 0) pairs.Add(new("category", Category));
        if (page > 1) pairs.Add(new("page", page.ToString(CultureInfo.InvariantCulture)));
        return path + QueryString.Create(pairs).ToUriComponent();
    }

    /// <summary>The same search narrowed to one site (a result's site, as a link).</summary>
    public SearchForm WithSite(string? site) => this with { Site = site ?? "" };

    /// <summary>Reads the filters: each empty one is no filter; the first bad one is the error.</summary>
    public (SearchFilters? Filters, SearchParameterError? Error) Filters()
    {
        if (Site.Length > 0 && QueryParser.Host(Site) is null)
            return (null, new(SearchParameter.Site, $"site must be a site's address, such as apa.az or https://apa.az/; '{Shorten(Site)}' is not one"));
        if (Language.Length > 0 && !IsLanguageCode(Language))
            return (null, new(SearchParameter.Language, "lang must be a language code such as az, ru or en"));
        if (!TryDate(Since, out var since))
            return (null, new(SearchParameter.Since, $"since must be a date written YYYY-MM-DD, e.g. 2025-10-01; '{Shorten(Since)}' is not one"));
        if (!TryDate(Until, out var until))
            return (null, new(SearchParameter.Until, $"until must be a date written YYYY-MM-DD, e.g. 2025-10-31; '{Shorten(Until)}' is not one"));
        if (since > until)
            return (null, new(SearchParameter.DateRange, $"until ({Until}) is before since ({Since}): nothing can be published in between"));
        if (Category.Length > 0 && !Icmal.Text.Categories.NewsCategories.TryFromSlug(Category, out _))
            return (null, new(SearchParameter.Category, $"category must be a section's slug, one of {string.Join(", ", Icmal.Text.Categories.NewsCategories.All.Select(Icmal.Text.Categories.NewsCategories.Slug))}; '{Shorten(Category)}' is not one"));
        if (Site.Length == 0 && Language.Length == 0 && since is null && until is null && Category.Length == 0) return (null, null);
        return (new SearchFilters(Site.Length > 0 ? Site : null, Language.Length > 0 ? Language : null, since, until, Category.Length > 0 ? Category : null), null);
    }

    private static string Value(IQueryCollection query, string name) => query[name].FirstOrDefault() ?? "";

    /// <summary>An ISO 639 code of two or three letters, as the query's lang: takes it ("az", "ru", "en").</summary>
    private static bool IsLanguageCode(string value) => value.Length is 2 or 3 && value.All(char.IsAsciiLetter);

    private static bool TryDate(string value, out DateOnly? date)
    {
        date = null;
        if (value.Length == 0) return true;
        if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)) return false;
        date = parsed;
        return true;
    }

    private static string Shorten(string value) => value.Length <= 40 ? value : string.Concat(value.AsSpan(0, 40), "...");
}

/// <summary>Reads the page of a search: the API's limit and offset, the portal's page number.</summary>
public static class SearchPaging
{
    /// <summary>Results on one portal page, and the deepest page number the portal links to or accepts (within the searcher's offset bound).</summary>
    public const int PageSize = SearchRequest.DefaultLimit;

    public const int MaxPage = Searcher.MaxOffset / PageSize;

    public static SearchParameterError? TryLimit(string? value, int fallback, out int limit)
    {
        limit = fallback;
        if (string.IsNullOrEmpty(value)) return null;
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out limit) && limit is >= 1 and <= SearchRequest.MaxLimit
            ? null
            : new(SearchParameter.Limit, string.Create(CultureInfo.InvariantCulture, $"limit must be a whole number from 1 to {SearchRequest.MaxLimit}"));
    }

    public static SearchParameterError? TryOffset(string? value, out int offset)
    {
        offset = 0;
        if (string.IsNullOrEmpty(value)) return null;
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out offset) && offset <= Searcher.MaxOffset
            ? null
            : new(SearchParameter.Offset, string.Create(CultureInfo.InvariantCulture,
                $"offset must be a whole number from 0 to {Searcher.MaxOffset} (how many results to skip)"));
    }

    public static SearchParameterError? TryPage(string? value, out int page)
    {
        page = 1;
        if (string.IsNullOrEmpty(value)) return null;
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out page) && page is >= 1 and <= MaxPage
            ? null
            : new(SearchParameter.Page, string.Create(CultureInfo.InvariantCulture, $"page must be a whole number from 1 to {MaxPage}"));
    }
}
