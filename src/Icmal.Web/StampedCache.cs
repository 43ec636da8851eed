using System.Collections.Concurrent;
using System.Diagnostics;
using Icmal.Storage;

namespace Icmal.Web;

/// <summary>
/// Values read from the archive's newest parts (the front page's blocks, a section's first page), kept while the
/// archive stands where it stood (<see cref="ArchiveStamp"/>: no arrival since) and for at most <see cref="MaxAge"/>,
/// since the stages after an arrival (its story, copy link, section) do not move the stamp. An arrival shows at once,
/// a later stage within <see cref="MaxAge"/>. One request rebuilds a stale entry while the others wait for it, so a
/// burst of 32 readers does not read it 32 times.
/// </summary>
public sealed class StampedCache<TKey, TValue>(Database database) where TKey : notnull
{
    /// <summary>The longest an entry is kept even when no article arrived.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(3);

    /// <summary>Entries kept at most (the keys come from requests): past it the cache starts afresh.</summary>
    public const int MaxEntries = 64;

    private sealed record Entry(ArchiveStamp Stamp, long At, TValue Value);

    private readonly ConcurrentDictionary<TKey, Entry> _entries = new();
    private readonly SemaphoreSlim _rebuild = new(1, 1);

    /// <summary>The value of <paramref name="key"/>, read by <paramref name="read"/> when there is none as fresh as the archive.</summary>
    public async Task<TValue> GetAsync(TKey key, Func<CancellationToken, Task<TValue>> read, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(read);
        var stamp = await ArchiveStamp.ReadAsync(database, ct);
        if (Fresh(key, stamp) is { } kept) return kept.Value;
        await _rebuild.WaitAsync(ct);
        try
        {
            if (Fresh(key, stamp) is { } rebuilt) return rebuilt.Value;
            // The stamp is read before the value: an arrival in between makes the next request's stamp differ, so the
            // entry is rebuilt then; it never keeps a value older than its stamp.
            var value = await read(ct);
            if (_entries.Count >= MaxEntries) _entries.Clear();
            _entries[key] = new Entry(stamp, Stopwatch.GetTimestamp(), value);
            return value;
        }
        finally
        {
            _rebuild.Release();
        }
    }

    private Entry? Fresh(TKey key, ArchiveStamp stamp) =>
        _entries.TryGetValue(key, out var entry) && entry.Stamp == stamp && Stopwatch.GetElapsedTime(entry.At) < MaxAge ? entry : null;
}
