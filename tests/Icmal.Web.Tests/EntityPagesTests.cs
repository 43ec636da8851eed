using System.Net;
using System.Text.Json;
using AngleSharp.Html.Parser;

namespace Icmal.Web.Tests;

/// <summary>
/// Entities over the real server and the five imported seeds: the article API carries entities, quotes and figures;
/// the article page links its names to entity pages; an entity page shows its articles by month, its quotes and its
/// companions; /api/entities searches by name and kind; bad input is a 400 with a message, an unknown id a 404.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class EntityPagesTests(PortalFixture portal)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<JsonElement> JsonAsync(string path, HttpStatusCode status = HttpStatusCode.OK)
    {
        using var response = await portal.Client.GetAsync(path, Ct);
        Assert.True(status == response.StatusCode, $"{path}: {response.StatusCode}");
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return doc.RootElement.Clone();
    }

    private async Task<long> InterviewIdAsync()
    {
        var list = await JsonAsync("/api/articles?limit=10");
        return list.GetProperty("items").EnumerateArray().First(a => a.GetProperty("title").GetString()!.Contains("fürsət pəncərəsidir", StringComparison.Ordinal))
            .GetProperty("id").GetInt64();
    }

    [Fact]
    public async Task The_article_api_carries_the_interviews_entities_quotes_and_figures()
    {
        var article = await JsonAsync($"/api/articles/{await InterviewIdAsync()}");
        var entities = article.GetProperty("entities").EnumerateArray().ToList();
        Assert.Contains(entities, e => e.GetProperty("name").GetString() == "Kasım-Jomart Tokayev" && e.GetProperty("kind").GetString() == "PER");
        Assert.Contains(entities, e => e.GetProperty("name").GetString() == "Türk Dövlətləri Təşkilatı" && e.GetProperty("kind").GetString() == "ORG");
        Assert.DoesNotContain(entities, e => e.GetProperty("name").GetString()!.Contains("Çimayev", StringComparison.Ordinal));
        var quote = article.GetProperty("quotes").EnumerateArray().First(q => q.GetProperty("text").GetString()!.StartsWith("Hər şeydən öncə", StringComparison.Ordinal));
        Assert.EndsWith("Həsənova", quote.GetProperty("speaker").GetString(), StringComparison.Ordinal);
        Assert.Equal("direct", quote.GetProperty("form").GetString());
        Assert.Equal(JsonValueKind.Array, article.GetProperty("figures").ValueKind);
    }

    [Fact]
    public async Task The_article_page_links_its_people_to_entity_pages_and_the_entity_page_shows_months_quotes_and_companions()
    {
        long id = await InterviewIdAsync();
        using var response = await portal.Client.GetAsync($"/articles/{id}", Ct);
        var doc = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync(Ct));
        var panel = doc.QuerySelector("section.facts")!;
        Assert.NotNull(panel);
        var hasanova = panel.QuerySelectorAll("p.facts-entities a").First(a => a.TextContent.EndsWith("Həsənova", StringComparison.Ordinal));
        // "Şəxslər: Kasım-Jomart Tokayev, …": the label and the first name read apart (they ran together, "Şəxslər:Kasım").
        Assert.All(panel.QuerySelectorAll("p.facts-entities"), p => Assert.Matches("^[^:]+: [^ ]", p.TextContent));
        Assert.Contains(panel.QuerySelectorAll("ul.facts-quotes li"), li => li.TextContent.Contains("Hər şeydən öncə", StringComparison.Ordinal)
            && li.QuerySelector("a")?.TextContent.EndsWith("Həsənova", StringComparison.Ordinal) == true);

        using var page = await portal.Client.GetAsync(hasanova.GetAttribute("href"), Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var entityDoc = new HtmlParser().ParseDocument(await page.Content.ReadAsStringAsync(Ct));
        Assert.EndsWith("Həsənova", entityDoc.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(entityDoc.QuerySelectorAll("ul.facts-quotes li"), li => li.TextContent.Contains("Hər şeydən öncə", StringComparison.Ordinal));
        Assert.Contains(entityDoc.QuerySelectorAll("ul.entity-articles a"), a => a.GetAttribute("href") == $"/articles/{id}");
        Assert.Contains(entityDoc.QuerySelectorAll("ul.entity-companions a"), a => a.TextContent == "Kasım-Jomart Tokayev");
        Assert.NotEmpty(entityDoc.QuerySelectorAll("table.entity-months tr"));

        // Every article naming her, paged by the search of her filter alone, and its feed (a monitor's alert).
        string all = entityDoc.QuerySelector("p.entity-all a")!.GetAttribute("href")!;
        string feed = entityDoc.QuerySelector("link[rel=alternate][type='application/atom+xml']")!.GetAttribute("href")!;
        using var list = await portal.Client.GetAsync(all, Ct);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var listDoc = new HtmlParser().ParseDocument(await list.Content.ReadAsStringAsync(Ct));
        Assert.Contains(listDoc.QuerySelectorAll("a"), a => a.GetAttribute("href") == $"/articles/{id}");
        using var atom = await portal.Client.GetAsync(feed, Ct);
        Assert.Equal(HttpStatusCode.OK, atom.StatusCode);
        Assert.Contains($"/articles/{id}</id>", await atom.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_entities_api_finds_Tokayev_by_his_Cyrillic_name_and_kind_and_answers_his_page()
    {
        var found = await JsonAsync("/api/entities?q=%D0%A2%D0%BE%D0%BA%D0%B0%D0%B5%D0%B2&kind=per"); // "Токаев"
        var tokayev = Assert.Single(found.GetProperty("items").EnumerateArray(), e => e.GetProperty("name").GetString() == "Kasım-Jomart Tokayev");
        Assert.True(tokayev.GetProperty("articles").GetInt64() >= 3);
        Assert.Empty((await JsonAsync("/api/entities?q=tokayev&kind=LOC")).GetProperty("items").EnumerateArray());
        // Inflected forms find him too (the analyser's base form, not a raw prefix): "Tokayevin", "Tokayevlə".
        foreach (string form in new[] { "Tokayevin", "Tokayevl%C9%99" })
            Assert.Contains((await JsonAsync("/api/entities?q=" + form)).GetProperty("items").EnumerateArray(), e => e.GetProperty("name").GetString() == "Kasım-Jomart Tokayev");

        var entity = await JsonAsync(tokayev.GetProperty("link").GetString()!);
        Assert.Equal("PER", entity.GetProperty("kind").GetString());
        Assert.Equal(entity.GetProperty("articleCount").GetInt64(), entity.GetProperty("months").EnumerateArray().Sum(m => m.GetProperty("articles").GetInt64()));
        Assert.Contains(entity.GetProperty("companions").EnumerateArray(), c => c.GetProperty("name").GetString() == "İlham Əliyev");
    }

    [Theory]
    [InlineData("/api/entities?kind=PERSON", "kind must be PER, ORG or LOC")]
    [InlineData("/api/entities?limit=0", "limit must be a whole number from 1 to 200")]
    [InlineData("/api/entities/abc", "entity id must be a positive whole number")]
    public async Task Bad_input_is_a_400_saying_which(string path, string error)
    {
        var answer = await JsonAsync(path, HttpStatusCode.BadRequest);
        Assert.Equal(error, answer.GetProperty("error").GetString());
    }

    [Fact]
    public async Task An_unknown_entity_is_a_404_on_the_api_and_the_page()
    {
        Assert.Equal("no entity 999999", (await JsonAsync("/api/entities/999999", HttpStatusCode.NotFound)).GetProperty("error").GetString());
        using var page = await portal.Client.GetAsync("/entities/999999", Ct);
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Contains("Belə ad yoxdur.", await page.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}
