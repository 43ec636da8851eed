using AngleSharp.Html.Parser;
using Icmal.Import;
using Icmal.Storage;
using Microsoft.AspNetCore.Builder;
using Icmal.Model;
using Icmal.Ingest;

namespace Icmal.Web.Tests;

/// <summary>Hostile pages are archived as they are but shown as text: nothing they carry runs in the portal.</summary>
public sealed class PortalEscapingTests
{
    [Fact]
    public async Task Markup_and_javascript_urls_in_an_article_are_shown_as_text()
    {
        var ct = TestContext.Current.CancellationToken;
        string data = Path.Combine(Path.GetTempPath(), "icmal-web-" + Guid.NewGuid().ToString("N"));
        string page = Path.Combine(data, "hostile.html");
        Directory.CreateDirectory(data);
        await File.WriteAllTextAsync(page, """
            <html><head><title>&lt;script&gt;alert(1)&lt;/script&gt; Başlıq</title>
            <link rel="canonical" href="javascript:alert(2)"></head>
            <body><article><h1>&lt;img src=x onerror=alert(3)&gt; Başlıq</h1>
            <p>Birinci abzas &lt;script&gt;alert(4)&lt;/script&gt; kifayət qədər uzun mətn ilə, bu xəbər oxucular üçün yazılıb və yoxlanılır.</p>
            <p onclick="alert(5)">İkinci abzas <a href="javascript:alert(6)">link</a> da uzun olsun ki, məqalə mətni kimi qəbul edilsin.</p>
            <script>alert(7)</script><iframe src="https://evil.example"></iframe>
            </article></body></html>
            """, ct);
        var store = await Stores.OpenAsync(DatabaseSetting.InDataFolder(data), ct);
        await foreach (var e in new Importer(await IngestPipeline.OpenAsync(store, ct), new ImportOptions()).ImportAsync([page], ct))
            Assert.Equal(IngestStatus.Stored, e.Outcome.Status);

        await using var app = PortalServer.Build(store, new PortalOptions("http://127.0.0.1:0"));
        await app.StartAsync(ct);
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
        var articles = await store.Articles.ListAsync(new ArticleQuery(), ct);
        string html = await client.GetStringAsync($"/articles/{articles[0].Id}", ct);
        string home = await client.GetStringAsync("/", ct);

        foreach (string shown in new[] { html, home })
        {
            var doc = new HtmlParser().ParseDocument(shown);
            // The article's schema.org JSON-LD is a data block, never run; no other script may be on either page.
            Assert.Empty(NoScripts.Executable(doc));
            Assert.Empty(doc.QuerySelectorAll("iframe, img, [onclick], [onerror]"));
            Assert.DoesNotContain(doc.QuerySelectorAll("a"), a => (a.GetAttribute("href") ?? "").StartsWith("javascript", StringComparison.OrdinalIgnoreCase));
        }
        Assert.Contains("&lt;script&gt;alert(4)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Single(new HtmlParser().ParseDocument(html).QuerySelectorAll("script[type='application/ld+json']"));
        await app.StopAsync(ct);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(data, recursive: true);
    }
}
