// Over 400 lines on purpose: one batch's copy look-up, whose batched statements and the reads of their results in the same order must be read side by side; the read-ahead check is apart (PostgreSqlKeyAhead).
using Icmal.Model;
using Icmal.Text.Similarity;
using Npgsql;
using NpgsqlTypes;
using static Icmal.Storage.PostgreSqlBatchCommands;

namespace Icmal.Storage;

/// <summary>
/// Copy detection's storage for a batch of articles stored in the batch's shared transaction on PostgreSQL (issue #17):
/// three round trips for the batch instead of three or more an article (the sketch written, its candidates' ids read,
/// their rows read, each link's three statements). The candidates each article gets, and the links stored at the end,
/// are exactly those of <see cref="SketchStore.AddAsync"/>, <see cref="SketchStore.CandidatesAsync"/> and
/// <see cref="CopyStore.LinkAsync"/> run article after article.
/// </summary>
/// <remarks>
/// <para>The sketches are written, each of the batch's keys' newest <see cref="SketchStore.MaxPerKey"/> stored ids read
/// once, then the keys written. Each article's per-key look-up is those ids merged with the batch's articles up to it
/// under the key (higher ids: the batch was stored in its order), so each key's newest <see cref="SketchStore.MaxPerKey"/>
/// are the rows it saw one by one, and the batch's later articles are not among them. The articles must be new in this
/// transaction (no sketch, no link yet): a sketch already stored fails the insert, and the batch then runs again one by
/// one.</para>
/// <para>A candidate's sketch is all that is needed to see whether it can matter to the arrival (the rule's loosest
/// thresholds, <c>mayLink</c>); its article's row (site, address, time, credit, text hash), in the wide
/// <c>articles</c> table, is read only for those that can, and for the originals they are copies of. At 1M articles
/// the rows of all 24 candidates an arrival were a quarter of the server's time in an import, nearly all of it
/// random reads of <c>articles</c>; two or three of them pass.</para>
/// <para>The links change as the batch goes on (an article becomes the original of earlier ones, groups move), and a
/// later article reads its candidates' originals and credited copies as they then stand. So the copy rows of every
/// group a candidate belongs to are read once, kept here and changed as <see cref="CopyStore.LinkAsync"/> changes the
/// table (<see cref="Link"/>); the rows changed are written at the end by one statement (<see cref="SaveAsync"/>).
/// Links touch only an arrival and its candidates, so no other group changes.</para>
/// <para>Candidates' sketches and article fields, which links do not change, are kept from batch to batch in the
/// process (<see cref="CandidateCache"/>: at 1M four of five candidates were read by an earlier batch), behind the
/// archive's change counter read first in each batch; their copy rows are read every time.</para>
/// <para>The keys' stored ids are kept too (<see cref="KeyCache"/>), behind the key write count: a batch reads only the
/// keys no earlier batch of the process read, and only while no other writer wrote keys (at 1M, 83 % of an import of
/// 40,000's key look-ups came from it; docs/benchmarks.md, "keycache").</para>
/// </remarks>
public sealed class PostgreSqlCopyBatch : ICopyBatch
{
    /// <summary>Each arrival's stored articles of the same text (<see cref="SketchStore.CandidatesAsync"/>'s second part).</summary>
    private const string SameTextSql = """
        SELECT x.self, t.id FROM unnest(@self, @h) AS x(self, h)
            CROSS JOIN LATERAL (SELECT id FROM articles WHERE text_sha256 = x.h AND id <> x.self ORDER BY sort_at, id LIMIT 8) AS t
        """;

    private const string SketchesSql = "SELECT article_id, shingles, sketch FROM article_sketches WHERE article_id = ANY(@ids)";

    private const string RowsSql = "SELECT id, site, url, sort_at, original_name, original_url, text_sha256 FROM articles WHERE id = ANY(@ids)";

    /// <summary>
    /// The copy rows of the candidates' groups: their copies, and the group of the original each is a copy of. Written
    /// as a join with <c>unnest</c>, not <c>original_id = ANY(@ids) OR …</c>: the statement is prepared, and the
    /// server's generic plan of that form tested each row against the whole array (some 6,000 ids) in a scan of the
    /// table, 60–150 ms a batch once a few thousand copies were stored, against 1–6 ms for this one.
    /// </summary>
    private const string GroupsSql = """
        SELECT c.article_id, c.original_id, c.evidence, c.similarity FROM article_copies c
        WHERE c.original_id IN (SELECT i FROM unnest(@ids) AS t(i) UNION SELECT o.original_id FROM article_copies o JOIN unnest(@ids) AS t(i) ON o.article_id = t.i)
        """;

    private static readonly string Credited = CopyLink.Code(CopyEvidence.Credited);

    private readonly NpgsqlConnection _conn;
    private readonly long[] _ids;
    private readonly TextSketch[] _arrivalSketches;
    private readonly HashSet<long> _batch;
    private readonly List<long>[] _chosen;
    private readonly HashSet<long>[] _sameText;
    private readonly Func<TextSketch, TextSketch, bool>? _mayLink;
    private readonly Dictionary<long, TextSketch> _sketches = [];
    private readonly Dictionary<long, CandidateFields> _articles = [];
    private readonly CandidateCache? _cache;
    private readonly Dictionary<long, Row> _rows = [];
    private readonly Dictionary<long, HashSet<long>> _copiesOf = [];
    private readonly HashSet<long> _changed = [];

    private PostgreSqlCopyBatch(NpgsqlConnection conn, long[] ids, TextSketch[] sketches, Func<TextSketch, TextSketch, bool>? mayLink, CandidateCache? cache)
    {
        _cache = cache;
        _conn = conn;
        _ids = ids;
        _arrivalSketches = sketches;
        _batch = [.. ids];
        _chosen = new List<long>[ids.Length];
        _sameText = new HashSet<long>[ids.Length];
        _mayLink = mayLink;
    }

    /// <summary>
    /// Writes the arrivals' sketches and keys and reads what their candidates are; null when the arrivals are not in
    /// ascending id order (then they are done one by one).
    /// </summary>
    /// <param name="mayLink">Whether a candidate of the given sketch can matter to an arrival of the given sketch (the
    /// linking rule's loosest thresholds); the candidates that cannot are left out of <see cref="CandidatesOfAsync"/>,
    /// and their articles' rows are not read. Null: every candidate is given.</param>
    /// <param name="cache">Candidates' sketches and fields read by earlier batches of this process (null: none kept).</param>
    /// <param name="ahead">The keys' stored ids read ahead and this process's own key writes since (null: read here).</param>
    internal static async Task<PostgreSqlCopyBatch?> OpenAsync(NpgsqlConnection conn, IReadOnlyList<(long ArticleId, TextSketch Sketch, string TextSha256)> arrivals,
        int perKey, int limit, Func<TextSketch, TextSketch, bool>? mayLink, CandidateCache? cache, KeyAhead? ahead, CancellationToken ct)
    {
        long[] ids = arrivals.Select(a => a.ArticleId).ToArray();
        for (int i = 1; i < ids.Length; i++)
            if (ids[i] <= ids[i - 1]) return null;
        var batch = new PostgreSqlCopyBatch(conn, ids, arrivals.Select(a => a.Sketch).ToArray(), mayLink, cache);
        if (ids.Length == 0) return batch;

        var position = new Dictionary<long, int>(ids.Length);
        for (int i = 0; i < ids.Length; i++) position[ids[i]] = i;
        var keyed = new List<(long Id, long Shared)>[ids.Length];
        // An arrival with no shingles looks nothing up (CopyDetector returns before).
        var looking = arrivals.Where(a => a.Sketch.Shingles > 0).ToArray();
        var distinctKeys = new HashSet<long>();
        foreach (var a in looking)
            foreach (uint key in a.Sketch.Keys) distinctKeys.Add(key);
        // The keys' ids read ahead (KeyAhead) and those kept from earlier batches (KeyCache), when there are: then the
        // lock and the counts come first, and the look-up reads only the keys whose lists are not known exact then.
        KeyLists? before = null;
        bool prefetched = false;
        if (ahead?.Take(distinctKeys) is { } prefetch)
        {
            prefetched = true;
            try
            {
                before = await prefetch;
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                // Read here instead, as without.
            }
        }
        Dictionary<long, long[]> known = [];
        long? checkedAt = null;
        int kept = 0;
        if (ahead is not null && (before is not null || ahead.Cache.Count is not null))
        {
            // Under the lock, as the look-up would be read in the statements below.
            (checkedAt, known, kept) = await PostgreSqlKeyAhead.CheckAsync(conn, before, ahead, Opening(), r => ReadOpeningAsync(r, cache, ct), distinctKeys, perKey, ct);
        }
        bool locked = checkedAt is not null;
        long[] unknown = [.. distinctKeys.Where(k => !known.ContainsKey(k))];
        if (ahead is not null)
        {
            if (prefetched || locked) ahead.Count(unknown.Length == 0);
            ahead.CountKeys(kept, known.Count - kept, unknown.Length);
        }
        await using (var first = new NpgsqlBatch(conn))
        {
            if (!locked)
            {
                // The batch reads its candidates' copy groups once and writes them back at the end: another process linking
                // into the same groups meanwhile would be overwritten. So linking waits for the archive's copy-link lock
                // (held to the commit; before the story lock where a transaction takes both); every write that can meet
                // another process's before it (the documents, the articles, the entities) is already made, so the wait
                // adds no deadlock.
                foreach (var command in Opening()) first.BatchCommands.Add(command);
            }
            first.BatchCommands.Add(Command("INSERT INTO article_sketches (article_id, shingles, sketch) SELECT * FROM unnest(@a, @s, @b)",
                Array("@a", NpgsqlDbType.Bigint, ids),
                Array("@s", NpgsqlDbType.Integer, arrivals.Select(a => a.Sketch.Shingles).ToArray()),
                Array("@b", NpgsqlDbType.Bytea, arrivals.Select(a => a.Sketch.ToBytes()).ToArray())));
            if (unknown.Length > 0)
            {
                first.BatchCommands.Add(Command(PostgreSqlKeyAhead.ListsSql, PostgreSqlKeyAhead.ListsParameters(unknown, perKey)));
            }
            // A plain insert, not ON CONFLICT DO NOTHING: the arrivals are new (their sketch insert above fails
            // otherwise) and a sketch's keys are distinct, so no row can conflict; the speculative insertion looked each
            // key up in the 15M-row index before inserting it (36k buffer reads a batch of 250 at 1M against 20k).
            var allKeys = arrivals.SelectMany(a => a.Sketch.Keys.ToArray().Select(k => (Article: a.ArticleId, Key: k))).ToArray();
            first.BatchCommands.Add(Command(
                "INSERT INTO article_sketch_keys (sketch_key, article_id) SELECT * FROM unnest(@k, @a)",
                Array("@k", NpgsqlDbType.Bigint, allKeys.Select(k => (long)k.Key).ToArray()),
                Array("@a", NpgsqlDbType.Bigint, allKeys.Select(k => k.Article).ToArray())));
            // The key write count right after this batch's one key statement: its own (the count's row stays locked to
            // the commit), remembered with the keys for the next batches' ids read ahead (KeyAhead).
            first.BatchCommands.Add(Command($"SELECT {PostgreSqlKeyAhead.KeyWritesSql}, txid_current()",
                new NpgsqlParameter<string>("@w", NpgsqlDbType.Text) { TypedValue = KeyWriteStep.KeyWritesSetting }));
            var self = looking.Select(a => a.ArticleId).ToArray();
            first.BatchCommands.Add(Command(SameTextSql,
                Array("@self", NpgsqlDbType.Bigint, self),
                Array("@h", NpgsqlDbType.Text, looking.Select(a => a.TextSha256).ToArray())));
            await using var reader = await first.ExecuteReaderAsync(ct);
            if (!locked) await ReadOpeningAsync(reader, cache, ct);
            await SkipToRowsAsync(reader, ct); // past the sketches' insert
            var lookup = new BatchKeyLookup();
            foreach (var (key, stored) in known) lookup.AddStored(key, stored);
            if (unknown.Length > 0)
            {
                // Read at the count the check read (the count's row is locked), or, without a check, at the count read with
                // them: kept for the next batches from that count (KeyCache).
                bool firstRow = true;
                while (await reader.ReadAsync(ct))
                {
                    long count = reader.GetInt64(0), key = reader.GetInt64(1);
                    var stored = reader.GetFieldValue<long[]>(2);
                    lookup.AddStored(key, stored);
                    if (ahead is null) continue;
                    if (firstRow && count != checkedAt) ahead.Cache.Reset(count);
                    firstRow = false;
                    ahead.Cache.Put(key, stored, count);
                }
                if (!await reader.NextResultAsync(ct)) throw new InvalidOperationException("the keys' insert did not come back");
            }
            await SkipToRowsAsync(reader, ct); // past the keys' insert
            if (!await reader.ReadAsync(ct)) throw new InvalidOperationException("the key write count did not come back");
            ahead?.Record(reader.GetInt64(0), reader.GetInt64(1), allKeys.Select(k => (k.Article, k.Key)));
            if (!await reader.NextResultAsync(ct)) throw new InvalidOperationException("the same texts did not come back");
            // The batch's arrivals under each key, in their order (ids ascending).
            foreach (var a in arrivals) lookup.AddArrival(a.ArticleId, a.Sketch.Keys);
            foreach (var a in looking)
                keyed[position[a.ArticleId]] = lookup.Keyed(a.ArticleId, a.Sketch.Keys, perKey, limit, SketchStore.MinShared(a.Sketch.Keys.Length));
            if (reader.FieldCount == 0) throw new InvalidOperationException("the same texts did not come back");
            while (await reader.ReadAsync(ct))
            {
                int k = position[reader.GetInt64(0)];
                long id = reader.GetInt64(1);
                (keyed[k] ??= []).Add((id, -1));
                (batch._sameText[k] ??= []).Add(id);
            }
        }

        // As SketchStore.CandidatesAsync chooses: the keyed ones sharing enough keys, and those of the same text.
        var wanted = new HashSet<long>();
        for (int i = 0; i < ids.Length; i++)
        {
            var set = SketchStore.Choose(keyed[i] ?? [], arrivals[i].Sketch.Keys.Length);
            batch._chosen[i] = [.. set.Order()];
            wanted.UnionWith(set);
        }
        if (wanted.Count > 0) await batch.ReadCandidatesAsync([.. wanted], ct);
        return batch;
    }

    /// <summary>
    /// The key write count's row locked before the link lock (<see cref="LockCommand"/>): the batch's key statement
    /// locks it anyway (<see cref="KeyWriteStep"/>'s trigger), and an arrival linked alone in a crawler's transaction
    /// locks it with its keys before its stories take the link lock; taken in that same order here, the two cannot wait
    /// for each other. (No row yet, before the archive's first key write: nothing to lock.)
    /// </summary>
    private static NpgsqlBatchCommand CountRowLockCommand() =>
        Command("SELECT 1 FROM settings WHERE key = @w FOR UPDATE",
            new NpgsqlParameter<string>("@w", NpgsqlDbType.Text) { TypedValue = KeyWriteStep.KeyWritesSetting });

    /// <summary>The lock the batch links under, held to the commit (see <see cref="OpenAsync"/>).</summary>
    private static NpgsqlBatchCommand LockCommand() => new($"SELECT pg_advisory_xact_lock({PostgreSqlDialect.CopyLockKey})");

    /// <summary>The counter of changes to what the cache keeps, read before any candidate (CandidateCache, SketchKeyStep).</summary>
    private static NpgsqlBatchCommand EpochCommand() =>
        Command("SELECT COALESCE((SELECT value FROM settings WHERE key = @k), '0')",
            new NpgsqlParameter<string>("@k", NpgsqlDbType.Text) { TypedValue = SketchKeyStep.CandidateEpochSetting });

    /// <summary>
    /// The statements that open the batch's work: the key write count's row locked, the link lock, then the counter of
    /// changes to what the candidate cache keeps, read before any candidate (CandidateCache, SketchKeyStep).
    /// </summary>
    private static NpgsqlBatchCommand[] Opening() => [CountRowLockCommand(), LockCommand(), EpochCommand()];

    /// <summary>Past the results of <see cref="Opening"/>, the cache given the counter it read.</summary>
    private static async Task ReadOpeningAsync(NpgsqlDataReader reader, CandidateCache? cache, CancellationToken ct)
    {
        await reader.NextResultAsync(ct); // past the count's row lock
        await reader.NextResultAsync(ct); // past the lock's one empty row
        cache?.Check(await reader.ReadAsync(ct) ? reader.GetString(0) : null);
        await reader.NextResultAsync(ct);
    }

    /// <summary>Past the statements that return no columns, to the first result that has them.</summary>
    private static async Task SkipToRowsAsync(NpgsqlDataReader reader, CancellationToken ct)
    {
        while (reader.FieldCount == 0)
            if (!await reader.NextResultAsync(ct)) throw new InvalidOperationException("a result did not come back");
    }

    /// <summary>
    /// The candidates of the arrival at <paramref name="index"/> as <see cref="SketchStore.CandidatesAsync"/> gives them
    /// after the arrivals before it were linked, less those that cannot matter to it: the stored articles and earlier
    /// arrivals chosen, with their links as they now stand, in id order.
    /// </summary>
    public async Task<IReadOnlyList<SketchedArticle>> CandidatesOfAsync(int index, CancellationToken ct)
    {
        var needed = Needed(index);
        long[] missing = needed.Where(id => !_articles.ContainsKey(id)).ToArray();
        if (missing.Length > 0) await ReadRowsAsync(missing, ct);
        var list = new List<SketchedArticle>(needed.Count);
        foreach (long id in needed)
        {
            if (!_articles.TryGetValue(id, out var a)) continue;
            bool credited = _copiesOf.TryGetValue(id, out var copies) && copies.Any(c => string.Equals(_rows[c].Evidence, Credited, StringComparison.Ordinal));
            list.Add(new SketchedArticle(id, _sketches[id], a.Site, a.Url, a.SortAt, a.Credit, a.TextSha256,
                _rows.TryGetValue(id, out var row) ? row.OriginalId : null, credited));
        }
        return list;
    }

    /// <summary>
    /// Of the arrival's chosen candidates, in id order, those with a sketch that can matter to it: the ones
    /// <c>mayLink</c> passes or of the same text, and the originals (among the chosen) that those are copies of as the
    /// links now stand. The rule reads a candidate that passes neither only as such an original.
    /// </summary>
    private List<long> Needed(int index)
    {
        long self = _ids[index];
        // A later arrival of the batch had no sketch yet when this one came; nor has an article never sketched.
        var present = _chosen[index].Where(id => !(_batch.Contains(id) && id > self) && _sketches.ContainsKey(id)).ToList();
        if (_mayLink is null) return present;
        var passing = present.Where(id => _sameText[index]?.Contains(id) == true || _mayLink(_arrivalSketches[index], _sketches[id])).ToHashSet();
        var originals = passing.Select(id => _rows.TryGetValue(id, out var row) ? row.OriginalId : (long?)null).OfType<long>().ToHashSet();
        return present.Where(id => passing.Contains(id) || originals.Contains(id)).ToList();
    }

    /// <summary><see cref="CopyStore.LinkAsync"/> on the batch's copy rows: the link as stored, the copies moved with it.</summary>
    public CopyLink Link(CopyLink link)
    {
        ArgumentNullException.ThrowIfNull(link);
        if (link.ArticleId == link.OriginalId) throw new ArgumentException($"article {link.ArticleId} cannot be a copy of itself", nameof(link));
        long original = _rows.TryGetValue(link.OriginalId, out var named) ? named.OriginalId : link.OriginalId;
        // The named original is a copy of this article: the link would make a loop, so this article stays the original.
        if (original == link.ArticleId) return new CopyLink(link.OriginalId, link.ArticleId, link.Evidence, link.Similarity);
        Set(link.ArticleId, new Row(original, CopyLink.Code(link.Evidence), link.Similarity));
        // This article's own copies now copy its original.
        if (_copiesOf.TryGetValue(link.ArticleId, out var copies))
            foreach (long copy in copies.ToArray()) Set(copy, _rows[copy] with { OriginalId = original });
        return link with { OriginalId = original };
    }

    /// <summary>Writes the copy rows the batch changed, in one statement.</summary>
    public async Task SaveAsync(CancellationToken ct)
    {
        if (_changed.Count == 0) return;
        long[] ids = [.. _changed.Order()];
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO article_copies (article_id, original_id, evidence, similarity) SELECT * FROM unnest(@a, @o, @e, @s)
            ON CONFLICT (article_id) DO UPDATE SET original_id = excluded.original_id, evidence = excluded.evidence, similarity = excluded.similarity
            """, _conn);
        cmd.Parameters.Add(Array("@a", NpgsqlDbType.Bigint, ids));
        cmd.Parameters.Add(Array("@o", NpgsqlDbType.Bigint, ids.Select(i => _rows[i].OriginalId).ToArray()));
        cmd.Parameters.Add(Array("@e", NpgsqlDbType.Text, ids.Select(i => _rows[i].Evidence).ToArray()));
        cmd.Parameters.Add(Array("@s", NpgsqlDbType.Double, ids.Select(i => _rows[i].Similarity).ToArray()));
        await cmd.ExecuteNonQueryAsync(ct);
        _changed.Clear();
    }

    /// <summary>
    /// The chosen candidates' sketches (those not kept by the cache) and the copy rows of their groups (always: links
    /// change) in one round trip, then the articles' rows (those not kept) of
    /// those that can matter to an arrival (as the links stand before the batch; <see cref="CandidatesOfAsync"/> reads
    /// any other it comes to need) in one more.
    /// </summary>
    private async Task ReadCandidatesAsync(long[] wanted, CancellationToken ct)
    {
        var unread = new List<long>(wanted.Length);
        foreach (long id in wanted)
        {
            if (_cache is not null && _cache.TryGet(id, out var sketch, out var fields))
            {
                _sketches[id] = sketch;
                if (fields is not null) _articles[id] = fields;
            }
            else unread.Add(id);
        }
        await using (var second = new NpgsqlBatch(_conn))
        {
            second.BatchCommands.Add(Command(GroupsSql, Array("@ids", NpgsqlDbType.Bigint, wanted)));
            if (unread.Count > 0) second.BatchCommands.Add(Command(SketchesSql, Array("@ids", NpgsqlDbType.Bigint, unread.ToArray())));
            await using var r = await second.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) Put(r.GetInt64(0), new Row(r.GetInt64(1), r.GetString(2), r.GetDouble(3)));
            if (unread.Count > 0)
            {
                if (!await r.NextResultAsync(ct)) throw new InvalidOperationException("the candidates' sketches did not come back");
                while (await r.ReadAsync(ct))
                {
                    long id = r.GetInt64(0);
                    var sketch = TextSketch.FromBytes((byte[])r.GetValue(2), r.GetInt32(1));
                    _sketches[id] = sketch;
                    if (!_batch.Contains(id)) _cache?.AddSketch(id, sketch);
                }
            }
        }
        var needed = new HashSet<long>();
        for (int i = 0; i < _ids.Length; i++)
            if (_chosen[i].Count > 0) needed.UnionWith(Needed(i));
        needed.ExceptWith(_articles.Keys);
        if (needed.Count > 0) await ReadRowsAsync([.. needed], ct);
    }

    /// <summary>The articles' rows of candidates whose sketches were read.</summary>
    private async Task ReadRowsAsync(long[] ids, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(RowsSql, _conn);
        cmd.Parameters.Add(Array("@ids", NpgsqlDbType.Bigint, ids));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            string? creditName = r.StringOrNull(4), creditUrl = r.StringOrNull(5);
            long id = r.GetInt64(0);
            var fields = new CandidateFields(r.StringOrNull(1), r.StringOrNull(2), r.GetFieldValue<DateTimeOffset>(3),
                creditName is null && creditUrl is null ? null : new SourceCredit(creditName, creditUrl), r.GetString(6));
            _articles[id] = fields;
            if (!_batch.Contains(id)) _cache?.AddFields(id, fields);
        }
    }

    private void Set(long articleId, Row row)
    {
        Put(articleId, row);
        _changed.Add(articleId);
    }

    private void Put(long articleId, Row row)
    {
        if (_rows.TryGetValue(articleId, out var old) && _copiesOf.TryGetValue(old.OriginalId, out var was)) was.Remove(articleId);
        _rows[articleId] = row;
        if (!_copiesOf.TryGetValue(row.OriginalId, out var copies)) _copiesOf[row.OriginalId] = copies = [];
        copies.Add(articleId);
    }

    /// <summary>One row of <c>article_copies</c>; the evidence as stored (a code of a later version kept as it is).</summary>
    private readonly record struct Row(long OriginalId, string Evidence, double Similarity);
}
