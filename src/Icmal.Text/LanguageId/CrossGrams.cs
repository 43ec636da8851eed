using System.Buffers.Binary;

namespace Icmal.Text.LanguageId;

/// <summary>
/// The n-grams that run from one word into the next ("ın b", "də t"), remembered by their hash (issue #17). Their
/// words' own grams come from <see cref="WordGrams"/>, but these depend on the pair, so the scorer looked each one up
/// in the model's tables (<see cref="HashIndex.IndexOf"/>, then the row's counts): two or three cache misses in
/// megabytes of tables, which made them most of an import's language-ID time although they are a few per word. The
/// same few thousand of them come back in every text, so a small table of recent ones (a slot per hash, the full
/// 64-bit hash kept and compared, whether the model has it and a copy of its cell) answers from cache lines that stay
/// near. The answer is the model's own: a slot holds what <see cref="HashIndex.IndexOf"/> and
/// <see cref="NGramLogProbabilities.CopyCell"/> gave for that exact hash, so the same floats are added.
/// A slot keeps its hash, state and cell side by side (24 bytes for the shipped model's 13 labels), so a hit reads
/// one cache line, mostly. One per thread and model (slots are written while read, so they are not shared between
/// threads): about 800 KB.
/// </summary>
internal sealed class CrossGrams
{
    private const int Bits = 15; // 32,768 slots
    private const byte Empty = 0, Absent = 1, Present = 2;

    [ThreadStatic] private static CrossGrams? t_current;

    private readonly HashIndex _rows;
    private readonly NGramLogProbabilities _logProb;
    private readonly byte[] _slots;   // per slot: the hash (8 bytes), the state, then the cell (CellBytes)
    private readonly int _stride;

    private CrossGrams(HashIndex rows, NGramLogProbabilities logProb)
    {
        _rows = rows;
        _logProb = logProb;
        _stride = (sizeof(ulong) + 1 + logProb.CellBytes + 7) & ~7;
        _slots = new byte[(1 << Bits) * _stride];
    }

    /// <summary>This thread's table for the model of <paramref name="rows"/> (made on first use, or anew for another model).</summary>
    public static CrossGrams ForThread(HashIndex rows, NGramLogProbabilities logProb)
    {
        var current = t_current;
        if (current is null || !ReferenceEquals(current._rows, rows) || !ReferenceEquals(current._logProb, logProb))
            t_current = current = new CrossGrams(rows, logProb);
        return current;
    }

    /// <summary>
    /// The cell of the gram with hash <paramref name="hash"/> (<see cref="NGramLogProbabilities.CopyCell"/> of its
    /// row), or empty when the model does not have it.
    /// </summary>
    public ReadOnlySpan<byte> CellOf(ulong hash)
    {
        int slot = (int)((hash * 0x9E3779B97F4A7C15UL) >> (64 - Bits));
        var entry = _slots.AsSpan(slot * _stride, _stride);
        if (entry[sizeof(ulong)] == Empty || BinaryPrimitives.ReadUInt64LittleEndian(entry) != hash)
        {
            int row = _rows.IndexOf(hash);
            BinaryPrimitives.WriteUInt64LittleEndian(entry, hash);
            entry[sizeof(ulong)] = row < 0 ? Absent : Present;
            if (row >= 0) _logProb.CopyCell(row, entry[(sizeof(ulong) + 1)..]);
        }
        return entry[sizeof(ulong)] == Present ? entry[(sizeof(ulong) + 1)..] : [];
    }
}
