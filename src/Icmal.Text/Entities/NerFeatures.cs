namespace Icmal.Text.Entities;

/// <summary>
/// The tagger's feature templates: each feature is a template number and a value hashed to 32 bits (FNV-1a, stable
/// across processes and machines, so a trained model means the same everywhere). Word identity, stem and ending,
/// shape, case class by position, affixes of the stem, gazetteer and keyword hits, and the same for the words around.
/// </summary>
internal static class NerFeatures
{
    /// <summary>Most features one token can have.</summary>
    public const int MaxPerToken = 64;

    private const ulong Offset = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    /// <summary>A feature whose model row the word form does not know: the decoder looks its hash up.</summary>
    public const int Unresolved = int.MinValue;

    /// <summary>Writes the features of token <paramref name="i"/> of <paramref name="s"/> into <paramref name="into"/>; returns how many.</summary>
    public static int Extract(NerToken[] s, int i, Span<uint> into) => Extract(s, i, into, default, null);

    /// <summary>
    /// <see cref="Extract(NerToken[], int, Span{uint})"/>, with <paramref name="rows"/> (when not empty) given for each
    /// feature its row in <paramref name="model"/> where the word form already knows it (the templates of the form
    /// alone, <see cref="FormRows"/>: 13 of a token's ~30 features), else <see cref="Unresolved"/>.
    /// </summary>
    /// <remarks>
    /// With <paramref name="formPartKnown"/>, the first <see cref="FormPartLength"/> features (<see cref="ExtractFormPart"/>)
    /// are left unwritten: the decoder has their weights' sum for the form and case already (<see cref="FormRows.SumsFor"/>).
    /// </remarks>
    internal static int Extract(NerToken[] s, int i, Span<uint> into, Span<int> rows, NerModel? model, bool formPartKnown = false)
    {
        var t = s[i];
        int n = formPartKnown ? FormPartLength(t) : ExtractFormPart(t, into, rows, model);
        bool hasP1 = i > 0, hasP2 = i > 1, hasN1 = i + 1 < s.Length, hasN2 = i + 2 < s.Length;
        NerToken p1 = hasP1 ? s[i - 1] : default, p2 = hasP2 ? s[i - 2] : default;
        NerToken n1 = hasN1 ? s[i + 1] : default, n2 = hasN2 ? s[i + 2] : default;

        if (t.HyphenSuffix) Add(into, rows, ref n, 11, S((int)t.Case));
        for (int bit = 0; bit < 5; bit++)
        {
            if (((int)t.Gazetteer & (1 << bit)) == 0) continue;
            Add(into, rows, ref n, 12, S(bit));
            Add(into, rows, ref n, 13, S(bit), S((int)t.Case));
        }
        if (t.Keyword != KeywordClass.None) Add(into, rows, ref n, 14, S((int)t.Keyword), S((int)t.Case));
        if (t.SurnameEnding) Add(into, rows, ref n, 15, S((int)t.Case));
        Add(into, rows, ref n, 17, S((int)t.StemFlags), S((int)t.Case));

        // The words around.
        if (hasP1) Add(into, rows, ref n, p1.Hashes.AsPrevious, model is null ? Unresolved : p1.RowsFor(model).AsPrevious);
        else Add(into, rows, ref n, StartPrevious);
        if (hasN1) Add(into, rows, ref n, n1.Hashes.AsNext, model is null ? Unresolved : n1.RowsFor(model).AsNext);
        else Add(into, rows, ref n, EndNext);
        if (hasP2) Add(into, rows, ref n, p2.Hashes.AsSecondPrevious, model is null ? Unresolved : p2.RowsFor(model).AsSecondPrevious);
        else Add(into, rows, ref n, StartSecondPrevious);
        if (hasN2) Add(into, rows, ref n, n2.Hashes.AsSecondNext, model is null ? Unresolved : n2.RowsFor(model).AsSecondNext);
        else Add(into, rows, ref n, EndSecondNext);
        string cp = !hasP1 ? "S" : S((int)p1.Case), cn = !hasN1 ? "E" : S((int)n1.Case);
        string c0 = S((int)t.Case);
        Add(into, rows, ref n, 25, cp);
        Add(into, rows, ref n, 26, cn);
        Add(into, rows, ref n, 27, cp, c0, cn);
        if (hasP1)
        {
            Add(into, rows, ref n, 28, S((int)p1.Keyword), c0);
            Add(into, rows, ref n, 29, S((int)p1.Gazetteer), c0);
            if (p1.SurnameEnding) Add(into, rows, ref n, 30, c0);
        }
        if (hasN1)
        {
            Add(into, rows, ref n, 32, S((int)n1.Keyword), c0);
            Add(into, rows, ref n, 33, S((int)n1.Gazetteer), c0);
            if (n1.SurnameEnding) Add(into, rows, ref n, 34, c0);
            if (n1.HyphenSuffix) Add(into, rows, ref n, 36, c0);
        }
        if (hasN2) Add(into, rows, ref n, 37, S((int)n2.Keyword), c0);
        // Where a name ends: a case ending on the word before a capital closes the name before it ("Universitetinə | Azərbaycan").
        if (hasP1 && p1.Case is not (CaseClass.Punctuation or CaseClass.Digits)) Add(into, rows, ref n, 46, p1.Ending, S((int)p1.Case), c0);
        if (hasN1) Add(into, rows, ref n, 47, t.Ending, c0, cn);
        if (hasP1 && p1.Keyword != KeywordClass.None) Add(into, rows, ref n, 48, S((int)p1.Keyword), p1.Ending, c0);

        // The run of capitalised words (and quotes) this one starts or sits in: does it end at an organisation or place keyword?
        if (t.Case is CaseClass.CapitalInitial or CaseClass.CapitalInner or CaseClass.AllCapitals || t.QuoteOrBracket)
        {
            for (int j = i + 1, d = 1; j < s.Length && d <= 6; j++, d++)
            {
                var w = s[j];
                bool inRun = w.Case is CaseClass.CapitalInner or CaseClass.AllCapitals || w.QuoteOrBracket || w.Keyword == KeywordClass.Conjunction;
                if (w.Keyword is KeywordClass.Organization or KeywordClass.Location && (inRun || w.Case == CaseClass.Lower && w.Keyword == KeywordClass.Location))
                {
                    Add(into, rows, ref n, 38, S((int)w.Keyword), S(Math.Min(d, 4)));
                    break;
                }
                if (!inRun) break;
            }
        }
        // The last keyword of the whole run says what the run names ("Xəzər Dəniz Neft Donanmasının": an organisation, not a sea).
        if (t.RunEnd - t.RunStart >= 2)
        {
            for (int j = t.RunEnd - 1; j >= t.RunStart; j--)
            {
                var w = s[j].Keyword;
                if (w is not (KeywordClass.Organization or KeywordClass.Location)) continue;
                Add(into, rows, ref n, 39, S((int)w), j > i ? "after" : j == i ? "here" : "before");
                break;
            }
        }
        // The run's shape: where this token sits in it, how long it is, what its first and last words are.
        int runLength = t.RunEnd - t.RunStart;
        if (runLength >= 2)
        {
            string position = i == t.RunStart ? "F" : i == t.RunEnd - 1 ? "L" : "I";
            Add(into, rows, ref n, 40, position, S(Math.Min(runLength, 5)), c0);
            var last = s[t.RunEnd - 1];
            Add(into, rows, ref n, 41, last.Stem, position);
            Add(into, rows, ref n, 42, last.Ending, S((int)last.Keyword), position);
            Add(into, rows, ref n, 45, Tail(last.Stem, 3), position);
            if (i != t.RunStart) Add(into, rows, ref n, 43, s[t.RunStart].Stem, position);
        }
        else if (t.IsCapitalised) Add(into, rows, ref n, 40, "1", c0);
        if (t.QuoteOrBracket) Add(into, rows, ref n, 44, t.OpensQuote ? "open" : "close", cn);
        return n;
    }

    /// <summary>How many features <see cref="ExtractFormPart"/> writes for <paramref name="t"/>.</summary>
    internal static int FormPartLength(in NerToken t) => t.Case is CaseClass.Punctuation or CaseClass.Digits ? 6 : 11;

    /// <summary>
    /// The first features of every token, which read its form and case class alone (the bias and templates 1–10);
    /// returns how many (<see cref="FormPartLength"/>).
    /// </summary>
    internal static int ExtractFormPart(in NerToken t, Span<uint> into, Span<int> rows, NerModel? model)
    {
        int n = 0;
        Add(into, rows, ref n, Bias);
        var h = t.Hashes;
        var r = model is null ? null : t.RowsFor(model);
        Add(into, rows, ref n, h.Lower, r?.Lower ?? Unresolved);
        Add(into, rows, ref n, h.Stem, r?.Stem ?? Unresolved);
        Add(into, rows, ref n, h.Ending, r?.Ending ?? Unresolved);
        Add(into, rows, ref n, h.Shape, r?.Shape ?? Unresolved);
        Add(into, rows, ref n, 5, S((int)t.Case));
        if (t.Case is not (CaseClass.Punctuation or CaseClass.Digits))
        {
            Add(into, rows, ref n, h.StemTail2, r?.StemTail2 ?? Unresolved);
            Add(into, rows, ref n, h.StemTail3, r?.StemTail3 ?? Unresolved);
            Add(into, rows, ref n, h.StemTail4, r?.StemTail4 ?? Unresolved);
            Add(into, rows, ref n, h.StemHead3, r?.StemHead3 ?? Unresolved);
            Add(into, rows, ref n, h.LowerTail3, r?.LowerTail3 ?? Unresolved);
        }
        return n;
    }

    private static readonly uint Bias = Hash(0, "");
    private static readonly uint StartPrevious = Hash(20, "<s>");
    private static readonly uint EndNext = Hash(21, "</s>");
    private static readonly uint StartSecondPrevious = Hash(22, "<s>");
    private static readonly uint EndSecondNext = Hash(23, "</s>");

    /// <summary>The hashes of the templates that read one word form alone (the same values <see cref="Add(Span{uint}, ref int, byte, ReadOnlySpan{char}, ReadOnlySpan{char}, ReadOnlySpan{char})"/> computes).</summary>
    internal static FormHashes HashesOf(string lower, string stem, string ending, string shape) => new(
        Hash(1, lower), Hash(2, stem), Hash(3, ending), Hash(4, shape),
        Hash(6, Tail(stem, 2)), Hash(7, Tail(stem, 3)), Hash(8, Tail(stem, 4)), Hash(9, Head(stem, 3)), Hash(10, Tail(lower, 3)),
        Hash(20, stem), Hash(21, stem), Hash(22, stem), Hash(23, stem));

    private static void Add(Span<uint> into, Span<int> rows, ref int n, uint hash, int row = Unresolved)
    {
        if (n == into.Length) return;
        if (!rows.IsEmpty) rows[n] = row;
        into[n++] = hash;
    }

    private static void Add(Span<uint> into, Span<int> rows, ref int n, byte template, ReadOnlySpan<char> a, ReadOnlySpan<char> b = default, ReadOnlySpan<char> c = default)
    {
        if (n == into.Length) return;
        if (!rows.IsEmpty) rows[n] = Unresolved;
        into[n++] = Hash(template, a, b, c);
    }

    private static uint Hash(byte template, ReadOnlySpan<char> a, ReadOnlySpan<char> b = default, ReadOnlySpan<char> c = default)
    {
        ulong h = Offset;
        h = (h ^ template) * Prime;
        foreach (char ch in a) h = (h ^ ch) * Prime;
        h = (h ^ 0x1F) * Prime;
        foreach (char ch in b) h = (h ^ ch) * Prime;
        h = (h ^ 0x1F) * Prime;
        foreach (char ch in c) h = (h ^ ch) * Prime;
        return (uint)(h ^ (h >> 32));
    }

    private static ReadOnlySpan<char> Tail(string s, int k) => s.Length <= k ? s : s.AsSpan(s.Length - k);

    private static ReadOnlySpan<char> Head(string s, int k) => s.Length <= k ? s : s.AsSpan(0, k);

    private static readonly string[] Small = [.. Enumerable.Range(0, 64).Select(v => ((char)('0' + v)).ToString())];

    private static string S(int value) => Small[value];
}

/// <summary>
/// The feature hashes of one word form that hold whatever the sentence: its own word-form templates (1–4, 6–10) and
/// its stem as a neighbour (20–23).
/// </summary>
internal readonly record struct FormHashes(
    uint Lower, uint Stem, uint Ending, uint Shape,
    uint StemTail2, uint StemTail3, uint StemTail4, uint StemHead3, uint LowerTail3,
    uint AsPrevious, uint AsNext, uint AsSecondPrevious, uint AsSecondNext);

/// <summary>
/// The rows in one model (<see cref="NerModel"/>) of a word form's <see cref="FormHashes"/> (-1: no weight), found once
/// a form and kept with its analysis (<see cref="NerForm"/>): each is a probe into a table of megabytes, and the
/// decoder asked for the same thirteen on every word of every article.
/// </summary>
internal sealed class FormRows(NerModel model, FormHashes h)
{
    /// <summary>The model the rows are of.</summary>
    public NerModel Model { get; } = model;

    public int Lower { get; } = model.RowOf(h.Lower);
    public int Stem { get; } = model.RowOf(h.Stem);
    public int Ending { get; } = model.RowOf(h.Ending);
    public int Shape { get; } = model.RowOf(h.Shape);
    public int StemTail2 { get; } = model.RowOf(h.StemTail2);
    public int StemTail3 { get; } = model.RowOf(h.StemTail3);
    public int StemTail4 { get; } = model.RowOf(h.StemTail4);
    public int StemHead3 { get; } = model.RowOf(h.StemHead3);
    public int LowerTail3 { get; } = model.RowOf(h.LowerTail3);
    public int AsPrevious { get; } = model.RowOf(h.AsPrevious);
    public int AsNext { get; } = model.RowOf(h.AsNext);
    public int AsSecondPrevious { get; } = model.RowOf(h.AsSecondPrevious);
    public int AsSecondNext { get; } = model.RowOf(h.AsSecondNext);

    // By case class: the weights' sums of the form part (NerFeatures.ExtractFormPart), made when first asked for.
    private readonly float[]?[] _sums = new float[]?[(int)CaseClass.Punctuation + 1];

    /// <summary>
    /// The sum of the weights of <paramref name="token"/>'s first <see cref="NerFeatures.FormPartLength"/> features
    /// (its form's and case class's alone), one value a tag, added from zero in their order: the decoder's emission
    /// row after them, the same floats, read from here rather than from a dozen rows of the model's weights.
    /// </summary>
    public float[] SumsFor(in NerToken token)
    {
        ref float[]? slot = ref _sums[(int)token.Case];
        var sums = Volatile.Read(ref slot);
        if (sums is not null) return sums;
        sums = Model.FormPartSums(token);
        Volatile.Write(ref slot, sums);
        return sums;
    }
}
