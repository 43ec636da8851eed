using System.Net;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Icmal.Model;
using Icmal.Storage;

namespace Icmal.Web.Tests;

/// <summary>
/// A fault of İcmal's own while answering (here a stored row whose time another tool wrote in microseconds, which no
/// .NET time holds) is a 500 with a page in the interface language or the API's JSON error, never the server's bare
/// 500 and never the exception's text; the other pages are served as ever.
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
            cmd.CommandText = "UPDATE articles SET modified_at = archived_at * 1000 WHERE id = $id";
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
        Assert.DoesNotContain("ArgumentOutOfRange", html, StringComparison.Ordinal);
        Assert.Equal("Something went wrong", new HtmlParser().ParseDocument(await english.Content.ReadAsStringAsync(Ct)).QuerySelector("h1")!.TextContent);
        Assert.Equal(HttpStatusCode.InternalServerError, api.StatusCode);
        Assert.Equal("application/json", api.Content.Headers.ContentType?.MediaType);
        using var error = JsonDocument.Parse(await api.Content.ReadAsStringAsync(Ct));
        Assert.Equal("the server failed while answering; the fault has been logged", error.RootElement.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.OK, fine.StatusCode);
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
