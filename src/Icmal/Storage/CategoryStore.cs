using Icmal.Model;
using Icmal.Text.Categories;

namespace Icmal.Storage;

/// <summary>A stored article's category (issue #18): which, from where (the source's section or the classifier), how sure.</summary>
public sealed record ArticleCategory(long ArticleId, NewsCategory Category, CategoryOrigin Origin, double Confidence);

/// <summary>
/// Articles' categories, one row each in article_categories (by slug and origin code, so that renaming an enum member
/// changes nothing stored). Articles stored before the table existed are categorised by <see cref="CatchUpAsync"/>.
/// </summary>
public sealed class CategoryStore(Database database)
{
    private readonly SqlDialect _d = database.Dialect;

    /// <summary>Articles categorised per batch of the catch-up.</summary>
    private const int Batch = 500;

    /// <summary>The stored code of an origin.</summary>
    public static string Code(CategoryOrigin origin) => origin == CategoryOrigin.Source ? "source" : "classifier";

    private static CategoryOrigin OriginOf(string code) => code == "source" ? CategoryOrigin.Source : CategoryOrigin.Classifier;

    /// <summary>Stores an article's category, replacing an earlier one.</summary>
    public async Task SetAsync(long articleId, CategoryAssignment assignment, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        await using var conn = await database.ConnectAsync(ct);
        await Sql.ExecAsync(conn, null,
            _d.Upsert("article_categories", ["article_id", "category", "origin", "confidence"], ["article_id"],
                "category = excluded.category, origin = excluded.origin, confidence = excluded.confidence"),
            ct, ("@article_id", articleId), ("@category", assignment.Category.Slug()), ("@origin", Code(assignment.Origin)), ("@confidence", assignment.Confidence));
    }

    /// <summary>
    /// Many articles' categories, as <see cref="SetAsync"/> one after the other: in one statement inside a batch's
    /// shared transaction on PostgreSQL, else one by one.
    /// </summary>
    public async Task SetManyAsync(IReadOnlyList<(long ArticleId, CategoryAssignment Assignment)> items, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (_d.Batches.SetCategories(database, items, ct) is { } batched)
        {
            await batched;
            return;
        }
        foreach (var (id, assignment) in items) await SetAsync(id, assignment, ct);
    }

    /// <summary>An article's category; null when it has none (an unknown slug stored by a newer version reads as none).</summary>
    public async Task<ArticleCategory?> GetAsync(long articleId, CancellationToken ct)
    {
        await using var conn = await database.ConnectAsync(ct);
        var rows = await Sql.ListAsync(conn, "SELECT category, origin, confidence FROM article_categories WHERE article_id = @a", r =>
            NewsCategories.TryFromSlug(r.GetString(0), out var c) ? new ArticleCategory(articleId, c, OriginOf(r.GetString(1)), r.GetDouble(2)) : null, ct, ("@a", articleId));
        return rows.Count > 0 ? rows[0] : null;
    }

    /// <summary>
    /// The categories of many articles (a listing page's) in one query, so a page of cards reads them once rather
    /// than once per card; articles without one (or with a slug this version does not know) are absent.
    /// </summary>
    public async Task<IReadOnlyDictionary<long, NewsCategory>> OfManyAsync(IReadOnlyCollection<long> articleIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(articleIds);
        var result = new Dictionary<long, NewsCategory>();
        if (articleIds.Count == 0) return result;
        await using var conn = await database.ConnectAsync(ct);
        var rows = await Sql.ListAsync(conn, $"SELECT article_id, category FROM article_categories WHERE {_d.InList("article_id", "@ids")}",
            r => (r.GetInt64(0), r.GetString(1)), ct, ("@ids", _d.ListValue(articleIds)));
        foreach (var (id, slug) in rows)
            if (NewsCategories.TryFromSlug(slug, out var c)) result[id] = c;
        return result;
    }

    /// <summary>How many articles have each category.</summary>
    public async Task<IReadOnlyDictionary<NewsCategory, long>> CountsAsync(CancellationToken ct)
    {
        await using var conn = await database.ConnectAsync(ct);
        var rows = await Sql.ListAsync(conn, "SELECT category, COUNT(*) FROM article_categories GROUP BY category", r => (r.GetString(0), r.GetInt64(1)), ct);
        var counts = new Dictionary<NewsCategory, long>();
        foreach (var (slug, n) in rows)
            if (NewsCategories.TryFromSlug(slug, out var c)) counts[c] = n;
        return counts;
    }

    /// <summary>
    /// The articles without a category, counted up to <paramref name="cap"/>: what opening a database asks, where
    /// counting (or categorising) a million such rows would itself delay the start.
    /// </summary>
    /// <remarks>
    /// The articles less the categorised ones, which is exact (<c>article_categories</c> is keyed by its article and
    /// references it): no anti-join of every article, which took 0.41 s at 1M articles for an answer that is nearly
    /// always 0 (<see cref="EntityStore.CountUnanalysedUpToAsync"/>).
    /// </remarks>
    public async Task<long> CountMissingUpToAsync(long cap, CancellationToken ct)
    {
        await using var conn = await database.ConnectAsync(ct);
        long missing = await Sql.Int64Async(conn, null, "SELECT (SELECT COUNT(*) FROM articles) - (SELECT COUNT(*) FROM article_categories)", ct);
        return Math.Clamp(missing, 0, cap);
    }

    /// <summary>
    /// Categorises stored articles: those without a category (all of them with <paramref name="all"/>, as
    /// `icmal categorise` does), by their stored section and address, else the classifier over title and text.
    /// Returns how many were categorised. An article that cannot be read or categorised
    /// (<see cref="ItemErrorStore.IsArticleFault"/>) is recorded in <paramref name="errors"/> and passed over.
    /// </summary>
    public async Task<int> CatchUpAsync(ArticleStore articles, ItemErrorStore errors, bool all, CancellationToken ct, CategoryClassifier? classifier = null)
    {
        ArgumentNullException.ThrowIfNull(articles);
        ArgumentNullException.ThrowIfNull(errors);
        classifier ??= CategoryClassifier.Default;
        int done = 0;
        long after = 0;
        while (true)
        {
            List<long> ids;
            await using (var conn = await database.ConnectAsync(ct))
            {
                ids = await Sql.ListAsync(conn, all
                        ? "SELECT id FROM articles WHERE id > @after ORDER BY id LIMIT @n"
                        : "SELECT a.id FROM articles a WHERE a.id > @after AND NOT EXISTS (SELECT 1 FROM article_categories c WHERE c.article_id = a.id) ORDER BY a.id LIMIT @n",
                    r => r.GetInt64(0), ct, ("@after", after), ("@n", Batch));
            }
            if (ids.Count == 0) return done;
            foreach (long id in ids)
            {
                try
                {
                    if (await articles.GetAsync(id, ct) is not { } article) continue;
                    await SetAsync(id, Categorise(classifier, article), ct);
                    done++;
                }
                catch (Exception e) when (errors.IsArticleFault(e, ct))
                {
                    await errors.RecordArticleAsync(id, IngestStage.Categorise, "categorising it", e, "the next start or `icmal categorise --missing` tries again", ct);
                }
            }
            after = ids[^1];
        }
    }

    /// <summary>The category of an article: its stored section, else its address's path, else the classifier.</summary>
    public static CategoryAssignment Categorise(CategoryClassifier classifier, Article article)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(article);
        return classifier.Categorise([article.Section, .. PathSections(article.Url)], article.Title ?? "", article.Text);
    }

    private static IEnumerable<string?> PathSections(string? url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)) yield break;
        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (int i = segments.Length - 2; i >= 0; i--) yield return segments[i];
    }
}
