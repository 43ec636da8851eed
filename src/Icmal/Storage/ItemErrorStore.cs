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

    private readonly SqlDialect _d = database.Dialect;

    /// <summary>Records one item that was rejected or failed (one row per occurrence, like the fetch log).</summary>
    public async Task RecordAsync(ItemError error, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(error);
        await using var conn = await database.ConnectAsync(ct);
        await Sql.ExecAsync(conn, null, "INSERT INTO item_errors (source_id, origin, stage, reason, at) VALUES (@s, @o, @st, @r, @at)", ct,
            ("@s", error.SourceId), ("@o", error.Origin), ("@st", error.Stage.Code()), ("@r", error.Reason), ("@at", _d.Time(error.At)));
    }

    /// <summary>The latest item errors, newest first: of one source, or (null) of items without a source (imports).</summary>
    public async Task<IReadOnlyList<ItemError>> ListAsync(long? sourceId, int limit, CancellationToken ct)
    {
        await using var conn = await database.ConnectAsync(ct);
        return sourceId is null
            ? await Sql.ListAsync(conn, Select + " WHERE source_id IS NULL ORDER BY at DESC, id DESC LIMIT @n", Read, ct, ("@n", limit))
            : await Sql.ListAsync(conn, Select + " WHERE source_id = @s ORDER BY at DESC, id DESC LIMIT @n", Read, ct, ("@s", sourceId), ("@n", limit));
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
            """, Read, ct, ("@n", perSource));
        return rows.GroupBy(e => e.SourceId!.Value).ToDictionary(g => g.Key, g => (IReadOnlyList<ItemError>)g.ToList());
    }

    /// <summary>Deletes the errors recorded before a time (they are kept as long as the fetch log).</summary>
    public async Task PruneAsync(DateTimeOffset before, CancellationToken ct)
    {
        await using var conn = await database.ConnectAsync(ct);
        await Sql.ExecAsync(conn, null, "DELETE FROM item_errors WHERE at < @t", ct, ("@t", _d.Time(before)));
    }

    private ItemError Read(System.Data.Common.DbDataReader r) =>
        new(r.Int64OrNull(0), r.GetString(1), StageOf(r.GetString(2)), r.GetString(3), _d.ReadTime(r, 4));

    /// <summary>Only İcmal writes these codes; one it does not know (a newer version's stage) is shown as the read stage.</summary>
    private static IngestStage StageOf(string code) => IngestStageCodes.Parse(code) ?? IngestStage.Read;
}
