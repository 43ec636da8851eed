namespace Icmal.Storage;

/// <summary>
/// The key look-up of a PostgreSQL copy batch (<see cref="PostgreSqlCopyBatch"/>), counted in İcmal: each of the
/// batch's distinct keys' newest stored ids (read once for the batch, before its own keys are written), and the
/// batch's arrivals under each key. An arrival's look-up is, per key of its own, the newest
/// <see cref="SketchStore.MaxPerKey"/> of the stored ids and of the arrivals up to itself, which is exactly what
/// <see cref="SketchStore.CandidatesAsync"/> reads right after the arrival's keys are written one by one; the ids
/// are then counted and the most-shared chosen as <see cref="SketchStore.TopShared"/> chooses.
/// </summary>
/// <remarks>
/// A batch of 250 at 1M reads some 3,600 keys and 370,000 stored ids (168,000 distinct; 22 % of the entries are ids
/// under only one of the batch's keys) and counts 800,000 ids (16 keys of up to 200 an arrival). The ids are counted
/// as they are merged, not first copied into a list and then counted: 4.1–4.7 ms a batch against 5.3–6.8 ms
/// (docs/benchmarks.md, "sketchcopy"); an open-addressed table of ids instead of the dictionary was no faster.
/// </remarks>
internal sealed class BatchKeyLookup
{
    private readonly Dictionary<long, long[]> _stored = [];
    private readonly Dictionary<long, List<long>> _arrivals = [];
    private readonly Dictionary<long, int> _counts = [];

    /// <summary>A key's stored ids, newest first (as <c>ORDER BY article_id DESC</c> reads them).</summary>
    public void AddStored(long key, long[] ids) => _stored[key] = ids;

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
        _counts.Clear();
        foreach (uint key in keys)
        {
            long[] stored = _stored.GetValueOrDefault(key, []);
            var batch = _arrivals.GetValueOrDefault(key);
            int b = (batch?.Count ?? 0) - 1;
            while (b >= 0 && batch![b] > self) b--;
            int s = 0;
            for (int taken = 0; taken < perKey && (b >= 0 || s < stored.Length); taken++)
            {
                long id = b >= 0 && (s >= stored.Length || batch![b] > stored[s]) ? batch![b--] : stored[s++];
                if (id != self) System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_counts, id, out _)++;
            }
        }
        return SketchStore.Top(_counts, limit, minShared);
    }
}
