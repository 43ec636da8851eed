using Icmal.Model;
using Icmal.Text.Similarity;

namespace Icmal.Storage;

/// <summary>What copy detection reads of a candidate's article row that links do not change.</summary>
internal sealed record CandidateFields(string? Site, string? Url, DateTimeOffset SortAt, SourceCredit? Credit, string TextSha256);

/// <summary>
/// Candidates' sketches and article fields kept in memory from one PostgreSQL copy batch to the next
/// (<see cref="PostgreSqlCopyBatch"/>): at 1M, 80–83 % of the ~206,000 candidate sketches an import of 10,000 reads
/// were read by an earlier batch of the same process (docs/benchmarks.md, "keycap"). Links (a candidate's original,
/// its credited copies) change and are never kept here.
/// </summary>
/// <remarks>
/// <para>Safe across processes: İcmal never changes a stored article's sketch (a re-sketch of the same text writes the
/// same bytes) or the fields kept (no statement updates them), and article ids are never reused. In case another
/// version or a hand edit does, PostgreSQL's step 12 (<see cref="SketchKeyStep"/>) counts every real change in
/// <c>settings</c>; each batch reads the counter before it reads any candidate (<see cref="Check"/>), and a new value
/// empties the cache. Only committed rows are kept: a batch's own arrivals, not yet committed, are not.</para>
/// <para>Bounded: two generations of at most <see cref="Capacity"/> / 2 entries each; when the newer is full the older
/// is dropped, and an entry found in the older moves to the newer. An entry is a sketch (64 hashes, ~0.3 KB) and,
/// for the candidates whose rows were read, the fields (address, text hash: ~0.5 KB), so at most about
/// <see cref="Capacity"/> × 0.8 KB ≈ 50 MB, ~25 MB in an import of 10,000 at 1M.</para>
/// </remarks>
internal sealed class CandidateCache(int capacity = CandidateCache.DefaultCapacity)
{
    /// <summary>The most entries kept by default.</summary>
    public const int DefaultCapacity = 60_000;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, string> _sites = new(StringComparer.Ordinal);
    private Dictionary<long, Entry> _newer = [];
    private Dictionary<long, Entry> _older = [];
    private string? _epoch;

    /// <summary>The most entries kept.</summary>
    public int Capacity { get; } = Math.Max(2, capacity);

    /// <summary>Entries kept now.</summary>
    public int Count
    {
        get
        {
            lock (_lock) return _newer.Count + _older.Count;
        }
    }

    /// <summary>
    /// The archive's change counter as a batch read it before its candidates (null: none stored, so nothing is kept):
    /// all is forgotten when it differs from the one the entries were read under.
    /// </summary>
    public void Check(string? epoch)
    {
        lock (_lock)
        {
            if (epoch is not null && string.Equals(epoch, _epoch, StringComparison.Ordinal)) return;
            _newer.Clear();
            _older.Clear();
            _sites.Clear();
            _epoch = epoch;
        }
    }

    /// <summary>A candidate's sketch, and its fields when they were read; false when it is not kept.</summary>
    public bool TryGet(long articleId, out TextSketch sketch, out CandidateFields? fields)
    {
        lock (_lock)
        {
            if (Find(articleId) is { } entry)
            {
                (sketch, fields) = (entry.Sketch, entry.Fields);
                return true;
            }
        }
        (sketch, fields) = (null!, null);
        return false;
    }

    /// <summary>Keeps a committed candidate's sketch.</summary>
    public void AddSketch(long articleId, TextSketch sketch)
    {
        lock (_lock)
        {
            if (_epoch is null) return;
            Put(articleId, new Entry(sketch, Find(articleId)?.Fields));
        }
    }

    /// <summary>Keeps a committed candidate's fields, beside its sketch (a candidate without a kept sketch is not kept).</summary>
    public void AddFields(long articleId, CandidateFields fields)
    {
        lock (_lock)
        {
            if (_epoch is null || Find(articleId) is not { } entry) return;
            if (fields.Site is { } site)
            {
                // The sites repeat: one string each (the cache holds tens of thousands of rows).
                if (_sites.TryGetValue(site, out var known)) fields = fields with { Site = known };
                else if (_sites.Count < 10_000) _sites[site] = site;
            }
            Put(articleId, entry with { Fields = fields });
        }
    }

    /// <summary>The entry, moved to the newer generation when found in the older.</summary>
    private Entry? Find(long articleId)
    {
        if (_newer.TryGetValue(articleId, out var entry)) return entry;
        if (!_older.Remove(articleId, out entry)) return null;
        Put(articleId, entry);
        return entry;
    }

    private void Put(long articleId, Entry entry)
    {
        if (!_newer.ContainsKey(articleId) && _newer.Count >= Capacity / 2)
        {
            (_older, _newer) = (_newer, _older);
            _newer.Clear();
        }
        _newer[articleId] = entry;
    }

    private sealed record Entry(TextSketch Sketch, CandidateFields? Fields);
}
