using System.Text.Json;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Icmal.Model;
using Icmal.Storage;

namespace Icmal.Web.Tests;

/// <summary>
/// What an article page offers around the article (issue #19): its story's other reports, similar news from other
/// stories (never the article again, its copies, its story, or one text twice), and its schema.org NewsArticle JSON-LD,
/// which no article text can break out of.
/// </summary>
public sealed class ArticleNeighboursTests : IAsyncLifetime
{
    private PortalHost? _host;
    private long _metro, _report, _copy, _repairs, _repairsAgain, _park, _trains, _hostile;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateTimeOffset Day = new(2025, 11, 3, 9, 0, 0, TimeSpan.FromHours(4));

    private const string HostileTitle = "</script><script>alert(1)</script><!-- \"metro\" & 'x' </SCRIPT >";

    public async ValueTask InitializeAsync() => _host = await PortalHost.StartAsync(async store =>
    {
        _metro = await AddAsync(store, "Bakıda yeni metro stansiyası açılıb", "Yeni metro stansiyası sərnişinlərin istifadəsinə verilib.", "sherg.az", 0, null);
        long story = (await store.Articles.GetAsync(_metro, Ct))!.StoryId!.Value;
        _report = await AddAsync(store, "Yeni metro stansiyası sərnişin qəbul edir", "Stansiya səhər saat altıdan işləyir.", "apa.az", 1, story);
        _copy = await AddAsync(store, "Bakıda yeni metro stansiyası açılıb", "Yeni metro stansiyası sərnişinlərin istifadəsinə verilib.", "icma.az", 2, story);
        await store.Copies.LinkAsync(new CopyLink(_copy, _metro, CopyEvidence.Credited, 0.97), Ct);
        // One text on two sites, not linked as copies and in two stories: similar news shows it once.
        _repairs = await AddAsync(store, "Metro stansiyası təmirə bağlanır", "Köhnə stansiya iki aylıq təmirə bağlanır.", "trend.az", 3, null);
        _repairsAgain = await AddAsync(store, "Metro stansiyası təmirə bağlanır", "Köhnə stansiya iki aylıq təmirə bağlanır.", "oxu.az", 4, null);
        _trains = await AddAsync(store, "Yeni metro xətti üçün qatarlar alınır", "Qatarlar gələn il gələcək.", "report.az", 5, null);
        _park = await AddAsync(store, "Gəncədə yeni park salınıb", "Şəhərdə yeni park istifadəyə verilib.", "report.az", 6, null);
        _hostile = await AddAsync(store, HostileTitle, "Mətn </script><script>alert(2)</script> burada bitir.", "evil.az", 7, null);
    });

    public async ValueTask DisposeAsync()
    {
        if (_host is not null) await _host.DisposeAsync();
    }

    private static async Task<long> AddAsync(Stores store, string title, string text, string site, int hour, long? story)
    {
        byte[] raw = System.Text.Encoding.UTF8.GetBytes(title + " " + site);
        var at = Day.AddHours(hour);
        var article = new Article
        {
            Id = 0, DocumentId = 0, Origin = $"https://{site}/{hour}", Url = $"https://{site}/xeber/{hour}", Title = title, Site = site,
            Published = at, Archived = at.AddMinutes(3), Authors = site == "evil.az" ? ["Ad </script> Soyad"] : [],
            Blocks = [new ArticleBlock(BlockKind.Paragraph, text)],
        };
        long id = (await store.Articles.AddAsync(new NewDocument(Hashing.Sha256Hex(raw), article.Origin, article.Url, "html", "utf-8", raw, article.Archived), article, Ct)).ArticleId;
        await store.Stories.AssignAsync(id, story, title, at, Ct);
        return id;
    }

    private async Task<(string Html, IHtmlDocument Doc)> PageAsync(long id)
    {
        string html = await _host!.Client.GetStringAsync($"/articles/{id}", Ct);
        return (html, new HtmlParser().ParseDocument(html));
    }

    /// <summary>The article's page once its similar news are found (they are found off the request path, for the next reader).</summary>
    private async Task<IHtmlDocument> PageWithSimilarAsync(long id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var (_, doc) = await PageAsync(id);
            if (doc.QuerySelector("section.similar") is not null || DateTime.UtcNow > deadline) return doc;
            await Task.Delay(50, Ct);
        }
    }

    private static List<string?> Links(IHtmlDocument doc, string selector) => doc.QuerySelectorAll(selector).Select(a => a.GetAttribute("href")).ToList();

    [Fact]
    public async Task An_article_lists_its_storys_other_reports_and_similar_news_never_the_same_text_twice()
    {
        var doc = await PageWithSimilarAsync(_metro);
        // The story's other report; the copy is listed once, among the copies, not again as a report.
        Assert.Equal([$"/articles/{_report}"], Links(doc, "section.story-reports ul.article-list a"));
        Assert.Equal([$"/articles/{_copy}"], Links(doc, "section.copies a"));
        var similar = Links(doc, "section.similar ul.article-list a");
        Assert.Contains($"/articles/{_trains}", similar);
        Assert.Single(similar, l => l == $"/articles/{_repairs}" || l == $"/articles/{_repairsAgain}");
        // The park shares one common word ("yeni"), the hostile headline one ("metro"): no similarity.
        Assert.DoesNotContain($"/articles/{_park}", similar);
        Assert.DoesNotContain($"/articles/{_hostile}", similar);
        Assert.DoesNotContain($"/articles/{_metro}", similar);
        Assert.DoesNotContain($"/articles/{_copy}", similar);
        Assert.DoesNotContain($"/articles/{_report}", similar);
        Assert.Equal(similar.Count, similar.Distinct().Count());
    }

    [Fact]
    public async Task The_news_article_json_ld_carries_a_hostile_title_as_data_that_cannot_end_the_block()
    {
        var (html, doc) = await PageAsync(_hostile);
        // The only script element is the data block; the text's "</script>" never closes it (nor any other case of it).
        Assert.Empty(NoScripts.Executable(doc));
        var block = Assert.Single(doc.QuerySelectorAll("script"));
        Assert.Equal(NoScripts.DataType, block.GetAttribute("type"));
        Assert.Equal(1, System.Text.RegularExpressions.Regex.Count(html, "</script", System.Text.RegularExpressions.RegexOptions.IgnoreCase));
        Assert.DoesNotContain("<!--", block.TextContent, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(block.TextContent);
        var root = json.RootElement;
        Assert.Equal("https://schema.org", root.GetProperty("@context").GetString());
        Assert.Equal("NewsArticle", root.GetProperty("@type").GetString());
        Assert.Equal(HostileTitle, root.GetProperty("headline").GetString());
        Assert.Equal("Ad </script> Soyad", root.GetProperty("author")[0].GetProperty("name").GetString());
        Assert.Equal("evil.az", root.GetProperty("publisher").GetProperty("name").GetString());
        Assert.Equal("2025-11-03T16:00:00+04:00", root.GetProperty("datePublished").GetString());
        Assert.EndsWith($"/articles/{_hostile}", root.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.Equal(HostileTitle, doc.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task An_ordinary_article_has_its_json_ld_in_the_head_with_letters_as_they_are()
    {
        var (html, doc) = await PageAsync(_metro);
        var block = Assert.Single(doc.Head!.QuerySelectorAll("script"));
        Assert.Contains("\"headline\":\"Bakıda yeni metro stansiyası açılıb\"", html, StringComparison.Ordinal);
        Assert.Equal("sherg.az", JsonDocument.Parse(block.TextContent).RootElement.GetProperty("publisher").GetProperty("name").GetString());
    }
}
