using Icmal.Clustering;
using Icmal.Ingest.Stages;
using Icmal.Linking;
using Icmal.Model;
using Icmal.Storage;

namespace Icmal.Ingest;

/// <summary>
/// The path every document takes, whether it came from a file or the web, as an explicit ordered list of stages:
/// known document → read (decode, extract) → analyse → store → entities → link copies → cluster. Search indexing and entity linking join the
/// list here, in <see cref="OpenAsync"/>, the one place a pipeline is built, so no caller can leave a stage out.
/// </summary>
/// <remarks>
/// One document's failure is its own outcome and never an exception: whatever a stage throws for one document (a
/// hostile page, a database that refuses one row) becomes that document's outcome, naming the stage, and is recorded
/// in the item error log. A stage that fails after the article is stored leaves it stored: the problem becomes a note
/// on the outcome, the later stages still run, and the story stage picks the article up again at its next start. Only
/// the caller's cancellation propagates.
/// </remarks>
public sealed class IngestPipeline
{
    private readonly ItemErrorStore _itemErrors;
    private readonly IReadOnlyList<IPipelineStage> _stages;

    private IngestPipeline(ItemErrorStore itemErrors, IReadOnlyList<IPipelineStage> stages)
    {
        _itemErrors = itemErrors;
        _stages = stages;
    }

    /// <summary>The stages in the order a document passes them.</summary>
    public IReadOnlyList<IPipelineStage> Stages => _stages;

    /// <summary>
    /// Builds the full pipeline over the stores, with stored articles not yet sketched for copy detection linked, and
    /// the story stage warmed from the archive.
    /// </summary>
    public static async Task<IngestPipeline> OpenAsync(Stores stores, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(stores);
        var copies = await CopyDetector.OpenAsync(stores, ct);
        var stories = await StoryStage.OpenAsync(stores.Stories, ct);
        return new IngestPipeline(stores.ItemErrors,
        [
            new KnownDocumentStage(stores.Articles),
            new ReadStage(),
            new AnalyseStage(),
            new StoreStage(stores.Articles),
            new EntityStage(stores),
            new LinkStage(copies),
            new CategoriseStage(stores.Categories),
            new ClusterStage(stories),
        ]);
    }

    public async Task<IngestOutcome> IngestAsync(IncomingDocument document, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(document);
        var outcome = await RunStagesAsync(document, ct);
        if (outcome.Status is IngestStatus.Rejected or IngestStatus.Failed)
            outcome = await RecordProblemAsync(outcome, document.SourceId, ct);
        return outcome;
    }

    private async Task<IngestOutcome> RunStagesAsync(IncomingDocument document, CancellationToken ct)
    {
        var item = IngestItem.For(document);
        foreach (var stage in _stages)
        {
            StageResult result;
            try
            {
                result = await stage.RunAsync(item, ct);
            }
            catch (Exception e) when (!IsCallerCancellation(e, ct))
            {
                var problem = IngestOutcome.Threw(document.Origin, stage.Stage, e, stage.Retryable);
                if (item.ArticleId is null) return problem;
                problem = await RecordProblemAsync(problem, document.SourceId, ct);
                item = item.WithNote(problem.Reason);
                continue;
            }
            if (result.Done is { } done) return done;
            item = result.Next ?? throw new InvalidOperationException($"the {stage.Stage.Code()} stage gave neither an item nor an outcome");
        }
        return new IngestOutcome(document.Origin, IngestStatus.Stored, item.ArticleId, item.Article?.Title, Note: item.Note);
    }

    /// <summary>
    /// Records a rejected or failed item in the item error log (what /admin/sources shows). When the log cannot be
    /// written either (the database is the problem), the outcome says so instead: recording never throws.
    /// </summary>
    public async Task<IngestOutcome> RecordProblemAsync(IngestOutcome outcome, long? sourceId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        try
        {
            await _itemErrors.RecordAsync(new ItemError(sourceId, outcome.Origin, outcome.Stage ?? IngestStage.Read,
                outcome.Reason ?? outcome.Note ?? "unknown", DateTimeOffset.UtcNow), ct);
            return outcome;
        }
        catch (Exception e) when (!IsCallerCancellation(e, ct))
        {
            return outcome with { Note = $"not recorded in the item error log: {e.GetType().Name}: {e.Message}" };
        }
    }

    /// <summary>True when <paramref name="e"/> is the caller asking to stop, the one exception a boundary lets through.</summary>
    public static bool IsCallerCancellation(Exception e, CancellationToken ct) => e is OperationCanceledException && ct.IsCancellationRequested;
}
