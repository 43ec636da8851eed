using Icmal.Model;
using Icmal.Storage;
using Icmal.Web.Views;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Icmal.Web.Tests;

/// <summary>
/// Similar news are found by a background service (<see cref="SimilarNews"/>): a search that fails must cost its
/// article's similar news only, never the portal (a background service's exception stops the host by default).
/// </summary>
public sealed class SimilarNewsFailureTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_failing_search_is_skipped_and_the_portal_and_the_next_search_go_on()
    {
        long id = 0;
        await using var host = await PortalHost.StartAsync(async store => id = await AddAsync(store));
        var similar = host.App.Services.GetRequiredService<SimilarNews>();
        var lifetime = host.App.Services.GetRequiredService<IHostApplicationLifetime>();
        var article = (await host.Store.Articles.GetAsync(id, Ct))!;

        // An article without a headline (as no stored article is) makes the search itself throw
        // (ArgumentNullException from its keys): a failure that is neither the database's nor a timeout.
        Assert.Null(similar.Get(article with { Id = id + 1000, Title = null! }, new HashSet<long>(), 5));
        Assert.Null(similar.Get(article, new HashSet<long>(), 5));

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (similar.Get(article, new HashSet<long>(), 5) is null && DateTime.UtcNow < deadline) await Task.Delay(50, Ct);
        Assert.NotNull(similar.Get(article, new HashSet<long>(), 5));
        Assert.False(similar.ExecuteTask!.IsCompleted);
        Assert.False(lifetime.ApplicationStopping.IsCancellationRequested);
        var page = await host.Client.GetAsync($"/articles/{id}", Ct);
        Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode);
    }

    private static async Task<long> AddAsync(Stores store)
    {
        const string title = "Bakıda yeni metro stansiyası açılıb";
        byte[] raw = System.Text.Encoding.UTF8.GetBytes(title);
        var at = new DateTimeOffset(2025, 11, 3, 9, 0, 0, TimeSpan.FromHours(4));
        var article = new Article
        {
            Id = 0, DocumentId = 0, Origin = "https://sherg.az/1", Url = "https://sherg.az/xeber/1", Title = title, Site = "sherg.az",
            Published = at, Archived = at.AddMinutes(3), Blocks = [new ArticleBlock(BlockKind.Paragraph, "Yeni metro stansiyası istifadəyə verilib.")],
        };
        return (await store.Articles.AddAsync(new NewDocument(Hashing.Sha256Hex(raw), article.Origin, article.Url, "html", "utf-8", raw, article.Archived), article, Ct)).ArticleId;
    }
}
