using Icmal.Storage;

namespace Icmal.Search;

/// <summary>
/// Runs searches over the stored articles: parses the query, turns it into the engine's query over the analysed keys,
/// ranks, folds copies, and makes snippets.
/// </summary>
public sealed class Searcher(Stores stores)
{
    /// <summary>Searches; a query that cannot run gives its problem, never an exception.</summary>
    public Task<SearchAnswer> SearchAsync(SearchRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        _ = stores;
        throw new NotImplementedException("search-core fills this in");
    }
}
