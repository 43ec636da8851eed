using System.Net;
using System.Text.Json;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Icmal.Web.Tests;

/// <summary>The portal's search box and /search page over real HTTP, on a real SQLite file holding the five seeds.</summary>
[Collection(PortalCollection.Name)]
public sealed class SearchPortalTests(PortalFixture portal)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(HttpStatusCode Status, IHtmlDocument Page)> GetPageAsync(string path)
    {
        using var response = await portal.Client.GetAsync(path, Ct);
        string html = await response.Content.ReadAsStringAsync(Ct);
        var errors = new List<string>();
        var parser = new HtmlParser();
        parser.Error += (_, e) => errors.Add(e is AngleSharp.Html.Dom.Events.HtmlErrorEvent h ? $"{h.Message} at {h.Position.Line}:{h.Position.Column}" : e.ToString() ?? "");
        var doc = parser.ParseDocument(html);
        Assert.True(errors.Count == 0, $"{path}: {string.Join("; ", errors)}");
        return (response.StatusCode, doc);
    }

    private static IHtmlInputElement Box(IHtmlDocument doc)
    {
        var form = Assert.IsAssignableFrom<IHtmlFormElement>(doc.QuerySelector("header form[role=search]"));
        Assert.Equal("/search", form.GetAttribute("action"));
        Assert.Equal("get", form.GetAttribute("method"));
        var box = Assert.IsAssignableFrom<IHtmlInputElement>(form.QuerySelector("input[name=q]"));
        var label = doc.QuerySelector($"label[for={box.Id}]");
        Assert.False(string.IsNullOrWhiteSpace(label?.TextContent), "the search box has no label");
        Assert.Empty(NoScripts.Executable(doc)); // the article page's JSON-LD is data, never run
        return box;
    }

    [Fact]
    public async Task The_search_box_is_on_the_home_page_the_article_page_and_the_error_page()
    {
        using var list = JsonDocument.Parse(await portal.Client.GetStringAsync("/api/articles", Ct));
        long id = list.RootElement.GetProperty("items")[0].GetProperty("id").GetInt64();
        foreach (string path in new[] { "/", $"/articles/{id}", "/no/such/page" })
        {
            var (_, doc) = await GetPageAsync(path);
            Assert.Equal("", Box(doc).Value);
        }
    }

    [Fact]
    public async Task Searching_qazaxistan_in_ascii_finds_the_seeds_and_marks_the_form_their_text_uses()
    {
        var (status, doc) = await GetPageAsync("/search?q=qazaxistan");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("qazaxistan", Box(doc).Value);
        var cards = doc.QuerySelectorAll("ol.search-results li.search-hit");
        Assert.NotEmpty(cards);
        Assert.Matches(@"^\d+ nəticə", doc.QuerySelector(".search-count")!.TextContent);
        Assert.StartsWith($"{cards.Length} nəticə", doc.QuerySelector(".search-count")!.TextContent, StringComparison.Ordinal);
        foreach (var card in cards)
            Assert.Matches("^/articles/[0-9]+$", card.QuerySelector("h2 a")!.GetAttribute("href")!);
        var marked = doc.QuerySelectorAll(".snippet mark").Select(m => m.TextContent).ToList();
        Assert.NotEmpty(marked);
        Assert.Contains(marked, m => m.StartsWith("Qazaxıstan", StringComparison.Ordinal));
        Assert.DoesNotContain(marked, m => m.StartsWith("qazaxistan", StringComparison.Ordinal));
        Assert.Contains(doc.QuerySelectorAll("head link[rel=alternate]"), l => l.GetAttribute("type") == "application/atom+xml"
            && l.GetAttribute("href") == "/search.atom?q=qazaxistan");
    }

    [Fact]
    public async Task When_no_article_has_every_word_the_page_says_it_shows_those_with_some()
    {
        var (_, relaxed) = await GetPageAsync("/search?q=" + Uri.EscapeDataString("qazaxistan zqxwvyk"));
        var (_, exact) = await GetPageAsync("/search?q=qazaxistan");

        Assert.NotEmpty(relaxed.QuerySelectorAll("li.search-hit"));
        Assert.StartsWith("Bütün sözlər bir xəbərdə tapılmadı", relaxed.QuerySelector(".search-relaxed")?.TextContent, StringComparison.Ordinal);
        Assert.Null(exact.QuerySelector(".search-relaxed"));
    }

    [Fact]
    public async Task Search_pages_ask_crawlers_not_to_index_them()
    {
        using var search = await portal.Client.GetAsync("/search?q=qazaxistan", Ct);
        using var home = await portal.Client.GetAsync("/", Ct);

        Assert.Equal(["noindex"], search.Headers.GetValues("X-Robots-Tag"));
        Assert.False(home.Headers.Contains("X-Robots-Tag"));
    }

    [Fact]
    public async Task A_result_links_to_an_article_page_that_exists()
    {
        var (_, doc) = await GetPageAsync("/search?q=Tokayevin");
        string href = doc.QuerySelector("li.search-hit h2 a")!.GetAttribute("href")!;

        using var response = await portal.Client.GetAsync(href, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/search")]
    [InlineData("/search?q=")]
    [InlineData("/search?q=%20%20")]
    public async Task An_empty_query_shows_the_empty_search_page(string path)
    {
        var (status, doc) = await GetPageAsync(path);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Axtarış", doc.QuerySelector("h1")!.TextContent);
        Assert.NotNull(doc.QuerySelector(".search-help"));
        Assert.Null(doc.QuerySelector("ol.search-results"));
        Assert.Null(doc.QuerySelector(".problem"));
    }

    [Theory]
    [InlineData("\"Orta Dəhliz")]
    [InlineData("-")]
    public async Task A_query_that_cannot_run_is_a_400_page_saying_why_with_the_query_kept(string query)
    {
        var (status, doc) = await GetPageAsync("/search?q=" + Uri.EscapeDataString(query));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(query, Box(doc).Value);
        Assert.False(string.IsNullOrWhiteSpace(doc.QuerySelector(".problem[role=alert]")?.TextContent));
        Assert.Null(doc.QuerySelector("ol.search-results"));
    }

    [Theory]
    [InlineData("since=notadate", "Başlanğıc tarixi")]
    [InlineData("until=2025-13-01", "Son tarix")]
    [InlineData("since=2025-10-02&until=2025-10-01", "başlanğıc tarixindən əvvəldir")]
    [InlineData("lang=azerbaijani", "Dil kodu")]
    [InlineData("site=%3Cb%3E", "saytın ünvanı")]
    [InlineData("page=0", "Səhifə nömrəsi")]
    [InlineData("page=abc", "Səhifə nömrəsi")]
    public async Task A_filter_or_page_that_cannot_be_read_is_a_400_page_naming_it(string parameters, string message)
    {
        var (status, doc) = await GetPageAsync("/search?q=qazaxistan&" + parameters);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(message, doc.QuerySelector(".problem")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("qazaxistan", Box(doc).Value);
    }

    [Fact]
    public async Task The_filters_are_labelled_controls_of_the_search_form_showing_what_was_asked()
    {
        var (_, doc) = await GetPageAsync("/search?q=qazaxistan&site=Icma.az&lang=az&since=2025-10-01&until=2025-10-31");

        foreach (var (name, value) in new[] { ("site", "Icma.az"), ("lang", "az"), ("since", "2025-10-01"), ("until", "2025-10-31") })
        {
            var control = doc.QuerySelector($"fieldset.search-filters [name={name}]");
            Assert.NotNull(control);
            Assert.Equal("site-search", control.GetAttribute("form"));
            Assert.False(string.IsNullOrWhiteSpace(doc.QuerySelector($"label[for={control.Id}]")?.TextContent), $"{name} has no label");
            string shown = control is IHtmlSelectElement select ? select.Value ?? "" : ((IHtmlInputElement)control).Value;
            Assert.Equal(value, shown);
        }
        Assert.Equal("date", doc.QuerySelector("[name=since]")!.GetAttribute("type"));
        Assert.Equal("site-search", doc.QuerySelector("header form[role=search]")!.Id);
    }

    [Fact]
    public async Task The_site_filter_keeps_only_that_sites_articles()
    {
        var (_, all) = await GetPageAsync("/search?q=qazaxistan");
        var sites = all.QuerySelectorAll("li.search-hit .meta a.site").Select(a => a.TextContent).Distinct(StringComparer.Ordinal).ToList();
        Assert.True(sites.Count >= 2, "the seeds about Qazaxıstan come from more than one site");

        var siteLink = all.QuerySelector("li.search-hit .meta a.site")!;
        var (status, one) = await GetPageAsync(siteLink.GetAttribute("href")!);

        Assert.Equal(HttpStatusCode.OK, status);
        var shown = one.QuerySelectorAll("li.search-hit .meta a.site").Select(a => a.TextContent).ToList();
        Assert.NotEmpty(shown);
        Assert.All(shown, s => Assert.Equal(siteLink.TextContent, s));
        Assert.True(shown.Count < all.QuerySelectorAll("li.search-hit").Length);
    }

    [Fact]
    public async Task A_filter_chosen_with_the_box_left_empty_lists_the_newest_articles_it_lets_through()
    {
        var (_, all) = await GetPageAsync("/search?q=qazaxistan");
        string site = all.QuerySelector("li.search-hit .meta a.site")!.TextContent;

        var (status, doc) = await GetPageAsync("/search?site=" + Uri.EscapeDataString(site));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Axtarış", doc.QuerySelector("h1")!.TextContent);
        Assert.Equal("", Box(doc).Value);
        var shown = doc.QuerySelectorAll("li.search-hit .meta a.site").Select(a => a.TextContent).ToList();
        Assert.NotEmpty(shown);
        Assert.All(shown, s => Assert.Equal(site, s));
        Assert.Null(doc.QuerySelector(".problem"));
        var (_, none) = await GetPageAsync("/search?site=example.org");
        Assert.Equal("Seçilmiş süzgəclərə uyğun xəbər yoxdur.", none.QuerySelector("p.empty")!.TextContent);
    }
}
