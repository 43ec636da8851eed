using Icmal.Model;

namespace Icmal.Storage;

/// <summary>Each article's quotes, in text order, with the speaker as an archive entity (<see cref="EntityStore"/>).</summary>
public sealed class QuoteStore(Database database)
{
    private const string Columns = "q.article_id, q.position, q.form, q.quote, e.id, e.entity_key, e.name, e.kind";

    /// <summary>Replaces an article's quotes; a speaker key is resolved through <paramref name="entityIds"/> (the article's entities).</summary>
    public async Task ReplaceAsync(long articleId, IReadOnlyList<FactQuote> quotes, IReadOnlyDictionary<string, long> entityIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(quotes);
        ArgumentNullException.ThrowIfNull(entityIds);
        await using var conn = await database.ConnectAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await Sql.ExecAsync(conn, tx, "DELETE FROM article_quotes WHERE article_id = @a", ct, ("@a", articleId));
        foreach (var q in quotes)
        {
            long? speaker = q.SpeakerKey is { } key && entityIds.TryGetValue(key, out long id) ? id : null;
            await Sql.ExecAsync(conn, tx, "INSERT INTO article_quotes (article_id, position, form, speaker_id, quote) VALUES (@a, @p, @f, @s, @q)", ct,
                ("@a", articleId), ("@p", q.Position), ("@f", FactCodes.Code(q.Form)), ("@s", Sql.Nullable(speaker)), ("@q", q.Text));
        }
        await tx.CommitAsync(ct);
    }

    /// <summary>An article's quotes in text order.</summary>
    public async Task<IReadOnlyList<StoredQuote>> ForArticleAsync(long articleId, CancellationToken ct)
    {
        await using var conn = await database.ConnectAsync(ct);
        return await Sql.ListAsync(conn, $"""
            SELECT {Columns} FROM article_quotes q LEFT JOIN entities e ON e.id = q.speaker_id WHERE q.article_id = @a ORDER BY q.position
            """, Read, ct, ("@a", articleId));
    }

    /// <summary>What an entity said, newest articles first.</summary>
    public async Task<IReadOnlyList<StoredQuote>> BySpeakerAsync(long entityId, int limit, CancellationToken ct)
    {
        await using var conn = await database.ConnectAsync(ct);
        return await Sql.ListAsync(conn, $"""
            SELECT {Columns} FROM article_quotes q JOIN entities e ON e.id = q.speaker_id JOIN articles a ON a.id = q.article_id
            WHERE q.speaker_id = @e ORDER BY a.sort_at DESC, q.article_id DESC, q.position LIMIT @n
            """, Read, ct, ("@e", entityId), ("@n", limit));
    }

    private static StoredQuote Read(System.Data.Common.DbDataReader r) =>
        new(r.GetInt64(0), r.GetInt32(1), FactCodes.ParseForm(r.GetString(2)), r.GetString(3), r.IsDBNull(4) ? null : EntityStore.ReadEntity(r, 4));
}
