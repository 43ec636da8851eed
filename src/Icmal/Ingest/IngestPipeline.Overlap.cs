using Icmal.Ingest.Stages;
using Icmal.Model;

namespace Icmal.Ingest;

/// <summary>
/// A batch committed in two transactions, so that an import stores one batch while the one before is linked: the
/// store transaction (<see cref="StoreAsync"/>: the store stage and the stages that complete the article, its entities,
/// facts and category) and the relate transaction (<see cref="RelateAsync"/>: copy links and stories,
/// <see cref="IRelatingStage"/>).
/// </summary>
/// <remarks>
/// <para>On one connection the commit chain of a batch is serial: İcmal's CPU and the server's round trips take turns.
/// Where the engine lets two write transactions of a process overlap (<see cref="Storage.SqlDialect.OverlapsWriteTransactions"/>:
/// PostgreSQL), batch N+1's store transaction runs beside batch N's relate transaction
/// (<see cref="Storage.Database.InOneTransactionBesideAsync{T}"/>), and commits once batch N's is done. Relate transactions still run strictly in batch
/// order, each after the one before committed, so copy detection and the stories stage (which keeps state in memory)
/// see what they saw with one transaction a batch: batch N+1's articles are not yet committed while batch N is linked
/// (the copy detector's same-text look-up reads the articles table), and batch N+1's store writes only its own new rows,
/// so nothing batch N's relate transaction does waits on it. So the copy links and stories are the same, and batch
/// N+1's store depends on nothing batch N's relate transaction writes.</para>
/// <para>A document's outcome is given only after both commits. A process killed between them leaves complete,
/// searchable articles that are not yet linked nor clustered; the copy detector's and the story stage's catch-up
/// (<see cref="Linking.CopyDetector.OpenAsync"/>, <see cref="Clustering.StoryStage.OpenAsync"/>) relates them at the next
/// start. A relate transaction that fails leaves the store committed and relates the batch by that catch-up at once
/// (the stages are rebuilt, as after any rolled back batch); a store transaction that fails runs its documents one by
/// one, as <see cref="CommitAsync"/> does.</para>
/// <para>Crawlers keep <see cref="CommitAsync"/>, one transaction a batch: several of them on one PostgreSQL take the
/// archive's lock for the links and stories, and a crawler's batch is one poll's few pages.</para>
/// </remarks>
public sealed partial class IngestPipeline
{
    /// <summary>
    /// Whether a batch is worth committing in two transactions (<see cref="StoreAsync"/>, then <see cref="RelateAsync"/>)
    /// so that the next batch's store overlaps this one's links: the engine runs two write transactions at once, and the
    /// pipeline's relating stages come last.
    /// </summary>
    public bool OverlapsCommits => _stores.Database.Dialect.OverlapsWriteTransactions && RelateIndex(_stages) is not null;

    /// <summary>A batch whose articles are stored and committed, waiting for its links and stories (<see cref="RelateAsync"/>).</summary>
    public sealed class StoredBatch
    {
        internal StoredBatch(IReadOnlyList<IncomingDocument> documents, IngestOutcome?[] outcomes, IngestItem?[] items, long rebuilds)
        {
            Documents = documents;
            Outcomes = outcomes;
            Items = items;
            Rebuilds = rebuilds;
        }

        public IReadOnlyList<IncomingDocument> Documents { get; }

        /// <summary>The outcomes already known (known documents, rejections, failures); null for the stored items.</summary>
        internal IngestOutcome?[] Outcomes { get; }

        /// <summary>The stored items, in the documents' places, to relate.</summary>
        internal IngestItem?[] Items { get; }

        /// <summary><see cref="_rebuilds"/> when the store began.</summary>
        internal long Rebuilds { get; }
    }

    /// <summary>
    /// The prepared batch through the stages that complete its articles (store, entities, category), in one transaction
    /// that may run beside the batch before's <see cref="RelateAsync"/>. Reports nothing: the outcomes come from
    /// <see cref="RelateAsync"/>, which must follow, batch after batch in order.
    /// </summary>
    public async Task<StoredBatch> StoreAsync(PreparedBatch batch, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var stages = _stages;
        int store = StoreIndex(stages);
        int relate = RelateIndex(stages) ?? throw new InvalidOperationException("the pipeline's relating stages do not come last");
        long rebuilds = Interlocked.Read(ref _rebuilds);
        var before = _relating;
        bool beside = _stores.Database.Dialect.OverlapsWriteTransactions;
        var outcomes = (IngestOutcome?[])batch.Outcomes.Clone();
        var items = new IngestItem?[outcomes.Length];
        var ready = await ReadyAsync(batch, stages, outcomes, ct);
        if (ready.Count > 0)
        {
            IReadOnlyList<(IngestItem? Next, IngestOutcome? Done)>? together = null;
            // One writer: the batch before's links first (they hold it), then this store.
            if (!beside) await before.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            try
            {
                together = await _stores.Database.InOneTransactionBesideAsync(async t =>
                {
                    var stored = await RunTogetherAsync(stages, store, relate, ready.Select(r => r.Item).ToList(), t);
                    // Committed only once the batch before is related: it must not see these articles (its same-text look-up
                    // reads the articles table). Nothing there waits on this transaction's rows: it writes none of them.
                    await before.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                    return stored;
                }, ct);
                Interlocked.Increment(ref _commits);
            }
            catch (Exception e) when (!IsCallerCancellation(e, ct))
            {
                // Nothing of the batch is stored, and these stages keep nothing in memory: each document alone, after
                // the batch before is related (each commits at once).
                Interlocked.Increment(ref _batchesRunAlone);
                await before.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
            for (int k = 0; k < ready.Count; k++)
            {
                var (index, item) = ready[k];
                var (next, done) = together is not null ? together[k] : await RunAsync(stages, item, store, relate, strict: false, ct);
                if (together is null) Interlocked.Increment(ref _commits);
                (items[index], outcomes[index]) = (next, done);
            }
        }
        return new StoredBatch(batch.Documents, outcomes, items, rebuilds);
    }

    /// <summary>
    /// The stored batch's copy links and stories in one transaction, after the batch stored before it was related: the
    /// outcomes in the documents' order, each problem recorded in the item error log (see the type's remarks).
    /// </summary>
    /// <remarks>Start it before the next batch's <see cref="StoreAsync"/>: that store commits only after it.</remarks>
    public Task<IReadOnlyList<IngestOutcome>> RelateAsync(StoredBatch batch, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var relating = RelateCoreAsync(batch, ct);
        _relating = relating;
        return relating;
    }

    /// <summary>The relate transaction last started (<see cref="RelateAsync"/>), with its fallback.</summary>
    private Task _relating = Task.CompletedTask;

    private async Task<IReadOnlyList<IngestOutcome>> RelateCoreAsync(StoredBatch batch, CancellationToken ct)
    {
        var outcomes = (IngestOutcome?[])batch.Outcomes.Clone();
        var ready = Enumerable.Range(0, outcomes.Length).Where(i => batch.Items[i] is not null).ToList();
        if (ready.Count > 0)
        {
            var stages = _stages;
            int relate = RelateIndex(stages) ?? throw new InvalidOperationException("the pipeline's relating stages do not come last");
            IReadOnlyList<(IngestItem? Next, IngestOutcome? Done)>? together = null;
            // A rebuild's catch-up since the store began may have related some of the batch already: the catch-up relates the rest.
            long rebuilds = batch.Rebuilds;
            if (rebuilds % 2 == 0 && rebuilds == Interlocked.Read(ref _rebuilds) && !Volatile.Read(ref _stale))
            {
                try
                {
                    together = await _stores.Database.InOneTransactionAsync(
                        t => RunTogetherAsync(stages, relate, stages.Count, ready.Select(i => batch.Items[i]!).ToList(), t), ct);
                }
                catch (Exception e) when (!IsCallerCancellation(e, ct))
                {
                    // The articles stay stored; the rebuilt stages' catch-up links and clusters them, in their order.
                    Interlocked.Increment(ref _batchesRunAlone);
                }
            }
            string? problem = null;
            if (together is null) problem = await CatchUpAsync(ct);
            for (int k = 0; k < ready.Count; k++)
            {
                int i = ready[k];
                outcomes[i] = together is not null ? together[k].Done ?? Finished(together[k].Next!)
                    : problem is null ? Finished(batch.Items[i]!)
                    : await RecordProblemAsync(Finished(batch.Items[i]!.WithNote(problem)), batch.Documents[i].SourceId, ct);
            }
        }
        return await RecordProblemsAsync(batch.Documents, outcomes, ct);
    }

    /// <summary>
    /// The stages rebuilt, which links and clusters every stored article not yet related: null, or what went wrong (the
    /// articles stay stored and the next start tries again).
    /// </summary>
    private async Task<string?> CatchUpAsync(CancellationToken ct)
    {
        try
        {
            await RebuildStagesAsync(ct);
            return null;
        }
        catch (Exception e) when (!IsCallerCancellation(e, ct))
        {
            return $"stored, but not yet linked to its copies nor put into a story ({e.GetType().Name}: {e.Message}); the next start does it";
        }
    }

    /// <summary>Where the relating stages begin, or null when they do not all come after the others (then a batch is one transaction).</summary>
    private static int? RelateIndex(IReadOnlyList<IPipelineStage> stages)
    {
        int first = -1;
        for (int i = 0; i < stages.Count; i++)
        {
            bool relating = stages[i] is IRelatingStage;
            if (relating && first < 0) first = i;
            else if (!relating && first >= 0) return null;
        }
        return first > StoreIndex(stages) ? first : null;
    }
}
