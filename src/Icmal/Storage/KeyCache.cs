namespace Icmal.Storage;

/// <summary>
/// Sketch keys' newest stored ids kept in the process from one PostgreSQL copy batch to the next (issue #17), all
/// exact at one key write count (<see cref="KeyWriteStep"/>), so that a batch reads (ahead, or in its transaction) only
/// the keys it has not seen: at 1M the key read was the largest single server cost of an import (an index descent into
/// the 15.6M-row key index for each of a batch's 3,000–6,000 keys), and keys recur from batch to batch.
/// </summary>
/// <remarks>
/// <para>Why the lists are exact. Each list is a key's newest <c>perKey</c> ids as the look-up
/// (<c>ORDER BY article_id DESC LIMIT perKey</c>) read them at count <see cref="Count"/>: read in one snapshot with the
/// count, or carried forward from an earlier count. A batch's <see cref="Advance"/>, under the link lock with the
/// count's row locked, reads the count again; when every key write between (one count each) is one of this process's
/// copy batches, committed (<see cref="KeyAhead.OwnWrite"/>, checked by <c>txid_status</c>), those writes only
/// inserted the ids they remember, so each key's newest ids now are the newest of its kept ones and those inserted
/// under it (<see cref="KeyAhead.Newest"/>), and the kept lists are carried to the new count. Any other write (another
/// process, an article sketched alone, a delete, a batch rolled back or forgotten) empties the cache: the batch then
/// reads as without it. A batch's own write is never put in the lists directly, only carried in once it is seen
/// committed, so a batch that rolls back leaves nothing behind.</para>
/// <para>Bounded by ids, not keys (a rare key holds one or two ids, a stock phrase's <c>perKey</c>): two generations
/// of at most <see cref="Capacity"/> / 2 ids each; when the newer is full the older is dropped, and a list found in the
/// older moves to the newer. At the default that is at most 64 MB of ids; a batch's keys are ~1.2M ids at most, so the
/// keys of the last few batches stay.</para>
/// </remarks>
internal sealed class KeyCache(long capacity = KeyCache.DefaultCapacity)
{
    /// <summary>The most ids kept by default (8 bytes each).</summary>
    public const long DefaultCapacity = 8_000_000;

    private readonly Lock _lock = new();
    private Dictionary<long, long[]> _newer = [];
    private Dictionary<long, long[]> _older = [];
    private long _newerIds;
    private long _count = -1;

    /// <summary>The most ids kept.</summary>
    public long Capacity { get; } = Math.Max(2, capacity);

    /// <summary>The key write count the lists are exact at; null when nothing is kept.</summary>
    public long? Count
    {
        get
        {
            lock (_lock) return _newer.Count + _older.Count == 0 ? null : _count;
        }
    }

    /// <summary>Keys kept now.</summary>
    public int Keys
    {
        get
        {
            lock (_lock) return _newer.Count + _older.Count;
        }
    }

    /// <summary>Whether <paramref name="key"/>'s list is kept (the read ahead leaves it out).</summary>
    public bool Contains(long key)
    {
        lock (_lock) return _newer.ContainsKey(key) || _older.ContainsKey(key);
    }

    /// <summary>
    /// Carries the lists to count <paramref name="now"/>, read under the link lock with the count's row locked:
    /// with the ids of <paramref name="own"/> (this process's key writes after <see cref="Count"/>, in count order;
    /// <paramref name="committed"/> their transactions' status, in the same order) when those are every write between,
    /// all committed; otherwise all is forgotten. Either way the cache is then at <paramref name="now"/>.
    /// </summary>
    public void Advance(long now, IReadOnlyList<KeyAhead.OwnWrite> own, IReadOnlyList<bool> committed, int perKey)
    {
        ArgumentNullException.ThrowIfNull(own);
        ArgumentNullException.ThrowIfNull(committed);
        lock (_lock)
        {
            var between = _count < 0 ? null : KeyAhead.Between(_count, now, own, committed);
            if (between is null)
            {
                Clear(now);
                return;
            }
            if (between.Count == 0) return;
            // Only the keys written between change: those of the writes (a batch's few thousand), not every key kept.
            var added = new List<List<long>>(between.Count);
            foreach (long key in between.SelectMany(w => w.Ids.Keys).Distinct())
            {
                var dict = _newer.ContainsKey(key) ? _newer : _older.ContainsKey(key) ? _older : null;
                if (dict is null) continue;
                added.Clear();
                foreach (var w in between)
                    if (w.Ids.TryGetValue(key, out var ids)) added.Add(ids);
                var carried = KeyAhead.Newest(dict[key], added, perKey);
                if (ReferenceEquals(dict, _newer)) _newerIds += Size(carried) - Size(dict[key]);
                dict[key] = carried;
            }
            _count = now;
        }
    }

    /// <summary>Forgets every list; the cache is then at count <paramref name="now"/> (a batch's read at that count may be kept).</summary>
    public void Reset(long now)
    {
        lock (_lock) Clear(now);
    }

    /// <summary>The key's newest ids at <see cref="Count"/> (descending), when kept.</summary>
    public bool TryGet(long key, out long[] ids)
    {
        lock (_lock)
        {
            if (_newer.TryGetValue(key, out ids!)) return true;
            if (!_older.Remove(key, out ids!)) return false;
            Keep(key, ids);
            return true;
        }
    }

    /// <summary>
    /// Keeps a key's newest ids read or carried to count <paramref name="count"/>; ignored unless that is the cache's
    /// count (the lists must all be exact at one count).
    /// </summary>
    public void Put(long key, long[] ids, long count)
    {
        ArgumentNullException.ThrowIfNull(ids);
        lock (_lock)
        {
            if (count != _count) return;
            _older.Remove(key);
            if (_newer.Remove(key, out var old)) _newerIds -= Size(old);
            Keep(key, ids);
        }
    }

    private void Keep(long key, long[] ids)
    {
        long size = Size(ids);
        if (_newerIds + size > Capacity / 2 && _newer.Count > 0)
        {
            _older = _newer;
            _newer = [];
            _newerIds = 0;
        }
        _newer[key] = ids;
        _newerIds += size;
    }

    /// <summary>A list's share of the bound: an empty one still counts one, so that a generation of unseen keys is bounded too.</summary>
    private static long Size(long[] ids) => Math.Max(1, ids.Length);

    private void Clear(long now)
    {
        _newer.Clear();
        _older.Clear();
        _newerIds = 0;
        _count = now;
    }
}
