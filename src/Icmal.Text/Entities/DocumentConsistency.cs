using Icmal.Text.Casing;
using Icmal.Text.Stemming;

namespace Icmal.Text.Entities;

/// <summary>
/// One text names one thing the same way throughout: where the model tagged a name in one sentence and left it out
/// in another ("Kasım-Jomart Tokayev" … "Tokayevin rəqəmsal …"; "Türk Dövlətləri Təşkilatı" … "TDT"), the missed
/// capitalised word gets the kind it has elsewhere. A word is taken when its stem is a one-word entity found
/// elsewhere, the surname of a person found elsewhere, or an acronym made of the initials of an organisation found
/// elsewhere (or a known one: <see cref="KnownEntities"/>), or a one-word known entity. A stem found as several kinds takes the kind of at least
/// two thirds of its finds, which also corrects a one-word find of another kind ("Tokayev" read once as a place among
/// five finds as a person); with no such majority it is left alone. Before the votes, a one-word place or
/// organisation opening a sentence whose stem the text writes in lower case elsewhere is dropped: a common word.
/// </summary>
internal static class DocumentConsistency
{
    public static void Apply(List<NamedEntityTagger.TaggedSentence> sentences, List<int[]> tags, AzStemmer stemmer)
    {
        NoCommonWordsOpeningSentences(sentences, tags, stemmer);
        var votes = new Dictionary<string, int[]>(StringComparer.Ordinal);
        for (int s = 0; s < sentences.Count; s++)
        {
            var words = sentences[s].Words;
            foreach (var span in Conll.Spans(tags[s]))
            {
                var names = Enumerable.Range(span.Start, span.End - span.Start).Where(i => IsCapitalised(words[i])).ToList();
                if (names.Count == 1 && span.End - span.Start == 1) Note(Key(words[span.Start], stemmer), span.Kind);
                else if (names.Count >= 2 && span.Kind == EntityKind.Person) Note(Key(words[names[^1]], stemmer), EntityKind.Person);
                else if (names.Count >= 2 && span.Kind == EntityKind.Organization)
                    Note("#" + AzCasing.ToUpper(string.Concat(names.Select(i => words[i][0]))), EntityKind.Organization);
            }
        }
        var kinds = new Dictionary<string, EntityKind>(StringComparer.Ordinal);
        foreach (var (key, count) in votes)
        {
            int best = count[0] >= count[1] ? (count[0] >= count[2] ? 0 : 2) : (count[1] >= count[2] ? 1 : 2);
            if (3 * count[best] >= 2 * count.Sum()) kinds[key] = (EntityKind)best;
        }
        for (int s = 0; s < sentences.Count; s++)
        {
            var words = sentences[s].Words;
            var sentenceTags = tags[s];
            for (int i = 0; i < words.Length; i++)
            {
                bool alone = sentenceTags[i] != NerTags.O && !NerTags.IsInside(sentenceTags[i]) && (i + 1 == words.Length || !NerTags.IsInside(sentenceTags[i + 1]));
                if (alone && kinds.TryGetValue(Key(words[i], stemmer), out var majority))
                {
                    sentenceTags[i] = NerTags.Begin(majority);
                    continue;
                }
                if (sentenceTags[i] != NerTags.O || !IsCapitalised(words[i]) || words[i].Length < 2) continue;
                if (i + 1 < words.Length && sentenceTags[i + 1] != NerTags.O && NerTags.IsInside(sentenceTags[i + 1])) continue;
                EntityKind? kind = null;
                if (IsAcronym(words[i]))
                {
                    kind = kinds.TryGetValue("#" + words[i], out var k1) ? k1 : null;
                    if (kind is null && KnownEntities.Find(words[i]) is { } known) kind = known.Kind;
                }
                if (kind is null && kinds.TryGetValue(Key(words[i], stemmer), out var k2)) kind = k2;
                // A known place, person or organisation the model has not met in training ("Astanada", "Astana-da").
                if (kind is null && words[i].Length >= 3 && KnownEntities.Find(stemmer.Stem(words[i])) is { } known2 && !known2.Name.Contains(' ', StringComparison.Ordinal))
                    kind = known2.Kind;
                if (kind is { } k) sentenceTags[i] = NerTags.Begin(k);
            }
        }

        void Note(string key, EntityKind kind)
        {
            if (!votes.TryGetValue(key, out var count)) votes[key] = count = new int[3];
            count[(int)kind]++;
        }
    }

    /// <summary>
    /// A sentence's first word is capitalised whatever it is: a place or organisation of that one word whose stem the
    /// same text writes in lower case elsewhere is a common word, not a name ("Apellyasiya komissiyasına …" beside
    /// "apellyasiya şikayəti": the appeal; "Fond …" beside "fondun"; "Dünya bazarında …" beside "dünyanın"). A known
    /// entity stays. People are left alone: a given name is often a word too ("Aydın", clear).
    /// </summary>
    private static void NoCommonWordsOpeningSentences(List<NamedEntityTagger.TaggedSentence> sentences, List<int[]> tags, AzStemmer stemmer)
    {
        HashSet<string>? lower = null;
        for (int s = 0; s < sentences.Count; s++)
        {
            var words = sentences[s].Words;
            var sentenceTags = tags[s];
            int first = Array.FindIndex(words, w => w.Length > 0 && char.IsLetter(w[0]));
            if (first < 0 || sentenceTags[first] == NerTags.O || NerTags.IsInside(sentenceTags[first])
                || NerTags.KindOf(sentenceTags[first]) == EntityKind.Person || IsAcronym(words[first])
                || first + 1 < words.Length && NerTags.IsInside(sentenceTags[first + 1])) continue;
            // Known names first: most sentences open so ("Azərbaycan …"), and the text's lower-case stems are read only
            // for a word that may be a common one.
            if (KnownEntities.Find(words[first]) is not null || KnownEntities.Find(stemmer.Stem(words[first])) is not null) continue;
            lower ??= LowerCaseStems(sentences, stemmer);
            if (lower.Contains(Key(words[first], stemmer))) sentenceTags[first] = NerTags.O;
        }
    }

    /// <summary>The stems of the text's words written in lower case.</summary>
    private static HashSet<string> LowerCaseStems(List<NamedEntityTagger.TaggedSentence> sentences, AzStemmer stemmer)
    {
        var stems = new HashSet<string>(StringComparer.Ordinal);
        foreach (var sentence in sentences)
        {
            foreach (string word in sentence.Words)
                if (word.Length > 1 && char.IsLetter(word[0]) && !AzCasing.IsUpper(word[0])) stems.Add(Key(word, stemmer));
        }
        return stems;
    }

    private static string Key(string word, AzStemmer stemmer) => AzCasing.ToLower(IsAcronym(word) ? word : stemmer.Stem(word));

    private static bool IsCapitalised(string word) => word.Length > 0 && char.IsLetter(word[0]) && AzCasing.IsUpper(word[0]);

    private static bool IsAcronym(string word) => word.Length is >= 2 and <= 8 && word.All(c => char.IsLetter(c) && AzCasing.IsUpper(c));
}
