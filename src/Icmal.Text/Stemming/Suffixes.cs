namespace Icmal.Text.Stemming;

/// <summary>Where a suffix sits in the word, inner to outer; a word's suffixes are stripped from the outside in.</summary>
internal enum Slot : byte
{
    Voice = 1,        // -ıl, -ın, -dır, -t, -ış (verb to verb)
    Derivation = 2,   // -lıq, -lı, -sız, -çı (noun to noun/adjective)
    Negation = 3,     // -ma
    Verbal = 4,       // tense, participle, converb, infinitive
    Plural = 5,
    Possessive = 6,
    Case = 7,
    Predicate = 8,    // copula and person: -dır, -am, -san, -ıq, -sınız, -dı, -mış
    Question = 9,     // -mı
}

/// <summary>What the sound before a suffix variant must be.</summary>
internal enum After : byte { Any, Vowel, Consonant }

/// <summary>One concrete surface form of a suffix ("lar", "ların" are two different suffixes' forms).</summary>
internal sealed record SuffixForm(string Surface, Slot Slot, After After, char HarmonyVowel, int Cost, bool NeedsVerbRoot, bool NeedsDictionary, bool NeedsInnerPossessive)
{
    /// <summary>Number of UTF-16 units.</summary>
    public int Length => Surface.Length;
}

/// <summary>
/// The Azerbaijani suffix inventory, written with archiphonemes and expanded to every harmonic surface form:
/// A = a/ə (two-way harmony), I = ı/i/u/ü (four-way), (y)/(n)/(s) buffer consonants after vowels,
/// and q→k, ğ→y in front-vowel forms (-lıq/-lik, -acaq/-əcək, -dığı/-diyi).
/// </summary>
internal static class Suffixes
{
    private readonly record struct Pattern(string Text, Slot Slot, After After = After.Any, int Cost = 1,
        bool VerbRoot = false, bool Dictionary = false, bool InnerPossessive = false);

    private static readonly Pattern[] Patterns =
    [
        // Verb voice (only onto verb roots the dictionary knows).
        new("Il", Slot.Voice, After.Consonant, 2, VerbRoot: true),
        new("In", Slot.Voice, After.Consonant, 2, VerbRoot: true),
        new("n", Slot.Voice, After.Vowel, 2, VerbRoot: true),
        new("dIr", Slot.Voice, After.Any, 2, VerbRoot: true),
        new("t", Slot.Voice, After.Vowel, 2, VerbRoot: true),
        new("Iş", Slot.Voice, After.Consonant, 2, VerbRoot: true),
        // Derivation (only onto dictionary words and names: "Qazaxıstanlı", "qanunsuz").
        new("lIq", Slot.Derivation, Cost: 2, Dictionary: true),
        new("lIğ", Slot.Derivation, Cost: 2, Dictionary: true),
        new("lI", Slot.Derivation, Cost: 2, Dictionary: true),
        new("sIz", Slot.Derivation, Cost: 2, Dictionary: true),
        new("çI", Slot.Derivation, Cost: 2, Dictionary: true),
        new("lAş", Slot.Derivation, Cost: 2, Dictionary: true),
        // Negation.
        new("mA", Slot.Negation, Cost: 2, VerbRoot: true),
        // Tense, aspect, mood, participles, converbs, verbal nouns.
        new("Ir", Slot.Verbal, After.Consonant, VerbRoot: true),
        new("yIr", Slot.Verbal, After.Vowel, VerbRoot: true),
        new("Ib", Slot.Verbal, After.Consonant, VerbRoot: true),
        new("yIb", Slot.Verbal, After.Vowel, VerbRoot: true),
        new("dI", Slot.Verbal, VerbRoot: true),
        new("mIş", Slot.Verbal, VerbRoot: true),
        new("AcAq", Slot.Verbal, After.Consonant, VerbRoot: true),
        new("yAcAq", Slot.Verbal, After.Vowel, VerbRoot: true),
        new("AcAğ", Slot.Verbal, After.Consonant, VerbRoot: true),
        new("yAcAğ", Slot.Verbal, After.Vowel, VerbRoot: true),
        new("Ar", Slot.Verbal, After.Consonant, 2, VerbRoot: true),
        new("r", Slot.Verbal, After.Vowel, 2, VerbRoot: true),
        new("mAz", Slot.Verbal, Cost: 2, VerbRoot: true),
        new("mAlI", Slot.Verbal, VerbRoot: true),
        new("An", Slot.Verbal, After.Consonant, VerbRoot: true),
        new("yAn", Slot.Verbal, After.Vowel, VerbRoot: true),
        new("dIq", Slot.Verbal, VerbRoot: true),
        new("dIğ", Slot.Verbal, VerbRoot: true),
        new("mAq", Slot.Verbal, VerbRoot: true),
        new("mAğ", Slot.Verbal, VerbRoot: true),
        new("mA", Slot.Verbal, VerbRoot: true),
        new("mAkdA", Slot.Verbal, VerbRoot: true),
        new("ArAq", Slot.Verbal, After.Consonant, VerbRoot: true),
        new("yArAq", Slot.Verbal, After.Vowel, VerbRoot: true),
        new("mAdAn", Slot.Verbal, VerbRoot: true),
        new("AndA", Slot.Verbal, After.Consonant, VerbRoot: true),
        new("yAndA", Slot.Verbal, After.Vowel, VerbRoot: true),
        new("sA", Slot.Verbal, Cost: 2, VerbRoot: true),
        new("Aq", Slot.Verbal, After.Consonant, 2, VerbRoot: true),
        new("yAq", Slot.Verbal, After.Vowel, 2, VerbRoot: true),
        new("Iş", Slot.Verbal, After.Consonant, 2, VerbRoot: true),
        new("yIş", Slot.Verbal, After.Vowel, 2, VerbRoot: true),
        // Plural.
        new("lAr", Slot.Plural),
        // Possessive.
        new("Im", Slot.Possessive, After.Consonant, 2),
        new("m", Slot.Possessive, After.Vowel, 2),
        new("In", Slot.Possessive, After.Consonant, 3),
        new("n", Slot.Possessive, After.Vowel, 3),
        new("I", Slot.Possessive, After.Consonant),
        new("sI", Slot.Possessive, After.Vowel),
        new("ImIz", Slot.Possessive, After.Consonant),
        new("mIz", Slot.Possessive, After.Vowel),
        new("InIz", Slot.Possessive, After.Consonant, 3),
        new("nIz", Slot.Possessive, After.Vowel, 3),
        // Case.
        new("In", Slot.Case, After.Consonant),
        new("nIn", Slot.Case, After.Vowel),
        new("I", Slot.Case, After.Consonant),
        new("nI", Slot.Case, After.Vowel),
        new("A", Slot.Case, After.Consonant),
        new("yA", Slot.Case, After.Vowel),
        new("nA", Slot.Case, After.Vowel, InnerPossessive: true),
        new("dA", Slot.Case),
        new("ndA", Slot.Case, After.Vowel, InnerPossessive: true),
        new("dAn", Slot.Case),
        new("ndAn", Slot.Case, After.Vowel, InnerPossessive: true),
        new("lA", Slot.Case, After.Consonant),
        new("ylA", Slot.Case, After.Vowel),
        new("dAkI", Slot.Case),
        new("ndAkI", Slot.Case, After.Vowel, InnerPossessive: true),
        new("dAk", Slot.Case, Cost: 2),
        new("cA", Slot.Case, Cost: 2, Dictionary: true),
        // Predicate: copula and person.
        new("dIr", Slot.Predicate),
        new("dIrlAr", Slot.Predicate),
        new("Am", Slot.Predicate, After.Consonant, 3),
        new("yAm", Slot.Predicate, After.Vowel, 3),
        new("sAn", Slot.Predicate, Cost: 3),
        new("Iq", Slot.Predicate, After.Consonant, 3),
        new("yIq", Slot.Predicate, After.Vowel, 3),
        new("sInIz", Slot.Predicate, Cost: 3),
        new("lAr", Slot.Predicate, Cost: 2),
        new("ydI", Slot.Predicate, After.Vowel, 2),
        new("ymIş", Slot.Predicate, After.Vowel, 2),
        new("ysA", Slot.Predicate, After.Vowel, 2),
        // Question particle.
        new("mI", Slot.Question, Cost: 2),
    ];

    /// <summary>Every surface form, longest first.</summary>
    public static readonly SuffixForm[] All = Expand();

    /// <summary>Surface forms by their last character, longest first.</summary>
    public static readonly Dictionary<char, SuffixForm[]> ByLastChar =
        All.GroupBy(f => f.Surface[^1]).ToDictionary(g => g.Key, g => g.ToArray());

    /// <summary>The longest surface form.</summary>
    public static readonly int MaxLength = All.Max(f => f.Length);

    private static SuffixForm[] Expand()
    {
        var list = new List<SuffixForm>();
        foreach (var p in Patterns)
        {
            // The harmony class is decided by the first archiphoneme; later ones follow it.
            // Back-unrounded, back-rounded, front-unrounded, front-rounded stems.
            foreach (var (aVowel, iVowel) in new[] { ('a', 'ı'), ('a', 'u'), ('ə', 'i'), ('ə', 'ü') })
            {
                bool front = aVowel == 'ə';
                var chars = new char[p.Text.Length];
                char harmony = '\0';
                bool hasArchiphoneme = false;
                for (int k = 0; k < p.Text.Length; k++)
                {
                    char c = p.Text[k];
                    char o = c switch
                    {
                        'A' => aVowel,
                        // After A the I vowel is unrounded (-ları, -ləri), whatever the stem's rounding.
                        'I' => HasAEarlier(p.Text, k) ? (front ? 'i' : 'ı') : iVowel,
                        'q' when front => 'k',
                        'ğ' when front => 'y',
                        _ => c,
                    };
                    if ((c == 'A' || c == 'I') && !hasArchiphoneme)
                    {
                        hasArchiphoneme = true;
                        harmony = o;
                    }
                    chars[k] = o;
                }
                string surface = new(chars);
                if (list.Exists(f => f.Surface == surface && f.Slot == p.Slot && f.After == p.After && f.HarmonyVowel == harmony)) continue;
                list.Add(new SuffixForm(surface, p.Slot, p.After, harmony, p.Cost, p.VerbRoot, p.Dictionary, p.InnerPossessive));
                if (!hasArchiphoneme) break;
            }
        }
        // A-only patterns expanded with rounded I-vowels give duplicates; the check above removes them.
        return [.. list.OrderByDescending(f => f.Length)];
    }

    private static bool HasAEarlier(string text, int k)
    {
        for (int j = 0; j < k; j++)
        {
            if (text[j] == 'A') return true;
        }
        return false;
    }

    public static bool IsVowel(char c) => c is 'a' or 'ı' or 'o' or 'u' or 'e' or 'ə' or 'i' or 'ö' or 'ü';

    /// <summary>True when a suffix whose first harmonic vowel is <paramref name="suffixVowel"/> may follow a stem whose last vowel is <paramref name="stemVowel"/>.</summary>
    public static bool Harmonises(char stemVowel, char suffixVowel) => suffixVowel switch
    {
        '\0' => true,
        'a' => stemVowel is 'a' or 'ı' or 'o' or 'u',
        'ə' => stemVowel is 'e' or 'ə' or 'i' or 'ö' or 'ü',
        'ı' => stemVowel is 'a' or 'ı',
        'u' => stemVowel is 'o' or 'u',
        'i' => stemVowel is 'e' or 'ə' or 'i',
        'ü' => stemVowel is 'ö' or 'ü',
        _ => true,
    };
}
