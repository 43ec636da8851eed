using Icmal.Ingest.Stages;
using Icmal.Model;

namespace Icmal.Ingest;

/// <summary>
/// Many documents through the pipeline with one commit: what an import reads in a row, or what one poll of a source
/// finds. The outcome of every document is the one <see cref="IngestAsync"/> would give it one by one, in the same
/// order, and the archive afterwards is the same; only the commits are fewer (one per batch instead of several per
/// article, each a WAL flush and a pooled connection on PostgreSQL).
/// </summary>
/// <remarks>
/// The stages up to the store (the known-document look-up, reading, analysis: most of the CPU) run first, outside any
/// transaction. Then the store and every later stage run for each document in turn, in the order given, inside one
/// transaction (<see cref="Storage.Database.InOneTransactionAsync{T}"/>): each document sees the ones before it exactly
/// as it would had they been committed one by one (copy detection, stories). A process killed before the commit leaves
/// none of the batch and has reported none of it. When anything in the transaction throws (a database that refuses a
/// row, a stage that fails on one document, a deadlock with another crawler), the whole batch rolls back, the stages
/// that keep state in memory (stories) are reopened from the archive, and the documents run again one by one, where
/// a failing stage is that document's outcome as usual.
/// </remarks>
public sealed partial class IngestPipeline
{
    /// <summary>How many documents an import stores per transaction.</summary>
    public const int BatchSize = 250;

    /// <summary>How many batches rolled back and ran again one by one (for the import's summary and the tests).</summary>
    public int BatchesRunAlone { get; private set; }

    /// <summary>The documents' outcomes, in their order, with one commit for the lot (see the type's remarks).</summary>
    public async Task<IReadOnlyList<IngestOutcome>> IngestManyAsync(IReadOnlyList<IncomingDocument> documents, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var stages = _stages;
        int store = StoreIndex(stages);
        var outcomes = new IngestOutcome?[documents.Count];
        var ready = new List<(int Index, IngestItem Item)>(documents.Count);
        for (int i = 0; i < documents.Count; i++)
        {
            ArgumentNullException.ThrowIfNull(documents[i]);
            var (item, done) = await RunAsync(stages, IngestItem.For(documents[i]), 0, store, strict: false, ct);
            if (done is not null) outcomes[i] = done;
            else ready.Add((i, item!));
        }
        if (ready.Count > 0)
        {
            IReadOnlyList<IngestOutcome>? together = null;
            try
            {
                together = await _stores.Database.InOneTransactionAsync(async t =>
                {
                    var list = new List<IngestOutcome>(ready.Count);
                    foreach (var (_, item) in ready)
                    {
                        var (next, done) = await RunAsync(stages, item, store, stages.Count, strict: true, t);
                        list.Add(done ?? Finished(next!));
                    }
                    return list;
                }, ct);
            }
            catch (Exception e) when (!IsCallerCancellation(e, ct))
            {
                // Nothing of the batch is stored; the stories stage's memory may hold what was rolled back.
                BatchesRunAlone++;
                _stages = stages = await BuildStagesAsync(_stores, ct);
            }
            for (int k = 0; k < ready.Count; k++)
            {
                var (index, item) = ready[k];
                if (together is not null) outcomes[index] = together[k];
                else
                {
                    var (next, done) = await RunAsync(stages, item, store, stages.Count, strict: false, ct);
                    outcomes[index] = done ?? Finished(next!);
                }
            }
        }
        for (int i = 0; i < outcomes.Length; i++)
        {
            if (outcomes[i]!.Status is IngestStatus.Rejected or IngestStatus.Failed)
                outcomes[i] = await RecordProblemAsync(outcomes[i]!, documents[i].SourceId, ct);
        }
        return outcomes!;
    }

    /// <summary>Where the store stage is: the stages before it need no transaction.</summary>
    private static int StoreIndex(IReadOnlyList<IPipelineStage> stages)
    {
        for (int i = 0; i < stages.Count; i++)
            if (stages[i] is StoreStage) return i;
        throw new InvalidOperationException("the pipeline has no store stage");
    }
}
