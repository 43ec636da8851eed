using System.Net;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Icmal.Model;
using Icmal.Storage;

namespace Icmal.Web.Tests;

/// <summary>
/// A fault of İcmal's own while answering (here a stored row whose time another tool wrote as text that is no
/// time) is a 500 with a page in the interface language or the API's JSON error, never the server's bare
/// 500 and never the exception's text; the other pages are served as ever. A time in another unit is no fault: it is
/// read in that unit; a publication or change time that holds none is unknown, an archive time its page's, then the
/// article's publication or change time; only a row whose four times all hold none is the fault.
/// </summary>
public sealed class ServerFaultTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_row_the_portal_cannot_read_answers_a_500_page_and_json_and_the_rest_is_served()
    {
        var (host, good, bad) = await StartWithTwoAsync();
        await using var hosted = host;
        await ChangeRowAsync(host, bad, "UPDATE articles SET archived_at = 'yesterday', published_at = 'soon', modified_at = 'soon' WHERE id = $id; UPDATE documents SET archived_at = 'yesterday' WHERE id = (SELECT document_id FROM articles WHERE id = $id)");

        using var page = await host.Client.GetAsync($"/articles/{bad}", Ct);
        using var english = await host.Client.GetAsync($"/articles/{bad}?culture=en", Ct);
        using var api = await host.Client.GetAsync($"/api/articles/{bad}", Ct);
        using var fine = await host.Client.GetAsync($"/articles/{good}", Ct);

        Assert.Equal(HttpStatusCode.InternalServerError, page.StatusCode);
        string html = await page.Content.ReadAsStringAsync(Ct);
        var doc = new HtmlParser().ParseDocument(html);
        Assert.Equal("Xəta baş verdi", doc.QuerySelector("h1")!.TextContent);
        Assert.DoesNotContain("FormatException", html, StringComparison.Ordinal);
        Assert.Equal("Something went wrong", new HtmlParser().ParseDocument(await english.Content.ReadAsStringAsync(Ct)).QuerySelector("h1")!.TextContent);
        Assert.Equal(HttpStatusCode.InternalServerError, api.StatusCode);
        Assert.Equal("application/json", api.Content.Headers.ContentType?.MediaType);
        using var error = JsonDocument.Parse(await api.Content.ReadAsStringAsync(Ct));
        Assert.Equal("the server failed while answering; the fault has been logged", error.RootElement.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.OK, fine.StatusCode);
    }

    [Fact]
    public async Task A_row_whose_times_another_tool_wrote_in_micro_or_nanoseconds_is_listed_and_shown_with_them()
    {
        // Such a row once took down the home page, the API's list and the feeds, not only its own page.
        var (host, good, bad) = await StartWithTwoAsync();
        await using var hosted = host;
        await ChangeRowAsync(host, bad, """
            UPDATE articles SET archived_at = archived_at * 1000, sort_at = sort_at * 1000, published_at = published_at * 1000000,
                modified_at = '2025-11-21 08:30:00' WHERE id = $id
            """);

        using var article = await ListedAndShownAsync(host, good, bad, "?culture=en", pageHolds: "2025");
        Assert.Equal(At, article.RootElement.GetProperty("published").GetDateTimeOffset());
        Assert.Equal(At, article.RootElement.GetProperty("archived").GetDateTimeOffset());
        Assert.Equal(new DateTimeOffset(2025, 11, 21, 8, 30, 0, TimeSpan.Zero), article.RootElement.GetProperty("modified").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_row_whose_times_hold_no_time_is_listed_and_shown_with_its_pages_archive_time_alone()
    {
        // In stories, as imported articles are: the front page and the day's stories read their times.
        var (host, _, bad) = await StartWithTwoAsync(inStories: true);
        await using var hosted = host;
        await ChangeRowAsync(host, bad, "UPDATE articles SET published_at = 'soon', modified_at = x'00', archived_at = 'then', sort_at = 'then' WHERE id = $id");

        using var home = await host.Client.GetAsync("/", Ct);
        using var stories = await host.Client.GetAsync("/stories", Ct);
        using var page = await host.Client.GetAsync($"/articles/{bad}", Ct);
        using var api = await host.Client.GetAsync($"/api/articles/{bad}", Ct);

        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stories.StatusCode);
        Assert.Contains("Bakıda yeni metro stansiyası açıldı", await stories.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Contains($"/articles/{bad}", await home.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        using var article = JsonDocument.Parse(await api.Content.ReadAsStringAsync(Ct));
        Assert.Equal(JsonValueKind.Null, article.RootElement.GetProperty("published").ValueKind);
        Assert.Equal(JsonValueKind.Null, article.RootElement.GetProperty("modified").ValueKind);
        Assert.Equal(At, article.RootElement.GetProperty("archived").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_row_whose_article_and_page_archive_times_hold_no_time_is_shown_with_its_publication_time()
    {
        // It answered the 500 page wherever it was listed: the home page, the API's list, the feed and its own page.
        var (host, good, bad) = await StartWithTwoAsync(inStories: true);
        await using var hosted = host;
        await ChangeRowAsync(host, bad, "UPDATE articles SET archived_at = 'then', sort_at = 'then' WHERE id = $id; UPDATE documents SET archived_at = 'then' WHERE id = (SELECT document_id FROM articles WHERE id = $id)");

        using var article = await ListedAndShownAsync(host, good, bad, "", pageHolds: "Sumqayıtda yeni park salındı");
        Assert.Equal(At, article.RootElement.GetProperty("archived").GetDateTimeOffset());
        Assert.Equal(At, article.RootElement.GetProperty("published").GetDateTimeOffset());
    }

    [Theory]
    [InlineData("UPDATE articles SET sort_at = 'then' WHERE id = $id")]
    [InlineData("UPDATE articles SET published_at = COALESCE(published_at, archived_at) WHERE id = $id; UPDATE articles SET archived_at = 'then', sort_at = 'then' WHERE id = $id; UPDATE documents SET archived_at = 'then' WHERE id = (SELECT document_id FROM articles WHERE id = $id)")]
    [InlineData("UPDATE stories SET last_seen = 'then' WHERE id = (SELECT story_id FROM articles WHERE id = $id)")]
    public async Task A_row_whose_times_hold_no_time_leaves_its_site_entity_story_and_the_sitemap_served(string sql)
    {
        // Each of these pages read the row's time as it was stored: the sites' list and the sitemap took SQLite's MAX,
        // which is the text (text orders above every number), and answered the 500 page.
        var (host, id, site, story, entity) = await StartWithSeedsAsync();
        await using var hosted = host;
        await ChangeRowAsync(host, id, sql);

        foreach (string path in PagesListing(site, story, entity).Append($"/articles/{id}").Append($"/api/articles/{id}"))
        {
            using var response = await host.Client.GetAsync(path, Ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
        }
        using var sites = await host.Client.GetAsync("/sources", Ct);
        Assert.Contains(site, await sites.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        using var storyPage = await host.Client.GetAsync($"/api/stories/{story}", Ct);
        Assert.Contains($"\"id\":{id}", await storyPage.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_row_that_knows_no_time_is_left_out_of_every_list_and_only_its_own_page_fails()
    {
        // Its article and page archive times, publication and change times all hold text: there is no time to list it by.
        var (host, id, site, story, entity) = await StartWithSeedsAsync();
        await using var hosted = host;
        // Listed before, in HTML, Atom and JSON alike, so that the checks after could see it there (the front page and
        // the feeds are cached for a while, and are asked only after).
        string[] listing = ["/api/articles", $"/entities/{entity}", $"/api/entities/{entity}", $"/stories/{story}", $"/api/stories/{story}"];
        foreach (string path in listing)
            Assert.True((await ListedIdsAsync(host, path)).Contains(id), $"{path} lists {id} before");
        await ChangeRowAsync(host, id, "UPDATE articles SET published_at = 'soon', modified_at = x'00', archived_at = 'then', sort_at = 'then' WHERE id = $id; UPDATE documents SET archived_at = 'then' WHERE id = (SELECT document_id FROM articles WHERE id = $id)");

        // (The site's feed, its only article left out, is a site with nothing to list: a 404.)
        foreach (string path in PagesListing(site, story, entity).Where(p => !p.EndsWith("/feed.atom", StringComparison.Ordinal) || !p.StartsWith("/sources/", StringComparison.Ordinal))
            .Append("/?culture=en").Append("/api/articles?limit=1").Append("/most-read"))
        {
            // (A search finds it by its words, as indexed before its times were changed; the sites count it.)
            var listed = await ListedIdsAsync(host, path);
            if (!path.StartsWith("/sources", StringComparison.Ordinal) && !path.StartsWith("/sitemap", StringComparison.Ordinal)
                && !path.Contains("search", StringComparison.Ordinal))
                Assert.False(listed.Contains(id), $"{path} lists {id}: " + string.Join(",", listed));
        }
        // Its text's other rows, and the pages of the list after it, are all there: four of the five, one a page.
        var seen = new List<long>();
        string? older = null;
        do
        {
            using var page = await host.Client.GetAsync("/api/articles?limit=1" + (older is null ? "" : "&before=" + Uri.EscapeDataString(older)), Ct);
            using var json = JsonDocument.Parse(await page.Content.ReadAsStringAsync(Ct));
            seen.AddRange(json.RootElement.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("id").GetInt64()));
            older = json.RootElement.GetProperty("next").ValueKind == JsonValueKind.String ? json.RootElement.GetProperty("next").GetString() : null;
        }
        while (older is not null && seen.Count < 10);
        Assert.Equal(4, seen.Distinct().Count());
        Assert.DoesNotContain(id, seen);
        using var own = await host.Client.GetAsync($"/articles/{id}", Ct);
        Assert.Equal(HttpStatusCode.InternalServerError, own.StatusCode);
    }

    /// <summary>
    /// Asserts that the front page and the API's list list both articles, the feed names
    /// <paramref name="bad"/>'s title and its page holds <paramref name="pageHolds"/>, all 200; returns its API answer.
    /// </summary>
    private static async Task<JsonDocument> ListedAndShownAsync(PortalHost host, long good, long bad, string query, string pageHolds)
    {
        using var home = await host.Client.GetAsync("/" + query, Ct);
        using var list = await host.Client.GetAsync("/api/articles", Ct);
        using var feed = await host.Client.GetAsync("/feed.atom", Ct);
        using var page = await host.Client.GetAsync($"/articles/{bad}{query}", Ct);
        using var api = await host.Client.GetAsync($"/api/articles/{bad}", Ct);

        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        string homeHtml = await home.Content.ReadAsStringAsync(Ct);
        Assert.Contains($"/articles/{bad}", homeHtml, StringComparison.Ordinal);
        Assert.Contains($"/articles/{good}", homeHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        using (var items = JsonDocument.Parse(await list.Content.ReadAsStringAsync(Ct)))
            Assert.Equal(2, items.RootElement.GetProperty("items").GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.Contains("Sumqayıtda yeni park salındı", await feed.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(pageHolds, await page.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        return JsonDocument.Parse(await api.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task A_story_that_knows_no_time_is_left_out_of_the_front_page_and_the_days_stories()
    {
        // Its first and last times both hold text: the front page and every list of stories answered the 500 page.
        var (host, id, _, story, _) = await StartWithSeedsAsync();
        await using var hosted = host;
        var (day, listed) = await DaysStoriesAsync(host, "");
        Assert.Contains(story, listed);
        await ChangeRowAsync(host, id, "UPDATE stories SET first_seen = 'then', last_seen = 'then' WHERE id = (SELECT story_id FROM articles WHERE id = $id)");

        foreach (string path in new[] { "/", "/stories", "/api/stories", "/api/articles", $"/articles/{id}" })
        {
            using var response = await host.Client.GetAsync(path, Ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
        }
        Assert.DoesNotContain(story, (await DaysStoriesAsync(host, "?day=" + day)).Stories);
        using var own = await host.Client.GetAsync($"/stories/{story}", Ct);
        Assert.Equal(HttpStatusCode.InternalServerError, own.StatusCode);
    }

    /// <summary>The day <c>/api/stories</c> answers for (<paramref name="query"/> its query) and the ids of its stories.</summary>
    private static async Task<(string Day, List<long> Stories)> DaysStoriesAsync(PortalHost host, string query)
    {
        using var response = await host.Client.GetAsync("/api/stories" + query, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return (json.RootElement.GetProperty("day").GetString()!, [.. json.RootElement.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("id").GetInt64())]);
    }

    /// <summary>
    /// Asserts that <paramref name="path"/> answers 200, and returns the articles it lists: the ids its links to article
    /// pages name (HTML, Atom), or those of its JSON's article lists (<c>items</c>, <c>articles</c>, <c>articleIds</c>).
    /// </summary>
    private static async Task<HashSet<long>> ListedIdsAsync(PortalHost host, string path)
    {
        using var response = await host.Client.GetAsync(path, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
        string body = await response.Content.ReadAsStringAsync(Ct);
        if (response.Content.Headers.ContentType?.MediaType != "application/json")
            return [.. System.Text.RegularExpressions.Regex.Matches(body, "/articles/([0-9]+)[\"<?#]").Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))];
        using var json = JsonDocument.Parse(body);
        var ids = new HashSet<long>();
        foreach (var list in json.RootElement.EnumerateObject().Where(p => p.Name is "items" or "articles" or "articleIds"))
            foreach (var item in list.Value.EnumerateArray())
                ids.Add(item.ValueKind == JsonValueKind.Number ? item.GetInt64() : item.GetProperty("id").GetInt64());
        return ids;
    }

    /// <summary>The pages that list or count an article of <paramref name="site"/>, <paramref name="story"/> and <paramref name="entity"/>.</summary>
    private static IEnumerable<string> PagesListing(string site, long story, long entity) =>
        ["/", "/api/articles", "/feed.atom", "/sources", $"/sources/{site}", $"/sources/{site}/feed.atom", $"/entities/{entity}", $"/api/entities/{entity}",
            $"/stories/{story}", $"/api/stories/{story}", $"/stories/{story}/feed.atom", "/stories", "/sitemap.xml", "/search?q=metro",
            "/search?q=Azərbaycan+since:2020-01-01", "/api/search?q=Qazaxıstan+until:2030-01-01"];

    /// <summary>A portal over the five seeds, and an article of theirs with a site, a story and an entity to change.</summary>
    private static async Task<(PortalHost Host, long Id, string Site, long Story, long Entity)> StartWithSeedsAsync()
    {
        var host = await PortalHost.StartAsync(async store =>
        {
            var importer = new Icmal.Ingest.Importer(await Icmal.Ingest.IngestPipeline.OpenAsync(store, Ct), new Icmal.Import.ImportOptions());
            await foreach (var _ in importer.ImportAsync([Path.Combine(PortalFixture.RepositoryRoot, "samples")], Ct))
            {
            }
        });
        long id = await ScalarAsync(host, """
            SELECT MIN(a.id) FROM articles a WHERE a.site IS NOT NULL AND a.story_id IS NOT NULL
                AND EXISTS (SELECT 1 FROM article_entities e WHERE e.article_id = a.id)
            """, 0);
        string site = (string)(await QueryAsync(host, "SELECT site FROM articles WHERE id = $id", id))!;
        long story = await ScalarAsync(host, "SELECT story_id FROM articles WHERE id = $id", id);
        long entity = await ScalarAsync(host, "SELECT MIN(entity_id) FROM article_entities WHERE article_id = $id", id);
        return (host, id, site, story, entity);
    }

    /// <summary>A portal over two articles (in a story each when <paramref name="inStories"/>): the one left alone, the one to change.</summary>
    private static async Task<(PortalHost Host, long Good, long Bad)> StartWithTwoAsync(bool inStories = false)
    {
        long good = 0, bad = 0;
        var host = await PortalHost.StartAsync(async store =>
        {
            good = await AddAsync(store, "Bakıda yeni metro stansiyası açıldı", "https://example.az/1");
            bad = await AddAsync(store, "Sumqayıtda yeni park salındı", "https://example.az/2");
            if (!inStories) return;
            await store.Stories.AssignAsync(good, null, "Bakıda yeni metro stansiyası açıldı", At, Ct);
            await store.Stories.AssignAsync(bad, null, "Sumqayıtda yeni park salındı", At, Ct);
        });
        return (host, good, bad);
    }

    private static readonly DateTimeOffset At = new(2025, 11, 20, 10, 0, 0, TimeSpan.Zero);

    /// <summary>Runs <paramref name="sql"/> on the portal's SQLite file as another tool would, with $id the article's id.</summary>
    private static Task ChangeRowAsync(PortalHost host, long id, string sql) => QueryAsync(host, sql, id);

    /// <summary>Runs <paramref name="sql"/> (statements one after another) on the portal's SQLite file, with $id <paramref name="id"/>: the first value it reads.</summary>
    private static async Task<object?> QueryAsync(PortalHost host, string sql, long id)
    {
        await using var conn = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(host.DataFolder, "icmal.db")};Pooling=False");
        await conn.OpenAsync(Ct);
        await using var cmd = conn.CreateCommand();
#pragma warning disable CA2100 // the tests' own statements, the id a parameter
        cmd.CommandText = sql;
#pragma warning restore CA2100
        cmd.Parameters.AddWithValue("$id", id);
        return await cmd.ExecuteScalarAsync(Ct);
    }

    private static async Task<long> ScalarAsync(PortalHost host, string sql, long id) => Convert.ToInt64(await QueryAsync(host, sql, id), System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<long> AddAsync(Stores store, string title, string url)
    {
        string text = title + ". Tədbirdə rəsmilər və sakinlər iştirak ediblər, ətraflı məlumat sonra veriləcək.";
        byte[] raw = System.Text.Encoding.UTF8.GetBytes(text + url);
        var article = new Article
        {
            Id = 0, DocumentId = 0, Origin = url, Url = url, Title = title, Language = "az", Published = At, Archived = At,
            Blocks = [new ArticleBlock(BlockKind.Paragraph, text)],
        };
        return (await store.Articles.AddAsync(new NewDocument(Hashing.Sha256Hex(raw), url, url, "html", "utf-8", raw, At), article, Ct)).ArticleId;
    }
}
