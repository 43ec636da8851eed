using System.Text.RegularExpressions;

namespace Icmal.Web.Tests;

/// <summary>
/// The portal is built from Razor components and a catalogue, and stays that way: no page is assembled from strings
/// in C#, no interface word is written in code, and no markup skips encoding except the library's sanitised blocks.
/// </summary>
public sealed partial class PortalStructureTests
{
    /// <summary>A string literal holding an HTML tag, e.g. "&lt;td&gt;" or "&lt;/p&gt;".</summary>
    [GeneratedRegex("\"[^\"\\n]*<\\s*/?[a-zA-Z!][a-zA-Z0-9]*[\\s>/][^\"\\n]*\"")]
    private static partial Regex MarkupLiteral();

    /// <summary>Letters of Azerbaijani that English has not: a word of the interface written in code.</summary>
    [GeneratedRegex("[əƏğĞıİöÖüÜçÇşŞ]")]
    private static partial Regex AzerbaijaniLetter();

    /// <summary>Razor comments (@* ... *@), which say why in English and are not interface text.</summary>
    [GeneratedRegex(@"@\*.*?\*@", RegexOptions.Singleline)]
    private static partial Regex RazorComment();

    /// <summary>The lines of a file that are code or markup: comments (//, ///, @* *@) left out.</summary>
    private static IEnumerable<string> CodeLines(string text) =>
        RazorComment().Replace(text, "").Split('\n').Where(l => !l.TrimStart().StartsWith("//", StringComparison.Ordinal));

    [Fact]
    public void No_csharp_file_of_the_portal_builds_html_from_strings()
    {
        var offences = SourceTree.Files(".cs")
            .SelectMany(f => CodeLines(f.Text).Where(l => MarkupLiteral().IsMatch(l) || l.Contains(".Raw(", StringComparison.Ordinal)
                || l.Contains("Results.Content(", StringComparison.Ordinal) || l.Contains("text/html", StringComparison.Ordinal)
                || l.Contains("StringBuilder", StringComparison.Ordinal)).Select(l => $"{f.Path}: {l.Trim()}"))
            .ToList();
        Assert.True(offences.Count == 0, "HTML built in C# instead of a component:\n" + string.Join("\n", offences));
        Assert.Contains(SourceTree.Files(".razor"), f => f.Path.EndsWith("HomePage.razor", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_portal_page_is_answered_by_a_razor_component()
    {
        // The page results are RazorComponentResults of page components, and each page component sits in the frame.
        string results = File.ReadAllText(Path.Combine(SourceTree.WebRoot, "Pages", "PageError.cs"));
        Assert.Contains("new RazorComponentResult<ErrorPage>", results, StringComparison.Ordinal);
        Assert.Contains("new RazorComponentResult<TComponent>", results, StringComparison.Ordinal);
        string[] pages = ["HomePage", "ArticlePage", "StoryPage", "ErrorPage", "SourcesPage", "SearchPage"];
        var components = SourceTree.Files(".razor").ToDictionary(f => Path.GetFileNameWithoutExtension(f.Path), f => f.Text, StringComparer.Ordinal);
        foreach (string page in pages)
            Assert.True(components.TryGetValue(page, out string? text) && text.Contains("<PageFrame ", StringComparison.Ordinal), $"{page} is not a component in the page frame");
        string routes = string.Concat(SourceTree.Files(".cs").Select(f => f.Text));
        foreach (string page in pages.Where(p => p != "ErrorPage"))
            Assert.Contains($"PageResults.Page<{(page == "ArticlePage" ? "Pages.ArticlePage" : page)}>", routes, StringComparison.Ordinal);
    }

    [Fact]
    public void No_interface_word_is_written_in_code_or_markup_outside_the_catalogue()
    {
        var offences = SourceTree.Files(".cs", ".razor")
            .SelectMany(f => CodeLines(f.Text).Where(l => AzerbaijaniLetter().IsMatch(l)).Select(l => $"{f.Path}: {l.Trim()}"))
            .ToList();
        Assert.True(offences.Count == 0, "interface text outside Catalogue/Strings.resx:\n" + string.Join("\n", offences));
    }

    [Fact]
    public void Only_the_librarys_sanitised_block_html_and_safe_json_ld_are_written_without_encoding()
    {
        // Two components write markup unencoded, each from one type that only a safe writer makes: the sanitised
        // blocks of an article's text, and the schema.org JSON-LD whose <, > and & are all \u escapes.
        var users = SourceTree.Files(".cs", ".razor").Where(f => f.Text.Contains("MarkupString", StringComparison.Ordinal)).OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
        Assert.Equal([Path.Combine("Pages", "ArticleBody.razor"), Path.Combine("Pages", "ArticleJsonLd.razor")], users.Select(f => f.Path));
        Assert.Contains("private static MarkupString Markup(SanitisedHtml html)", users[0].Text, StringComparison.Ordinal);
        Assert.Contains("private static MarkupString Markup(Icmal.Web.Views.SafeJson json)", users[1].Text, StringComparison.Ordinal);
        Assert.All(users, f => Assert.Equal(1, Regex.Count(f.Text, "MarkupString")));
        Assert.DoesNotContain("AddMarkupContent", string.Concat(SourceTree.Files(".cs").Select(f => f.Text)), StringComparison.Ordinal);
    }
}
