using System.Globalization;
using System.Net;
using System.Text.Json;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Icmal.Model;
using Icmal.Search;
using Icmal.Storage;
using Microsoft.AspNetCore.Builder;

namespace Icmal.Web.Tests;

/// <summary>
/// The search page's pages and filters over a real server holding more than two pages of matches: 45 articles about
/// one metro line, a day apart, from two sites, and one whose headline is markup.
/// </summary>
public sealed class SearchPagingTests : IAsyncLifetime
{
    private const int Count = 45;
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private PortalHost? _host;

    private HttpClient _client => _host!.Client;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _host = await PortalHost.StartAsync(async store =>
        {
            for (int i = 0; i < Count; i++)
                await AddAsync(store, $"Metro xəbəri {i}", $"Bakı metrosunda {i} nömrəli yeni stansiya açıldı, sərnişinlər {i * 7} dəqiqə qənaət edir.",
                    i % 2 == 0 ? "a.az" : "b.az", Start.AddDays(i));
            await AddAsync(store, "<script>alert(1)</script> Tunel & körpü", "Yeni tunel <b>açıldı</b> & körpü tikilir.", "c.az", Start);
            await new Reindexer(store).RebuildAsync(null, CancellationToken.None);
        });
    }

    private static async Task AddAsync(Stores store, string title, string text, string site, DateTimeOffset when)
    {
        byte[] raw = System.Text.Encoding.UTF8.GetBytes(title + "\n" + text);
        await store.Articles.AddAsync(new NewDocument(Hashing.Sha256Hex(raw), title, null, "text", "utf-8", raw, when),
            new Article
            {
                Id = 0, DocumentId = 0, Origin = title, Title = title, Site = site, Language = "az", Published = when, Archived = when,
                Blocks = [new ArticleBlock(BlockKind.Paragraph, text)],
            },
            CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null) await _host.DisposeAsync();
    }

    private async Task<IHtmlDocument> PageAsync(string path)
    {
        using var response = await _client.GetAsync(path, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode}");
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync(Ct));
    }

    private static List<string> Titles(IHtmlDocument doc) => doc.QuerySelectorAll("li.search-hit h2 a").Select(a => a.TextContent).ToList();

    /// <summary>Every page of a search, following its "next" links from the first.</summary>
    private async Task<List<IHtmlDocument>> WalkAsync(string first)
    {
        var pages = new List<IHtmlDocument> { await PageAsync(first) };
        Assert.Null(pages[0].QuerySelector("nav.pager a[rel=prev]"));
        while (pages[^1].QuerySelector("nav.pager a[rel=next]") is { } next && pages.Count < 10)
            pages.Add(await PageAsync(next.GetAttribute("href")!));
        return pages;
    }

    [Fact]
    public async Task Next_links_walk_every_match_once_and_say_which_page_is_shown()
    {
        var pages = await WalkAsync("/search?q=metro");

        Assert.Equal([20, 20, 5], pages.Select(p => Titles(p).Count));
        var titles = pages.SelectMany(Titles).ToList();
        Assert.Equal(Count, titles.Distinct(StringComparer.Ordinal).Count());
        Assert.All(titles, t => Assert.StartsWith("Metro xəbəri ", t, StringComparison.Ordinal));
        Assert.StartsWith("45 nəticə", pages[0].QuerySelector(".search-count")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["Səhifə 1 / 3", "Səhifə 2 / 3", "Səhifə 3 / 3"], pages.Select(p => p.QuerySelector(".page-of")!.TextContent));
        Assert.Equal("21", pages[1].QuerySelector("ol.search-results")!.GetAttribute("start"));

        var back = pages[2].QuerySelector("nav.pager a[rel=prev]")!.GetAttribute("href")!;
        Assert.Equal("/search?q=metro&page=2", back);
        Assert.Equal(Titles(pages[1]), Titles(await PageAsync(back)));
    }

    [Fact]
    public async Task A_site_filter_keeps_only_that_site_and_its_pages_keep_the_filter()
    {
        var pages = await WalkAsync("/search?q=metro&site=a.az");

        Assert.Equal([20, 3], pages.Select(p => Titles(p).Count));
        Assert.All(pages.SelectMany(p => p.QuerySelectorAll("li.search-hit .meta a.site")), a => Assert.Equal("a.az", a.TextContent));
        Assert.Equal("/search?q=metro&site=a.az&page=2", pages[0].QuerySelector("nav.pager a[rel=next]")!.GetAttribute("href"));
        Assert.All(pages.SelectMany(Titles), t => Assert.Equal(0, int.Parse(t["Metro xəbəri ".Length..], CultureInfo.InvariantCulture) % 2));
    }

    [Fact]
    public async Task Date_filters_keep_the_days_between_them_inclusive()
    {
        var doc = await PageAsync("/search?q=metro&since=2025-03-11&until=2025-03-20");

        var numbers = Titles(doc).Select(t => int.Parse(t["Metro xəbəri ".Length..], CultureInfo.InvariantCulture)).Order().ToList();
        Assert.Equal(Enumerable.Range(10, 10), numbers);
        Assert.Null(doc.QuerySelector("nav.pager a[rel=next]"));
    }

    [Fact]
    public async Task The_api_pages_and_filters_as_the_portal_does()
    {
        using var first = JsonDocument.Parse(await _client.GetStringAsync("/api/search?q=metro&limit=20&offset=20&site=b.az", Ct));
        var root = first.RootElement;

        Assert.Equal(22, root.GetProperty("total").GetInt32());
        Assert.Equal(2, root.GetProperty("items").GetArrayLength());
        Assert.All(root.GetProperty("items").EnumerateArray(), i => Assert.Equal("b.az", i.GetProperty("site").GetString()));
    }

    [Fact]
    public async Task Markup_in_a_headline_or_snippet_is_shown_as_text()
    {
        using var response = await _client.GetAsync("/search?q=tunel", Ct);
        string html = await response.Content.ReadAsStringAsync(Ct);
        var doc = new HtmlParser().ParseDocument(html);

        Assert.Equal("<script>alert(1)</script> Tunel & körpü", doc.QuerySelector("li.search-hit h2 a")!.TextContent);
        Assert.Empty(doc.QuerySelectorAll("script, main b"));
        Assert.Contains("Yeni", doc.QuerySelector("li.search-hit .snippet")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(doc.QuerySelectorAll("li.search-hit .snippet mark"), m => m.TextContent.StartsWith("tunel", StringComparison.OrdinalIgnoreCase));
    }
}
