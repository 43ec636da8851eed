using Icmal.Text.Casing;

namespace Icmal.Text.Entities;

public sealed partial class NerModel
{
    /// <summary>A name of several capitalised words known before any text is read, lower-cased word by word, and what it names.</summary>
    private sealed record KnownName(string[] Words, EntityKind Kind);

    /// <summary>
    /// The known names of several words, by their first word: the Azerbaijani names of countries and their places
    /// (<see cref="PlaceCountries"/>) and the organisations and places of <see cref="KnownEntities"/>, longest first.
    /// </summary>
    private static readonly Dictionary<string, KnownName[]> KnownNamesByFirstWord = BuildKnownNames();

    /// <summary>The Azerbaijani one-word names of countries and their places (<see cref="PlaceCountries"/>), lower-cased.</summary>
    private static readonly HashSet<string> KnownPlaceWords = new(
        PlaceCountries.All.Where(p => p.Azerbaijani && p.Kind != PlaceKind.Demonym && !p.Form.Contains(' ', StringComparison.Ordinal)).Select(p => AzCasing.ToLower(p.Form)),
        StringComparer.Ordinal);

    /// <summary>Whether a lower-cased word is a known place's one-word name, bare or with one case ending ("tehrana").</summary>
    private static bool IsKnownPlaceWord(string lower)
    {
        if (KnownPlaceWords.Contains(lower)) return true;
        for (int cut = 1; cut <= 5 && cut < lower.Length - 2; cut++)
        {
            if (NameCaseEndings.Contains(lower[^cut..]) && KnownPlaceWords.Contains(lower[..^cut])) return true;
        }
        return false;
    }

    private static Dictionary<string, KnownName[]> BuildKnownNames()
    {
        var names = new List<(string Name, EntityKind Kind)>();
        names.AddRange(PlaceCountries.All.Where(p => p.Azerbaijani && p.Kind != PlaceKind.Demonym).Select(p => (p.Form, EntityKind.Location)));
        // The news also writes a hyphenated place apart ("Nyu York", "Əbu Dabi" for "Nyu-York", "Əbu-Dabi"), and quotes
        // places in English ("Hong Kong"): the weights read both as people.
        names.AddRange(PlaceCountries.All.Where(p => p.Azerbaijani && p.Kind != PlaceKind.Demonym && p.Form.Contains('-', StringComparison.Ordinal))
            .Select(p => (p.Form.Replace('-', ' '), EntityKind.Location)));
        names.AddRange(PlaceCountries.All.Where(p => !p.Azerbaijani && p.Kind != PlaceKind.Demonym && p.Form.Contains(' ', StringComparison.Ordinal))
            .Select(p => (p.Form, EntityKind.Location)));
        foreach (var known in KnownEntities.All.Where(k => k.Kind != EntityKind.Person))
            names.AddRange(known.Aliases.Prepend(known.Name).Select(n => (n, known.Kind)));
        var byFirst = new Dictionary<string, List<KnownName>>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, kind) in names)
        {
            string[] words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            // Azerbaijani Latin only: the tagger reads Cyrillic after transliteration, and English names it does not tag.
            // Every word capitalised: a name with a common noun in it ("Xəzər dənizi", "Fars körfəzi") is tagged as
            // the training data writes it, its proper name alone.
            if (words.Length < 2 || words.Any(w => w.Any(c => c is >= '\u0400' and <= '\u04FF' || !char.IsLetter(c) && c != '-'))) continue;
            // Joining words inside an organisation's name stay lower-case ("Elm və Təhsil Nazirliyi", "… üzrə Dövlət Agentliyi").
            if (!words.Select((w, j) => AzCasing.IsUpper(w[0]) || j > 0 && j < words.Length - 1 && IsJoiningWord(w)).All(ok => ok)) continue;
            string[] lower = [.. words.Select(AzCasing.ToLower)];
            if (!seen.Add(string.Join(' ', lower))) continue;
            if (!byFirst.TryGetValue(lower[0], out var list)) byFirst[lower[0]] = list = [];
            list.Add(new KnownName(lower, kind));
        }
        return byFirst.ToDictionary(kv => kv.Key, kv => kv.Value.OrderByDescending(n => n.Words.Length).ToArray(), StringComparer.Ordinal);
    }

    /// <summary>
    /// A known name of several words, its last word inflected or not, is one name of its kind wherever the weights cut
    /// it or left a word of it out: "Amerika Birləşmiş Ştatlarında" came out as the place "Amerika Birləşmiş",
    /// "Birləşmiş Ərəb Əmirliklərində" as two places, because the training sentences rarely inflect the last word of a
    /// long name. A name the weights read whole is given its known kind ("Birləşmiş Ərəb Əmirliklərində" was read as a
    /// person once); one inside a longer name ("Birləşmiş Millətlər Təşkilatının Təhlükəsizlik Şurası") is left as
    /// they read it. A person of one word that is a known place's one-word name, bare or inflected, is the place
    /// ("Tehrana" read as a person after a mended name).
    /// </summary>
    internal static void KnownNames(NerToken[] sentence, Span<int> tags)
    {
        int n = sentence.Length;
        for (int i = 0; i < n; i++)
        {
            // A person of one word that is a known place's name is the place ("Əmirliklərindən Tehrana" read as a person).
            if (tags[i] == NerTags.Begin(EntityKind.Person) && (i + 1 == n || !NerTags.IsInside(tags[i + 1])) && IsKnownPlaceWord(sentence[i].Lower))
                tags[i] = NerTags.Begin(EntityKind.Location);
            if (i == n - 1 || !sentence[i].IsCapitalised || !KnownNamesByFirstWord.TryGetValue(sentence[i].Lower, out var candidates)) continue;
            foreach (var name in candidates)
            {
                int k = name.Words.Length;
                if (i + k > n || !Matches(sentence, i, name)) continue;
                bool insideLonger = OneSpan(tags, i, k) && (NerTags.IsInside(tags[i]) || i + k < n && NerTags.IsInside(tags[i + k]));
                if (!insideLonger)
                {
                    // The words after the name that the weights carried on from its last word start their own name.
                    if (i + k < n && NerTags.IsInside(tags[i + k])) tags[i + k] = NerTags.Begin(NerTags.KindOf(tags[i + k])!.Value);
                    for (int j = i; j < i + k; j++) tags[j] = j == i ? NerTags.Begin(name.Kind) : NerTags.Inside(name.Kind);
                }
                i += k - 1;
                break;
            }
        }
    }

    /// <summary>
    /// A word that joins the parts of a name and stays lower-case in it: "and", "on" (a field), "attached to". (A
    /// method, not a set: the known names are built in a static initialiser, which may run before another file's.)
    /// </summary>
    private static bool IsJoiningWord(string word) => word is "və" or "üzrə" or "yanında";

    /// <summary>Whether the words from <paramref name="start"/> are <paramref name="name"/>, its last word with a case ending or not.</summary>
    private static bool Matches(NerToken[] sentence, int start, KnownName name)
    {
        int last = name.Words.Length - 1;
        for (int j = 0; j <= last; j++)
        {
            var token = sentence[start + j];
            if (!token.IsCapitalised && !IsJoiningWord(name.Words[j])) return false;
            if (j < last ? !string.Equals(token.Lower, name.Words[j], StringComparison.Ordinal) : !IsInflectedForm(token.Lower, name.Words[j])) return false;
        }
        return true;
    }

    /// <summary>Case endings a name's last word takes: after a possessive (Ştatları-nda) or after the word itself (Britaniya-da, Zelandiya-nın).</summary>
    private static readonly HashSet<string> NameCaseEndings = new(
        [
            .. EntityLinker.PossessiveThenCase, "ndakı", "ndəki",
            "dan", "dən", "tan", "tən", "da", "də", "ta", "tə", "dakı", "dəki", "ya", "yə", "yı", "yi", "yu", "yü",
            "ın", "in", "un", "ün", "a", "ə", "ı", "i", "u", "ü", "la", "lə",
        ],
        StringComparer.Ordinal);

    /// <summary>
    /// <paramref name="word"/> is <paramref name="lemma"/> or it with one case ending (a vowel ending turning a final q
    /// or k to ğ or y): not a derived word ("Zelandiyalı", a New Zealander, is no place) nor a plural.
    /// </summary>
    private static bool IsInflectedForm(string word, string lemma)
    {
        if (word.StartsWith(lemma, StringComparison.Ordinal)) return word.Length == lemma.Length || NameCaseEndings.Contains(word[lemma.Length..]);
        // A final q or k turns to ğ or y before a vowel ending: "prokurorluğun" is "prokurorluq" in the genitive.
        char turned = lemma[^1] switch { 'q' => 'ğ', 'k' => 'y', _ => '\0' };
        return turned != '\0' && word.Length > lemma.Length && word[lemma.Length - 1] == turned
            && word.AsSpan(0, lemma.Length - 1).SequenceEqual(lemma.AsSpan(0, lemma.Length - 1))
            && "aıoueəiöü".Contains(word[lemma.Length], StringComparison.Ordinal) && NameCaseEndings.Contains(word[lemma.Length..]);
    }

    /// <summary>Whether the <paramref name="length"/> tags from <paramref name="start"/> lie inside one name, which may go on past them.</summary>
    private static bool OneSpan(Span<int> tags, int start, int length)
    {
        if (tags[start] == NerTags.O) return false;
        var kind = NerTags.KindOf(tags[start]);
        for (int j = start + 1; j < start + length; j++)
        {
            if (tags[j] != NerTags.Inside(kind!.Value)) return false;
        }
        return true;
    }
}
