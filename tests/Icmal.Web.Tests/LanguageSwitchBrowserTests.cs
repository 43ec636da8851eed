using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.Playwright;

namespace Icmal.Web.Tests;

/// <summary>
/// A reader in Chromium switches the interface to Russian and English with the header's switch: every interface
/// string shown in Azerbaijani is gone (articles, marked with their own lang, stay as written), the page is the same
/// page, and the next page, opened without asking, stays in the chosen language (the cookie).
/// </summary>
[Collection(PortalCollection.Name)]
public sealed partial class LanguageSwitchBrowserTests(PortalFixture portal)
{
    [GeneratedRegex("\\{[0-9]+(?:[,:][^}]*)?\\}")]
    private static partial Regex Placeholder();

    /// <summary>Text shown by the interface: the body without elements in an article's own language, plus placeholders and labels.</summary>
    private const string InterfaceText = """
        () => {
          const body = document.body.cloneNode(true);
          body.querySelectorAll('[lang]').forEach(e => e.remove());
          const attributes = [...document.querySelectorAll('[placeholder],[aria-label],[title]')].filter(e => !e.closest('[lang]:not(html)'))
            .map(e => [e.getAttribute('placeholder'), e.getAttribute('aria-label'), e.getAttribute('title')].join(' '));
          return body.textContent + ' ' + attributes.join(' ') + ' ' + document.title;
        }
        """;

    private static Dictionary<string, string> Entries(string file) =>
        XDocument.Load(Path.Combine(SourceTree.CatalogueFolder, file)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "", StringComparer.Ordinal);

    /// <summary>The literal pieces of every Azerbaijani catalogue string that the translations say differently.</summary>
    private static List<string> AzerbaijaniFragments()
    {
        var az = Entries("Strings.resx");
        var ru = Entries("Strings.ru.resx");
        var en = Entries("Strings.en.resx");
        return az.Where(e => e.Value != ru[e.Key] && e.Value != en[e.Key])
            .SelectMany(e => Placeholder().Split(e.Value)).Select(f => f.Trim(' ', '·', '–', '→', '←', ':', ',', '(', ')', '.'))
            .Where(f => f.Length >= 4 && f.Any(char.IsLetter) && !ru.Values.Concat(en.Values).Any(v => v.Contains(f, StringComparison.Ordinal)))
            .Distinct(StringComparer.Ordinal).ToList();
    }

    [Fact]
    public async Task The_switch_changes_every_visible_interface_string_and_keeps_the_page()
    {
        string chromium = BrowserLocator.Require();
        string list = await portal.Client.GetStringAsync("/api/articles", TestContext.Current.CancellationToken);
        using var json = System.Text.Json.JsonDocument.Parse(list);
        var first = json.RootElement.GetProperty("items")[0];
        string[] paths =
        [
            "/", $"/articles/{first.GetProperty("id").GetInt64()}", $"/stories/{first.GetProperty("storyId").GetInt64()}", "/stories",
            "/search?q=qazaxistan", "/search?q=%22Orta", "/no/such/page", "/admin/sources", "/categories/siyaset", "/categories/nope",
        ];
        var fragments = AzerbaijaniFragments();
        Assert.True(fragments.Count > 100, $"only {fragments.Count} Azerbaijani fragments: the catalogue reading is broken");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = chromium, Headless = true, Args = BrowserLocator.Arguments });
        var problems = new List<string>();
        int checkedStrings = 0;
        foreach (string culture in new[] { "ru", "en" })
        {
            await using var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 360, Height = 740 } });
            var page = await context.NewPageAsync();
            foreach (string path in paths)
            {
                await page.GotoAsync(new Uri(portal.BaseAddress, path).ToString());
                if (await page.EvaluateAsync<string>("() => document.documentElement.lang") != "az")
                {
                    // Chosen earlier in this context: the cookie keeps it; go back to Azerbaijani through the switch.
                    await SwitchAsync(page, "az");
                }
                Assert.Equal("az", await page.EvaluateAsync<string>("() => document.documentElement.lang"));
                string azText = await page.EvaluateAsync<string>(InterfaceText);
                var shown = fragments.Where(f => azText.Contains(f, StringComparison.Ordinal)).ToList();
                Assert.True(shown.Count >= 2, $"{path}: only {shown.Count} interface strings found on the Azerbaijani page");

                await SwitchAsync(page, culture);
                Assert.Equal(culture, await page.EvaluateAsync<string>("() => document.documentElement.lang"));
                Assert.Equal(new Uri(portal.BaseAddress, path).AbsolutePath, new Uri(page.Url).AbsolutePath);
                string text = await page.EvaluateAsync<string>(InterfaceText);
                problems.AddRange(shown.Where(f => text.Contains(f, StringComparison.Ordinal)).Select(f => $"{culture} {path}: still «{f}»"));
                checkedStrings += shown.Count;
                await page.ScreenshotAsync(new() { Path = Screenshots.PathOf($"switch-{culture}{Screenshots.Name(path)}.png"), FullPage = true });
            }
            // Chosen once, kept: a page opened without ?culture= is in the same language.
            await page.GotoAsync(new Uri(portal.BaseAddress, "/stories").ToString());
            Assert.Equal(culture, await page.EvaluateAsync<string>("() => document.documentElement.lang"));
        }
        Assert.True(problems.Count == 0, $"{problems.Count} of {checkedStrings} strings not switched:\n" + string.Join("\n", problems));
    }

    /// <summary>
    /// Clicks the switch's link to <paramref name="culture"/> and returns once the page it leads to is parsed: the
    /// wait is set before the click, so a navigation that ends before the test asks for it is not missed, and it asks
    /// for the document, not the load event, which a machine busy with the other tests may hold back.
    /// </summary>
    private static async Task SwitchAsync(IPage page, string culture)
    {
        var arrived = page.WaitForURLAsync($"**culture={culture}**", new() { WaitUntil = WaitUntilState.DOMContentLoaded, Timeout = 90_000 });
        await page.Locator($"nav.language-switch a[lang={culture}]").ClickAsync();
        await arrived;
    }
}

/// <summary>Where browser tests write screenshots for a person to look at: a temporary folder, never the repository.</summary>
internal static class Screenshots
{
    public static string Folder { get; } = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "icmal-screenshots")).FullName;

    public static string PathOf(string name) => Path.Combine(Folder, name);

    /// <summary>A file-name form of a page address.</summary>
    public static string Name(string path) => Regex.Replace(path, "[^A-Za-z0-9]+", "-");
}
