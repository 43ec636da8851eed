using System.Globalization;
using Icmal.Storage;
using Icmal.Text.Categories;

namespace Icmal.Search;

/// <summary>
/// Runs searches over the stored articles: parses the query (<see cref="QueryParser"/>), hands its keys and filters to
/// the store's engine (BM25 with the title weighted, then recency; copies of one text shown once), and makes snippets.
/// When no article has all the words, the articles with some of them are given, marked <see cref="SearchResults.Relaxed"/>.
/// </summary>
public sealed class Searcher(Stores stores)
{
    /// <summary>The deepest result a page may start at.</summary>
    public const int MaxOffset = 10_000;

    /// <summary>Azerbaijan's time (UTC+4, no daylight saving), in which since: and until: days are read.</summary>
    public static readonly TimeSpan DayOffset = TimeSpan.FromHours(4);

    /// <summary>The longest one search may run; past it the search is stopped and reported too large.</summary>
    public TimeSpan Budget { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Searches; a query that cannot run gives its problem, never an exception.</summary>
    public async Task<SearchAnswer> SearchAsync(SearchRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Limit is < 1 or > SearchRequest.MaxLimit)
            return SearchAnswer.Refused(new QueryProblem(QueryProblemKind.BadPage, string.Create(CultureInfo.InvariantCulture, $"limit must be from 1 to {SearchRequest.MaxLimit}, not {request.Limit}")));
        if (request.Offset is < 0 or > MaxOffset)
            return SearchAnswer.Refused(new QueryProblem(QueryProblemKind.BadPage, string.Create(CultureInfo.InvariantCulture, $"offset must be from 0 to {MaxOffset}, not {request.Offset}")));
        // An empty box with a form's filter set lists what the filter lets through, as the filter typed alone would.
        var parse = string.IsNullOrWhiteSpace(request.Query) && request.Filters is { IsEmpty: false }
            ? QueryParse.Of(ParsedQuery.FiltersOnly)
            : QueryParser.Parse(request.Query);
        if (parse.Problem is { } problem) return SearchAnswer.Refused(problem);
        var query = parse.Query!;
        var filters = request.Filters ?? new SearchFilters();

        var sites = new List<string>(query.Sites);
        if (filters.Site is { } site)
        {
            if (QueryParser.Host(site) is not { } host)
                return SearchAnswer.Refused(new QueryProblem(QueryProblemKind.Malformed, $"the source filter \"{site}\" is not a site's address"));
            sites.Add(host);
        }
        var languages = new List<string>(query.Languages);
        if (filters.Language is { } language) languages.Add(language.Trim().ToLowerInvariant());
        DateOnly? since = Later(query.Since, filters.Since), until = Earlier(query.Until, filters.Until);
        var categories = new List<string>(query.Categories);
        if (filters.Category is { } categoryFilter)
        {
            if (QueryParser.Category(categoryFilter) is not { } category)
                return SearchAnswer.Refused(new QueryProblem(QueryProblemKind.UnknownFilterValue, $"the section filter \"{categoryFilter}\" names no section"));
            categories.Add(NewsCategories.Slug(category));
        }
        var entityIds = new List<long>(query.Entities.Count);
        foreach (var entity in query.Entities)
        {
            if (await ResolveAsync(entity, ct) is not { } id)
                return SearchAnswer.Refused(new QueryProblem(QueryProblemKind.UnknownFilterValue, entity.Id is { } n
                    ? string.Create(CultureInfo.InvariantCulture, $"entity:{n} is no entity of the archive")
                    : $"entity:\"{entity.Name}\" names no entity of the archive; look names up at /api/entities?q=", entity.Position));
            entityIds.Add(id);
        }

        // The calendar's first and last day bound nothing (and as Baku instants they fall outside DateTimeOffset's range).
        var criteria = new SearchCriteria(KeysOf(query), sites, languages,
            since is { } s && s > DateOnly.MinValue ? new DateTimeOffset(s.ToDateTime(TimeOnly.MinValue), DayOffset) : null,
            until is { } u && u < DateOnly.MaxValue ? new DateTimeOffset(u.AddDays(1).ToDateTime(TimeOnly.MinValue), DayOffset) : null,
            request.Limit, request.Offset, Budget) { Categories = categories, EntityIds = entityIds };
        SearchPage page;
        bool relaxed = false;
        try
        {
            page = await stores.Search.FindAsync(criteria, ct);
            // No article has every word: one mistyped or unusual word should not hide the article the others point to.
            if (page.Total == 0 && criteria.Match.Required.Count > 1)
            {
                relaxed = true;
                page = await stores.Search.FindAsync(criteria with { Match = Relax(criteria.Match) }, ct);
            }
        }
        catch (SearchBudgetExceededException e)
        {
            return SearchAnswer.Refused(new QueryProblem(QueryProblemKind.TooLarge, e.Message + "; add words or filters to narrow it"));
        }
        var hits = page.Rows.Select(r => new SearchHit(r.Id, r.Url, r.Title, r.Site, r.Language, r.Published,
            Snippets.Make(r.Body, query.HighlightKeys), r.Score, r.Copies)).ToList();
        return SearchAnswer.Of(new SearchResults(hits, page.Total, request.Limit, request.Offset) { Relaxed = relaxed && page.Total > 0, TotalEstimated = page.TotalEstimated });
    }

    /// <summary>
    /// The entity an <c>entity:</c> filter names: its id when the archive has it, else the entity a name resolves to
    /// (<see cref="EntityStore.ResolveAsync"/>: any form of it, "Tokayevin", "Токаев"); null when there is none.
    /// </summary>
    private async Task<long?> ResolveAsync(EntityFilter filter, CancellationToken ct)
    {
        if (filter.Id is { } id) return await stores.Entities.GetAsync(id, ct) is not null ? id : null;
        return (await stores.Entities.ResolveAsync(filter.Name ?? "", ct))?.Id;
    }

    /// <summary>Any of the required words instead of all of them (BM25 ranks the articles with more of them first).</summary>
    internal static KeyQuery Relax(KeyQuery match) => match with { Required = [match.Required.SelectMany(g => g).ToList()] };

    /// <summary>The engine-neutral match of a parsed query.</summary>
    internal static KeyQuery KeysOf(ParsedQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return new KeyQuery(
            query.Required.Select(g => (IReadOnlyList<KeyPhrase>)g.Select(Phrase).ToList()).ToList(),
            query.Excluded.Select(Phrase).ToList());
    }

    private static KeyPhrase Phrase(QueryTerm term) => new(term.Keys, term.Field switch
    {
        QueryField.Title => SearchField.Title,
        QueryField.Author => SearchField.Author,
        _ => SearchField.Any,
    });

    private static DateOnly? Later(DateOnly? a, DateOnly? b) => a is null ? b : b is null ? a : a > b ? a : b;

    private static DateOnly? Earlier(DateOnly? a, DateOnly? b) => a is null ? b : b is null ? a : a < b ? a : b;
}
