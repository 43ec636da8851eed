namespace Icmal.Search;

/// <summary>
/// The JSON shape of one page of search results, shared by <c>GET /api/search</c> and <c>icmal search --format json</c>
/// so the two can never drift apart (as <see cref="Model.ArticleJson"/> is for articles). Property names are
/// camel-cased by the serialiser.
/// </summary>
/// <param name="Relaxed">True when no article has every word and these are the articles with some of them.</param>
/// <param name="TotalEstimated">True when <paramref name="Total"/> is an estimate (more match than are ranked).</param>
public sealed record SearchResultsJson(IReadOnlyList<SearchHitJson> Items, int Total, int Limit, int Offset, bool Relaxed, bool TotalEstimated)
{
    public static SearchResultsJson From(SearchResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        return new(results.Items.Select(SearchHitJson.From).ToList(), results.Total, results.Limit, results.Offset, results.Relaxed, results.TotalEstimated);
    }
}

/// <summary>
/// One article found. <see cref="Snippet"/> is plain text for clients that only show it; <see cref="SnippetParts"/>
/// is the same text in runs, the matched words marked, for clients that highlight them (each does its own markup).
/// </summary>
/// <param name="Copies">How many other stored articles have the same text, shown once under this one.</param>
/// <param name="Link">The API address of the whole article.</param>
public sealed record SearchHitJson(
    long Id, string? Url, string Title, string? Site, string? Language, DateTimeOffset? Published,
    string Snippet, IReadOnlyList<SnippetPartJson> SnippetParts, double Score, int Copies, string Link)
{
    public static SearchHitJson From(SearchHit hit)
    {
        ArgumentNullException.ThrowIfNull(hit);
        return new(hit.Id, hit.Url, hit.Title, hit.Site, hit.Language, hit.Published, hit.Snippet.Text,
            hit.Snippet.Parts.Select(p => new SnippetPartJson(p.Text, p.Matched)).ToList(), hit.Score, hit.Copies,
            FormattableString.Invariant($"/api/articles/{hit.Id}"));
    }
}

/// <summary>A run of snippet text; <see cref="Matched"/> when it is a word the query matched.</summary>
public sealed record SnippetPartJson(string Text, bool Matched);
