using System.Globalization;
using Icmal.Storage;
using Icmal.Text.Categories;
using Icmal.Web.Pages;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Icmal.Web;

/// <summary>
/// The browse pages: /sources (every site), /sources/{site} (a site's profile and articles), /archive/{day} (a
/// Baku day's articles) and /categories/{slug} (a section's articles). Lists are walked by keyset cursor (?before=), never by offset; an address that names no
/// site or day, or a cursor the portal did not make, gets one clear error page.
/// </summary>
public static class BrowseRoutes
{
    public static void Map(WebApplication app, Stores store, TimeProvider clock)
    {
        var sections = new SectionPageCache(store);
        var sites = new AgedCache<string, List<(string Site, long Articles, DateTimeOffset? Latest)>>();
        var profiles = new AgedCache<string, SiteProfile>();
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(clock);
        app.MapGet("/sources", async (CancellationToken ct) =>
            PageResults.Page<SitesPage>((nameof(SitesPage.Sites), await sites.GetAsync("", store.Articles.SitesAsync!, ct))));

        app.MapGet("/sources/{site}", async (string site, HttpContext http, CancellationToken ct) =>
        {
            if (!IsSiteName(site)) return PageResults.Error(PageError.NoSuchAddress);
            if (!TryCursor(http, out var older)) return PageResults.Error(PageError.BadPageAddress, "before is not a cursor of this portal: follow the links unchanged");
            string name = site.ToLowerInvariant();
            if (await profiles.GetAsync(name, c => store.Articles.SiteProfileAsync(name, clock.GetUtcNow(), c), ct) is not { } profile) return PageResults.Error(PageError.NoSuchAddress);
            var page = await store.Articles.BrowseCardsAsync(new ArticleBrowse(Site: name), older, SitePage.PageSize, ct);
            return PageResults.Page<SitePage>((nameof(SitePage.Profile), profile), (nameof(SitePage.Page), page), (nameof(SitePage.IsFirst), older is null),
                (nameof(SitePage.Categories), await CategoriesOfAsync(store, page.Items, ct)));
        });

        app.MapGet("/archive", (HttpContext http) =>
            Results.Redirect(Links.ArchiveDay(StoryDays.DayOf(clock.GetUtcNow())) + http.Request.QueryString.ToUriComponent()));

        app.MapGet("/archive/{day}", async (string day, HttpContext http, CancellationToken ct) =>
        {
            if (!DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                || date < StoryDays.MinDay || date > StoryDays.MaxDay)
                return PageResults.Error(PageError.NoSuchAddress);
            if (!TryCursor(http, out var older)) return PageResults.Error(PageError.BadPageAddress, "before is not a cursor of this portal: follow the links unchanged");
            var page = await store.Articles.BrowseCardsAsync(new ArticleBrowse(Day: date), older, ArchiveDayPage.PageSize, ct);
            return PageResults.Page<ArchiveDayPage>((nameof(ArchiveDayPage.Day), date), (nameof(ArchiveDayPage.Today), StoryDays.DayOf(clock.GetUtcNow())),
                (nameof(ArchiveDayPage.Page), page), (nameof(ArchiveDayPage.Copies), await CopyFolding.LoadForOriginalsAsync(store, page.Items, ct)),
                (nameof(ArchiveDayPage.IsFirst), older is null), (nameof(ArchiveDayPage.Categories), await CategoriesOfAsync(store, page.Items, ct)));
        });

        app.MapGet("/categories/{slug}", async (string slug, HttpContext http, CancellationToken ct) =>
        {
            if (!NewsCategories.TryFromSlug(slug, out var category)) return PageResults.Error(PageError.NoSuchCategory);
            if (!TryCursor(http, out var older)) return PageResults.Error(PageError.BadPageAddress, "before is not a cursor of this portal: follow the links unchanged");
            var (page, copies) = older is null
                ? await sections.GetAsync(category, CategoryPage.PageSize, ct)
                : await ReadSectionAsync(store, category, older, ct);
            return PageResults.Page<CategoryPage>((nameof(CategoryPage.Category), category), (nameof(CategoryPage.Page), page),
                (nameof(CategoryPage.Copies), copies), (nameof(CategoryPage.IsFirst), older is null));
        });
    }

    /// <summary>A deeper page of a section (by cursor), read every time; first pages come from <see cref="SectionPageCache"/>.</summary>
    private static async Task<SectionPageBlocks> ReadSectionAsync(Stores store, NewsCategory category, ArticleCursor? older, CancellationToken ct)
    {
        var page = await store.Articles.BrowseCardsAsync(new ArticleBrowse(Category: category), older, CategoryPage.PageSize, ct);
        return new SectionPageBlocks(page, await CopyFolding.LoadForOriginalsAsync(store, page.Items, ct));
    }

    /// <summary>The sections of a page of articles, in one query (not one per card).</summary>
    internal static Task<IReadOnlyDictionary<long, NewsCategory>> CategoriesOfAsync(Stores store, IReadOnlyList<Icmal.Model.Article> articles, CancellationToken ct) =>
        store.Categories.OfManyAsync(articles.Select(a => a.Id).ToList(), ct);

    /// <summary>A host name as sites are stored: ASCII letters, digits, dots and hyphens, at most 253 characters.</summary>
    internal static bool IsSiteName(string site) =>
        site.Length is > 0 and <= 253 && site.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-') && site.Contains('.', StringComparison.Ordinal);

    private static bool TryCursor(HttpContext http, out ArticleCursor? older)
    {
        string? before = http.Request.Query["before"];
        older = before is null ? null : ArticleCursor.Decode(before);
        return before is null || older is not null;
    }
}
