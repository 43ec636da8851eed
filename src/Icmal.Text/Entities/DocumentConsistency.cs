using Icmal.Text.Casing;
using Icmal.Text.Stemming;

namespace Icmal.Text.Entities;

/// <summary>
/// One text names one thing the same way throughout: where the model tagged a name in one sentence and left it out
/// in another ("Kasım-Jomart Tokayev" … "Tokayevin rəqəmsal …"; "Türk Dövlətləri Təşkilatı" … "TDT"), the missed
/// capitalised word gets the kind it has elsewhere. A word is taken when its stem is a one-word entity found
/// elsewhere, the surname of a person found elsewhere, or an acronym made of the initials of an organisation found
/// elsewhere (or a known one: <see cref="KnownEntities"/>); a stem found as two kinds is left alone.
/// </summary>
internal static class DocumentConsistency
{
    public static void Apply(List<NamedEntityTagger.TaggedSentence> sentences, List<int[]> tags, AzStemmer stemmer)
    {
        var kinds = new Dictionary<string, EntityKind?>(StringComparer.Ordinal);
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
        for (int s = 0; s < sentences.Count; s++)
        {
            var words = sentences[s].Words;
            var sentenceTags = tags[s];
            for (int i = 0; i < words.Length; i++)
            {
                if (sentenceTags[i] != NerTags.O || !IsCapitalised(words[i]) || words[i].Length < 2) continue;
                if (i + 1 < words.Length && sentenceTags[i + 1] != NerTags.O && NerTags.IsInside(sentenceTags[i + 1])) continue;
                EntityKind? kind = null;
                if (IsAcronym(words[i]))
                {
                    kind = kinds.GetValueOrDefault("#" + words[i]);
                    if (kind is null && KnownEntities.Find(words[i]) is { } known) kind = known.Kind;
                }
                kind ??= kinds.GetValueOrDefault(Key(words[i], stemmer));
                if (kind is { } k) sentenceTags[i] = NerTags.Begin(k);
            }
        }

        void Note(string key, EntityKind kind)
        {
            if (kinds.TryGetValue(key, out var had)) kinds[key] = had == kind ? kind : null;
            else kinds[key] = kind;
        }
    }

    private static string Key(string word, AzStemmer stemmer) => AzCasing.ToLower(IsAcronym(word) ? word : stemmer.Stem(word));

    private static bool IsCapitalised(string word) => word.Length > 0 && char.IsLetter(word[0]) && AzCasing.IsUpper(word[0]);

    private static bool IsAcronym(string word) => word.Length is >= 2 and <= 8 && word.All(c => char.IsLetter(c) && AzCasing.IsUpper(c));
}
