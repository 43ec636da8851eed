using System.Globalization;
using Icmal.Model;
using Icmal.Text.Categories;
using Npgsql;
using NpgsqlTypes;
using static Icmal.Storage.PostgreSqlBatchCommands;

namespace Icmal.Storage;

/// <summary>
/// <see cref="ArticleFactsWriter.WriteManyAsync"/> and <see cref="CategoryStore.SetManyAsync"/> on PostgreSQL, inside a
/// batch's shared transaction: the facts of a whole batch in two round trips (statement batches of <c>unnest</c>ed
/// typed arrays) instead of about a dozen per article, the categories in one.
/// </summary>
/// <remarks>
/// The archive is the per-article path's. The entities are offered in the same rows and order (each article's
/// distinct keys, article after article), and each offered row takes an identity value as the per-article path's
/// <c>INSERT … ON CONFLICT DO NOTHING</c> does, so the new entities' ids are the same; an article's quotes name a
/// speaker only among its own entities, as there. The values are taken by <c>nextval</c> and only the keys not stored
/// yet are inserted (with the value of the first row offering each): at 1M articles nearly every key is stored, and
/// the insert of every offered row probed the key's index and set up a speculative insertion for each, 398k buffers
/// of 10,000 articles for no new row (docs/benchmarks.md, pgwrites). The new entities' words go in with the mentions.
/// </remarks>
internal static class PostgreSqlFactsBatch
{
    public static async Task WriteAsync(NpgsqlConnection conn, IReadOnlyList<(long ArticleId, ArticleFacts Facts)> items, int version, CancellationToken ct)
    {
        if (items.Count == 0) return;
        long[] articleIds = items.Select(i => i.ArticleId).ToArray();
        var perArticle = items.Select(i => Distinct(i.Facts.Entities)).ToArray();
        var offered = perArticle.SelectMany(e => e).ToArray();
        var keys = offered.Select(e => e.Key).Distinct(StringComparer.Ordinal).ToArray();

        var ids = new Dictionary<string, long>(StringComparer.Ordinal);
        var reserved = new long[offered.Length];
        await using (var first = new NpgsqlBatch(conn))
        {
            foreach (string table in (string[])["article_entities", "article_quotes", "article_figures"])
                first.BatchCommands.Add(Command($"DELETE FROM {table} WHERE article_id = ANY(@a)", Array("@a", NpgsqlDbType.Bigint, articleIds)));
            first.BatchCommands.Add(Command("SELECT entity_key, id FROM entities WHERE entity_key = ANY(@keys)", Array("@keys", NpgsqlDbType.Text, keys)));
            first.BatchCommands.Add(Command(NextEntityIds,
                new NpgsqlParameter<int>("@n", NpgsqlDbType.Integer) { TypedValue = offered.Length }));
            await using var reader = await first.ExecuteReaderAsync(ct);
            // The deletes give no rows; then the stored entities' ids, then the identity values, one per offered row.
            while (reader.FieldCount == 0 && await reader.NextResultAsync(ct)) { }
            while (await reader.ReadAsync(ct)) ids[reader.GetString(0)] = reader.GetInt64(1);
            await reader.NextResultAsync(ct);
            for (int k = 0; await reader.ReadAsync(ct); k++) reserved[k] = reader.GetInt64(0);
        }
        // The keys not stored yet, each with the identity value of the first row that offers it, as the insert of
        // every offered row (ON CONFLICT DO NOTHING) would have given it; the rows of stored keys took theirs unused.
        var fresh = new List<int>();
        // The words of the entities this batch adds (the rows RETURNING gives; a key another writer stored meanwhile
        // is that writer's to index), written with the rows below.
        var added = new List<(string Word, long Id)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int k = 0; k < offered.Length; k++)
            if (!ids.ContainsKey(offered[k].Key) && seen.Add(offered[k].Key)) fresh.Add(k);
        if (fresh.Count > 0)
        {
            await using var insert = new NpgsqlCommand("""
                INSERT INTO entities (id, entity_key, name, kind)
                SELECT i, k, n, c FROM unnest(@i, @k, @n, @c) WITH ORDINALITY AS t(i, k, n, c, o) ORDER BY o
                ON CONFLICT (entity_key) DO NOTHING
                RETURNING entity_key, id
                """, conn);
            insert.Parameters.Add(Array("@i", NpgsqlDbType.Bigint, fresh.Select(k => reserved[k]).ToArray()));
            insert.Parameters.Add(Array("@k", NpgsqlDbType.Text, fresh.Select(k => offered[k].Key).ToArray()));
            insert.Parameters.Add(Array("@n", NpgsqlDbType.Text, fresh.Select(k => offered[k].Name).ToArray()));
            insert.Parameters.Add(Array("@c", NpgsqlDbType.Text, fresh.Select(k => FactCodes.Code(offered[k].Kind)).ToArray()));
            await using (var reader = await insert.ExecuteReaderAsync(ct))
                while (await reader.ReadAsync(ct))
                {
                    string key = reader.GetString(0);
                    long id = reader.GetInt64(1);
                    ids[key] = id;
                    added.AddRange(EntityStore.WordsOf(key).Select(w => (w, id)));
                }
            // A key another writer stored since the look-up (its insert waited for that writer): its id as stored.
            var late = fresh.Select(k => offered[k].Key).Where(key => !ids.ContainsKey(key)).ToArray();
            if (late.Length > 0)
            {
                await using var again = new NpgsqlCommand("SELECT entity_key, id FROM entities WHERE entity_key = ANY(@keys)", conn);
                again.Parameters.Add(Array("@keys", NpgsqlDbType.Text, late));
                await using var reader = await again.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct)) ids[reader.GetString(0)] = reader.GetInt64(1);
            }
        }

        var mentions = perArticle.SelectMany((list, k) => list.Select(e => (Article: articleIds[k], Entity: e))).ToArray();
        var quotes = items.SelectMany((item, k) => item.Facts.Quotes.Select(q => (Article: item.ArticleId, Quote: q,
            Speaker: q.SpeakerKey is { } key && perArticle[k].Any(e => string.Equals(e.Key, key, StringComparison.Ordinal)) ? ids[key] : (long?)null))).ToArray();
        var figures = items.SelectMany(item => item.Facts.Figures.Select(f => (Article: item.ArticleId, Figure: f))).ToArray();
        await using var second = new NpgsqlBatch(conn);
        if (added.Count > 0)
            second.BatchCommands.Add(Command("INSERT INTO entity_words (word, entity_id) SELECT * FROM unnest(@w, @e)",
                Array("@w", NpgsqlDbType.Text, added.Select(a => a.Word).ToArray()),
                Array("@e", NpgsqlDbType.Bigint, added.Select(a => a.Id).ToArray())));
        if (mentions.Length > 0)
            second.BatchCommands.Add(Command("""
                INSERT INTO article_entities (article_id, entity_id, mentions, first_at, forms) SELECT * FROM unnest(@a, @e, @m, @f, @forms)
                """,
                Array("@a", NpgsqlDbType.Bigint, mentions.Select(m => m.Article).ToArray()),
                Array("@e", NpgsqlDbType.Bigint, mentions.Select(m => ids[m.Entity.Key]).ToArray()),
                Array("@m", NpgsqlDbType.Integer, mentions.Select(m => m.Entity.Mentions).ToArray()),
                Array("@f", NpgsqlDbType.Integer, mentions.Select(m => m.Entity.FirstAt).ToArray()),
                Array("@forms", NpgsqlDbType.Text, mentions.Select(m => string.Join('\n', m.Entity.Forms)).ToArray())));
        if (quotes.Length > 0)
            second.BatchCommands.Add(Command("""
                INSERT INTO article_quotes (article_id, position, form, speaker_id, quote) SELECT * FROM unnest(@a, @p, @f, @s, @q)
                """,
                Array("@a", NpgsqlDbType.Bigint, quotes.Select(q => q.Article).ToArray()),
                Array("@p", NpgsqlDbType.Integer, quotes.Select(q => q.Quote.Position).ToArray()),
                Array("@f", NpgsqlDbType.Text, quotes.Select(q => FactCodes.Code(q.Quote.Form)).ToArray()),
                Array("@s", NpgsqlDbType.Bigint, quotes.Select(q => q.Speaker).ToArray()),
                Array("@q", NpgsqlDbType.Text, quotes.Select(q => q.Quote.Text).ToArray())));
        if (figures.Length > 0)
            second.BatchCommands.Add(Command("""
                INSERT INTO article_figures (article_id, position, amount, unit, measure, approximate, figure)
                SELECT * FROM unnest(@a, @p, @amount, @unit, @measure, @approximate, @figure)
                """,
                Array("@a", NpgsqlDbType.Bigint, figures.Select(f => f.Article).ToArray()),
                Array("@p", NpgsqlDbType.Integer, figures.Select(f => f.Figure.Position).ToArray()),
                Array("@amount", NpgsqlDbType.Text, figures.Select(f => f.Figure.Amount.ToString(CultureInfo.InvariantCulture)).ToArray()),
                Array("@unit", NpgsqlDbType.Text, figures.Select(f => f.Figure.Unit).ToArray()),
                Array("@measure", NpgsqlDbType.Text, figures.Select(f => f.Figure.Measure).ToArray()),
                Array("@approximate", NpgsqlDbType.Boolean, figures.Select(f => f.Figure.Approximate).ToArray()),
                Array("@figure", NpgsqlDbType.Text, figures.Select(f => f.Figure.Text).ToArray())));
        second.BatchCommands.Add(Command("""
            INSERT INTO article_facts (article_id, version) SELECT a, @v FROM unnest(@a) AS t(a)
            ON CONFLICT (article_id) DO UPDATE SET version = excluded.version
            """, Array("@a", NpgsqlDbType.Bigint, articleIds), new NpgsqlParameter<int>("@v", NpgsqlDbType.Integer) { TypedValue = version }));
        await second.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Many articles' categories in one statement, each replacing an earlier one.</summary>
    public static async Task SetCategoriesAsync(NpgsqlConnection conn, IReadOnlyList<(long ArticleId, CategoryAssignment Assignment)> items, CancellationToken ct)
    {
        if (items.Count == 0) return;
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO article_categories (article_id, category, origin, confidence) SELECT * FROM unnest(@a, @c, @o, @p)
            ON CONFLICT (article_id) DO UPDATE SET category = excluded.category, origin = excluded.origin, confidence = excluded.confidence
            """, conn);
        cmd.Parameters.Add(Array("@a", NpgsqlDbType.Bigint, items.Select(i => i.ArticleId).ToArray()));
        cmd.Parameters.Add(Array("@c", NpgsqlDbType.Text, items.Select(i => i.Assignment.Category.Slug()).ToArray()));
        cmd.Parameters.Add(Array("@o", NpgsqlDbType.Text, items.Select(i => CategoryStore.Code(i.Assignment.Origin)).ToArray()));
        cmd.Parameters.Add(Array("@p", NpgsqlDbType.Double, items.Select(i => i.Assignment.Confidence).ToArray()));
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>An article's entities once each, by key, in their order (as <see cref="EntityStore.ReplaceAsync"/> takes them).</summary>
    private static List<FactEntity> Distinct(IReadOnlyList<FactEntity> entities)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        return entities.Where(e => keys.Add(e.Key)).ToList();
    }
}
