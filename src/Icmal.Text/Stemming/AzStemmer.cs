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
    private readonly WordCache<string> _cache = new(MaxCacheEntries);

    /// <summary>A stemmer over <paramref name="lexicon"/>.</summary>
    public AzStemmer(AzLexicon lexicon)
    {
        ArgumentNullException.ThrowIfNull(lexicon);
        _lexicon = lexicon;
    }

    /// <summary>The stemmer over the shipped lexicon.</summary>
    public static AzStemmer Default => LazyDefault.Value;

    /// <summary>The lexicon guarding the stems.</summary>
    public AzLexicon Lexicon => _lexicon;

    /// <summary>The stem of one word (its case kept).</summary>
    public string Stem(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (_cache.TryGetValue(word, out string? cached)) return cached;
        string stem = Compute(word);
        Remember(word, stem);
        return stem;
    }

    /// <summary>The stem of one word (its case kept); allocation-free when the word was seen before.</summary>
    public string Stem(ReadOnlySpan<char> word)
    {
        if (_cache.TryGetValue(word, out string? cached)) return cached;
        string w = word.ToString();
        string stem = Compute(w);
        Remember(w, stem);
        return stem;
    }

    /// <summary>
    /// True when <paramref name="word"/> (any case) is a known Azerbaijani word form: in the corpus list, or a dictionary
    /// headword, verb root or name with inflection the grammar allows ("dərinləşdirməsinin", "Qazaxıstanla").
    /// For joining words hyphenated across lines ("dərinləşdir-" + "məsinin") and spelling checks.
    /// </summary>
    public bool IsKnownWord(ReadOnlySpan<char> word)
    {
        if (word.IsEmpty || word.Length > MaxWordLength) return false;
        Span<char> lower = stackalloc char[word.Length];
        AzCasing.ToLower(word, lower);
        if (_lexicon.IsKnownWord(lower)) return true;
        foreach (char c in lower)
        {
            if (!char.IsLetter(c)) return false;
        }
        var candidates = new List<Candidate>(8);
        Parse(lower, lower.Length, Slot.Question + 1, 0, 0, false, false, false, false, candidates);
        foreach (var c in candidates)
        {
            if ((c.Replacement?.Length ?? c.Length) < 2) continue;
            var f = Flags(lower, c);
            if (c.Verbal ? (f & LexiconFlags.VerbRoot) != 0 : (f & (LexiconFlags.Headword | LexiconFlags.Name)) != 0) return true;
        }
        return false;
    }

    private void Remember(string word, string stem)
    {
        _cache.TryAdd(word, stem);
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

    /// <summary>One analysis: the stem is the first <see cref="Length"/> characters, or <see cref="Replacement"/> when a consonant or dropped vowel is restored.</summary>
    private readonly struct Candidate(int length, string? replacement, int cost, bool verbal, bool derivational)
    {
        public int Length { get; } = length;
        public string? Replacement { get; } = replacement;
        public int Cost { get; } = cost;
        public bool Verbal { get; } = verbal;
        public bool Derivational { get; } = derivational;
        /// <summary>Stem length less a penalty for rare suffixes (second person, aorist …): the preference among analyses.</summary>
        public int Score => Length - 2 * ExtraCost - (Replacement is not null && Replacement.Length > Length ? 1 : 0);
        public int ExtraCost { get; init; }
    }

    private string StemWord(string word)
    {
        Span<char> lower = stackalloc char[word.Length];
        AzCasing.ToLower(word, lower);
        bool capitalised = AzCasing.IsUpper(word[0]);
        var candidates = new List<Candidate>(8);
        Parse(lower, lower.Length, Slot.Question + 1, 0, 0, false, false, false, false, candidates);

        // Tier 1: names and places, longest.
        int best = -1;
        for (int k = 0; k < candidates.Count; k++)
        {
            var c = candidates[k];
            if (c.Verbal) continue;
            if ((Flags(lower, c) & LexiconFlags.Name) != 0 && (best < 0 || c.Score > candidates[best].Score)) best = k;
        }
        if (best < 0 && !capitalised) best = BestDictionary(lower, candidates, 2);
        // A capitalised dictionary word is taken as it is ("Gündəm", "Həmin", "Astana"): a name or a word at the start
        // of a sentence, either way not an inflected form of something shorter.
        if (best < 0 && capitalised && (_lexicon.FlagsOf(lower) & LexiconFlags.Headword) != 0) return word;
        if (best < 0)
        {
            // Tier 3: attested corpus forms (names the dictionary lacks: "Tokayevin" → "Tokayev"): the shortest stem
            // at most four times rarer than the most frequent candidate (twice, with a rarer ending such as -m). An inflected form may be more frequent than
            // its stem ("şurasının" ≥ "şura"), but a stem that is only a rare homograph ("put" in "Putinin") is not taken.
            int bestFreq = 0;
            for (int k = 0; k < candidates.Count; k++)
            {
                var c = candidates[k];
                if (c.Verbal || c.Derivational || c.Replacement is not null || c.ExtraCost >= 2 || c.Length < 3 && c.Length < lower.Length) continue;
                bestFreq = Math.Max(bestFreq, Frequency(lower, c));
            }
            if (bestFreq > 0)
            {
                for (int k = 0; k < candidates.Count; k++)
                {
                    var c = candidates[k];
                    if (c.Verbal || c.Derivational || c.Replacement is not null || c.ExtraCost >= 2 || c.Length < 3 && c.Length < lower.Length) continue;
                    int freq = Frequency(lower, c);
                    if (freq > 0 && freq >= bestFreq - 8 + 4 * c.ExtraCost && (best < 0 || c.Length < candidates[best].Length)) best = k;
                }
                bestFreq = Frequency(lower, candidates[best]);
            }
            if (capitalised)
            {
                // A capitalised dictionary word (at the start of a sentence): its dictionary stem or verb root (verb roots are
                // rare as bare words, so their frequency says nothing), unless the attested
                // form is more than sixteen times as frequent (a name that looks like a word: "Putin" is not "put" + "-in").
                int dict = BestDictionary(lower, candidates, 3);
                if (dict >= 0 && (best < 0 || candidates[dict].Length < candidates[best].Length
                    && candidates[dict].ExtraCost < 2
                    && (candidates[dict].Verbal || Frequency(lower, candidates[dict]) >= bestFreq - 16)))
                    best = dict;
            }
        }
        if (best < 0)
        {
            // Tier 4: an unknown word: nominal inflection only; the shortest stem of three letters or more, rare endings penalised.
            for (int k = 0; k < candidates.Count; k++)
            {
                var c = candidates[k];
                if (c.Verbal || c.Derivational || c.Replacement is not null || c.Length < 3 || c.Length == lower.Length) continue;
                int score = c.Length + 2 * c.ExtraCost;
                int bestScore = best < 0 ? int.MaxValue : candidates[best].Length + 2 * candidates[best].ExtraCost;
                if (score < bestScore || score == bestScore && c.Length < candidates[best].Length) best = k;
            }
        }
        if (best < 0) return word;
        var chosen = candidates[best];
        if (chosen.Replacement is null) return chosen.Length == word.Length ? word : word[..chosen.Length];
        // Restored consonant or vowel: keep the input's case for the unchanged part.
        var sb = new System.Text.StringBuilder(chosen.Replacement.Length);
        int same = 0;
        while (same < chosen.Length && same < chosen.Replacement.Length && lower[same] == chosen.Replacement[same]) same++;
        sb.Append(word, 0, same).Append(chosen.Replacement, same, chosen.Replacement.Length - same);
        return sb.ToString();
    }

    /// <summary>The best analysis whose stem is a dictionary headword (nominal endings) or verb root (verbal endings).</summary>
    private int BestDictionary(ReadOnlySpan<char> lower, List<Candidate> candidates, int minLength)
    {
        int best = -1;
        for (int k = 0; k < candidates.Count; k++)
        {
            var c = candidates[k];
            if ((c.Replacement?.Length ?? c.Length) < minLength) continue;
            var f = Flags(lower, c);
            bool ok = c.Verbal ? (f & LexiconFlags.VerbRoot) != 0 : (f & LexiconFlags.Headword) != 0;
            if (ok && (best < 0 || c.Score > candidates[best].Score || c.Score == candidates[best].Score && c.Cost < candidates[best].Cost)) best = k;
        }
        return best;
    }

    private LexiconFlags Flags(ReadOnlySpan<char> lower, Candidate c) =>
        c.Replacement is null ? _lexicon.FlagsOf(lower[..c.Length]) : _lexicon.FlagsOf(c.Replacement);

    private int Frequency(ReadOnlySpan<char> lower, Candidate c) =>
        c.Replacement is null ? _lexicon.FrequencyClass(lower[..c.Length]) : _lexicon.FrequencyClass(c.Replacement);

    /// <summary>Finite verb endings: after them only copula/person endings (and, after -dı/-sa, personal endings) may follow, never case or plural.</summary>
    private static bool IsFinite(SuffixForm f) => f.Slot == Slot.Verbal && f.Surface is not ("an" or "ən" or "yan" or "yən" or "dıq" or "dik" or "duq" or "dük"
        or "dığ" or "diy" or "duğ" or "düy" or "maq" or "mək" or "mağ" or "məy" or "ma" or "mə" or "acaq" or "əcək" or "yacaq" or "yəcək"
        or "acağ" or "əcəy" or "yacağ" or "yəcəy" or "ış" or "iş" or "uş" or "üş" or "yış" or "yiş" or "yuş" or "yüş" or "mış" or "miş" or "muş" or "müş");

    private static bool IsPastOrConditional(SuffixForm f) => f.Surface is "dı" or "di" or "du" or "dü" or "sa" or "sə";

    /// <summary>Collects every stem reachable by stripping suffixes from w[..end] in slot order.</summary>
    private static void Parse(ReadOnlySpan<char> w, int end, Slot maxSlot, int cost, int extra, bool verbal, bool derivational,
        bool innerMustBePossessive, bool nominalOutside, List<Candidate> found)
    {
        if (!innerMustBePossessive) Add(found, new Candidate(end, null, cost, verbal, derivational) { ExtraCost = extra });
        if (found.Count > 64 || end < 3) return;
        if (!Suffixes.ByLastChar.TryGetValue(w[end - 1], out var forms)) return;
        foreach (var f in forms)
        {
            if (f.Slot >= maxSlot) continue;
            if (innerMustBePossessive && f.Slot != Slot.Possessive) continue;
            int stemEnd = end - f.Length;
            if (stemEnd < 2) continue;
            if (!w[..end].EndsWith(f.Surface.AsSpan(), StringComparison.Ordinal)) continue;
            if (nominalOutside && IsFinite(f) && !(maxSlot == Slot.Possessive && IsPastOrConditional(f))) continue;
            char before = w[stemEnd - 1];
            bool vowelBefore = Suffixes.IsVowel(before);
            if (f.After == After.Vowel && !vowelBefore) continue;
            if (f.After == After.Consonant && vowelBefore) continue;
            if (f.HarmonyVowel != '\0' && LastVowel(w[..stemEnd]) is var v && v != '\0' && !Suffixes.Harmonises(v, f.HarmonyVowel)) continue;
            // A female surname is not a dative: "Həsənova" stays.
            if (f.Slot == Slot.Case && f.Surface is "a" && stemEnd >= 2 && w[stemEnd - 1] == 'v' && w[stemEnd - 2] is 'o' or 'e') continue;
            bool v2 = verbal || f.NeedsVerbRoot;
            bool d2 = derivational || f.NeedsDictionary;
            int extra2 = extra + f.Cost - 1;
            bool nominal2 = f.Slot is Slot.Plural or Slot.Possessive or Slot.Case || (nominalOutside && f.Slot > Slot.Verbal);
            Parse(w, stemEnd, f.Slot, cost + f.Cost, extra2, v2, d2, f.NeedsInnerPossessive, nominal2, found);
            if (f.NeedsInnerPossessive || !Suffixes.IsVowel(f.Surface[0])) continue;
            // Consonant alternation before a vowel: ayağı ← ayaq, ürəyi ← ürək, gedir ← get, kitabı ← kitab/kitap.
            char restored = before switch
            {
                'ğ' when stemEnd >= 3 => 'q',
                'y' when stemEnd >= 3 && Suffixes.IsVowel(w[stemEnd - 2]) => 'k',
                'd' when v2 => 't', // a verb's t before a vowel: gedir ← get; nouns keep d (ad → adı)
                _ => '\0',
            };
            if (restored != '\0')
                Add(found, new Candidate(stemEnd, string.Concat(w[..(stemEnd - 1)], new ReadOnlySpan<char>(in restored)), cost + f.Cost, v2, d2) { ExtraCost = extra2 });
            // A noun's high vowel dropped before a vowel: beyni ← beyin, ağzı ← ağız, oğlu ← oğul, burnu ← burun.
            if (!v2 && stemEnd >= 3 && !vowelBefore && !Suffixes.IsVowel(w[stemEnd - 2]) && LastVowel(w[..(stemEnd - 2)]) is var pv && pv != '\0')
            {
                char high = pv switch { 'a' or 'ı' => 'ı', 'o' or 'u' => 'u', 'ö' or 'ü' => 'ü', _ => 'i' };
                string s = string.Concat(w[..(stemEnd - 1)], new ReadOnlySpan<char>(in high), w.Slice(stemEnd - 1, 1));
                Add(found, new Candidate(stemEnd, s, cost + f.Cost, v2, d2) { ExtraCost = extra2 });
            }
        }
    }

    private static void Add(List<Candidate> found, Candidate c)
    {
        for (int k = 0; k < found.Count; k++)
        {
            var e = found[k];
            if (e.Length == c.Length && e.Replacement == c.Replacement && e.Verbal == c.Verbal && e.Derivational == c.Derivational)
            {
                if (c.ExtraCost < e.ExtraCost || c.ExtraCost == e.ExtraCost && c.Cost < e.Cost) found[k] = c;
                return;
            }
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
