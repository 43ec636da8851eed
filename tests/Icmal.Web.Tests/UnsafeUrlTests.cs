using System.Net;
using System.Text;
using System.Text.Json;
using Icmal.Import;
using Icmal.Storage;
using Microsoft.AspNetCore.Builder;
using Icmal.Model;
using Icmal.Ingest;

namespace Icmal.Web.Tests;

/// <summary>
/// Addresses a page or a JSON list gives (image, canonical, credited original) reach the API only as http(s):
/// a javascript: or data: address is dropped where the article is read, so nothing downstream can serve it.
/// </summary>
public sealed class UnsafeUrlTests : IAsyncLifetime
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "icmal-web-urls-" + Guid.NewGuid().ToString("N"));
    private readonly string _files = Path.Combine(Path.GetTempPath(), "icmal-web-urls-in-" + Guid.NewGuid().ToString("N"));
    private WebApplication? _app;
    private Stores _store = null!;
    private HttpClient _client = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_files);
        _store = await Stores.OpenAsync(DatabaseSetting.InDataFolder(_data), Ct);
        _app = PortalServer.Build(_store, new PortalOptions("http://127.0.0.1:0"));
        await _app.StartAsync(Ct);
        _client = new HttpClient { BaseAddress = new Uri(_app.Urls.Single()) };
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        if (_app is not null) await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (string dir in new[] { _data, _files })
        {
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private const string Body = "<p>Bakıda yeni park açıldı. Sakinlər parkın açılışını alqışladılar və yeni ağacların əkildiyini bildirdilər.</p>"
        + "<p>İkinci abzas: bələdiyyə parkın genişləndirilməsi üçün əlavə vəsait ayıracağını açıqladı.</p>";

    private async Task<JsonElement> ImportAndGetAsync(string name, string content)
    {
        string path = Path.Combine(_files, name);
        await File.WriteAllTextAsync(path, content, new UTF8Encoding(false), Ct);
        var importer = new Importer(await IngestPipeline.OpenAsync(_store, TestContext.Current.CancellationToken), new ImportOptions());
        IngestOutcome? outcome = null;
        await foreach (var e in importer.ImportAsync([path], Ct)) outcome = e.Outcome;
        Assert.True(outcome!.Status == IngestStatus.Stored, outcome.Reason);
        var response = await _client.GetAsync($"/api/articles/{outcome.ArticleId}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone();
    }

    [Fact]
    public async Task A_javascript_image_in_json_ld_is_not_served_by_the_api()
    {
        var article = await ImportAndGetAsync("jsonld.html", $$$"""
            <html><head><title>Park</title>
            <link rel="canonical" href="javascript:alert(document.cookie)">
            <script type="application/ld+json">{"@type":"NewsArticle","headline":"Park açıldı","image":{"@type":"ImageObject","url":"javascript:alert(1)"}}</script>
            </head><body><article><h1>Park açıldı</h1>{{{Body}}}<p>Mənbə: javascript:alert(2)</p></article></body></html>
            """);
        Assert.True(article.GetProperty("imageUrl").ValueKind == JsonValueKind.Null, article.GetProperty("imageUrl").ToString());
        Assert.True(article.GetProperty("url").ValueKind == JsonValueKind.Null, article.GetProperty("url").ToString());
        // "Mənbə: javascript:alert(2)" names a source; as a name it is text, never an address.
        Assert.True(article.GetProperty("original").GetProperty("url").ValueKind == JsonValueKind.Null);
    }

    [Fact]
    public async Task A_relative_og_image_is_served_as_an_absolute_http_address()
    {
        var article = await ImportAndGetAsync("og.html", $$$"""
            <html><head><title>Park</title><meta property="og:image" content="data:image/svg+xml,<svg onload=alert(1)>">
            <link rel="canonical" href="https://xeber.az/park">
            <script type="application/ld+json">{"@type":"NewsArticle","headline":"Park açıldı","image":"/img/park.jpg"}</script>
            </head><body><article><h1>Park açıldı</h1>{{{Body}}}</article></body></html>
            """);
        Assert.Equal("https://xeber.az/img/park.jpg", article.GetProperty("imageUrl").GetString());
        Assert.Equal("https://xeber.az/park", article.GetProperty("url").GetString());
    }

    [Fact]
    public async Task A_javascript_url_in_a_json_article_list_is_not_served_by_the_api()
    {
        var article = await ImportAndGetAsync("list.json", """
            [{"title":"Park açıldı","url":"javascript:alert(1)","text":"Bakıda yeni park açıldı. Sakinlər parkın açılışını alqışladılar və yeni ağacların əkildiyini bildirdilər. Bələdiyyə əlavə vəsait ayırır."}]
            """);
        Assert.DoesNotContain("javascript", article.ToString(), StringComparison.OrdinalIgnoreCase);
    }
}
