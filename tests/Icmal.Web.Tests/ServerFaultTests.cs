using System.Net;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Icmal.Model;
using Icmal.Storage;

namespace Icmal.Web.Tests;

/// <summary>
/// A fault of İcmal's own while answering (here a stored row whose time another tool wrote as text that is no
/// time) is a 500 with a page in the interface language or the API's JSON error, never the server's bare
/// 500 and never the exception's text; the other pages are served as ever. A time in another unit is no fault: it is
/// read in that unit; a publication or change time that holds none is unknown, an archive time its page's.
/// </summary>
public sealed class ServerFaultTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_row_the_portal_cannot_read_answers_a_500_page_and_json_and_the_rest_is_served()
    {
        long good = 0, bad = 0;
        await using var host = await PortalHost.StartAsync(async store =>
        {
            good = await AddAsync(store, "Bakıda yeni metro stansiyası açıldı", "https://example.az/1");
            bad = await AddAsync(store, "Sumqayıtda yeni park salındı", "https://example.az/2");
        });
        await using (var conn = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(host.DataFolder, "icmal.db")};Pooling=False"))
        {
            await conn.OpenAsync(Ct);
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = "UPDATE articles SET archived_at = 'yesterday' WHERE id = $id; UPDATE documents SET archived_at = 'yesterday' WHERE id = (SELECT document_id FROM articles WHERE id = $id)";
            cmd.Parameters.AddWithValue("$id", bad);
            await cmd.ExecuteNonQueryAsync(Ct);
        }

        using var page = await host.Client.GetAsync($"/articles/{bad}", Ct);
        using var english = await host.Client.GetAsync($"/articles/{bad}?culture=en", Ct);
        using var api = await host.Client.GetAsync($"/api/articles/{bad}", Ct);
        using var fine = await host.Client.GetAsync($"/articles/{good}", Ct);

        Assert.Equal(HttpStatusCode.InternalServerError, page.StatusCode);
        string html = await page.Content.ReadAsStringAsync(Ct);
        var doc = new HtmlParser().ParseDocument(html);
        Assert.Equal("Xəta baş verdi", doc.QuerySelector("h1")!.TextContent);
        Assert.DoesNotContain("FormatException", html, StringComparison.Ordinal);
        Assert.Equal("Something went wrong", new HtmlParser().ParseDocument(await english.Content.ReadAsStringAsync(Ct)).QuerySelector("h1")!.TextContent);
        Assert.Equal(HttpStatusCode.InternalServerError, api.StatusCode);
        Assert.Equal("application/json", api.Content.Headers.ContentType?.MediaType);
        using var error = JsonDocument.Parse(await api.Content.ReadAsStringAsync(Ct));
        Assert.Equal("the server failed while answering; the fault has been logged", error.RootElement.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.OK, fine.StatusCode);
    }

    [Fact]
    public async Task A_row_whose_times_another_tool_wrote_in_micro_or_nanoseconds_is_listed_and_shown_with_them()
    {
        // Such a row once took down the home page, the API's list and the feeds, not only its own page.
        long good = 0, bad = 0;
        await using var host = await PortalHost.StartAsync(async store =>
        {
            good = await AddAsync(store, "Bakıda yeni metro stansiyası açıldı", "https://example.az/1");
            bad = await AddAsync(store, "Sumqayıtda yeni park salındı", "https://example.az/2");
        });
        await using (var conn = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(host.DataFolder, "icmal.db")};Pooling=False"))
        {
            await conn.OpenAsync(Ct);
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = """
                UPDATE articles SET archived_at = archived_at * 1000, sort_at = sort_at * 1000, published_at = published_at * 1000000,
                    modified_at = '2025-11-21 08:30:00' WHERE id = $id
                """;
            cmd.Parameters.AddWithValue("$id", bad);
            await cmd.ExecuteNonQueryAsync(Ct);
        }

        using var home = await host.Client.GetAsync("/?culture=en", Ct);
        using var list = await host.Client.GetAsync("/api/articles", Ct);
        using var feed = await host.Client.GetAsync("/feed.atom", Ct);
        using var page = await host.Client.GetAsync($"/articles/{bad}?culture=en", Ct);
        using var api = await host.Client.GetAsync($"/api/articles/{bad}", Ct);

        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        string homeHtml = await home.Content.ReadAsStringAsync(Ct);
        Assert.Contains($"/articles/{bad}", homeHtml, StringComparison.Ordinal);
        Assert.Contains($"/articles/{good}", homeHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        using (var items = JsonDocument.Parse(await list.Content.ReadAsStringAsync(Ct)))
            Assert.Equal(2, items.RootElement.GetProperty("items").GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("2025", await page.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        using var article = JsonDocument.Parse(await api.Content.ReadAsStringAsync(Ct));
        var at = new DateTimeOffset(2025, 11, 20, 10, 0, 0, TimeSpan.Zero);
        Assert.Equal(at, article.RootElement.GetProperty("published").GetDateTimeOffset());
        Assert.Equal(at, article.RootElement.GetProperty("archived").GetDateTimeOffset());
        Assert.Equal(new DateTimeOffset(2025, 11, 21, 8, 30, 0, TimeSpan.Zero), article.RootElement.GetProperty("modified").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_row_whose_times_hold_no_time_is_listed_and_shown_with_its_pages_archive_time_alone()
    {
        long bad = 0;
        await using var host = await PortalHost.StartAsync(async store =>
        {
            long good = await AddAsync(store, "Bakıda yeni metro stansiyası açıldı", "https://example.az/1");
            bad = await AddAsync(store, "Sumqayıtda yeni park salındı", "https://example.az/2");
            // In stories, as imported articles are: the front page and the day's stories read their times.
            var at = new DateTimeOffset(2025, 11, 20, 10, 0, 0, TimeSpan.Zero);
            await store.Stories.AssignAsync(good, null, "Bakıda yeni metro stansiyası açıldı", at, Ct);
            await store.Stories.AssignAsync(bad, null, "Sumqayıtda yeni park salındı", at, Ct);
        });
        await using (var conn = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(host.DataFolder, "icmal.db")};Pooling=False"))
        {
            await conn.OpenAsync(Ct);
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = "UPDATE articles SET published_at = 'soon', modified_at = x'00', archived_at = 'then', sort_at = 'then' WHERE id = $id";
            cmd.Parameters.AddWithValue("$id", bad);
            await cmd.ExecuteNonQueryAsync(Ct);
        }

        using var home = await host.Client.GetAsync("/", Ct);
        using var stories = await host.Client.GetAsync("/stories", Ct);
        using var page = await host.Client.GetAsync($"/articles/{bad}", Ct);
        using var api = await host.Client.GetAsync($"/api/articles/{bad}", Ct);

        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stories.StatusCode);
        Assert.Contains("Bakıda yeni metro stansiyası açıldı", await stories.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Contains($"/articles/{bad}", await home.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        using var article = JsonDocument.Parse(await api.Content.ReadAsStringAsync(Ct));
        Assert.Equal(JsonValueKind.Null, article.RootElement.GetProperty("published").ValueKind);
        Assert.Equal(JsonValueKind.Null, article.RootElement.GetProperty("modified").ValueKind);
        Assert.Equal(new DateTimeOffset(2025, 11, 20, 10, 0, 0, TimeSpan.Zero), article.RootElement.GetProperty("archived").GetDateTimeOffset());
    }

    private static async Task<long> AddAsync(Stores store, string title, string url)
    {
        string text = title + ". Tədbirdə rəsmilər və sakinlər iştirak ediblər, ətraflı məlumat sonra veriləcək.";
        byte[] raw = System.Text.Encoding.UTF8.GetBytes(text + url);
        var at = new DateTimeOffset(2025, 11, 20, 10, 0, 0, TimeSpan.Zero);
        var article = new Article
        {
            Id = 0, DocumentId = 0, Origin = url, Url = url, Title = title, Language = "az", Published = at, Archived = at,
            Blocks = [new ArticleBlock(BlockKind.Paragraph, text)],
        };
        return (await store.Articles.AddAsync(new NewDocument(Hashing.Sha256Hex(raw), url, url, "html", "utf-8", raw, at), article, Ct)).ArticleId;
    }
}
