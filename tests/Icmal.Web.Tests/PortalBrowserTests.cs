using Microsoft.Playwright;

namespace Icmal.Web.Tests;

/// <summary>A reader in a real headless Chromium, on a phone-sized screen.</summary>
[Collection(PortalCollection.Name)]
public sealed class PortalBrowserTests(PortalFixture portal)
{
    [Fact]
    public async Task A_reader_on_a_phone_sees_the_five_stories_and_opens_one()
    {
        string chromium = BrowserLocator.Require();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = chromium, Headless = true, Args = BrowserLocator.Arguments });
        await using var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 375, Height = 740 }, IsMobile = true, HasTouch = true, Locale = "az-AZ" });
        var page = await context.NewPageAsync();
        var consoleErrors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") consoleErrors.Add(m.Text); };

        var response = await page.GotoAsync(portal.BaseAddress.ToString());
        Assert.Equal(200, response!.Status);
        var links = page.Locator("li.article-card h2 a");
        Assert.Equal(5, await links.CountAsync());
        Assert.Equal("Son xəbərlər — İcmal", await page.TitleAsync());

        int scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 375, $"the home page scrolls sideways on a phone ({scrollWidth}px wide)");
        await page.ScreenshotAsync(new() { Path = Screenshot("home-phone.png"), FullPage = true });

        await links.Filter(new() { HasText = "Astana görüşü" }).ClickAsync();
        await page.WaitForURLAsync("**/articles/*");
        Assert.Equal("Astana görüşü və regionda yeni əməkdaşlıq dövrü", await page.Locator("article h1").InnerTextAsync());
        string body = await page.Locator("article .body").InnerTextAsync();
        Assert.Contains("Ali Dövlətlərarası Şura", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Xəbər lenti", body, StringComparison.Ordinal);
        scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 375, $"the article page scrolls sideways on a phone ({scrollWidth}px wide)");
        await page.ScreenshotAsync(new() { Path = Screenshot("article-phone.png"), FullPage = true });

        await page.Locator("text=← Bütün xəbərlər").ClickAsync();
        // Back on the home page before counting and clicking there (a count does not wait for a navigation).
        await page.WaitForURLAsync(portal.BaseAddress.ToString());
        Assert.Equal(5, await page.Locator("li.article-card").CountAsync());

        await page.Locator("p.story-link a").First.ClickAsync();
        await page.WaitForURLAsync("**/stories/*");
        // The story of the October 2025 visit: at least four of the five seeds.
        Assert.InRange(await page.Locator("li.timeline-entry").CountAsync(), 4, 5);
        await page.ScreenshotAsync(new() { Path = Screenshot("story-phone.png"), FullPage = true });

        await page.GotoAsync(new Uri(portal.BaseAddress, "/admin/sources").ToString());
        Assert.Equal("Mənbələr", await page.Locator("h1").InnerTextAsync());
        scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 375, $"the sources page scrolls sideways on a phone ({scrollWidth}px wide)");
        Assert.Empty(consoleErrors);
    }

    private static string Screenshot(string name)
    {
        string dir = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, name);
    }
}
