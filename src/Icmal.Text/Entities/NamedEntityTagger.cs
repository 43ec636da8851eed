using Icmal.Text.Casing;
using Icmal.Text.LanguageId;
using Icmal.Text.Normalization;
using Icmal.Text.Stemming;
using Icmal.Text.StopWords;
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
    /// <summary>One sentence cut for tagging: its pieces (offsets into the normalised text) and their words.</summary>
    internal sealed record TaggedSentence((int Start, int End)[] Pieces, string[] Words, TokenKind[] Kinds);

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
        if (text.Length == 0) return [];
        bool azerbaijaniLatin = AzerbaijaniLatin(text, language);
        var normal = AzNormalizer.Normalize(text);
        return Mentions(text, normal, Sentences(normal.Text), azerbaijaniLatin);
    }

    /// <summary>
    /// <see cref="Find(string, string?)"/> of a text already normalised and tokenised (<see cref="TokenizedText"/>,
    /// shared with the article's other analyses): the same mentions, without normalising and tokenising it again.
    /// </summary>
    public List<EntityMention> Find(TokenizedText text, string? language = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        string original = text.Original;
        if (original.Length == 0) return [];
        return Mentions(original, text.Normalized, Sentences(text.Text, text.Tokens), AzerbaijaniLatin(original, language));
    }

    /// <summary>Whether the text is tagged by the model (Azerbaijani in Latin letters) rather than by capitals alone.</summary>
    private static bool AzerbaijaniLatin(string text, string? language)
    {
        if (language is null)
        {
            var guess = LanguageIdentifier.Default.Identify(text);
            return guess.Language == "az" && guess.Script == "Latn";
        }
        return string.Equals(language, "az", StringComparison.OrdinalIgnoreCase) && !LooksCyrillic(text);
    }

    /// <summary>The mentions the tags of <paramref name="sentences"/> (of <paramref name="normal"/>) make, at their places in <paramref name="text"/>.</summary>
    private List<EntityMention> Mentions(string text, NormalizedText normal, List<TaggedSentence> sentences, bool azerbaijaniLatin)
    {
        var mentions = new List<EntityMention>();
        var tags = TagSentences(sentences, azerbaijaniLatin);

        for (int s = 0; s < sentences.Count; s++)
        {
            var (pieces, words, _) = sentences[s];
            foreach (var span in Conll.Spans(tags[s]))
            {
                // A span never starts or ends on punctuation the model let in (an unmatched quote or bracket).
                int first = span.Start, last = span.End - 1;
                while (first <= last && IsEdgePunctuation(words[first]) && !PairedQuote(words, first, last, first)) first++;
                while (last >= first && IsEdgePunctuation(words[last]) && !PairedQuote(words, first, last, last)) last--;
                if (first > last) continue;
                int start = pieces[first].Start, end = pieces[last].End;
                if (span.Kind == EntityKind.Location && first == last && CountriesJoined(normal.Text, start, end) is { } countries)
                {
                    // "Azərbaycan-Qazaxıstan (münasibətləri)", "Rusiya-Ukrayna (müharibəsi)": each country is named.
                    foreach (var (cs, ce) in countries) mentions.Add(Mention(text, normal, cs, ce, span.Kind));
                    continue;
                }
                mentions.Add(Mention(text, normal, start, end, span.Kind));
            }
        }
        return mentions;
    }

    private static EntityMention Mention(string text, NormalizedText normal, int start, int end, EntityKind kind)
    {
        var (os, ol) = normal.ToOriginal(start, end - start);
        return new EntityMention(os, ol, kind, text.Substring(os, ol));
    }

    /// <summary>
    /// The parts of a word that joins countries' names with hyphens or dashes, the last with a case ending or not
    /// ("Azərbaycan-Qazaxıstan", "Rusiya–Ukraynanın"), as offsets into <paramref name="t"/>; null when a part is no
    /// country's name. A chain of cities names a route and stays one name ("Bakı-Tbilisi-Qars").
    /// </summary>
    private static List<(int Start, int End)>? CountriesJoined(string t, int start, int end)
    {
        var word = t.AsSpan(start, end - start);
        if (word.IndexOfAny('-', '–', '‑') < 0) return null;
        var parts = new List<(int Start, int End)>();
        int from = 0;
        for (int i = 0; i <= word.Length; i++)
        {
            if (i < word.Length && word[i] is not ('-' or '–' or '‑')) continue;
            if (i == from) return null;
            string part = word[from..i].ToString();
            bool last = i == word.Length;
            if (!PlaceCountries.IsCountryName(part) && !(last && PlaceCountries.IsCountryName(AzStemmer.Default.Stem(part)))) return null;
            parts.Add((start + from, start + i));
            from = i + 1;
        }
        return parts.Count >= 2 ? parts : null;
    }

    /// <summary>The sentences of normalised text <paramref name="t"/> and their tags: the model's, the rules' after it, and one text's names alike.</summary>
    private (List<TaggedSentence> Sentences, List<int[]> Tags) TagSentences(string t, bool azerbaijaniLatin)
    {
        var sentences = Sentences(t);
        return (sentences, TagSentences(sentences, azerbaijaniLatin));
    }

    /// <summary>The tags of <paramref name="sentences"/>, one array a sentence (see the overload above).</summary>
    private List<int[]> TagSentences(List<TaggedSentence> sentences, bool azerbaijaniLatin)
    {
        var tags = new List<int[]>(sentences.Count);
        foreach (var sentence in sentences)
        {
            var sentenceTags = azerbaijaniLatin ? Model.Tag(sentence.Words) : CapitalisedNameRules.Tag(sentence.Words, Model.Gazetteer);
            NoStopWordStarts(sentence.Words, sentenceTags);
            NoInflectionStarts(sentence.Pieces, sentence.Words, sentenceTags);
            NoWebAddresses(sentence.Kinds, sentenceTags);
            NoLowerCaseNames(sentence.Words, sentenceTags);
            if (azerbaijaniLatin)
            {
                SplitPlacesAtGenitives(sentence.Words, sentenceTags);
                NoPlaceBeforePersons(sentence.Words, sentenceTags, Model);
            }
            tags.Add(sentenceTags);
        }
        if (azerbaijaniLatin) DocumentConsistency.Apply(sentences, tags, Model.Stemmer);
        return tags;
    }

    /// <summary>
    /// The sentences of an Azerbaijani (Latin) <paramref name="text"/> with the tags <see cref="Find(string, string?)"/> gives them:
    /// the words as the model reads them (normalised) and one tag a word. What <see cref="NerTrainer"/> self-trains on.
    /// </summary>
    internal List<NerSentence> TagAzerbaijani(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (sentences, tags) = TagSentences(AzNormalizer.Normalize(text).Text, azerbaijaniLatin: true);
        var result = new List<NerSentence>(sentences.Count);
        for (int s = 0; s < sentences.Count; s++) result.Add(new NerSentence(sentences[s].Words, tags[s]));
        return result;
    }

    /// <summary>
    /// The sentences of normalised text as the model reads them: cut at . ! ? … and line breaks (and every 250
    /// tokens), inflection after a hyphen apart ("TDT-nin" → "TDT", "-", "nin": the training text is written so).
    /// </summary>
    internal static List<TaggedSentence> Sentences(string t)
    {
        var tokens = new List<Token>(t.Length / 6 + 4);
        foreach (var token in AzTokenizer.Tokenize(t)) tokens.Add(token);
        return Sentences(t, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(tokens));
    }

    /// <summary><see cref="Sentences(string)"/> of <paramref name="t"/> whose tokens are <paramref name="tokens"/>.</summary>
    internal static List<TaggedSentence> Sentences(string t, ReadOnlySpan<Token> tokens)
    {
        var result = new List<TaggedSentence>();
        var pieces = new List<(int Start, int End)>(64);
        var words = new List<string>(64);
        var kinds = new List<TokenKind>(64);
        int previousEnd = 0;
        foreach (var token in tokens)
        {
            if (pieces.Count > 0 && (HasLineBreak(t, previousEnd, token.Start) || pieces.Count >= 250)) Flush();
            previousEnd = token.End;
            if (token.SuffixStart > 0)
            {
                int cut = token.Start + token.SuffixStart;
                Add(token.Start, cut - 1, token.Kind);
                Add(cut - 1, cut, TokenKind.Punctuation);
                Add(cut, token.End, TokenKind.Word);
            }
            else Add(token.Start, token.End, token.Kind);
            if (token.Kind is TokenKind.Ellipsis || token.Kind == TokenKind.Punctuation && t[token.Start] is '.' or '!' or '?') Flush();
        }
        Flush();
        return result;

        void Add(int start, int end, TokenKind kind)
        {
            pieces.Add((start, end));
            words.Add(t[start..end]);
            kinds.Add(kind);
        }

        void Flush()
        {
            if (pieces.Count == 0) return;
            result.Add(new TaggedSentence([.. pieces], [.. words], [.. kinds]));
            pieces.Clear();
            words.Clear();
            kinds.Clear();
        }
    }

    /// <summary>Web and e-mail addresses, hashtags and mentions are never part of a name ("Şəbnəm Həsənova Sherg.az").</summary>
    private static void NoWebAddresses(TokenKind[] kinds, int[] tags)
    {
        for (int i = 0; i < tags.Length; i++)
        {
            if (tags[i] == NerTags.O || kinds[i] is not (TokenKind.Domain or TokenKind.Url or TokenKind.Email or TokenKind.Hashtag or TokenKind.Mention)) continue;
            NerTags.Drop(tags, i);
        }
    }

    /// <summary>
    /// A name has a capital letter or a digit somewhere: the weights learnt "dünya" (the world) as a place from training
    /// sentences that tag it so, but a reader looking for who and what the news names does not look for the world.
    /// "eBay" keeps its name; "dünyada" is none.
    /// </summary>
    private static void NoLowerCaseNames(string[] words, int[] tags)
    {
        // A walk over the tags, not Conll.Spans: every sentence of every article comes here, and few have such a name.
        for (int start = 0; start < tags.Length; start++)
        {
            if (tags[start] == NerTags.O) continue;
            int end = start + 1;
            while (end < tags.Length && NerTags.IsInside(tags[end]) && NerTags.KindOf(tags[end]) == NerTags.KindOf(tags[start])) end++;
            bool capital = false;
            for (int i = start; i < end && !capital; i++)
                foreach (char c in words[i])
                    if (char.IsDigit(c) || AzCasing.IsUpper(c)) { capital = true; break; }
            if (!capital) tags.AsSpan(start, end - start).Fill(NerTags.O);
            start = end - 1;
        }
    }

    private static readonly string[] Genitives = ["nın", "nin", "nun", "nün", "ın", "in", "un", "ün"];

    /// <summary>
    /// Two places side by side are two places: a place name does not go on past a word in the genitive
    /// ("Azərbaycanın | Türkiyə ilə"), where an organisation's name may ("Azərbaycan Respublikasının Milli Məclisi").
    /// </summary>
    private static void SplitPlacesAtGenitives(IReadOnlyList<string> words, int[] tags)
    {
        int inside = NerTags.Inside(EntityKind.Location);
        for (int i = 1; i < tags.Length; i++)
        {
            if (tags[i] != inside || words[i - 1].Length < 5) continue;
            string previous = AzCasing.ToLower(words[i - 1]);
            if (EndsInGenitive(previous) && char.IsUpper(words[i][0])) tags[i] = NerTags.Begin(EntityKind.Location);
        }
    }

    // A loop rather than a lambda: a lambda capturing the word was allocated for every word of every sentence.
    private static bool EndsInGenitive(string word)
    {
        foreach (string ending in Genitives)
            if (word.EndsWith(ending, StringComparison.Ordinal)) return true;
        return false;
    }

    private static readonly string[] PlaceEndings = ["da", "də", "ta", "tə", "dan", "dən", "tan", "tən", "dakı", "dəki"];

    /// <summary>
    /// Only the last word of a person's name takes a case ending: a word before it in the locative or ablative
    /// ("Astanada İlham Əliyev …") is not part of the name; it is a place when the gazetteer or the known entities say
    /// so, else nothing.
    /// </summary>
    private static void NoPlaceBeforePersons(IReadOnlyList<string> words, int[] tags, NerModel model)
    {
        int begin = NerTags.Begin(EntityKind.Person), inside = NerTags.Inside(EntityKind.Person);
        for (int i = 0; i + 1 < tags.Length; i++)
        {
            if (tags[i] != begin || tags[i + 1] != inside) continue;
            string stem = model.Stemmer.Stem(words[i]);
            if (stem.Length >= words[i].Length || !words[i].StartsWith(stem, StringComparison.Ordinal)) continue;
            string ending = AzCasing.ToLower(words[i][stem.Length..]);
            if (!PlaceEndings.Contains(ending)) continue;
            bool place = (model.Gazetteer.Lookup(AzCasing.ToLower(stem)) & (GazetteerFlags.Place | GazetteerFlags.Country)) != 0
                || KnownEntities.Find(stem)?.Kind == EntityKind.Location;
            tags[i] = place ? NerTags.Begin(EntityKind.Location) : NerTags.O;
            tags[i + 1] = begin;
        }
    }

    /// <summary>A name never starts with a stop word: a capitalised "Həm" or "Bu" opening a sentence is left out of it.</summary>
    private static void NoStopWordStarts(IReadOnlyList<string> words, int[] tags)
    {
        for (int i = 0; i < tags.Length; i++)
        {
            if (tags[i] == NerTags.O || NerTags.IsInside(tags[i]) || !AzStopWords.IsStopWord(AzCasing.ToLower(words[i]))) continue;
            NerTags.Drop(tags, i);
        }
    }

    /// <summary>
    /// A name never starts with the inflection a hyphen joins to the word before it: the "a" of "Banker.az-a Dövlət
    /// İmtahan Mərkəzindən" (to Banker.az, from the State Examination Centre) is the address's dative, not the
    /// centre's first word. <see cref="Sentences(string, ReadOnlySpan{Token})"/> reads it apart, as the training text
    /// writes "TDT - nin", so the model may begin the next name with it.
    /// </summary>
    private static void NoInflectionStarts((int Start, int End)[] pieces, IReadOnlyList<string> words, int[] tags)
    {
        for (int i = 2; i < tags.Length; i++)
        {
            if (tags[i] == NerTags.O || NerTags.IsInside(tags[i]) || words[i - 1] != "-" || !char.IsLower(words[i][0])
                || pieces[i - 2].End != pieces[i - 1].Start || pieces[i - 1].End != pieces[i].Start) continue;
            NerTags.Drop(tags, i);
        }
    }

    private static bool IsEdgePunctuation(string word) => word.Length == 1 && char.IsPunctuation(word[0]);

    /// <summary>True when words[at] is a quote paired inside the span (the quotes of "Naxçıvan" Universiteti stay).</summary>
    private static bool PairedQuote(IReadOnlyList<string> words, int first, int last, int at)
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
