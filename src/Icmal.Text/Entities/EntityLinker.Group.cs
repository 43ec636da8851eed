using Icmal.Text.Casing;

namespace Icmal.Text.Entities;

public static partial class EntityLinker
{
    /// <summary>
    /// The mentions of one text that name one entity, with the base forms they use: whether a surname, an initial or
    /// another spelling belongs to it, and the name it goes by (the known name, else its fullest form).
    /// </summary>
    private sealed class Group(EntityKind kind, KnownEntity? known)
    {
        public EntityKind Kind { get; } = kind;
        public KnownEntity? Known { get; } = known;
        public List<EntityMention> Mentions { get; } = [];
        private readonly List<string> _forms = [];

        // Made from the forms when first asked for, and made again after the forms change: every short mention and
        // every pair of person groups asks, and the forms of a group change far less often.
        private string? _initials;
        private List<DistinctForm>? _distinct;

        /// <summary>A form of the group, first of its spelling, with its words and its key's words.</summary>
        private sealed record DistinctForm(string[] Parts, string[] KeyParts);

        public string Initials => _initials ??= BestForm() is { } f && f.Contains(' ', StringComparison.Ordinal)
            ? AzCasing.ToUpper(string.Concat(f.Split(' ').Where(w => w.Length > 0 && AzCasing.IsUpper(w[0])).Select(w => w[0])))
            : "";

        /// <summary>The group's forms, each spelling once in the order first seen, split into words.</summary>
        private List<DistinctForm> Distinct() =>
            _distinct ??= [.. _forms.Distinct(StringComparer.Ordinal).Select(f => new DistinctForm(f.Split(' '), KeyOf(f).Split(' ')))];

        public void Add(EntityMention m, string form)
        {
            Mentions.Add(m);
            _forms.Add(form);
            Changed();
        }

        public void Absorb(Group other)
        {
            Mentions.AddRange(other.Mentions);
            _forms.AddRange(other._forms);
            other.Mentions.Clear();
            other._forms.Clear();
            Changed();
            other.Changed();
        }

        private void Changed()
        {
            _initials = null;
            _distinct = null;
        }

        /// <summary>True when <paramref name="words"/> (a surname, or an initial and a surname) name this person.</summary>
        public bool EndsWithSurnameOf(string[] words)
        {
            string surname = KeyOf(words[^1]);
            foreach (var f in Distinct())
            {
                string[] parts = f.Parts;
                if (parts.Length < 2 || KeyOf(parts[^1]) != surname) continue;
                if (words.Length == 1 || IsInitial(words[0]) && KeyOf(parts[0]).StartsWith(KeyOf(words[0]), StringComparison.Ordinal)) return true;
            }
            return false;
        }

        /// <summary>
        /// True when a form of this person of two words or more, a given name and a surname, starts with
        /// <paramref name="given"/> (a form of a given name and a patronymic is no full name to join).
        /// </summary>
        public bool HasGivenName(string given)
        {
            string key = KeyOf(given);
            foreach (var f in Distinct())
                if (f.Parts.Length >= 2 && KeyOf(f.Parts[0]) == key && !IsGivenNameAndPatronymic(EntityKind.Person, f.Parts)) return true;
            return false;
        }

        public bool SameNameAs(Group other)
        {
            foreach (var a in Distinct())
            {
                string[] pa = a.KeyParts;
                foreach (var b in other.Distinct())
                {
                    string[] pb = b.KeyParts;
                    if (pa.Length >= 2 && pb.Length >= 2 && pa[^1] == pb[^1] && Skeleton(pa[0]) == Skeleton(pb[0]) && Skeleton(pa[0]).Length >= 2) return true;
                }
            }
            return false;
        }

        /// <summary>
        /// The name the group goes by: the form with the most words spelt out (an initial is no word: "Əmrah Həsənli",
        /// not the "Ə. Həsənli" the text repeats), then the most used, then the first.
        /// </summary>
        private string? BestForm() => _forms
            .GroupBy(f => f, StringComparer.Ordinal)
            .OrderByDescending(g => g.Key.Split(' ').Count(w => !IsInitial(w)))
            .ThenByDescending(g => g.Key.Count(c => c == ' '))
            .ThenByDescending(g => g.Count())
            .ThenBy(g => _forms.IndexOf(g.Key))
            .Select(g => g.Key)
            .FirstOrDefault();

        public LinkedEntity ToEntity()
        {
            string name = Known?.Name ?? BestForm() ?? "";
            var ordered = Mentions.OrderBy(m => m.Start).ToList();
            return new LinkedEntity(name, Known?.Kind ?? Kind, NerTags.ShortName(Known?.Kind ?? Kind) + ":" + KeyOf(name), ordered);
        }
    }
}
