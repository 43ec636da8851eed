using Icmal.Text.Casing;
using Icmal.Text.Normalization;
using Icmal.Text.Stemming;
using Icmal.Text.Tokenization;

namespace Icmal.Text;

/// <summary>
/// The text pipeline in one place: normalise → tokenise → stem. Thread-safe; uses <see cref="AzStemmer.Default"/>
/// unless given a stemmer.
/// </summary>
public static class AzAnalyzer
{
    /// <summary>
    /// The stem of a word-like token of <paramref name="text"/>: the head of a hyphenated inflection ("TDT-nin" → "TDT",
    /// "Sherg.az-a" → "Sherg.az", "2024-cü" → "2024"), the stem of a word, else the token as it is. Case is kept.
    /// </summary>
    public static string StemOf(ReadOnlySpan<char> text, Token token, AzStemmer? stemmer = null)
    {
        stemmer ??= AzStemmer.Default;
        if (token.SuffixStart >= 0) return stemmer.Stem(token.HeadOf(text));
        var span = token.Of(text);
        if (IsStemmed(token, span)) return stemmer.Stem(span);
        return span.ToString();
    }

    /// <summary>
    /// <see cref="StemOf"/> with <see cref="AzStemmer.Default"/>, lower-cased with Azerbaijani rules: a stemmed word's
    /// is remembered with the word (<see cref="AzWordForm"/>), not made again each time.
    /// </summary>
    public static string LowerStemOf(ReadOnlySpan<char> text, Token token)
    {
        if (token.SuffixStart >= 0) return AzWordForm.Of(token.HeadOf(text)).LowerStem;
        var span = token.Of(text);
        if (IsStemmed(token, span)) return AzWordForm.Of(span).LowerStem;
        return AzCasing.ToLower(span.ToString());
    }

    /// <summary>
    /// True when <see cref="StemOf"/> stems a token without a hyphenated inflection (<paramref name="span"/> is the
    /// token): words, and capitals of four letters or more that are words set in capitals ("BAKIDA" → "BAKI"); short
    /// acronyms ("TDT", "ABŞ") and dotted abbreviations stay as they are.
    /// </summary>
    public static bool IsStemmed(Token token, ReadOnlySpan<char> span) =>
        token.Kind == TokenKind.Word || token.Kind == TokenKind.Abbreviation && span.Length >= 4 && !span.Contains('.');

    /// <summary>
    /// The stems of the words of <paramref name="text"/> (words, acronyms, domains; not figures or punctuation),
    /// normalised first. With <paramref name="lowerCase"/> they are lower-cased with Azerbaijani rules, as search keys.
    /// </summary>
    public static List<string> Stems(string text, bool lowerCase = false, AzStemmer? stemmer = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        string normal = AzNormalizer.NormalizeToString(text);
        var result = new List<string>();
        foreach (var token in AzTokenizer.Tokenize(normal))
        {
            if (token.Kind is not (TokenKind.Word or TokenKind.Abbreviation or TokenKind.Domain or TokenKind.Hashtag or TokenKind.Mention)) continue;
            string stem = StemOf(normal, token, stemmer);
            result.Add(lowerCase ? AzCasing.ToLower(stem) : stem);
        }
        return result;
    }
}
