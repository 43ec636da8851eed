using Npgsql;
using NpgsqlTypes;
using static Icmal.Storage.PostgreSqlBatchCommands;

namespace Icmal.Storage;

/// <summary>
/// PostgreSQL's side of <see cref="KeyAhead"/>: a copy batch's keys' stored ids read ahead on a connection of their own
/// (<see cref="ReadAsync"/>), and, in the batch's transaction under the link lock, the check that they, and the lists
/// kept from earlier batches (<see cref="KeyCache"/>), are still what the look-up would read there (<see cref="CheckAsync"/>).
/// </summary>
internal static class PostgreSqlKeyAhead
{
    /// <summary>The key write count (<see cref="KeyWriteStep"/>) as an expression; <c>@w</c> is its setting's key.</summary>
    internal const string KeyWritesSql = "CAST(COALESCE((SELECT value FROM settings WHERE key = @w), '0') AS BIGINT)";

    /// <summary>
    /// The keys' lists: each of <c>@keys</c>' newest <c>@per</c> stored ids (one array a key), with the key write count
    /// in the same snapshot, so that the lists can be kept (<see cref="KeyCache"/>). One statement for the read ahead
    /// (<see cref="ReadAsync"/>) and the copy batch's look-up in its transaction (<see cref="PostgreSqlCopyBatch"/>),
    /// read before the batch's own keys are written: each arrival's look-up, as <see cref="SketchStore.CandidatesAsync"/>
    /// would make it after the arrivals before it, is then these merged with the batch's arrivals up to itself under the
    /// same key, counted (<see cref="BatchKeyLookup"/>). It was one look-up an arrival after the keys were written: at 1M
    /// the same key was read again for each arrival that has it (4,000 scans a batch of 250 for 3,300 keys), and the
    /// batch's own entries, the newest under their keys and not yet committed, were each checked in the table.
    /// </summary>
    internal const string ListsSql = $"""
        SELECT {KeyWritesSql}, key.v, ARRAY(SELECT article_id FROM article_sketch_keys WHERE sketch_key = key.v ORDER BY article_id DESC LIMIT @per)
        FROM unnest(@keys) AS key(v)
        """;

    /// <summary><see cref="ListsSql"/>'s parameters.</summary>
    internal static NpgsqlParameter[] ListsParameters(long[] keys, int perKey) =>
    [
        new NpgsqlParameter<string>("@w", NpgsqlDbType.Text) { TypedValue = KeyWriteStep.KeyWritesSetting },
        Array("@keys", NpgsqlDbType.Bigint, keys),
        new NpgsqlParameter<int>("@per", NpgsqlDbType.Integer) { TypedValue = perKey },
    ];

    /// <summary>
    /// Each key's newest <paramref name="perKey"/> stored ids, as the copy batch's look-up reads them, and the key write
    /// count, in one statement (one snapshot), on a pooled connection of its own, outside any transaction.
    /// </summary>
    internal static async Task<KeyLists?> ReadAsync(Database database, long[] keys, int perKey)
    {
        await Task.Yield(); // the caller is preparing a batch: the read goes on beside it
        await using var conn = (NpgsqlConnection)await database.ConnectOwnAsync(CancellationToken.None);
        await using var cmd = new NpgsqlCommand(ListsSql, conn);
        cmd.Parameters.AddRange(ListsParameters(keys, perKey));
        await using var r = await cmd.ExecuteReaderAsync(CancellationToken.None);
        long? count = null;
        var ids = new Dictionary<long, long[]>(keys.Length);
        while (await r.ReadAsync(CancellationToken.None))
        {
            count = r.GetInt64(0);
            ids[r.GetInt64(1)] = r.GetFieldValue<long[]>(2);
        }
        return new KeyLists(count ?? throw new InvalidOperationException("no keys were read ahead"), ids);
    }

    /// <summary>
    /// The batch's opening statements (<paramref name="opening"/>: the count's row lock, the link lock, the candidate
    /// cache's counter; their results read by <paramref name="readOpening"/>), then the key write count and the state of this
    /// process's own key writes since the kept lists' count and the read ahead's: the kept lists carried to the count
    /// (<see cref="KeyCache.Advance"/>, or forgotten), and of <paramref name="keys"/> those kept and those read ahead,
    /// merged with those writes (<see cref="KeyAhead.Merge"/>; none when another writer may have written keys in
    /// between), which are kept from then on, and how many were kept before. Keys in neither are left out: the caller reads them.
    /// </summary>
    /// <param name="before">The keys read ahead; null when none were.</param>
    internal static async Task<(long Now, Dictionary<long, long[]> Known, int Kept)> CheckAsync(NpgsqlConnection conn, KeyLists? before, KeyAhead ahead,
        IReadOnlyList<NpgsqlBatchCommand> opening, Func<NpgsqlDataReader, Task> readOpening, IReadOnlyCollection<long> keys, int perKey, CancellationToken ct)
    {
        long since = Math.Min(ahead.Cache.Count ?? long.MaxValue, before?.Count ?? long.MaxValue);
        var own = ahead.OwnAfter(since);
        await using var check = new NpgsqlBatch(conn);
        foreach (var command in opening) check.BatchCommands.Add(command);
        check.BatchCommands.Add(Command($"""
            SELECT {KeyWritesSql}, ARRAY(SELECT COALESCE(txid_status(x), '') = 'committed' FROM unnest(@x) WITH ORDINALITY AS t(x, n) ORDER BY n)
            """,
            new NpgsqlParameter<string>("@w", NpgsqlDbType.Text) { TypedValue = KeyWriteStep.KeyWritesSetting },
            Array("@x", NpgsqlDbType.Bigint, own.Select(w => w.Xid).ToArray())));
        await using var r = await check.ExecuteReaderAsync(ct);
        await readOpening(r);
        if (!await r.ReadAsync(ct)) throw new InvalidOperationException("the key write count did not come back");
        long now = r.GetInt64(0);
        bool[] committed = r.GetFieldValue<bool[]>(1);
        ahead.Cache.Advance(now, own, committed, perKey);
        var known = new Dictionary<long, long[]>(keys.Count);
        var unkept = new List<long>();
        foreach (long key in keys)
        {
            if (ahead.Cache.TryGet(key, out var ids)) known[key] = ids;
            else if (before?.Ids.ContainsKey(key) == true) unkept.Add(key);
        }
        int kept = known.Count;
        if (before is not null && unkept.Count > 0 && KeyAhead.Merge(before, now, own, committed, unkept, perKey) is { } merged)
        {
            foreach (var (key, ids) in merged)
            {
                known[key] = ids;
                ahead.Cache.Put(key, ids, now);
            }
        }
        return (now, known, kept);
    }
}
