using Icmal.Analysis;
using Icmal.Model;
using Icmal.Storage;

namespace Icmal.Ingest.Stages;

/// <summary>
/// Finds the stored article's entities, quotes and figures in its extracted text (never the page's chrome) and
/// stores them (<see cref="ArticleFactsWriter"/>). After the store stage: a failure here leaves the article stored,
/// and the next open (or <c>icmal reanalyse</c>) analyses it again.
/// </summary>
public sealed class EntityStage(Stores stores) : IBatchStage, IPreparingStage
{
    public IngestStage Stage => IngestStage.Entities;

    public bool Retryable => true;

    public async Task<StageResult> RunAsync(IngestItem item, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.ArticleId is not { } id || item.Article is not { } article) throw new InvalidOperationException("the store stage runs first");
        await ArticleFactsWriter.WriteAsync(stores, id, item.Facts ?? FactAnalyzer.Analyse(article), ct);
        return StageResult.Continue(item);
    }

    public IngestItem Prepare(IngestItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        // The tokenised text is not needed after the facts: let it go now rather than hold it until the batch is committed.
        return item.Analysed is { } analysed ? item with { Facts = FactAnalyzer.Analyse(analysed), Analysed = analysed with { Text = null } } : item;
    }

    public async Task<IReadOnlyList<StageResult>> RunManyAsync(IReadOnlyList<IngestItem> items, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(items);
        var facts = new List<(long, ArticleFacts)>(items.Count);
        foreach (var item in items)
        {
            if (item.ArticleId is not { } id || item.Article is not { } article) throw new InvalidOperationException("the store stage runs first");
            facts.Add((id, item.Facts ?? FactAnalyzer.Analyse(article)));
        }
        await ArticleFactsWriter.WriteManyAsync(stores, facts, ct);
        return items.Select(StageResult.Continue).ToList();
    }
}
