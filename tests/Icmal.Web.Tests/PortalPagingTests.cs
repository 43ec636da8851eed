using System.Net;
using AngleSharp.Html.Parser;
using Icmal.Model;
using Icmal.Storage;
using Microsoft.AspNetCore.Builder;

namespace Icmal.Web.Tests;

/// <summary>The home page's "Daha köhnə" / "Daha yeni" links over a real server holding more than two pages.</summary>
public sealed class PortalPagingTests : IAsyncLifetime
{
    private const int Count = 65;
    private PortalHost? _host;

    private HttpClient _client => _host!.Client;
    private Stores _store => _host!.Store;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var start = new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);
        _host = await PortalHost.StartAsync(async store =>
        {
            for (int i = 0; i < Count; i++)
            {
                var when = start.AddMinutes(i / 2); // pairs share a time: the id breaks the tie
                byte[] raw = System.Text.Encoding.UTF8.GetBytes($"xəbər {i}");
                await store.Articles.AddAsync(new NewDocument(Hashing.Sha256Hex(raw), $"x{i}", null, "text", "utf-8", raw, when),
                    new Article { Id = 0, DocumentId = 0, Origin = $"x{i}", Title = $"Xəbər {i}", Published = when, Archived = when, Blocks = [new ArticleBlock(BlockKind.Paragraph, $"Mətn {i}")] },
                    CancellationToken.None);
            }
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null) await _host.DisposeAsync();
    }

    private async Task<AngleSharp.Html.Dom.IHtmlDocument> PageAsync(string path)
    {
        var response = await _client.GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync(Ct));
    }

    private static List<string> Titles(AngleSharp.Html.Dom.IHtmlDocument doc) =>
        doc.QuerySelectorAll("li.article-card h2 a").Select(a => a.TextContent).ToList();

    [Fact]
    public async Task Older_links_walk_every_article_once_and_newer_links_walk_back()
    {
        var expected = (await _store.Articles.ListAsync(new ArticleQuery(500, 0), Ct)).Select(a => a.Title).ToList();
        var docs = new List<AngleSharp.Html.Dom.IHtmlDocument> { await PageAsync("/") };
        Assert.Null(docs[0].QuerySelector("a[rel=prev]"));
        while (docs[^1].QuerySelector("a[rel=next]") is { } older)
        {
            Assert.Equal("Daha köhnə →", older.TextContent);
            Assert.StartsWith("/?before=", older.GetAttribute("href"), StringComparison.Ordinal);
            docs.Add(await PageAsync(older.GetAttribute("href")!));
        }
        Assert.Equal(expected, docs.SelectMany(Titles));
        Assert.Equal([30, 30, 5], docs.Select(d => Titles(d).Count));

        var newer = docs[^1].QuerySelector("a[rel=prev]");
        Assert.Equal("← Daha yeni", newer!.TextContent);
        Assert.Equal(Titles(docs[1]), Titles(await PageAsync(newer.GetAttribute("href")!)));
    }

    [Fact]
    public async Task A_numbered_page_still_works_within_its_bound()
    {
        var expected = (await _store.Articles.ListAsync(new ArticleQuery(500, 0), Ct)).Select(a => a.Title).ToList();
        Assert.Equal(expected.Skip(30).Take(30), Titles(await PageAsync("/?page=2")));
        Assert.Empty(Titles(await PageAsync($"/?page={Pages.HomePage.MaxPage}")));
        Assert.Equal(HttpStatusCode.BadRequest, (await _client.GetAsync($"/?page={Pages.HomePage.MaxPage + 1}", Ct)).StatusCode);
    }
}
