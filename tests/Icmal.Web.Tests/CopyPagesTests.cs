using System.Net;
using System.Text.Json;
using AngleSharp.Html.Parser;

namespace Icmal.Web.Tests;

/// <summary>
/// A republication linked to its original (issue #16), as a reader and an API client see it: one card per original
/// with its copies folded under it, "Mənbə:" on the copy, "N saytda da yayımlanıb" on the original, and the links in
/// the API. The link is made with the real <see cref="Icmal.Storage.CopyStore"/>.
/// </summary>
public sealed class CopyPagesTests : IAsyncLifetime
{
    private PortalHost? _host;
    private StoryArchive _archive = null!;

    private HttpClient Client => _host!.Client;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _host = await PortalHost.StartAsync(async store => _archive = await StoryArchive.FillAsync(store));

    public async ValueTask DisposeAsync()
    {
        if (_host is not null) await _host.DisposeAsync();
    }

    private async Task<AngleSharp.Html.Dom.IHtmlDocument> PageAsync(string path) =>
        new HtmlParser().ParseDocument(await Client.GetStringAsync(path, Ct));

    private async Task<JsonElement> JsonAsync(string path)
    {
        using var doc = JsonDocument.Parse(await Client.GetStringAsync(path, Ct));
        return doc.RootElement.Clone();
    }

    [Fact]
    public async Task The_home_page_shows_one_card_per_original_with_its_copies_folded_under_it()
    {
        var doc = await PageAsync("/");

        var cards = doc.QuerySelectorAll("li.article-card").ToList();
        var links = cards.Select(c => c.QuerySelector("h2 a")!.GetAttribute("href")).ToList();
        Assert.Equal(6, cards.Count);
        Assert.DoesNotContain($"/articles/{_archive.Copy}", links);
        var original = cards.Single(c => c.QuerySelector("h2 a")!.GetAttribute("href") == $"/articles/{_archive.Original}");
        Assert.Equal("Həmçinin: icma.az", original.QuerySelector("p.copies")!.TextContent);
        Assert.Equal($"/articles/{_archive.Copy}", original.QuerySelector("p.copies a")!.GetAttribute("href"));
        Assert.Single(doc.QuerySelectorAll("p.copies"));
    }

    [Fact]
    public async Task A_copys_page_links_its_stored_original_and_the_originals_page_lists_the_sites_that_republished_it()
    {
        var copy = await PageAsync($"/articles/{_archive.Copy}");
        var credit = copy.QuerySelector("p.credit")!;
        Assert.Equal("Mənbə: sherg.az", credit.TextContent);
        Assert.Equal($"/articles/{_archive.Original}", credit.QuerySelector("a")!.GetAttribute("href"));
        Assert.Null(copy.QuerySelector("section.copies"));

        var original = await PageAsync($"/articles/{_archive.Original}");
        Assert.Null(original.QuerySelector("p.credit"));
        var section = original.QuerySelector("section.copies")!;
        Assert.Equal("1 saytda da yayımlanıb", section.QuerySelector("h2")!.TextContent);
        var item = section.QuerySelectorAll("li").Single();
        Assert.Equal($"/articles/{_archive.Copy}", item.QuerySelector("a")!.GetAttribute("href"));
        Assert.StartsWith("icma.az · 21 oktyabr 2025, 10:00", item.TextContent, StringComparison.Ordinal);
        Assert.Null((await PageAsync($"/articles/{_archive.Apa}")).QuerySelector("section.copies"));
    }

    [Fact]
    public async Task The_api_lists_every_article_with_its_copy_links_and_an_article_names_its_evidence()
    {
        var items = (await JsonAsync("/api/articles")).GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("id").GetInt64());
        Assert.Equal(7, items.Count);
        Assert.Equal(_archive.Original, items[_archive.Copy].GetProperty("originalId").GetInt64());
        Assert.Equal([_archive.Copy], items[_archive.Original].GetProperty("copyIds").EnumerateArray().Select(i => i.GetInt64()));
        Assert.Equal(JsonValueKind.Null, items[_archive.Apa].GetProperty("originalId").ValueKind);

        var copy = await JsonAsync($"/api/articles/{_archive.Copy}");
        Assert.Equal(_archive.Original, copy.GetProperty("originalId").GetInt64());
        Assert.Equal("credited", copy.GetProperty("copyEvidence").GetString());
        var original = await JsonAsync($"/api/articles/{_archive.Original}");
        Assert.Equal([_archive.Copy], original.GetProperty("copyIds").EnumerateArray().Select(i => i.GetInt64()));
        Assert.Equal(JsonValueKind.Null, original.GetProperty("copyEvidence").ValueKind);
    }
}
