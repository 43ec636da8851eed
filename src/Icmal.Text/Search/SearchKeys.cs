using System.Text;
using Icmal.Text.Casing;
using Icmal.Text.Lexicon;
using Icmal.Text.Normalization;
using Icmal.Text.Stemming;
using Icmal.Text.Tokenization;
using Icmal.Text.Transliteration;

namespace Icmal.Text.Search;

/// <summary>A word's search key and where the word stands in the original text (for snippets).</summary>
/// <param name="Start">Index of the word's first character in the original text.</param>
/// <param name="Length">Length of the word in the original text (its hyphenated inflection included: "TDT-nin").</param>
/// <param name="Key">The key (<see cref="SearchKeys"/>).</param>
public readonly record struct KeyedWord(int Start, int Length, string Key);

/// <summary>
/// The search key of a word: the one function the index, the query and the snippets all use, so that every spelling
/// of a word meets. Normalised (<see cref="AzNormalizer"/>), tokenised (<see cref="AzTokenizer"/>), Cyrillic written in
/// Azerbaijani Latin (<see cref="CyrillicTransliterator"/>: "Токаев" → "Tokayev"), stemmed (<see cref="AzStemmer"/>:
/// "Qazaxıstanla" → "Qazaxıstan", "TDT-nin" → "TDT"), then lower-cased and folded to ASCII (<see cref="AzCasing.FoldAscii(string)"/>:
/// "qazaxistan"). Qazaxıstanla, QAZAXISTANIN, qazaxistan and Qazaxıstanın all give "qazaxistan".
/// </summary>
/// <remarks>
/// <para>
/// A word typed without Azerbaijani letters ("qazaxistanin", "eliyevin") cannot be stemmed as it is: its suffix does not
/// follow vowel harmony as written ("-in" after "a"). Such a word is first restored through the lexicon, to the most
/// frequent form that folds to it ("qazaxıstanın"; "üçün", not the typo "ucun" the corpus also has); failing that, a
/// known form followed by folded inflection ("qazaxistan" + "dan") is taken as that form. The same function
/// runs on the text when it is indexed and on the query, so whatever it does to a spelling, both sides agree.
/// </para>
/// <para>
/// Keys hold only letters and digits: a compound or a domain ("Kasım-Jomart", "Sherg.az") gives one key per part, each
/// at the whole word's place. Short capitals ("TDT", "ABŞ") are acronyms and are not stemmed. Figures are kept as
/// they are written ("2025" of "2025-ci"). Texts in other languages go through the same function: Russian becomes
/// Latin, and an English word is stemmed as if Azerbaijani, equally on both sides.
/// </para>
/// <para>Pure and thread-safe; keys of words seen before cost one look-up (a bounded cache).</para>
/// </remarks>
public static class SearchKeys
{
    /// <summary>The longest key kept; longer runs of letters are cut (no real word is this long).</summary>
    public const int MaxKeyLength = 64;

    private const int MaxCacheEntries = 500_000;
    private const int MinimumRestoredStem = 3;

    private static readonly WordCache<string> Cache = new(MaxCacheEntries);

    /// <summary>Folded nominal suffixes (no verb or dictionary conditions), for restoring "qazaxistan" + "dan".</summary>
    private static readonly HashSet<string> FoldedSuffixes = new(
        Suffixes.All.Where(f => !f.NeedsVerbRoot && !f.NeedsDictionary && f.Slot >= Slot.Plural).Select(f => AzCasing.FoldAscii(f.Surface)),
        StringComparer.Ordinal);

    private static readonly int LongestFoldedSuffix = FoldedSuffixes.Max(s => s.Length);

    /// <summary>The keys of the words of <paramref name="text"/>, in order.</summary>
    public static List<string> KeysOf(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var keys = new List<string>();
        Run(text, (_, _, key) => keys.Add(key));
        return keys;
    }

    /// <summary>
    /// The keys of <paramref name="text"/> as one string, separated by single spaces: what a full-text engine indexes
    /// (its tokenizer splitting on spaces sees exactly these keys).
    /// </summary>
    public static string KeyText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length);
        Run(text, (_, _, key) =>
        {
            if (sb.Length > 0) sb.Append(' ');
            sb.Append(key);
        });
        return sb.ToString();
    }

    /// <summary>
    /// <see cref="KeyText(string)"/> of a text already normalised and tokenised (<see cref="TokenizedText"/>, shared
    /// with the article's other analyses): the same keys, without normalising and tokenising it again.
    /// </summary>
    public static string KeyText(TokenizedText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Original.Length);
        if (text.Original.Length == 0) return "";
        KeyAction emit = (_, _, key) =>
        {
            if (sb.Length > 0) sb.Append(' ');
            sb.Append(key);
        };
        string normal = text.Text;
        foreach (var token in text.Tokens) Run(normal, token, emit, null);
        return sb.ToString();
    }

    /// <summary>The keys of <paramref name="text"/> with the place of each word in <paramref name="text"/> as given.</summary>
    public static List<KeyedWord> KeyedWords(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = new List<KeyedWord>();
        var normal = AzNormalizer.Normalize(text);
        Run(normal.Text, (start, length, key) =>
        {
            var (s, l) = normal.ToOriginal(start, length);
            words.Add(new KeyedWord(s, l, key));
        });
        return words;
    }

    /// <summary>
    /// The words of <paramref name="text"/> as <see cref="KeyedWords(string)"/> gives them, but keyed only where the key
    /// can begin with one of <paramref name="leads"/> (ASCII letters and digits, as keys begin): a word of Latin
    /// letters (ASCII and Azerbaijani) and digits keeps its first letter folded in its key, so one whose folded first
    /// letter is not a lead comes with an empty key, and costs no look-up. Any other word (Cyrillic, other letters) is
    /// keyed. For snippets, which look for a query's few keys in a whole text.
    /// </summary>
    public static List<KeyedWord> KeyedWords(string text, string leads)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(leads);
        var words = new List<KeyedWord>();
        var normal = AzNormalizer.Normalize(text);
        Run(normal.Text, (start, length, key) =>
        {
            var (s, l) = normal.ToOriginal(start, length);
            words.Add(new KeyedWord(s, l, key));
        }, leads);
        return words;
    }

    /// <summary>True when <paramref name="run"/>'s key cannot begin with any of <paramref name="leads"/> (see <see cref="KeyedWords(string, string)"/>).</summary>
    private static bool CannotLead(ReadOnlySpan<char> run, string leads)
    {
        if (leads.Contains(AzCasing.FoldAscii(run[0]), StringComparison.Ordinal)) return false;
        foreach (char c in run)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('ə' or 'Ə' or 'ı' or 'İ' or 'ö' or 'Ö' or 'ü' or 'Ü' or 'ç' or 'Ç' or 'ş' or 'Ş' or 'ğ' or 'Ğ'))
                return false;
        }
        return true;
    }

    /// <summary>The key of one word as typed (its first word if it holds several); empty when it has none.</summary>
    public static string KeyOf(string word) => KeysOf(word) is [var first, ..] ? first : "";

    private delegate void KeyAction(int start, int length, string key);

    /// <summary>Calls <paramref name="emit"/> with each key of <paramref name="text"/> and the place of its word in the normalised text.</summary>
    private static void Run(string text, KeyAction emit, string? leads = null)
    {
        if (text.Length == 0) return;
        // Normalising normalised text returns it as it is, so KeyedWords' offsets (into its normalised text) hold.
        string normal = AzNormalizer.NormalizeToString(text);
        foreach (var token in AzTokenizer.Tokenize(normal)) Run(normal, token, emit, leads);
    }

    /// <summary>The keys of one token of the normalised text <paramref name="normal"/>, given to <paramref name="emit"/>.</summary>
    private static void Run(string normal, Token token, KeyAction emit, string? leads)
    {
        if (token.Kind is not (TokenKind.Word or TokenKind.Abbreviation or TokenKind.Domain or TokenKind.Hashtag or TokenKind.Mention
            or TokenKind.Number or TokenKind.Ordinal)) return;
        var head = token.HeadOf(normal);
        if (token.Kind is TokenKind.Hashtag or TokenKind.Mention) head = head[1..];
        // A word's key comes with the rest of what the article's terms ask of it (one look-up for both); a word that is
        // not one run of letters and digits is keyed run by run below.
        if (leads is null && (token.Kind is TokenKind.Word or TokenKind.Abbreviation) && AzWordForm.Of(head).Key is { } whole)
        {
            if (whole.Length > 0) emit(token.Start, token.Length, whole);
            return;
        }
        int i = 0;
        while (i < head.Length)
        {
            while (i < head.Length && !char.IsLetterOrDigit(head[i])) i++;
            int runStart = i;
            while (i < head.Length && char.IsLetterOrDigit(head[i])) i++;
            if (i > runStart)
            {
                if (leads is not null && CannotLead(head[runStart..i], leads))
                {
                    emit(token.Start, token.Length, "");
                    continue;
                }
                string key = KeyOfRun(head[runStart..i]);
                if (key.Length > 0) emit(token.Start, token.Length, key);
            }
        }
    }

    /// <summary>The key of one run of letters and digits (also asked by <see cref="AzWordForm"/>).</summary>
    internal static string KeyOfRun(ReadOnlySpan<char> run)
    {
        if (Cache.TryGetValue(run, out string? cached)) return cached;
        string word = run.ToString();
        string key = Compute(word);
        Cache.TryAdd(word, key);
        return key;
    }

    private static string Compute(string word)
    {
        bool letters = true, ascii = true, allUpper = true;
        foreach (char c in word)
        {
            if (!char.IsLetter(c)) letters = false;
            if (c >= 128) ascii = false;
            if (!AzCasing.IsUpper(c)) allUpper = false;
        }
        string latin = ascii ? word : CyrillicTransliterator.ToAzerbaijaniLatin(word);
        string stem = latin;
        // Short capitals are acronyms ("TDT", "ABŞ", "AB"); capitals of four letters or more are words set in capitals.
        if (letters && !(allUpper && latin.Length < 4))
        {
            string restored = ascii ? Restore(latin) : latin != word ? RestoreRussianSpelling(latin) : latin;
            stem = AzStemmer.Default.Stem(restored);
        }
        string key = AzCasing.FoldAscii(stem);
        if (key.Length > MaxKeyLength) key = key[..MaxKeyLength];
        foreach (char c in key)
        {
            if (!char.IsLetterOrDigit(c)) return StripNonAlphanumeric(key);
        }
        return key;
    }

    private static string StripNonAlphanumeric(string key)
    {
        var sb = new StringBuilder(key.Length);
        foreach (char c in key)
        {
            if (char.IsLetterOrDigit(c)) sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>
    /// The Azerbaijani spelling of a word typed in ASCII letters, where the lexicon knows one: "qazaxistanin" →
    /// "qazaxıstanın", "Eliyev" → "Əliyev", "ucun" → "üçün" (the most frequent form folding to it); the word itself when
    /// that is the most frequent, or when the lexicon knows nothing like it.
    /// </summary>
    internal static string Restore(string word)
    {
        var lexicon = AzLexicon.Default;
        Span<char> buffer = word.Length <= 128 ? stackalloc char[word.Length] : new char[word.Length];
        // The most frequent form that folds to the word, the word itself included: the corpus has ASCII-typed forms
        // too ("ucun"), but far less often than the real one ("üçün").
        AzCasing.FoldAscii(word, buffer);
        if (lexicon.FormOfFolded(buffer) is { } form) return Recase(form, word);
        AzCasing.ToLower(word, buffer);
        if (lexicon.IsKnownWord(buffer)) return word;
        AzCasing.FoldAscii(word, buffer);
        // A known form followed by inflection typed without harmony's letters: "qazaxistan" + "dan".
        for (int end = buffer.Length - 1; end >= MinimumRestoredStem && buffer.Length - end <= LongestFoldedSuffix * 3; end--)
        {
            if (!IsFoldedSuffixChain(buffer[end..])) continue;
            if (lexicon.FormOfFolded(buffer[..end]) is { } stem) return Recase(stem, word);
        }
        return word;
    }

    /// <summary>
    /// A name Russian spells with "а" where Azerbaijani writes "ə" ("Алиев" → "Aliyev" → "Əliyev"): when the lexicon
    /// knows a name with some of the word's first three a's as ə, the most frequent such name (the word as it is among them).
    /// </summary>
    private static string RestoreRussianSpelling(string latin)
    {
        var lexicon = AzLexicon.Default;
        string lower = AzCasing.ToLower(latin);
        Span<int> at = stackalloc int[3];
        int count = 0;
        for (int i = 0; i < lower.Length && count < at.Length; i++)
        {
            if (lower[i] == 'a') at[count++] = i;
        }
        string? best = null;
        int bestFrequency = -1;
        char[] candidate = lower.ToCharArray();
        for (int mask = 0; mask < 1 << count; mask++)
        {
            for (int k = 0; k < count; k++) candidate[at[k]] = (mask & (1 << k)) != 0 ? 'ə' : 'a';
            if ((lexicon.FlagsOf(candidate) & LexiconFlags.Name) == 0) continue;
            int frequency = lexicon.FrequencyClass(candidate);
            if (frequency <= bestFrequency) continue;
            bestFrequency = frequency;
            best = new string(candidate);
        }
        return best is null || best == lower ? latin : Recase(best, latin);
    }

    private static bool IsFoldedSuffixChain(ReadOnlySpan<char> tail)
    {
        if (tail.IsEmpty) return true;
        var lookup = FoldedSuffixes.GetAlternateLookup<ReadOnlySpan<char>>();
        for (int take = Math.Min(LongestFoldedSuffix, tail.Length); take >= 1; take--)
        {
            if (lookup.Contains(tail[..take]) && IsFoldedSuffixChain(tail[take..])) return true;
        }
        return false;
    }

    /// <summary>The lower-case <paramref name="form"/> in the case pattern of <paramref name="typed"/> (capitalised, capitals).</summary>
    private static string Recase(string form, string typed)
    {
        if (typed.Length >= 2 && AzCasing.IsUpper(typed[0]) && AzCasing.IsUpper(typed[1])) return AzCasing.ToUpper(form);
        if (AzCasing.IsUpper(typed[0])) return string.Concat(AzCasing.ToUpper(form[..1]), form.AsSpan(1));
        return form;
    }
}
