using Icmal.Clustering;
using Icmal.Ingest.Stages;
using Icmal.Linking;
using Icmal.Model;
using Icmal.Storage;

namespace Icmal.Ingest;

/// <summary>
/// The path every document takes, whether it came from a file or the web, as an explicit ordered list of stages:
/// known document → read (decode, extract) → analyse → store → entities → category → link copies → cluster. Search indexing and entity
/// linking join the list here, in <see cref="OpenAsync"/>, the one place a pipeline is built, so no caller can leave a stage out.
/// The stages up to the category complete the article itself (searchable, with its facts and category); the ones after it
/// (<see cref="IRelatingStage"/>) relate it to the others, and an import on an engine that allows it commits the two
/// parts separately (<see cref="StoreAsync"/>, <see cref="RelateAsync"/>).
/// </summary>
/// <remarks>
/// One document's failure is its own outcome and never an exception: whatever a stage throws for one document (a
/// hostile page, a database that refuses one row) becomes that document's outcome, naming the stage, and is recorded
/// in the item error log. A stage that fails after the article is stored leaves it stored: the problem becomes a note
/// on the outcome, the later stages still run, and the story stage picks the article up again at its next start. Only
/// the caller's cancellation propagates.
/// </remarks>
public sealed partial class IngestPipeline
{
    private readonly Stores _stores;
    private IReadOnlyList<IPipelineStage> _stages;

    private IngestPipeline(Stores stores, IReadOnlyList<IPipelineStage> stages)
    {
        _stores = stores;
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
        return new IngestPipeline(stores, await BuildStagesAsync(stores, ct));
    }

    /// <summary>
    /// The pipeline for an import that opens its relating stages (the copy detector's and the story stage's catch-ups,
    /// the story stage's warm start: <see cref="OpenRelatingStagesAsync"/>) while its first batches are read and
    /// analysed: until then it only prepares (<see cref="PrepareAsync"/>; the stages before the store, and the entity
    /// and category stages' work ahead, need no catch-up). Nothing may be stored before: the catch-ups would take the
    /// new articles for ones a stopped process left unlinked.
    /// </summary>
    internal static IngestPipeline Preparing(Stores stores)
    {
        ArgumentNullException.ThrowIfNull(stores);
        return new IngestPipeline(stores, CompletingStages(stores));
    }

    /// <summary>The relating stages opened and put after the stages of a pipeline made by <see cref="Preparing"/>.</summary>
    internal async Task OpenRelatingStagesAsync(CancellationToken ct)
    {
        var completing = _stages;
        if (completing.OfType<IRelatingStage>().Any()) throw new InvalidOperationException("the relating stages are open already");
        Volatile.Write(ref _stages, await BuildStagesAsync(_stores, completing, ct));
    }

    /// <summary>The stages that make the article itself (to the category); they hold nothing from the archive.</summary>
    private static IPipelineStage[] CompletingStages(Stores stores) =>
    [
        new KnownDocumentStage(stores.Articles),
        new ReadStage(),
        new AnalyseStage(),
        new StoreStage(stores.Articles),
        new EntityStage(stores),
        new CategoriseStage(stores.Categories),
    ];

    private static Task<IReadOnlyList<IPipelineStage>> BuildStagesAsync(Stores stores, CancellationToken ct) =>
        BuildStagesAsync(stores, CompletingStages(stores), ct);

    private static async Task<IReadOnlyList<IPipelineStage>> BuildStagesAsync(Stores stores, IReadOnlyList<IPipelineStage> completing, CancellationToken ct)
    {
        var copies = await CopyDetector.OpenAsync(stores, ct);
        var stories = await StoryStage.OpenAsync(stores.Stories, ct);
        return [.. completing, new LinkStage(copies), new ClusterStage(stories)];
    }

    /// <summary>
    /// Odd while <see cref="RebuildStagesAsync"/> runs, and counts its runs: a batch stored while one ran, or before one
    /// that followed, may have been linked and clustered by its catch-up (<see cref="RelateAsync"/>).
    /// </summary>
    private long _rebuilds;

    /// <summary>True after a rebuild failed: the stages in use may remember what a rolled back batch held.</summary>
    private bool _stale;

    /// <summary>
    /// The stages built again after a transaction rolled back (the stories stage's memory may hold what was rolled back),
    /// with the copy detector's and the story stage's catch-up of every stored article not yet linked or clustered.
    /// </summary>
    private async Task<IReadOnlyList<IPipelineStage>> RebuildStagesAsync(CancellationToken ct)
    {
        Interlocked.Increment(ref _rebuilds);
        try
        {
            _stages = await BuildStagesAsync(_stores, ct);
            Volatile.Write(ref _stale, false);
            return _stages;
        }
        catch
        {
            Volatile.Write(ref _stale, true);
            throw;
        }
        finally
        {
            Interlocked.Increment(ref _rebuilds);
        }
    }

    public async Task<IngestOutcome> IngestAsync(IncomingDocument document, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(document);
        var outcome = await RunStagesAsync(IngestItem.For(document), ct);
        if (outcome.Status is IngestStatus.Rejected or IngestStatus.Failed)
            outcome = await RecordProblemAsync(outcome, document.SourceId, ct);
        return outcome;
    }

    private async Task<IngestOutcome> RunStagesAsync(IngestItem item, CancellationToken ct)
    {
        var (next, done) = await RunAsync(_stages, item, 0, _stages.Count, strict: false, ct);
        return done ?? Finished(next!);
    }

    /// <summary>
    /// Runs <paramref name="stages"/>[from..to) on the item: its outcome when a stage ends it, else the item as handed
    /// on. A stage that throws before the store ends the item with that problem; after the store, the problem is
    /// recorded and the later stages still run, unless <paramref name="strict"/> (inside a batch's one transaction,
    /// where it must fail the whole batch, which is then run again item by item).
    /// </summary>
    private async Task<(IngestItem? Item, IngestOutcome? Done)> RunAsync(IReadOnlyList<IPipelineStage> stages, IngestItem item, int from, int to,
        bool strict, CancellationToken ct)
    {
        for (int i = from; i < to; i++)
        {
            var stage = stages[i];
            StageResult result;
            try
            {
                result = await stage.RunAsync(item, ct);
            }
            catch (Exception e) when (!strict && !IsCallerCancellation(e, ct))
            {
                var problem = IngestOutcome.Threw(item.Document.Origin, stage.Stage, e, stage.Retryable);
                if (item.ArticleId is null) return (null, problem);
                problem = await RecordProblemAsync(problem, item.Document.SourceId, ct);
                item = item.WithNote(problem.Reason);
                continue;
            }
            if (result.Done is { } done) return (null, done);
            item = result.Next ?? throw new InvalidOperationException($"the {stage.Stage.Code()} stage gave neither an item nor an outcome");
        }
        return (item, null);
    }

    private static IngestOutcome Finished(IngestItem item) =>
        new(item.Document.Origin, IngestStatus.Stored, item.ArticleId, item.Article?.Title, Note: item.Note);

    /// <summary>
    /// Records a rejected or failed item in the item error log (what /admin/sources shows). When the log cannot be
    /// written either (the database is the problem), the outcome says so instead: recording never throws.
    /// </summary>
    public async Task<IngestOutcome> RecordProblemAsync(IngestOutcome outcome, long? sourceId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        try
        {
            await _stores.ItemErrors.RecordAsync(new ItemError(sourceId, outcome.Origin, outcome.Stage ?? IngestStage.Read,
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
