using Icmal.Model;
using Icmal.Storage;
using Icmal.Text.Search;

namespace Icmal.Search;

/// <summary>
/// "Similar news" under an article (issue #19): the best search matches of its headline's words, any of them, ranked
/// by the search stage (BM25, title weighted; one text shown once). What a reader already has is left out: the article
/// itself, the other reports of its story (the page lists them separately), its original and copies, and any text or
/// headline already shown, so the list never offers the same text twice.
/// </summary>
public sealed class SimilarArticles(Stores stores)
{
    /// <summary>Headline words used; more make the OR query slower without finding better matches.</summary>
    public const int MaxKeys = 8;

    /// <summary>Keys shorter than this (stems of particles, numbers like "5") match too much to say anything.</summary>
    public const int MinKeyLength = 3;

    /// <summary>The longest the search may run for a page; past it the page shows no similar news rather than wait.</summary>
    public TimeSpan Budget { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>The search keys of a headline the similar news are found by: distinct, long enough, in order.</summary>
    public static IReadOnlyList<string> KeysOf(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        return SearchKeys.KeysOf(title).Where(k => k.Length >= MinKeyLength).Distinct(StringComparer.Ordinal).Take(MaxKeys).ToList();
    }

    /// <summary>Up to <paramref name="limit"/> articles like <paramref name="article"/>, best first; <paramref name="exclude"/> are ids already on the page.</summary>
    public async Task<IReadOnlyList<Article>> FindAsync(Article article, IReadOnlyCollection<long> exclude, int limit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(article);
        ArgumentNullException.ThrowIfNull(exclude);
        if (limit < 1) return [];
        var keys = KeysOf(article.Title);
        if (keys.Count == 0) return [];
        var match = new KeyQuery([keys.Select(k => new KeyPhrase([k])).ToList()], []);
        SearchPage page;
        try
        {
            // A few more than asked: some are the article's own story or copies and are dropped below.
            page = await stores.Search.FindAsync(new SearchCriteria(match, [], [], null, null, Math.Min(limit * 3 + 4, SearchRequest.MaxLimit), 0, Budget), ct);
        }
        catch (SearchBudgetExceededException)
        {
            return [];
        }
        // One shared word, often a common one ("yeni", "new"), is no similarity: a headline of three or more words must
        // share two of them with the candidate's headline.
        int needed = keys.Count >= 3 ? 2 : 1;
        var candidates = page.Rows.Where(r => r.Id != article.Id && !exclude.Contains(r.Id) && Shared(keys, r.Title) >= needed).ToList();
        if (candidates.Count == 0) return [];
        var read = await stores.Articles.GetManyAsync(candidates.Select(r => r.Id).ToList(), ct);
        var texts = new HashSet<string>(StringComparer.Ordinal) { Normal(article.Text) };
        var titles = new HashSet<string>(StringComparer.Ordinal) { Normal(article.Title) };
        var similar = new List<Article>(limit);
        foreach (var row in candidates)
        {
            if (!read.TryGetValue(row.Id, out var found)) continue;
            if (article.StoryId is { } story && found.StoryId == story) continue;
            // The same text (a copy the links missed) or the same headline reads to a person as the same news.
            if (!texts.Add(Normal(found.Text)) | !titles.Add(Normal(found.Title))) continue;
            similar.Add(found);
            if (similar.Count == limit) break;
        }
        return similar;
    }

    /// <summary>How many of <paramref name="keys"/> a headline has.</summary>
    private static int Shared(IReadOnlyList<string> keys, string title)
    {
        var theirs = SearchKeys.KeysOf(title).ToHashSet(StringComparer.Ordinal);
        return keys.Count(theirs.Contains);
    }

    /// <summary>Text compared for sameness: words only, spacing and case as stored (copies keep both).</summary>
    private static string Normal(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
