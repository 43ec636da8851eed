using System.Buffers.Binary;
using System.Data.Common;
using Icmal.Model;
using Icmal.Text.Similarity;

namespace Icmal.Storage;

/// <summary>A stored article as copy detection sees it: its sketch and what the linking rule reads.</summary>
/// <param name="SortAt">Its plausible publication time, else its archive time: what "earliest" means for a reader.</param>
/// <param name="Credit">The original its credit line names, if any.</param>
/// <param name="OriginalId">The original it is stored as a copy of; null when it is none's copy.</param>
/// <param name="HasCreditedCopies">Whether copies crediting its site are linked to it: then it is the original by the
/// copies' own word, and no article found later takes that from it by being older.</param>
public sealed record SketchedArticle(long ArticleId, TextSketch Sketch, string? Site, string? Url, DateTimeOffset SortAt, SourceCredit? Credit,
    string TextSha256, long? OriginalId = null, bool HasCreditedCopies = false);

/// <summary>
/// Articles' similarity sketches (issue #16) and their lookup keys: one row of 256 bytes per article and
/// <see cref="TextSketch.KeyCount"/> key rows, so an arrival's candidates are found by its keys, not by a scan.
/// </summary>
public sealed class SketchStore(Database database)
{
    /// <summary>
    /// The newest articles read under each key. A key shared by more articles is a stock phrase (a ministry's
    /// standard sentence), not a sign of a copy; reading all of them would make each arrival cost more as the archive
    /// grows. A real copy shares several keys, so it is still found under the others: an older article is a candidate
    /// when at least two of the keys it shares with the arrival hold it among their newest this many (the arrival's
    /// own entry counted). Not lowered: at 1M, 100 a key saved about a tenth of an import's CPU (1 s of server and
    /// 1.5 s of İcmal's per 10,000) but changed a fifth of the copy links. The look-up's buffers fell only 17 %
    /// because each key's index descent, not its entries, is most of it (docs/benchmarks.md "keycap").
    /// </summary>
    public const int MaxPerKey = 200;

    private readonly SqlDialect _d = database.Dialect;

    /// <summary>Candidates' sketches and fields kept from one copy batch to the next (PostgreSQL; <see cref="CandidateCache"/>).</summary>
    internal CandidateCache Candidates { get; } = new();

    /// <summary>Copy batches' keys' ids read ahead, and this process's key writes since (PostgreSQL; <see cref="KeyAhead"/>).</summary>
    internal KeyAhead Ahead { get; } = new();

    private static readonly string CandidateSql = BuildCandidateSql();

    private static readonly string Columns = $"""
        s.article_id, s.shingles, s.sketch, a.site, a.url, a.sort_at, a.original_name, a.original_url, a.text_sha256, c.original_id,
        CASE WHEN EXISTS (SELECT 1 FROM article_copies k WHERE k.original_id = s.article_id AND k.evidence = '{CopyLink.Code(CopyEvidence.Credited)}') THEN 1 ELSE 0 END
        """;

    /// <summary>Stores an article's sketch and keys, replacing an earlier one, in one transaction.</summary>
    public async Task AddAsync(long articleId, TextSketch sketch, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(sketch);
        // PostgreSQL: one batch of three statements (BatchWriters), in the shared transaction or in this one.
        if (_d.Batches.AddSketch(database, null, null, articleId, sketch, ct) is { } inShared)
        {
            await inShared;
            return;
        }
        await using var conn = await database.ConnectAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (_d.Batches.AddSketch(database, conn, tx, articleId, sketch, ct) is { } batched)
        {
            await batched;
            await tx.CommitAsync(ct);
            return;
        }
        await Sql.ExecAsync(conn, tx, $"DELETE FROM article_sketch_keys WHERE article_id = @a AND {_d.InList("sketch_key", "@keys")}", ct,
            ("@a", articleId), ("@keys", _d.ListValue(await StoredKeysAsync(conn, tx, articleId, ct))));
        await Sql.ExecAsync(conn, tx,
            _d.Upsert("article_sketches", ["article_id", "shingles", "sketch"], ["article_id"], "shingles = excluded.shingles, sketch = excluded.sketch"),
            ct, ("@article_id", articleId), ("@shingles", sketch.Shingles), ("@sketch", sketch.ToBytes()));
        // The keys in one statement (a round trip each was most of a stored article's statements on PostgreSQL).
        await Sql.ExecAsync(conn, tx,
            $"INSERT INTO article_sketch_keys (sketch_key, article_id) SELECT value, @a FROM {_d.ListRows("@keys")} WHERE true ON CONFLICT (sketch_key, article_id) DO NOTHING",
            ct, ("@a", articleId), ("@keys", _d.ListValue(sketch.Keys.ToArray().Select(k => (long)k).ToArray())));
        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// The stored articles that may resemble <paramref name="sketch"/>: those sharing the most of its keys (at most
    /// <paramref name="limit"/>, read at most <see cref="MaxPerKey"/> a key), and every stored article with exactly
    /// the same text (<paramref name="textSha256"/>), whatever its keys; never <paramref name="articleId"/> itself.
    /// </summary>
    public async Task<IReadOnlyList<SketchedArticle>> CandidatesAsync(long articleId, TextSketch sketch, string textSha256, int limit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(sketch);
        uint[] keys = sketch.Keys.ToArray();
        await using var conn = await database.ConnectAsync(ct);
        // The articles sharing keys and those with the same text in one statement (one round trip, not two): the
        // latter marked by a count of -1.
        // PostgreSQL: its own statement over the keys' array (BatchWriters, PostgreSqlSketchBatch).
        IReadOnlyList<(long Id, long Shared)> ids;
        if (_d.Batches.FindCandidates(conn, articleId, keys, textSha256, MaxPerKey, limit, ct) is { } found)
        {
            ids = await found;
        }
        else
        {
            var parameters = new List<(string, object?)> { ("@self", articleId), ("@per", MaxPerKey), ("@n", limit) };
            for (int i = 0; i < TextSketch.KeyCount; i++) parameters.Add(($"@k{i}", i < keys.Length ? (long)keys[i] : null));
            parameters.Add(("@h", textSha256));
            ids = await Sql.ListAsync(conn, CandidateSql, r => (Id: r.GetInt64(0), Shared: r.GetInt64(1)), ct, [.. parameters]);
        }
        var chosen = Choose(ids, keys.Length);
        if (chosen.Count == 0) return [];
        return (await Sql.ListAsync(conn, $"""
            SELECT {Columns}
            FROM article_sketches s JOIN articles a ON a.id = s.article_id LEFT JOIN article_copies c ON c.article_id = s.article_id
            WHERE {_d.InList("s.article_id", "@ids")}
            """, ReadOrNull, ct, ("@ids", _d.ListValue(chosen)))).OfType<SketchedArticle>().ToList();
    }

    /// <summary>
    /// Which of the look-up's rows (an article and the keys it shares, -1 for the same text) are candidates: those
    /// sharing at least two keys, and every one with the same text. A text shorter than a few shingles shares its one or
    /// two keys with anything that has them: it needs all.
    /// </summary>
    internal static HashSet<long> Choose(IEnumerable<(long Id, long Shared)> found, int keyCount)
    {
        int minShared = MinShared(keyCount);
        return found.Where(c => c.Shared >= minShared || c.Shared == -1).Select(c => c.Id).ToHashSet();
    }

    /// <summary>The fewest keys a candidate shares with an arrival of <paramref name="keyCount"/> keys (<see cref="Choose"/>).</summary>
    internal static int MinShared(int keyCount) => Math.Min(2, keyCount);

    /// <summary>
    /// The ids read under an arrival's keys (each key's newest <see cref="MaxPerKey"/>, in any order) counted: of those
    /// sharing at least <paramref name="minShared"/> keys with it, the <paramref name="limit"/> sharing the most, more
    /// shared first, then the newer, never <paramref name="self"/>. What <see cref="Choose"/> keeps of the look-up's
    /// <c>GROUP BY … ORDER BY shared DESC, article_id DESC LIMIT</c> (those sharing fewer rank below all these), without
    /// sorting the thousand or so ids that share one key only.
    /// </summary>
    /// <param name="counts">A scratch dictionary, cleared here (one for many calls saves its allocation).</param>
    internal static List<(long Id, long Shared)> TopShared(long[] found, long self, int limit, int minShared, Dictionary<long, int> counts)
    {
        ArgumentNullException.ThrowIfNull(found);
        ArgumentNullException.ThrowIfNull(counts);
        counts.Clear();
        foreach (long id in found)
        {
            if (id == self) continue;
            ref int n = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(counts, id, out _);
            n++;
        }
        return Top(counts, limit, minShared);
    }

    /// <summary>
    /// Of the counted candidates, those sharing at least <paramref name="minShared"/> keys, the <paramref name="limit"/>
    /// sharing the most, more shared first, then the newer: the order <see cref="TopShared"/> and a batch's look-up
    /// (<see cref="BatchKeyLookup.Keyed"/>) both give.
    /// </summary>
    internal static List<(long Id, long Shared)> Top(Dictionary<long, int> counts, int limit, int minShared)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        // The best `limit` kept in a heap whose root is the worst of them, rather than every counted id listed and
        // sorted: an arrival's look-up counts up to 3,200 ids at 1M, of which it keeps a handful (issue #17).
        var best = new PriorityQueue<(long Id, long Shared), (long Shared, long Id)>(Math.Min(limit, counts.Count) + 1);
        foreach (var (id, n) in counts)
        {
            if (n < minShared || limit == 0) continue;
            if (best.Count < limit) best.Enqueue((id, n), (n, id));
            else best.EnqueueDequeue((id, n), (n, id));
        }
        var top = new List<(long Id, long Shared)>(best.Count);
        while (best.Count > 0) top.Add(best.Dequeue());
        top.Reverse();
        return top;
    }

    /// <summary>
    /// Many new articles' sketches written and their candidates read together, for a batch stored in the caller's
    /// shared transaction where the engine can (<see cref="BatchWriters.OpenCopyBatch"/>; on PostgreSQL
    /// <see cref="PostgreSqlCopyBatch"/>: a few round trips for the batch instead of several an article). Null
    /// elsewhere (SQLite's statements cost no round trip; outside a batch there is none), and then each article is
    /// sketched and looked up alone.
    /// </summary>
    /// <param name="arrivals">Articles stored in this transaction, in the order they are to be linked (their ids ascending).</param>
    /// <param name="mayLink">Whether a candidate of the given sketch can matter to an arrival of the given sketch (see
    /// <see cref="PostgreSqlCopyBatch.OpenAsync"/>); null: every candidate is read whole.</param>
    public async Task<ICopyBatch?> OpenBatchAsync(IReadOnlyList<(long ArticleId, TextSketch Sketch, string TextSha256)> arrivals, int limit,
        Func<TextSketch, TextSketch, bool>? mayLink, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(arrivals);
        return _d.Batches.OpenCopyBatch(database, arrivals, MaxPerKey, limit, mayLink, Candidates, Ahead, ct) is { } batch ? await batch : null;
    }

    /// <summary>
    /// On PostgreSQL, starts reading the keys of a batch to be linked soon (<paramref name="sketches"/>, those with
    /// shingles) on a pooled connection of its own, outside any transaction: each key's newest <see cref="MaxPerKey"/>
    /// ids with the key write count, which <see cref="OpenBatchAsync"/> then uses instead of reading them in the batch's
    /// transaction when no other writer wrote keys meanwhile (<see cref="KeyAhead"/>). The keys whose lists this
    /// process keeps from earlier batches (<see cref="KeyAhead.Cache"/>) are left out. Nothing on SQLite. A read that
    /// fails is only not used.
    /// </summary>
    public void ReadKeysAhead(IEnumerable<TextSketch> sketches)
    {
        ArgumentNullException.ThrowIfNull(sketches);
        var keys = new HashSet<long>();
        foreach (var sketch in sketches)
            if (sketch.Shingles > 0)
                foreach (uint key in sketch.Keys) keys.Add(key);
        if (keys.Count == 0) return;
        // The keys whose lists are kept from earlier batches are not read (KeyCache): the batch checks those at link time.
        long[] unkept = keys.Where(k => !Ahead.Cache.Contains(k)).ToArray();
        // All kept (only ever on PostgreSQL: nothing is kept elsewhere): nothing to read, the batch still finds its entry.
        if (unkept.Length == 0) Ahead.Add(keys, Task.FromResult<KeyLists?>(null));
        else if (_d.Batches.ReadKeysAhead(database, unkept, MaxPerKey) is { } read) Ahead.Add(keys, read);
    }

    /// <summary>The stored article of <paramref name="articleId"/> as detection sees it; null when it has no sketch.</summary>
    public async Task<SketchedArticle?> GetAsync(long articleId, CancellationToken ct)
    {
        await using var conn = await database.ConnectAsync(ct);
        var rows = await Sql.ListAsync(conn, $"""
            SELECT {Columns}
            FROM article_sketches s JOIN articles a ON a.id = s.article_id LEFT JOIN article_copies c ON c.article_id = s.article_id WHERE s.article_id = @a
            """, ReadOrNull, ct, ("@a", articleId));
        return rows.Count > 0 ? rows[0] : null;
    }

    /// <summary>
    /// The setting holding the lowest id of a stored article a catch-up passed over (<see cref="KeepPassedOverAsync"/>):
    /// every article has a sketch once linked, so those below the newest sketched one are found again from it.
    /// </summary>
    internal const string PassedOverSetting = "links_passed_over_from";

    /// <summary>
    /// Up to <paramref name="limit"/> ids of articles with no sketch, oldest first: those stored after the last sketched
    /// one (an archive older than sketches, or a process stopped between storing an article and sketching it) and, from
    /// the lowest one a catch-up passed over, those it left.
    /// </summary>
    public async Task<IReadOnlyList<long>> UnsketchedAsync(int limit, CancellationToken ct)
    {
        await using var conn = await database.ConnectAsync(ct);
        long newest = await Sql.Int64Async(conn, null, "SELECT COALESCE(MAX(article_id), 0) FROM article_sketches", ct);
        if (await PassedOverFromAsync(conn, ct) is { } from && from <= newest)
            return await Sql.ListAsync(conn, """
                SELECT a.id FROM articles a
                WHERE a.id >= @from AND NOT EXISTS (SELECT 1 FROM article_sketches s WHERE s.article_id = a.id)
                ORDER BY a.id LIMIT @n
                """, r => r.GetInt64(0), ct, ("@from", from), ("@n", limit));
        return await Sql.ListAsync(conn, "SELECT id FROM articles WHERE id > @newest ORDER BY id LIMIT @n", r => r.GetInt64(0), ct,
            ("@newest", newest), ("@n", limit));
    }

    /// <summary>
    /// Remembers the articles a catch-up passed over, so the next one tries them again (the lowest id of them), or that
    /// it passed over none.
    /// </summary>
    public async Task KeepPassedOverAsync(IReadOnlyCollection<long> passedOver, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(passedOver);
        await using var conn = await database.ConnectAsync(ct);
        if (passedOver.Count == 0)
            await Sql.ExecAsync(conn, null, "DELETE FROM settings WHERE key = @k", ct, ("@k", PassedOverSetting));
        else
            await Sql.ExecAsync(conn, null, _d.Upsert("settings", ["key", "value"], ["key"], "value = excluded.value"), ct,
                ("@key", PassedOverSetting), ("@value", passedOver.Min().ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static async Task<long?> PassedOverFromAsync(DbConnection conn, CancellationToken ct) =>
        await Sql.ScalarAsync(conn, null, "SELECT value FROM settings WHERE key = @k", ct, ("@k", PassedOverSetting)) is string value
        && long.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long from) ? from : null;

    /// <summary>
    /// On PostgreSQL, marks the key table's pages all-visible where they are not yet (<c>VACUUM</c>, which reads only
    /// those pages; skipped when another vacuum holds the table). The look-up reads each key's newest entries, which
    /// lie in the newest pages; while those are not marked, every entry read is checked in the table too (1,303 of
    /// 2,747 in a look-up at 1M, pg1mprofile). Autovacuum marks them only after 1 % new rows and its next round: an
    /// archive loaded in bulk (a migrated or staged one) or a long import is read that way for a while. Called when
    /// linking starts and between an import's batches (<see cref="Icmal.Linking.CopyDetector.LinkManyAsync"/>: the
    /// import's own keys are each key's newest, so by its last batch a third of the entries read were checked in the
    /// table). A <c>VACUUM</c> cannot run in a transaction block, so it takes a pooled connection of its own even
    /// when called inside a shared transaction (it sees the rows committed before; a few milliseconds after a batch).
    /// Nothing on SQLite.
    /// </summary>
    public async Task KeepKeysVisibleAsync(CancellationToken ct)
    {
        if (_d.MarkAllVisible("article_sketch_keys") is not { } statement) return;
        await using var conn = await database.ConnectOwnAsync(ct);
        await Sql.ExecAsync(conn, null, statement, ct);
    }

    /// <summary>How many articles have a sketch.</summary>
    public async Task<long> CountAsync(CancellationToken ct)
    {
        await using var conn = await database.ConnectAsync(ct);
        return await Sql.Int64Async(conn, null, "SELECT COUNT(*) FROM article_sketches", ct);
    }

    /// <summary>The keys of the sketch stored for an article (none when it has none), found through the sketch row.</summary>
    private static async Task<List<long>> StoredKeysAsync(DbConnection conn, DbTransaction tx, long articleId, CancellationToken ct)
    {
        var keys = new List<long>();
        if (await Sql.ScalarAsync(conn, tx, "SELECT sketch FROM article_sketches WHERE article_id = @a", ct, ("@a", articleId)) is byte[] bytes)
        {
            for (int i = 0; i + 4 <= bytes.Length && i < TextSketch.KeyCount * 4; i += 4) keys.Add(BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(i)));
        }
        return keys;
    }

    /// <summary>The candidates by shared keys: each key's newest <c>@per</c> articles, counted together.</summary>
    private static string BuildCandidateSql()
    {
        var parts = Enumerable.Range(0, TextSketch.KeyCount).Select(i =>
            $"SELECT article_id FROM (SELECT article_id FROM article_sketch_keys WHERE sketch_key = @k{i} ORDER BY article_id DESC LIMIT @per) AS k{i}");
        return $"""
            SELECT article_id, shared FROM (
                SELECT article_id, COUNT(*) AS shared FROM ({string.Join("\nUNION ALL ", parts)}) AS candidates
                WHERE article_id <> @self GROUP BY article_id ORDER BY shared DESC, article_id DESC LIMIT @n) AS by_keys
            UNION ALL
            SELECT id, -1 FROM (SELECT id FROM articles WHERE text_sha256 = @h AND id <> @self ORDER BY sort_at, id LIMIT 8) AS same_text
            """;
    }

    /// <summary>
    /// A sketched article as detection sees it, or null where its sort time holds no time (text another tool wrote into
    /// SQLite's file): with no time it can be neither an original nor a copy, and one such row must not fail the links
    /// of every later article that shares its words. It is left unlinked, as if it had no sketch.
    /// </summary>
    private SketchedArticle? ReadOrNull(DbDataReader r)
    {
        if (_d.ReadTimeOrUnknown(r, 5) is not { } sortTime) return null;
        string? creditName = r.StringOrNull(6), creditUrl = r.StringOrNull(7);
        return new SketchedArticle(r.GetInt64(0), TextSketch.FromBytes((byte[])r.GetValue(2), r.GetInt32(1)), r.StringOrNull(3), r.StringOrNull(4),
            sortTime, creditName is null && creditUrl is null ? null : new SourceCredit(creditName, creditUrl), r.GetString(8),
            r.Int64OrNull(9), r.GetInt64(10) != 0);
    }
}
