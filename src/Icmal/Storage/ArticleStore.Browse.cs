using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Icmal.Model;
using Icmal.Text.Categories;

namespace Icmal.Storage;

/// <summary>
/// Which articles a browse page lists: one site's, one Baku day's or one section's (these two originals only, copies
/// folded under them).
/// </summary>
public sealed record ArticleBrowse(string? Site = null, DateOnly? Day = null, NewsCategory? Category = null);

/// <summary>A page of a browse list, newest first, with the cursor of the next (older) page when there is one.</summary>
public sealed record BrowsePage(IReadOnlyList<Article> Items, ArticleCursor? Older);

/// <summary>A site's place in the archive: how much and how often it publishes, and who republishes it.</summary>
/// <param name="PerDay">Articles a day over the last 30 days of the archive's clock.</param>
/// <param name="Copied">How many copies of its articles other sites ran (a site running its own text again is no copier).</param>
/// <param name="CopiedBy">The other sites that republished its articles, and how many, most first.</param>
/// <param name="Copies">How many of its articles are themselves copies of another site's.</param>
public sealed record SiteProfile(string Site, long Articles, DateTimeOffset? Latest, double PerDay, long Copied,
    IReadOnlyList<(string Site, long Count)> CopiedBy, long Copies);

/// <summary>Browse pages: a site's articles, a day's and a section's, each walked by keyset (the (sort_at, id) cursor), never by offset.</summary>
public sealed partial class ArticleStore
{
    public Task<BrowsePage> BrowseAsync(ArticleBrowse what, ArticleCursor? older, int limit, CancellationToken ct) =>
        BrowseAsync(what, older, limit, leadsOnly: false, ct);

    private async Task<BrowsePage> BrowseAsync(ArticleBrowse what, ArticleCursor? older, int limit, bool leadsOnly, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(what);
        limit = Math.Clamp(limit, 1, 200);
        var where = new List<string>();
        var parameters = new List<(string, object?)> { ("@n", limit + 1) };
        if (what.Site is { } site)
        {
            where.Add("a.site = @site");
            parameters.Add(("@site", site));
        }
        if (what.Day is { } day)
        {
            where.Add("a.sort_at >= @from AND a.sort_at < @to");
            where.Add("NOT EXISTS (SELECT 1 FROM article_copies c WHERE c.article_id = a.id)");
            parameters.Add(("@from", _d.Time(StoryDays.Start(day))));
            parameters.Add(("@to", _d.Time(StoryDays.Start(day.AddDays(1)))));
        }
        await using var conn = await database.ConnectAsync(ct);
        if (what.Category is { } category)
        {
            parameters.Add(("@category", category.Slug()));
            where.Add(what.Day is null && what.Site is null && await IsSmallSectionAsync(conn, category, limit, ct)
                // A small section: its articles are read by the category index and sorted (at most the bound below),
                // by their keys alone; only the page's rows are then read whole.
                ? $"""
                  a.id IN (SELECT x.id FROM articles x WHERE x.id IN (SELECT k.article_id FROM article_categories k WHERE k.category = @category)
                    AND NOT EXISTS (SELECT 1 FROM article_copies c WHERE c.article_id = x.id)
                    {(older is null ? "" : "AND (x.sort_at, x.id) < (@s, @i)")} ORDER BY x.sort_at DESC, x.id DESC LIMIT @n)
                  """
                // A large one: a probe of article_categories' key per article walked down the sort index, so a page
                // costs its size divided by the section's share of the archive, however deep the cursor.
                : "EXISTS (SELECT 1 FROM article_categories k WHERE k.article_id = a.id AND k.category = @category)");
            if (what.Day is null) where.Add("NOT EXISTS (SELECT 1 FROM article_copies c WHERE c.article_id = a.id)");
        }
        if (older is not null)
        {
            where.Add("(a.sort_at, a.id) < (@s, @i)");
            parameters.Add(("@s", _d.Time(older.SortAt)));
            parameters.Add(("@i", older.Id));
        }
        string tail = (where.Count > 0 ? "WHERE " + string.Join(" AND ", where) : "") + " ORDER BY a.sort_at DESC, a.id DESC LIMIT @n";
        await using var cmd = Sql.Command(conn, null, PageSql(tail), [.. parameters]);
        // A row that knows no time is counted and passed by its cursor, and left out of the page (ArticleRows.ReadListed).
        var rows = new List<(Article? Article, ArticleCursor Cursor)>(limit + 1);
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var article = ArticleRows.ReadListed(reader, _d, leadsOnly);
                rows.Add((article, ArticleRows.CursorOf(reader, _d)));
            }
        }
        bool more = rows.Count > limit;
        if (more) rows.RemoveAt(rows.Count - 1);
        return new BrowsePage(rows.Select(r => r.Article).OfType<Article>().ToList(), more ? rows[^1].Cursor : null);
    }

    /// <summary>
    /// Whether a section is small enough to be read through its own index and sorted rather than found by walking the
    /// whole archive's sort index. The walk visits about limit × archive ÷ section rows for a page, the sort about
    /// the section's size, so the two meet near √(limit × archive): at 100,000 articles and 31 a page, 1,761 (an
    /// empty section walked the whole archive for every page: 29 ms of CPU a request at 100k, measured). The count
    /// stops at that bound, so deciding costs at most as much as the cheaper plan.
    /// </summary>
    private async Task<bool> IsSmallSectionAsync(System.Data.Common.DbConnection conn, NewsCategory category, int limit, CancellationToken ct)
    {
        // The answer only chooses the plan (both give the same rows) and a section's size moves slowly: it is kept a
        // while, so a page does not count up to the bound (1,761 index entries at 100,000 articles) every time.
        if (_sectionSizes.TryGetValue((category, limit), out var kept) && Stopwatch.GetElapsedTime(kept.At) < SectionSizeAge) return kept.Small;
        bool small = await CountSmallSectionAsync(conn, category, limit, ct);
        _sectionSizes[(category, limit)] = (small, Stopwatch.GetTimestamp());
        return small;
    }

    /// <summary>How long <see cref="IsSmallSectionAsync"/> keeps its answer.</summary>
    private static readonly TimeSpan SectionSizeAge = TimeSpan.FromMinutes(1);

    // Keys: the ten sections by the page sizes the portal and the API ask for (the API's limit is clamped to 1..200).
    private readonly ConcurrentDictionary<(NewsCategory Category, int Limit), (bool Small, long At)> _sectionSizes = new();

    private static async Task<bool> CountSmallSectionAsync(System.Data.Common.DbConnection conn, NewsCategory category, int limit, CancellationToken ct)
    {
        long archive = await Sql.Int64Async(conn, null, "SELECT COALESCE(MAX(id), 0) FROM articles", ct);
        long bound = Math.Max(256, (long)Math.Sqrt((double)(limit + 1) * archive));
        long size = await Sql.Int64Async(conn, null,
            "SELECT COUNT(*) FROM (SELECT 1 FROM article_categories WHERE category = @category LIMIT @bound) s", ct,
            ("@category", category.Slug()), ("@bound", bound));
        return size < bound;
    }

    /// <summary>Every site with articles, with how many it has and its latest (unknown where none reads), most articles first.</summary>
    public async Task<List<(string Site, long Articles, DateTimeOffset? Latest)>> SitesAsync(CancellationToken ct)
    {
        await using var conn = await database.ConnectAsync(ct);
        var sites = await Sql.ListAsync(conn, null,
            "SELECT site, COUNT(*), MAX(sort_at) FROM articles WHERE site IS NOT NULL GROUP BY site ORDER BY COUNT(*) DESC, site",
            r => (Site: r.GetString(0), Articles: Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture), Latest: _d.ReadTimeOrUnknown(r, 2)), ct);
        for (int i = 0; i < sites.Count; i++)
        {
            // SQLite's MAX is text where another tool wrote text into a sort time (text orders above every number): that
            // site's latest is read past it.
            if (sites[i].Latest is null) sites[i] = sites[i] with { Latest = await LatestAsync(conn, sites[i].Site, ct) };
        }
        return sites;
    }

    /// <summary>
    /// The newest sort time of <paramref name="site"/>'s articles that reads as a time, among its newest 64, or null:
    /// past any that hold text another tool wrote into SQLite's file (these sort first there).
    /// </summary>
    private Task<DateTimeOffset?> LatestAsync(DbConnection conn, string site, CancellationToken ct) =>
        _d.FirstTimeAsync(conn, null, "SELECT sort_at FROM articles WHERE site = @site ORDER BY sort_at DESC LIMIT 64", ct, ("@site", site));

    /// <summary>A site's profile as of <paramref name="now"/>; null when the archive has no article of it.</summary>
    public async Task<SiteProfile?> SiteProfileAsync(string site, DateTimeOffset now, CancellationToken ct)
    {
        await using var conn = await database.ConnectAsync(ct);
        long total = await Sql.Int64Async(conn, null, "SELECT COUNT(*) FROM articles WHERE site = @site", ct, ("@site", site));
        if (total == 0) return null;
        var latest = await LatestAsync(conn, site, ct);
        long recent = await Sql.Int64Async(conn, null, "SELECT COUNT(*) FROM articles WHERE site = @site AND sort_at >= @since", ct,
            ("@site", site), ("@since", _d.Time(now.AddDays(-30))));
        // Another site's copies only: a site that ran one text twice (again after an edit, or in two sections) did not
        // republish itself, and the page said "Other sites republished its articles" and listed the site under them.
        long copied = await Sql.Int64Async(conn, null, """
            SELECT COUNT(*) FROM article_copies c JOIN articles o ON o.id = c.original_id JOIN articles k ON k.id = c.article_id
            WHERE o.site = @site AND (k.site IS NULL OR k.site <> @site)
            """, ct, ("@site", site));
        var copiedBy = await Sql.ListAsync(conn, null, """
            SELECT COALESCE(k.site, ''), COUNT(*) FROM article_copies c
            JOIN articles o ON o.id = c.original_id JOIN articles k ON k.id = c.article_id
            WHERE o.site = @site AND (k.site IS NULL OR k.site <> @site) GROUP BY k.site ORDER BY COUNT(*) DESC, k.site LIMIT 20
            """, r => (r.GetString(0), Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture)), ct, ("@site", site));
        long copies = await Sql.Int64Async(conn, null, """
            SELECT COUNT(*) FROM article_copies c JOIN articles k ON k.id = c.article_id JOIN articles o ON o.id = c.original_id
            WHERE k.site = @site AND (o.site IS NULL OR o.site <> @site)
            """, ct, ("@site", site));
        return new SiteProfile(site, total, latest, recent / 30.0, copied, copiedBy, copies);
    }
}
