using Icmal.Storage;

namespace Icmal.Search;

/// <summary>Rebuilds the search index from the stored articles (`icmal reindex`).</summary>
public sealed class Reindexer(Stores stores)
{
    /// <summary>
    /// Drops and rebuilds the index from every stored article, in batches, reporting (done, total) after each batch;
    /// returns how many articles were indexed.
    /// </summary>
    public Task<long> RebuildAsync(IProgress<(long Done, long Total)>? progress, CancellationToken ct)
    {
        _ = stores;
        _ = progress;
        throw new NotImplementedException("search-core fills this in");
    }
}
