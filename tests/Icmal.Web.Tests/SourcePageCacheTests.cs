using System.Net;
using AngleSharp.Html.Parser;
using Icmal.Model;
using Icmal.Storage;

namespace Icmal.Web.Tests;

/// <summary>
/// Source pages keep a site's profile a minute (<see cref="AgedCache{TKey, TValue}"/>), but never a site that was not
/// there: a site's first article makes its page at once, and the page's list of articles is read every time.
/// </summary>
public sealed class SourcePageCacheTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateTimeOffset Day = new(2025, 11, 3, 9, 0, 0, TimeSpan.FromHours(4));

    [Fact]
    public async Task A_new_sites_page_shows_at_once_and_a_kept_profiles_page_lists_its_latest_articles()
    {
        await using var host = await PortalHost.StartAsync(async store => await AddAsync(store, "apa.az", 0));
        Assert.Equal(1, await CardsAsync(host, "/sources/apa.az"));
        using (var missing = await host.Client.GetAsync("/sources/yeni.az", Ct)) Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        await AddAsync(host.Store, "yeni.az", 1);
        await AddAsync(host.Store, "apa.az", 2);
        Assert.Equal(1, await CardsAsync(host, "/sources/yeni.az"));
        Assert.Equal(2, await CardsAsync(host, "/sources/apa.az"));
    }

    private static async Task<int> CardsAsync(PortalHost host, string path)
    {
        using var response = await host.Client.GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync(Ct)).QuerySelectorAll("li.article-card").Length;
    }

    private static async Task<long> AddAsync(Stores store, string site, int hour)
    {
        string title = $"Xəbər {site} {hour}";
        byte[] raw = System.Text.Encoding.UTF8.GetBytes(title);
        var at = Day.AddHours(hour);
        var article = new Article
        {
            Id = 0, DocumentId = 0, Origin = $"https://{site}/{hour}", Url = $"https://{site}/xeber/{hour}", Title = title, Site = site,
            Published = at, Archived = at.AddMinutes(3), Blocks = [new ArticleBlock(BlockKind.Paragraph, title + " barədə.")],
        };
        return (await store.Articles.AddAsync(new NewDocument(Hashing.Sha256Hex(raw), article.Origin, article.Url, "html", "utf-8", raw, article.Archived), article, Ct)).ArticleId;
    }
}
