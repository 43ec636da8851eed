using System.Net;
using System.Text.Json;

namespace Icmal.Web.Tests;

/// <summary>
/// HEAD and the other methods on every route, over real HTTP: HEAD answers as GET without a body, other methods on
/// an existing address get 405 with Allow, unknown addresses stay 404 whatever the method.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class PortalMethodTests(PortalFixture portal)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Every route the portal maps, with an address that exercises it.</summary>
    private async Task<IReadOnlyDictionary<string, string>> RoutesAsync()
    {
        string list = await portal.Client.GetStringAsync("/api/articles", Ct);
        using var json = JsonDocument.Parse(list);
        var first = json.RootElement.GetProperty("items")[0];
        long article = first.GetProperty("id").GetInt64();
        long story = first.GetProperty("storyId").GetInt64();
        using var entities = JsonDocument.Parse(await portal.Client.GetStringAsync("/api/entities?q=tokayev", Ct));
        long entity = entities.RootElement.GetProperty("items")[0].GetProperty("id").GetInt64();
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["/"] = "/",
            ["/articles/{id}"] = $"/articles/{article}",
            ["/stories"] = "/stories",
            ["/stories/{id}"] = $"/stories/{story}",
            ["/healthz"] = "/healthz",
            ["/api/articles"] = "/api/articles?limit=2",
            ["/api/articles/{id}"] = $"/api/articles/{article}",
            ["/api/stories"] = "/api/stories",
            ["/api/stories/{id}"] = $"/api/stories/{story}",
            ["/admin/sources"] = "/admin/sources",
            ["/entities"] = "/entities?period=month",
            ["/entities/{id}"] = $"/entities/{entity}",
            ["/api/entities"] = "/api/entities?q=tokayev&kind=PER",
            ["/api/entities/{id}"] = $"/api/entities/{entity}",
            ["/search"] = "/search?q=qazaxistan",
            ["/search.atom"] = "/search.atom?q=qazaxistan",
            ["/api/search"] = "/api/search?q=qazaxistan",
            ["/static/site.css"] = "/static/site.css",
            ["/static/icon.svg"] = "/static/icon.svg",
            ["/favicon.ico"] = "/favicon.ico",
            ["/most-read"] = "/most-read",
            ["/sources"] = "/sources",
            ["/sources/{site}"] = $"/sources/{first.GetProperty("site").GetString()}",
            ["/archive"] = "/archive",
            ["/archive/{day}"] = "/archive/2025-10-21",
            ["/categories/{slug}"] = "/categories/siyaset",
            ["/categories/{slug}/feed.atom"] = "/categories/siyaset/feed.atom",
            ["/feed.atom"] = "/feed.atom",
            ["/sources/{site}/feed.atom"] = $"/sources/{first.GetProperty("site").GetString()}/feed.atom",
            ["/stories/{id}/feed.atom"] = $"/stories/{story}/feed.atom",
            ["/robots.txt"] = "/robots.txt",
            ["/sitemap.xml"] = "/sitemap.xml",
        };
    }

    [Fact]
    public async Task The_route_list_of_these_tests_covers_every_mapped_route()
    {
        var routes = await RoutesAsync();
        Assert.Equal(portal.RoutePatterns, routes.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Head_answers_every_route_with_the_status_and_headers_of_get_and_no_body()
    {
        foreach (string path in (await RoutesAsync()).Values.Concat(["/articles/999999", "/api/articles/999999", "/api/articles?limit=0", "/stories?day=x", "/api/stories?limit=0", "/search?q=%22", "/api/search?q=x&limit=0", "/search.atom", "/entities/999999", "/api/entities/999999", "/api/entities?kind=X"]))
        {
            using var get = await portal.Client.GetAsync(path, Ct);
            using var head = await portal.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path), Ct);
            Assert.True(get.StatusCode == head.StatusCode, $"{path}: GET {get.StatusCode}, HEAD {head.StatusCode}");
            Assert.Equal(get.Content.Headers.ContentType?.ToString(), head.Content.Headers.ContentType?.ToString());
            if (get.Content.Headers.ContentLength is { } length) Assert.True(length == head.Content.Headers.ContentLength, $"{path}: GET length {length}, HEAD {head.Content.Headers.ContentLength}");
            Assert.Equal(get.Headers.CacheControl?.ToString(), head.Headers.CacheControl?.ToString());
            Assert.Equal(get.Headers.GetValues("Content-Security-Policy"), head.Headers.GetValues("Content-Security-Policy"));
            Assert.Empty(await head.Content.ReadAsByteArrayAsync(Ct));
        }
    }

    [Fact]
    public async Task Other_methods_on_every_route_get_405_with_allow()
    {
        foreach (string path in (await RoutesAsync()).Values)
        {
            foreach (var method in new[] { HttpMethod.Post, HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch, HttpMethod.Options })
            {
                using var request = new HttpRequestMessage(method, path) { Content = new StringContent("{}") };
                using var response = await portal.Client.SendAsync(request, Ct);
                Assert.True(response.StatusCode == HttpStatusCode.MethodNotAllowed, $"{method} {path}: {response.StatusCode}");
                Assert.Equal(["GET", "HEAD"], response.Content.Headers.Allow);
            }
        }
    }

    [Fact]
    public async Task A_post_to_the_api_gets_a_json_405_naming_the_method()
    {
        using var response = await portal.Client.PostAsync("/api/articles", new StringContent("{}"), Ct);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("GET, HEAD", string.Join(", ", response.Content.Headers.Allow));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("method POST is not allowed on /api/articles; it answers GET, HEAD", json.RootElement.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("HEAD", "/no/such/page")]
    [InlineData("POST", "/no/such/page")]
    [InlineData("DELETE", "/api/nothing")]
    [InlineData("HEAD", "/static/missing.css")]
    public async Task Unknown_addresses_stay_404_whatever_the_method(string method, string path)
    {
        using var response = await portal.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(response.Content.Headers.Allow);
    }
}
