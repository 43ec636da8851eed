using Icmal.Model;
using Icmal.Text;
using Icmal.Text.Casing;
using Icmal.Text.Normalization;
using Icmal.Text.StopWords;
using Icmal.Text.Tokenization;

namespace Icmal.Analysis;

/// <summary>
/// An article's words as the stages after analysis compare and index them: the stems of its title and of its text
/// (<see cref="AzAnalyzer"/>: normalised, tokenised, stemmed), lower-cased with Azerbaijani rules, stop words and
/// figures dropped, in text order. Computed once per article by <see cref="ArticleAnalyzer.Terms"/>.
/// </summary>
/// <remarks>
/// Icmal.Text stems Azerbaijani. A text in a language it has no stemmer for (English, Russian) is stemmed by
/// truncation, each word cut to its first <see cref="TruncationLength"/> letters: for inflecting languages that
/// conflates most forms of a word ("sanctions", "sanctioned") at no cost, where whole words would keep them apart.
/// Azerbaijani words are never cut: "metropoliteninin" is "metropoliten", not "metrop".
/// </remarks>
/// <param name="Title">The title's stems.</param>
/// <param name="Body">The text's stems, all of them unless the analysis was asked for the lead only.</param>
/// <param name="LeadCount">How many of <see cref="Body"/>'s stems lie in the lead, the first <see cref="LeadWords"/>
/// words of the text.</param>
public sealed record ArticleTerms(IReadOnlyList<string> Title, IReadOnlyList<string> Body, int LeadCount)
{
    /// <summary>
    /// The lead's length in words (stop words and figures counted): a news text states its event up front, and a long
    /// body drifts into background that would blur what it is about.
    /// </summary>
    public const int LeadWords = 400;

    /// <summary>The letters kept of a word in a language without a stemmer (see the remarks).</summary>
    public const int TruncationLength = 6;

    /// <summary>The lead's stems: the first <see cref="LeadCount"/> of <see cref="Body"/>.</summary>
    public IEnumerable<string> Lead => Body.Take(LeadCount);
}

/// <summary>An article as analysis leaves it: the article to store, its terms for clustering, and its search document.</summary>
public sealed record AnalysedArticle(Article Article, ArticleTerms Terms)
{
    /// <summary>The article's search keys (<see cref="SearchDocument"/>), stored in the article's transaction.</summary>
    public SearchDocument Search { get; init; } = SearchDocument.Of(Article);
}

/// <summary>The function that makes <see cref="ArticleTerms"/>: one for the live path and for a warm start alike.</summary>
internal static class TermAnalysis
{
    /// <summary>
    /// Function words of the other languages the portals publish in (English, Russian). <see cref="AzStopWords"/>
    /// covers Azerbaijani; these keep "the" and "что" from making two unrelated texts look alike.
    /// </summary>
    private static readonly HashSet<string> ForeignStopWords = new(StringComparer.Ordinal)
    {
        "the", "and", "for", "that", "with", "was", "were", "are", "has", "have", "had", "this", "from", "but", "not",
        "his", "her", "its", "they", "their", "said", "says", "will", "would", "been", "which", "who", "about", "after",
        "also", "more", "than", "into", "over", "when", "what", "there", "one", "two", "new", "can", "could", "our",
        "и", "в", "на", "что", "не", "по", "с", "как", "это", "для", "из", "он", "она", "они", "его", "так", "также",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> ForeignLookup = ForeignStopWords.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// The terms of a title and a text in <paramref name="language"/> (null: not known, taken as Azerbaijani, the
    /// language İcmal reads), reading at most <paramref name="maxBodyWords"/> words of the text.
    /// </summary>
    public static ArticleTerms Of(string title, string text, string? language, int maxBodyWords)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(text);
        bool azerbaijani = language is null or "az";
        var titleStems = new List<string>();
        Add(title, titleStems, azerbaijani, int.MaxValue);
        var body = new List<string>();
        int lead = Add(text, body, azerbaijani, maxBodyWords);
        return new ArticleTerms(titleStems, body, lead);
    }

    /// <summary>
    /// Adds the content stems of the first <paramref name="maxWords"/> words of <paramref name="text"/> (a word here is
    /// any token but punctuation and symbols); returns how many of them lie in the first <see cref="ArticleTerms.LeadWords"/> words.
    /// </summary>
    private static int Add(string text, List<string> stems, bool azerbaijani, int maxWords)
    {
        int start = stems.Count, lead = 0, words = 0;
        if (text.Length == 0) return 0;
        string normal = AzNormalizer.NormalizeToString(text);
        foreach (var token in AzTokenizer.Tokenize(normal))
        {
            if (token.Kind is TokenKind.Punctuation or TokenKind.Symbol or TokenKind.Ellipsis) continue;
            if (words++ >= maxWords) break;
            if (token.Kind is not (TokenKind.Word or TokenKind.Abbreviation or TokenKind.Domain or TokenKind.Hashtag or TokenKind.Mention)) continue;
            var surface = token.SuffixStart >= 0 ? token.HeadOf(normal) : token.Of(normal);
            if (AzStopWords.IsStopWord(surface) || IsForeignStopWord(surface)) continue;
            stems.Add(azerbaijani ? AzCasing.ToLower(AzAnalyzer.StemOf(normal, token)) : Truncated(surface));
            if (words <= ArticleTerms.LeadWords) lead = stems.Count - start;
        }
        return lead;
    }

    /// <summary>A word of a language without a stemmer: lower-cased, its first <see cref="ArticleTerms.TruncationLength"/> letters.</summary>
    private static string Truncated(ReadOnlySpan<char> word)
    {
        var head = word.Length > ArticleTerms.TruncationLength ? word[..ArticleTerms.TruncationLength] : word;
        Span<char> lower = stackalloc char[head.Length];
        AzCasing.ToLower(head, lower);
        return lower.ToString();
    }

    private static bool IsForeignStopWord(ReadOnlySpan<char> word)
    {
        if (word.Length > 8) return false;
        Span<char> lower = stackalloc char[word.Length];
        AzCasing.ToLower(word, lower);
        return ForeignLookup.Contains(lower);
    }
}
