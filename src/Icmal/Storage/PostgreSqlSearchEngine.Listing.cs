using System.Data.Common;
using Npgsql;

namespace Icmal.Storage;

/// <summary>
/// A search without words on PostgreSQL (<see cref="FilterListing"/>): its time budget, as a search with words has it,
/// and the sites, languages and excluded words as this engine's index answers them.
/// </summary>
internal sealed partial class PostgreSqlSearchEngine
{
    /// <summary>A search without words (<see cref="FilterListing"/>), within the budget as a search with words is.</summary>
    private async Task<SearchPage> ListAsync(DbConnection conn, SqlDialect dialect, SearchCriteria criteria, CancellationToken ct)
    {
        long deadline = Environment.TickCount64 + (long)Math.Ceiling(criteria.Budget.TotalMilliseconds);
        await using var tx = await conn.BeginTransactionAsync(ct);
        try
        {
            return await FilterListing.ReadAsync(conn, tx, dialect, this, criteria, () => LimitAsync(conn, tx, deadline, criteria.Budget, ct), ct);
        }
        catch (PostgresException e) when (e.SqlState == QueryCanceled && !ct.IsCancellationRequested)
        {
            throw Exceeded(criteria.Budget, e);
        }
    }

    /// <remarks>
    /// An article walked is tested against the set, hashed once from the index's bitmap of the facets (source:apa.az at
    /// a million, 231,153 articles: 20 ms for the newest page), not its tsvector read and matched.
    /// </remarks>
    public override FacetSet FacetIds(IReadOnlyList<IReadOnlyList<Facet>> groups)
    {
        string ids = $"SELECT article_id AS id FROM {Table} WHERE keys @@ CAST(@facets AS tsquery)";
        return new FacetSet(ids, $"a.id IN ({ids})", PostgreSqlTsText.Facets(groups) ?? throw new ArgumentException("no facet to ask for", nameof(groups)));
    }

    /// <remarks>
    /// One look-up of the article's row an article, matched against the phrases: the articles tested are at most those
    /// a page reads (down the sort index or from a filter's side), where the set of a common word's matches would be
    /// read whole.
    /// </remarks>
    public override (string Condition, object Value) Excluding(IReadOnlyList<KeyPhrase> phrases) =>
        ($"NOT EXISTS (SELECT 1 FROM {Table} x WHERE x.article_id = a.id AND x.keys @@ CAST(@excluded AS tsquery))",
            PostgreSqlTsText.Query(new KeyQuery([phrases], [])));
}
