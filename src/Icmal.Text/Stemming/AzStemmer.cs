using System.Collections.Concurrent;
using Icmal.Text.Casing;
using Icmal.Text.Lexicon;

namespace Icmal.Text.Stemming;

/// <summary>
/// Azerbaijani stemmer: strips inflectional (plural, possessive, case, copula, person, tense) and common derivational
/// suffixes following two- and four-way vowel harmony and the buffer consonants n/y/s, guarded by the lexicon so
/// stems stay real words: "Qazaxıstana", "Qazaxıstanın", "Qazaxıstanla", "Qazaxıstanda" → "Qazaxıstan";
/// "Əliyevin" → "Əliyev"; "TDT-nin" → "TDT"; "kitablarından" → "kitab"; "ayağı" → "ayaq".
/// </summary>
/// <remarks>
/// The stem keeps the case of the input ("Əliyevin" → "Əliyev"); lower-case it with <see cref="AzCasing"/> for keys.
/// Choosing among the possible analyses of a word:
/// a name or place wins (longest); else for lower-case words the longest dictionary headword or verb root;
/// else (and for capitalised words) the most frequent attested corpus form among the stems, dictionary stems included;
/// else, for unknown words, only nominal inflection is stripped, the cheapest analysis with the longest stem.
/// Thread-safe; results are cached (bounded), so repeated words cost one dictionary look-up.
/// </remarks>
public sealed class AzStemmer
{
    private const int MaxWordLength = 48;
    private const int MaxCacheEntries = 400_000;

    private static readonly Lazy<AzStemmer> LazyDefault = new(() => new AzStemmer(AzLexicon.Default), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly AzLexicon _lexicon;
    private readonly ConcurrentDictionary<string, string> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _cacheLookup;
    private int _cacheCount;

    /// <summary>A stemmer over <paramref name="lexicon"/>.</summary>
    public AzStemmer(AzLexicon lexicon)
    {
        ArgumentNullException.ThrowIfNull(lexicon);
        _lexicon = lexicon;
        _cacheLookup = _cache.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The stemmer over the shipped lexicon.</summary>
    public static AzStemmer Default => LazyDefault.Value;

    /// <summary>The lexicon guarding the stems.</summary>
    public AzLexicon Lexicon => _lexicon;

    /// <summary>The stem of one word (its case kept).</summary>
    public string Stem(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (_cacheLookup.TryGetValue(word.AsSpan(), out string? cached)) return cached;
        string stem = Compute(word);
        Remember(word, stem);
        return stem;
    }

    /// <summary>The stem of one word (its case kept); allocation-free when the word was seen before.</summary>
    public string Stem(ReadOnlySpan<char> word)
    {
        if (_cacheLookup.TryGetValue(word, out string? cached)) return cached;
        string w = word.ToString();
        string stem = Compute(w);
        Remember(w, stem);
        return stem;
    }

    private void Remember(string word, string stem)
    {
        if (Volatile.Read(ref _cacheCount) >= MaxCacheEntries) return;
        if (_cache.TryAdd(word, stem)) Interlocked.Increment(ref _cacheCount);
    }

    private string Compute(string word)
    {
        if (word.Length < 2 || word.Length > MaxWordLength) return word;
        // Inflection written after a hyphen or apostrophe: "TDT-nin", "Sherg.az-a", "2024-cü", "Türkiyə'nin".
        int sep = word.LastIndexOfAny(['-', '\'']);
        if (sep > 0 && sep < word.Length - 1)
        {
            ReadOnlySpan<char> tail = word.AsSpan(sep + 1);
            if (IsSuffixChain(tail)) return StemHead(word, sep);
            // A compound: stem its last part ("Azərbaycan-Qazaxıstanın" → "Azərbaycan-Qazaxıstan").
            string last = Compute(word[(sep + 1)..]);
            return last.Length == word.Length - sep - 1 ? word : string.Concat(word.AsSpan(0, sep + 1), last);
        }
        if (sep >= 0) return word;
        foreach (char c in word)
        {
            if (!char.IsLetter(c)) return word;
        }
        return StemWord(word);
    }

    /// <summary>The part before an inflection written after a hyphen: "TDT-nin" → "TDT", "Bakı-ya"… → "Bakı".</summary>
    private static string StemHead(string word, int sep) => word[..sep];

    /// <summary>True when the lower-cased text is one or more inflectional suffixes (no harmony check: the head may be an abbreviation or a figure).</summary>
    internal static bool IsSuffixChain(ReadOnlySpan<char> text)
    {
        if (text.Length == 0 || text.Length > 12) return false;
        Span<char> lower = stackalloc char[text.Length];
        AzCasing.ToLower(text, lower);
        foreach (char c in lower)
        {
            if (!char.IsLetter(c)) return false;
        }
        return ChainFrom(lower, lower.Length, Slot.Question + 1);
    }

    private static bool ChainFrom(ReadOnlySpan<char> w, int end, Slot maxSlot)
    {
        if (end == 0) return true;
        if (!Suffixes.ByLastChar.TryGetValue(w[end - 1], out var forms)) return false;
        foreach (var f in forms)
        {
            if (f.Slot >= maxSlot || f.Length > end || f.NeedsVerbRoot || f.NeedsDictionary) continue;
            if (!w[..end].EndsWith(f.Surface.AsSpan(), StringComparison.Ordinal)) continue;
            if (ChainFrom(w, end - f.Length, f.Slot)) return true;
        }
        // Ordinal suffixes of figures: -cı/-ci/-cu/-cü, -ıncı …
        return false;
    }

    private readonly struct Candidate(int length, char restored, int cost, bool verbal, bool derivational)
    {
        public int Length { get; } = length;
        public char Restored { get; } = restored;
        public int Cost { get; } = cost;
        public bool Verbal { get; } = verbal;
        public bool Derivational { get; } = derivational;
    }

    private string StemWord(string word)
    {
        Span<char> lower = stackalloc char[word.Length];
        AzCasing.ToLower(word, lower);
        bool capitalised = AzCasing.IsUpper(word[0]);
        var candidates = new List<Candidate>(8);
        Parse(lower, lower.Length, Slot.Question + 1, 0, false, false, false, candidates);

        // Tier 1: names and places, longest.
        int best = -1;
        for (int k = 0; k < candidates.Count; k++)
        {
            var c = candidates[k];
            if (c.Verbal) continue;
            if ((Flags(lower, c) & LexiconFlags.Name) != 0 && (best < 0 || c.Length > candidates[best].Length || c.Length == candidates[best].Length && c.Cost < candidates[best].Cost)) best = k;
        }
        if (best < 0 && !capitalised)
        {
            // Tier 2: dictionary headwords and verb roots, longest.
            for (int k = 0; k < candidates.Count; k++)
            {
                var c = candidates[k];
                var f = Flags(lower, c);
                bool ok = c.Verbal ? (f & LexiconFlags.VerbRoot) != 0 : (f & (LexiconFlags.Headword | LexiconFlags.VerbRoot)) != 0;
                if (ok && (best < 0 || c.Length > candidates[best].Length || c.Length == candidates[best].Length && c.Cost < candidates[best].Cost)) best = k;
            }
        }
        if (best < 0)
        {
            // Tier 3: the most frequent attested stem (capitalised words: names the dictionary lacks, "Tokayevin" → "Tokayev").
            int bestFreq = 0;
            for (int k = 0; k < candidates.Count; k++)
            {
                var c = candidates[k];
                if (c.Verbal || c.Derivational) continue;
                if (c.Length < 3 && c.Length < lower.Length) continue;
                int freq = Frequency(lower, c);
                if (freq > bestFreq || freq == bestFreq && freq > 0 && c.Length > candidates[best].Length)
                {
                    best = k;
                    bestFreq = freq;
                }
            }
            if (best >= 0 && capitalised)
            {
                // A capitalised dictionary word at the start of a sentence: prefer its dictionary stem when the
                // frequent form is a longer inflected form of it.
                int dict = -1;
                for (int k = 0; k < candidates.Count; k++)
                {
                    var c = candidates[k];
                    var f = Flags(lower, c);
                    bool ok = c.Verbal ? (f & LexiconFlags.VerbRoot) != 0 : (f & LexiconFlags.Headword) != 0;
                    if (ok && c.Length >= 3 && (dict < 0 || c.Length > candidates[dict].Length)) dict = k;
                }
                if (dict >= 0 && candidates[dict].Length < candidates[best].Length && Frequency(lower, candidates[dict]) >= bestFreq - 2) best = dict;
            }
            else if (best < 0 && capitalised)
            {
                for (int k = 0; k < candidates.Count; k++)
                {
                    var c = candidates[k];
                    var f = Flags(lower, c);
                    bool ok = c.Verbal ? (f & LexiconFlags.VerbRoot) != 0 : (f & (LexiconFlags.Headword | LexiconFlags.VerbRoot)) != 0;
                    if (ok && (best < 0 || c.Length > candidates[best].Length)) best = k;
                }
            }
        }
        if (best < 0)
        {
            // Tier 4: an unknown word: nominal inflection only, cheapest analysis, then the longest stem of three letters or more.
            for (int k = 0; k < candidates.Count; k++)
            {
                var c = candidates[k];
                if (c.Verbal || c.Derivational || c.Restored != '\0' || c.Length < 3 || c.Length == lower.Length) continue;
                if (best < 0 || c.Cost < candidates[best].Cost || c.Cost == candidates[best].Cost && c.Length > candidates[best].Length) best = k;
            }
        }
        if (best < 0) return word;
        var chosen = candidates[best];
        if (chosen.Length == word.Length) return word;
        if (chosen.Restored == '\0') return word[..chosen.Length];
        char last = AzCasing.IsUpper(word[chosen.Length - 1]) ? AzCasing.ToUpper(chosen.Restored) : chosen.Restored;
        return string.Concat(word.AsSpan(0, chosen.Length - 1), new ReadOnlySpan<char>(in last));
    }

    private LexiconFlags Flags(ReadOnlySpan<char> lower, Candidate c)
    {
        if (c.Restored == '\0') return _lexicon.FlagsOf(lower[..c.Length]);
        Span<char> buffer = stackalloc char[c.Length];
        lower[..c.Length].CopyTo(buffer);
        buffer[^1] = c.Restored;
        return _lexicon.FlagsOf(buffer);
    }

    private int Frequency(ReadOnlySpan<char> lower, Candidate c)
    {
        if (c.Restored == '\0') return _lexicon.FrequencyClass(lower[..c.Length]);
        Span<char> buffer = stackalloc char[c.Length];
        lower[..c.Length].CopyTo(buffer);
        buffer[^1] = c.Restored;
        return _lexicon.FrequencyClass(buffer);
    }

    /// <summary>Collects every stem reachable by stripping suffixes from w[..end] in slot order.</summary>
    private static void Parse(ReadOnlySpan<char> w, int end, Slot maxSlot, int cost, bool verbal, bool derivational, bool innerMustBePossessive, List<Candidate> found)
    {
        if (!innerMustBePossessive) Add(found, new Candidate(end, '\0', cost, verbal, derivational));
        if (found.Count > 64 || end < 3) return;
        if (!Suffixes.ByLastChar.TryGetValue(w[end - 1], out var forms)) return;
        foreach (var f in forms)
        {
            if (f.Slot >= maxSlot) continue;
            if (innerMustBePossessive && f.Slot != Slot.Possessive) continue;
            int stemEnd = end - f.Length;
            if (stemEnd < 2) continue;
            if (!w[..end].EndsWith(f.Surface.AsSpan(), StringComparison.Ordinal)) continue;
            char before = w[stemEnd - 1];
            bool vowelBefore = Suffixes.IsVowel(before);
            if (f.After == After.Vowel && !vowelBefore) continue;
            if (f.After == After.Consonant && vowelBefore) continue;
            if (f.HarmonyVowel != '\0' && LastVowel(w[..stemEnd]) is var v && v != '\0' && !Suffixes.Harmonises(v, f.HarmonyVowel)) continue;
            // A female surname is not a dative: "Həsənova" stays.
            if (f.Slot == Slot.Case && f.Surface is "a" && stemEnd >= 2 && w[stemEnd - 1] == 'v' && w[stemEnd - 2] is 'o' or 'e') continue;
            bool v2 = verbal || f.NeedsVerbRoot;
            bool d2 = derivational || f.NeedsDictionary;
            Parse(w, stemEnd, f.Slot, cost + f.Cost, v2, d2, f.NeedsInnerPossessive, found);
            // Consonant alternation before a vowel: ayağı ← ayaq, ürəyi ← ürək, gedir ← get.
            if (Suffixes.IsVowel(f.Surface[0]) && stemEnd >= 3)
            {
                char restored = before switch
                {
                    'ğ' => 'q',
                    'y' when Suffixes.IsVowel(w[stemEnd - 2]) => 'k',
                    'd' => 't',
                    'b' => 'p',
                    _ => '\0',
                };
                if (restored != '\0') Add(found, new Candidate(stemEnd, restored, cost + f.Cost, v2, d2));
            }
        }
    }

    private static void Add(List<Candidate> found, Candidate c)
    {
        foreach (var existing in found)
        {
            if (existing.Length == c.Length && existing.Restored == c.Restored && existing.Verbal == c.Verbal && existing.Derivational == c.Derivational && existing.Cost <= c.Cost) return;
        }
        found.Add(c);
    }

    private static char LastVowel(ReadOnlySpan<char> w)
    {
        for (int k = w.Length - 1; k >= 0; k--)
        {
            if (Suffixes.IsVowel(w[k])) return w[k];
        }
        return '\0';
    }
}
