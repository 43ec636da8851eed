using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Icmal.Web.Tests;

/// <summary>
/// /entities, the names in the news, over the real server and the five imported seeds: three of them carry no date
/// and are archived now, two were published in October 2025. The week's people, organisations and places are those
/// the three name, most articles first, each a link to its page; the periods are links with the current one marked;
/// a name searched for is found over the whole archive in any form; a period or name the page cannot take is a 400
/// page saying which, never a 500. /api/entities counts the same by <c>period</c>.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class NamesPageTests(PortalFixture portal) : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Without cookies: a ?culture= here is this request's alone, and no other test's interface language.
    private readonly HttpClient _client = new(new HttpClientHandler { UseCookies = false }) { BaseAddress = portal.BaseAddress };

    public void Dispose() => _client.Dispose();

    private async Task<IDocument> PageAsync(string path, HttpStatusCode status = HttpStatusCode.OK)
    {
        using var response = await _client.GetAsync(path, Ct);
        Assert.True(status == response.StatusCode, $"{path}: {response.StatusCode}");
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync(Ct));
    }

    private static List<string> Names(IDocument doc, string column) =>
        doc.QuerySelectorAll($"section[aria-labelledby={column}] ol.names li a").Select(a => a.TextContent).ToList();

    [Fact]
    public async Task The_weeks_names_are_those_of_the_articles_archived_this_week_each_kind_in_its_column_linked_to_its_page()
    {
        var doc = await PageAsync("/entities?culture=en");

        Assert.Equal("Names in the news", doc.QuerySelector("h1")!.TextContent);
        var people = Names(doc, "names-people");
        Assert.Contains("İlham Əliyev", people);
        Assert.Contains("Kasım-Jomart Tokayev", people);
        // She is named in the interview of 20 October 2025 alone: in the archive, not in this week's news.
        Assert.DoesNotContain("Şəbnəm Həsənova", people);
        Assert.Contains("Qazaxıstan", Names(doc, "names-places"));
        Assert.Contains("Türk Dövlətləri Təşkilatı", Names(doc, "names-organisations"));
        Assert.DoesNotContain("Qazaxıstan", people);

        // Most articles first, each with its count in the interface language.
        var counts = doc.QuerySelectorAll("section[aria-labelledby=names-places] ol.names li .meta")
            .Select(m => long.Parse(m.TextContent.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(counts.OrderDescending(), counts);
        var aliyev = doc.QuerySelectorAll("section[aria-labelledby=names-people] ol.names li").First(li => li.QuerySelector("a")!.TextContent == "İlham Əliyev");
        Assert.Equal("3 articles", aliyev.QuerySelector(".meta")!.TextContent);

        var entity = await PageAsync(aliyev.QuerySelector("a")!.GetAttribute("href")!);
        Assert.Equal("İlham Əliyev", entity.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task The_periods_are_links_with_the_current_one_marked_and_every_page_links_the_names()
    {
        var week = await PageAsync("/entities");
        Assert.Equal("Son 7 gün", week.QuerySelector("nav.periods [aria-current=page]")!.TextContent);
        Assert.Equal(["/entities?period=day", "/entities?period=month"], week.QuerySelectorAll("nav.periods a").Select(a => a.GetAttribute("href")!));

        var day = await PageAsync("/entities?period=DAY&culture=ru");
        Assert.Equal("За сутки", day.QuerySelector("nav.periods [aria-current=page]")!.TextContent);
        Assert.Contains("/entities", day.QuerySelectorAll("nav.periods a").Select(a => a.GetAttribute("href")));
        Assert.Contains("İlham Əliyev", Names(day, "names-people"));
        // The search keeps the period it was asked from.
        Assert.Equal("day", day.QuerySelector("form.names-search input[name=period]")!.GetAttribute("value"));

        var home = await PageAsync("/");
        Assert.Equal("Adlar", home.QuerySelector("nav.site-nav a[href='/entities']")!.TextContent);
    }

    [Fact]
    public async Task A_name_searched_for_is_found_in_any_form_over_the_whole_archive()
    {
        var doc = await PageAsync("/entities?q=H%C9%99s%C9%99novan%C4%B1n"); // "Həsənovanın"
        Assert.Contains("Həsənovanın", doc.QuerySelector("#names-found-heading")!.TextContent, StringComparison.Ordinal);
        var found = doc.QuerySelectorAll("section.names-found ul.names li").First(li => li.QuerySelector("a")!.TextContent == "Şəbnəm Həsənova");
        Assert.Equal("Şəxs · 1 xəbər", found.QuerySelector(".meta")!.TextContent);
        Assert.Equal("Həsənovanın", doc.QuerySelector("#names-q")!.GetAttribute("value"));

        var none = await PageAsync("/entities?q=Qwertyuiop&culture=en");
        Assert.Equal("No person, organisation or place goes by that name.", none.QuerySelector("section.names-found p.empty")!.TextContent);
        Assert.Empty(none.QuerySelectorAll("section.names-found li"));
        Assert.NotEmpty(Names(none, "names-people"));
    }

    [Theory]
    [InlineData("/entities?period=year")]
    [InlineData("/entities?period=7")]
    public async Task A_period_the_page_does_not_know_is_a_400_page_saying_so(string path)
    {
        var doc = await PageAsync(path, HttpStatusCode.BadRequest);
        Assert.Contains("period must be day, week or month", doc.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_period_is_the_week()
    {
        Assert.Equal("Son 7 gün", (await PageAsync("/entities?period=")).QuerySelector("nav.periods [aria-current=page]")!.TextContent);
    }

    [Fact]
    public async Task A_name_too_long_to_search_is_a_400_page_saying_so()
    {
        var doc = await PageAsync("/entities?q=" + new string('a', 201), HttpStatusCode.BadRequest);
        Assert.Contains("the name must be at most 200 characters", doc.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_counts_the_articles_of_the_period_alone_and_refuses_a_period_it_does_not_know()
    {
        using var week = JsonDocument.Parse(await _client.GetStringAsync("/api/entities?period=week&kind=PER&limit=200", Ct));
        using var all = JsonDocument.Parse(await _client.GetStringAsync("/api/entities?kind=PER&limit=200", Ct));
        Assert.Equal("week", week.RootElement.GetProperty("period").GetString());
        Assert.True(DateTimeOffset.UtcNow - week.RootElement.GetProperty("since").GetDateTimeOffset() > TimeSpan.FromDays(6.9));
        Assert.Equal(JsonValueKind.Null, all.RootElement.GetProperty("period").ValueKind);
        long Count(JsonDocument doc, string name) => doc.RootElement.GetProperty("items").EnumerateArray()
            .Where(e => e.GetProperty("name").GetString() == name).Select(e => e.GetProperty("articles").GetInt64()).SingleOrDefault();
        Assert.Equal(3, Count(week, "İlham Əliyev"));
        Assert.Equal(5, Count(all, "İlham Əliyev"));
        Assert.Equal(0, Count(week, "Şəbnəm Həsənova"));
        Assert.Equal(1, Count(all, "Şəbnəm Həsənova"));

        using var bad = await _client.GetAsync("/api/entities?period=year", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        using var error = JsonDocument.Parse(await bad.Content.ReadAsStringAsync(Ct));
        Assert.Equal("period must be day, week or month", error.RootElement.GetProperty("error").GetString());
    }
}
