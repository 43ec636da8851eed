using Icmal.Model;
using Icmal.Storage;
using Icmal.Text.Categories;

namespace Icmal.Ingest.Stages;

/// <summary>
/// Gives the stored article its category (issue #18): the source's own section when the page gave one the taxonomy
/// knows (<see cref="CategoryTaxonomy"/>), else the headline classifier (<see cref="CategoryClassifier"/>).
/// </summary>
public sealed class CategoriseStage(CategoryStore categories, CategoryClassifier? classifier = null) : IPipelineStage
{
    public IngestStage Stage => IngestStage.Categorise;

    public bool Retryable => true;

    public async Task<StageResult> RunAsync(IngestItem item, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.ArticleId is not { } id || item.Article is not { } article) throw new InvalidOperationException("the store stage runs first");
        await categories.SetAsync(id, CategoryStore.Categorise(classifier ?? CategoryClassifier.Default, article), ct);
        return StageResult.Continue(item);
    }
}
