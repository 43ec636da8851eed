using Icmal.Model;
using Icmal.Storage;
using Icmal.Text.Categories;

namespace Icmal.Ingest.Stages;

/// <summary>
/// Gives the stored article its category (issue #18): the source's own section when the page gave one the taxonomy
/// knows (<see cref="CategoryTaxonomy"/>), else the headline classifier (<see cref="CategoryClassifier"/>).
/// </summary>
public sealed class CategoriseStage(CategoryStore categories, CategoryClassifier? classifier = null) : IBatchStage, IPreparingStage
{
    public IngestStage Stage => IngestStage.Categorise;

    public bool Retryable => true;

    public async Task<StageResult> RunAsync(IngestItem item, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.ArticleId is not { } id || item.Article is not { } article) throw new InvalidOperationException("the store stage runs first");
        await categories.SetAsync(id, item.Category ?? Categorise(article), ct);
        return StageResult.Continue(item);
    }

    public IngestItem Prepare(IngestItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.Article is { } article ? item with { Category = Categorise(article) } : item;
    }

    public async Task<IReadOnlyList<StageResult>> RunManyAsync(IReadOnlyList<IngestItem> items, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(items);
        var assignments = new List<(long, CategoryAssignment)>(items.Count);
        foreach (var item in items)
        {
            if (item.ArticleId is not { } id || item.Article is not { } article) throw new InvalidOperationException("the store stage runs first");
            assignments.Add((id, item.Category ?? Categorise(article)));
        }
        await categories.SetManyAsync(assignments, ct);
        return items.Select(StageResult.Continue).ToList();
    }

    private CategoryAssignment Categorise(Article article) => CategoryStore.Categorise(classifier ?? CategoryClassifier.Default, article);
}
