using Icmal.Model;

namespace Icmal.Analysis;

/// <summary>
/// Text analysis applied to every article before it is stored: language, and a headline for pages that have none.
/// </summary>
public static class ArticleAnalyzer
{
    private const int DerivedTitleMaxLength = 110;

    /// <summary>
    /// A headline made from the first sentence, for pages without one (opinion pieces copied without their header).
    /// Cut at a word boundary so it never ends mid-word.
    /// </summary>
    public static string DeriveTitle(IReadOnlyList<ArticleBlock> blocks)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        string first = blocks.FirstOrDefault(b => b.Kind == BlockKind.Paragraph)?.Text ?? blocks.FirstOrDefault()?.Text ?? "";
        int end = SentenceEnd(first);
        string sentence = end > 0 ? first[..end] : first;
        if (sentence.Length <= DerivedTitleMaxLength) return sentence.TrimEnd('.', ' ');
        int cut = sentence.LastIndexOf(' ', DerivedTitleMaxLength);
        if (cut < DerivedTitleMaxLength / 2) cut = DerivedTitleMaxLength;
        return string.Concat(sentence.AsSpan(0, cut).TrimEnd(",;:–- ".AsSpan()), "…");
    }

    /// <summary>Index just past the first sentence's full stop, or -1.</summary>
    private static int SentenceEnd(string text)
    {
        for (int i = 1; i < text.Length - 1; i++)
        {
            if (text[i] is '.' or '!' or '?' && text[i + 1] == ' ' && i + 2 < text.Length && char.IsUpper(text[i + 2]) && !char.IsDigit(text[i - 1]))
                return i + 1;
        }
        return -1;
    }

    /// <summary>
    /// A coarse language guess from letters alone; the n-gram identifier in Icmal.Text replaces it where available.
    /// </summary>
    public static string? GuessLanguage(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int schwa = 0, cyrillic = 0, latin = 0, turkishOnly = 0;
        foreach (char c in text.AsSpan(0, Math.Min(text.Length, 5000)))
        {
            if (c is 'ə' or 'Ə') schwa++;
            else if (c is >= '\u0400' and <= '\u04FF') cyrillic++;
            else if (char.IsAsciiLetter(c)) latin++;
            else if (c is 'ş' or 'ğ' or 'ı' or 'ç' or 'ö' or 'ü' or 'İ') turkishOnly++;
        }
        if (schwa > 0 && schwa * 100 > latin) return "az";
        if (cyrillic > latin) return "ru";
        if (turkishOnly * 50 > latin) return "tr";
        return latin > 0 ? "en" : null;
    }
}
