using Icmal.Text.Casing;
using Icmal.Text.Transliteration;

namespace Icmal.Text.Entities;

/// <summary>
/// Names in Russian, English and other text the model was not trained on: runs of capitalised words (joined by
/// "of", "de", "van" and the like) are kept when something says what they are — a known entity
/// (<see cref="KnownEntities"/>), a gazetteer country or place, an organisation word ("Ministry", "Министерство",
/// "University", "Bank") or an acronym, a surname ending (-ov, -eva, -in, -sky) or given name, or a title before it
/// ("President", "президент"). A run at the start of a sentence needs such evidence from a word other than its
/// first capital. Everything else is left out: a missed name costs less than a wrong one.
/// </summary>
internal static class CapitalisedNameRules
{
    private static readonly HashSet<string> Joiners = new(StringComparer.Ordinal) { "of", "de", "da", "van", "von", "der", "la", "al", "bin", "ibn", "the" };

    private static readonly string[] OrganisationWords =
    [
        "ministry", "university", "bank", "party", "council", "organization", "organisation", "committee", "agency", "company",
        "corporation", "union", "association", "institute", "academy", "foundation", "fund", "parliament", "government", "court",
        "assembly", "commission", "office", "service", "group", "federation", "league", "club", "news", "times", "press",
        "ministerstvo", "universitet", "partiya", "sovet", "organizatsiya", "organizasiya", "komitet", "agentstvo", "kompaniya",
        "soyuz", "institut", "akademiya", "fond", "parlament", "pravitelstvo", "sud", "assambleya", "komissiya", "slujba", "federatsiya",
    ];

    private static readonly HashSet<string> Titles = new(StringComparer.Ordinal)
    {
        "president", "minister", "prime", "chairman", "secretary", "senator", "mr", "mrs", "ms", "dr", "general", "king", "queen",
        "prezident", "ministr", "premyer", "glava", "predsedatel", "sekretar", "posol", "lider", "spiker", "deputat",
    };

    /// <summary>
    /// The most words a known name is written in, its hyphens split as the tokenizer may split them: a run of capitals
    /// is looked up in pieces no longer. Every piece of the run was looked up, each joined afresh, so a run of 250
    /// capitalised words (a sentence's most) cost ~250⁴ word reads: 1.5 s for 20,000 characters of "John Smith".
    /// </summary>
    private static readonly int LongestKnown =
        KnownEntities.All.SelectMany(e => e.Aliases.Append(e.Name)).Max(n => n.Split(' ').Length + 2 * n.Count(c => c == '-'));

    private static readonly string[] PersonEndings = ["ov", "ova", "ev", "eva", "yev", "yeva", "in", "ina", "skiy", "ski", "sky", "skaya", "enko", "yan", "dze", "şvili", "zadə", "oğlu"];

    /// <summary>Tags one sentence of tokens (<see cref="NerTags"/>).</summary>
    public static int[] Tag(IReadOnlyList<string> words, NerGazetteer gazetteer)
    {
        var tags = new int[words.Count];
        bool sentenceStart = true;
        for (int i = 0; i < words.Count;)
        {
            if (!IsCapitalised(words[i]) || IsTitle(words[i]) || Determiners.Contains(words[i]))
            {
                if (words[i].Any(char.IsLetterOrDigit)) sentenceStart = false;
                i++;
                continue;
            }
            int end = i + 1;
            while (end < words.Count && (IsCapitalised(words[end]) && !IsTitle(words[end]) || end + 1 < words.Count && Joiners.Contains(words[end]) && IsCapitalised(words[end + 1])))
                end++;
            // Known names inside the run stand apart ("Казахстана | Касым-Жомарт Токаев"); the rest is judged by its words.
            for (int k = i; k < end;)
            {
                int known = Math.Min(end, k + LongestKnown);
                EntityKind? kind = null;
                for (; known > k; known--)
                    if ((kind = KnownKind(words, k, known)) is not null) break;
                if (kind is null)
                {
                    known = k + 1;
                    while (known < end && !Enumerable.Range(known + 1, Math.Min(end, known + LongestKnown) - known).Any(e => KnownKind(words, known, e) is not null))
                        known++;
                    kind = KindOf(words, k, known, sentenceStart && k == i, gazetteer);
                }
                if (kind is { } found)
                {
                    tags[k] = NerTags.Begin(found);
                    for (int j = k + 1; j < known; j++) tags[j] = NerTags.Inside(found);
                }
                k = known;
            }
            sentenceStart = false;
            i = end;
        }
        return tags;
    }

    private static EntityKind? KnownKind(IReadOnlyList<string> words, int start, int end)
    {
        var latin = new string[end - start];
        for (int i = start; i < end; i++) latin[i - start] = CyrillicTransliterator.ToAzerbaijaniLatin(words[i]);
        string joined = string.Join(' ', latin);
        return (KnownEntities.Find(joined) ?? KnownEntities.FindRussianInflected(joined))?.Kind;
    }

    private static EntityKind? KindOf(IReadOnlyList<string> words, int start, int end, bool sentenceStart, NerGazetteer gazetteer)
    {
        var latin = new string[end - start];
        for (int i = start; i < end; i++) latin[i - start] = AzCasing.ToLower(CyrillicTransliterator.ToAzerbaijaniLatin(words[i]));
        if (end - start == 1 && latin[0].Length > 1 && words[start].All(c => !char.IsLetter(c) || AzCasing.IsUpper(c))) return EntityKind.Organization;
        if (latin.Any(w => OrganisationWords.Any(o => w.StartsWith(o, StringComparison.Ordinal)))) return EntityKind.Organization;
        if (latin.Any(w => (gazetteer.Lookup(w) & (GazetteerFlags.Country | GazetteerFlags.Place)) != 0)) return EntityKind.Location;
        bool titled = start > 0 && IsTitle(words[start - 1]);
        int from = sentenceStart && !titled ? 1 : 0;
        for (int i = from; i < latin.Length; i++)
        {
            if ((gazetteer.Lookup(latin[i]) & (GazetteerFlags.GivenName | GazetteerFlags.Surname)) != 0) return EntityKind.Person;
            if (latin[i].Length >= 5 && PersonEndings.Any(e => latin[i].EndsWith(e, StringComparison.Ordinal))) return EntityKind.Person;
        }
        return titled ? EntityKind.Person : null;
    }

    private static readonly HashSet<string> Determiners = new(StringComparer.Ordinal) { "The", "A", "An" };

    private static bool IsTitle(string word) => Titles.Contains(AzCasing.ToLower(CyrillicTransliterator.ToAzerbaijaniLatin(word)));

    private static bool IsCapitalised(string word) => word.Length > 0 && char.IsLetter(word[0]) && AzCasing.IsUpper(word[0]);
}
