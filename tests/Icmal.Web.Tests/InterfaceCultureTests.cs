using System.Net;
using AngleSharp.Html.Parser;
using Icmal.Storage;
using Microsoft.AspNetCore.Builder;

namespace Icmal.Web.Tests;

/// <summary>
/// The interface language is chosen per request (?culture=, the culture cookie, Accept-Language) among the offered
/// ones, Azerbaijani by default: the page's lang, its Content-Language and its words follow the choice.
/// </summary>
public sealed class InterfaceCultureTests : IAsyncLifetime
{
    private PortalHost? _host;

    private HttpClient _client => _host!.Client;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        // Only Azerbaijani and English are offered here: a request for Russian falls back to Azerbaijani.
        _host = await PortalHost.StartAsync(options: new PortalOptions("http://127.0.0.1:0") { InterfaceCultures = ["az", "en"] });
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null) await _host.DisposeAsync();
    }

    private async Task<(string Lang, string? ContentLanguage, string Heading)> GetAsync(string path, string? acceptLanguage = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptLanguage is not null) request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);
        using var response = await _client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync(Ct));
        return (doc.DocumentElement.GetAttribute("lang")!, response.Content.Headers.ContentLanguage.SingleOrDefault(), doc.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task Without_a_choice_the_interface_is_azerbaijani()
    {
        var page = await GetAsync("/");
        Assert.Equal(("az", "az", "Son xəbərlər"), page);
    }

    [Theory]
    [InlineData("/?culture=en", null)]
    [InlineData("/?ui-culture=en", null)]
    [InlineData("/", "en-GB,en;q=0.9")]
    [InlineData("/", "ru-RU,ru;q=0.9,en;q=0.5")]
    public async Task A_request_chooses_an_offered_interface_language(string path, string? acceptLanguage)
    {
        var page = await GetAsync(path, acceptLanguage);
        Assert.Equal("en", page.Lang);
        Assert.Equal("en", page.ContentLanguage);
        Assert.Equal("Latest news", page.Heading);
    }

    [Theory]
    [InlineData("/?culture=ru", null)]
    [InlineData("/", "ru-RU,ru;q=0.9")]
    [InlineData("/", "az-Latn-AZ")]
    [InlineData("/?culture=xx-not-a-culture", null)]
    public async Task A_language_not_offered_gets_azerbaijani(string path, string? acceptLanguage)
    {
        var page = await GetAsync(path, acceptLanguage);
        Assert.Equal(("az", "az", "Son xəbərlər"), page);
    }

    [Fact]
    public async Task The_culture_cookie_chooses_the_language_too()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", ".AspNetCore.Culture=c%3Den%7Cuic%3Den");
        using var response = await _client.SendAsync(request, Ct);
        Assert.Equal("en", new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync(Ct)).DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task A_language_chosen_by_the_address_is_kept_in_a_cookie_and_only_then()
    {
        using (var chosen = await _client.GetAsync("/?culture=en", Ct))
        {
            string cookie = Assert.Single(chosen.Headers.GetValues("Set-Cookie"));
            Assert.StartsWith(".AspNetCore.Culture=c%3Den%7Cuic%3Den", cookie, StringComparison.Ordinal);
            Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        }
        using (var plain = await _client.GetAsync("/", Ct))
            Assert.False(plain.Headers.Contains("Set-Cookie"));
        using (var notOffered = await _client.GetAsync("/?culture=ru", Ct))
            Assert.False(notOffered.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task The_switch_links_this_page_in_each_offered_language_and_the_head_names_the_alternates()
    {
        string html = await _client.GetStringAsync("/search?q=bak%C4%B1&lang=az&culture=en", Ct);
        var doc = new HtmlParser().ParseDocument(html);
        var links = doc.QuerySelectorAll("nav.language-switch a").Select(a => (a.GetAttribute("lang"), a.GetAttribute("href"))).ToList();
        Assert.Equal([("az", "/search?q=bak%C4%B1&lang=az&culture=az")], links);
        Assert.Equal("en", doc.QuerySelector("nav.language-switch [aria-current]")!.GetAttribute("lang"));
        var alternates = doc.QuerySelectorAll("link[rel=alternate][hreflang]").Select(l => l.GetAttribute("hreflang") + " " + l.GetAttribute("href")).ToList();
        string origin = _host!.BaseAddress.GetLeftPart(UriPartial.Authority);
        Assert.Equal([$"az {origin}/search?q=bak%C4%B1&lang=az&culture=az", $"en {origin}/search?q=bak%C4%B1&lang=az&culture=en",
            $"x-default {origin}/search?q=bak%C4%B1&lang=az&culture=az"], alternates);
    }

    [Fact]
    public void An_unknown_interface_culture_in_the_options_is_one_clear_error()
    {
        var e = Assert.Throws<ArgumentException>(() => Catalogue.InterfaceCultures.RequestOptions(["az", "xx-not-a-culture"]));
        Assert.Contains("interface culture 'xx-not-a-culture' is not a language tag", e.Message, StringComparison.Ordinal);
    }
}
