namespace Icmal.Clustering;

/// <summary>
/// A story's centroid: term id → summed weight. An open-addressing table (linear probing over one array of entry
/// numbers) in front of flat arrays of keys and values, because the clusterer reads centroids far more often than it
/// changes them (every candidate story's weight of the arrival's strongest terms, the similarity of up to 32 candidates,
/// the representative's choice), and a probe into one small array is cheaper than <see cref="Dictionary{TKey,TValue}"/>'s
/// buckets, entries and comparer.
/// </summary>
/// <remarks>
/// Entries are kept in the order a <see cref="Dictionary{TKey,TValue}"/> would enumerate them (appended, a removed
/// entry's place reused last-freed first), and <see cref="SumOfSquares"/> and <see cref="Keys"/> read them in that
/// order: the centroid's norm is summed in it (floating-point sums depend on their order) and a dropped story's
/// terms leave the index in it, so the clusterer's output does not depend on which table holds the centroid.
/// </remarks>
internal sealed class TermWeights
{
    private int[] _keys = new int[8];
    private double[] _values = new double[8];
    private bool[] _used = new bool[8];
    /// <summary>The entries ever used (the high-water mark), some of them free.</summary>
    private int _end;
    private int[] _free = new int[8];
    private int _freeCount;
    /// <summary>By hash of the key: the key and its entry number + 1 (0: an empty slot), so that a look-up of an
    /// absent key (most of an arrival's terms) reads this array alone.</summary>
    private Slot[] _slots = new Slot[16];
    private int _shift = 28;

    public int Count => _end - _freeCount;

    private struct Slot
    {
        public int Key;
        public int Entry;
    }

    /// <summary>The value of the entry numbered <paramref name="entry"/> (as <see cref="GetValueRefOrAddDefault"/> gave it; valid while its key is held).</summary>
    public double ValueAt(int entry) => _values[entry];

    private int Home(int key) => (int)(((uint)key * 0x9E3779B9u) >> _shift);

    /// <summary>The slot that holds <paramref name="key"/>, or −1.</summary>
    private int Find(int key)
    {
        int mask = _slots.Length - 1;
        for (int s = Home(key); ; s = (s + 1) & mask)
        {
            ref var slot = ref _slots[s];
            if (slot.Entry == 0) return -1;
            if (slot.Key == key) return s;
        }
    }

    public bool TryGetValue(int key, out double value)
    {
        var slots = _slots;
        int mask = slots.Length - 1;
        for (int s = Home(key); ; s = (s + 1) & mask)
        {
            ref var slot = ref slots[s];
            if (slot.Entry == 0) break;
            if (slot.Key == key)
            {
                value = _values[slot.Entry - 1];
                return true;
            }
        }
        value = 0;
        return false;
    }

    /// <summary>The value of <paramref name="key"/>, added as 0 when absent (<paramref name="exists"/> false), and its entry number.</summary>
    public ref double GetValueRefOrAddDefault(int key, out bool exists, out int entry)
    {
        int s = Find(key);
        if (s >= 0)
        {
            exists = true;
            entry = _slots[s].Entry - 1;
            return ref _values[entry];
        }
        exists = false;
        if (_freeCount > 0) entry = _free[--_freeCount];
        else
        {
            if (_end == _keys.Length)
            {
                Array.Resize(ref _keys, _end * 2);
                Array.Resize(ref _values, _end * 2);
                Array.Resize(ref _used, _end * 2);
            }
            entry = _end++;
        }
        _keys[entry] = key;
        _values[entry] = 0;
        _used[entry] = true;
        if (Count * 2 > _slots.Length) Rehash(_slots.Length * 2);
        else Place(entry);
        return ref _values[entry];
    }

    public bool Remove(int key)
    {
        int s = Find(key);
        if (s < 0) return false;
        int entry = _slots[s].Entry - 1;
        _used[entry] = false;
        if (_freeCount == _free.Length) Array.Resize(ref _free, _free.Length * 2);
        _free[_freeCount++] = entry;
        // Backward-shift deletion: later keys of the probe run move up so that no look-up stops at the hole.
        int mask = _slots.Length - 1;
        int hole = s;
        for (int j = (s + 1) & mask; _slots[j].Entry != 0; j = (j + 1) & mask)
        {
            int home = Home(_slots[j].Key);
            bool stays = hole <= j ? home > hole && home <= j : home > hole || home <= j;
            if (stays) continue;
            _slots[hole] = _slots[j];
            hole = j;
        }
        _slots[hole] = default;
        return true;
    }

    /// <summary>The sum of the squared values, in entry order.</summary>
    public double SumOfSquares()
    {
        double sum = 0;
        for (int e = 0; e < _end; e++)
            if (_used[e]) sum += _values[e] * _values[e];
        return sum;
    }

    /// <summary>The keys, in entry order.</summary>
    public int[] Keys()
    {
        var keys = new int[Count];
        int n = 0;
        for (int e = 0; e < _end; e++)
            if (_used[e]) keys[n++] = _keys[e];
        return keys;
    }

    /// <summary>Copies the entries out, in entry order; returns how many.</summary>
    public int CopyTo(int[] keys, double[] values)
    {
        int n = 0;
        for (int e = 0; e < _end; e++)
            if (_used[e])
            {
                keys[n] = _keys[e];
                values[n++] = _values[e];
            }
        return n;
    }

    private void Place(int entry)
    {
        int mask = _slots.Length - 1;
        int s = Home(_keys[entry]);
        while (_slots[s].Entry != 0) s = (s + 1) & mask;
        _slots[s] = new Slot { Key = _keys[entry], Entry = entry + 1 };
    }

    private void Rehash(int size)
    {
        _slots = new Slot[size];
        _shift = 32 - System.Numerics.BitOperations.Log2((uint)size);
        for (int e = 0; e < _end; e++)
            if (_used[e]) Place(e);
    }
}
