using System.Data.Common;
using Icmal.Analysis;

namespace Icmal.Storage;

/// <summary>
/// What differs between the full-text engines İcmal runs search on, in one place: the index's schema, writing an
/// article's keys into it, clearing it, and running a <see cref="SearchCriteria"/>. SQLite's FTS5 is the embedded
/// default (<see cref="SqliteFts5SearchEngine"/>); PostgreSQL (tsvector of the same keys with a GIN index) follows as
/// one more subclass. The keys are made before any engine sees them (<see cref="SearchDocument"/>), so every engine
/// indexes exactly the same words and no engine's own stemming or folding is used.
/// </summary>
internal abstract class SearchEngine
{
    /// <summary>Writes an article's keys and facets (<see cref="SearchFacets.Of"/>) in the caller's transaction (the article's own).</summary>
    public abstract Task IndexAsync(DbConnection conn, DbTransaction tx, long articleId, SearchDocument document, IReadOnlyList<Facet> facets,
        CancellationToken ct);

    /// <summary>
    /// Writes many articles' keys and facets in the caller's transaction, each as <see cref="IndexAsync"/> would (an
    /// article indexed again keeps one row): the catch-up's batches (<see cref="SearchStore.CatchUpAsync"/>). One
    /// statement at a time here; an engine across a network does it in one round trip.
    /// </summary>
    public virtual async Task IndexManyAsync(DbConnection conn, DbTransaction tx, IReadOnlyList<(long ArticleId, SearchDocument Document, IReadOnlyList<Facet> Facets)> rows,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rows);
        foreach (var (articleId, document, facets) in rows) await IndexAsync(conn, tx, articleId, document, facets, ct);
    }

    /// <summary>
    /// Merges the index's parts after many articles were indexed at once (a rebuild, a migration's catch-up), so that a
    /// search reads one list per word instead of one per part. Nothing to do on an engine that keeps its index whole.
    /// </summary>
    public virtual Task CompactAsync(DbConnection conn, CancellationToken ct) => Task.CompletedTask;

    /// <summary>Removes every article from the index, in the caller's transaction.</summary>
    public abstract Task ClearAsync(DbConnection conn, DbTransaction tx, CancellationToken ct);

    /// <summary>
    /// The articles that have every group of <paramref name="groups"/> (a group by any of its facets), read from the
    /// index: how a search without words (<see cref="FilterListing"/>) asks for a site or a language, as a search with
    /// words does.
    /// </summary>
    public abstract FacetSet FacetIds(IReadOnlyList<IReadOnlyList<Facet>> groups);

    /// <summary>
    /// The condition that an article (<c>articles a</c>) has none of <paramref name="phrases"/>, read from the index,
    /// and the value of its one parameter, <c>@excluded</c>: the excluded words of a search without words
    /// (<see cref="FilterListing"/>), matched as a search with words matches them.
    /// </summary>
    public abstract (string Condition, object Value) Excluding(IReadOnlyList<KeyPhrase> phrases);

    /// <summary>Runs a search on <paramref name="conn"/> within its time budget.</summary>
    /// <exception cref="SearchBudgetExceededException">The budget ran out first.</exception>
    public abstract Task<SearchPage> FindAsync(DbConnection conn, SqlDialect dialect, SearchCriteria criteria, CancellationToken ct);
}

/// <summary>
/// Articles with some facets, as an engine's index answers for them: <paramref name="Ids"/>, a subquery of their ids
/// (<c>id</c>); <paramref name="Condition"/>, the test of one article (<c>articles a</c>) walked down the sort index,
/// written as that engine's planner reads it best; <paramref name="Value"/>, the value of both's one parameter,
/// <c>@facets</c>.
/// </summary>
internal sealed record FacetSet(string Ids, string Condition, object Value);
