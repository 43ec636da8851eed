using System.Buffers;
using Icmal.Model;
using Icmal.Text.LanguageId;
using Icmal.Text.Tokenization;

namespace Icmal.Analysis;

/// <summary>
/// Text analysis applied to every article before it is stored: language, a headline for pages that have none, and
/// the terms (stems) later stages compare and index.
/// </summary>
public static class ArticleAnalyzer
{
    /// <summary>The shortest main text accepted as an article; shorter results are almost always chrome.</summary>
    public const int MinimumTextLength = 80;

    /// <summary>The analysed article as it will be stored: the article (<see cref="ArticleOf"/>) and its terms.</summary>
    public static AnalysedArticle Analyse(IncomingDocument document, ExtractedArticle extracted) => Analyse(ArticleOf(document, extracted));

    /// <summary>Fills what the page did not say and what analysis adds (language, a headline), giving the article as it will be stored.</summary>
    public static Article ArticleOf(IncomingDocument document, ExtractedArticle extracted)
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
            // The page's own section first; else the one its feed item gave (a feed's <category>).
            Section = extracted.Section ?? (string.IsNullOrWhiteSpace(document.FeedSection) ? null : document.FeedSection.Trim()),
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

    /// <summary>
    /// The article's terms (see <see cref="ArticleTerms"/>): computed once, when the article is analysed, for every
    /// later stage.
    /// </summary>
    public static ArticleTerms Terms(string title, string text, string? language) => TermAnalysis.Of(title, text, language, int.MaxValue);

    /// <summary>
    /// The terms of the title and the lead only: what clustering uses, and all that a warm start of the story stage
    /// needs to recompute for an article stored earlier. Equal to <see cref="Terms"/>' title and lead.
    /// </summary>
    public static ArticleTerms LeadTerms(string title, string text, string? language) => TermAnalysis.Of(title, text, language, ArticleTerms.LeadWords);

    /// <summary>
    /// The analysed article: the article, its terms (title and lead: all clustering reads, and what a warm start
    /// recomputes, so the live path and a restart see the same terms) and its search document (the whole text keyed).
    /// Stemming the whole text here as well would do the search keys' work twice on every article.
    /// </summary>
    public static AnalysedArticle Analyse(Article article)
    {
        ArgumentNullException.ThrowIfNull(article);
        // The title and the text are normalised and tokenised once, for the terms, the search keys and (later) the facts.
        var title = TokenizedText.Of(article.Title);
        var text = TokenizedText.Of(article.Text);
        return new AnalysedArticle(article, TermAnalysis.Of(title, text, article.Language, ArticleTerms.LeadWords))
        {
            Search = SearchDocument.Of(title, text, article.Authors),
            Text = text,
        };
    }

    /// <summary>
    /// The model's guess from the title and the first 2,000 characters of the text, one line apart: put together in a
    /// pooled buffer rather than two new strings an article.
    /// </summary>
    private static LanguageGuess Guess(string title, string text)
    {
        var sample = text.AsSpan(0, Math.Min(text.Length, 2000));
        if (title.Length == 0) return LanguageIdentifier.Default.Identify(sample);
        int length = title.Length + 1 + sample.Length;
        char[] rented = ArrayPool<char>.Shared.Rent(length);
        try
        {
            title.AsSpan().CopyTo(rented);
            rented[title.Length] = '\n';
            sample.CopyTo(rented.AsSpan(title.Length + 1));
            return LanguageIdentifier.Default.Identify(rented.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }

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
        var guess = Guess(title, text);
        if (guess.Language == "und") return declared;
        return declared is null || guess.Confidence >= 0.9 ? guess.Language : declared;
    }
}
