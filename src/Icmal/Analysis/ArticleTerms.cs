using System.Runtime.InteropServices;
using Icmal.Model;
using Icmal.Text;
using Icmal.Text.Casing;
using Icmal.Text.Lexicon;
using Icmal.Text.Normalization;
using Icmal.Text.StopWords;
using Icmal.Text.Tokenization;
using Icmal.Text.Transliteration;

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

    /// <summary>The letters a name key keeps (see <see cref="Names"/>).</summary>
    public const int NameKeyLength = 6;

    /// <summary>
    /// The names in the title and the lead, in text order, as keys that meet across scripts and spellings: words
    /// written with a capital where a sentence does not start (and acronyms; in Azerbaijani only proper names, not
    /// the capitalised common words of institutions and titles), stemmed, Cyrillic written in Azerbaijani
    /// Latin, folded to ASCII, q as k, cut to <see cref="NameKeyLength"/> letters ("Tokayevin", "Токаева" and
    /// "Tokayev" are all "tokaye"). Who and where tell one event from another of the same kind far better than the
    /// common words of a topic. The title's capitals are skipped when it is set in title case (most words capitalised).
    /// </summary>
    public IReadOnlyList<string> Names { get; init; } = [];

    /// <summary>
    /// The figures of the title and the lead (amounts, percentages, counts of two digits or more), as written with
    /// their separators: an event's own numbers ("598,47", "12,5%") tell this month's report from last month's.
    /// </summary>
    public IReadOnlyList<string> Figures { get; init; } = [];

    /// <summary>
    /// True when the words were stemmed (Azerbaijani), false when cut to <see cref="TruncationLength"/> letters: the
    /// two make similarities of different scales (stems conflate exactly and keep a topic's words in common), so what
    /// compares them needs to know which it has.
    /// </summary>
    public bool Stemmed { get; init; } = true;
}

/// <summary>An article as analysis leaves it: the article to store, its terms for clustering, and its search document.</summary>
public sealed record AnalysedArticle(Article Article, ArticleTerms Terms)
{
    /// <summary>
    /// The article's text normalised and tokenised once by analysis, for the entity stage's facts to read rather than
    /// do again; null when analysis did not keep it.
    /// </summary>
    public TokenizedText? Text { get; init; }

    /// <summary>The article's search keys (<see cref="SearchDocument"/>), stored in the article's transaction.</summary>
    public SearchDocument Search { get => _search ??= SearchDocument.Of(Article); init => _search = value; }

    // Made when first asked for unless given: analysis gives it, made from the text it tokenised once for the terms too.
    private SearchDocument? _search;
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
        var (titleNormal, titleTokens) = Lead(title, int.MaxValue);
        var (bodyNormal, bodyTokens) = Lead(text, maxBodyWords);
        return Of(title, titleNormal, CollectionsMarshal.AsSpan(titleTokens), bodyNormal, CollectionsMarshal.AsSpan(bodyTokens), language, maxBodyWords);
    }

    /// <summary>
    /// The terms of a title and a text already normalised and tokenised (<see cref="TokenizedText"/>, shared with the
    /// article's search keys and entities): the same terms as <see cref="Of(string, string, string?, int)"/>.
    /// </summary>
    public static ArticleTerms Of(TokenizedText title, TokenizedText text, string? language, int maxBodyWords)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(text);
        return Of(title.Original, title.Text, title.Tokens, text.Text, text.Tokens, language, maxBodyWords);
    }

    private static ArticleTerms Of(string title, string titleNormal, ReadOnlySpan<Token> titleTokens, string bodyNormal, ReadOnlySpan<Token> bodyTokens,
        string? language, int maxBodyWords)
    {
        bool azerbaijani = language is null or "az";
        var titleStems = new List<string>();
        var names = new List<string>();
        var figures = new List<string>();
        Add(titleNormal, titleTokens, titleStems, azerbaijani, int.MaxValue, new LeadFeatures(IsTitleCase(title) ? null : names, figures));
        var body = new List<string>();
        int lead = Add(bodyNormal, bodyTokens, body, azerbaijani, maxBodyWords, new LeadFeatures(names, figures));
        return new ArticleTerms(titleStems, body, lead) { Names = names, Figures = figures, Stemmed = azerbaijani };
    }

    /// <summary>
    /// The normalised text and its tokens as far as <see cref="Add"/> reads them: through the word after the first
    /// <paramref name="maxWords"/> (where it stops), so that a lead of a long text is not tokenised to its end.
    /// </summary>
    private static (string Normal, List<Token> Tokens) Lead(string text, int maxWords)
    {
        // About a token every six characters, and about two tokens a word (punctuation between): sized once.
        var tokens = new List<Token>((int)Math.Min(text.Length / 6 + 4, 2L * maxWords + 16));
        if (text.Length == 0) return (text, tokens);
        string normal = AzNormalizer.NormalizeToString(text);
        int words = 0;
        foreach (var token in AzTokenizer.Tokenize(normal))
        {
            tokens.Add(token);
            if (token.Kind is not (TokenKind.Punctuation or TokenKind.Symbol or TokenKind.Ellipsis) && words++ >= maxWords) break;
        }
        return (normal, tokens);
    }

    /// <summary>Where the names and figures of the lead go (a null list: not collected).</summary>
    private readonly record struct LeadFeatures(List<string>? Names, List<string> Figures);

    /// <summary>
    /// True for a headline that capitalises most of its words ("Man Charged Over New Year's Eve Attack"), whose
    /// capitals say nothing about names.
    /// </summary>
    private static bool IsTitleCase(string title)
    {
        int words = 0, capitalised = 0;
        foreach (var token in AzTokenizer.Tokenize(title))
        {
            if (token.Kind != TokenKind.Word || token.Length < 4) continue;
            words++;
            if (AzCasing.IsUpper(title[token.Start])) capitalised++;
        }
        return words >= 3 && capitalised * 3 >= words * 2;
    }

    /// <summary>
    /// Adds the content stems of the first <paramref name="maxWords"/> words of the normalised text
    /// <paramref name="normal"/>, whose tokens are <paramref name="tokens"/> (a word here is any token but punctuation
    /// and symbols); returns how many of them lie in the first <see cref="ArticleTerms.LeadWords"/> words.
    /// </summary>
    private static int Add(string normal, ReadOnlySpan<Token> tokens, List<string> stems, bool azerbaijani, int maxWords, LeadFeatures features)
    {
        int start = stems.Count, lead = 0, words = 0, previousEnd = 0;
        if (normal.Length == 0) return 0;
        bool sentenceStart = true;
        foreach (var token in tokens)
        {
            if (normal.AsSpan(previousEnd, token.Start - previousEnd).Contains('\n')) sentenceStart = true;
            previousEnd = token.End;
            if (token.Kind is TokenKind.Punctuation or TokenKind.Symbol or TokenKind.Ellipsis)
            {
                if (EndsSentence(normal.AsSpan(token.Start, token.Length))) sentenceStart = true;
                continue;
            }
            bool initial = sentenceStart;
            sentenceStart = false;
            if (words++ >= maxWords) break;
            bool inLead = words <= ArticleTerms.LeadWords;
            if (inLead && IsFigure(token.Kind)) AddFigure(token.HeadOf(normal), features.Figures);
            if (token.Kind is not (TokenKind.Word or TokenKind.Abbreviation or TokenKind.Domain or TokenKind.Hashtag or TokenKind.Mention)) continue;
            var surface = token.SuffixStart >= 0 ? token.HeadOf(normal) : token.Of(normal);
            // One look-up for the stop word, the stem, its lower case and its lexicon flags: the search keys read the
            // same word's key from the same entry (AzWordForm).
            var form = AzWordForm.Of(surface);
            if (form.IsStopWord || IsForeignStopWord(surface, azerbaijani)) continue;
            // StemOf: a hyphenated inflection's head, or a word, is stemmed; an acronym, a domain... is kept as it is.
            bool stemmed = azerbaijani && (token.SuffixStart >= 0 || AzAnalyzer.IsStemmed(token, surface));
            string stem = stemmed ? form.Stem : surface.ToString();
            stems.Add(stemmed ? form.LowerStem : azerbaijani ? AzCasing.ToLower(stem) : Truncated(surface));
            if (inLead && features.Names is { } names && (!initial || token.Kind == TokenKind.Abbreviation) && IsNameLike(surface)
                && (!azerbaijani || token.Kind == TokenKind.Abbreviation || IsProperName(stemmed ? form.StemFlags : FlagsOf(stem))))
                names.Add(NameKey(stem));
            if (inLead) lead = stems.Count - start;
        }
        return lead;
    }

    /// <summary>Punctuation after which a capital starts a sentence rather than marks a name (a bullet too).</summary>
    private static bool EndsSentence(ReadOnlySpan<char> punctuation) => punctuation.ContainsAny(".!?:;\u2022");

    private static bool IsFigure(TokenKind kind) => kind is TokenKind.Number or TokenKind.Money or TokenKind.Percent or TokenKind.NumberRange;

    /// <summary>A figure worth comparing: two significant digits or more (a lone "5" or "2-ci" says nothing).</summary>
    private static void AddFigure(ReadOnlySpan<char> figure, List<string> figures)
    {
        int digits = 0;
        foreach (char c in figure) if (char.IsAsciiDigit(c)) digits++;
        if (digits < 2) return;
        figures.Add(figure.ToString());
    }

    /// <summary>A word written with a capital (or in capitals) of two letters or more: a name where a sentence does not start.</summary>
    private static bool IsNameLike(ReadOnlySpan<char> word) => word.Length >= 2 && AzCasing.IsUpper(word[0]) && char.IsLetter(word[0]);

    /// <summary>
    /// True when an Azerbaijani stem written with a capital is a proper name: the lexicon knows it as a place or a
    /// person's name, or does not know it as a common word at all ("Tokayev", "Astana"). A capital on a common word
    /// ("Dövlət Vergi Xidməti", "Təhsil Nazirliyi", "Prezidenti") marks an institution or a title, which every report
    /// of its beat shares, so it says no more about the event than the same word in lower case. Given the lexicon's
    /// flags of the lower-cased stem.
    /// </summary>
    private static bool IsProperName(LexiconFlags flags) =>
        (flags & LexiconFlags.Name) != 0 || (flags & (LexiconFlags.Headword | LexiconFlags.VerbRoot)) == 0;

    /// <summary>What the lexicon knows a stem as, lower-cased (<see cref="AzWordForm.StemFlags"/> of a stemmed word).</summary>
    private static LexiconFlags FlagsOf(string stem)
    {
        Span<char> lower = stem.Length <= 64 ? stackalloc char[stem.Length] : new char[stem.Length];
        AzCasing.ToLower(stem, lower);
        return AzLexicon.Default.FlagsOf(lower);
    }

    /// <summary>The key of a name (see <see cref="ArticleTerms.Names"/>).</summary>
    internal static string NameKey(string stem)
    {
        string latin = CyrillicTransliterator.ToAzerbaijaniLatin(stem);
        int length = Math.Min(latin.Length, ArticleTerms.NameKeyLength);
        return string.Create(length, latin, static (span, source) =>
        {
            for (int i = 0; i < span.Length; i++)
            {
                char c = AzCasing.FoldAscii(source[i]);
                span[i] = c == 'q' ? 'k' : c;
            }
        });
    }

    /// <summary>
    /// A word of a language without a stemmer: lower-cased by the invariant rules (English and Russian have no dotless
    /// ı: Azerbaijani rules would make "Iran" "ıran" and "Into" miss the function words), its first
    /// <see cref="ArticleTerms.TruncationLength"/> letters.
    /// </summary>
    private static string Truncated(ReadOnlySpan<char> word)
    {
        var head = word.Length > ArticleTerms.TruncationLength ? word[..ArticleTerms.TruncationLength] : word;
        Span<char> lower = stackalloc char[head.Length];
        head.ToLowerInvariant(lower);
        return lower.ToString();
    }

    /// <summary>True for an English or Russian function word, lower-cased by the rules of the text's language.</summary>
    private static bool IsForeignStopWord(ReadOnlySpan<char> word, bool azerbaijani)
    {
        if (word.Length > 8) return false;
        Span<char> lower = stackalloc char[word.Length];
        if (azerbaijani) AzCasing.ToLower(word, lower);
        else word.ToLowerInvariant(lower);
        return ForeignLookup.Contains(lower);
    }
}
