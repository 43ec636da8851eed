using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Icmal.Model;

/// <summary>
/// HTML that is safe to put into a page as it is: made only by <see cref="BlockHtml"/> from an article's plain-text
/// blocks, never copied from a fetched page. Its constructor is internal, so outside the library the only way to get
/// markup that skips encoding is through this renderer (the portal turns nothing else into raw markup).
/// </summary>
public readonly record struct SanitisedHtml
{
    private readonly string? _value;

    internal SanitisedHtml(string value) => _value = value;

    /// <summary>The markup; empty for a default value.</summary>
    public string Value => _value ?? "";

    public override string ToString() => Value;
}

/// <summary>
/// The one rendering of an article's blocks as HTML, shared by <c>icmal extract --format html</c> and the portal's
/// article page. Each block's text is encoded, and the only elements written are p, h2, ul/li, blockquote and pre,
/// so no script, handler, form or frame of the source page can come through.
/// </summary>
public static class BlockHtml
{
    /// <summary>Escapes markup characters (&lt; &gt; &amp; quotes) but leaves letters such as ə and İ as they are.</summary>
    public static HtmlEncoder Encoder { get; } = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>The blocks in reading order, one element a line; consecutive list items share one ul.</summary>
    public static SanitisedHtml Render(IReadOnlyList<ArticleBlock> blocks)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        var sb = new StringBuilder(blocks.Sum(b => b.Text.Length + 12) + 16);
        bool inList = false;
        foreach (var b in blocks)
        {
            if (b.Kind == BlockKind.ListItem && !inList) { sb.Append("<ul>\n"); inList = true; }
            if (b.Kind != BlockKind.ListItem && inList) { sb.Append("</ul>\n"); inList = false; }
            string tag = Tag(b.Kind);
            sb.Append('<').Append(tag).Append('>').Append(Encoder.Encode(b.Text)).Append("</").Append(tag).Append(">\n");
        }
        if (inList) sb.Append("</ul>\n");
        return new SanitisedHtml(sb.ToString());
    }

    /// <summary>Table rows have no table to sit in once folded to text, so they are paragraphs like plain blocks.</summary>
    private static string Tag(BlockKind kind) => kind switch
    {
        BlockKind.Heading => "h2",
        BlockKind.ListItem => "li",
        BlockKind.Quote => "blockquote",
        BlockKind.Preformatted => "pre",
        _ => "p",
    };
}
