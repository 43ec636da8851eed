using Icmal.Ingest.Stages;
using Icmal.Model;

namespace Icmal.Ingest;

/// <summary>
/// A batch committed in several transactions, so that an import stores one batch while the one before is related: the
/// store transaction (<see cref="StoreAsync"/>: the store stage and the stages that complete the article, its entities,
/// facts and category) and one relate transaction for each relating stage (<see cref="RelateAsync"/>: the copy links,
/// the stories, <see cref="IRelatingStage"/>).
/// </summary>
/// <remarks>
/// <para>On one connection the commit chain of a batch is serial: İcmal's CPU and the server's round trips take turns.
/// Where the engine lets write transactions of a process overlap (<see cref="Storage.SqlDialect.OverlapsWriteTransactions"/>:
/// PostgreSQL), batch N+1's store transaction runs beside batch N's relate transactions
/// (<see cref="Storage.Database.InOneTransactionBesideAsync{T}"/>), and batch N's stories beside its copy links
/// (<see cref="Storage.Database.InOneTransactionOnLaneAsync{T}"/>): the two stages read nothing the other writes (links:
/// sketches, keys, copy rows and the articles' own fields; stories: the stories and the articles' story columns), and
/// each takes its own archive lock. Each relating stage's transactions still run strictly in batch order, each after
/// the one before committed, so copy detection and the stories stage (which keeps state in memory) see what they saw
/// with one transaction a batch. The store of batch N+1 commits only once batch N is linked: the copy detector's
/// same-text look-up reads the articles table (<see cref="IRelatingStage.ReadsUnrelatedArticles"/>), and must not see
/// the next batch's articles. The stories read only articles already in a story, so the store does not wait for them.
/// Batch N+1's store writes only its own new rows, so nothing batch N's relate transactions do waits on it. So the copy
/// links and stories are the same, and batch N+1's store depends on nothing batch N's relate transactions write.</para>
/// <para>A document's outcome is given only after all of its batch's commits. A process killed between them leaves
/// complete, searchable articles that are not yet linked or clustered; the copy detector's and the story stage's
/// catch-up (<see cref="Linking.CopyDetector.OpenAsync"/>, <see cref="Clustering.StoryStage.OpenAsync"/>) relates them
/// at the next start. A relate transaction that fails leaves the store and the other stage's commit standing, and
/// relates the batch by that stage's catch-up at once (the stage is rebuilt alone, as after any rolled back batch); a
/// store transaction that fails runs its documents one by one, as <see cref="CommitAsync"/> does.</para>
/// <para>Crawlers keep <see cref="CommitAsync"/>, one transaction a batch: several of them on one PostgreSQL take the
/// archive's locks for the links and the stories (in that order), and a crawler's batch is one poll's few pages.</para>
/// </remarks>
public sealed partial class IngestPipeline
{
    /// <summary>
    /// Whether a batch is worth committing in several transactions (<see cref="StoreAsync"/>, then <see cref="RelateAsync"/>)
    /// so that the next batch's store overlaps this one's links and stories: the engine runs write transactions at once,
    /// and the pipeline's relating stages come last.
    /// </summary>
    public bool OverlapsCommits => _stores.Database.Dialect.OverlapsWriteTransactions && RelateIndex(_stages) is not null;

    /// <summary>A batch whose articles are stored and committed, waiting for its links and stories (<see cref="RelateAsync"/>).</summary>
    public sealed class StoredBatch
    {
        internal StoredBatch(IReadOnlyList<IncomingDocument> documents, IngestOutcome?[] outcomes, IngestItem?[] items, long[] rebuilds)
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

        /// <summary>Each relating stage's <see cref="RelateLane.Rebuilds"/> when the store began, by the stage's place (0 for the others).</summary>
        internal long[] Rebuilds { get; }
    }

    /// <summary>
    /// One relating stage's transactions of an import (<see cref="RelateAsync"/>): batch after batch, each after the one
    /// before committed (or was caught up), beside the other stages' and the next batch's store.
    /// </summary>
    private sealed class RelateLane
    {
        /// <summary>The stage's transaction last started, with its fallback: the next batch's waits for it.</summary>
        public Task Last { get; set; } = Task.CompletedTask;

        /// <summary>
        /// Odd while the stage is rebuilt, and counts its rebuilds: a batch stored while one ran, or before one that
        /// followed, may have been related by its catch-up (then the catch-up relates it, not a transaction).
        /// </summary>
        public long Rebuilds => Interlocked.Read(ref _rebuilds);

        private long _rebuilds;

        public void BeginRebuild() => Interlocked.Increment(ref _rebuilds);

        public void EndRebuild() => Interlocked.Increment(ref _rebuilds);

        /// <summary>True after a rebuild failed: the stage in use may remember what a rolled back batch held.</summary>
        public bool Stale
        {
            get => Volatile.Read(ref _stale);
            set => Volatile.Write(ref _stale, value);
        }

        private bool _stale;

        /// <summary>
        /// One transaction of this stage at a time beside the others (<see cref="Storage.Database.InOneTransactionOnLaneAsync{T}"/>);
        /// the first relating stage's run as the process's one writer (<see cref="Storage.Database.InOneTransactionAsync{T}"/>).
        /// </summary>
        public SemaphoreSlim Writer { get; } = new(1, 1);
    }

    /// <summary>
    /// Each stage's lane, by its place in <see cref="_stages"/>; null for a stage that does not relate. Set with the
    /// stages, and again when a pipeline made by <see cref="Preparing"/> opens its relating stages (nothing was stored
    /// before, so no lane was in use).
    /// </summary>
    private RelateLane?[] _lanes;

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
        long[] rebuilds = _lanes.Select(l => l?.Rebuilds ?? 0).ToArray();
        bool beside = _stores.Database.Dialect.OverlapsWriteTransactions;
        // The relate transactions of the batch before that must not see this batch's articles; with one writer, all of them.
        var before = Task.WhenAll(Enumerable.Range(relate, stages.Count - relate)
            .Where(s => !beside || ((IRelatingStage)stages[s]).ReadsUnrelatedArticles)
            .Select(s => _lanes[s]!.Last));
        var outcomes = (IngestOutcome?[])batch.Outcomes.Clone();
        var items = new IngestItem?[outcomes.Length];
        var ready = await ReadyAsync(batch, stages, outcomes, ct);
        if (ready.Count > 0)
        {
            IReadOnlyList<(IngestItem? Next, IngestOutcome? Done)>? together = null;
            // One writer: the batch before's links and stories first (they hold it), then this store.
            if (!beside) await before.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            try
            {
                together = await _stores.Database.InOneTransactionBesideAsync(async t =>
                {
                    var stored = await RunTogetherAsync(stages, store, relate, ready.Select(r => r.Item).ToList(), t);
                    // Committed only once the batch before is linked: it must not see these articles (its same-text look-up
                    // reads the articles table). Nothing there waits on this transaction's rows: it writes none of them.
                    await before.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                    return stored;
                }, ct);
                _storeCommits.Add(ready.Select(r => r.Item.Sha256));
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
                if (together is null) _storeCommits.Add([item.Sha256]);
                (items[index], outcomes[index]) = (next, done);
            }
        }
        return new StoredBatch(batch.Documents, outcomes, items, rebuilds);
    }

    /// <summary>
    /// The stored batch's copy links and stories, each stage in a transaction of its own, at once, each after the
    /// stage's transaction of the batch stored before: the outcomes in the documents' order, once all committed, each
    /// problem recorded in the item error log (see the type's remarks).
    /// </summary>
    /// <remarks>Start it before the next batch's <see cref="StoreAsync"/>: that store commits only after this batch's links.</remarks>
    public Task<IReadOnlyList<IngestOutcome>> RelateAsync(StoredBatch batch, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var ready = Enumerable.Range(0, batch.Outcomes.Length).Where(i => batch.Items[i] is not null).ToList();
        var lanes = new List<Task<Related>>();
        if (ready.Count > 0)
        {
            var stages = _stages;
            int relate = RelateIndex(stages) ?? throw new InvalidOperationException("the pipeline's relating stages do not come last");
            var items = ready.Select(i => batch.Items[i]!).ToList();
            // Each lane's last transaction is set before this returns: the next batch's store waits for this one's.
            for (int s = relate; s < stages.Count; s++)
            {
                var lane = _lanes[s]!;
                var run = RelateStageAsync(s, lane, lane.Last, batch.Rebuilds[s], s == relate, items, ct);
                lane.Last = run;
                lanes.Add(run);
            }
        }
        return OutcomesAsync(batch, ready, lanes, ct);
    }

    /// <summary>
    /// The relating stage at <paramref name="index"/> on the stored items, in its own transaction after the stage's
    /// transaction of the batch before (<paramref name="before"/>): the items as handed on, or, when it could not commit,
    /// null and what its catch-up could not do (null when it related them).
    /// </summary>
    private async Task<Related> RelateStageAsync(int index, RelateLane lane,
        Task before, long rebuilds, bool first, List<IngestItem> items, CancellationToken ct)
    {
        await before.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        // A rebuild's catch-up since the store began may have related some of the batch already: the catch-up relates the rest.
        if (rebuilds % 2 == 0 && rebuilds == lane.Rebuilds && !lane.Stale)
        {
            var stages = _stages;
            try
            {
                Task<IReadOnlyList<(IngestItem? Next, IngestOutcome? Done)>> Work(CancellationToken t) => RunTogetherAsync(stages, index, index + 1, items, t);
                return new Related(stages[index].Stage, first ? await _stores.Database.InOneTransactionAsync(Work, ct) : await _stores.Database.InOneTransactionOnLaneAsync(Work, lane.Writer, ct),
                    null, NoneOver);
            }
            catch (Exception e) when (!IsCallerCancellation(e, ct))
            {
                // The articles stay stored, and the other stages' commits stand; the rebuilt stage's catch-up relates them.
                Interlocked.Increment(ref _batchesRunAlone);
            }
        }
        return await CatchUpAsync(index, ct);
    }

    /// <summary>
    /// What a relating stage (<paramref name="Stage"/>) did with a stored batch: the items as handed on when its transaction committed; else what
    /// its catch-up could not do, for the whole batch (<paramref name="Problem"/>: it did not run) or for the articles it
    /// passed over (<paramref name="PassedOver"/>, each told <paramref name="PassedOverProblem"/>; already in the item error log
    /// when <paramref name="PassedOverRecorded"/>).
    /// </summary>
    private sealed record Related(IngestStage Stage, IReadOnlyList<(IngestItem? Next, IngestOutcome? Done)>? Together, string? Problem,
        IReadOnlySet<long> PassedOver, string? PassedOverProblem = null, bool PassedOverRecorded = false)
    {
        /// <summary>What the catch-up could not do for the stored article <paramref name="articleId"/>: null when it related it.</summary>
        public string? ProblemOf(long? articleId) =>
            Problem ?? (articleId is { } id && PassedOver.Contains(id) ? PassedOverProblem : null);
    }

    /// <summary>The batch's outcomes once every relating stage committed it or caught it up.</summary>
    private async Task<IReadOnlyList<IngestOutcome>> OutcomesAsync(StoredBatch batch, List<int> ready,
        List<Task<Related>> lanes, CancellationToken ct)
    {
        var outcomes = (IngestOutcome?[])batch.Outcomes.Clone();
        var related = await Task.WhenAll(lanes);
        for (int k = 0; k < ready.Count; k++)
        {
            int i = ready[k];
            // The relating stages hand each item on as they got it (IRelatingStage): the stored item, with any problem noted.
            var item = batch.Items[i]!;
            IngestOutcome? done = null;
            string? problem = null;
            IngestStage? unrecorded = null;
            foreach (var r in related)
            {
                if (r.Together is not null) done ??= r.Together[k].Done;
                else if (r.ProblemOf(item.ArticleId) is { } lost)
                {
                    problem = problem is null ? lost : $"{problem}; {lost}";
                    // The copy links' catch-up recorded why it passed over the article; the rest is recorded here.
                    if (r.Problem is not null || !r.PassedOverRecorded) unrecorded ??= r.Stage;
                }
            }
            var finished = problem is null ? Finished(item) : Finished(item.WithNote(problem));
            outcomes[i] = done ?? (unrecorded is { } stage
                ? (await RecordProblemAsync(finished with { Stage = stage }, batch.Documents[i].SourceId, ct)) with { Stage = null }
                : finished);
        }
        return await RecordProblemsAsync(batch.Documents, outcomes, ct);
    }

    private static readonly IReadOnlySet<long> NoneOver = new HashSet<long>();

    /// <summary>
    /// The relating stage at <paramref name="index"/> rebuilt, which relates every stored article it has not: what it
    /// could not do, for all of them (the articles stay stored and the next start tries again) or for the articles its
    /// catch-up passed over (<see cref="IRelatingStage.PassedOver"/>; the copy links' catch-up records each in the item
    /// error log itself).
    /// </summary>
    private async Task<Related> CatchUpAsync(int index, CancellationToken ct)
    {
        string not = _stages[index] is ClusterStage ? "put into a story" : "linked to its copies";
        try
        {
            await RebuildStageAsync(index, ct);
            var passedOver = ((IRelatingStage)_stages[index]).PassedOver;
            return new Related(_stages[index].Stage, null, null, passedOver,
                $"stored, but not yet {not}: the catch-up after its batch's transaction failed passed over it; the next start tries again",
                PassedOverRecorded: _stages[index] is LinkStage);
        }
        catch (Exception e) when (!IsCallerCancellation(e, ct))
        {
            return new Related(_stages[index].Stage, null, $"stored, but not yet {not} ({e.GetType().Name}: {e.Message}); the next start does it", NoneOver);
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
