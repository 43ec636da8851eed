using Icmal.Analysis;
using Icmal.Model;
using Npgsql;
using NpgsqlTypes;
using static Icmal.Storage.PostgreSqlBatchCommands;

namespace Icmal.Storage;

/// <summary>
/// <see cref="ArticleStore.AddManyAsync"/> on PostgreSQL: a whole batch in four statements (the documents, the
/// articles of the new ones, the ones already stored, their search rows), each column sent as one typed array and
/// spread back into rows by <c>unnest</c>, instead of two or three round trips per article. The outcome is the
/// per-article path's: documents seen before are not stored again (their article's id is returned), ids follow the
/// order given, and all of it is in the caller's one transaction.
/// </summary>
/// <remarks>
/// Concurrency is the per-article path's too. The documents are inserted in hash order (two batches sharing hashes
/// wait on them in one order, so never on each other in a cycle) with <c>ON CONFLICT DO NOTHING</c>, which waits for a
/// writer of the same hash still in its transaction; the look-up of the hashes not inserted runs after it, as a new
/// statement with a new snapshot, and so sees that writer's committed article.
/// </remarks>
internal static class PostgreSqlArticleBatch
{
    /// <summary>The new documents, in the arrays' order (<c>WITH ORDINALITY</c>): the id and hash of each one inserted.</summary>
    private const string InsertDocuments = """
        INSERT INTO documents (sha256, origin, url, format, charset, size_bytes, archived_at, raw_brotli)
        SELECT sha256, origin, url, format, charset, size_bytes, archived_at, raw_brotli
        FROM unnest(@sha256, @origin, @url, @format, @charset, @size_bytes, @archived_at, @raw_brotli)
            WITH ORDINALITY AS t(sha256, origin, url, format, charset, size_bytes, archived_at, raw_brotli, n)
        ORDER BY n
        ON CONFLICT (sha256) DO NOTHING
        RETURNING id, sha256
        """;

    private const string FindPresent = """
        SELECT d.sha256, a.id FROM documents d JOIN articles a ON a.document_id = d.id WHERE d.sha256 = ANY(@h)
        """;

    /// <summary>The articles in the arrays' order, so that their identity ids follow it.</summary>
    private const string InsertArticles = """
        INSERT INTO articles (document_id, url, title, title_derived, section, authors, published_at, published_from, modified_at,
            archived_at, sort_at, site, language, image_url, tags, original_name, original_url, blocks, body, text_sha256, story_id)
        SELECT doc, url, title, derived, section, authors, published, published_from, modified,
            archived, sort, site, language, image, tags, orig_name, orig_url, blocks, body, text_hash, NULL
        FROM unnest(@doc, @url, @title, @derived, @section, @authors, @published, @published_from, @modified,
                @archived, @sort, @site, @language, @image, @tags, @orig_name, @orig_url, @blocks, @body, @text_hash)
            WITH ORDINALITY AS t(doc, url, title, derived, section, authors, published, published_from, modified,
                archived, sort, site, language, image, tags, orig_name, orig_url, blocks, body, text_hash, n)
        ORDER BY n
        RETURNING id, document_id
        """;

    /// <summary>
    /// Stores the batch in <paramref name="tx"/>: one result per item, in order (an item naming a document stored
    /// before, or earlier in the batch, is <see cref="StoreStatus.AlreadyPresent"/> with that article's id).
    /// </summary>
    /// <remarks>
    /// In <paramref name="inGivenOrder"/> every item's document is offered in the order given, a hash repeated in the
    /// batch too: the repeat takes an identity value and inserts nothing, as it does on the per-article path, so the
    /// ids are that path's.
    /// </remarks>
    public static async Task<StoreResult[]> AddAsync(NpgsqlConnection conn, NpgsqlTransaction? tx,
        IReadOnlyList<(NewDocument Document, Article Article, SearchDocument Search)> items, byte[][] compressed, PostgreSqlSearchEngine search,
        bool inGivenOrder, CancellationToken ct)
    {
        // The first item of each hash, in hash order; later ones of a hash share its result.
        var firstOfHash = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < items.Count; i++) firstOfHash.TryAdd(items[i].Document.Sha256, i);
        var firsts = firstOfHash.Values.OrderBy(i => items[i].Document.Sha256, StringComparer.Ordinal).ToArray();

        var documentIds = await InsertDocumentsAsync(conn, tx, items, compressed, inGivenOrder ? Enumerable.Range(0, items.Count).ToArray() : firsts, ct);
        var results = new StoreResult?[items.Count];
        var present = firsts.Where(i => !documentIds.ContainsKey(items[i].Document.Sha256)).Select(i => items[i].Document.Sha256).ToArray();
        if (present.Length > 0)
        {
            var existing = new Dictionary<string, long>(StringComparer.Ordinal);
            await using (var cmd = new NpgsqlCommand(FindPresent, conn, tx))
            {
                cmd.Parameters.Add(Array("@h", NpgsqlDbType.Text, present));
                await using var reader = await cmd.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct)) existing[reader.GetString(0)] = reader.GetInt64(1);
            }
            foreach (string hash in present)
            {
                results[firstOfHash[hash]] = existing.TryGetValue(hash, out long id)
                    ? new StoreResult(StoreStatus.AlreadyPresent, id)
                    : throw new InvalidOperationException($"document {hash} is stored without its article");
            }
        }

        // The new documents' articles in the order given.
        var fresh = Enumerable.Range(0, items.Count).Where(i => firstOfHash[items[i].Document.Sha256] == i && documentIds.ContainsKey(items[i].Document.Sha256)).ToArray();
        if (fresh.Length > 0)
        {
            var articleIds = await InsertArticlesAsync(conn, tx, items, fresh, documentIds, ct);
            var rows = new List<(long ArticleId, SearchDocument Document, IReadOnlyList<Facet> Facets)>(fresh.Length);
            foreach (int i in fresh)
            {
                var (document, article, keys) = items[i];
                long articleId = articleIds[documentIds[document.Sha256]];
                results[i] = new StoreResult(StoreStatus.Stored, articleId);
                rows.Add((articleId, keys, SearchFacets.Of(article.Site, article.Url, article.Language, SortAt(article))));
            }
            await search.InsertNewAsync(conn, tx!, rows, ct);
        }
        for (int i = 0; i < items.Count; i++)
        {
            int first = firstOfHash[items[i].Document.Sha256];
            if (first != i) results[i] = new StoreResult(StoreStatus.AlreadyPresent, results[first]!.ArticleId);
        }
        return results.Select(r => r!).ToArray();
    }

    private static DateTimeOffset SortAt(Article article) => article.PlausiblePublished ?? article.Archived;

    /// <summary>Inserts the documents not stored yet: the new id of each, by hash.</summary>
    private static async Task<Dictionary<string, long>> InsertDocumentsAsync(NpgsqlConnection conn, NpgsqlTransaction? tx,
        IReadOnlyList<(NewDocument Document, Article Article, SearchDocument Search)> items, byte[][] compressed, int[] firsts, CancellationToken ct)
    {
        NewDocument Doc(int i) => items[i].Document;
        await using var cmd = new NpgsqlCommand(InsertDocuments, conn, tx);
        cmd.Parameters.Add(Array("@sha256", NpgsqlDbType.Text, firsts.Select(i => Doc(i).Sha256).ToArray()));
        cmd.Parameters.Add(Array("@origin", NpgsqlDbType.Text, firsts.Select(i => Doc(i).Origin).ToArray()));
        cmd.Parameters.Add(Array("@url", NpgsqlDbType.Text, firsts.Select(i => Doc(i).Url).ToArray()));
        cmd.Parameters.Add(Array("@format", NpgsqlDbType.Text, firsts.Select(i => Doc(i).Format).ToArray()));
        cmd.Parameters.Add(Array("@charset", NpgsqlDbType.Text, firsts.Select(i => Doc(i).Charset).ToArray()));
        cmd.Parameters.Add(Array("@size_bytes", NpgsqlDbType.Bigint, firsts.Select(i => (long)Doc(i).Raw.Length).ToArray()));
        cmd.Parameters.Add(Array("@archived_at", NpgsqlDbType.TimestampTz, firsts.Select(i => Doc(i).Archived.ToUniversalTime()).ToArray()));
        cmd.Parameters.Add(Array("@raw_brotli", NpgsqlDbType.Bytea, firsts.Select(i => compressed[i]).ToArray()));
        var ids = new Dictionary<string, long>(firsts.Length, StringComparer.Ordinal);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) ids[reader.GetString(1)] = reader.GetInt64(0);
        return ids;
    }

    /// <summary>Inserts the articles of <paramref name="fresh"/> (items whose document was just inserted): article id by document id.</summary>
    private static async Task<Dictionary<long, long>> InsertArticlesAsync(NpgsqlConnection conn, NpgsqlTransaction? tx,
        IReadOnlyList<(NewDocument Document, Article Article, SearchDocument Search)> items, int[] fresh, Dictionary<string, long> documentIds,
        CancellationToken ct)
    {
        var a = fresh.Select(i => items[i].Article).ToArray();
        var bodies = a.Select(x => x.Text).ToArray();
        await using var cmd = new NpgsqlCommand(InsertArticles, conn, tx);
        cmd.Parameters.Add(Array("@doc", NpgsqlDbType.Bigint, fresh.Select(i => documentIds[items[i].Document.Sha256]).ToArray()));
        cmd.Parameters.Add(Array("@url", NpgsqlDbType.Text, a.Select(x => x.Url).ToArray()));
        cmd.Parameters.Add(Array("@title", NpgsqlDbType.Text, a.Select(x => x.Title).ToArray()));
        cmd.Parameters.Add(Array("@derived", NpgsqlDbType.Boolean, a.Select(x => x.TitleDerived).ToArray()));
        cmd.Parameters.Add(Array("@section", NpgsqlDbType.Text, a.Select(x => x.Section).ToArray()));
        cmd.Parameters.Add(Array("@authors", NpgsqlDbType.Text, a.Select(x => ArticleRows.Json(x.Authors)).ToArray()));
        cmd.Parameters.Add(Array("@published", NpgsqlDbType.TimestampTz, a.Select(x => x.Published?.ToUniversalTime()).ToArray()));
        cmd.Parameters.Add(Array("@published_from", NpgsqlDbType.Text, a.Select(x => x.Published is null ? null : x.PublishedFrom?.Code).ToArray()));
        cmd.Parameters.Add(Array("@modified", NpgsqlDbType.TimestampTz, a.Select(x => x.Modified?.ToUniversalTime()).ToArray()));
        cmd.Parameters.Add(Array("@archived", NpgsqlDbType.TimestampTz, a.Select(x => x.Archived.ToUniversalTime()).ToArray()));
        cmd.Parameters.Add(Array("@sort", NpgsqlDbType.TimestampTz, a.Select(x => SortAt(x).ToUniversalTime()).ToArray()));
        cmd.Parameters.Add(Array("@site", NpgsqlDbType.Text, a.Select(x => x.Site).ToArray()));
        cmd.Parameters.Add(Array("@language", NpgsqlDbType.Text, a.Select(x => x.Language).ToArray()));
        cmd.Parameters.Add(Array("@image", NpgsqlDbType.Text, a.Select(x => x.ImageUrl).ToArray()));
        cmd.Parameters.Add(Array("@tags", NpgsqlDbType.Text, a.Select(x => ArticleRows.Json(x.Tags)).ToArray()));
        cmd.Parameters.Add(Array("@orig_name", NpgsqlDbType.Text, a.Select(x => x.Original?.Name).ToArray()));
        cmd.Parameters.Add(Array("@orig_url", NpgsqlDbType.Text, a.Select(x => x.Original?.Url).ToArray()));
        cmd.Parameters.Add(Array("@blocks", NpgsqlDbType.Text, a.Select(x => BlockCodec.Encode(x.Blocks)).ToArray()));
        cmd.Parameters.Add(Array("@body", NpgsqlDbType.Text, bodies));
        cmd.Parameters.Add(Array("@text_hash", NpgsqlDbType.Text, bodies.Select(b => Hashing.Sha256Hex(b)).ToArray()));
        var ids = new Dictionary<long, long>(fresh.Length);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) ids[reader.GetInt64(1)] = reader.GetInt64(0);
        return ids;
    }
}
