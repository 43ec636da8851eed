using System.Net;
using System.Text.Json;
using AngleSharp.Html.Parser;

namespace Icmal.Web.Tests;

/// <summary>
/// /stories, the story timeline and the stories API over a real server and a real archive of two days, with a copy
/// linked to its original (<see cref="StoryArchive"/>).
/// </summary>
public sealed class StoryPagesTests : IAsyncLifetime
{
    private PortalHost? _host;
    private StoryArchive _archive = null!;

    private HttpClient Client => _host!.Client;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _host = await PortalHost.StartAsync(async store => _archive = await StoryArchive.FillAsync(store));

    public async ValueTask DisposeAsync()
    {
        if (_host is not null) await _host.DisposeAsync();
    }

    private async Task<JsonElement> JsonAsync(string path)
    {
        using var response = await Client.GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return doc.RootElement.Clone();
    }

    private async Task<AngleSharp.Html.Dom.IHtmlDocument> PageAsync(string path, HttpStatusCode status = HttpStatusCode.OK)
    {
        using var response = await Client.GetAsync(path, Ct);
        Assert.Equal(status, response.StatusCode);
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task The_stories_page_shows_the_latest_day_ranked_by_sources_with_each_storys_size_sources_and_the_earlier_day()
    {
        var doc = await PageAsync("/stories");

        Assert.Equal([$"/stories/{_archive.Visit}", $"/stories/{_archive.Weather}", $"/stories/{_archive.Budget}"],
            doc.QuerySelectorAll("li.story-card h2 a").Select(a => a.GetAttribute("href")));
        Assert.Equal("Günün mövzuları", doc.QuerySelector("h1")!.TextContent);
        Assert.Contains("22 oktyabr 2025: 3 mövzu", doc.QuerySelector("main > p.meta")!.TextContent, StringComparison.Ordinal);
        var first = doc.QuerySelector("li.story-card")!;
        Assert.StartsWith("4 xəbər · 4 mənbə · 21 oktyabr 2025, 09:00 – 22 oktyabr 2025, 08:00", first.QuerySelector("p.meta")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Mənbələr: sherg.az, icma.az, apa.az, report.az", first.QuerySelector("p.story-sources")!.TextContent);
        var earlier = doc.QuerySelectorAll("nav.pager a").Single();
        Assert.Equal("/stories?day=2025-10-21", earlier.GetAttribute("href"));
        Assert.Equal("Əvvəlki gün →", earlier.TextContent);

        var day21 = await PageAsync("/stories?day=2025-10-21");
        Assert.Equal([$"/stories/{_archive.Visit}"], day21.QuerySelectorAll("li.story-card h2 a").Select(a => a.GetAttribute("href")));
        Assert.Equal("/stories?day=2025-10-22", day21.QuerySelectorAll("nav.pager a").Single().GetAttribute("href"));
        Assert.Equal($"/stories/{_archive.Visit}", (await PageAsync("/stories?day=2025-10-22&page=1")).QuerySelector("li.story-card h2 a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task A_day_without_stories_says_so_and_a_day_or_page_that_cannot_be_read_is_a_400_naming_it()
    {
        var quiet = await PageAsync("/stories?day=2030-01-01");
        Assert.Equal("Həmin gün heç bir mövzu yoxdur.", quiet.QuerySelector("p.empty")!.TextContent);
        Assert.Equal("/stories?day=2025-10-22", quiet.QuerySelectorAll("nav.pager a").Single().GetAttribute("href"));
        Assert.Equal("Bu səhifədə mövzu qalmayıb: həmin günün mövzuları əvvəlki səhifələrdədir.",
            (await PageAsync("/stories?day=2025-10-22&page=9")).QuerySelector("p.empty")!.TextContent);

        Assert.Contains("day must be a date written YYYY-MM-DD", (await PageAsync("/stories?day=22.10.2025", HttpStatusCode.BadRequest)).Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("page must be a whole number from 1 to 501", (await PageAsync("/stories?page=0", HttpStatusCode.BadRequest)).Body!.TextContent, StringComparison.Ordinal);
        await PageAsync("/stories?page=99999999999", HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("9999-12-31")]
    [InlineData("1899-12-31")]
    public async Task A_day_at_the_edge_of_the_calendar_is_a_400_naming_the_range_not_a_500(string day)
    {
        Assert.Contains("from 1900-01-01 to 2999-12-31", (await PageAsync("/stories?day=" + day, HttpStatusCode.BadRequest)).Body!.TextContent, StringComparison.Ordinal);
        using var response = await Client.GetAsync("/api/stories?day=" + day, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("from 1900-01-01 to 2999-12-31", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_stories_api_ranks_the_day_and_pages_it_and_refuses_bad_parameters_with_one_sentence()
    {
        var list = await JsonAsync("/api/stories");
        Assert.Equal("2025-10-22", list.GetProperty("day").GetString());
        Assert.Equal(3, list.GetProperty("total").GetInt32());
        Assert.Equal("2025-10-21", list.GetProperty("earlierDay").GetString());
        Assert.Equal(JsonValueKind.Null, list.GetProperty("laterDay").ValueKind);
        var items = list.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([_archive.Visit, _archive.Weather, _archive.Budget], items.Select(i => i.GetProperty("id").GetInt64()));
        Assert.Equal(4, items[0].GetProperty("sourceCount").GetInt32());
        Assert.Equal(["sherg.az", "icma.az", "apa.az", "report.az"], items[0].GetProperty("sources").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal("Prezident Astanada sammitdə iştirak edib", items[0].GetProperty("title").GetString());
        Assert.Equal(StoryArchive.Oct21.AddHours(9), items[0].GetProperty("firstSeen").GetDateTimeOffset());
        Assert.Equal($"/api/stories/{_archive.Visit}", items[0].GetProperty("link").GetString());

        var second = await JsonAsync("/api/stories?day=2025-10-22&limit=2&offset=2");
        Assert.Equal([_archive.Budget], second.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()));
        Assert.Equal(2, second.GetProperty("offset").GetInt32());

        foreach (var (query, words) in new[]
                 {
                     ("limit=0", "limit must be a whole number from 1 to 200"), ("offset=-1", "offset must be a whole number from 0 to 10000"),
                     ("day=yesterday", "day must be a date written YYYY-MM-DD"), ("day=2025-02-30", "day must be a date written YYYY-MM-DD"),
                 })
        {
            using var response = await Client.GetAsync("/api/stories?" + query, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
            Assert.StartsWith(words, error.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_story_in_the_api_carries_its_article_ids_sources_and_each_articles_copy_links()
    {
        var story = await JsonAsync($"/api/stories/{_archive.Visit}");

        Assert.Equal([_archive.Original, _archive.Copy, _archive.Apa, _archive.FollowUp], story.GetProperty("articleIds").EnumerateArray().Select(i => i.GetInt64()));
        Assert.Equal(["sherg.az", "icma.az", "apa.az", "report.az"], story.GetProperty("sources").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(StoryArchive.Oct21.AddHours(32), story.GetProperty("lastSeen").GetDateTimeOffset());
        var articles = story.GetProperty("articles").EnumerateArray().ToList();
        Assert.Equal([_archive.Copy], articles[0].GetProperty("copyIds").EnumerateArray().Select(i => i.GetInt64()));
        Assert.Equal(JsonValueKind.Null, articles[0].GetProperty("originalId").ValueKind);
        Assert.Equal(_archive.Original, articles[1].GetProperty("originalId").GetInt64());
        Assert.Empty(articles[2].GetProperty("copyIds").EnumerateArray());
    }

    [Fact]
    public async Task A_storys_page_is_a_timeline_by_day_with_each_copy_folded_under_its_original()
    {
        var doc = await PageAsync($"/stories/{_archive.Visit}");

        Assert.Equal(["21 oktyabr 2025", "22 oktyabr 2025"], doc.QuerySelectorAll("section.timeline-day h2").Select(h => h.TextContent));
        var entries = doc.QuerySelectorAll("li.timeline-entry").ToList();
        Assert.Equal([$"/articles/{_archive.Original}", $"/articles/{_archive.Apa}", $"/articles/{_archive.FollowUp}"],
            entries.Select(e => e.QuerySelector("h3 a")!.GetAttribute("href")));
        Assert.Equal("09:00 · sherg.az", entries[0].QuerySelector("p.meta")!.TextContent);
        Assert.Equal("2025-10-21T09:00:00+04:00", entries[0].QuerySelector("time")!.GetAttribute("datetime"));
        var folded = entries[0].QuerySelector("p.copies")!;
        Assert.Equal("Həmçinin: icma.az", folded.TextContent);
        Assert.Equal($"/articles/{_archive.Copy}", folded.QuerySelector("a")!.GetAttribute("href"));
        Assert.Null(entries[1].QuerySelector("p.copies"));
        Assert.Equal("Mənbələr: sherg.az, icma.az, apa.az, report.az", doc.QuerySelector("p.story-sources")!.TextContent);
    }
}
