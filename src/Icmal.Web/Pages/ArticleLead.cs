using Icmal.Model;

namespace Icmal.Web.Pages;

/// <summary>An article's lead: its first paragraph that is not the headline, cut at a word near 240 characters.</summary>
public static class ArticleLead
{
    public static string Of(Article a)
    {
        ArgumentNullException.ThrowIfNull(a);
        string text = a.Blocks.FirstOrDefault(b => b.Kind == BlockKind.Paragraph && !string.Equals(b.Text, a.Title, StringComparison.Ordinal))?.Text ?? "";
        if (text.Length <= 240) return text;
        int cut = text.LastIndexOf(' ', 240);
        return string.Concat(text.AsSpan(0, cut > 120 ? cut : 240), "…");
    }
}
