using System.Runtime.InteropServices;
using Icmal.Analysis;
using Icmal.Text;
using Icmal.Text.Casing;
using Icmal.Text.Lexicon;
using Icmal.Text.Normalization;
using Icmal.Text.StopWords;
using Icmal.Text.Tokenization;
using Icmal.Text.Transliteration;
using Icmal.Tests.Support;

namespace Icmal.Tests.Analysis;

/// <summary>
/// The terms read each word's stop-word mark, stem, lower-cased stem and lexicon flags from one remembered entry
/// (<c>AzWordForm</c>) instead of asking the stop words, the stemmer, the casing and the lexicon one after the other
/// (issue #17): they must be the terms made the old way, word by word (main's <c>TermAnalysis</c> at 97784d4, copied
/// below as <see cref="WordByWordTerms"/>), title, lead, names and figures alike, in every language.
/// </summary>
public sealed class WordFormTermsTests
{
    public static TheoryData<string, string, string?> Texts()
    {
        var data = new TheoryData<string, string, string?>
        {
            { "TDT-nin Sammiti: İSTANBULDA Ərdoğan", "BAKIDA keçirilən görüşdə Prezident İlham Əliyev və Kasım-Jomart Tokayev ABŞ, NATO və AB-nin nümayəndələri ilə görüşüb. Sherg.az-a görə, 2024-cü ildə 598,47 manat. #Bakı2025 @azertac the and və üçün. Oxu.az-ın, Report.az-a, Day.az-da, APA-nın, AZƏRTAC-ın, BMT-nin xəbərinə görə.", "az" },
            { "Man Charged Over New Year's Eve Attack", "Police in London said the man, 34, was charged on Friday. The Metropolitan Police said sanctions were not involved.", "en" },
            { "Токаев встретился с Алиевым", "Президент Казахстана Касым-Жомарт Токаев встретился в Астане с Ильхамом Алиевым. Стороны обсудили транзит.", "ru" },
        };
        foreach (string file in Directory.GetFiles(TestPaths.Samples, "*.txt").Order(StringComparer.Ordinal))
        {
            string[] lines = File.ReadAllLines(file);
            data.Add(lines.FirstOrDefault(l => l.Trim().Length > 0)?.Trim() ?? "", string.Join("\n", lines), "az");
        }
        return data;
    }

    [Theory, MemberData(nameof(Texts))]
    public void Terms_are_those_made_word_by_word(string title, string text, string? language)
    {
        foreach (int words in new[] { ArticleTerms.LeadWords, int.MaxValue })
        {
            var expected = WordByWordTerms.Of(title, text, language, words);
            var terms = words == int.MaxValue ? ArticleAnalyzer.Terms(title, text, language) : ArticleAnalyzer.LeadTerms(title, text, language);
            Assert.Equal(expected.Title, terms.Title);
            Assert.Equal(expected.Body, terms.Body);
            Assert.Equal(expected.LeadCount, terms.LeadCount);
            Assert.Equal(expected.Names, terms.Names);
            Assert.Equal(expected.Figures, terms.Figures);
            Assert.Equal(expected.Stemmed, terms.Stemmed);
        }
    }

    [Fact]
    public void Terms_of_banker_articles_are_those_made_word_by_word()
    {
        string file = Path.Combine(TestPaths.SharedData ?? throw new DirectoryNotFoundException("../shared/data"), "az", "banker-az-articles.json");
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(file));
        int names = 0;
        foreach (var article in json.RootElement.EnumerateArray().Take(300))
        {
            string title = article.GetProperty("title").GetString() ?? "", text = article.GetProperty("text").GetString() ?? "";
            var expected = WordByWordTerms.Of(title, text, "az", int.MaxValue);
            var terms = ArticleAnalyzer.Terms(title, text, "az");
            Assert.Equal(expected.Title, terms.Title);
            Assert.Equal(expected.Body, terms.Body);
            Assert.Equal(expected.Names, terms.Names);
            Assert.Equal(expected.Figures, terms.Figures);
            names += terms.Names.Count;
        }
        Assert.True(names > 300, $"{names} names");
    }
}

/// <summary>Main's term analysis (97784d4) as it was before the word forms: each function asked for each word.</summary>
internal static class WordByWordTerms
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
            if (AzStopWords.IsStopWord(surface) || IsForeignStopWord(surface, azerbaijani)) continue;
            string stem = azerbaijani ? AzAnalyzer.StemOf(normal, token) : surface.ToString();
            stems.Add(azerbaijani ? AzCasing.ToLower(stem) : Truncated(surface));
            if (inLead && features.Names is { } names && (!initial || token.Kind == TokenKind.Abbreviation) && IsNameLike(surface)
                && (!azerbaijani || token.Kind == TokenKind.Abbreviation || IsProperName(stem)))
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
    /// of its beat shares, so it says no more about the event than the same word in lower case.
    /// </summary>
    private static bool IsProperName(string stem)
    {
        Span<char> lower = stem.Length <= 64 ? stackalloc char[stem.Length] : new char[stem.Length];
        AzCasing.ToLower(stem, lower);
        var flags = AzLexicon.Default.FlagsOf(lower);
        return (flags & LexiconFlags.Name) != 0 || (flags & (LexiconFlags.Headword | LexiconFlags.VerbRoot)) == 0;
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
