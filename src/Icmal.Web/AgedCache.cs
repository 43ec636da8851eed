using System.Collections.Concurrent;
using System.Diagnostics;

namespace Icmal.Web;

/// <summary>
/// Aggregates over a whole site's history (its profile: how many articles, how often, who copies it) or the whole
/// archive (the list of sites), kept for <see cref="MaxAge"/>: one more article moves them by one, so a minute-old
/// figure is as good to a reader, and reading them cost 50–300 ms at 100,000 articles on every source page (issue
/// #19: browse pages p99 ≤ 50 ms). One computation per key at a time, its waiters share it; a null (no such site) or
/// a failure is not kept, so the next request asks again.
/// </summary>
public sealed class AgedCache<TKey, TValue> where TKey : notnull where TValue : class
{
    /// <summary>How long a value is kept.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    /// <summary>Entries kept at most (the keys come from requests): past it the cache starts afresh.</summary>
    public const int MaxEntries = 256;

    private sealed record Entry(Lazy<Task<TValue?>> Value, long At);

    private readonly ConcurrentDictionary<TKey, Entry> _entries = new();

    /// <summary>The value of <paramref name="key"/>, read by <paramref name="read"/> when none younger than <see cref="MaxAge"/> is kept.</summary>
    public async Task<TValue?> GetAsync(TKey key, Func<CancellationToken, Task<TValue?>> read, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(read);
        if (!_entries.ContainsKey(key) && _entries.Count >= MaxEntries) _entries.Clear();
        // The shared read does not end with the request that started it: the others wait for it too.
        var entry = _entries.AddOrUpdate(key, _ => New(read), (_, old) => Stopwatch.GetElapsedTime(old.At) < MaxAge ? old : New(read));
        try
        {
            var value = await entry.Value.Value.WaitAsync(ct);
            if (value is null) _entries.TryRemove(new KeyValuePair<TKey, Entry>(key, entry));
            return value;
        }
        catch (Exception) when (entry.Value.Value.IsFaulted || entry.Value.Value.IsCanceled)
        {
            _entries.TryRemove(new KeyValuePair<TKey, Entry>(key, entry));
            throw;
        }
    }

    private static Entry New(Func<CancellationToken, Task<TValue?>> read) =>
        new(new Lazy<Task<TValue?>>(() => read(CancellationToken.None)), Stopwatch.GetTimestamp());
}
