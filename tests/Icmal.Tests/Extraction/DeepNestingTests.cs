using System.Diagnostics;
using System.Text;
using Icmal.Extraction;
using Icmal.Extraction.Html;
using Icmal.Html;

namespace Icmal.Tests.Extraction;

/// <summary>
/// Pages nested 100,000 deep, in each shape a hostile site could pick: the text inside is extracted, the process
/// survives (no recursion deep enough to overflow the stack), and the nesting the tree builder sees is capped.
/// Speed is measured by <c>DeepNestingBenchmarks</c>; the time bound here is only a generous guard (before the
/// cap, 100,000 nested divs took 261 s).
/// </summary>
public sealed class DeepNestingTests
{
    private const int Depth = 100_000;
    private const string Para = "Bakıda keçirilən beynəlxalq konfransda enerji təhlükəsizliyi və regional əməkdaşlıq məsələləri müzakirə olunub, tərəflər yeni sazişlər imzalayıb.";

    private static readonly string[] TextShapes = ["div", "span", "b", "table", "ul", "mixed", "div-unclosed", "b-unclosed", "font-attrs"];

    public static TheoryData<string> Shapes() => [.. TextShapes];

    /// <summary>
    /// With SVG, whose text the extractor skips by design, and nested forms, whose outer forms (more than 128
    /// levels above the text, where block counts stop) read as empty forms: only the depth cap is checked.
    /// </summary>
    public static TheoryData<string> AllShapes() => [.. TextShapes, "svg", "form"];

    /// <summary>A page whose article paragraph sits <see cref="Depth"/> elements deep in the given shape.</summary>
    internal static string Page(string shape, int depth)
    {
        var sb = new StringBuilder("<!doctype html><html><head><title>Dərin</title></head><body>");
        string[] mixed = ["<div>", "<span>", "<b>", "<section>", "<i>", "<em>", "<blockquote>", "<table><tr><td>", "<ul><li>"];
        for (int i = 0; i < depth; i++)
        {
            sb.Append(shape switch
            {
                "div" or "div-unclosed" => "<div>",
                "span" => "<span>",
                "b" or "b-unclosed" => "<b>",
                "table" => "<table><tr><td>",
                "ul" => "<ul><li>",
                "mixed" => mixed[i % mixed.Length],
                "svg" => "<svg><foreignObject><div/>",
                "form" => "<form><div>",
                "font-attrs" => "<div><font size=" + (i % 97) + ">",
                _ => throw new ArgumentOutOfRangeException(nameof(shape)),
            });
        }
        sb.Append("<p>").Append(Para).Append("</p><p>").Append(Para.Replace("Bakıda", "Gəncədə", StringComparison.Ordinal)).Append("</p>");
        string close = shape switch
        {
            "div" => "</div>",
            "span" => "</span>",
            "b" => "</b>",
            "table" => "</td></tr></table>",
            "ul" => "</li></ul>",
            "form" => "</div></form>",
            _ => "",
        };
        for (int i = 0; i < depth && close.Length > 0; i++) sb.Append(close);
        return sb.Append("</body></html>").ToString();
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void A_page_nested_100000_deep_gives_its_text(string shape)
    {
        string html = Page(shape, Depth);
        var clock = Stopwatch.StartNew();
        var article = HtmlArticleExtractor.Extract(html);
        clock.Stop();
        Assert.Contains("enerji təhlükəsizliyi", article.Text, StringComparison.Ordinal);
        Assert.Contains("Gəncədə", article.Text, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"{shape}: {clock.Elapsed.TotalSeconds:F1} s");
    }

    [Theory]
    [MemberData(nameof(AllShapes))]
    public void The_tree_builder_never_sees_more_than_the_depth_cap(string shape)
    {
        string bounded = NestingLimit.Apply(Page(shape, 20_000), out int dropped);
        Assert.True(dropped > 0, shape);
        using var document = new AngleSharp.Html.Parser.HtmlParser(new AngleSharp.Html.Parser.HtmlParserOptions { MaximumDepth = int.MaxValue }).ParseDocument(bounded);
        int deepest = 0;
        var stack = new Stack<(AngleSharp.Dom.IElement El, int Depth)>();
        stack.Push((document.DocumentElement, 1));
        while (stack.Count > 0)
        {
            var (el, d) = stack.Pop();
            deepest = Math.Max(deepest, d);
            foreach (var child in el.Children) stack.Push((child, d + 1));
        }
        Assert.InRange(deepest, 20, NestingLimit.MaxDepth + NestingLimit.MaxFormatting + 8);
    }

    [Fact]
    public void A_page_within_the_cap_is_parsed_unchanged()
    {
        string html = Page("mixed", 150) + "<p>a <b>b<p>c</b> <table><td>x<td>y</table><ul><li>1<li>2</ul><svg><path/><circle/></svg><script>if (a<b) x='<div>'</script>";
        string bounded = NestingLimit.Apply(html, out int dropped);
        Assert.Equal(0, dropped);
        Assert.Same(html, bounded);
    }
}
