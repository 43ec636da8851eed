using Icmal.Model;
using System.Globalization;
using Icmal.Collection;
using Icmal.Text.Categories;
using Microsoft.Extensions.Localization;

namespace Icmal.Web.Catalogue;

/// <summary>
/// Dates and the portal's small fixed vocabularies (where a date was read, the stages of the item error log, the kinds
/// of endpoint) in the request's interface language, from the catalogue. Times are shown in Baku time whatever the
/// language: they are the times of Azerbaijani news.
/// </summary>
/// <remarks>
/// The catalogue is read through a member named T here as in the components, so that a test finds every key in use.
/// </remarks>
public sealed class InterfaceFormat(IStringLocalizer<Strings> localizer)
{
    private IStringLocalizer<Strings> T { get; } = localizer;

    private static readonly TimeZoneInfo Baku = FindBaku();

    /// <summary>"21 oktyabr 2025, 14:37" in Baku time, in the catalogue's date pattern and month names.</summary>
    public string DateTime(DateTimeOffset value)
    {
        var local = TimeZoneInfo.ConvertTime(value, Baku);
        return T["Date.DayMonthYearTime", local.Day, MonthName(local.Month), local.Year, local.ToString("HH:mm", CultureInfo.InvariantCulture)];
    }

    /// <summary>"21 oktyabr 2025": a day, as the headings of a story's timeline and of /stories name it.</summary>
    public string Date(DateOnly day) => T["Date.DayMonthYear", day.Day, MonthName(day.Month), day.Year];

    /// <summary>"14:37" in Baku time: a moment under a heading that already names its day.</summary>
    public static string Time(DateTimeOffset value) => TimeZoneInfo.ConvertTime(value, Baku).ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The month's name as it stands after a day number ("21 oktyabr"; a Russian file would say "октября").</summary>
    public string MonthName(int month) => month switch
    {
        1 => T["Date.Month1"],
        2 => T["Date.Month2"],
        3 => T["Date.Month3"],
        4 => T["Date.Month4"],
        5 => T["Date.Month5"],
        6 => T["Date.Month6"],
        7 => T["Date.Month7"],
        8 => T["Date.Month8"],
        9 => T["Date.Month9"],
        10 => T["Date.Month10"],
        11 => T["Date.Month11"],
        12 => T["Date.Month12"],
        _ => throw new ArgumentOutOfRangeException(nameof(month), month, "a month is 1 to 12"),
    };

    /// <summary>ISO 8601 with the Baku offset, for machine-readable attributes.</summary>
    public static string Iso(DateTimeOffset value) =>
        TimeZoneInfo.ConvertTime(value, Baku).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>
    /// Where an article's date was read (<see cref="Icmal.Model.Article.PublishedFrom"/>), in words a reader
    /// understands: pages carry many dates, and a reader who doubts one should see which was taken.
    /// </summary>
    public string? DateSource(DateEvidence? from) => from?.Kind switch
    {
        null => null,
        DateEvidenceKind.Relative => (string)T["DateSource.Relative"],
        DateEvidenceKind.Revision => (string)T["DateSource.Revision"],
        DateEvidenceKind.JsonLd => (string)T["DateSource.JsonLd"],
        DateEvidenceKind.Meta => (string)T["DateSource.Meta"],
        DateEvidenceKind.ScriptData => (string)T["DateSource.ScriptData"],
        DateEvidenceKind.Marked => (string)T["DateSource.Marked"],
        DateEvidenceKind.Address or DateEvidenceKind.CanonicalAddress => (string)T["DateSource.Address"],
        DateEvidenceKind.Headline => (string)T["DateSource.Headline"],
        DateEvidenceKind.PageLine => (string)T["DateSource.PageDateLine"],
        DateEvidenceKind.MarkupFrequency => (string)T["DateSource.Markup"],
        DateEvidenceKind.ItemField => (string)T["DateSource.ItemField"],
        DateEvidenceKind.DateElement => (string)T["DateSource.Element"],
        DateEvidenceKind.DateLine => (string)T["DateSource.TextLine"],
        _ => null,
    };

    /// <summary>A stage of the item error log in words.</summary>
    public string StageName(IngestStage stage) => stage switch
    {
        IngestStage.Fetch => T["Stage.Fetch"],
        IngestStage.Read => T["Stage.Read"],
        IngestStage.Decode => T["Stage.Decode"],
        IngestStage.Extract => T["Stage.Extract"],
        IngestStage.Analyse => T["Stage.Analyse"],
        IngestStage.Store => T["Stage.Store"],
        IngestStage.Link => T["Stage.Link"],
        IngestStage.Categorise => T["Stage.Categorise"],
        IngestStage.Cluster => T["Stage.Cluster"],
        IngestStage.Entities => T["Stage.Entities"],
        _ => stage.Code(),
    };

    public string EndpointKindName(EndpointKind kind) => kind switch
    {
        EndpointKind.Sitemap => T["Endpoint.Sitemap"],
        EndpointKind.Listing => T["Endpoint.Listing"],
        _ => T["Endpoint.Feed"],
    };

    /// <summary>The title of a search's Atom feed, naming the query and the portal.</summary>
    public string SearchFeedTitle(string query) => T["Search.FeedTitle", query];

    /// <summary>The front page's feed title.</summary>
    public string FrontFeedTitle => T["Feed.Front"];

    /// <summary>A site's feed title.</summary>
    public string SiteFeedTitle(string site) => T["Feed.Site", site];

    /// <summary>A section's feed title.</summary>
    public string CategoryFeedTitle(NewsCategory category) => T["Feed.Category", CategoryName(category)];

    /// <summary>
    /// A section's name in the interface language ("Siyasət", "Политика", "Politics"); the slug in its address stays
    /// the same in every language.
    /// </summary>
    public string CategoryName(NewsCategory category) => category switch
    {
        NewsCategory.Siyaset => T["Category.Siyaset"],
        NewsCategory.Iqtisadiyyat => T["Category.Iqtisadiyyat"],
        NewsCategory.Cemiyyet => T["Category.Cemiyyet"],
        NewsCategory.Dunya => T["Category.Dunya"],
        NewsCategory.Idman => T["Category.Idman"],
        NewsCategory.Hadise => T["Category.Hadise"],
        NewsCategory.Kriminal => T["Category.Kriminal"],
        NewsCategory.Medeniyyet => T["Category.Medeniyyet"],
        NewsCategory.Texnologiya => T["Category.Texnologiya"],
        _ => T["Category.Diger"],
    };

    /// <summary>A story's feed title.</summary>
    public string StoryFeedTitle(string story) => T["Feed.Story", story];

    /// <summary>The portal's name, as the author of what it publishes (a search's feed).</summary>
    public string Brand => T["Frame.Brand"];

    /// <summary>The languages the search page offers as a filter: Azerbaijani and the languages its sources also write in.</summary>
    public static IReadOnlyList<string> OfferedLanguages { get; } = ["az", "ru", "en", "tr"];

    /// <summary>A language's name for the search filter; null for a code without one in the catalogue (shown as the code).</summary>
    public string? LanguageName(string code) => code switch
    {
        "az" => (string)T["Language.az"],
        "ru" => (string)T["Language.ru"],
        "en" => (string)T["Language.en"],
        "tr" => (string)T["Language.tr"],
        _ => null,
    };

    private static TimeZoneInfo FindBaku()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Baku");
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            // Azerbaijan has kept UTC+4 without daylight saving since 2016.
            return TimeZoneInfo.CreateCustomTimeZone("Asia/Baku", TimeSpan.FromHours(4), "Baku", "Baku");
        }
    }
}
