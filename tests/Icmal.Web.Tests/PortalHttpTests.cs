using System.Net;
using System.Text.Json;
using AngleSharp.Html.Parser;

namespace Icmal.Web.Tests;

/// <summary>The portal and the API over real HTTP, on a real SQLite file holding the five seeds.</summary>
[Collection(PortalCollection.Name)]
public sealed class PortalHttpTests(PortalFixture portal)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] SeedTitles =
    [
        "Azərbaycan-Qazaxıstan münasibətləri: Türk dünyasında sıx əməkdaşlığa doğru",
        "Azərbaycan və Qazaxıstan qardaşlığının yeni mərhələsi",
        "Qazaxıstan Azərbaycan əlaqələrinin dərinləşməsi TDT üçün bir fürsət pəncərəsidir",
        "Astana görüşü və regionda yeni əməkdaşlıq dövrü",
        "İlham Əliyev: Qazaxıstan",
    ];

    [Fact]
    public async Task The_home_page_lists_the_five_seed_articles()
    {
        var response = await portal.Client.GetAsync("/", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        string html = await response.Content.ReadAsStringAsync(Ct);

        var doc = new HtmlParser().ParseDocument(html);
        var titles = doc.QuerySelectorAll("li.article-card h2 a").Select(a => a.TextContent).ToList();
        Assert.Equal(5, titles.Count);
        foreach (string expected in SeedTitles)
            Assert.Contains(titles, t => t.StartsWith(expected, StringComparison.Ordinal));
        Assert.Equal("az", doc.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Son xəbərlər", doc.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Portal_pages_are_valid_html5_without_parse_errors()
    {
        foreach (string path in new[] { "/", await FirstArticlePathAsync(), "/no/such/page" })
        {
            // The 404 page is checked too: ReadAsString, not GetStringAsync, which throws on an error status.
            string html = await (await portal.Client.GetAsync(path, Ct)).Content.ReadAsStringAsync(Ct);
            var errors = new List<string>();
            var parser = new HtmlParser();
            parser.Error += (_, e) => errors.Add(e.ToString() ?? "");
            parser.ParseDocument(html);
            Assert.True(errors.Count == 0, $"{path}: {string.Join("; ", errors)}");
            Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
            Assert.Contains("name=\"viewport\"", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_article_page_shows_title_site_author_times_and_text()
    {
        var list = await GetJsonAsync("/api/articles");
        var item = list.GetProperty("items").EnumerateArray().First(i => i.GetProperty("title").GetString()!.StartsWith("Astana görüşü", StringComparison.Ordinal));
        long id = item.GetProperty("id").GetInt64();

        string html = await portal.Client.GetStringAsync($"/articles/{id}", Ct);
        var doc = new HtmlParser().ParseDocument(html);
        Assert.Equal("Astana görüşü və regionda yeni əməkdaşlıq dövrü", doc.QuerySelector("article h1")!.TextContent);
        string meta = doc.QuerySelector("article .meta")!.TextContent;
        Assert.Contains("İlqar İlyasov", meta, StringComparison.Ordinal);
        Assert.Contains("27 oktyabr 2025, 14:37", meta, StringComparison.Ordinal);
        Assert.Contains("Arxivləşdirilib", meta, StringComparison.Ordinal);
        string body = doc.QuerySelector("article .body")!.TextContent;
        Assert.Contains("Astanada Azərbaycan Prezidenti İlham Əliyev", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Xəbər lenti", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_republished_article_credits_its_original()
    {
        var list = await GetJsonAsync("/api/articles");
        var item = list.GetProperty("items").EnumerateArray().First(i => i.GetProperty("site").GetString() == "Icma.az");
        string html = await portal.Client.GetStringAsync($"/articles/{item.GetProperty("id").GetInt64()}", Ct);
        var credit = new HtmlParser().ParseDocument(html).QuerySelector(".credit a");
        Assert.NotNull(credit);
        Assert.Equal("https://sherg.az/", credit!.GetAttribute("href"));
        Assert.Equal("Sherg.az", credit.TextContent);
    }

    [Fact]
    public async Task The_api_lists_articles_newest_first_with_paging()
    {
        var all = await GetJsonAsync("/api/articles");
        Assert.Equal(5, all.GetProperty("total").GetInt64());
        Assert.False(all.GetProperty("totalEstimated").GetBoolean()); // a small archive is counted exactly
        Assert.Equal(5, all.GetProperty("items").GetArrayLength());

        var page = await GetJsonAsync("/api/articles?limit=2&offset=1");
        var ids = page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToList();
        var allIds = all.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(allIds.Skip(1).Take(2), ids);
    }

    [Fact]
    public async Task The_api_pages_by_cursor_forward_and_back_over_every_article()
    {
        var all = await GetJsonAsync("/api/articles");
        var allIds = all.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(JsonValueKind.Null, all.GetProperty("next").ValueKind);
        Assert.Equal(JsonValueKind.Null, all.GetProperty("prev").ValueKind);

        var pages = new List<JsonElement> { await GetJsonAsync("/api/articles?limit=2") };
        while (pages[^1].GetProperty("next").GetString() is { } next)
            pages.Add(await GetJsonAsync($"/api/articles?limit=2&before={Uri.EscapeDataString(next)}"));
        Assert.Equal(allIds, pages.SelectMany(p => p.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64())));
        Assert.Equal(3, pages.Count);
        Assert.Equal(JsonValueKind.Null, pages[1].GetProperty("offset").ValueKind);
        Assert.Equal(5, pages[2].GetProperty("total").GetInt64());

        string prev = pages[2].GetProperty("prev").GetString()!;
        var back = await GetJsonAsync($"/api/articles?limit=2&after={Uri.EscapeDataString(prev)}");
        Assert.Equal(allIds.Skip(2).Take(2), back.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()));
    }

    [Theory]
    [InlineData("/?before=abc")]
    [InlineData("/?before=x")]
    [InlineData("/?after=abcde")]
    [InlineData("/?after=bm90LWEtdGltZSwxMg")]
    [InlineData("/?page=100000")]
    [InlineData("/?page=0")]
    public async Task A_bad_page_address_on_the_portal_is_a_400_page_in_azerbaijani(string path)
    {
        var response = await portal.Client.GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        string html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Səhv sorğu", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_returns_one_article_with_text_and_blocks()
    {
        var all = await GetJsonAsync("/api/articles");
        long id = all.GetProperty("items")[0].GetProperty("id").GetInt64();
        var article = await GetJsonAsync($"/api/articles/{id}");
        Assert.Equal(id, article.GetProperty("id").GetInt64());
        Assert.True(article.GetProperty("text").GetString()!.Length > 1000);
        Assert.True(article.GetProperty("blocks").GetArrayLength() > 0);
        Assert.Equal("paragraph", article.GetProperty("blocks")[0].GetProperty("kind").GetString());
        // Every stored article has a category: its page's section, else the classifier's.
        var category = article.GetProperty("category");
        Assert.True(Icmal.Text.Categories.NewsCategories.TryFromSlug(category.GetProperty("slug").GetString(), out _));
        Assert.Contains(category.GetProperty("origin").GetString(), (string[])["source", "classifier"]);
        Assert.InRange(category.GetProperty("confidence").GetDouble(), 0.0, 1.0);
    }

    [Fact]
    public async Task The_api_marks_the_derived_headline_and_gives_the_section_taken_off_a_headline()
    {
        var list = await GetJsonAsync("/api/articles?limit=10");
        var derived = new List<string>();
        var sections = new List<string?>();
        foreach (var item in list.GetProperty("items").EnumerateArray())
        {
            var article = await GetJsonAsync($"/api/articles/{item.GetProperty("id").GetInt64()}");
            if (article.GetProperty("titleDerived").GetBoolean()) derived.Add(article.GetProperty("title").GetString()!);
            sections.Add(article.GetProperty("section").GetString());
        }
        Assert.Equal(5, sections.Count);
        Assert.StartsWith("İlham Əliyev: ", Assert.Single(derived), StringComparison.Ordinal);
        Assert.Contains("Analitik", sections);
    }

    [Fact]
    public async Task The_api_says_where_each_articles_date_was_read()
    {
        var all = await GetJsonAsync("/api/articles");
        int dated = 0;
        foreach (var item in all.GetProperty("items").EnumerateArray())
        {
            var article = await GetJsonAsync($"/api/articles/{item.GetProperty("id").GetInt64()}");
            if (article.GetProperty("published").ValueKind == System.Text.Json.JsonValueKind.Null) continue;
            dated++;
            Assert.False(string.IsNullOrWhiteSpace(article.GetProperty("publishedFrom").GetString()));
            // The article's page says it in Azerbaijani.
            string html = await portal.Client.GetStringAsync($"/articles/{item.GetProperty("id").GetInt64()}", Ct);
            Assert.Contains("<span class=\"date-source\">(mənbə: ", html, StringComparison.Ordinal);
        }
        Assert.True(dated > 0, "no dated article among the samples");
    }

    [Theory]
    [InlineData("/api/articles/999999", HttpStatusCode.NotFound, "no article 999999")]
    [InlineData("/api/articles/abc", HttpStatusCode.BadRequest, "article id must be a positive whole number")]
    [InlineData("/api/articles?limit=abc", HttpStatusCode.BadRequest, "limit must be a whole number from 1 to 200")]
    [InlineData("/api/articles?limit=100000", HttpStatusCode.BadRequest, "limit must be a whole number from 1 to 200")]
    [InlineData("/api/articles?offset=-1", HttpStatusCode.BadRequest, "offset must be a whole number from 0 to 10000; to page deeper, follow the next cursor (before=...)")]
    [InlineData("/api/articles?offset=10001", HttpStatusCode.BadRequest, "offset must be a whole number from 0 to 10000; to page deeper, follow the next cursor (before=...)")]
    [InlineData("/api/articles?offset=10000000", HttpStatusCode.BadRequest, "offset must be a whole number from 0 to 10000; to page deeper, follow the next cursor (before=...)")]
    [InlineData("/api/articles?before=abc", HttpStatusCode.BadRequest, "before is not a cursor of this API: pass the next value of an earlier answer unchanged")]
    [InlineData("/api/articles?before=x", HttpStatusCode.BadRequest, "before is not a cursor of this API: pass the next value of an earlier answer unchanged")]
    [InlineData("/api/articles?after=abcde", HttpStatusCode.BadRequest, "after is not a cursor of this API: pass the prev value of an earlier answer unchanged")]
    [InlineData("/api/articles?before=%F0%9F%92%A9%00", HttpStatusCode.BadRequest, "before is not a cursor of this API: pass the next value of an earlier answer unchanged")]
    [InlineData("/api/articles?after=bm90LWEtdGltZSwxMg", HttpStatusCode.BadRequest, "after is not a cursor of this API: pass the prev value of an earlier answer unchanged")]
    [InlineData("/api/articles?before=x&after=y", HttpStatusCode.BadRequest, "before and after cannot be used together: pass one of them, as given in next or prev")]
    [InlineData("/api/articles?before=MjAyNS0wMS0wMVQwODowMDowMC4wMDBaLDE&offset=3", HttpStatusCode.BadRequest, "offset cannot be used with before or after: a cursor already says where the page starts")]
    [InlineData("/api/nothing", HttpStatusCode.NotFound, "no such API endpoint")]
    public async Task Bad_api_requests_get_one_clear_json_error(string path, HttpStatusCode status, string error)
    {
        var response = await portal.Client.GetAsync(path, Ct);
        Assert.Equal(status, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(error, json.RootElement.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("/articles/999999")]
    [InlineData("/articles/%3Cscript%3E")]
    [InlineData("/no/such/page")]
    public async Task Unknown_pages_answer_404_in_azerbaijani(string path)
    {
        var response = await portal.Client.GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        string html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Tapılmadı", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Pages_forbid_scripts_through_their_security_headers()
    {
        var response = await portal.Client.GetAsync("/", Ct);
        Assert.Contains("script-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task An_article_without_a_date_comes_last_on_its_storys_timeline_without_a_time_and_outside_its_span()
    {
        // Seed 000, a print edition's text, has no date: its archive time (today) is when İcmal read it. The timeline
        // put it under today's heading with today's time, and the story ran "20 October 2025 – <today>".
        var items = (await GetJsonAsync("/api/articles")).GetProperty("items").EnumerateArray().ToList();
        var story = items.GroupBy(i => i.GetProperty("storyId").GetInt64()).MaxBy(g => g.Count())!;
        static bool Dated(JsonElement i) => i.GetProperty("published").ValueKind != JsonValueKind.Null;
        var undated = story.Where(i => !Dated(i)).Select(i => $"/articles/{i.GetProperty("id").GetInt64()}").ToList();
        var dated = story.Where(Dated).Select(i => i.GetProperty("published").GetDateTimeOffset()).ToList();
        Assert.NotEmpty(undated);
        Assert.NotEmpty(dated);

        var doc = new HtmlParser().ParseDocument(await portal.Client.GetStringAsync($"/stories/{story.Key}", Ct));
        var sections = doc.QuerySelectorAll("section.timeline-day").ToList();
        var last = sections[^1];
        Assert.Equal("Tarixi bilinməyənlər", last.QuerySelector("h2")!.TextContent);
        Assert.Contains("timeline-undated", last.ClassList);
        var entries = last.QuerySelectorAll("li.timeline-entry");
        Assert.Equal(undated.Order(StringComparer.Ordinal), entries.Select(e => e.QuerySelector("h3 a")!.GetAttribute("href")!).Order(StringComparer.Ordinal));
        Assert.All(entries, e => Assert.Null(e.QuerySelector("time")));
        // A print text names no site either: no empty line for it.
        Assert.DoesNotContain(doc.QuerySelectorAll("li.timeline-entry p.meta"), p => p.TextContent.Length == 0);
        Assert.All(sections.SkipLast(1), section => Assert.DoesNotContain("timeline-undated", section.ClassList));
        Assert.Equal(dated.Count, sections.SkipLast(1).Sum(section => section.QuerySelectorAll("li.timeline-entry time").Length));
        // The story's span is its dated articles': it ends at the last one's time, not at today's archive time.
        string meta = doc.QuerySelector("main > p.meta")!.TextContent;
        Assert.EndsWith($"{dated.Max().ToOffset(TimeSpan.FromHours(4)).Year}, {Icmal.Web.Catalogue.InterfaceFormat.Time(dated.Max())}", meta, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_seeds_about_the_visit_form_one_story_shown_on_its_own_page_and_in_the_api()
    {
        var all = await GetJsonAsync("/api/articles");
        // At least four of the five seeds report the October 2025 visit (002 is about the visit of March 2024).
        var largest = all.GetProperty("items").EnumerateArray().GroupBy(i => i.GetProperty("storyId").GetInt64()).MaxBy(g => g.Count())!;
        long storyId = largest.Key;
        int size = largest.Count();
        Assert.True(size >= 4, $"the largest story holds {size} seeds");

        string html = await portal.Client.GetStringAsync($"/stories/{storyId}", Ct);
        var doc = new HtmlParser().ParseDocument(html);
        Assert.Equal(size, doc.QuerySelectorAll("li.timeline-entry").Length);
        Assert.Contains("Icma.az", doc.QuerySelector(".story-sources")!.TextContent, StringComparison.Ordinal);
        string home = await portal.Client.GetStringAsync("/", Ct);
        Assert.Contains($"href=\"/stories/{storyId}\">Bu mövzuda {size} xəbər", home, StringComparison.Ordinal);

        var story = await GetJsonAsync($"/api/stories/{storyId}");
        Assert.Equal(size, story.GetProperty("articleCount").GetInt32());
        Assert.Equal(size, story.GetProperty("articles").GetArrayLength());
        var missing = await portal.Client.GetAsync("/api/stories/424242", Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    private async Task<string> FirstArticlePathAsync()
    {
        var all = await GetJsonAsync("/api/articles");
        return "/articles/" + all.GetProperty("items")[0].GetProperty("id").GetInt64();
    }

    private async Task<JsonElement> GetJsonAsync(string path)
    {
        string json = await portal.Client.GetStringAsync(path, Ct);
        return JsonDocument.Parse(json).RootElement.Clone();
    }
}
