using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Icmal.Web.Tests;

/// <summary>
/// Every kind of portal page, checked by axe-core (WCAG 2.x A and AA, and its best practices) in a real headless
/// Chromium, on a phone-sized and a desktop screen.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class PortalAccessibilityTests(PortalFixture portal)
{
    [Fact]
    public async Task Every_kind_of_page_passes_axe_on_a_phone_and_a_desktop()
    {
        string chromium = BrowserLocator.Require();
        string list = await portal.Client.GetStringAsync("/api/articles", TestContext.Current.CancellationToken);
        using var json = System.Text.Json.JsonDocument.Parse(list);
        var first = json.RootElement.GetProperty("items")[0];
        string[] paths =
        [
            "/", $"/articles/{first.GetProperty("id").GetInt64()}", $"/stories/{first.GetProperty("storyId").GetInt64()}",
            "/admin/sources", "/no/such/page", "/?page=0",
            "/search", "/search?q=qazaxistan&lang=az", "/search?q=%22Orta", "/search?q=qazaxistan&since=notadate",
            "/stories", "/categories/siyaset", "/categories/nope",
        ];

        await AssertAxePassesAsync(chromium, portal.BaseAddress, paths);
    }

    [Fact]
    public async Task The_stories_pages_and_folded_copies_pass_axe_on_a_phone_and_a_desktop()
    {
        string chromium = BrowserLocator.Require();
        StoryArchive archive = null!;
        await using var host = await PortalHost.StartAsync(async store => archive = await StoryArchive.FillAsync(store));
        await AssertAxePassesAsync(chromium, host.BaseAddress,
        [
            "/", "/stories", "/stories?day=2025-10-21", "/stories?day=2030-01-01", "/stories?day=2025-10-22&page=9", "/stories?day=bad",
            $"/stories/{archive.Visit}", $"/articles/{archive.Original}", $"/articles/{archive.Copy}",
        ]);
    }

    private static async Task AssertAxePassesAsync(string chromium, Uri baseAddress, IReadOnlyList<string> paths)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = chromium, Headless = true, Args = BrowserLocator.Arguments });
        var problems = new List<string>();
        foreach (var viewport in new[] { new ViewportSize { Width = 375, Height = 740 }, new ViewportSize { Width = 1280, Height = 900 } })
        {
            await using var context = await browser.NewContextAsync(new() { ViewportSize = viewport, Locale = "az-AZ" });
            var page = await context.NewPageAsync();
            foreach (string path in paths)
            {
                await page.GotoAsync(new Uri(baseAddress, path).ToString());
                AxeResult result = await page.RunAxe();
                problems.AddRange(result.Violations.Select(v =>
                    $"{viewport.Width}px {path}: {v.Id} ({v.Impact}) {v.Help}: {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}"));
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
