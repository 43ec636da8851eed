using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Links = Icmal.Web.Pages.Links;

namespace Icmal.Web.Tests;

/// <summary>
/// Every kind of portal page, checked by axe-core (WCAG 2.x A and AA, and its best practices) in a real headless
/// Chromium, in each interface language, on a phone-sized (360 px) and a desktop screen: no serious or critical
/// violation, and nothing wider than the phone's screen. One browser for the class, one page per screen size, reused
/// from address to address, so the audit of some hundred pages stays within a minute or two.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed partial class PortalAccessibilityTests(PortalFixture portal, AuditBrowser browser) : IClassFixture<AuditBrowser>
{
    private static readonly string[] Cultures = ["az", "ru", "en"];

    [GeneratedRegex("href=\"(/entities/[0-9]+)\"")]
    private static partial Regex EntityLink();

    [GeneratedRegex("href=\"(/sources/[a-z0-9.-]+)\"")]
    private static partial Regex SourceLink();

    [Fact]
    public async Task Every_kind_of_page_passes_axe_in_every_language_on_a_phone_and_a_desktop()
    {
        var ct = TestContext.Current.CancellationToken;
        string list = await portal.Client.GetStringAsync("/api/articles", ct);
        using var json = System.Text.Json.JsonDocument.Parse(list);
        var first = json.RootElement.GetProperty("items")[0];
        string article = $"/articles/{first.GetProperty("id").GetInt64()}";
        // The entity and source pages are reached the way a reader reaches them: by the links of other pages.
        string entity = await FirstLinkAsync(EntityLink(), ct, json.RootElement.GetProperty("items").EnumerateArray().Select(a => $"/articles/{a.GetProperty("id").GetInt64()}").ToArray());
        // The first article's Baku day: the archive page of a day with articles.
        string day = Links.ArchiveDay(Icmal.Storage.StoryDays.DayOf(
            (first.GetProperty("published") is { ValueKind: System.Text.Json.JsonValueKind.String } published ? published : first.GetProperty("archived")).GetDateTimeOffset()));
        string source = await FirstLinkAsync(SourceLink(), ct, "/sources");
        string[] kinds =
        [
            "/", article, $"/stories/{first.GetProperty("storyId").GetInt64()}", "/stories", "/search?q=qazaxistan&lang=az",
            source, "/sources", day, "/most-read", entity, "/entities?q=tokayev", "/no/such/page", "/categories/siyaset", "/categories/nope",
        ];
        // Variants of a kind (an empty search, a refused query, a bad page number, the admin's table), in Azerbaijani.
        string[] variants = ["/admin/sources", "/?page=0", "/search", "/search?q=%22Orta", "/search?q=qazaxistan&since=notadate"];
        var paths = Cultures.SelectMany(c => kinds.Select(k => InCulture(k, c))).Concat(variants).ToList();
        await AssertAuditPassesAsync(browser, portal.BaseAddress, paths);
    }

    [Fact]
    public async Task The_stories_pages_and_folded_copies_pass_axe_on_a_phone_and_a_desktop()
    {
        StoryArchive archive = null!;
        await using var host = await PortalHost.StartAsync(async store => archive = await StoryArchive.FillAsync(store));
        await AssertAuditPassesAsync(browser, host.BaseAddress,
        [
            "/", "/?culture=ru", "/stories", "/stories?day=2025-10-21", "/stories?day=2030-01-01", "/stories?day=2025-10-22&page=9", "/stories?day=bad",
            $"/stories/{archive.Visit}", $"/articles/{archive.Original}", $"/articles/{archive.Copy}", $"/articles/{archive.Apa}?culture=en",
        ]);
    }

    private async Task<string> FirstLinkAsync(Regex link, CancellationToken ct, params string[] pages)
    {
        foreach (string page in pages)
            if (link.Match(await portal.Client.GetStringAsync(page, ct)) is { Success: true } found) return found.Groups[1].Value;
        throw new InvalidOperationException($"no link like {link} on {string.Join(", ", pages)}");
    }

    private static string InCulture(string path, string culture) => path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "culture=" + culture;

    private static async Task AssertAuditPassesAsync(AuditBrowser browser, Uri baseAddress, IReadOnlyList<string> paths)
    {
        var problems = new List<string>();
        foreach (var viewport in new[] { new ViewportSize { Width = 360, Height = 740 }, new ViewportSize { Width = 1280, Height = 900 } })
        {
            await using var context = await (await browser.GetAsync()).NewContextAsync(new() { ViewportSize = viewport, Locale = "az-AZ" });
            var page = await context.NewPageAsync();
            foreach (string path in paths)
            {
                await page.GotoAsync(new Uri(baseAddress, path).ToString());
                AxeResult result = await page.RunAxe();
                problems.AddRange(result.Violations.Where(v => v.Impact is "serious" or "critical").Select(v =>
                    $"{viewport.Width}px {path}: {v.Id} ({v.Impact}) {v.Help}: {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}"));
                int overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
                if (overflow > 0) problems.Add($"{viewport.Width}px {path}: {overflow} px wider than the screen");
                // For a person to look at (issue #19): every audited page at both widths, in the temporary folder.
                await page.ScreenshotAsync(new() { Path = Screenshots.PathOf($"audit-{viewport.Width}{Screenshots.Name(path)}.png"), FullPage = true });
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}

/// <summary>One headless Chromium for a test class: starting one costs seconds, a new page in it milliseconds.</summary>
public sealed class AuditBrowser : IAsyncDisposable
{
    private readonly SemaphoreSlim _start = new(1, 1);
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>The browser, started by the first test that asks (which is skipped when there is no Chromium).</summary>
    public async Task<IBrowser> GetAsync()
    {
        string chromium = BrowserLocator.Require();
        await _start.WaitAsync();
        try
        {
            _playwright ??= await Playwright.CreateAsync();
            return _browser ??= await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = chromium, Headless = true, Args = BrowserLocator.Arguments });
        }
        finally
        {
            _start.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        _start.Dispose();
    }
}
