namespace Icmal.Search;

/// <summary>Where a query term must be found.</summary>
public enum QueryField
{
    /// <summary>The title or the text.</summary>
    Any,
    /// <summary><c>title:</c></summary>
    Title,
    /// <summary><c>author:</c></summary>
    Author,
}

/// <summary>
/// One word or "phrase" of a query as typed (<see cref="Text"/>) and as searched: its search keys, in order (a phrase
/// when more than one: a quoted phrase, or a word the key function splits, "Azərbaycan-Qazaxıstan").
/// </summary>
/// <param name="Position">The zero-based place in the query where the term starts.</param>
public sealed record QueryTerm(string Text, IReadOnlyList<string> Keys, QueryField Field, int Position);

/// <summary>
/// An <c>entity:</c> filter as typed: an entity's id (<c>entity:42</c>) or a name (<c>entity:"İlham Əliyev"</c>,
/// <c>entity:Tokayevin</c>) that the searcher resolves to one entity of the archive.
/// </summary>
/// <param name="Position">The zero-based place in the query where the filter's value starts.</param>
public sealed record EntityFilter(long? Id, string? Name, int Position);

/// <summary>
/// A query read by <see cref="QueryParser"/>: every group of <see cref="Required"/> must match (a group matches when
/// any of its terms does: words joined by OR), none of <see cref="Excluded"/> may; the filters narrow by the
/// article's source, language and date (days in Azerbaijan's time, UTC+4), its section (<see cref="Categories"/>)
/// and the entities it names (<see cref="Entities"/>).
/// </summary>
public sealed record ParsedQuery(
    IReadOnlyList<IReadOnlyList<QueryTerm>> Required,
    IReadOnlyList<QueryTerm> Excluded,
    IReadOnlyList<string> Sites,
    IReadOnlyList<string> Languages,
    DateOnly? Since,
    DateOnly? Until)
{
    /// <summary>The sections (<c>category:</c>) the article must be in, as slugs; each must hold.</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>The entities (<c>entity:</c>) the article must name; each must hold.</summary>
    public IReadOnlyList<EntityFilter> Entities { get; init; } = [];

    /// <summary>No words and no filters of its own: the query of an empty box whose form's filters are set.</summary>
    public static ParsedQuery FiltersOnly { get; } = new([], [], [], [], null, null);

    /// <summary>The keys a matching article may show for the query (for highlighting): those of the required terms.</summary>
    public IReadOnlySet<string> HighlightKeys { get; } =
        Required.SelectMany(g => g).SelectMany(t => t.Keys).ToHashSet(StringComparer.Ordinal);
}

/// <summary>What reading a query gave: the query, or the one problem that keeps it from running.</summary>
public sealed record QueryParse(ParsedQuery? Query, QueryProblem? Problem)
{
    public static QueryParse Of(ParsedQuery query) => new(query, null);

    public static QueryParse Refused(QueryProblemKind kind, string message, int? position = null) => new(null, new QueryProblem(kind, message, position));
}
