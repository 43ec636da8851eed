namespace Icmal.Storage;

/// <summary>
/// A batch's keys' stored ids read ahead (<see cref="KeyLists"/>), outside its copy transaction, with the count of key
/// writes (<see cref="KeyWriteStep"/>) read in the same snapshot; and this process's own key writes since, kept in
/// memory. At link time (<see cref="PostgreSqlCopyBatch"/>, under the link stage's lock) the count is read again: when
/// every write between the two readings is one of this process's committed copy batches, the lists merged with those
/// batches' ids are exactly what the look-up would read then, and the transaction skips its slowest read (at 1M an
/// index descent into the 15.6M-row key index for each of a batch's ~3,000 keys). Otherwise it reads as before.
/// </summary>
internal sealed class KeyAhead
{
    /// <summary>Prefetches kept waiting for their batch (an import prepares one or two batches ahead).</summary>
    private const int MaxPending = 4;

    /// <summary>Own key writes remembered (more than the batches between a prefetch and its use).</summary>
    private const int MaxOwn = 8;

    private readonly Lock _lock = new();
    private int _used;
    private int _readHere;

    /// <summary>Copy batches whose look-up came from the ids read ahead (for the tests and measurements).</summary>
    public int Used => Volatile.Read(ref _used);

    /// <summary>Copy batches that had ids read ahead but read the look-up in their transaction (another writer, a failed read).</summary>
    public int ReadHere => Volatile.Read(ref _readHere);

    /// <summary>Counts a batch that had a prefetch: <paramref name="used"/> it, or read its keys again.</summary>
    public void Count(bool used)
    {
        if (used) Interlocked.Increment(ref _used);
        else Interlocked.Increment(ref _readHere);
    }
    private readonly List<(HashSet<long> Keys, Task<KeyLists?> Lists)> _pending = [];
    private readonly List<OwnWrite> _own = [];

    /// <summary>Keeps a prefetch of <paramref name="keys"/> under way (the oldest forgotten beyond a few).</summary>
    public void Add(HashSet<long> keys, Task<KeyLists?> lists)
    {
        lock (_lock)
        {
            _pending.Add((keys, lists));
            if (_pending.Count > MaxPending) _pending.RemoveAt(0);
        }
    }

    /// <summary>
    /// The newest prefetch that read every one of <paramref name="keys"/>, taken with those before it (a later batch
    /// never uses an earlier batch's prefetch); null when there is none.
    /// </summary>
    public Task<KeyLists?>? Take(IReadOnlyCollection<long> keys)
    {
        lock (_lock)
        {
            for (int i = _pending.Count - 1; i >= 0; i--)
            {
                if (!keys.All(_pending[i].Keys.Contains)) continue;
                var found = _pending[i].Lists;
                _pending.RemoveRange(0, i + 1);
                return found;
            }
            return null;
        }
    }

    /// <summary>
    /// Remembers this process's key write of count <paramref name="count"/> in transaction <paramref name="xid"/>: the
    /// arrivals' keys, in their order (ids ascending). A remembered write of that count or later is forgotten (its
    /// transaction rolled back, or the count was another's).
    /// </summary>
    public void Record(long count, long xid, IEnumerable<(long ArticleId, uint Key)> written)
    {
        var byKey = new Dictionary<long, List<long>>();
        foreach (var (id, key) in written)
        {
            if (!byKey.TryGetValue(key, out var list)) byKey[key] = list = [];
            list.Add(id);
        }
        lock (_lock)
        {
            _own.RemoveAll(w => w.Count >= count);
            _own.Add(new OwnWrite(count, xid, byKey));
            if (_own.Count > MaxOwn) _own.RemoveAt(0);
        }
    }

    /// <summary>The own writes remembered with a count above <paramref name="count"/>, in count order.</summary>
    public List<OwnWrite> OwnAfter(long count)
    {
        lock (_lock) return [.. _own.Where(w => w.Count > count).OrderBy(w => w.Count)];
    }

    /// <summary>
    /// The prefetched lists as the look-up reads them at count <paramref name="now"/>, or null when that cannot be known:
    /// every count in (<see cref="KeyLists.Count"/>, <paramref name="now"/>] must be one of <paramref name="own"/>, each
    /// committed (<paramref name="committed"/>: their transactions' status, in the same order).
    /// </summary>
    public static Dictionary<long, long[]>? Merge(KeyLists ahead, long now, IReadOnlyList<OwnWrite> own, IReadOnlyList<bool> committed,
        IEnumerable<long> keys, int perKey)
    {
        ArgumentNullException.ThrowIfNull(ahead);
        var between = new List<OwnWrite>();
        for (int i = 0; i < own.Count; i++)
        {
            if (own[i].Count > now) continue;
            if (!committed[i]) return null;
            between.Add(own[i]);
        }
        if (now < ahead.Count || between.Count != now - ahead.Count) return null;
        var lists = new Dictionary<long, long[]>();
        var merged = new List<long>();
        foreach (long key in keys)
        {
            if (!ahead.Ids.TryGetValue(key, out var stored)) return null;
            merged.Clear();
            merged.AddRange(stored);
            foreach (var w in between)
                if (w.Ids.TryGetValue(key, out var ids)) merged.AddRange(ids);
            if (merged.Count == stored.Length)
            {
                lists[key] = stored;
                continue;
            }
            merged.Sort((a, b) => b.CompareTo(a));
            var top = new List<long>(Math.Min(perKey, merged.Count));
            foreach (long id in merged)
            {
                if (top.Count >= perKey) break;
                if (top.Count == 0 || top[^1] != id) top.Add(id);
            }
            lists[key] = [.. top];
        }
        return lists;
    }

    /// <summary>One of this process's key writes: its count, its transaction and the ids it wrote under each key (ascending).</summary>
    internal sealed record OwnWrite(long Count, long Xid, Dictionary<long, List<long>> Ids);
}

/// <summary>Each key's newest stored ids (descending, as the look-up reads them) and the key write count, read in one snapshot.</summary>
internal sealed record KeyLists(long Count, Dictionary<long, long[]> Ids);
