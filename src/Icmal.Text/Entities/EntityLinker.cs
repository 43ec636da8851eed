using System.Text;
using Icmal.Text.Casing;
using Icmal.Text.Normalization;
using Icmal.Text.Stemming;
using Icmal.Text.Tokenization;
using Icmal.Text.Transliteration;

namespace Icmal.Text.Entities;

/// <summary>
/// One entity of a text: its canonical name and kind, a key that is the same in every article naming it (for
/// merging across articles), and its mentions.
/// </summary>
public sealed record LinkedEntity(string Name, EntityKind Kind, string Key, IReadOnlyList<EntityMention> Mentions);

/// <summary>
/// Resolves the mentions of one text to entities: every inflection ("Tokayevin" → "Tokayev"; "Təşkilatına" →
/// "Təşkilatı" at the end of a name), script ("Токаев"), spelling ("Kassym" and "Kasım") and short form (a surname
/// after the full name, an acronym after the words it abbreviates: "TDT" ← "Türk Dövlətləri Təşkilatı") of one entity
/// comes to one <see cref="LinkedEntity"/>. <see cref="KnownEntities"/> gives the canonical name of entities the news
/// names in many spellings; otherwise the fullest form in the text is the name. A pure function.
/// </summary>
public static partial class EntityLinker
{
    /// <summary>Tags <paramref name="text"/> with <see cref="NamedEntityTagger.Default"/> and links the mentions.</summary>
    public static List<LinkedEntity> FindEntities(string text, string? language = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Link(NamedEntityTagger.Default.Find(text, language));
    }

    /// <summary>
    /// <see cref="FindEntities(string, string?)"/> of a text already normalised and tokenised (shared with the
    /// article's other analyses).
    /// </summary>
    public static List<LinkedEntity> FindEntities(TokenizedText text, string? language = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Link(NamedEntityTagger.Default.Find(text, language));
    }

    /// <summary>The entities of one text's <paramref name="mentions"/>, in order of first mention.</summary>
    public static List<LinkedEntity> Link(IReadOnlyList<EntityMention> mentions)
    {
        ArgumentNullException.ThrowIfNull(mentions);
        var groups = new List<Group>();
        var byKey = new Dictionary<string, Group>(StringComparer.Ordinal);
        var pending = new List<(EntityMention Mention, string[] Words, string Form)>();

        // Full forms first: known entities and names of two words or more found their groups.
        foreach (var m in TwoPeopleApart(mentions).OrderBy(m => m.Start))
        {
            var (words, form) = BaseFormOf(m.Text, m.Kind);
            if (words.Length == 0) continue;
            // A known name as written ("Kazakhstan", which the stemmer would cut), in its base form, inflected in Russian,
            // or with a case ending the stemmer left on a short last word ("Ağ Evin").
            if ((KnownEntities.Find(m.Text) ?? KnownEntities.Find(form)
                ?? (HasCyrillic(m.Text) ? KnownEntities.FindRussianInflected(form) : KnownEntities.FindWithCaseEnding(form))) is { } known)
            {
                GroupFor("known:" + KeyOf(known.Name), known.Kind, known).Add(m, form);
                continue;
            }
            if (words.Length >= 2 && !IsInitial(words[0]) && !IsGivenNameAndPatronymic(m.Kind, words)) GroupFor(m.Kind + ":" + KeyOf(form), m.Kind, null).Add(m, form);
            else pending.Add((m, words, form));
        }
        MergeSpellings(groups, byKey);

        // Short forms: a surname (or "İ. Əliyev") joins the nearest full name it ends, else a known person of that
        // surname and initial ("D. Tramp" in a text that never spells Donald out); an acronym the name it abbreviates.
        foreach (var (m, words, form) in pending)
        {
            Group? target = m.Kind switch
            {
                // "Kasım-Jomart Kemeleviç" (a given name and a patronymic, the Russian formal address) is the person of
                // that given name the text names in full, else the known person of that given name.
                EntityKind.Person when IsGivenNameAndPatronymic(m.Kind, words) =>
                    Nearest(groups.Where(g => g.Kind == EntityKind.Person && g.HasGivenName(words[0])), m.Start)
                    ?? (KnownByGivenName(words[0]) is { } person ? GroupFor("known:" + KeyOf(person.Name), EntityKind.Person, person) : null),
                EntityKind.Person => Nearest(groups.Where(g => g.Kind == EntityKind.Person && g.EndsWithSurnameOf(words)), m.Start)
                    ?? (KnownByInitials(words) is { } person ? GroupFor("known:" + KeyOf(person.Name), EntityKind.Person, person) : null),
                EntityKind.Organization when IsAcronym(form) => Nearest(groups.Where(g => g.Kind == EntityKind.Organization && g.Initials == AzCasing.ToUpper(form)), m.Start),
                _ => null,
            };
            target ??= GroupFor(m.Kind + ":" + KeyOf(form), m.Kind, null);
            target.Add(m, form);
        }

        return [.. groups.Where(g => g.Mentions.Count > 0).OrderBy(g => g.Mentions.Min(m => m.Start)).Select(g => g.ToEntity())];

        Group GroupFor(string key, EntityKind kind, KnownEntity? known)
        {
            if (byKey.TryGetValue(key, out var g)) return g;
            g = new Group(kind, known);
            byKey[key] = g;
            groups.Add(g);
            return g;
        }
    }

    /// <summary>A mention's <see cref="BaseWords"/> and their form (the words one space apart).</summary>
    private sealed record BaseForm(string[] Words, string Form);

    /// <summary>
    /// The base forms made so far, by mention text and kind: the same names recur in article after article, and each
    /// base form costs a normalisation, a transliteration, a split and a stem (issue #17: linking allocated half of an
    /// article's facts). Bounded like <see cref="Keys"/>; a base form is a pure function of its text and kind, and its
    /// words are only read.
    /// </summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Text, EntityKind Kind), BaseForm> BaseForms = new();
    private const int MaxBaseForms = 100_000;
    private static int _baseFormCount;

    private static BaseForm BaseFormOf(string text, EntityKind kind)
    {
        if (BaseForms.TryGetValue((text, kind), out var found)) return found;
        string[] words = BaseWords(text, kind);
        var made = new BaseForm(words, string.Join(' ', words));
        if (Volatile.Read(ref _baseFormCount) < MaxBaseForms && BaseForms.TryAdd((text, kind), made)) Interlocked.Increment(ref _baseFormCount);
        return made;
    }

    /// <summary>
    /// The key a name matches on: normalised, Cyrillic written in Azerbaijani Latin, lower-cased, folded to ASCII,
    /// every run of other characters one space ("Türk Dövlətləri Təşkilatı" → "turk dovletleri teskilati", "Токаев" → "tokayev").
    /// </summary>
    public static string KeyOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (Keys.TryGetValue(name, out string? key)) return key;
        key = ComputeKey(name);
        if (Volatile.Read(ref _keyCount) < MaxKeys && Keys.TryAdd(name, key)) Interlocked.Increment(ref _keyCount);
        return key;
    }

    /// <summary>
    /// The keys computed so far, by name as given: linking asks for the key of every mention and form several times
    /// (known-entity lookup, grouping, spellings, surnames), and the same few thousand names recur in every article.
    /// Bounded (a name past the bound is keyed each time); a key is a pure function of the name.
    /// </summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Keys = new(StringComparer.Ordinal);
    private const int MaxKeys = 100_000;
    private static int _keyCount;

    private static string ComputeKey(string name)
    {
        string latin = CyrillicTransliterator.ToAzerbaijaniLatin(AzNormalizer.NormalizeToString(name));
        var sb = new StringBuilder(latin.Length);
        foreach (char c in latin)
        {
            char f = AzCasing.FoldAscii(c);
            if (char.IsLetterOrDigit(f)) sb.Append(f);
            else if (c != '\'' && sb.Length > 0 && sb[^1] != ' ') sb.Append(' ');
        }
        return sb.ToString().TrimEnd();
    }

    /// <summary>
    /// The keys a name typed into a search may mean, as <see cref="KeyOf"/> writes them, fullest first: the name as
    /// typed, and its base form read as a person's and as an organisation's or a place's name (the inflection of the
    /// last word off, titles off: "Tokayevin" → "tokayev", "Prezident Əliyevlə" → "eliyev", "TDT-nin" → "tdt",
    /// "Türk Dövlətləri Təşkilatına" → "turk dovletleri teskilati"); Cyrillic is read in Azerbaijani Latin
    /// ("Токаев" → "tokayev"). Keys shorter than three letters are left out (they would match half the archive).
    /// </summary>
    public static IReadOnlyList<string> QueryKeys(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var keys = new List<string>(3);
        Add(KeyOf(query));
        Add(KeyOf(string.Join(' ', BaseWords(query, EntityKind.Person))));
        Add(KeyOf(string.Join(' ', BaseWords(query, EntityKind.Organization))));
        return keys;

        void Add(string key)
        {
            if (key.Length >= 3 && !keys.Contains(key, StringComparer.Ordinal)) keys.Add(key);
        }
    }

    /// <summary>
    /// The words of a mention in their base form: quotes and brackets off, titles before a person's name off
    /// ("Prezident İlham Əliyevin" → "İlham Əliyev"), the last word's inflection off — for a person or a one-word name
    /// by the stemmer, for a longer name only the case ending after the possessive the name ends with
    /// ("Türk Dövlətləri Təşkilatına" → "… Təşkilatı", "Xəzər dənizində" → "Xəzər dənizi"), and a state's long name
    /// inside an institution's name off ("Azərbaycan Respublikasının Mərkəzi Bankı" → "Azərbaycan Mərkəzi Bankı").
    /// </summary>
    internal static string[] BaseWords(string text, EntityKind kind)
    {
        string latin = CyrillicTransliterator.ToAzerbaijaniLatin(AzNormalizer.NormalizeToString(text));
        var words = new List<string>();
        foreach (string raw in latin.Split([' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries))
        {
            string w = raw.Trim('"', '\'', '«', '»', '(', ')', '[', ']', ',', ';', ':', '!', '?', '–', '—');
            if (w.Length > 0 && w != "-" && w != ".") words.Add(w);
        }
        if (kind == EntityKind.Person)
        {
            while (words.Count > 1 && (!AzCasing.IsUpper(words[0][0]) || IsTitle(words[0]))) words.RemoveAt(0);
            // "D.Tramp", "A.S.Makarenko": the press writes initials onto the surname; read apart, they are "D. Tramp".
            for (int i = 0; i < words.Count; i++)
            {
                string w = words[i];
                if (w.Length >= 4 && AzCasing.IsUpper(w[0]) && w[1] == '.' && AzCasing.IsUpper(w[2]) && char.IsLetter(w[0]))
                {
                    words[i] = w[..2];
                    words.Insert(i + 1, w[2..]);
                }
            }
        }
        if (words.Count == 0) return [];
        // A place's name as the table of places writes it is its base form: "Bosniya və Herseqovina" ends as a
        // possessive with a case ending would ("-i-na"), and cutting one off made "Herseqovi".
        if (kind == EntityKind.Location && words.Count >= 2 && PlaceCountries.CountryOf(string.Join(' ', words)) is not null) return [.. words];
        words[^1] = BaseOfLast(words[^1], kind, words.Count);
        // "Azərbaycan Respublikasının Mərkəzi Bankı" is "Azərbaycan Mərkəzi Bankı": the state's long name inside an
        // institution's is left out, so that the official and the everyday name are one entity (they were two).
        if (kind != EntityKind.Person && words.Count >= 3 && StateWords.Contains(AzCasing.ToLower(words[1])) && PlaceCountries.CountryOf(words[0]) is not null)
            words.RemoveAt(1);
        // "Özbəkistan Respublikası", "Səudiyyə Ərəbistanı Krallığı": a country's long name is the country (as the known
        // states' long names are listed with them); "Naxçıvan Muxtar Respublikası" names no country and stays, nor does
        // "Serb Respublikası" (Republika Srpska, named after a people).
        if (kind == EntityKind.Location && words.Count >= 2 && StateWords.Contains(AzCasing.ToLower(words[^1]))
            && PlaceCountries.IsCountryName(string.Join(' ', words.Take(words.Count - 1))))
            words.RemoveAt(words.Count - 1);
        return [.. words];
    }

    /// <summary>The word of a state's long name after the country's ("Azərbaycan Respublikası", "Rusiya Federasiyasının").</summary>
    private static readonly HashSet<string> StateWords = new(StringComparer.Ordinal)
    {
        "respublikası", "respublikasının", "federasiyası", "federasiyasının", "cümhuriyyəti", "cümhuriyyətinin", "krallığı", "krallığının",
    };

    private static string BaseOfLast(string word, EntityKind kind, int wordCount)
    {
        int hyphen = word.LastIndexOfAny(['-', '\'']);
        if (hyphen > 0 && hyphen < word.Length - 1 && AzCasing.IsUpper(word[0]) && word.Length - hyphen - 1 <= 5
            && word.AsSpan(hyphen + 1).IndexOfAnyExcept("abcçdeəfgğhxıijkqlmnoöprsştuüvyz") < 0)
            return word[..hyphen];
        if (IsAcronym(word)) return word;
        if (wordCount >= 2 && kind != EntityKind.Person)
        {
            string lower = AzCasing.ToLower(word);
            foreach (string ending in PossessiveThenCase)
            {
                if (lower.Length > ending.Length + 2 && lower.EndsWith(ending, StringComparison.Ordinal) && "ıiuü".Contains(lower[^(ending.Length + 1)], StringComparison.Ordinal))
                    return word[..^ending.Length];
            }
            if ("ıiuü".Contains(lower[^1], StringComparison.Ordinal)) return word;
        }
        return AzStemmer.Default.Stem(word);
    }

    /// <summary>Case endings after a possessive (with its buffer n or y): Təşkilatı-nın, -na, -nı, -nda, -ndan, -yla.</summary>
    internal static readonly string[] PossessiveThenCase =
        ["ndan", "ndən", "nın", "nin", "nun", "nün", "nda", "ndə", "yla", "ylə", "na", "nə", "nı", "ni", "nu", "nü"];

    private static bool IsTitle(string word)
    {
        string lower = AzCasing.ToLower(word.TrimEnd('.'));
        string stem = AzCasing.ToLower(AzStemmer.Default.Stem(lower));
        return TitleWords.Contains(stem) || TitleWords.Contains(lower);
    }

    private static readonly HashSet<string> TitleWords = new(StringComparer.Ordinal)
    {
        "prezident", "nazir", "baş", "sədr", "səfir", "deputat", "müavin", "rektor", "professor", "prof", "akademik", "general",
        "polkovnik", "spiker", "kral", "sultan", "papa", "patriarx", "ekspert", "politoloq", "direktor", "müdir", "katib", "xanım",
        "cənab", "dr", "president", "minister", "mr", "mrs", "ms", "prezidenti", "ministr", "ümummilli", "lider",
    };

    /// <summary>
    /// The known person "D. Tramp" names: one whose surname alone is known ("Tramp") and whose first name starts with the
    /// initial; null for anything else (a bare surname is found as written, and "İ. Əliyev" is no known surname).
    /// </summary>
    private static KnownEntity? KnownByInitials(string[] words)
    {
        if (words.Length < 2 || !IsInitial(words[0])) return null;
        if (KnownEntities.Find(words[^1]) is not { Kind: EntityKind.Person } known) return null;
        return KeyOf(known.Name).StartsWith(KeyOf(words[0]), StringComparison.Ordinal) ? known : null;
    }

    /// <summary>
    /// A subject's surname before an object's name, which the weights read as one person: "Lyutnik Trampı" (Lutnick …
    /// Trump), "Uitkoff Putin" (banker.az). A person's two words are two people when the second is a known person's
    /// surname, the two are no known name, and the first is the surname the text gives another person in full ("Hovard
    /// Lyutnik"); each is then a mention of its own.
    /// </summary>
    private static IEnumerable<EntityMention> TwoPeopleApart(IReadOnlyList<EntityMention> mentions)
    {
        HashSet<string>? surnames = null;
        foreach (var m in mentions)
        {
            int space = m.Text.IndexOf(' ', StringComparison.Ordinal);
            if (m.Kind != EntityKind.Person || space <= 0 || m.Text.IndexOf(' ', space + 1) >= 0 || KnownEntities.Find(m.Text) is not null
                || KnownEntities.Find(BaseFormOf(m.Text[(space + 1)..], EntityKind.Person).Form) is not { Kind: EntityKind.Person })
            {
                yield return m;
                continue;
            }
            surnames ??= [.. mentions.Where(o => o.Kind == EntityKind.Person).Select(o => BaseFormOf(o.Text, o.Kind).Words)
                .Where(words => words.Length >= 2).Select(words => KeyOf(words[^1]))];
            if (!surnames.Contains(KeyOf(m.Text[..space])))
            {
                yield return m;
                continue;
            }
            yield return new EntityMention(m.Start, space, EntityKind.Person, m.Text[..space]);
            yield return new EntityMention(m.Start + space + 1, m.Length - space - 1, EntityKind.Person, m.Text[(space + 1)..]);
        }
    }

    /// <summary>
    /// A person's name of two words, the second a Russian patronymic as Azerbaijani, English or Russian writes it
    /// ("Kemeleviç", "Ivanovich", "Ivanovna"): how the formal address names a man or woman without the surname.
    /// </summary>
    private static bool IsGivenNameAndPatronymic(EntityKind kind, string[] words)
    {
        if (kind != EntityKind.Person || words.Length != 2 || IsInitial(words[0])) return false;
        string key = KeyOf(words[1]);
        return key.Length >= 6 && (key.EndsWith("vic", StringComparison.Ordinal) || key.EndsWith("vich", StringComparison.Ordinal)
            || key.EndsWith("vna", StringComparison.Ordinal) || key.EndsWith("yic", StringComparison.Ordinal));
    }

    /// <summary>The one known person whose name starts with <paramref name="given"/> (in any of its spellings); null when none or several.</summary>
    private static KnownEntity? KnownByGivenName(string given)
    {
        string key = KeyOf(given) + " ";
        var found = KnownEntities.All
            .Where(k => k.Kind == EntityKind.Person && k.Aliases.Prepend(k.Name).Any(a => KeyOf(a).StartsWith(key, StringComparison.Ordinal)))
            .Take(2).ToList();
        return found.Count == 1 ? found[0] : null;
    }

    private static bool IsInitial(string word) => word.Length is 2 or 3 && word[^1] == '.' && char.IsLetter(word[0]);

    private static bool IsAcronym(string word) =>
        word.Length is >= 2 and <= 8 && word.All(c => char.IsLetter(c) && AzCasing.IsUpper(c) || c == '.') && word.Count(char.IsLetter) >= 2;

    private static bool HasCyrillic(string text) => text.Any(c => c is >= '\u0400' and <= '\u04FF');

    /// <summary>Person groups with one surname and first names that sound alike ("Kassym-Jomart" and "Kasım-Jomart") become one.</summary>
    private static void MergeSpellings(List<Group> groups, Dictionary<string, Group> byKey)
    {
        for (int i = 0; i < groups.Count; i++)
        {
            var a = groups[i];
            if (a.Kind != EntityKind.Person || a.Known is not null || a.Mentions.Count == 0) continue;
            for (int j = i + 1; j < groups.Count; j++)
            {
                var b = groups[j];
                if (b.Kind != EntityKind.Person || b.Known is not null || b.Mentions.Count == 0) continue;
                if (!a.SameNameAs(b)) continue;
                a.Absorb(b);
                foreach (var key in byKey.Where(kv => ReferenceEquals(kv.Value, b)).Select(kv => kv.Key).ToList()) byKey[key] = a;
            }
        }
    }

    private static Group? Nearest(IEnumerable<Group> candidates, int position)
    {
        Group? best = null;
        int bestDistance = int.MaxValue;
        foreach (var g in candidates)
        {
            // The nearest full mention before; one after only when none is before.
            foreach (var m in g.Mentions)
            {
                int distance = m.Start <= position ? position - m.Start : 1_000_000 + m.Start - position;
                if (distance < bestDistance)
                {
                    bestDistance = distance;
                    best = g;
                }
            }
        }
        return best;
    }

    /// <summary>Consonants of a folded word, doubles collapsed: "kassym" and "kasim" both "ksm".</summary>
    internal static string Skeleton(string key)
    {
        var sb = new StringBuilder(key.Length);
        foreach (char c in key)
        {
            if ("aeiouy ".Contains(c, StringComparison.Ordinal)) continue;
            if (sb.Length > 0 && sb[^1] == c) continue;
            sb.Append(c);
        }
        return sb.ToString();
    }
}
