using Icmal.Model;
using Icmal.Storage;

namespace Icmal.Ingest.Stages;

/// <summary>Stops a document whose exact bytes are stored already, before any work is spent on reading it again.</summary>
public sealed class KnownDocumentStage(ArticleStore articles) : IPipelineStage
{
    public IngestStage Stage => IngestStage.Store;

    public bool Retryable => true;

    public async Task<StageResult> RunAsync(IngestItem item, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(item);
        return await articles.FindByDocumentHashAsync(item.Sha256, ct) is { } existingId
            ? StageResult.Stop(Outcome(item, existingId))
            : StageResult.Continue(item);
    }

    /// <summary>The outcome of a document stored before, as article <paramref name="articleId"/> (also a batch's look-up's).</summary>
    internal static IngestOutcome Outcome(IngestItem item, long articleId) => new(item.Document.Origin, IngestStatus.AlreadyPresent, articleId);
}
