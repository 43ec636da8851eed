using System.Net;
using AngleSharp.Html.Parser;
using Icmal.Collection;
using Icmal.Model;

namespace Icmal.Web.Tests;

/// <summary>/admin/sources over real HTTP: every source with its health, in Azerbaijani, nothing of a source's text running.</summary>
[Collection(PortalCollection.Name)]
public sealed class AdminPageTests(PortalFixture portal)
{
    [Fact]
    public async Task The_sources_page_lists_each_source_with_its_endpoints_and_state()
    {
        var ct = TestContext.Current.CancellationToken;
        await portal.Store.Sources.AddAsync(new SourceDefinition("Report <b>test</b>", "https://report.az/", "az",
            [(EndpointKind.Feed, "https://report.az/rss/")]), enabled: true, allowPrivate: false, ct);
        await portal.Store.Sources.AddAsync(new SourceDefinition("Trend", "https://az.trend.az/", "az",
            [(EndpointKind.Sitemap, "https://az.trend.az/sitemap.xml")]), enabled: false, allowPrivate: false, ct);

        var response = await portal.Client.GetAsync("/admin/sources", ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        string html = await response.Content.ReadAsStringAsync(ct);
        var errors = new List<string>();
        var parser = new HtmlParser();
        parser.Error += (_, e) => errors.Add(e.ToString() ?? "");
        var doc = parser.ParseDocument(html);

        Assert.Empty(errors);
        Assert.Equal("Mənbələr", doc.QuerySelector("h1")!.TextContent);
        var rows = doc.QuerySelectorAll("table.sources tbody tr").ToList();
        var report = rows.Single(r => r.TextContent.Contains("Report <b>test</b>", StringComparison.Ordinal));
        Assert.Empty(report.QuerySelectorAll("b"));
        Assert.Contains("lent: https://report.az/rss/", report.TextContent, StringComparison.Ordinal);
        Assert.Contains("hələ yoxlanmayıb", report.TextContent, StringComparison.Ordinal);
        var trend = rows.Single(r => r.TextContent.Contains("Trend", StringComparison.Ordinal));
        Assert.Equal("disabled", trend.GetAttribute("class"));
        Assert.Contains("söndürülüb", trend.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sources_page_shows_each_sources_latest_failed_pages_with_stage_and_reason()
    {
        var ct = TestContext.Current.CancellationToken;
        var (id, _) = await portal.Store.Sources.AddAsync(new SourceDefinition("Problemli", "https://problemli.az/", "az",
            [(EndpointKind.Feed, "https://problemli.az/rss")]), enabled: true, allowPrivate: false, ct);
        await portal.Store.ItemErrors.RecordAsync(new Icmal.Storage.ItemError(id, "https://problemli.az/xeber/<1>", Icmal.Model.IngestStage.Decode,
            "declared charset 'iso-2022-kr' is decoded as nothing", DateTimeOffset.UtcNow), ct);

        string html = await portal.Client.GetStringAsync("/admin/sources", ct);
        var row = new HtmlParser().ParseDocument(html).QuerySelectorAll("table.sources tbody tr")
            .Single(r => r.TextContent.Contains("Problemli", StringComparison.Ordinal));
        var cell = row.QuerySelector("td.item-errors")!;
        Assert.Contains("https://problemli.az/xeber/<1>", cell.TextContent, StringComparison.Ordinal);
        Assert.Contains("kodlaşdırma: declared charset 'iso-2022-kr' is decoded as nothing", cell.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sources_page_shows_the_latest_errors_of_no_source_apart()
    {
        // An import's file, or a stored article the archive's start could not go over again: no source to show it under.
        var ct = TestContext.Current.CancellationToken;
        await portal.Store.ItemErrors.RecordAsync(new Icmal.Storage.ItemError(null, "/data/<xeberler>.json#7", IngestStage.Read,
            "\"published\" is not a date: \"dünən\"", DateTimeOffset.UtcNow), ct);

        string html = await portal.Client.GetStringAsync("/admin/sources", ct);
        var doc = new HtmlParser().ParseDocument(html);
        var section = doc.QuerySelector("section.other-errors")!;
        Assert.Equal("İdxal və arxiv xətaları", section.QuerySelector("h2")!.TextContent);
        var item = section.QuerySelectorAll("li").First(li => li.TextContent.Contains("/data/<xeberler>.json#7", StringComparison.Ordinal));
        Assert.Contains("oxuma: \"published\" is not a date: \"dünən\"", item.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(doc.QuerySelectorAll("table.sources td.item-errors"), td => td.TextContent.Contains("xeberler", StringComparison.Ordinal));
    }
}
