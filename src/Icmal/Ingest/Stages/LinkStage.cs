using Icmal.Linking;
using Icmal.Model;

namespace Icmal.Ingest.Stages;

/// <summary>Links the stored article to the original it copies, or its stored copies to it (<see cref="CopyDetector"/>).</summary>
public sealed class LinkStage(CopyDetector detector) : IBatchStage, IRelatingStage, IPreparingStage, IReadingAheadStage
{
    public IngestStage Stage => IngestStage.Link;

    public bool Retryable => true;

    /// <summary>True: the same-text look-up reads every stored article's text hash.</summary>
    public bool ReadsUnrelatedArticles => true;

    public IReadOnlySet<long> PassedOver => detector.PassedOver;

    public async Task<StageResult> RunAsync(IngestItem item, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(item);
        await detector.LinkAsync(StoredArticle(item), ct);
        return StageResult.Continue(item);
    }

    /// <summary>The article's sketch and text hash worked out ahead, on all cores: on the batch's serial path they were pure CPU.</summary>
    public IngestItem Prepare(IngestItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.Article is { } article ? item with { LinkText = ArticleText.Of(article.Text) } : item;
    }

    /// <summary>The batch's keys' stored ids read ahead (<see cref="CopyDetector.ReadKeysAhead"/>), from the sketches prepared.</summary>
    public void ReadAhead(IReadOnlyList<IngestItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        detector.ReadKeysAhead(items.Select(i => i.LinkText?.Sketch).OfType<Icmal.Text.Similarity.TextSketch>().ToList());
    }

    /// <summary>
    /// The batch's articles linked in their order, each seeing those before it, as one by one; on PostgreSQL in a few
    /// round trips for the batch (<see cref="CopyDetector.LinkManyAsync"/>).
    /// </summary>
    public async Task<IReadOnlyList<StageResult>> RunManyAsync(IReadOnlyList<IngestItem> items, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(items);
        await detector.LinkManyAsync(items.Select(StoredArticle).ToList(), ct, items.Select(i => i.LinkText).ToList());
        return items.Select(StageResult.Continue).ToList();
    }

    private static Article StoredArticle(IngestItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.ArticleId is not { } id || item.Article is not { } article) throw new InvalidOperationException("the store stage runs first");
        return article with { Id = id };
    }
}
