using Icmal.Clustering;
using Icmal.Model;

namespace Icmal.Ingest.Stages;

/// <summary>Puts the stored article into a story (<see cref="StoryStage"/>).</summary>
public sealed class ClusterStage(StoryStage stories) : IPipelineStage
{
    public IngestStage Stage => IngestStage.Cluster;

    public bool Retryable => true;

    public async Task<StageResult> RunAsync(IngestItem item, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.ArticleId is not { } id || item.Analysed is not { } analysed) throw new InvalidOperationException("the store stage runs first");
        await stories.AssignAsync(id, analysed, ct);
        return StageResult.Continue(item);
    }
}
