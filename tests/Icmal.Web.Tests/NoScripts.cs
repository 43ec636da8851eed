using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Icmal.Web.Tests;

/// <summary>
/// The portal's rule on scripts, for the tests that check a page: no script a browser would run. A
/// <c>&lt;script type="application/ld+json"&gt;</c> is a data block (schema.org metadata), which browsers never run,
/// and is the one script element allowed; any other type, or none, is executable (or may become so) and is not.
/// </summary>
public static class NoScripts
{
    public const string DataType = "application/ld+json";

    /// <summary>The script elements of a page a browser could run: every one but the JSON-LD data blocks.</summary>
    public static IReadOnlyList<IElement> Executable(IDocument doc)
    {
        ArgumentNullException.ThrowIfNull(doc);
        return doc.QuerySelectorAll("script").Where(s => !string.Equals(s.GetAttribute("type")?.Trim(), DataType, StringComparison.OrdinalIgnoreCase)).ToList();
    }
}

public sealed class NoScriptsTests
{
    [Fact]
    public void Only_a_json_ld_data_block_is_not_an_executable_script()
    {
        var doc = new HtmlParser().ParseDocument("""
            <html><head><script type="application/ld+json">{"@type":"NewsArticle"}</script>
            <script>alert(1)</script><script type="module">alert(2)</script><script type="text/javascript">alert(3)</script>
            <script type="application/json+ld">alert(4)</script><script type="">alert(5)</script></head><body></body></html>
            """);
        Assert.Equal(["alert(1)", "alert(2)", "alert(3)", "alert(4)", "alert(5)"], NoScripts.Executable(doc).Select(s => s.TextContent));
        Assert.Empty(NoScripts.Executable(new HtmlParser().ParseDocument("""<p>a</p><script type="Application/LD+JSON">{}</script>""")));
    }
}
