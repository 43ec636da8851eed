namespace Icmal.Text.Entities;

/// <summary>What a named entity is: the three kinds the tagger finds (dates are figures, not entities here).</summary>
public enum EntityKind : byte
{
    /// <summary>A person (PER): "İlham Əliyev", "Tokayevin".</summary>
    Person,
    /// <summary>An organisation (ORG): "Türk Dövlətləri Təşkilatı", "TDT-nin", "Yeni Azərbaycan Partiyası".</summary>
    Organization,
    /// <summary>A place (LOC): countries, cities, regions, seas: "Qazaxıstan", "Astanada", "Xəzər dənizi".</summary>
    Location,
}

/// <summary>
/// The BIO tags the tagger decodes over (IOB2: an entity starts with B-, continues with I-), in the model's order.
/// </summary>
public static class NerTags
{
    /// <summary>Outside any entity.</summary>
    public const int O = 0;

    /// <summary>Number of tags: O and B-/I- of each <see cref="EntityKind"/>.</summary>
    public const int Count = 7;

    /// <summary>The tags' names in the CoNLL convention, indexed by tag.</summary>
    public static IReadOnlyList<string> Names { get; } = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"];

    /// <summary>The B- tag of a kind.</summary>
    public static int Begin(EntityKind kind) => 1 + 2 * (int)kind;

    /// <summary>The I- tag of a kind.</summary>
    public static int Inside(EntityKind kind) => 2 + 2 * (int)kind;

    /// <summary>The kind of a B- or I- tag; null for O.</summary>
    public static EntityKind? KindOf(int tag) => tag == O ? null : (EntityKind)((tag - 1) / 2);

    /// <summary>True for an I- tag.</summary>
    public static bool IsInside(int tag) => tag != O && (tag - 1) % 2 == 1;

    /// <summary>
    /// Leaves the word at <paramref name="i"/> out of the name it is tagged in: the word after it, when the name goes
    /// on, begins the rest (what each rule that drops a name's first word, or an address inside one, does).
    /// </summary>
    public static void Drop(Span<int> tags, int i)
    {
        if (KindOf(tags[i]) is not { } kind) return;
        tags[i] = O;
        if (i + 1 < tags.Length && tags[i + 1] == Inside(kind)) tags[i + 1] = Begin(kind);
    }

    /// <summary>
    /// True when <paramref name="next"/> may follow <paramref name="previous"/> (-1: the sentence start) in IOB2: an
    /// I- tag only continues its own kind.
    /// </summary>
    public static bool Allowed(int previous, int next) =>
        !IsInside(next) || previous > O && KindOf(previous) == KindOf(next);

    /// <summary>
    /// The tag of a CoNLL label: PER, ORG and LOC in B-/I- form; O, DATE and any other type are outside (the metric
    /// scores DATE as O). Null for a label that is not a tag at all (not O and not B-/I-).
    /// </summary>
    public static int? Parse(ReadOnlySpan<char> label)
    {
        if (label.SequenceEqual("O")) return O;
        if (label.Length < 3 || label[1] != '-' || label[0] is not ('B' or 'I')) return null;
        EntityKind? kind = label[2..] switch
        {
            "PER" => EntityKind.Person,
            "ORG" => EntityKind.Organization,
            "LOC" => EntityKind.Location,
            _ => null,
        };
        if (kind is null) return O;
        return label[0] == 'B' ? Begin(kind.Value) : Inside(kind.Value);
    }

    /// <summary>The CoNLL short name of a kind: PER, ORG, LOC.</summary>
    public static string ShortName(EntityKind kind) => kind switch
    {
        EntityKind.Person => "PER",
        EntityKind.Organization => "ORG",
        _ => "LOC",
    };
}

/// <summary>
/// One mention of a named entity in a text: where it is (in the text as given, before normalisation), its kind and
/// its words as written.
/// </summary>
public readonly record struct EntityMention(int Start, int Length, EntityKind Kind, string Text)
{
    /// <summary>Index just past the mention.</summary>
    public int End => Start + Length;
}
