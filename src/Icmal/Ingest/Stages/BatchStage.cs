namespace Icmal.Ingest.Stages;

/// <summary>
/// A stage that does many stored items' work together, inside a batch's one transaction
/// (<see cref="IngestPipeline.IngestManyAsync"/>): on PostgreSQL a few statements for the batch instead of several
/// round trips per article.
/// </summary>
public interface IBatchStage : IPipelineStage
{
    /// <summary>
    /// What <see cref="IPipelineStage.RunAsync"/> would give each item, in order, had the items run it one after the
    /// other; anything that goes wrong throws (the batch is then run again one by one).
    /// </summary>
    Task<IReadOnlyList<StageResult>> RunManyAsync(IReadOnlyList<IngestItem> items, CancellationToken ct);
}

/// <summary>
/// A stage after the store whose CPU work (pure, no I/O) can be done ahead: before the store, outside the batch's
/// transaction and on all cores, while the batch before is being written.
/// </summary>
public interface IPreparingStage : IPipelineStage
{
    /// <summary>The item with this stage's work done ahead, which its run then uses instead of doing it again.</summary>
    IngestItem Prepare(IngestItem item);
}

/// <summary>
/// A stage after the store that can start reading what its batch will need once the batch is prepared: outside the
/// batch's transactions, on a connection of its own, while the batches before are written (the link stage's keys).
/// </summary>
public interface IReadingAheadStage : IPipelineStage
{
    /// <summary>Starts the reads for the prepared items (not waited for; what they read is checked before it is used).</summary>
    void ReadAhead(IReadOnlyList<IngestItem> items);
}

/// <summary>
/// A stage that relates the stored article to the others (copy links, stories) rather than completing it. These come
/// last in the pipeline, after every stage that makes the article whole and searchable, and run in batch order with the
/// state they keep (in memory and in the archive): an import commits each in a transaction of its own
/// (<see cref="IngestPipeline.RelateAsync"/>), beside the others and the next batch's store. An article stored but not
/// yet related (a process killed between the two) is related by the stage's catch-up at the next start.
/// </summary>
/// <remarks>
/// So each reads nothing another relating stage writes, and hands each item on as it got it: an import runs them side
/// by side on the stored items.
/// </remarks>
public interface IRelatingStage : IPipelineStage
{
    /// <summary>
    /// Whether the stage reads stored articles it has not related yet (the copy links' same-text look-up reads the
    /// articles table): then the next batch's store must not commit before this stage's transaction of the batch before
    /// did, or that batch would see articles stored after it. False for a stage that reads only articles it has related
    /// (stories read articles already in a story).
    /// </summary>
    bool ReadsUnrelatedArticles { get; }

    /// <summary>
    /// The stored articles the stage's catch-up passed over when it was opened (one it cannot read, or the store
    /// refused): they stay unrelated until a later start tries them again. An import whose batch the catch-up related
    /// names them in their outcomes.
    /// </summary>
    IReadOnlySet<long> PassedOver { get; }
}
