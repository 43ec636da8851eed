using Icmal.Model;
using Icmal.Text.LanguageId;

namespace Icmal.Analysis;

/// <summary>
/// Text analysis applied to every article before it is stored: language, and a headline for pages that have none.
/// </summary>
public static class ArticleAnalyzer
{
    /// <summary>The shortest main text accepted as an article; shorter results are almost always chrome.</summary>
    public const int MinimumTextLength = 80;

    /// <summary>Fills what the page did not say and what analysis adds, giving the article as it will be stored.</summary>
    public static Article Analyse(IncomingDocument document, ExtractedArticle extracted)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(extracted);
        bool derived = string.IsNullOrWhiteSpace(extracted.Title);
        string text = extracted.Text;
        return new Article
        {
            Id = 0,
            DocumentId = 0,
            Origin = document.Origin,
            Url = extracted.CanonicalUrl ?? WebUrl.TryHttp(document.Url?.AbsoluteUri),
            Title = derived ? DeriveTitle(extracted.Blocks) : extracted.Title!,
            TitleDerived = derived,
            Section = extracted.Section,
            Authors = extracted.Authors,
            Published = extracted.Published,
            PublishedFrom = extracted.Published is null ? null : extracted.PublishedFrom,
            Modified = extracted.Modified,
            Archived = document.Archived,
            Site = extracted.Site ?? document.Url?.Host,
            Language = IdentifyLanguage(extracted.Title ?? "", text, NormaliseLanguage(extracted.Language)),
            ImageUrl = extracted.ImageUrl,
            Tags = extracted.Tags,
            Original = extracted.Original,
            Blocks = extracted.Blocks,
        };
    }

    private static string? NormaliseLanguage(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag)) return null;
        string primary = tag.Trim().Split('-', '_')[0];
        return primary.Length is 2 or 3 ? primary.ToLowerInvariant() : null;
    }

    /// <summary>A headline for a page without one: see <see cref="DerivedHeadline"/>.</summary>
    public static string DeriveTitle(IReadOnlyList<ArticleBlock> blocks) => DerivedHeadline.From(blocks);

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
