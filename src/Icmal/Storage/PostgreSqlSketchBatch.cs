using System.Data.Common;
using Icmal.Text.Similarity;
using Npgsql;

namespace Icmal.Storage;

/// <summary>
/// <see cref="SketchStore.AddAsync"/> on PostgreSQL in one round trip (it was four, a quarter of an imported article's): the
/// old sketch's keys are read from its stored bytes by the delete itself (little-endian, as
/// <see cref="SketchStore"/>'s portable path reads them), then the sketch and the new keys. And the look-up of an
/// arrival's candidates (<see cref="CandidatesAsync"/>).
/// </summary>
internal static class PostgreSqlSketchBatch
{
    /// <summary>
    /// <see cref="SketchStore.CandidatesAsync"/>'s look-up on PostgreSQL: each key's newest <c>@per</c> articles read by one <c>LATERAL</c>
    /// subquery over the keys' array instead of a sixteen-way <c>UNION ALL</c> (whose plan was made anew for every
    /// arrival), returned as one array and counted by <see cref="SketchStore.TopShared"/> (the server's hash aggregate and sort were
    /// half of the statement at 1M); the articles of the same text as a second array.
    /// </summary>
    private const string CandidateSql = """
        SELECT ARRAY(SELECT k.article_id FROM unnest(@keys) AS key(v)
                CROSS JOIN LATERAL (SELECT article_id FROM article_sketch_keys WHERE sketch_key = key.v ORDER BY article_id DESC LIMIT @per) AS k),
            ARRAY(SELECT id FROM articles WHERE text_sha256 = @h AND id <> @self ORDER BY sort_at, id LIMIT 8)
        """;

    /// <summary>
    /// The articles sharing <paramref name="keys"/> (the most-shared first, at most <paramref name="limit"/>, with how many
    /// they share) and those of the same text (shared -1), never <paramref name="articleId"/> itself.
    /// </summary>
    public static async Task<IReadOnlyList<(long Id, long Shared)>> CandidatesAsync(DbConnection conn, long articleId, uint[] keys, string textSha256,
        int maxPerKey, int limit, CancellationToken ct)
    {
        var found = await Sql.ListAsync(conn, CandidateSql, r => (Keyed: r.GetFieldValue<long[]>(0), SameText: r.GetFieldValue<long[]>(1)), ct,
            ("@self", articleId), ("@per", maxPerKey), ("@keys", keys.Take(TextSketch.KeyCount).Select(k => (long)k).ToArray()), ("@h", textSha256));
        var keyed = SketchStore.TopShared(found[0].Keyed, articleId, limit, SketchStore.MinShared(keys.Length), []);
        keyed.AddRange(found[0].SameText.Select(id => (id, -1L)));
        return keyed;
    }

    public static async Task AddAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, long articleId, TextSketch sketch, CancellationToken ct)
    {
        var a = new NpgsqlParameter<long>("@a", NpgsqlTypes.NpgsqlDbType.Bigint) { TypedValue = articleId };
        await using var batch = new NpgsqlBatch(conn, tx);
        var delete = new NpgsqlBatchCommand("""
            DELETE FROM article_sketch_keys WHERE article_id = @a AND sketch_key = ANY(ARRAY(
                SELECT get_byte(s.sketch, i)::bigint | (get_byte(s.sketch, i + 1)::bigint << 8) | (get_byte(s.sketch, i + 2)::bigint << 16)
                    | (get_byte(s.sketch, i + 3)::bigint << 24)
                FROM article_sketches s, generate_series(0, LEAST(length(s.sketch), @n * 4) - 4, 4) AS i
                WHERE s.article_id = @a))
            """);
        delete.Parameters.Add(a);
        delete.Parameters.Add(new NpgsqlParameter<int>("@n", NpgsqlTypes.NpgsqlDbType.Integer) { TypedValue = TextSketch.KeyCount });
        var upsert = new NpgsqlBatchCommand("""
            INSERT INTO article_sketches (article_id, shingles, sketch) VALUES (@a, @shingles, @sketch)
            ON CONFLICT (article_id) DO UPDATE SET shingles = excluded.shingles, sketch = excluded.sketch
            """);
        upsert.Parameters.Add(a.Clone());
        upsert.Parameters.Add(new NpgsqlParameter<int>("@shingles", NpgsqlTypes.NpgsqlDbType.Integer) { TypedValue = sketch.Shingles });
        upsert.Parameters.Add(new NpgsqlParameter<byte[]>("@sketch", NpgsqlTypes.NpgsqlDbType.Bytea) { TypedValue = sketch.ToBytes() });
        var keys = new NpgsqlBatchCommand(
            "INSERT INTO article_sketch_keys (sketch_key, article_id) SELECT k, @a FROM unnest(@keys) AS t(k) ON CONFLICT (sketch_key, article_id) DO NOTHING");
        keys.Parameters.Add(a.Clone());
        keys.Parameters.Add(PostgreSqlBatchCommands.Array("@keys", NpgsqlTypes.NpgsqlDbType.Bigint, sketch.Keys.ToArray().Select(k => (long)k).ToArray()));
        batch.BatchCommands.Add(delete);
        batch.BatchCommands.Add(upsert);
        batch.BatchCommands.Add(keys);
        await batch.ExecuteNonQueryAsync(ct);
    }
}
