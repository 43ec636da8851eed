using System.Net;
using System.Text.Json;

namespace Icmal.Web.Tests;

/// <summary><c>GET /api/search</c> over real HTTP on the seeds: its shape, and a clear 400 for every bad parameter.</summary>
[Collection(PortalCollection.Name)]
public sealed class SearchApiTests(PortalFixture portal)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await portal.Client.GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return json.RootElement.Clone();
    }

    [Fact]
    public async Task A_search_answers_items_total_limit_and_offset_each_item_with_the_issues_fields()
    {
        var answer = await GetJsonAsync("/api/search?q=qazaxistan&limit=3");

        Assert.Equal(3, answer.GetProperty("limit").GetInt32());
        Assert.False(answer.GetProperty("relaxed").GetBoolean());
        Assert.True((await GetJsonAsync("/api/search?q=qazaxistan%20zqxwvyk")).GetProperty("relaxed").GetBoolean());
        Assert.Equal(0, answer.GetProperty("offset").GetInt32());
        int total = answer.GetProperty("total").GetInt32();
        var items = answer.GetProperty("items").EnumerateArray().ToList();
        Assert.True(total >= 2, $"total {total}");
        Assert.Equal(Math.Min(3, total), items.Count);
        foreach (var item in items)
        {
            Assert.True(item.GetProperty("id").GetInt64() > 0);
            Assert.False(string.IsNullOrEmpty(item.GetProperty("title").GetString()));
            Assert.True(item.GetProperty("site").ValueKind is JsonValueKind.String or JsonValueKind.Null);
            Assert.True(item.TryGetProperty("url", out _));
            Assert.True(item.TryGetProperty("published", out var published) && published.ValueKind is JsonValueKind.String or JsonValueKind.Null);
            Assert.Equal(JsonValueKind.Number, item.GetProperty("score").ValueKind);
            string snippet = item.GetProperty("snippet").GetString()!;
            var parts = item.GetProperty("snippetParts").EnumerateArray().ToList();
            Assert.Equal(snippet, string.Concat(parts.Select(p => p.GetProperty("text").GetString())));
            Assert.DoesNotContain("<", snippet, StringComparison.Ordinal);
        }
        Assert.Contains(items, i => i.GetProperty("snippetParts").EnumerateArray().Any(p => p.GetProperty("matched").GetBoolean()));
        var scores = items.Select(i => i.GetProperty("score").GetDouble()).ToList();
        Assert.Equal(scores.OrderDescending(), scores);
    }

    [Fact]
    public async Task Offset_pages_through_the_same_results()
    {
        var all = await GetJsonAsync("/api/search?q=qazaxistan&limit=100");
        var ids = all.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToList();
        var second = await GetJsonAsync("/api/search?q=qazaxistan&limit=2&offset=2");

        Assert.Equal(2, second.GetProperty("offset").GetInt32());
        Assert.Equal(all.GetProperty("total").GetInt32(), second.GetProperty("total").GetInt32());
        Assert.Equal(ids.Skip(2).Take(2), second.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()));
    }

    [Fact]
    public async Task A_language_filter_keeps_only_that_language()
    {
        var az = await GetJsonAsync("/api/search?q=qazaxistan&lang=az");
        var en = await GetJsonAsync("/api/search?q=qazaxistan&lang=en");

        Assert.NotEqual(0, az.GetProperty("total").GetInt32());
        Assert.All(az.GetProperty("items").EnumerateArray(), i => Assert.Equal("az", i.GetProperty("language").GetString()));
        Assert.Equal(0, en.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_filter_without_q_lists_the_newest_articles_it_lets_through()
    {
        var az = await GetJsonAsync("/api/search?lang=az&limit=50");
        var typed = await GetJsonAsync("/api/search?q=lang%3Aaz&limit=50");

        Assert.NotEqual(0, az.GetProperty("total").GetInt32());
        Assert.All(az.GetProperty("items").EnumerateArray(), i => Assert.Equal("az", i.GetProperty("language").GetString()));
        Assert.Equal(typed.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()),
            az.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()));
        Assert.Equal(0, (await GetJsonAsync("/api/search?lang=en")).GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("/api/search?q=%22Orta%20D%C9%99hliz", "q: ")]
    [InlineData("/api/search", "q must not be empty")]
    [InlineData("/api/search?q=%20", "q must not be empty")]
    [InlineData("/api/search?q=qazaxistan&limit=0", "limit must be a whole number from 1 to 100")]
    [InlineData("/api/search?q=qazaxistan&limit=10000", "limit must be a whole number from 1 to 100")]
    [InlineData("/api/search?q=qazaxistan&offset=-1", "offset must be a whole number")]
    [InlineData("/api/search?q=qazaxistan&offset=99999999999", "offset must be a whole number")]
    [InlineData("/api/search?q=qazaxistan&offset=10001", "offset must be a whole number from 0 to 10000")]
    [InlineData("/api/search?q=qazaxistan&since=notadate", "since must be a date written YYYY-MM-DD")]
    [InlineData("/api/search?q=qazaxistan&until=2025-02-30", "until must be a date written YYYY-MM-DD")]
    [InlineData("/api/search?q=qazaxistan&since=2025-10-02&until=2025-10-01", "until (2025-10-01) is before since (2025-10-02)")]
    [InlineData("/api/search?q=qazaxistan&lang=%3Cscript%3E", "lang must be a language code")]
    [InlineData("/api/search?q=qazaxistan&site=a%20b", "site must be a site's address")]
    public async Task A_bad_search_request_is_a_400_with_one_json_error_naming_the_parameter(string path, string error)
    {
        using var response = await portal.Client.GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        string message = json.RootElement.GetProperty("error").GetString()!;
        Assert.StartsWith(error, message, StringComparison.Ordinal);
        Assert.True(message.Length > error.Length + 5 || error.Length > 20, $"'{message}' says too little");
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("-")]
    [InlineData("title:")]
    [InlineData("since:yesterday qazaxistan")]
    [InlineData("'; DROP TABLE articles; --")]
    [InlineData("qazaxistan\u0001\u0007")]
    [InlineData("NEAR(a b) OR * ^ \"\" AND")]
    [InlineData("g|s.")] // the tokenizer looked before the query's start for "və s." (found by the search fuzz target)
    public async Task Hostile_and_malformed_queries_are_answered_and_never_a_500(string query)
    {
        using var api = await portal.Client.GetAsync("/api/search?q=" + Uri.EscapeDataString(query), Ct);
        using var page = await portal.Client.GetAsync("/search?q=" + Uri.EscapeDataString(query), Ct);
        using var feed = await portal.Client.GetAsync("/search.atom?q=" + Uri.EscapeDataString(query), Ct);

        foreach (var response in new[] { api, page, feed })
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{response.RequestMessage!.RequestUri}: {response.StatusCode}");
        Assert.Equal(api.StatusCode, page.StatusCode);
        Assert.Equal(api.StatusCode, feed.StatusCode);
        // The archive survives whatever was typed.
        Assert.Equal(5, (await GetJsonAsync("/api/articles")).GetProperty("total").GetInt32());
    }

    /// <summary>As many terms as a request line holds (Kestrel answers 414 to longer addresses before any route runs).</summary>
    [Fact]
    public async Task A_thousand_terms_are_refused_with_a_clear_message()
    {
        string query = string.Join(' ', Enumerable.Range(0, 1_000).Select(i => "s" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        using var response = await portal.Client.GetAsync("/api/search?q=" + Uri.EscapeDataString(query), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.StartsWith("q: ", json.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
    }
}
