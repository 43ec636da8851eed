using System.Net;
using AngleSharp.Html.Parser;
using Icmal.Model;
using Icmal.Storage;
using Icmal.Text.Categories;

namespace Icmal.Web.Tests;

/// <summary>
/// /categories/{slug} over a real portal: a section's originals with copies folded, its feed announced and served,
/// one clear 404 naming the sections for an unknown slug, the sections in the sitemap, and each card of a browse
/// list labelled with its section.
/// </summary>
public sealed class CategoryPagesTests : IAsyncLifetime
{
    private PortalHost? _host;
    private StoryArchive _archive = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        _host = await PortalHost.StartAsync(async store =>
        {
            _archive = await StoryArchive.FillAsync(store);
            foreach (long id in new[] { _archive.Original, _archive.Copy, _archive.Apa, _archive.FollowUp })
                await store.Categories.SetAsync(id, new CategoryAssignment(NewsCategory.Siyaset, CategoryOrigin.Source, 1), CancellationToken.None);
            long budget = (await store.Articles.ListByStoryAsync(_archive.Budget, CancellationToken.None))[0].Id;
            await store.Categories.SetAsync(budget, new CategoryAssignment(NewsCategory.Iqtisadiyyat, CategoryOrigin.Classifier, 0.8), CancellationToken.None);
        }, new PortalOptions("http://127.0.0.1:0") { InterfaceCultures = ["az", "ru", "en"] });

    public async ValueTask DisposeAsync()
    {
        if (_host is not null) await _host.DisposeAsync();
    }

    private async Task<AngleSharp.Html.Dom.IHtmlDocument> PageAsync(string path, HttpStatusCode status = HttpStatusCode.OK)
    {
        using var response = await _host!.Client.GetAsync(path, Ct);
        Assert.Equal(status, response.StatusCode);
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task A_section_page_lists_its_originals_newest_first_with_copies_folded_and_announces_its_feed()
    {
        var page = await PageAsync("/categories/siyaset");
        Assert.Equal("Siyasət xəbərləri", page.QuerySelector("h1")!.TextContent);
        Assert.Equal([$"/articles/{_archive.FollowUp}", $"/articles/{_archive.Apa}", $"/articles/{_archive.Original}"],
            page.QuerySelectorAll("li.article-card h2 a").Select(a => a.GetAttribute("href")));
        Assert.Equal($"/articles/{_archive.Copy}", page.QuerySelector("li.article-card p.copies a")!.GetAttribute("href"));
        Assert.Equal("/categories/siyaset/feed.atom", page.QuerySelector("link[rel=alternate][type='application/atom+xml']")!.GetAttribute("href"));
        Assert.Equal("/categories/siyaset", page.QuerySelector("nav.category-links a[aria-current=page]")!.GetAttribute("href"));
        Assert.Equal(NewsCategories.All.Count, page.QuerySelectorAll("nav.category-links a").Length);

        Assert.Equal("Politics news", (await PageAsync("/categories/siyaset?culture=en")).QuerySelector("h1")!.TextContent);
        Assert.Equal("Экономика: новости", (await PageAsync("/categories/iqtisadiyyat?culture=ru")).QuerySelector("h1")!.TextContent);
        var empty = await PageAsync("/categories/texnologiya?culture=en");
        Assert.Empty(empty.QuerySelectorAll("li.article-card"));
        Assert.Equal("There is no news in this section yet.", empty.QuerySelector("p.empty")!.TextContent);
    }

    [Fact]
    public async Task A_sections_feed_carries_its_articles()
    {
        using var response = await _host!.Client.GetAsync("/categories/siyaset/feed.atom", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var feed = System.Xml.Linq.XDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        System.Xml.Linq.XNamespace atom = "http://www.w3.org/2005/Atom";
        Assert.Equal(3, feed.Root!.Elements(atom + "entry").Count());
        Assert.Equal("Siyasət — İcmal", feed.Root.Element(atom + "title")!.Value);
        using var unknown = await _host.Client.GetAsync("/categories/nope/feed.atom", Ct);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Theory]
    [InlineData("/categories/politics")]
    [InlineData("/categories/Siyaset")]
    [InlineData("/categories/%3Cscript%3E")]
    public async Task An_unknown_section_is_a_404_that_names_the_sections(string path)
    {
        var page = await PageAsync(path + "?culture=en", HttpStatusCode.NotFound);
        Assert.Contains("There is no such section. The sections are: Politics, Economy,", page.QuerySelector("main p")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("/categories/idman", page.QuerySelectorAll("nav.category-links a").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public async Task A_bad_cursor_on_a_section_page_is_a_400()
    {
        using var response = await _host!.Client.GetAsync("/categories/siyaset?before=x", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Search_offers_the_section_filter_labels_its_cards_and_refuses_an_unknown_section_in_words()
    {
        var page = await PageAsync("/search?q=Astana&category=siyaset&culture=en");
        Assert.Equal("siyaset", page.QuerySelector("select#filter-category option[selected]")!.GetAttribute("value"));
        Assert.Equal(NewsCategories.All.Count + 1, page.QuerySelectorAll("select#filter-category option").Length);
        var hits = page.QuerySelectorAll("li.search-hit").ToList();
        Assert.NotEmpty(hits);
        Assert.All(hits, h => Assert.Equal("/categories/siyaset", h.QuerySelector("a.category")!.GetAttribute("href")));

        var typed = await PageAsync("/search?q=Astana+category%3Aiqtisadiyyat&culture=en");
        Assert.Empty(typed.QuerySelectorAll("li.search-hit"));
        var unknown = await PageAsync("/search?q=Astana+category%3Apolitika2&culture=en", HttpStatusCode.BadRequest);
        Assert.Contains("The archive has no such section or name.", unknown.QuerySelector("p.problem")!.TextContent, StringComparison.Ordinal);
        var badControl = await PageAsync("/search?q=Astana&category=nope&culture=en", HttpStatusCode.BadRequest);
        Assert.Contains("The section filter is not one of the sections", badControl.QuerySelector("p.problem")!.TextContent, StringComparison.Ordinal);
        using var api = await _host!.Client.GetAsync("/api/search?q=Astana+entity%3A%22He%C3%A7+Kim%22", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        Assert.Contains("names no entity of the archive", await api.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_arrival_shows_on_its_sections_next_first_page_although_the_page_is_kept()
    {
        string First(AngleSharp.Dom.IDocument page) => page.QuerySelector("li.article-card h2 a")!.TextContent;
        var before = await PageAsync("/categories/siyaset");
        Assert.Equal(First(before), First(await PageAsync("/categories/siyaset")));
        byte[] raw = "Parlament yeni qanunu qəbul etdi"u8.ToArray();
        var at = StoryArchive.Oct21.AddDays(3);
        var article = new Article
        {
            Id = 0, DocumentId = 0, Origin = "https://qafqazinfo.az/2", Url = "https://qafqazinfo.az/xeber/2", Title = "Parlament yeni qanunu qəbul etdi", Site = "qafqazinfo.az",
            Published = at, Archived = at, Blocks = [new ArticleBlock(BlockKind.Paragraph, "Milli Məclis bu gün yeni qanunu qəbul etdi.")],
        };
        long id = (await _host!.Store.Articles.AddAsync(new NewDocument(Hashing.Sha256Hex(raw), article.Origin, article.Url, "html", "utf-8", raw, at), article, Ct)).ArticleId;
        await _host.Store.Categories.SetAsync(id, new CategoryAssignment(NewsCategory.Siyaset, CategoryOrigin.Source, 1), Ct);
        Assert.Equal("Parlament yeni qanunu qəbul etdi", First(await PageAsync("/categories/siyaset")));
    }

    [Fact]
    public async Task Browse_cards_carry_their_section_linked_to_its_page_and_the_sitemap_names_every_section()
    {
        var apa = await PageAsync("/sources/apa.az?culture=en");
        var labels = apa.QuerySelectorAll("li.article-card p.meta a.category").Select(a => (a.GetAttribute("href"), a.TextContent)).ToList();
        Assert.Equal([("/categories/iqtisadiyyat", "Economy"), ("/categories/siyaset", "Politics")], labels);
        var day = await PageAsync("/archive/2025-10-22?culture=az");
        // The weather articles have no category: no label.
        Assert.Equal([("/categories/siyaset", "Siyasət"), ("/categories/iqtisadiyyat", "İqtisadiyyat")],
            day.QuerySelectorAll("li.article-card a.category").Select(a => (a.GetAttribute("href"), a.TextContent)));

        // The front page's feed labels its cards the same way (its blocks are cached; the labels are read with them).
        var front = await PageAsync("/?culture=en");
        var frontLabels = front.QuerySelectorAll("section.feed li.article-card a.category").Select(a => a.GetAttribute("href")).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(["/categories/iqtisadiyyat", "/categories/siyaset"], frontLabels.Order(StringComparer.Ordinal));

        string sitemap = await _host!.Client.GetStringAsync("/sitemap.xml", Ct);
        foreach (var category in NewsCategories.All)
            Assert.Contains($"/categories/{category.Slug()}</loc>", sitemap, StringComparison.Ordinal);
    }
}
