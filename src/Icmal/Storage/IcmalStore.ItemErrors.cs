using Icmal.Model;

namespace Icmal.Storage;

/// <summary>One item (a page, a file, a list item) that was rejected or failed, at which stage and why.</summary>
/// <param name="Origin">The page's address, or the file path ("#n" for a list item).</param>
/// <param name="Stage">The pipeline stage the problem arose in, stored as its code (<see cref="IngestStageCodes"/>).</param>
public sealed record ItemError(long? SourceId, string Origin, IngestStage Stage, string Reason, DateTimeOffset At);

/// <summary>
/// The item error log: every page, file or list item that was rejected or failed, at which stage and why, so that
/// /admin/sources can say what went wrong with which address while the rest of a poll or import went on.
/// </summary>
public sealed partial class IcmalStore
{
    /// <summary>How many of a source's latest item errors /admin/sources shows.</summary>
    public const int RecentItemErrorsShown = 10;

    /// <summary>Records one item that was rejected or failed (one row per occurrence, like the fetch log).</summary>
    public async Task RecordItemErrorAsync(ItemError error, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(error);
        await using var conn = await OpenAsync(ct);
        await ExecAsync(conn, null, "INSERT INTO item_errors (source_id, origin, stage, reason, at) VALUES (@s, @o, @st, @r, @at)", ct,
            ("@s", error.SourceId), ("@o", error.Origin), ("@st", error.Stage.Code()), ("@r", error.Reason), ("@at", Iso(error.At)));
    }

    /// <summary>The latest item errors, newest first: of one source, or (null) of items without a source (imports).</summary>
    public async Task<IReadOnlyList<ItemError>> ListItemErrorsAsync(long? sourceId, int limit, CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        await using var cmd = sourceId is null
            ? Command(conn, null, "SELECT source_id, origin, stage, reason, at FROM item_errors WHERE source_id IS NULL ORDER BY at DESC, id DESC LIMIT @n",
                ("@n", limit))
            : Command(conn, null, "SELECT source_id, origin, stage, reason, at FROM item_errors WHERE source_id = @s ORDER BY at DESC, id DESC LIMIT @n",
                ("@s", sourceId), ("@n", limit));
        var list = new List<ItemError>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            list.Add(new ItemError(r.IsDBNull(0) ? null : r.GetInt64(0), r.GetString(1), ReadStage(r.GetString(2)), r.GetString(3), ParseIso(r, 4) ?? DateTimeOffset.UnixEpoch));
        return list;
    }

    /// <summary>Only İcmal writes these codes; one it does not know (a newer version's stage) is shown as the read stage.</summary>
    private static IngestStage ReadStage(string code) => IngestStageCodes.Parse(code) ?? IngestStage.Read;
}
