namespace Icmal.Storage;

/// <summary>
/// A batch's keys' stored ids read ahead (<see cref="KeyLists"/>), outside its copy transaction, with the count of key
/// writes (<see cref="KeyWriteStep"/>) read in the same snapshot; and this process's own key writes since, kept in
/// memory. At link time (<see cref="PostgreSqlCopyBatch"/>, under the link stage's lock) the count is read again: when
/// every write between the two readings is one of this process's committed copy batches, the lists merged with those
/// batches' ids are exactly what the look-up would read then, and the transaction skips its slowest read (at 1M an
/// index descent into the 15.6M-row key index for each of a batch's ~3,000 keys). Otherwise it reads as before.
/// The lists a batch comes to know (merged, or read in its transaction) are kept across batches (<see cref="Cache"/>),
/// so the read ahead leaves out the keys already kept, and only the rest are read.
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
    private long _keysKept;
    private long _keysAhead;
    private long _keysRead;

    /// <summary>Keys' lists kept from batch to batch, exact at one key write count (<see cref="KeyCache"/>).</summary>
    public KeyCache Cache { get; } = new();

    /// <summary>Batches' keys whose lists came from <see cref="Cache"/> (for the tests and measurements).</summary>
    public long KeysKept => Interlocked.Read(ref _keysKept);

    /// <summary>Batches' keys whose lists came from the read ahead, merged.</summary>
    public long KeysAhead => Interlocked.Read(ref _keysAhead);

    /// <summary>Batches' keys read in their transactions.</summary>
    public long KeysRead => Interlocked.Read(ref _keysRead);

    /// <summary>Counts where a batch's keys' lists came from.</summary>
    public void CountKeys(int kept, int readAhead, int read)
    {
        Interlocked.Add(ref _keysKept, kept);
        Interlocked.Add(ref _keysAhead, readAhead);
        Interlocked.Add(ref _keysRead, read);
    }

    /// <summary>Copy batches whose look-up came from the ids read ahead or kept, none read in the transaction (for the tests and measurements).</summary>
    public int Used => Volatile.Read(ref _used);

    /// <summary>Copy batches that had ids read ahead or kept but read some of the look-up in their transaction (another writer, a failed read, keys not kept).</summary>
    public int ReadHere => Volatile.Read(ref _readHere);

    /// <summary>Counts a batch that had a prefetch or kept lists: <paramref name="used"/> them alone, or read keys too.</summary>
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
    /// The newest prefetch that read every one of <paramref name="keys"/>, taken; null when there is none. Only that one
    /// is taken: prefetches are not added in batch order (an import's first batches read their keys ahead at their store,
    /// after the next batch's preparation read its own), and an unused one is forgotten beyond <see cref="MaxPending"/>.
    /// </summary>
    public Task<KeyLists?>? Take(IReadOnlyCollection<long> keys)
    {
        lock (_lock)
        {
            for (int i = _pending.Count - 1; i >= 0; i--)
            {
                if (!keys.All(_pending[i].Keys.Contains)) continue;
                var found = _pending[i].Lists;
                _pending.RemoveAt(i);
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
    /// The prefetched lists of <paramref name="keys"/> as the look-up reads them at count <paramref name="now"/>, or null
    /// when that cannot be known: every count in (<see cref="KeyLists.Count"/>, <paramref name="now"/>] must be one of
    /// <paramref name="own"/>, each committed (<paramref name="committed"/>: their transactions' status, in the same
    /// order), and every key read ahead.
    /// </summary>
    public static Dictionary<long, long[]>? Merge(KeyLists ahead, long now, IReadOnlyList<OwnWrite> own, IReadOnlyList<bool> committed,
        IEnumerable<long> keys, int perKey)
    {
        ArgumentNullException.ThrowIfNull(ahead);
        if (Between(ahead.Count, now, own, committed) is not { } between) return null;
        var lists = new Dictionary<long, long[]>();
        var added = new List<List<long>>(between.Count);
        foreach (long key in keys)
        {
            if (!ahead.Ids.TryGetValue(key, out var stored)) return null;
            added.Clear();
            foreach (var w in between)
                if (w.Ids.TryGetValue(key, out var ids)) added.Add(ids);
            lists[key] = Newest(stored, added, perKey);
        }
        return lists;
    }

    /// <summary>
    /// The key writes of counts (<paramref name="from"/>, <paramref name="now"/>] when every one is of
    /// <paramref name="own"/> and committed (<paramref name="committed"/>, in the same order), in count order; null
    /// otherwise (another writer, a write rolled back or forgotten, a count gone back).
    /// </summary>
    public static List<OwnWrite>? Between(long from, long now, IReadOnlyList<OwnWrite> own, IReadOnlyList<bool> committed)
    {
        ArgumentNullException.ThrowIfNull(own);
        ArgumentNullException.ThrowIfNull(committed);
        var between = new List<OwnWrite>();
        for (int i = 0; i < own.Count; i++)
        {
            if (own[i].Count <= from || own[i].Count > now) continue;
            if (!committed[i]) return null;
            between.Add(own[i]);
        }
        return now < from || between.Count != now - from ? null : between;
    }

    /// <summary>
    /// A key's newest <paramref name="perKey"/> ids (descending, distinct) of <paramref name="stored"/> (its newest,
    /// descending) and the ids written under it since (<paramref name="added"/>, each ascending): the look-up after those
    /// writes. <paramref name="stored"/> itself when nothing was added.
    /// </summary>
    public static long[] Newest(long[] stored, IReadOnlyList<List<long>> added, int perKey)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(added);
        if (added.Count == 0) return stored;
        if (added.Count == 1 && Ascending(added[0]) && (stored.Length == 0 || added[0][0] > stored[0]))
        {
            // A batch's own ids are newer than every id stored before it: they go first, newest first.
            var one = added[0];
            int n = Math.Min(perKey, one.Count + stored.Length);
            var top = new long[n];
            int k = 0;
            for (int i = one.Count - 1; i >= 0 && k < n; i--) top[k++] = one[i];
            for (int i = 0; k < n; i++) top[k++] = stored[i];
            return top;
        }
        var merged = new List<long>(stored);
        foreach (var ids in added) merged.AddRange(ids);
        merged.Sort((a, b) => b.CompareTo(a));
        var list = new List<long>(Math.Min(perKey, merged.Count));
        foreach (long id in merged)
        {
            if (list.Count >= perKey) break;
            if (list.Count == 0 || list[^1] != id) list.Add(id);
        }
        return [.. list];
    }

    private static bool Ascending(List<long> ids)
    {
        if (ids.Count == 0) return false;
        for (int i = 1; i < ids.Count; i++)
            if (ids[i] <= ids[i - 1]) return false;
        return true;
    }

    /// <summary>One of this process's key writes: its count, its transaction and the ids it wrote under each key (ascending).</summary>
    internal sealed record OwnWrite(long Count, long Xid, Dictionary<long, List<long>> Ids);
}

/// <summary>Each key's newest stored ids (descending, as the look-up reads them) and the key write count, read in one snapshot.</summary>
internal sealed record KeyLists(long Count, Dictionary<long, long[]> Ids);
