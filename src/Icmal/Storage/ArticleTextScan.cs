using System.Runtime.CompilerServices;

namespace Icmal.Storage;

/// <summary>One stored article's searchable text and the addresses it is known by.</summary>
/// <param name="Origin">Where its raw document came from: the URL fetched or the file imported.</param>
/// <param name="TextHash">SHA-256 of the body: articles with equal hashes are copies of one text.</param>
public sealed record StoredText(long Id, string? Url, string Origin, string Title, string Body, string TextHash, string? Site, DateTimeOffset? Published);

/// <summary>
/// Reads every stored article's text in id order, streamed a batch at a time (a seek on the primary key, so a
/// million-article archive costs no more memory than one batch): what the known-item evaluation resolves expected
/// addresses with and what its out-of-the-box FTS5 baseline is built from.
/// </summary>
public sealed class ArticleTextScan(Database database)
{
    private const int Batch = 500;

    /// <summary>Every article, id ascending.</summary>
    public async IAsyncEnumerable<StoredText> ReadAllAsync([EnumeratorCancellation] CancellationToken ct)
    {
        var d = database.Dialect;
        long after = 0;
        while (true)
        {
            List<StoredText> rows;
            await using (var conn = await database.ConnectAsync(ct))
            {
                rows = await Sql.ListAsync(conn, """
                    SELECT a.id, a.url, d.origin, a.title, a.body, a.text_sha256, a.site, a.published_at
                    FROM articles a JOIN documents d ON d.id = a.document_id
                    WHERE a.id > @after
                    ORDER BY a.id
                    LIMIT @limit
                    """, r => new StoredText(
                        r.GetInt64(0),
                        r.IsDBNull(1) ? null : r.GetString(1),
                        r.GetString(2),
                        r.GetString(3),
                        r.GetString(4),
                        r.GetString(5),
                        r.IsDBNull(6) ? null : r.GetString(6),
                        d.ReadTimeOrNull(r, 7)), ct, ("@after", after), ("@limit", Batch));
            }
            foreach (var row in rows) yield return row;
            if (rows.Count < Batch) yield break;
            after = rows[^1].Id;
        }
    }
}
