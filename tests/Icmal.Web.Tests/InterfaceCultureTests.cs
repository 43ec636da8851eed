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
        // English is offered though the catalogue has no English file yet: its pages say lang="en" and fall back to
        // the Azerbaijani words, which shows the choice reaching the page without a translation.
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
        Assert.Equal("Son xəbərlər", page.Heading);
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
    public void An_unknown_interface_culture_in_the_options_is_one_clear_error()
    {
        var e = Assert.Throws<ArgumentException>(() => Catalogue.InterfaceCultures.RequestOptions(["az", "xx-not-a-culture"]));
        Assert.Contains("interface culture 'xx-not-a-culture' is not a language tag", e.Message, StringComparison.Ordinal);
    }
}
