namespace Icmal.Ingest;

/// <summary>
/// One pipeline's store commits, numbered, with the document hashes each offered to the store: what a batch prepared
/// before some of them must look up again. A batch's known documents are looked up when it is prepared; by its commit,
/// only this process's commits since can have stored one of its documents in a way the look-up must see (another
/// crawler's is met by the store itself: see <see cref="IngestPipeline"/>'s ReadyAsync).
/// </summary>
/// <remarks>
/// An import prepares each batch while the one before is written, so every batch is prepared before a commit; asking
/// the archive again for all its hashes cost a second query a batch (into a 1M PostgreSQL archive, about 29 ms of the
/// server's time each, and it found nothing in an import without repeats). The log keeps the last
/// <see cref="Kept"/> commits; a batch prepared before those looks all its documents up again, as before.
/// </remarks>
internal sealed class StoreCommits
{
    /// <summary>How many commits' hashes are kept (a prepared batch waits for one or two).</summary>
    private const int Kept = 32;

    private readonly Lock _gate = new();
    private readonly Queue<(long Number, HashSet<string> Hashes)> _recent = new();
    private long _count;

    /// <summary>Commits so far.</summary>
    public long Count
    {
        get
        {
            lock (_gate) return _count;
        }
    }

    /// <summary>A commit of a store transaction that offered the documents of <paramref name="hashes"/>.</summary>
    public void Add(IEnumerable<string> hashes)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        var set = new HashSet<string>(hashes, StringComparer.Ordinal);
        lock (_gate)
        {
            _count++;
            _recent.Enqueue((_count, set));
            if (_recent.Count > Kept) _recent.Dequeue();
        }
    }

    /// <summary>
    /// The hashes among <paramref name="hashes"/> that a commit after the first <paramref name="since"/> offered to the
    /// store, or all of them when the log no longer reaches back to <paramref name="since"/>.
    /// </summary>
    public IReadOnlyList<string> OfferedSince(long since, IReadOnlyCollection<string> hashes)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        lock (_gate)
        {
            if (_count == since) return [];
            if (_recent.Count == 0 || _recent.Peek().Number > since + 1) return hashes.ToList();
            var offered = new List<string>();
            foreach (string hash in hashes)
            {
                foreach (var (number, set) in _recent)
                {
                    if (number > since && set.Contains(hash))
                    {
                        offered.Add(hash);
                        break;
                    }
                }
            }
            return offered;
        }
    }
}
