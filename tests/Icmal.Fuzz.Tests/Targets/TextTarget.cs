using CsCheck;
using Icmal.Fuzz.Tests.Fuzzing;
using Icmal.Fuzz.Tests.Generators;
using Icmal.Text;
using Icmal.Text.Casing;
using Icmal.Text.LanguageId;
using Icmal.Text.Normalization;
using Icmal.Text.Stemming;
using Icmal.Text.Tokenization;
using Icmal.Text.Transliteration;

namespace Icmal.Fuzz.Tests.Targets;

/// <summary>
/// Azerbaijani text analysis on arbitrary Unicode (surrogates, combining marks, other scripts' digits, bidi controls):
/// offsets map back inside the original, tokens lie inside the text in order, and nothing throws.
/// </summary>
public static class TextTarget
{
    private static readonly Gen<string> Input = Gen.Frequency(
        (4, Hostile.Text(400)),
        (4, Gen.Frequency((3, Hostile.Words), (1, Hostile.Text(10)), (1, Hostile.Date), (1, Hostile.Entity)).Array[0, 60].Select(w => string.Join(' ', w))),
        (1, Hostile.Huge(Gen.OneOf(Gen.Const("ə"), Gen.Const("lar"), Gen.Const("\u0307"), Gen.Const("-"), Gen.Const("٣"), Gen.Const("İ"), Gen.Const("\uD800"), Gen.Const("a.")))));

    public static readonly FuzzTarget<string> Target = new("text", Input, Check, CorpusCodec.FromString, CorpusCodec.ToString, DefaultIterations: 600);

    private static void Check(string text)
    {
        var normal = AzNormalizer.Normalize(text);
        for (int i = 0; i <= normal.Text.Length; i += Math.Max(1, normal.Text.Length / 16))
        {
            int o = normal.ToOriginal(i);
            if (o < 0 || o > text.Length) throw new InvalidOperationException($"normalised offset {i} maps outside the original ({o} of {text.Length})");
        }
        int previousEnd = 0;
        foreach (var token in AzTokenizer.TokenizeToList(normal.Text))
        {
            if (token.Start < previousEnd || token.Length <= 0 || token.End > normal.Text.Length)
                throw new InvalidOperationException($"token {token} out of order or outside the text ({normal.Text.Length} chars)");
            previousEnd = token.End;
            string stem = AzAnalyzer.StemOf(normal.Text, token);
            if (stem.Length > token.Length + 8) throw new InvalidOperationException($"stem '{stem}' much longer than its token");
            _ = AzStemmer.Default.IsKnownWord(token.Of(normal.Text));
        }
        _ = AzStemmer.Default.Stem(text);
        _ = AzAnalyzer.Stems(text, lowerCase: true);
        var guess = LanguageIdentifier.Default.Identify(text);
        if (double.IsNaN(guess.Confidence) || guess.Confidence < 0 || guess.Confidence > 1) throw new InvalidOperationException($"confidence {guess.Confidence}");
        _ = LanguageIdentifier.ScriptOf(text);
        _ = CyrillicTransliterator.ToAzerbaijaniLatin(text);
        string lower = AzCasing.ToLower(text), upper = AzCasing.ToUpper(text);
        if (lower.Length != text.Length || upper.Length != text.Length) throw new InvalidOperationException("casing changed the length");
        _ = AzCasing.FoldAscii(text);
        _ = AzCasing.EqualsIgnoreCase(lower, upper);
        _ = Whitespace.Fold(text);
    }
}
