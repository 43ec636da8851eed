using Icmal.Model;
using Icmal.Text.LanguageId;

namespace Icmal.Analysis;

/// <summary>
/// Text analysis applied to every article before it is stored: language, and a headline for pages that have none.
/// </summary>
public static class ArticleAnalyzer
{
    /// <summary>A headline for a page without one: see <see cref="DerivedHeadline"/>.</summary>
    public static string DeriveTitle(IReadOnlyList<ArticleBlock> blocks) => DerivedHeadline.From(blocks);

    private static readonly HashSet<string> KnownLanguages =
        new(LanguageIdentifier.DefaultLabels.Select(l => l.Split('-')[0]), StringComparer.Ordinal);

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
