using System.Globalization;
using System.Runtime.CompilerServices;
using Icmal.Extraction;
using Icmal.Model;
using Icmal.Import;

namespace Icmal.Ingest;

/// <summary>One outcome of an import, with how far through the files it is.</summary>
public sealed record ImportEvent(IngestOutcome Outcome, int FileNumber, int FileCount);

/// <summary>
/// Imports files and folders: HTML pages, plain-text page dumps and JSON article lists. Every file that cannot be
/// imported becomes one rejected outcome naming the file and the problem; the rest of the batch goes on.
/// </summary>
public sealed class Importer(IngestPipeline pipeline, ImportOptions options)
{
    /// <summary>
    /// An importer into a pipeline still opening (<see cref="IngestPipeline.Preparing"/>): <paramref name="opening"/>
    /// opens it (the catch-ups of what a stopped process left, the story stage's warm start) while the first batches
    /// are read and analysed; the first batch is stored once it is done, and an import ends only after it (its failure
    /// is the import's).
    /// </summary>
    internal Importer(IngestPipeline pipeline, Task opening, ImportOptions options) : this(pipeline, options) =>
        _opening = opening ?? throw new ArgumentNullException(nameof(opening));

    private readonly Task _opening = Task.CompletedTask;

    /// <summary>Expands the given paths into the files to import, in a stable order; bad paths are rejections.</summary>
    public static (IReadOnlyList<string> Files, IReadOnlyList<IngestOutcome> Rejections) Plan(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var files = new List<string>();
        var rejections = new List<IngestOutcome>();
        foreach (string path in paths)
        {
            if (Directory.Exists(path))
            {
                try
                {
                    var found = Directory.EnumerateFiles(path, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden })
                        .Where(f => DocumentFile.KindOf(f) is not null)
                        .Order(StringComparer.Ordinal);
                    files.AddRange(found);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    rejections.Add(IngestOutcome.Rejected(path, $"cannot read folder: {e.Message}"));
                }
            }
            else if (File.Exists(path))
            {
                if (DocumentFile.KindOf(path) is null)
                    rejections.Add(IngestOutcome.Rejected(path, $"unsupported file type '{Path.GetExtension(path)}' (expected .html, .htm, .txt or .json, optionally .gz)"));
                else files.Add(path);
            }
            else if (new FileInfo(path).LinkTarget is { } target)
            {
                rejections.Add(IngestOutcome.Rejected(path, $"cannot read: broken link to '{target}'"));
            }
            else
            {
                rejections.Add(IngestOutcome.Rejected(path, "no such file or folder"));
            }
        }
        return (files, rejections);
    }

    /// <summary>
    /// Imports the given paths, one outcome per file or list item, in order. Whatever one item throws (reading,
    /// splitting a list, any pipeline stage) becomes that item's outcome and goes to the item error log; the batch goes
    /// on. Only the caller's cancellation stops it. Items are stored <see cref="IngestPipeline.BatchSize"/> at a time,
    /// each batch in one transaction (<see cref="IngestPipeline.CommitAsync"/>), or, where the engine lets two write
    /// transactions overlap (<see cref="IngestPipeline.OverlapsCommits"/>), in three: its store, beside the batch
    /// before's links, then its own links and its own stories, each in a transaction of its own, at once
    /// (<see cref="IngestPipeline.StoreAsync"/>, <see cref="IngestPipeline.RelateAsync"/>). An outcome is given only
    /// once its batch is wholly committed, so an import killed and run again loses nothing it reported and stores
    /// nothing twice (what a kill between a batch's commits leaves unlinked or in no story, the next start relates).
    /// </summary>
    public async IAsyncEnumerable<ImportEvent> ImportAsync(IEnumerable<string> paths, [EnumeratorCancellation] CancellationToken ct)
    {
        var (files, rejections) = Plan(paths);
        int count = files.Count;
        foreach (var rejection in rejections) yield return new ImportEvent(await pipeline.RecordProblemAsync(rejection, null, ct), 0, count);

        // While one batch is written, the next ones are read and analysed (IngestPipeline.PrepareAsync) on the other
        // cores; where the engine allows it, one batch is stored while the one before is linked (IngestPipeline.StoreAsync).
        var batch = new List<(IncomingDocument Document, int FileNumber)>(IngestPipeline.BatchSize);
        var pending = new Queue<Pending>(PreparedAhead + 1);
        var relating = new Relating();
        try
        {
            for (int i = 0; i < files.Count; i++)
            {
                ct.ThrowIfCancellationRequested();
                string file = files[i];
                var pieces = DocumentFile.KindOf(file) == FileKind.JsonList ? ReadListAsync(file, ct) : ReadPageAsync(file, ct);
                await foreach (var (document, problem) in pieces)
                {
                    if (batch.Count == IngestPipeline.BatchSize)
                    {
                        // The full batch starts preparing; the oldest prepared batch is committed meanwhile.
                        pending.Enqueue(Start(batch, pending.LastOrDefault(), ct));
                        batch = new List<(IncomingDocument Document, int FileNumber)>(IngestPipeline.BatchSize);
                        if (pending.Count > PreparedAhead)
                            foreach (var e in await CommitAsync(pending.Dequeue(), relating, count, ct)) yield return e;
                    }
                    if (problem is not null)
                    {
                        // A problem waits for the items before it, so that the outcomes keep the files' order.
                        foreach (var e in await DrainAsync(pending, batch, relating, count, ct)) yield return e;
                        batch = new List<(IncomingDocument Document, int FileNumber)>(IngestPipeline.BatchSize);
                        yield return new ImportEvent(problem, i + 1, count);
                    }
                    else batch.Add((document!, i + 1));
                }
            }
            foreach (var e in await DrainAsync(pending, batch, relating, count, ct)) yield return e;
            await _opening; // an import with nothing to store still opens the pipeline, catch-ups and all
        }
        finally
        {
            // Left early (cancelled, or the caller stopped reading): the batches being prepared are only CPU work; wait
            // for them, and for the links of a stored batch (unreported: the next start's catch-up links what they did not).
            while (pending.TryDequeue(out var left)) await left.SettleAsync();
            await relating.SettleAsync();
            await SettleAsync(_opening);
        }
    }

    /// <summary>
    /// How many full batches are read and being analysed while the oldest is written. With one, the two cores were idle
    /// about a tenth of an import into a 1M PostgreSQL archive: once the next batch was prepared, the links' and the
    /// store's round trips waited on each other with nothing else to run. Each batch ahead holds its documents and
    /// analyses (a few MB for <see cref="IngestPipeline.BatchSize"/> articles).
    /// </summary>
    internal const int PreparedAhead = 2;

    /// <summary>Waits for a task whose failure is reported elsewhere, or nowhere (the import is leaving).</summary>
    private static async Task SettleAsync(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception)
        {
            // Left early already: the import's own exception, if any, is the one to report.
        }
    }

    /// <summary>A batch on its way: its items, and their preparation running on the thread pool.</summary>
    private sealed record Pending(List<(IncomingDocument Document, int FileNumber)> Batch, Task<IngestPipeline.PreparedBatch> Prepared)
    {
        public async Task SettleAsync()
        {
            try
            {
                await Prepared;
            }
            catch (Exception)
            {
                // Its failure is nobody's outcome: the batch was never committed nor reported.
            }
        }
    }

    /// <summary>
    /// A batch's preparation started on the thread pool, once the batch before it (<paramref name="after"/>, still being
    /// prepared) is: each preparation spreads its documents over every core already, so batches prepared one after the
    /// other come at the same rate, and the oldest, which the writes wait for, is ready first. Started together, the
    /// first batches of an import shared the cores, and the first write waited for all of them: PostgreSQL stood idle
    /// for the preparation of <see cref="PreparedAhead"/> + 1 batches instead of one.
    /// </summary>
    private Pending Start(List<(IncomingDocument Document, int FileNumber)> batch, Pending? after, CancellationToken ct)
    {
        var documents = batch.Select(b => b.Document).ToList();
        return new Pending(batch, Task.Run(async () =>
        {
            if (after is not null) await after.SettleAsync();
            return await pipeline.PrepareAsync(documents, ct);
        }, ct));
    }

    /// <summary>
    /// The batches being prepared committed in order, then the items gathered after them as one more batch: their events
    /// in order.
    /// </summary>
    private async Task<List<ImportEvent>> DrainAsync(Queue<Pending> pending, List<(IncomingDocument Document, int FileNumber)> batch, Relating relating,
        int count, CancellationToken ct)
    {
        var events = new List<ImportEvent>();
        while (pending.TryDequeue(out var next)) events.AddRange(await CommitAsync(next, relating, count, ct));
        if (batch.Count > 0) events.AddRange(await CommitAsync(Start(batch, null, ct), relating, count, ct));
        events.AddRange(await relating.TakeAsync(this, count, ct));
        return events;
    }

    /// <summary>
    /// The batch stored before, being linked and clustered (<see cref="IngestPipeline.RelateAsync"/>) while the next is
    /// stored: its events come once that is done, and the next batch's links start only then.
    /// </summary>
    private sealed class Relating
    {
        private (List<(IncomingDocument Document, int FileNumber)> Batch, Task<IReadOnlyList<IngestOutcome>> Outcomes)? _current;

        public void Start(List<(IncomingDocument Document, int FileNumber)> batch, Task<IReadOnlyList<IngestOutcome>> outcomes) =>
            _current = _current is null ? (batch, outcomes) : throw new InvalidOperationException("the batch before is still being linked");

        /// <summary>The events of the batch being related once it is (none when there is none).</summary>
        public async Task<IReadOnlyList<ImportEvent>> TakeAsync(Importer importer, int count, CancellationToken ct)
        {
            if (_current is not { } current) return [];
            _current = null;
            IReadOnlyList<IngestOutcome> outcomes;
            try
            {
                outcomes = await current.Outcomes;
            }
            catch (Exception e) when (!IngestPipeline.IsCallerCancellation(e, ct))
            {
                // The pipeline could not even be rebuilt: each item alone says what it comes to (already present once stored).
                outcomes = await importer.OneByOneAsync(current.Batch, ct);
            }
            return outcomes.Select((o, k) => new ImportEvent(o, current.Batch[k].FileNumber, count)).ToList();
        }

        public async Task SettleAsync()
        {
            if (_current is not { } current) return;
            _current = null;
            try
            {
                await current.Outcomes;
            }
            catch (Exception)
            {
                // Nobody's outcome: the import is leaving, and the next start's catch-up links what this did not.
            }
        }
    }

    /// <summary>
    /// A prepared batch committed: the events now complete, in order. Where the pipeline overlaps commits, those are the
    /// batch related before (after this one's store), and this one's links start; else this batch's own.
    /// </summary>
    private async Task<IReadOnlyList<ImportEvent>> CommitAsync(Pending pending, Relating relating, int count, CancellationToken ct)
    {
        await _opening; // nothing is stored before the pipeline's catch-ups are done (a completed task after the first batch)
        if (!pipeline.OverlapsCommits) return [.. await relating.TakeAsync(this, count, ct), .. await CommitAsync(pending, count, ct)];
        IngestPipeline.StoredBatch? stored = null;
        try
        {
            stored = await pipeline.StoreAsync(await pending.Prepared, ct);
        }
        catch (Exception e) when (!IngestPipeline.IsCallerCancellation(e, ct))
        {
            // Handled below, after the batch before, as CommitAsync(pending) would.
        }
        var before = await relating.TakeAsync(this, count, ct);
        if (stored is null) return [.. before, .. await AloneAsync(pending.Batch, count, ct)];
        relating.Start(pending.Batch, pipeline.RelateAsync(stored, ct)); // started before the next batch's store, which waits for it to commit
        return before;
    }

    /// <summary>Each item through the whole pipeline by itself: its events in order.</summary>
    private async Task<IReadOnlyList<ImportEvent>> AloneAsync(List<(IncomingDocument Document, int FileNumber)> batch, int count, CancellationToken ct) =>
        (await OneByOneAsync(batch, ct)).Select((o, k) => new ImportEvent(o, batch[k].FileNumber, count)).ToList();

    /// <summary>Each item through the whole pipeline by itself, when its batch could not be committed together: the outcomes in order.</summary>
    private async Task<IReadOnlyList<IngestOutcome>> OneByOneAsync(List<(IncomingDocument Document, int FileNumber)> batch, CancellationToken ct)
    {
        var outcomes = new List<IngestOutcome>(batch.Count);
        foreach (var (document, _) in batch) outcomes.Add(await IngestItemAsync(document, ct));
        return outcomes;
    }

    /// <summary>A prepared batch committed in one transaction: its events in order.</summary>
    private async Task<IReadOnlyList<ImportEvent>> CommitAsync(Pending pending, int count, CancellationToken ct)
    {
        var batch = pending.Batch;
        IReadOnlyList<IngestOutcome> outcomes;
        try
        {
            outcomes = await pipeline.CommitAsync(await pending.Prepared, ct);
        }
        catch (Exception e) when (!IngestPipeline.IsCallerCancellation(e, ct))
        {
            // The pipeline could not even be reopened after a failed batch: each item alone says what it comes to.
            outcomes = await OneByOneAsync(batch, ct);
        }
        return outcomes.Select((o, k) => new ImportEvent(o, batch[k].FileNumber, count)).ToList();
    }

    /// <summary>A page or text dump as one document to ingest, or the recorded problem that it can not be read.</summary>
    private async IAsyncEnumerable<(IncomingDocument? Document, IngestOutcome? Problem)> ReadPageAsync(string file, [EnumeratorCancellation] CancellationToken ct)
    {
        var (page, problem) = await OpenPageAsync(file, ct);
        yield return problem is not null ? (null, await pipeline.RecordProblemAsync(problem, null, ct)) : (page, null);
    }

    /// <summary>A page or text dump read whole (under the size cap), or the outcome saying why it cannot be.</summary>
    private async Task<(IncomingDocument? Page, IngestOutcome? Problem)> OpenPageAsync(string file, CancellationToken ct)
    {
        try
        {
            var (bytes, error) = await DocumentFile.ReadAsync(file, options.MaxFileBytes, ct);
            if (error is not null) return (null, IngestOutcome.Rejected(file, error, IngestStage.Read));
            return (new IncomingDocument(file, DocumentFile.PageFormat(file, bytes), bytes!, DateTimeOffset.UtcNow), null);
        }
        catch (Exception e) when (!IngestPipeline.IsCallerCancellation(e, ct))
        {
            return (null, IngestOutcome.Threw(file, IngestStage.Read, e, retryable: false));
        }
    }

    /// <summary>
    /// A JSON article list, read as a stream: one item in memory at a time, each item capped at
    /// <see cref="ImportOptions.MaxFileBytes"/>. An item that cannot be read is rejected by itself (origin "file#N");
    /// a list that breaks off, or whose reading throws, keeps what came before and is rejected at the break.
    /// </summary>
    private async IAsyncEnumerable<(IncomingDocument? Document, IngestOutcome? Problem)> ReadListAsync(string file, [EnumeratorCancellation] CancellationToken ct)
    {
        var (stream, error) = DocumentFile.OpenRead(file);
        if (stream is null)
        {
            yield return (null, await pipeline.RecordProblemAsync(IngestOutcome.Rejected(file, error!, IngestStage.Read), null, ct));
            yield break;
        }
        var archived = DateTimeOffset.UtcNow;
        await using (stream)
        {
            var entries = JsonListStream.ReadAsync(stream, options.MaxFileBytes, ct).GetAsyncEnumerator(ct);
            await using (entries)
            {
                while (true)
                {
                    IngestOutcome? broken = null;
                    try
                    {
                        if (!await entries.MoveNextAsync()) break;
                    }
                    catch (Exception e) when (!IngestPipeline.IsCallerCancellation(e, ct))
                    {
                        broken = IngestOutcome.Threw(file, IngestStage.Read, e, retryable: false);
                    }
                    if (broken is not null)
                    {
                        yield return (null, await pipeline.RecordProblemAsync(broken, null, ct));
                        yield break;
                    }
                    var entry = entries.Current;
                    string origin = string.Create(CultureInfo.InvariantCulture, $"{file}#{entry.Index + 1}");
                    yield return entry.Kind switch
                    {
                        JsonListEntryKind.Item => (new IncomingDocument(origin, DocumentFormat.JsonArticle, entry.Item, archived), null),
                        JsonListEntryKind.RejectedItem => (null, await pipeline.RecordProblemAsync(IngestOutcome.Rejected(origin, entry.Error!, IngestStage.Read), null, ct)),
                        _ => (null, await pipeline.RecordProblemAsync(IngestOutcome.Rejected(file, entry.Error!, IngestStage.Read), null, ct)),
                    };
                }
            }
        }
    }

    /// <summary>One item through the pipeline; an exception the pipeline did not turn into an outcome becomes one here.</summary>
    private async Task<IngestOutcome> IngestItemAsync(IncomingDocument document, CancellationToken ct)
    {
        try
        {
            return await pipeline.IngestAsync(document, ct);
        }
        catch (Exception e) when (!IngestPipeline.IsCallerCancellation(e, ct))
        {
            return await pipeline.RecordProblemAsync(IngestOutcome.Threw(document.Origin, IngestStage.Read, e, retryable: true), null, ct);
        }
    }
}
