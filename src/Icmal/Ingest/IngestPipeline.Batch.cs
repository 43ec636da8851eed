using Icmal.Ingest.Stages;
using Icmal.Model;

namespace Icmal.Ingest;

/// <summary>
/// Many documents through the pipeline with one commit: what an import reads in a row, or what one poll of a source
/// finds. The outcome of every document is the one <see cref="IngestAsync"/> would give it one by one, in the same
/// order, and the archive afterwards is the same; only the commits and round trips are fewer.
/// </summary>
/// <remarks>
/// <para>First, outside any transaction (<see cref="PrepareAsync"/>): the known documents are looked up in one query,
/// and the stages up to the store (reading, analysis) run on all cores, with the CPU work of the stages after the
/// store that can do it ahead (<see cref="IPreparingStage"/>: entities, category). An import prepares the next batch
/// this way while the one before is being written.</para>
/// <para>Then (<see cref="CommitAsync"/>) the store and every later stage run inside one transaction
/// (<see cref="Storage.Database.InOneTransactionAsync{T}"/>): each stage for the whole batch at once where it can
/// (<see cref="IBatchStage"/>: store, entities, copy links, categories, stories), else for each document in turn, in
/// the order given, so that each document sees the ones before it exactly as it would had they been committed one by
/// one. On PostgreSQL the copy links and the stories each hold an archive lock of their own to the commit (the copy
/// links' first), so that two crawlers never link into the same copy groups or start a story for one event at the
/// same time. A process killed before the commit leaves none of the batch and has reported none of it. When anything in the
/// transaction throws (a database that refuses a row, a stage that fails on one document, a deadlock with another
/// crawler), the whole batch rolls back, the stages that keep state in memory (stories) are reopened from the archive,
/// and the documents run again one by one, where a failing stage is that document's outcome as usual.</para>
/// <para>A crawler's batches take this one transaction. An import on an engine that lets two write transactions
/// overlap commits each batch in three instead: the next batch's store beside this one's links, its stories beside
/// its links (IngestPipeline.Overlap.cs).</para>
/// </remarks>
public sealed partial class IngestPipeline
{
    /// <summary>How many documents an import stores per transaction.</summary>
    /// <remarks>
    /// 500, not 250 as before: into a 1M PostgreSQL archive a batch's fixed costs (round trips, each distinct sketch
    /// key's index descent, the candidates' link groups) are shared by twice the articles: an import of 10,000 took
    /// 6 % less machine CPU and 7 % less time in five alternating runs on a quiet machine (docs/benchmarks.md,
    /// "Merged (lead, 2026-12-05 09:30–10:00 UTC …)"). The
    /// price: an import killed mid-batch redoes up to 500 unreported articles, and a crawler waits for the archive's
    /// link lock up to one such batch's links.
    /// </remarks>
    public const int BatchSize = 500;

    /// <summary>The store commits so far: a batch prepared before some of them looks up again the documents they offered.</summary>
    private readonly StoreCommits _storeCommits = new();

    private int _batchesRunAlone;

    /// <summary>How many batch transactions rolled back and ran again one by one or by the catch-up (for the import's summary and the tests).</summary>
    public int BatchesRunAlone => Volatile.Read(ref _batchesRunAlone);

    /// <summary>The documents' outcomes, in their order, with one commit for the lot (see the type's remarks).</summary>
    public async Task<IReadOnlyList<IngestOutcome>> IngestManyAsync(IReadOnlyList<IncomingDocument> documents, CancellationToken ct) =>
        await CommitAsync(await PrepareAsync(documents, ct), ct);

    /// <summary>A batch read and analysed, waiting for its transaction (<see cref="CommitAsync"/>).</summary>
    public sealed class PreparedBatch
    {
        internal PreparedBatch(IReadOnlyList<IncomingDocument> documents, IngestOutcome?[] outcomes, IngestItem?[] items, long commits, bool relating)
        {
            Documents = documents;
            Outcomes = outcomes;
            Items = items;
            Commits = commits;
            Relating = relating;
        }

        public IReadOnlyList<IncomingDocument> Documents { get; }

        internal IngestOutcome?[] Outcomes { get; }

        internal IngestItem?[] Items { get; }

        internal long Commits { get; }

        /// <summary>
        /// Whether the relating stages' work ahead was done (false for a batch prepared before a pipeline made by
        /// <see cref="Preparing"/> opened them: <see cref="ReadyAsync"/> does it before the store).
        /// </summary>
        internal bool Relating { get; }
    }

    /// <summary>
    /// The stages before the store for every document (the known ones found in one query, the rest read and analysed
    /// on all cores), and the CPU work of the later stages done ahead. Writes nothing but the item error log of a
    /// look-up that fails.
    /// </summary>
    public async Task<PreparedBatch> PrepareAsync(IReadOnlyList<IncomingDocument> documents, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(documents);
        foreach (var d in documents) ArgumentNullException.ThrowIfNull(d);
        var stages = _stages;
        int store = StoreIndex(stages);
        long commits = _storeCommits.Count;
        var items = new IngestItem?[documents.Count];
        var outcomes = new IngestOutcome?[documents.Count];
        await Parallel.ForAsync(0, documents.Count, AllCores(ct), (i, _) =>
        {
            items[i] = IngestItem.For(documents[i]);
            return ValueTask.CompletedTask;
        });
        int from = 0;
        if (stages[0] is KnownDocumentStage && await KnownAsync(items.Select(i => i!.Sha256).Distinct(StringComparer.Ordinal).ToList(), ct) is { } known)
        {
            from = 1;
            for (int i = 0; i < items.Length; i++)
            {
                if (known.TryGetValue(items[i]!.Sha256, out long id))
                {
                    outcomes[i] = KnownDocumentStage.Outcome(items[i]!, id);
                    items[i] = null;
                }
            }
        }
        // The stages before the store are pure (read, analyse) but for the known-document look-up, which runs
        // alone when the batch's one query failed.
        bool pure = true;
        for (int s = from; s < store; s++) pure &= stages[s] is ReadStage or AnalyseStage;
        var preparing = stages.Skip(store).OfType<IPreparingStage>().ToArray();
        async ValueTask OneAsync(int i, CancellationToken t)
        {
            if (items[i] is not { } item) return;
            var (next, done) = await RunAsync(stages, item, from, store, strict: false, t);
            if (done is not null)
            {
                outcomes[i] = done;
                items[i] = null;
                return;
            }
            items[i] = PrepareAhead(preparing, next!, t);
        }
        if (pure) await Parallel.ForAsync(0, documents.Count, AllCores(ct), OneAsync);
        else
        {
            for (int i = 0; i < documents.Count; i++) await OneAsync(i, ct);
        }
        ReadAhead(stages.Skip(store), items.OfType<IngestItem>().ToList());
        return new PreparedBatch(documents, outcomes, items, commits, stages.Any(s => s is IRelatingStage));
    }

    /// <summary>A preparation's CPU work spread over every core.</summary>
    private static ParallelOptions AllCores(CancellationToken ct) => new() { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = ct };

    /// <summary>The item with the work of <paramref name="preparing"/> done ahead, each stage's in turn.</summary>
    private static IngestItem PrepareAhead(IPreparingStage[] preparing, IngestItem item, CancellationToken ct)
    {
        foreach (var stage in preparing)
        {
            try
            {
                item = stage.Prepare(item);
            }
            catch (Exception e) when (!IsCallerCancellation(e, ct))
            {
                // The stage does the work again in its place, and fails there as it would have.
            }
        }
        return item;
    }

    /// <summary>The reads ahead of <paramref name="stages"/> started for the prepared items.</summary>
    private static void ReadAhead(IEnumerable<IPipelineStage> stages, IReadOnlyList<IngestItem> prepared)
    {
        foreach (var stage in stages.OfType<IReadingAheadStage>()) stage.ReadAhead(prepared);
    }

    /// <summary>
    /// The items of a batch prepared before the relating stages opened (an import's first batches, prepared while a
    /// pipeline made by <see cref="Preparing"/> opens them) with those stages' work ahead done now, before their store,
    /// as <see cref="PrepareAsync"/> does it for the batches after: the link stage's sketches worked out on all cores,
    /// and the read ahead of its keys started. Without it those batches worked their sketches out on the copy transaction's
    /// serial path and read their keys in it.
    /// </summary>
    private static async Task<List<(int Index, IngestItem Item)>> PrepareRelatingAsync(IReadOnlyList<IPipelineStage> stages,
        List<(int Index, IngestItem Item)> ready, CancellationToken ct)
    {
        var relating = stages.Where(s => s is IRelatingStage).ToArray();
        var preparing = relating.OfType<IPreparingStage>().ToArray();
        var items = ready.ToArray();
        await Parallel.ForAsync(0, items.Length, AllCores(ct), (k, t) =>
        {
            items[k] = (items[k].Index, PrepareAhead(preparing, items[k].Item, t));
            return ValueTask.CompletedTask;
        });
        ReadAhead(relating, items.Select(r => r.Item).ToList());
        return [.. items];
    }

    /// <summary>
    /// The prepared batch through the store and the later stages in one transaction (see the type's remarks): the
    /// outcomes in the documents' order, each problem recorded in the item error log.
    /// </summary>
    public async Task<IReadOnlyList<IngestOutcome>> CommitAsync(PreparedBatch batch, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var stages = _stages;
        int store = StoreIndex(stages);
        var outcomes = (IngestOutcome?[])batch.Outcomes.Clone();
        var ready = await ReadyAsync(batch, stages, outcomes, ct);
        if (ready.Count > 0)
        {
            IReadOnlyList<(IngestItem? Next, IngestOutcome? Done)>? together = null;
            try
            {
                together = await _stores.Database.InOneTransactionAsync(t => RunTogetherAsync(stages, store, stages.Count, ready.Select(r => r.Item).ToList(), t), ct);
                _storeCommits.Add(ready.Select(r => r.Item.Sha256));
            }
            catch (Exception e) when (!IsCallerCancellation(e, ct))
            {
                // Nothing of the batch is stored; the stories stage's memory may hold what was rolled back.
                Interlocked.Increment(ref _batchesRunAlone);
                _stages = stages = await RebuildStagesAsync(ct);
            }
            for (int k = 0; k < ready.Count; k++)
            {
                var (index, item) = ready[k];
                if (together is not null) outcomes[index] = together[k].Done ?? Finished(together[k].Next!);
                else
                {
                    var (next, done) = await RunAsync(stages, item, store, stages.Count, strict: false, ct);
                    outcomes[index] = done ?? Finished(next!);
                    _storeCommits.Add([item.Sha256]);
                }
            }
        }
        return await RecordProblemsAsync(batch.Documents, outcomes, ct);
    }

    /// <summary>The outcomes with each rejection and failure recorded in the item error log.</summary>
    private async Task<IReadOnlyList<IngestOutcome>> RecordProblemsAsync(IReadOnlyList<IncomingDocument> documents, IngestOutcome?[] outcomes, CancellationToken ct)
    {
        for (int i = 0; i < outcomes.Length; i++)
        {
            if (outcomes[i]!.Status is IngestStatus.Rejected or IngestStatus.Failed)
                outcomes[i] = await RecordProblemAsync(outcomes[i]!, documents[i].SourceId, ct);
        }
        return outcomes!;
    }

    /// <summary>
    /// The prepared batch's items still to store, with their places; <paramref name="outcomes"/> gets those a commit
    /// since the preparation stored meanwhile (a batch prepared while the one before was written may hold a document
    /// that one stored: found now as it would have been then). A batch prepared before the relating stages opened gets
    /// their work ahead here (<see cref="PrepareRelatingAsync"/>).
    /// </summary>
    /// <remarks>
    /// Only the documents this pipeline's commits since the preparation offered to the store are looked up again
    /// (<see cref="StoreCommits"/>; only this pipeline's batch commits ever counted here). Another crawler can store one
    /// at any moment, and the archive's answer to a look-up here would be out of date by the store anyway: the store itself
    /// meets that race (documents' unique hash, inserted with <c>ON CONFLICT DO NOTHING</c>, which waits for the other
    /// writer's commit; the document's article then read in the same transaction), so its item is already present with
    /// the other's article, and no article is stored twice. A process killed before the commit stored none of the
    /// batch, as before.
    /// </remarks>
    private async Task<List<(int Index, IngestItem Item)>> ReadyAsync(PreparedBatch batch, IReadOnlyList<IPipelineStage> stages, IngestOutcome?[] outcomes,
        CancellationToken ct)
    {
        var ready = new List<(int Index, IngestItem Item)>(outcomes.Length);
        for (int i = 0; i < outcomes.Length; i++)
            if (batch.Items[i] is { } item) ready.Add((i, item));
        if (ready.Count == 0 || stages[0] is not KnownDocumentStage) return ready;
        var again = _storeCommits.OfferedSince(batch.Commits, ready.Select(r => r.Item.Sha256).Distinct(StringComparer.Ordinal).ToList());
        if (again.Count > 0 && await KnownAsync(again, ct) is { Count: > 0 } known)
        {
            foreach (var (index, item) in ready)
                if (known.TryGetValue(item.Sha256, out long id)) outcomes[index] = KnownDocumentStage.Outcome(item, id);
            ready.RemoveAll(r => outcomes[r.Index] is not null);
        }
        if (ready.Count > 0 && !batch.Relating && stages.Any(s => s is IRelatingStage)) ready = await PrepareRelatingAsync(stages, ready, ct);
        return ready;
    }

    /// <summary>
    /// Stages [<paramref name="from"/>, <paramref name="to"/>) inside the transaction: each run of batch stages for all
    /// the items still going at once, each run of other stages for one item after the other; each item as handed on or
    /// its outcome. Anything that throws fails the batch.
    /// </summary>
    private async Task<IReadOnlyList<(IngestItem? Next, IngestOutcome? Done)>> RunTogetherAsync(IReadOnlyList<IPipelineStage> stages, int from, int to,
        List<IngestItem> ready, CancellationToken ct)
    {
        var items = ready.Select(i => (IngestItem?)i).ToArray();
        var done = new IngestOutcome?[items.Length];
        for (int s = from; s < to;)
        {
            var going = Enumerable.Range(0, items.Length).Where(k => items[k] is not null).ToArray();
            if (stages[s] is IBatchStage batch)
            {
                if (going.Length > 0)
                {
                    var results = await batch.RunManyAsync(going.Select(k => items[k]!).ToList(), ct);
                    if (results.Count != going.Length) throw new InvalidOperationException($"the {batch.Stage.Code()} stage gave {results.Count} results for {going.Length} items");
                    for (int j = 0; j < going.Length; j++)
                    {
                        int k = going[j];
                        if (results[j].Done is { } stop) (done[k], items[k]) = (stop, null);
                        else items[k] = results[j].Next ?? throw new InvalidOperationException($"the {batch.Stage.Code()} stage gave neither an item nor an outcome");
                    }
                }
                s++;
                continue;
            }
            int end = s;
            while (end < to && stages[end] is not IBatchStage) end++;
            foreach (int k in going)
            {
                var (next, stop) = await RunAsync(stages, items[k]!, s, end, strict: true, ct);
                (done[k], items[k]) = (stop, next);
            }
            s = end;
        }
        return Enumerable.Range(0, items.Length).Select(k => (items[k], done[k])).ToList();
    }

    /// <summary>The stored documents among these hashes (one query), or null when the look-up fails: each item then looks itself up.</summary>
    private async Task<IReadOnlyDictionary<string, long>?> KnownAsync(IReadOnlyList<string> hashes, CancellationToken ct)
    {
        try
        {
            return await _stores.Articles.FindByDocumentHashesAsync(hashes, ct);
        }
        catch (Exception e) when (!IsCallerCancellation(e, ct))
        {
            return null;
        }
    }

    /// <summary>Where the store stage is: the stages before it need no transaction.</summary>
    private static int StoreIndex(IReadOnlyList<IPipelineStage> stages)
    {
        for (int i = 0; i < stages.Count; i++)
            if (stages[i] is StoreStage) return i;
        throw new InvalidOperationException("the pipeline has no store stage");
    }
}
