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
        _lanes = Lanes(stages);
    }

    /// <summary>A lane for each relating stage, in the stages' places.</summary>
    private static RelateLane?[] Lanes(IReadOnlyList<IPipelineStage> stages) => stages.Select(s => s is IRelatingStage ? new RelateLane() : null).ToArray();

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
    /// new articles for ones a stopped process left unlinked. The batches prepared meanwhile get the relating stages'
    /// work ahead (the link stage's sketches and keys read ahead) once those are open, before their store.
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
        var built = await BuildStagesAsync(_stores, completing, ct);
        _lanes = Lanes(built);
        Volatile.Write(ref _stages, built);
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
        var links = await OpenLinkStageAsync(stores, ct);
        var stories = await OpenClusterStageAsync(stores, ct);
        return [.. completing, links, stories];
    }

    /// <summary>The copy links' stage, with the copy detector's catch-up of every stored article not yet sketched.</summary>
    private static async Task<LinkStage> OpenLinkStageAsync(Stores stores, CancellationToken ct) => new(await CopyDetector.OpenAsync(stores, ct));

    /// <summary>The stories' stage, warmed from the archive, with its catch-up of every stored article in no story.</summary>
    private static async Task<ClusterStage> OpenClusterStageAsync(Stores stores, CancellationToken ct) => new(await StoryStage.OpenAsync(stores.Stories, ct));

    /// <summary>The relating stage <paramref name="stage"/> opened afresh over the archive, with its catch-up.</summary>
    private async Task<IPipelineStage> ReopenAsync(IPipelineStage stage, CancellationToken ct) => stage switch
    {
        LinkStage => await OpenLinkStageAsync(_stores, ct),
        ClusterStage => await OpenClusterStageAsync(_stores, ct),
        _ => throw new InvalidOperationException($"the {stage.Stage.Code()} stage cannot be reopened alone"),
    };

    /// <summary>Held while <see cref="_stages"/> is replaced: two relating stages may be rebuilt at once.</summary>
    private readonly Lock _replacing = new();

    /// <summary>
    /// The stages built again after a transaction rolled back (the stories stage's memory may hold what was rolled back),
    /// with the copy detector's and the story stage's catch-up of every stored article not yet linked or clustered.
    /// </summary>
    private async Task<IReadOnlyList<IPipelineStage>> RebuildStagesAsync(CancellationToken ct)
    {
        var lanes = _lanes.OfType<RelateLane>().ToList();
        foreach (var lane in lanes) lane.BeginRebuild();
        try
        {
            var built = await BuildStagesAsync(_stores, ct);
            lock (_replacing) _stages = built;
            foreach (var lane in lanes) lane.Stale = false;
            return built;
        }
        catch
        {
            foreach (var lane in lanes) lane.Stale = true;
            throw;
        }
        finally
        {
            foreach (var lane in lanes) lane.EndRebuild();
        }
    }

    /// <summary>
    /// The relating stage at <paramref name="index"/> built again alone, with its catch-up (after its own transaction of
    /// an import's batch rolled back); the other stages, and what they committed, stay.
    /// </summary>
    private async Task RebuildStageAsync(int index, CancellationToken ct)
    {
        var lane = _lanes[index] ?? throw new InvalidOperationException("only a relating stage is rebuilt alone");
        lane.BeginRebuild();
        try
        {
            var fresh = await ReopenAsync(_stages[index], ct);
            lock (_replacing)
            {
                var stages = _stages.ToArray();
                stages[index] = fresh;
                _stages = stages;
            }
            lane.Stale = false;
        }
        catch
        {
            lane.Stale = true;
            throw;
        }
        finally
        {
            lane.EndRebuild();
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
