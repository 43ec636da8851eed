namespace Icmal.Storage;

/// <summary>
/// Counts how many of an arrival's keys each id was read under, and gives those sharing the most
/// (<see cref="SketchStore.TopShared"/>'s choice). An open-addressed table of ids reused from arrival to arrival: a
/// batch of 250 arrivals at 1M counts some 800,000 ids, and a <see cref="Dictionary{TKey, TValue}"/> (hashing, bucket
/// chains, clearing) was most of the copy batch's own CPU after parsing.
/// </summary>
internal sealed class SharedKeyCounter
{
    private long[] _ids = new long[1 << 13];
    private int[] _counts = new int[1 << 13];
    private int[] _used = new int[1 << 12];
    private int _usedCount;
    private int _mask = (1 << 13) - 1;

    /// <summary>Forgets the ids counted.</summary>
    public void Clear()
    {
        for (int i = 0; i < _usedCount; i++) _counts[_used[i]] = 0;
        _usedCount = 0;
    }

    /// <summary>Counts <paramref name="id"/> once more.</summary>
    public void Add(long id)
    {
        if (_usedCount * 2 >= _mask) Grow();
        int slot = SlotOf(id);
        if (_counts[slot]++ > 0) return;
        _ids[slot] = id;
        if (_usedCount == _used.Length) System.Array.Resize(ref _used, _used.Length * 2);
        _used[_usedCount++] = slot;
    }

    /// <summary>The slot that holds <paramref name="id"/>, else the empty one where it goes (linear probing).</summary>
    private int SlotOf(long id)
    {
        int slot = (int)(((ulong)id * 0x9E3779B97F4A7C15UL) >> 32) & _mask;
        while (_counts[slot] != 0 && _ids[slot] != id) slot = (slot + 1) & _mask;
        return slot;
    }

    /// <summary>
    /// Of the ids counted at least <paramref name="minShared"/> times, the <paramref name="limit"/> counted most, more
    /// first, then the higher id (the grouped SQL look-up's <c>ORDER BY shared DESC, article_id DESC LIMIT</c>).
    /// </summary>
    public List<(long Id, long Shared)> Top(int limit, int minShared)
    {
        var top = new List<(long Id, long Shared)>();
        for (int i = 0; i < _usedCount; i++)
        {
            int slot = _used[i];
            if (_counts[slot] >= minShared) top.Add((_ids[slot], _counts[slot]));
        }
        top.Sort((a, b) => a.Shared != b.Shared ? b.Shared.CompareTo(a.Shared) : b.Id.CompareTo(a.Id));
        if (top.Count > limit) top.RemoveRange(limit, top.Count - limit);
        return top;
    }

    /// <summary>Twice the table, the ids counted so far moved into it.</summary>
    private void Grow()
    {
        var ids = _ids;
        var counts = _counts;
        var used = _used[.._usedCount];
        _ids = new long[ids.Length * 2];
        _counts = new int[ids.Length * 2];
        _mask = _ids.Length - 1;
        for (int i = 0; i < used.Length; i++)
        {
            int old = used[i];
            int slot = SlotOf(ids[old]);
            _ids[slot] = ids[old];
            _counts[slot] = counts[old];
            _used[i] = slot;
        }
    }
}
