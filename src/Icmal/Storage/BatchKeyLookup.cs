using System.Buffers.Binary;

namespace Icmal.Storage;

/// <summary>
/// The key look-up of a PostgreSQL copy batch (<see cref="PostgreSqlCopyBatch"/>), counted in İcmal: each of the
/// batch's distinct keys' newest stored ids (read once for the batch, before its own keys are written), and the
/// batch's arrivals under each key. An arrival's look-up is, per key of its own, the newest
/// <see cref="SketchStore.MaxPerKey"/> of the stored ids and of the arrivals up to itself, which is exactly what
/// <see cref="SketchStore.CandidatesAsync"/> reads right after the arrival's keys are written one by one; the ids
/// are then counted and the most-shared chosen (<see cref="SketchStore.TopShared"/>).
/// </summary>
/// <remarks>
/// A batch of 250 at 1M reads some 3,500 keys and 370,000 stored ids, and counts 800,000 ids (16 keys of 200 an
/// arrival). The stored ids come as each key's array in PostgreSQL's binary array format, sent as <c>bytea</c>
/// (<c>array_send</c>), and are parsed here into one pooled array: read as <c>bigint[]</c>, Npgsql's array converter
/// built one array a key, element by element. The ids are counted as they are merged, in an open-addressed table
/// (<see cref="SharedKeyCounter"/>), not first copied into a list and counted in a dictionary.
/// </remarks>
internal sealed class BatchKeyLookup
{
    private readonly Dictionary<long, (int Start, int Length)> _stored = [];
    private readonly Dictionary<long, List<long>> _arrivals = [];
    private readonly SharedKeyCounter _counter = new();
    private long[] _pool = new long[1 << 12];
    private int _pooled;

    /// <summary>A key's stored ids, newest first (as <c>ORDER BY article_id DESC</c> reads them).</summary>
    public void AddStored(long key, ReadOnlySpan<long> ids)
    {
        Reserve(ids.Length);
        ids.CopyTo(_pool.AsSpan(_pooled));
        _stored[key] = (_pooled, ids.Length);
        _pooled += ids.Length;
    }

    /// <summary>
    /// A key's stored ids, newest first, as PostgreSQL's binary format of a one-dimensional <c>bigint[]</c>
    /// (<c>array_send</c>: dimensions, flags, element type, each dimension's length and lower bound, then each element's
    /// length and big-endian value).
    /// </summary>
    public void AddStored(long key, ReadOnlySpan<byte> array)
    {
        int dimensions = BinaryPrimitives.ReadInt32BigEndian(array);
        if (dimensions == 0)
        {
            _stored[key] = (_pooled, 0);
            return;
        }
        if (dimensions != 1) throw new FormatException($"a key's ids came as an array of {dimensions} dimensions");
        int count = BinaryPrimitives.ReadInt32BigEndian(array[12..]);
        var elements = array[20..];
        if (elements.Length != count * 12) throw new FormatException($"a key's {count} ids came in {elements.Length} bytes");
        Reserve(count);
        var pool = _pool.AsSpan(_pooled, count);
        for (int i = 0; i < count; i++)
        {
            var element = elements.Slice(i * 12, 12);
            if (BinaryPrimitives.ReadInt32BigEndian(element) != 8) throw new FormatException("a key's id came null or not as a bigint");
            pool[i] = BinaryPrimitives.ReadInt64BigEndian(element[4..]);
        }
        _stored[key] = (_pooled, count);
        _pooled += count;
    }

    /// <summary>An arrival's keys; arrivals are added in their order (ids ascending).</summary>
    public void AddArrival(long articleId, ReadOnlySpan<uint> keys)
    {
        foreach (uint key in keys)
        {
            if (!_arrivals.TryGetValue(key, out var list)) _arrivals[key] = list = [];
            list.Add(articleId);
        }
    }

    /// <summary>
    /// The look-up of the arrival <paramref name="self"/> of keys <paramref name="keys"/>: per key, the newest
    /// <paramref name="perKey"/> of the stored ids and the arrivals up to itself (itself counted among them, as its own
    /// entry is when it looks up one by one), counted; of those sharing at least <paramref name="minShared"/> keys, the
    /// <paramref name="limit"/> sharing the most, more first, then the newer; never itself.
    /// </summary>
    public List<(long Id, long Shared)> Keyed(long self, ReadOnlySpan<uint> keys, int perKey, int limit, int minShared)
    {
        _counter.Clear();
        foreach (uint key in keys)
        {
            var stored = _stored.TryGetValue(key, out var range) ? _pool.AsSpan(range.Start, range.Length) : [];
            var batch = _arrivals.TryGetValue(key, out var list) ? list : null;
            int b = (batch?.Count ?? 0) - 1;
            while (b >= 0 && batch![b] > self) b--;
            int s = 0;
            for (int taken = 0; taken < perKey && (b >= 0 || s < stored.Length); taken++)
            {
                long id = b >= 0 && (s >= stored.Length || batch![b] > stored[s]) ? batch![b--] : stored[s++];
                if (id != self) _counter.Add(id);
            }
        }
        return _counter.Top(limit, minShared);
    }

    private void Reserve(int count)
    {
        if (_pooled + count > _pool.Length) Array.Resize(ref _pool, Math.Max(_pool.Length * 2, _pooled + count));
    }
}
