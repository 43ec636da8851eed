using System.Data.Common;
using System.Globalization;
using Icmal.Model;

namespace Icmal.Storage;

/// <summary>One item (a page, a file, a list item) that was rejected or failed, at which stage and why.</summary>
/// <param name="Origin">The page's address, or the file path ("#n" for a list item).</param>
/// <param name="Stage">The pipeline stage the problem arose in, stored as its code (<see cref="IngestStageCodes"/>).</param>
public sealed record ItemError(long? SourceId, string Origin, IngestStage Stage, string Reason, DateTimeOffset At);

/// <summary>
/// The item error log: every page, file or list item that was rejected or failed, at which stage and why, so that an
/// operator can see what went wrong with which address while the rest of a poll or import went on.
/// </summary>
public sealed class ItemErrorStore(Database database)
{
    private const string Select = "SELECT source_id, origin, stage, reason, at FROM item_errors";
    private const string Insert = "INSERT INTO item_errors (source_id, origin, stage, reason, at) VALUES (@s, @o, @st, @r, @at)";

    private readonly SqlDialect _d = database.Dialect;

    /// <summary>Records one item that was rejected or failed (one row per occurrence, like the fetch log).</summary>
    public async Task RecordAsync(ItemError error, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(error);
        await using var conn = await database.ConnectAsync(ct);
        await Sql.ExecAsync(conn, null, Insert, ct,
            ("@s", error.SourceId), ("@o", error.Origin), ("@st", error.Stage.Code()), ("@r", error.Reason), ("@at", _d.Time(error.At)));
    }

    /// <summary>
    /// Records a stored article a stage's catch-up could not do (its search index, facts, category or copy links),
    /// under its address (else its document's origin, a file path; else "article N"), so that the article is seen at
    /// /admin/sources while the catch-up goes on without it and the archive still opens. The article stays stored.
    /// Each start tries it again: the same article, stage and reason recorded again replaces its entry, so the log says
    /// it once, at the latest try, rather than once for every start (a crawl run from cron opens the archive each time).
    /// </summary>
    /// <param name="work">What the catch-up was doing, for the reason: "indexing it for search".</param>
    /// <param name="remedy">What does it again once the cause is mended: "`icmal reindex` indexes it again".</param>
    public async Task RecordArticleAsync(long articleId, IngestStage stage, string work, Exception problem, string remedy, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(problem);
        // Parallel work wraps what one article threw; the operator wants that, not "one or more errors occurred".
        if (problem is AggregateException { InnerExceptions.Count: 1 } wrapped) problem = wrapped.InnerExceptions[0];
        await using var conn = await database.ConnectAsync(ct);
        string origin = await Sql.ScalarAsync(conn, null,
                "SELECT COALESCE(a.url, d.origin) FROM articles a JOIN documents d ON d.id = a.document_id WHERE a.id = @id", ct, ("@id", articleId)) as string
            ?? string.Create(CultureInfo.InvariantCulture, $"article {articleId}");
        // One line: some messages add lines ("Actual value was ...").
        string message = string.Join(' ', problem.Message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        string reason = string.Create(CultureInfo.InvariantCulture,
            $"stored article {articleId}: {work} failed: {problem.GetType().Name}: {message}; it stays stored, and {remedy}");
        await using var tx = await conn.BeginTransactionAsync(ct);
        await Sql.ExecAsync(conn, tx, "DELETE FROM item_errors WHERE source_id IS NULL AND origin = @o AND stage = @st AND reason = @r", ct,
            ("@o", origin), ("@st", stage.Code()), ("@r", reason));
        await Sql.ExecAsync(conn, tx, Insert, ct,
            ("@s", null), ("@o", origin), ("@st", stage.Code()), ("@r", reason), ("@at", _d.Time(DateTimeOffset.UtcNow)));
        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// True when what a catch-up threw on one article is that article's own (a row it cannot read or analyse), so the
    /// catch-up records it (<see cref="RecordArticleAsync"/>) and goes on; false for the caller asking to stop and for
    /// the database failing (busy, gone, a conflict with another process), which end the catch-up for the next start to
    /// run again: an article must not be passed over for them. PostgreSQL's data exceptions (class 22, such as a NUL
    /// in a text) are the row's.
    /// </summary>
    public bool IsArticleFault(Exception e, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e is AggregateException { InnerExceptions.Count: 1 } wrapped) e = wrapped.InnerExceptions[0];
        return e switch
        {
            OperationCanceledException when ct.IsCancellationRequested => false,
            DbException db => _d.RefusedTheData(db),
            _ => true,
        };
    }

    /// <summary>The latest item errors, newest first: of one source, or (null) of items without a source (imports).</summary>
    public async Task<IReadOnlyList<ItemError>> ListAsync(long? sourceId, int limit, CancellationToken ct)
    {
        await using var conn = await database.ConnectAsync(ct);
        return sourceId is null
            ? Known(await Sql.ListAsync(conn, Select + " WHERE source_id IS NULL ORDER BY at DESC, id DESC LIMIT @n", ReadOrNull, ct, ("@n", limit)))
            : Known(await Sql.ListAsync(conn, Select + " WHERE source_id = @s ORDER BY at DESC, id DESC LIMIT @n", ReadOrNull, ct, ("@s", sourceId), ("@n", limit)));
    }

    /// <summary>The latest <paramref name="perSource"/> errors of every source, newest first, in one query.</summary>
    public async Task<IReadOnlyDictionary<long, IReadOnlyList<ItemError>>> ListRecentBySourceAsync(int perSource, CancellationToken ct)
    {
        await using var conn = await database.ConnectAsync(ct);
        var rows = await Sql.ListAsync(conn, """
            SELECT source_id, origin, stage, reason, at FROM (
                SELECT source_id, origin, stage, reason, at, id,
                    ROW_NUMBER() OVER (PARTITION BY source_id ORDER BY at DESC, id DESC) AS n
                FROM item_errors WHERE source_id IS NOT NULL) ranked
            WHERE n <= @n ORDER BY source_id, at DESC, id DESC
            """, ReadOrNull, ct, ("@n", perSource));
        return Known(rows).GroupBy(e => e.SourceId!.Value).ToDictionary(g => g.Key, g => (IReadOnlyList<ItemError>)g.ToList());
    }

    /// <summary>
    /// Deletes the errors recorded before a time (they are kept as long as the fetch log), and those whose time another
    /// tool wrote as what SQL can not compare (<see cref="SqlDialect.Uncomparable"/>), which stayed for good.
    /// </summary>
    public async Task PruneAsync(DateTimeOffset before, CancellationToken ct)
    {
        await using var conn = await database.ConnectAsync(ct);
        await Sql.ExecAsync(conn, null, $"DELETE FROM item_errors WHERE at < @t OR {_d.Uncomparable("at")}", ct, ("@t", _d.Time(before)));
    }

    /// <summary>
    /// An entry, or null where its time holds text another tool wrote into SQLite's file: the lists leave it out rather
    /// than failing /admin/sources, and the next prune deletes it with the old ones (<see cref="PruneAsync"/>).
    /// </summary>
    private ItemError? ReadOrNull(System.Data.Common.DbDataReader r) =>
        _d.ReadTimeOrUnknown(r, 4) is { } at ? new(r.Int64OrNull(0), r.GetString(1), StageOf(r.GetString(2)), r.GetString(3), at) : null;

    private static List<ItemError> Known(List<ItemError?> rows) => rows.OfType<ItemError>().ToList();

    /// <summary>Only İcmal writes these codes; one it does not know (a newer version's stage) is shown as the read stage.</summary>
    private static IngestStage StageOf(string code) => IngestStageCodes.Parse(code) ?? IngestStage.Read;
}
