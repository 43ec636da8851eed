using System.Numerics;

namespace Icmal.Html;

/// <summary>
/// A fixed set of names (tags, attributes) looked up by a span of characters, without allocating: the parser's
/// tokenizer asks for every attribute and the nesting bound for every tag it sees.
/// </summary>
/// <remarks>
/// Why not a frozen set's or dictionary's alternate lookup: their generic code over <see cref="ReadOnlySpan{T}"/> is
/// in no precompiled image, so building and first using each cost every start of the command 20–40 ms of CPU
/// (issue #14, measured with a probe of the process's CPU time around the first call), while this table is an array
/// and a loop. Open addressing, at most a quarter full, FNV-1a of the characters.
/// </remarks>
internal sealed class NameTable
{
    private readonly string?[] _slots;

    public NameTable(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var distinct = new HashSet<string>(names, StringComparer.Ordinal);
        _slots = new string?[(int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(4, distinct.Count * 4))];
        int mask = _slots.Length - 1;
        foreach (string name in distinct)
        {
            int i = Hash(name) & mask;
            while (_slots[i] is not null) i = (i + 1) & mask;
            _slots[i] = name;
        }
    }

    /// <summary>The table's own string equal to <paramref name="name"/> (ordinal), or null when the name is not in it.</summary>
    public string? Find(ReadOnlySpan<char> name)
    {
        int mask = _slots.Length - 1;
        for (int i = Hash(name) & mask; ; i = (i + 1) & mask)
        {
            if (_slots[i] is not { } known) return null;
            if (name.SequenceEqual(known)) return known;
        }
    }

    public bool Contains(ReadOnlySpan<char> name) => Find(name) is not null;

    private static int Hash(ReadOnlySpan<char> name)
    {
        uint h = 2166136261;
        foreach (char c in name) h = (h ^ c) * 16777619;
        return (int)(h ^ (h >> 15));
    }
}
