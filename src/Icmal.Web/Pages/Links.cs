using System.Globalization;

namespace Icmal.Web.Pages;

/// <summary>The portal's own addresses, and the rule for showing anyone else's.</summary>
public static class Links
{
    /// <summary>
    /// The language an article is written in, for the lang attribute of its headline and text: articles stay in their
    /// own language whatever the interface's, and a reader (or a screen reader) should know which it is.
    /// </summary>
    public static string Lang(Icmal.Model.Article article) => string.IsNullOrEmpty(article.Language) ? "az" : article.Language;

    /// <summary>A news site's page: the site is a host name (letters, digits, dots, hyphens), safe in a path as it is.</summary>
    public static string Site(string site) => "/sources/" + Uri.EscapeDataString(site);

    /// <summary>A news site's Atom feed.</summary>
    public static string SiteFeed(string site) => "/sources/" + Uri.EscapeDataString(site) + "/feed.atom";

    /// <summary>A section's page: the slug is ASCII letters, the same in every interface language.</summary>
    public static string Category(Icmal.Text.Categories.NewsCategory category) => "/categories/" + Icmal.Text.Categories.NewsCategories.Slug(category);

    /// <summary>A section's Atom feed.</summary>
    public static string CategoryFeed(Icmal.Text.Categories.NewsCategory category) => Category(category) + "/feed.atom";

    /// <summary>A Baku day's archive page.</summary>
    public static string ArchiveDay(DateOnly day) => "/archive/" + Icmal.Storage.StoryDays.Format(day);

    public static string Article(long id) => "/articles/" + id.ToString(CultureInfo.InvariantCulture);

    /// <summary>The names in the news of <paramref name="period"/>: the week's at the plain address.</summary>
    public static string Names(Icmal.Model.RecentPeriod period) =>
        period == Icmal.Model.RecentPeriod.Week ? "/entities" : "/entities?period=" + Icmal.Model.RecentPeriods.Code(period);

    public static string Entity(long id) => "/entities/" + id.ToString(CultureInfo.InvariantCulture);

    /// <summary>Every article naming an entity, newest first, paged: the search of its filter alone.</summary>
    public static string EntityArticles(long id) => "/search?q=" + Uri.EscapeDataString(EntityQuery(id));

    /// <summary>An entity's Atom feed: a monitor's alert on a name, the feed of its filter alone.</summary>
    public static string EntityFeed(long id) => "/search.atom?q=" + Uri.EscapeDataString(EntityQuery(id));

    private static string EntityQuery(long id) => "entity:" + id.ToString(CultureInfo.InvariantCulture);

    public static string Story(long id) => "/stories/" + id.ToString(CultureInfo.InvariantCulture);

    /// <summary>A day's ranked stories, at a page of them (the first when 1).</summary>
    public static string Stories(DateOnly day, int page = 1) =>
        "/stories?day=" + Icmal.Storage.StoryDays.Format(day) + (page > 1 ? "&page=" + page.ToString(CultureInfo.InvariantCulture) : "");

    /// <summary>
    /// A link target that is safe to render: http(s) absolute or a path on this site, else "#". Addresses come from
    /// pages and feeds, and a <c>javascript:</c> one must never become a link.
    /// </summary>
    public static string Safe(string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) return "#";
        if (url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal)) return url;
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri.AbsoluteUri : "#";
    }
}
