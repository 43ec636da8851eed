namespace Icmal.Storage;

/// <summary>Which part of an article a phrase must be found in.</summary>
public enum SearchField
{
    /// <summary>The title or the text.</summary>
    Any,
    Title,
    Author,
}

/// <summary>
/// Consecutive search keys (one key: a word) that must occur in this order in <paramref name="Field"/>. Keys are
/// <c>Icmal.Text.Search.SearchKeys</c> keys, letters and digits only; the engine quotes them, never parses them.
/// </summary>
public sealed record KeyPhrase(IReadOnlyList<string> Keys, SearchField Field = SearchField.Any);

/// <summary>
/// What an article must match, engine-neutral: every group of <see cref="Required"/> (a group matches when any of its
/// phrases does: the OR of a query) and none of <see cref="Excluded"/>. Each engine renders it in its own syntax.
/// </summary>
public sealed record KeyQuery(IReadOnlyList<IReadOnlyList<KeyPhrase>> Required, IReadOnlyList<KeyPhrase> Excluded);

/// <summary>One search as the store runs it: the match, the filters on the article's columns, the page, the time allowed.</summary>
/// <param name="Sites">Hosts the article must come from (each a lower-case host without "www."; all must hold).</param>
/// <param name="Since">Only articles sorted at or after this instant.</param>
/// <param name="Until">Only articles sorted before this instant.</param>
/// <param name="Budget">The longest the engine may work on it; past it, <see cref="SearchBudgetExceededException"/>.</param>
public sealed record SearchCriteria(
    KeyQuery Match,
    IReadOnlyList<string> Sites,
    IReadOnlyList<string> Languages,
    DateTimeOffset? Since,
    DateTimeOffset? Until,
    int Limit,
    int Offset,
    TimeSpan Budget)
{
    /// <summary>Section slugs the article must be in (<c>category:</c>; all must hold).</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>Entities the article must name (<c>entity:</c>; all must hold).</summary>
    public IReadOnlyList<long> EntityIds { get; init; } = [];
}

/// <summary>An article found, with what a result list shows and its text (for the snippet).</summary>
/// <param name="Score">Higher is better.</param>
/// <param name="Copies">How many other stored articles carry the same text.</param>
public sealed record SearchRow(long Id, string? Url, string Title, string? Site, string? Language, DateTimeOffset? Published, string Body, double Score, int Copies);

/// <summary>
/// One page of rows, best first, and how many distinct texts match in all: exact, or, when
/// <see cref="TotalEstimated"/>, the matching articles with their copies estimated from how far back the newest window
/// of them reached (<see cref="SearchTotals"/>).
/// </summary>
public sealed record SearchPage(IReadOnlyList<SearchRow> Rows, int Total)
{
    public bool TotalEstimated { get; init; }
}

/// <summary>A search ran past its time budget and was stopped.</summary>
public sealed class SearchBudgetExceededException : Exception
{
    public SearchBudgetExceededException()
    {
    }

    public SearchBudgetExceededException(string message) : base(message)
    {
    }

    public SearchBudgetExceededException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
