using System.IO.Compression;
using System.Reflection;
using System.Text;

namespace Icmal.Text.Lexicon;

/// <summary>
/// The Azerbaijani word lexicon the stemmer is guarded by: dictionary headwords, verb roots, names and places,
/// and corpus frequencies of word forms. Built from ../shared/data/az/lexicon by <see cref="LexiconBuilder"/>
/// (`icmal text build-lexicon`) and shipped as the embedded resource Resources/az-lexicon.br.
/// </summary>
/// <remarks>Immutable after construction and thread-safe. <see cref="Default"/> loads the resource once, lazily.</remarks>
public sealed class AzLexicon
{
    private static readonly Lazy<AzLexicon> LazyDefault = new(LoadDefault, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Dictionary<string, ushort> _entries;
    private readonly Dictionary<string, ushort>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly Lazy<string[]> _sorted;
    private readonly Lazy<Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>>> _byFold;

    private AzLexicon(Dictionary<string, ushort> entries)
    {
        _entries = entries;
        _lookup = entries.GetAlternateLookup<ReadOnlySpan<char>>();
        _sorted = new Lazy<string[]>(SortForms, LazyThreadSafetyMode.ExecutionAndPublication);
        _byFold = new(IndexByFold, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The lexicon shipped with İcmal.</summary>
    public static AzLexicon Default => LazyDefault.Value;

    /// <summary>Number of word forms known.</summary>
    public int Count => _entries.Count;

    /// <summary>Flags of a lower-cased word form (use AzCasing.ToLower first).</summary>
    public LexiconFlags FlagsOf(ReadOnlySpan<char> lowerWord) =>
        _lookup.TryGetValue(lowerWord, out ushort v) ? (LexiconFlags)(v & 0xFF) : LexiconFlags.None;

    /// <summary>
    /// The corpus frequency class of a lower-cased word form: 0 when unseen, else 1 + ⌊4·log2(count)⌋ (quarter octaves: 41 ≈ a thousand, 81 ≈ a million).
    /// </summary>
    public int FrequencyClass(ReadOnlySpan<char> lowerWord) =>
        _lookup.TryGetValue(lowerWord, out ushort v) ? v >> 8 : 0;

    /// <summary>True when the lower-cased form is a headword, verb root, name or attested corpus form.</summary>
    public bool IsKnownWord(ReadOnlySpan<char> lowerWord) => _lookup.ContainsKey(lowerWord);

    /// <summary>
    /// True when some known lower-cased form starts with <paramref name="lowerPrefix"/> ("dərinləşdirmə" for
    /// "dərinləşdir" + "mə"); true for an empty prefix unless the lexicon is empty. Allocation-free after the first
    /// call, which sorts the forms once (ordinal); a binary search after that.
    /// </summary>
    public bool HasFormStartingWith(ReadOnlySpan<char> lowerPrefix)
    {
        if (_lookup.ContainsKey(lowerPrefix)) return true;
        string[] sorted = _sorted.Value;
        // The first form not ordinally below the prefix is the only candidate: every form starting with the prefix
        // sorts at or after it, and before any form that does not.
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = lo + ((hi - lo) >> 1);
            if (sorted[mid].AsSpan().SequenceCompareTo(lowerPrefix) < 0) lo = mid + 1;
            else hi = mid;
        }
        return lo < sorted.Length && sorted[lo].AsSpan().StartsWith(lowerPrefix, StringComparison.Ordinal);
    }

    /// <summary>
    /// The known form a word typed without Azerbaijani letters stands for: the most frequent lower-cased form whose
    /// ASCII fold (<c>AzCasing.FoldAscii</c>) is <paramref name="folded"/> ("qazaxistanin" → "qazaxıstanın",
    /// "eliyev" → "əliyev"); null when no form folds to it. The index is built once, on first use.
    /// </summary>
    public string? FormOfFolded(ReadOnlySpan<char> folded) =>
        _byFold.Value.TryGetValue(folded, out string? form) ? form : null;

    private Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> IndexByFold()
    {
        var byFold = new Dictionary<string, string>(_entries.Count, StringComparer.Ordinal);
        var best = new Dictionary<string, int>(_entries.Count, StringComparer.Ordinal);
        foreach (var (form, value) in _entries)
        {
            string fold = Casing.AzCasing.FoldAscii(form);
            // Ranked by corpus frequency, then dictionary standing (a headword or name over a bare corpus form).
            int rank = (value >> 8) * 16 + ((value & (int)(LexiconFlags.Name | LexiconFlags.Headword)) != 0 ? 8 : 0);
            if (best.TryGetValue(fold, out int had) && (had > rank || had == rank && string.CompareOrdinal(byFold[fold], form) <= 0)) continue;
            best[fold] = rank;
            byFold[fold] = form;
        }
        return byFold.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    private string[] SortForms()
    {
        var forms = new string[_entries.Count];
        _entries.Keys.CopyTo(forms, 0);
        Array.Sort(forms, StringComparer.Ordinal);
        return forms;
    }

    /// <summary>Reads the lexicon from its Brotli-compressed text form (lines "word TAB flags TAB frequency-class").</summary>
    public static AzLexicon Load(Stream compressed)
    {
        ArgumentNullException.ThrowIfNull(compressed);
        using var brotli = new BrotliStream(compressed, CompressionMode.Decompress);
        using var reader = new StreamReader(brotli, Encoding.UTF8);
        var entries = new Dictionary<string, ushort>(200_000, StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            int t1 = line.IndexOf('\t', StringComparison.Ordinal);
            if (t1 <= 0) continue;
            int t2 = line.IndexOf('\t', t1 + 1);
            if (t2 < 0) continue;
            if (!byte.TryParse(line.AsSpan(t1 + 1, t2 - t1 - 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out byte flags)) continue;
            if (!byte.TryParse(line.AsSpan(t2 + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out byte freq)) continue;
            entries[line[..t1]] = (ushort)(flags | (freq << 8));
        }
        return new AzLexicon(entries);
    }

    private static AzLexicon LoadDefault()
    {
        using Stream? stream = typeof(AzLexicon).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from {typeof(AzLexicon).Assembly.GetName().Name}.");
        return Load(stream);
    }

    internal const string ResourceName = "Icmal.Text.Resources.az-lexicon.br";
}
