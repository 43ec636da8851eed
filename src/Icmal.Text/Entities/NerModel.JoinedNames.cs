using Icmal.Text.Casing;

namespace Icmal.Text.Entities;

public sealed partial class NerModel
{
    /// <summary>
    /// The known people's names of several words (Latin letters, every word capitalised), lower-cased word by word, by
    /// their first word, longest first; and the last words of those names, their surnames.
    /// </summary>
    private static readonly (Dictionary<string, KnownName[]> ByFirstWord, HashSet<string> Surnames) KnownPeople = BuildKnownPeople();

    /// <summary>The one-word names of the known places and organisations (Latin letters, capitalised), lower-cased: "avropa", "nato".</summary>
    private static readonly Dictionary<string, EntityKind> KnownOneWordNames = KnownEntities.All
        .Where(k => k.Kind != EntityKind.Person)
        .SelectMany(k => k.Aliases.Prepend(k.Name).Select(n => (Name: n, k.Kind)))
        .Where(n => !n.Name.Contains(' ', StringComparison.Ordinal) && AzCasing.IsUpper(n.Name[0]) && !n.Name.Any(c => c is >= '\u0400' and <= '\u04FF'))
        .GroupBy(n => AzCasing.ToLower(n.Name), StringComparer.Ordinal)
        .Where(g => g.Select(n => n.Kind).Distinct().Count() == 1)
        .ToDictionary(g => g.Key, g => g.First().Kind, StringComparer.Ordinal);

    private static (Dictionary<string, KnownName[]>, HashSet<string>) BuildKnownPeople()
    {
        var byFirst = new Dictionary<string, List<KnownName>>(StringComparer.Ordinal);
        var surnames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var person in KnownEntities.All.Where(k => k.Kind == EntityKind.Person))
        {
            foreach (string name in person.Aliases.Prepend(person.Name))
            {
                string[] words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (words.Any(w => !AzCasing.IsUpper(w[0]) || w.Any(c => c is >= '\u0400' and <= '\u04FF'))) continue;
                string[] lower = [.. words.Select(AzCasing.ToLower)];
                surnames.Add(lower[^1]);
                if (lower.Length < 2) continue;
                if (!byFirst.TryGetValue(lower[0], out var list)) byFirst[lower[0]] = list = [];
                list.Add(new KnownName(lower, EntityKind.Person));
            }
        }
        return (byFirst.ToDictionary(kv => kv.Key, kv => kv.Value.OrderByDescending(n => n.Words.Length).ToArray(), StringComparer.Ordinal), surnames);
    }

    /// <summary>
    /// Names the weights ran together are taken apart where the span is nothing but known names side by side: "Azərbaycan
    /// Avropanın" (two places), "Avropanın Mərkəzi Asiya" (a place in the genitive before another), "Əliyev Qazaxıstanın"
    /// (a known person's surname before a place). Each part takes its own kind, and an "and" between parts is no name;
    /// but a place directly before a known organisation names the organisation's state or city and stays in its name
    /// ("Azərbaycan Mədəniyyət Nazirliyi", "Azərbaycan Respublikası Ədliyyə Nazirliyi"). A name with any word
    /// that is not part of a known name keeps its words ("Azərbaycan Respublikası", "Elm və Təhsil Nazirliyi", "Heydər
    /// Əliyev Fondu"), except that a known person's name before a known place is cut off it: "Tokayev Astana Beynəlxalq
    /// Süni İntellekt Mərkəzi" is the person and the centre (a name given after a person follows it directly, "Heydər
    /// Əliyev Mərkəzi", or with "adına").
    /// </summary>
    internal static void SplitJoinedNames(NerToken[] sentence, Span<int> tags)
    {
        int n = sentence.Length;
        for (int start = 0; start < n; start++)
        {
            if (tags[start] == NerTags.O || NerTags.IsInside(tags[start])) continue;
            int end = start;
            while (end + 1 < n && tags[end + 1] == NerTags.Inside(NerTags.KindOf(tags[start])!.Value)) end++;
            int places = tags[start] == NerTags.Begin(EntityKind.Person) ? FirstJoiningPlaces(sentence, start, end) : -1;
            if (places >= 0)
            {
                // From the word that joins places on, the name is a place's: "Mirzoyan Ermənistan-İran" is a person before one.
                for (int j = places; j <= end; j++) tags[j] = j == places ? NerTags.Begin(EntityKind.Location) : NerTags.Inside(EntityKind.Location);
            }
            else if (end > start) Split(sentence, tags, start, end);
            start = end;
        }
    }

    /// <summary>
    /// The first word of the span that joins a known place to other words with a hyphen, as a route or a pairing of
    /// countries is written ("Çin-Mərkəzi Asiya-Avropa", "Ermənistan-İran"): a place's name, never a person's; -1 when none.
    /// </summary>
    private static int FirstJoiningPlaces(NerToken[] sentence, int start, int end)
    {
        for (int i = start; i <= end; i++)
        {
            string lower = sentence[i].Lower;
            if (!lower.Contains('-', StringComparison.Ordinal)) continue;
            foreach (string part in lower.Split('-', StringSplitOptions.RemoveEmptyEntries))
            {
                if (IsKnownPlaceWord(part) || KnownOneWordNames.TryGetValue(part, out var kind) && kind == EntityKind.Location) return i;
            }
        }
        return -1;
    }

    private static void Split(NerToken[] sentence, Span<int> tags, int start, int end)
    {
        var parts = new List<(int Start, int End, EntityKind Kind)>();
        int i = start;
        while (i <= end)
        {
            if (parts.Count > 0 && i < end && sentence[i].Lower == "və")
            {
                i++;
                continue;
            }
            if (KnownPart(sentence, i, end) is not { } part) break;
            parts.Add(part);
            i = part.End + 1;
        }
        // A place right before an organisation names its state or city: "Azərbaycan Mədəniyyət Nazirliyi" is one name;
        // not a place joined by "və" to another before it ("Azərbaycan və Qazaxıstanın Türk Dövlətləri Təşkilatı"): two
        // states' body would be named in the plural, so the places are the sentence's and the organisation its own.
        bool stateBody = false;
        for (int p = 1; p < parts.Count; p++)
            stateBody |= parts[p].Kind == EntityKind.Organization && parts[p - 1].Kind == EntityKind.Location && parts[p].Start == parts[p - 1].End + 1
                && !(p >= 2 && parts[p - 2].Kind == EntityKind.Location && sentence[parts[p - 1].Start - 1].Lower == "və");
        if (i > end && parts.Count >= 2 && !stateBody)
        {
            for (int j = start; j <= end; j++) tags[j] = NerTags.O;
            foreach (var (s, e, kind) in parts)
                for (int j = s; j <= e; j++) tags[j] = j == s ? NerTags.Begin(kind) : NerTags.Inside(kind);
            return;
        }
        // Not all known: only a known person's name directly before a known place is cut off the rest.
        if (parts.Count >= 2 && parts[0].Kind == EntityKind.Person && parts[1].Start == parts[0].End + 1 && parts[1].Kind == EntityKind.Location)
        {
            var kind = NerTags.KindOf(tags[start])!.Value;
            for (int j = start; j <= parts[0].End; j++) tags[j] = j == start ? NerTags.Begin(EntityKind.Person) : NerTags.Inside(EntityKind.Person);
            tags[parts[1].Start] = NerTags.Begin(kind);
        }
    }

    /// <summary>
    /// The longest known name starting at word <paramref name="i"/> and ending by <paramref name="end"/>, its last word
    /// bare or with a case ending: a known person's, place's or organisation's name of several words, a known place's or
    /// organisation's one-word name, or a known person's surname; null when none starts there.
    /// </summary>
    private static (int Start, int End, EntityKind Kind)? KnownPart(NerToken[] sentence, int i, int end)
    {
        var token = sentence[i];
        if (!token.IsCapitalised) return null;
        int longest = -1;
        var kind = EntityKind.Location;
        foreach (var names in (ReadOnlySpan<KnownName[]?>)[KnownNamesByFirstWord.GetValueOrDefault(token.Lower), KnownPeople.ByFirstWord.GetValueOrDefault(token.Lower)])
        {
            foreach (var name in names ?? [])
            {
                int last = i + name.Words.Length - 1;
                if (last <= end && last > longest && Matches(sentence, i, name)) (longest, kind) = (last, name.Kind);
            }
        }
        if (longest >= 0) return (i, longest, kind);
        if (IsKnownPlaceWord(token.Lower)) return (i, i, EntityKind.Location);
        string lower = token.Lower;
        for (int cut = 0; cut <= 5 && cut < lower.Length - 2; cut++)
        {
            string bare = lower[..^cut];
            if (!IsInflectedForm(lower, bare)) continue;
            if (KnownOneWordNames.TryGetValue(bare, out var known)) return (i, i, known);
            if (KnownPeople.Surnames.Contains(bare)) return (i, i, EntityKind.Person);
        }
        return null;
    }

    /// <summary>The words naming what kind of place a body serves, as its name starts after the place: "Bakı Şəhəri üzrə …", "Lənkəran Rayon …".</summary>
    private static readonly HashSet<string> PlaceTypeWords = new(StringComparer.Ordinal)
    {
        "şəhəri", "şəhər", "rayonu", "rayon", "respublikası", "vilayəti", "qəsəbəsi", "kəndi", "bələdiyyəsi",
    };

    /// <summary>The last words of organisations' names, as they stand before "və" (and) when two organisations are named together.</summary>
    private static readonly HashSet<string> OrganisationHeads = new(StringComparer.Ordinal)
    {
        "nazirliyi", "idarəsi", "agentliyi", "komitəsi", "xidməti", "universiteti", "şurası", "bankı", "fondu", "cəmiyyəti",
        "şirkəti", "akademiyası", "institutu", "təşkilatı", "palatası", "məhkəməsi", "komissiyası", "departamenti",
        "hakimiyyəti", "assosiasiyası", "partiyası", "birliyi", "inspeksiyası", "prokurorluğu",
    };

    /// <summary>
    /// A body named after its place is one name with it: a place the weights ended right before an organisation whose
    /// name starts with the place's kind ("Bakı | Şəhəri üzrə Təhsil İdarəsinin", read so at a sentence's start) joins
    /// it. Two organisations named together are two: "Bakı Şəhəri üzrə Təhsil İdarəsi və Abşeron-Xızı Regional Təhsil
    /// İdarələri" parts at the "və" after a word that ends an organisation's name, where "Elm və Təhsil Nazirliyi",
    /// whose "və" joins two fields of one ministry, stays whole.
    /// </summary>
    internal static void JoinedOrganisations(NerToken[] sentence, Span<int> tags)
    {
        int n = sentence.Length;
        int org = NerTags.Begin(EntityKind.Organization), inOrg = NerTags.Inside(EntityKind.Organization);
        for (int i = 1; i < n; i++)
        {
            if (tags[i] == org && PlaceTypeWords.Contains(sentence[i].Lower) && NerTags.KindOf(tags[i - 1]) == EntityKind.Location)
            {
                int start = i - 1;
                while (start > 0 && NerTags.IsInside(tags[start])) start--;
                for (int j = start; j <= i; j++) tags[j] = j == start ? org : inOrg;
            }
            if (tags[i] == inOrg && sentence[i].Lower == "və" && i + 1 < n && tags[i + 1] == inOrg && sentence[i + 1].IsCapitalised
                && OrganisationHeads.Contains(sentence[i - 1].Lower))
            {
                tags[i] = NerTags.O;
                tags[i + 1] = org;
            }
        }
    }

    /// <summary>
    /// English words that name what an organisation, a venue, a product or a list is and never stand in a person's
    /// name, lower-cased. The weights, trained on Azerbaijani sentences, read an English name of capitalised words as a
    /// person: "Capital One Financial", "Hyatt Hotels", "Associated Press", "Yelo App", "Sky Lounge" (banker.az).
    /// </summary>
    private static readonly HashSet<string> EnglishOrganisationWords = new(StringComparer.Ordinal)
    {
        "group", "holding", "holdings", "company", "corporation", "corp", "inc", "ltd", "llc", "plc", "gmbh", "hotels", "hotel",
        "resort", "institute", "association", "alliance", "financial", "finance", "services", "service", "network", "mobile",
        "press", "times", "news", "center", "centre", "technologies", "technology", "investment", "investments", "markets",
        "aerospace", "airlines", "airways", "cafe", "lounge", "restaurant", "pool", "app", "bank", "banking", "capital",
        "social", "media", "partners", "fund", "foundation", "council", "agency", "authority", "university", "college",
        "school", "academy", "club", "studio", "studios", "systems", "solutions", "logistics", "motors", "electric",
        "industries", "international", "global", "federation", "union", "committee", "organization", "organisation",
        "department", "ministry", "exchange", "insurance", "consulting", "route", "transport", "corridor", "manager",
        "analyst", "professionals", "nationals", "persons",
    };

    /// <summary>
    /// A person's name has no word that names an organisation: a "person" with an English organisation's word
    /// (<see cref="EnglishOrganisationWords"/>) or ending in an Azerbaijani body's last word ("… İdarəsi") is the
    /// organisation it names.
    /// </summary>
    internal static void PersonsNamedLikeOrganisations(NerToken[] sentence, Span<int> tags)
    {
        int n = sentence.Length;
        for (int start = 0; start < n; start++)
        {
            if (tags[start] != NerTags.Begin(EntityKind.Person)) continue;
            int end = start;
            while (end + 1 < n && tags[end + 1] == NerTags.Inside(EntityKind.Person)) end++;
            bool organisation = OrganisationHeads.Contains(sentence[end].Lower);
            for (int j = start; j <= end && !organisation; j++) organisation = EnglishOrganisationWords.Contains(sentence[j].Lower);
            if (organisation)
                for (int j = start; j <= end; j++) tags[j] = j == start ? NerTags.Begin(EntityKind.Organization) : NerTags.Inside(EntityKind.Organization);
            start = end;
        }
    }
}
