namespace Icmal.Search;

/// <summary>
/// One search as a reader or a program asks it: the query in İcmal's query language (words, "phrases", -excluded,
/// OR, title:, source:, author:, lang:, since:, until:) and the page of results wanted. <see cref="Filters"/> carries
/// what a form's controls add to the query (the portal's source, language and date filters); they narrow the query
/// exactly as the same operators typed into it would.
/// </summary>
public sealed record SearchRequest(string Query, int Limit = SearchRequest.DefaultLimit, int Offset = 0, SearchFilters? Filters = null)
{
    public const int DefaultLimit = 20;

    /// <summary>The largest page a caller may ask for; larger limits are a caller's error, not silently cut.</summary>
    public const int MaxLimit = 100;
}

/// <summary>Filters set outside the query text (form controls, API parameters); null means no filter.</summary>
/// <param name="Category">A section's slug, as the search page's section control sends it.</param>
public sealed record SearchFilters(string? Site = null, string? Language = null, DateOnly? Since = null, DateOnly? Until = null, string? Category = null)
{
    /// <summary>True when no filter is set.</summary>
    public bool IsEmpty => Site is null && Language is null && Since is null && Until is null && Category is null;
}

/// <summary>
/// What a search gives: either its results or the one problem that kept it from running (a malformed query, a query
/// over the limits). Never an exception for anything a user can type.
/// </summary>
public sealed record SearchAnswer(SearchResults? Results, QueryProblem? Problem)
{
    public static SearchAnswer Of(SearchResults results) => new(results, null);

    public static SearchAnswer Refused(QueryProblem problem) => new(null, problem);
}

/// <summary>A query that cannot run, said in one sentence that names the problem (and where in the query it is).</summary>
/// <param name="Message">English text naming the problem, e.g. "the quote opened at character 7 is never closed".</param>
/// <param name="Position">The zero-based character position in the query the problem is at, when there is one.</param>
/// <param name="Kind">What kind of problem, so an interface can say it in its own language.</param>
public sealed record QueryProblem(QueryProblemKind Kind, string Message, int? Position = null);

public enum QueryProblemKind
{
    /// <summary>Nothing to search for: empty, only operators, only excluded words.</summary>
    Empty,
    /// <summary>The query cannot be read: an unclosed quote, an operator with nothing after it, a bad date.</summary>
    Malformed,
    /// <summary>Too many terms, too long, or it ran out of its time budget.</summary>
    TooLarge,
    /// <summary>A page outside what may be asked (limit or offset).</summary>
    BadPage,
    /// <summary>A <c>category:</c> or <c>entity:</c> that names no section or no entity of the archive.</summary>
    UnknownFilterValue,
}

/// <summary>One page of results, best first, with how many match in all (copies counted once).</summary>
public sealed record SearchResults(IReadOnlyList<SearchHit> Items, int Total, int Limit, int Offset)
{
    /// <summary>
    /// True when no article has every word, so these are the articles with some of them, those with most ranked
    /// first: an interface says so ("no article has all the words").
    /// </summary>
    public bool Relaxed { get; init; }

    /// <summary>
    /// True when more articles match than are ranked (the newest matches are): <see cref="Total"/> is then the matching
    /// articles counted with their copies, up to ten thousand, and an interface says "about".
    /// </summary>
    public bool TotalEstimated { get; init; }
}

/// <summary>
/// One article found: enough to show it in a list (and in the API's item) without loading the article.
/// </summary>
/// <param name="Score">The ranking score, higher is better (BM25 with the title weighted, recency breaking ties).</param>
/// <param name="Copies">How many other stored articles have the same text (shown once, this one standing for them).</param>
public sealed record SearchHit(
    long Id,
    string? Url,
    string Title,
    string? Site,
    string? Language,
    DateTimeOffset? Published,
    Snippet Snippet,
    double Score,
    int Copies);

/// <summary>
/// A short passage of the article around the words that matched, split into parts, the matched words marked in the
/// form the text uses ("Qazaxıstanla" for the query "qazaxistan"). Rendering (HTML &lt;mark&gt;, a terminal's bold,
/// plain text) is the caller's: parts are plain text, never markup.
/// </summary>
public sealed record Snippet(IReadOnlyList<SnippetPart> Parts)
{
    public static readonly Snippet Empty = new([]);

    /// <summary>The passage as plain text.</summary>
    public string Text => string.Concat(Parts.Select(p => p.Text));
}

/// <summary>A run of snippet text; <see cref="Matched"/> when it is a word the query matched.</summary>
public sealed record SnippetPart(string Text, bool Matched);
