using Icmal.Analysis;
using Icmal.Model;

namespace Icmal.Storage;

/// <summary>
/// Writes an article's facts through the three stores (entities first, for the speakers' ids; the article marked
/// analysed last, so an article interrupted half-way is simply analysed again), and analyses the articles stored
/// before the entity stage existed: on open when there are at most <see cref="OpenCatchUpLimit"/> of them, else
/// through <c>icmal reanalyse</c>, so opening a large archive never stalls for an hour.
/// </summary>
public static class ArticleFactsWriter
{
    /// <summary>The most unanalysed articles <see cref="Stores.OpenAsync"/> analyses; more wait for <c>icmal reanalyse</c>.</summary>
    public const int OpenCatchUpLimit = 10_000;

    private const int Batch = 200;

    public static async Task WriteAsync(Stores stores, long articleId, ArticleFacts facts, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(stores);
        ArgumentNullException.ThrowIfNull(facts);
        var ids = await stores.Entities.ReplaceAsync(articleId, facts.Entities, ct);
        await stores.Quotes.ReplaceAsync(articleId, facts.Quotes, ids, ct);
        await stores.Figures.ReplaceAsync(articleId, facts.Figures, ct);
        await stores.Entities.MarkAnalysedAsync(articleId, ArticleFacts.Version, ct);
    }

    /// <summary>
    /// Many articles' facts, as <see cref="WriteAsync"/> one after the other would write them: inside a batch's shared
    /// transaction on PostgreSQL in two round trips for the lot (<see cref="PostgreSqlFactsBatch"/>), else one by one
    /// (SQLite's statements cost no round trip).
    /// </summary>
    public static async Task WriteManyAsync(Stores stores, IReadOnlyList<(long ArticleId, ArticleFacts Facts)> items, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(stores);
        ArgumentNullException.ThrowIfNull(items);
        if (stores.Database.Dialect.Batches.WriteFacts(stores.Database, items, ArticleFacts.Version, ct) is { } batched)
        {
            await batched;
            return;
        }
        foreach (var (id, facts) in items) await WriteAsync(stores, id, facts, ct);
    }

    /// <summary>What the archive holds of an article's facts.</summary>
    public static async Task<StoredFacts> LoadAsync(Stores stores, long articleId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(stores);
        return new StoredFacts(await stores.Entities.ForArticleAsync(articleId, ct), await stores.Quotes.ForArticleAsync(articleId, ct),
            await stores.Figures.ForArticleAsync(articleId, ct));
    }

    /// <summary>Analyses the unanalysed articles when there are at most <see cref="OpenCatchUpLimit"/>; returns how many it analysed.</summary>
    public static async Task<long> CatchUpOnOpenAsync(Stores stores, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(stores);
        // A target an archive copy is filling gets the source's facts from the copy: analysing its rows would clash with them.
        if (await stores.Settings.GetAsync(ArchiveCopier.StageSetting, ct) is not null) return 0;
        long waiting = await stores.Entities.CountUnanalysedUpToAsync(ArticleFacts.Version, OpenCatchUpLimit + 1, ct);
        return waiting == 0 || waiting > OpenCatchUpLimit ? 0 : await ReanalyseAsync(stores, null, ct);
    }

    /// <summary>
    /// Analyses every article not analysed by the current version, oldest first, reporting the running count; returns
    /// how many it analysed. An article that cannot be read or analysed (<see cref="ItemErrorStore.IsArticleFault"/>)
    /// is recorded in the item error log and passed over, as are the rest of its batch read one by one.
    /// </summary>
    public static async Task<long> ReanalyseAsync(Stores stores, IProgress<long>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(stores);
        long done = 0, after = 0;
        while (await stores.Entities.UnanalysedAsync(ArticleFacts.Version, after, Batch, ct) is { Count: > 0 } ids)
        {
            IReadOnlyDictionary<long, Article>? articles;
            try
            {
                articles = await stores.Articles.GetManyAsync(ids, ct);
            }
            catch (Exception e) when (stores.ItemErrors.IsArticleFault(e, ct))
            {
                articles = null;
            }
            foreach (long id in ids)
            {
                try
                {
                    // One read alone where the batch's read failed or left it out (gone since, or a row that knows no
                    // time, which GetAsync names).
                    var article = articles?.GetValueOrDefault(id) ?? await stores.Articles.GetAsync(id, ct);
                    if (article is null) continue;
                    var facts = FactAnalyzer.Analyse(article);
                    await WriteAsync(stores, id, facts, ct);
                    done++;
                }
                catch (Exception e) when (stores.ItemErrors.IsArticleFault(e, ct))
                {
                    await stores.ItemErrors.RecordArticleAsync(id, IngestStage.Entities, "finding its entities, quotes and figures", e,
                        "the next start or `icmal reanalyse` tries again", ct);
                }
            }
            after = ids[^1];
            progress?.Report(done);
        }
        return done;
    }
}
