using Icmal.Text.LanguageId;
using Icmal.Text.Normalization;
using Icmal.Text.Tokenization;

namespace Icmal.Text.Entities;

/// <summary>
/// Finds the people, organisations and places named in a text. Azerbaijani (Latin script) goes through the trained
/// <see cref="NerModel"/>; Russian, English and other text through <see cref="CapitalisedNameRules"/> (capitalised
/// runs kept when the gazetteers, the known entities or the shape of the words say what they are).
/// </summary>
/// <remarks>
/// The text is normalised (<see cref="AzNormalizer"/>) and tokenised (<see cref="AzTokenizer"/>), cut into sentences
/// at . ! ? … and line breaks, and tagged a sentence at a time; mentions carry offsets into the text as given.
/// <see cref="Default"/> loads the embedded model Resources/ner.bin once, lazily. Thread-safe.
/// </remarks>
public sealed class NamedEntityTagger
{
    internal const string ResourceName = "Icmal.Text.Resources.ner.bin";

    private static readonly Lazy<NamedEntityTagger> LazyDefault = new(LoadDefault, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>A tagger over <paramref name="model"/>.</summary>
    public NamedEntityTagger(NerModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
    }

    /// <summary>The tagger with the model shipped in Icmal.Text.</summary>
    public static NamedEntityTagger Default => LazyDefault.Value;

    /// <summary>The trained model.</summary>
    public NerModel Model { get; }

    /// <summary>
    /// The entity mentions of <paramref name="text"/>, in text order. <paramref name="language"/> is an ISO 639-1 code
    /// ("az", "ru", "en"); when null it is identified from the text.
    /// </summary>
    public List<EntityMention> Find(string text, string? language = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var mentions = new List<EntityMention>();
        if (text.Length == 0) return mentions;
        bool azerbaijaniLatin;
        if (language is null)
        {
            var guess = LanguageIdentifier.Default.Identify(text);
            azerbaijaniLatin = guess.Language == "az" && guess.Script == "Latn";
        }
        else azerbaijaniLatin = string.Equals(language, "az", StringComparison.OrdinalIgnoreCase) && !LooksCyrillic(text);

        var normal = AzNormalizer.Normalize(text);
        string t = normal.Text;
        var sentence = new List<(int Start, int End)>(64);
        var words = new List<string>(64);
        int previousEnd = 0;
        foreach (var token in AzTokenizer.Tokenize(t))
        {
            if (sentence.Count > 0 && (HasLineBreak(t, previousEnd, token.Start) || sentence.Count >= 250)) Flush();
            previousEnd = token.End;
            if (token.SuffixStart > 0)
            {
                // "TDT-nin", "21-də": the model was trained on text with the inflection apart ("BMT - nin"), so it reads it so.
                int cut = token.Start + token.SuffixStart;
                Add(token.Start, cut - 1);
                Add(cut - 1, cut);
                Add(cut, token.End);
            }
            else Add(token.Start, token.End);
            if (token.Kind is TokenKind.Ellipsis || token.Kind == TokenKind.Punctuation && t[token.Start] is '.' or '!' or '?') Flush();
        }
        Flush();
        return mentions;

        void Add(int start, int end)
        {
            sentence.Add((start, end));
            words.Add(t[start..end]);
        }

        void Flush()
        {
            if (sentence.Count == 0) return;
            var tags = azerbaijaniLatin ? Model.Tag(words) : CapitalisedNameRules.Tag(words, Model.Gazetteer);
            foreach (var span in Conll.Spans(tags))
            {
                // A span never starts or ends on punctuation the model let in (an unmatched quote or bracket).
                int first = span.Start, last = span.End - 1;
                while (first <= last && IsEdgePunctuation(words[first]) && !PairedQuote(words, first, last, first)) first++;
                while (last >= first && IsEdgePunctuation(words[last]) && !PairedQuote(words, first, last, last)) last--;
                if (first > last) continue;
                int start = sentence[first].Start, end = sentence[last].End;
                var (os, ol) = normal.ToOriginal(start, end - start);
                mentions.Add(new EntityMention(os, ol, span.Kind, text.Substring(os, ol)));
            }
            sentence.Clear();
            words.Clear();
        }
    }

    private static bool IsEdgePunctuation(string word) => word.Length == 1 && char.IsPunctuation(word[0]);

    /// <summary>True when words[at] is a quote paired inside the span (the quotes of "Naxçıvan" Universiteti stay).</summary>
    private static bool PairedQuote(List<string> words, int first, int last, int at)
    {
        if (words[at] != "\"") return false;
        int quotes = 0;
        for (int i = first; i <= last; i++) if (words[i] == "\"") quotes++;
        return quotes >= 2 && quotes % 2 == 0;
    }

    private static bool HasLineBreak(string text, int from, int to)
    {
        for (int i = from; i < to; i++) if (text[i] == '\n') return true;
        return false;
    }

    private static bool LooksCyrillic(string text)
    {
        int cyrillic = 0, latin = 0;
        foreach (char c in text.AsSpan(0, Math.Min(text.Length, 2000)))
        {
            if (c is >= '\u0400' and <= '\u04FF') cyrillic++;
            else if (char.IsLetter(c) && c < '\u0250') latin++;
        }
        return cyrillic > latin;
    }

    private static NamedEntityTagger LoadDefault()
    {
        using Stream? stream = typeof(NamedEntityTagger).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from {typeof(NamedEntityTagger).Assembly.GetName().Name}.");
        return new NamedEntityTagger(NerModel.Load(stream));
    }
}
