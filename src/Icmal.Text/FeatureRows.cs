namespace Icmal.Text;

/// <summary>
/// The weight rows of a linear model's hashed features (the tagger's, the category classifier's), as one
/// open-addressed table: a slot's key and row side by side, at most half the slots taken. The tagger looks up some
/// forty features a token and the classifier a few hundred an article; one probe into one array costs less than a
/// dictionary's two (its buckets, then its entries). The models keep their rows in this form only; saving reads
/// them back (<see cref="Rows"/>). Immutable and thread-safe.
/// </summary>
internal sealed class FeatureRows
{
    private readonly record struct Slot(uint Key, int Row);

    private readonly Slot[] _slots;
    private readonly int _mask;

    /// <param name="rows">Each feature hash's row (rows ≥ 0), each hash once.</param>
    /// <exception cref="ArgumentException">A hash given twice.</exception>
    public FeatureRows(IReadOnlyCollection<KeyValuePair<uint, int>> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        Count = rows.Count;
        int size = 16;
        while (size < rows.Count * 2) size <<= 1;
        _slots = new Slot[size];
        _mask = size - 1;
        _slots.AsSpan().Fill(new Slot(0, -1));
        foreach (var (key, row) in rows)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(row);
            int at = SlotOf(key);
            for (; _slots[at].Row >= 0; at = (at + 1) & _mask)
                if (_slots[at].Key == key) throw new ArgumentException($"feature hash {key} given twice", nameof(rows));
            _slots[at] = new Slot(key, row);
        }
    }

    /// <summary>How many features have a row.</summary>
    public int Count { get; }

    /// <summary>Each feature hash with its row, in no particular order.</summary>
    public IEnumerable<KeyValuePair<uint, int>> Rows =>
        _slots.Where(slot => slot.Row >= 0).Select(slot => KeyValuePair.Create(slot.Key, slot.Row));

    /// <summary>The row of feature hash <paramref name="key"/>, or -1 when it has no weight.</summary>
    public int RowOf(uint key)
    {
        var slots = _slots;
        for (int at = SlotOf(key); ; at = (at + 1) & _mask)
        {
            var slot = slots[at];
            if (slot.Row < 0) return -1;
            if (slot.Key == key) return slot.Row;
        }
    }

    // Fibonacci hashing: feature hashes of one template differ in their low bits as much as in their high ones, but
    // the multiply spreads both over the slot index.
    private int SlotOf(uint key) => (int)((key * 2654435769u) >> 7) & _mask;
}
