using Icmal.Text.Similarity;
using Npgsql;

namespace Icmal.Storage;

/// <summary>
/// <see cref="SketchStore.AddAsync"/> on PostgreSQL in one round trip (it was four, a quarter of an imported article's): the
/// old sketch's keys are read from its stored bytes by the delete itself (little-endian, as
/// <see cref="SketchStore"/>'s portable path reads them), then the sketch and the new keys.
/// </summary>
internal static class PostgreSqlSketchBatch
{
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
