using Icmal.Model;
using Icmal.Text.LanguageId;

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

    private static readonly HashSet<string> KnownLanguages =
        new(LanguageIdentifier.Default.Labels.Select(l => l.Split('-')[0]), StringComparer.Ordinal);

    /// <summary>
    /// The article's language: identified from its text, which outweighs the page's declared language once the model
    /// is sure (portal templates often say "en" or "ru" over Azerbaijani text); a declared language the model does not
    /// know (German, French…) is kept, since the model would only name the nearest language it knows.
    /// </summary>
    public static string? IdentifyLanguage(string title, string text, string? declared)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(text);
        if (declared is not null && !KnownLanguages.Contains(declared)) return declared;
        string sample = text.Length > 2000 ? text[..2000] : text;
        var guess = LanguageIdentifier.Default.Identify(title.Length == 0 ? sample : title + "\n" + sample);
        if (guess.Language == "und") return declared;
        return declared is null || guess.Confidence >= 0.9 ? guess.Language : declared;
    }
}
