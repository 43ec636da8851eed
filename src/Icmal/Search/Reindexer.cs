using Icmal.Storage;

namespace Icmal.Search;

/// <summary>
/// Rebuilds the search index from the stored articles (`icmal reindex`): after a change to the key function, or to
/// repair. The index is emptied and every article marked in one transaction, then indexed in batches of one
/// transaction each (<see cref="SearchStore.CatchUpAsync"/>); an interrupted rebuild resumes when the database is next
/// opened, and articles stored meanwhile are indexed as usual.
/// </summary>
public sealed class Reindexer(Stores stores)
{
    /// <summary>
    /// Drops and rebuilds the index from every stored article, in batches, reporting (done, total) after each batch;
    /// returns how many articles were indexed.
    /// </summary>
    public async Task<long> RebuildAsync(IProgress<(long Done, long Total)>? progress, CancellationToken ct)
    {
        await stores.Search.ResetAsync(ct);
        return await stores.Search.CatchUpAsync(stores.ItemErrors, progress, ct);
    }
}
