using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Icmal.Model;
using Icmal.Storage;
using Icmal.Text.Categories;

namespace Icmal.Web.Tests;

/// <summary>
/// The front page as an editor lays it out (issue #19), over a real server and the two-day story archive
/// (<see cref="StoryArchive"/>): the sections row, the top stories from the story stage, the latest feed with copies
/// folded, most read; older pages show the feed alone; an arrival shows at once although the blocks are kept.
/// </summary>
public sealed class FrontPageTests : IAsyncLifetime
{
    private PortalHost? _host;
    private StoryArchive _archive = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _host = await PortalHost.StartAsync(async store => _archive = await StoryArchive.FillAsync(store));

    public async ValueTask DisposeAsync()
    {
        if (_host is not null) await _host.DisposeAsync();
    }

    private async Task<IHtmlDocument> PageAsync(string path) => new HtmlParser().ParseDocument(await _host!.Client.GetStringAsync(path, Ct));

    [Fact]
    public async Task The_front_page_shows_sections_top_stories_the_latest_feed_and_most_read()
    {
        var doc = await PageAsync("/");
        Assert.Equal(NewsCategories.All.Select(c => "/categories/" + c.Slug()), doc.QuerySelectorAll("nav.sections a").Select(a => a.GetAttribute("href")));
        Assert.Equal("Siyasət", doc.QuerySelector("nav.sections a")!.TextContent);
        // The visit was reported by four sites, the weather by two; the budget, one article, is no top story.
        Assert.Equal([$"/stories/{_archive.Visit}", $"/stories/{_archive.Weather}"],
            doc.QuerySelectorAll("section.top-stories li.top-story h3 a").Select(a => a.GetAttribute("href")));
        Assert.Contains("4 mənbə", doc.QuerySelector("section.top-stories li.top-story .meta")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Mənbələr: sherg.az, icma.az, apa.az, report.az", doc.QuerySelector("section.top-stories .story-sources")!.TextContent);
        // Seven articles, one a copy folded under its original: six cards, the copy a link under the original's.
        var cards = doc.QuerySelectorAll("section.feed li.article-card");
        Assert.Equal(6, cards.Length);
        Assert.DoesNotContain(cards, c => c.QuerySelector("h2 a")!.GetAttribute("href") == $"/articles/{_archive.Copy}");
        Assert.Contains(cards, c => c.QuerySelector("p.copies a")?.GetAttribute("href") == $"/articles/{_archive.Copy}");
        Assert.NotNull(doc.QuerySelector("aside.side h2#most-read-heading"));
        Assert.Equal("Son xəbərlər", doc.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task The_front_page_speaks_the_interface_language_and_older_pages_show_the_feed_alone()
    {
        var english = await PageAsync("/?culture=en");
        Assert.Equal("Politics", english.QuerySelector("nav.sections a")!.TextContent);
        Assert.Equal("Top stories", english.QuerySelector("#top-stories-heading")!.TextContent);
        var russian = await PageAsync("/?culture=ru");
        Assert.Equal("Политика", russian.QuerySelector("nav.sections a")!.TextContent);

        var older = await PageAsync("/?page=2");
        Assert.Null(older.QuerySelector("nav.sections"));
        Assert.Null(older.QuerySelector("section.top-stories"));
        Assert.Null(older.QuerySelector("aside.side"));
    }

    [Fact]
    public async Task Counted_words_take_the_form_of_their_number_in_each_interface_language()
    {
        // The visit: four reports from four sites; the weather: two from two; apa.az has two articles, the others one.
        // The portal said "2 reports from 2 sources" but also "1 more reports" and "1 articles", and Russian only
        // "Новостей: 4", never "4 новости".
        string Top(IHtmlDocument doc, int i) => doc.QuerySelectorAll("section.top-stories li.top-story .meta")[i].TextContent;
        var english = await PageAsync("/?culture=en");
        Assert.StartsWith("4 reports from 4 sources · updated ", Top(english, 0), StringComparison.Ordinal);
        Assert.StartsWith("2 reports from 2 sources · updated ", Top(english, 1), StringComparison.Ordinal);
        var russian = await PageAsync("/?culture=ru");
        Assert.StartsWith("4 сообщения из 4 источников · обновлено ", Top(russian, 0), StringComparison.Ordinal);
        Assert.StartsWith("4 xəbər, 4 mənbə", Top(await PageAsync("/?culture=az"), 0), StringComparison.Ordinal);

        var story = await PageAsync($"/stories/{_archive.Weather}");
        string article = story.QuerySelector("main a[href^='/articles/']")!.GetAttribute("href")!;
        Assert.Equal("1 more report on this story →", (await PageAsync(article + "?culture=en")).QuerySelector("p.story-link a")!.TextContent);
        Assert.Equal("Ещё 1 новость по этой теме →", (await PageAsync(article + "?culture=ru")).QuerySelector("p.story-link a")!.TextContent);
        Assert.Equal("3 more reports on this story →", (await PageAsync($"/articles/{_archive.Apa}?culture=en")).QuerySelector("p.story-link a")!.TextContent);

        string Site(IHtmlDocument doc, string site) => doc.QuerySelector($"a[href='/sources/{site}']")!.ParentElement!.QuerySelector(".meta")!.TextContent;
        var sites = await PageAsync("/sources?culture=en");
        Assert.StartsWith("2 articles · latest ", Site(sites, "apa.az"), StringComparison.Ordinal);
        Assert.StartsWith("1 article · latest ", Site(sites, "trend.az"), StringComparison.Ordinal);
        var sitesRu = await PageAsync("/sources?culture=ru");
        Assert.StartsWith("2 новости · последняя: ", Site(sitesRu, "apa.az"), StringComparison.Ordinal);
        Assert.StartsWith("1 новость · последняя: ", Site(sitesRu, "trend.az"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_arrival_shows_on_the_next_front_page_although_the_blocks_are_kept()
    {
        var before = await PageAsync("/");
        Assert.Equal(before.QuerySelector("section.feed li.article-card h2 a")!.TextContent, (await PageAsync("/")).QuerySelector("section.feed li.article-card h2 a")!.TextContent);
        byte[] raw = "Təcili xəbər: yeni körpü açıldı"u8.ToArray();
        var at = StoryArchive.Oct21.AddDays(2);
        var article = new Article
        {
            Id = 0, DocumentId = 0, Origin = "https://qafqazinfo.az/1", Url = "https://qafqazinfo.az/xeber/1", Title = "Təcili xəbər: yeni körpü açıldı", Site = "qafqazinfo.az",
            Published = at, Archived = at, Blocks = [new ArticleBlock(BlockKind.Paragraph, "Yeni körpü bu gün açıldı, ətraflı məlumat.")],
        };
        await _host!.Store.Articles.AddAsync(new NewDocument(Hashing.Sha256Hex(raw), article.Origin, article.Url, "html", "utf-8", raw, at), article, Ct);
        var after = await PageAsync("/");
        Assert.Equal("Təcili xəbər: yeni körpü açıldı", after.QuerySelector("section.feed li.article-card h2 a")!.TextContent);
    }
}
