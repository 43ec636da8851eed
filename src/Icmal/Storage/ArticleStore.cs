using System.Data.Common;
using Icmal.Analysis;
using Icmal.Model;

namespace Icmal.Storage;

/// <summary>A raw document to archive: the bytes exactly as received, and where and when they came from.</summary>
public sealed record NewDocument(
    string Sha256,
    string Origin,
    string? Url,
    string Format,
    string? Charset,
    ReadOnlyMemory<byte> Raw,
    DateTimeOffset Archived);

/// <summary>What storing a document and its article came to.</summary>
public enum StoreStatus
{
    Stored,
    AlreadyPresent,
}

public sealed record StoreResult(StoreStatus Status, long ArticleId);

/// <summary>A page of articles, newest first.</summary>
public sealed record ArticleQuery(int Limit = 30, int Offset = 0, long? StoryId = null);

/// <summary>
/// Documents (the raw bytes as received, brotli-compressed) and the articles extracted from them. A document and its
/// article are written in one transaction: a process killed at any point leaves both or neither, so an import can
/// simply be run again. Lists are newest first by sort time (the plausible publication time, else the archive time).
/// </summary>
public sealed partial class ArticleStore(Database database)
{
    private readonly SqlDialect _d = database.Dialect;

    /// <summary>A document, unless one with its hash is stored: the new row's id, or no row.</summary>
    private readonly string _insertDocument = database.Dialect.InsertIfAbsent("documents",
        ["sha256", "origin", "url", "format", "charset", "size_bytes", "archived_at", "raw_brotli"], ["sha256"]) + " RETURNING id";

    /// <summary>The id of the article whose raw document has this hash, if it was stored before.</summary>
    public async Task<long?> FindByDocumentHashAsync(string sha256, CancellationToken ct)
    {
        await using var conn = await database.ConnectAsync(ct);
        return await Sql.Int64OrNullAsync(conn, null,
            "SELECT a.id FROM documents d JOIN articles a ON a.document_id = d.id WHERE d.sha256 = @h", ct, ("@h", sha256));
    }

    /// <summary>The ids of the articles whose raw documents have these hashes, by hash (one query for a batch's look-ups).</summary>
    public async Task<IReadOnlyDictionary<string, long>> FindByDocumentHashesAsync(IReadOnlyCollection<string> hashes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        var found = new Dictionary<string, long>(StringComparer.Ordinal);
        if (hashes.Count == 0) return found;
        await using var conn = await database.ConnectAsync(ct);
        foreach (var (hash, id) in await Sql.ListAsync(conn,
                     $"SELECT d.sha256, a.id FROM documents d JOIN articles a ON a.document_id = d.id WHERE {_d.InList("d.sha256", "@h")}",
                     r => (r.GetString(0), r.GetInt64(1)), ct, ("@h", _d.ListValue(hashes))))
            found[hash] = id;
        return found;
    }

    /// <summary>Stores a document and its article atomically; a document seen before is not stored again.</summary>
    public Task<StoreResult> AddAsync(NewDocument document, Article article, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(article);
        return AddAsync(document, article, SearchDocument.Of(article), ct);
    }

    /// <summary>
    /// Stores a document, its article and the article's search keys (made by analysis) atomically: an article is never
    /// stored without its index entry, nor indexed without being stored. A document seen before is not stored again.
    /// </summary>
    public async Task<StoreResult> AddAsync(NewDocument document, Article article, SearchDocument search, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(article);
        ArgumentNullException.ThrowIfNull(search);
        byte[] compressed = Sql.Compress(document.Raw.Span);
        await using var conn = await database.ConnectAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var result = await InsertAsync(conn, tx, document, compressed, article, search, ct);
        // Committed when the document was present too (nothing was written): inside a shared transaction
        // (Database.InOneTransactionAsync) a part left uncommitted would fail the whole.
        await tx.CommitAsync(ct);
        return result;
    }

    /// <summary>
    /// Stores many documents with their articles and search keys in one transaction: all or none. For bulk loads (a
    /// benchmark's archive, a large import) where one transaction per article would be most of the cost: every commit
    /// also writes a new search index segment that later merges rewrite. Documents seen before are not stored again.
    /// </summary>
    /// <param name="inGivenOrder">
    /// Insert the documents in the order given rather than by hash: their ids are then the ones the per-article path
    /// gives (what the ingest pipeline's batches need, whose archive must be the per-article path's). Two writers
    /// sharing documents may then deadlock; the database fails one of them, and the pipeline runs that batch again
    /// one by one.
    /// </param>
    public async Task<IReadOnlyList<StoreResult>> AddManyAsync(IReadOnlyList<(NewDocument Document, Article Article, SearchDocument Search)> items, CancellationToken ct,
        bool inGivenOrder = false)
    {
        ArgumentNullException.ThrowIfNull(items);
        for (int i = 0; i < items.Count; i++)
        {
            ArgumentNullException.ThrowIfNull(items[i].Document);
            ArgumentNullException.ThrowIfNull(items[i].Article);
            ArgumentNullException.ThrowIfNull(items[i].Search);
        }
        var compressed = Sql.CompressAll(items.Count, i => items[i].Document.Raw);
        // PostgreSQL: a few statements per batch instead of a round trip per row (the same outcome, below; BatchWriters).
        if (_d.Batches.AddArticles(database, null, null, items, compressed, inGivenOrder, ct) is { } inShared)
            return await inShared;
        await using var conn = await database.ConnectAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (_d.Batches.AddArticles(database, conn, tx, items, compressed, inGivenOrder, ct) is { } batched)
        {
            var stored = await batched;
            await tx.CommitAsync(ct);
            return stored;
        }
        // The documents first, in hash order: two batches sharing documents then wait on each other's hashes in one
        // order, never each holding what the other waits for (PostgreSQL would break such a deadlock by failing one).
        // The articles after, in the order given, so that their ids follow it.
        var documentIds = new long?[items.Count];
        var results = new StoreResult?[items.Count];
        var firstOfHash = new Dictionary<string, int>(StringComparer.Ordinal);
        var order = inGivenOrder ? Enumerable.Range(0, items.Count) : Enumerable.Range(0, items.Count).OrderBy(i => items[i].Document.Sha256, StringComparer.Ordinal);
        foreach (int i in order)
        {
            if (firstOfHash.TryAdd(items[i].Document.Sha256, i))
                (documentIds[i], results[i]) = await ClaimDocumentAsync(conn, tx, items[i].Document, compressed[i], ct);
        }
        for (int i = 0; i < items.Count; i++)
        {
            int first = firstOfHash[items[i].Document.Sha256];
            if (first != i) results[i] = new StoreResult(StoreStatus.AlreadyPresent, results[first]!.ArticleId); // twice in this batch
            else if (documentIds[i] is { } documentId) results[i] = await InsertArticleAsync(conn, tx, documentId, items[i].Article, items[i].Search, ct);
        }
        await tx.CommitAsync(ct);
        return results.Select(r => r!).ToList();
    }

    /// <summary>One document, its article and its index entry in the caller's transaction, unless the document is stored already.</summary>
    private async Task<StoreResult> InsertAsync(DbConnection conn, DbTransaction tx, NewDocument document, byte[] compressed, Article article,
        SearchDocument search, CancellationToken ct)
    {
        var (documentId, present) = await ClaimDocumentAsync(conn, tx, document, compressed, ct);
        return documentId is { } id ? await InsertArticleAsync(conn, tx, id, article, search, ct) : present!;
    }

    /// <summary>
    /// Inserts a document unless its hash is stored: the new row's id, or the article already stored from that hash.
    /// </summary>
    /// <remarks>
    /// It inserts first and looks only when the hash is taken: a look first would let two writers (two crawlers on one
    /// PostgreSQL) both find nothing and both insert, the second failing on the unique hash. The insert waits for a
    /// writer of the same hash still in its transaction, then does nothing, and the look after it (a new snapshot)
    /// sees that writer's committed row; if that writer rolled back, the insert goes ahead instead.
    /// </remarks>
    private async Task<(long? DocumentId, StoreResult? Present)> ClaimDocumentAsync(DbConnection conn, DbTransaction tx, NewDocument document,
        byte[] compressed, CancellationToken ct)
    {
        if (await Sql.Int64OrNullAsync(conn, tx, _insertDocument, ct,
                ("@sha256", document.Sha256), ("@origin", document.Origin), ("@url", document.Url), ("@format", document.Format),
                ("@charset", document.Charset), ("@size_bytes", (long)document.Raw.Length), ("@archived_at", _d.Time(document.Archived)),
                ("@raw_brotli", compressed)) is { } documentId)
            return (documentId, null);
        return await Sql.Int64OrNullAsync(conn, tx, "SELECT a.id FROM documents d JOIN articles a ON a.document_id = d.id WHERE d.sha256 = @h", ct,
                ("@h", document.Sha256)) is { } existing
            ? (null, new StoreResult(StoreStatus.AlreadyPresent, existing))
            : throw new InvalidOperationException($"document {document.Sha256} is stored without its article");
    }

    /// <summary>An article of a document just inserted, and its index entry, in the caller's transaction.</summary>
    private async Task<StoreResult> InsertArticleAsync(DbConnection conn, DbTransaction tx, long documentId, Article article, SearchDocument search,
        CancellationToken ct)
    {
        string body = article.Text;
        var sortAt = article.PlausiblePublished ?? article.Archived;
        long articleId = await Sql.Int64Async(conn, tx, """
            INSERT INTO articles (document_id, url, title, title_derived, section, authors, published_at, published_from, modified_at,
                archived_at, sort_at, site, language, image_url, tags, original_name, original_url, blocks, body, text_sha256, story_id)
            VALUES (@doc, @url, @title, @derived, @section, @authors, @published, @publishedFrom, @modified,
                @archived, @sort, @site, @language, @image, @tags, @origName, @origUrl, @blocks, @body, @textHash, NULL)
            RETURNING id
            """, ct,
            ("@doc", documentId), ("@url", article.Url), ("@title", article.Title), ("@derived", article.TitleDerived),
            ("@section", article.Section),
            ("@authors", ArticleRows.Json(article.Authors)), ("@published", _d.TimeOrNull(article.Published)),
            ("@publishedFrom", article.Published is null ? null : article.PublishedFrom?.Code),
            ("@modified", _d.TimeOrNull(article.Modified)), ("@archived", _d.Time(article.Archived)),
            ("@sort", _d.Time(sortAt)),
            ("@site", article.Site), ("@language", article.Language), ("@image", article.ImageUrl),
            ("@tags", ArticleRows.Json(article.Tags)), ("@origName", article.Original?.Name),
            ("@origUrl", article.Original?.Url), ("@blocks", BlockCodec.Encode(article.Blocks)), ("@body", body),
            ("@textHash", Hashing.Sha256Hex(body)));
        if (database.Dialect.Search is { } engine)
            await engine.IndexAsync(conn, tx, articleId, search, SearchFacets.Of(article.Site, article.Url, article.Language, sortAt), ct);

        return new StoreResult(StoreStatus.Stored, articleId);
    }

    /// <summary>Newest first, by offset (for small lists and the CLI; the portal pages with <see cref="ListPageAsync"/>).</summary>
    public async Task<IReadOnlyList<Article>> ListAsync(ArticleQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        int limit = Math.Clamp(query.Limit, 1, 500);
        int offset = Math.Max(0, query.Offset);
        await using var conn = await database.ConnectAsync(ct);
        // Two statements, not "(@story IS NULL OR story_id = @story)": with the OR the planner walks the sort index
        // from the newest article to find a story's (all 100,000 of them for a story of 2016), with the story alone
        // it reads the story's rows by their index and sorts those.
        string where = query.StoryId is null ? "" : "WHERE a.story_id = @story";
        return (await Sql.ListAsync(conn, $"""
            SELECT {ArticleRows.Columns}
            FROM articles a JOIN documents d ON d.id = a.document_id
            {where}
            ORDER BY a.sort_at DESC, a.id DESC
            LIMIT @limit OFFSET @offset
            """, r => ArticleRows.ReadListed(r, _d), ct,
            query.StoryId is { } story ? [("@story", story), ("@limit", limit), ("@offset", offset)] : [("@limit", limit), ("@offset", offset)]))
            .OfType<Article>().ToList();
    }

    /// <summary>A story's articles in the order the story unfolded.</summary>
    public async Task<IReadOnlyList<Article>> ListByStoryAsync(long storyId, CancellationToken ct)
    {
        var newestFirst = await ListAsync(new ArticleQuery(500, 0, storyId), ct);
        return newestFirst.Reverse().ToList();
    }

    public async Task<Article?> GetAsync(long id, CancellationToken ct)
    {
        await using var conn = await database.ConnectAsync(ct);
        await using var cmd = Sql.Command(conn, null, $"""
            SELECT {ArticleRows.Columns}
            FROM articles a JOIN documents d ON d.id = a.document_id
            WHERE a.id = @id
            """, ("@id", id));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? ArticleRows.Read(reader, _d) : null;
    }

    /// <summary>
    /// Several articles by id (a copy's original, an original's copies); ids not stored are absent, as is a row that
    /// knows no time (<see cref="ArticleRows.ReadListed"/>: <see cref="GetAsync"/> of its id says why).
    /// </summary>
    public Task<IReadOnlyDictionary<long, Article>> GetManyAsync(IReadOnlyCollection<long> ids, CancellationToken ct) =>
        GetManyAsync(ids, leadOnly: false, ct);

    private async Task<IReadOnlyDictionary<long, Article>> GetManyAsync(IReadOnlyCollection<long> ids, bool leadOnly, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0) return new Dictionary<long, Article>();
        await using var conn = await database.ConnectAsync(ct);
        var rows = await Sql.ListAsync(conn, $"""
            SELECT {ArticleRows.Columns}
            FROM articles a JOIN documents d ON d.id = a.document_id
            WHERE {_d.InList("a.id", "@ids")}
            """, r => ArticleRows.ReadListed(r, _d, leadOnly), ct, ("@ids", _d.ListValue(ids)));
        return rows.OfType<Article>().ToDictionary(a => a.Id);
    }

    /// <summary>The raw bytes of a stored document, decompressed.</summary>
    public async Task<byte[]?> GetRawDocumentAsync(long documentId, CancellationToken ct)
    {
        await using var conn = await database.ConnectAsync(ct);
        return await Sql.ScalarAsync(conn, null, "SELECT raw_brotli FROM documents WHERE id = @id", ct, ("@id", documentId)) is byte[] bytes
            ? Sql.Decompress(bytes)
            : null;
    }

    /// <summary>One page of the newest-first list, by cursor (a seek on the sort index) or by a bounded offset.</summary>
    public async Task<ArticlePage> ListPageAsync(ArticlePageQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Older is not null && query.Newer is not null) throw new ArgumentException("a page is either older or newer than a cursor, not both", nameof(query));
        if (query.Offset is < 0 or > ArticlePageQuery.MaxOffset) throw new ArgumentOutOfRangeException(nameof(query), query.Offset, "offset out of range");
        int limit = Math.Clamp(query.Limit, 1, 500);
        await using var conn = await database.ConnectAsync(ct);

        if (query.Newer is { } newer)
        {
            // Walk up from the cursor; when fewer than a page are newer, the page is simply the newest one.
            var up = await ReadPageAsync(conn, query.OriginalsOnly ? NewerOriginals : NewerThanCursor, limit + 1, newer, ct);
            if (up.Count > limit)
            {
                var items = up.Take(limit).Reverse().ToList();
                return new ArticlePage(items.Select(r => r.Article).OfType<Article>().ToList(), items[^1].Cursor, items[0].Cursor);
            }
        }

        List<(Article? Article, ArticleCursor Cursor)> rows;
        bool newerExists;
        if (query.Older is { } older)
        {
            rows = await ReadPageAsync(conn, query.OriginalsOnly ? OlderOriginals : OlderThanCursor, limit + 1, older, ct);
            newerExists = true;
        }
        else if (query.Newer is null && query.Offset > 0)
        {
            rows = await ReadPageAsync(conn, query.OriginalsOnly ? OriginalsAtOffset : AtOffset, limit + 1, null, ct, query.Offset);
            newerExists = true;
        }
        else
        {
            rows = await ReadPageAsync(conn, query.OriginalsOnly ? $"WHERE {NotACopy} {Newest}" : Newest, limit + 1, null, ct);
            newerExists = false;
        }
        bool olderExists = rows.Count > limit;
        if (olderExists) rows.RemoveAt(rows.Count - 1);
        return new ArticlePage(
            rows.Select(r => r.Article).OfType<Article>().ToList(),
            olderExists ? rows[^1].Cursor : null,
            newerExists && rows.Count > 0 ? rows[0].Cursor : newerExists ? query.Older : null);
    }

    // Row values compare (sort_at, id) as the index orders them, so each page is one seek on articles_sort.
    internal const string OlderThanCursor = "WHERE (a.sort_at, a.id) < (@s, @i) ORDER BY a.sort_at DESC, a.id DESC LIMIT @n";
    internal const string NewerThanCursor = "WHERE (a.sort_at, a.id) > (@s, @i) ORDER BY a.sort_at ASC, a.id ASC LIMIT @n";

    // The offset is walked on the covering sort index alone; only the page's own rows are read in full.
    private const string AtOffset = """
        WHERE a.id IN (SELECT id FROM articles ORDER BY sort_at DESC, id DESC LIMIT @n OFFSET @o)
        ORDER BY a.sort_at DESC, a.id DESC
        """;

    // Listings that fold copies under their originals page over originals: a copy is one primary-key probe away.
    private const string NotACopy = "NOT EXISTS (SELECT 1 FROM article_copies c WHERE c.article_id = a.id)";
    private const string Newest = "ORDER BY a.sort_at DESC, a.id DESC LIMIT @n";
    internal const string OlderOriginals = $"WHERE (a.sort_at, a.id) < (@s, @i) AND {NotACopy} ORDER BY a.sort_at DESC, a.id DESC LIMIT @n";
    private const string NewerOriginals = $"WHERE (a.sort_at, a.id) > (@s, @i) AND {NotACopy} ORDER BY a.sort_at ASC, a.id ASC LIMIT @n";
    private const string OriginalsAtOffset = """
        WHERE a.id IN (SELECT o.id FROM articles o WHERE NOT EXISTS (SELECT 1 FROM article_copies c WHERE c.article_id = o.id)
            ORDER BY o.sort_at DESC, o.id DESC LIMIT @n OFFSET @o)
        ORDER BY a.sort_at DESC, a.id DESC
        """;

    /// <summary>The statement of one page: the article columns, then sort_at (for the cursor), then <paramref name="tail"/>.</summary>
    internal static string PageSql(string tail) => $"""
        SELECT {ArticleRows.Columns}, a.sort_at
        FROM articles a JOIN documents d ON d.id = a.document_id
        {tail}
        """;

    /// <summary>
    /// A page's rows with their cursors; a row that knows no time (<see cref="ArticleRows.ReadListed"/>) is there with
    /// no article, so the page's size and cursors are those of the rows as stored, and the list leaves it out.
    /// </summary>
    private async Task<List<(Article? Article, ArticleCursor Cursor)>> ReadPageAsync(
        DbConnection conn, string tail, int count, ArticleCursor? cursor, CancellationToken ct, int offset = 0)
    {
        await using var cmd = Sql.Command(conn, null, PageSql(tail),
            ("@n", count), ("@o", offset), ("@s", cursor is null ? null : _d.Time(cursor.SortAt)), ("@i", cursor?.Id));
        var rows = new List<(Article?, ArticleCursor)>(count);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var article = ArticleRows.ReadListed(reader, _d);
            rows.Add((article, ArticleRows.CursorOf(reader, _d)));
        }
        return rows;
    }
}
