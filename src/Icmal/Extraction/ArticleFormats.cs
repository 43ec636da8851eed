using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Icmal.Model;

namespace Icmal.Extraction;

/// <summary>
/// An extracted article written out as plain text, Markdown, sanitised HTML or JSON. The HTML is built from the
/// article's blocks, never copied from the page, so it cannot carry scripts, handlers, forms or frames.
/// </summary>
public static class ArticleFormats
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string PlainText(Article a)
    {
        ArgumentNullException.ThrowIfNull(a);
        var sb = new StringBuilder();
        sb.Append(a.Title).Append("\n\n");
        string meta = MetaLine(a);
        if (meta.Length > 0) sb.Append(meta).Append("\n\n");
        sb.Append(a.Text).Append('\n');
        return sb.ToString();
    }

    public static string Markdown(Article a)
    {
        ArgumentNullException.ThrowIfNull(a);
        var sb = new StringBuilder();
        sb.Append("# ").Append(EscapeMarkdown(a.Title)).Append("\n\n");
        string meta = MetaLine(a);
        if (meta.Length > 0) sb.Append('*').Append(EscapeMarkdown(meta)).Append("*\n\n");
        foreach (var b in a.Blocks)
        {
            string text = EscapeMarkdown(b.Text);
            sb.Append(b.Kind switch
            {
                BlockKind.Heading => "## " + text,
                BlockKind.ListItem => "- " + text,
                BlockKind.Quote => "> " + text,
                BlockKind.Preformatted => "```\n" + b.Text + "\n```",
                _ => text,
            }).Append(b.Kind == BlockKind.ListItem ? "\n" : "\n\n");
        }
        return sb.ToString().TrimEnd() + "\n";
    }

    public static string Html(Article a)
    {
        ArgumentNullException.ThrowIfNull(a);
        var e = BlockHtml.Encoder;
        var sb = new StringBuilder();
        sb.Append("<article>\n<h1>").Append(e.Encode(a.Title)).Append("</h1>\n");
        string meta = MetaLine(a);
        if (meta.Length > 0) sb.Append("<p class=\"meta\">").Append(e.Encode(meta)).Append("</p>\n");
        sb.Append(BlockHtml.Render(a.Blocks).Value);
        sb.Append("</article>\n");
        return sb.ToString();
    }

    /// <summary>The JSON object of `icmal extract --format json/jsonl`.</summary>
    public static Dictionary<string, object?> JsonObject(Article a, string? file, double? milliseconds)
    {
        ArgumentNullException.ThrowIfNull(a);
        var o = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (file is not null) o["file"] = file;
        o["title"] = a.Title;
        o["titleDerived"] = a.TitleDerived;
        if (a.Section is not null) o["section"] = a.Section;
        o["author"] = a.Authors.Count > 0 ? string.Join(", ", a.Authors) : null;
        o["authors"] = a.Authors;
        o["published"] = a.Published?.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        if (a.PublishedFrom is not null) o["publishedFrom"] = a.PublishedFrom.Code;
        o["modified"] = a.Modified?.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        o["site"] = a.Site;
        o["url"] = a.Url;
        o["language"] = a.Language;
        o["image"] = a.ImageUrl;
        o["tags"] = a.Tags;
        o["original"] = a.Original is null ? null : new Dictionary<string, string?> { ["name"] = a.Original.Name, ["url"] = a.Original.Url };
        o["text"] = a.Text;
        if (milliseconds is { } ms) o["ms"] = Math.Round(ms, 3);
        return o;
    }

    private static string MetaLine(Article a)
    {
        var parts = new List<string>();
        if (a.Site is not null) parts.Add(a.Site);
        if (a.Authors.Count > 0) parts.Add(string.Join(", ", a.Authors));
        if (a.Published is { } p) parts.Add(p.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture));
        if (a.Original is { } o) parts.Add("Mənbə: " + (o.Name ?? o.Url));
        return string.Join(" · ", parts);
    }

    private static string EscapeMarkdown(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
        foreach (char c in text)
        {
            if (c is '\\' or '*' or '_' or '`' or '[' or ']' or '<' or '>' or '#') sb.Append('\\');
            sb.Append(c);
        }
        return sb.ToString();
    }
}
