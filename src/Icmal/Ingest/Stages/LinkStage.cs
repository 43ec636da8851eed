using Icmal.Linking;
using Icmal.Model;

namespace Icmal.Ingest.Stages;

/// <summary>Links the stored article to the original it copies, or its stored copies to it (<see cref="CopyDetector"/>).</summary>
public sealed class LinkStage(CopyDetector detector) : IPipelineStage
{
    public IngestStage Stage => IngestStage.Link;

    public bool Retryable => true;

    public async Task<StageResult> RunAsync(IngestItem item, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.ArticleId is not { } id || item.Article is not { } article) throw new InvalidOperationException("the store stage runs first");
        await detector.LinkAsync(article with { Id = id }, ct);
        return StageResult.Continue(item);
    }
}
