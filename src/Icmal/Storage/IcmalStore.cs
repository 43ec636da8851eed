using System.Data;
using System.Data.Common;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Icmal.Model;
using Microsoft.Data.Sqlite;

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
/// All of İcmal's SQL. One instance per database; thread-safe (each call takes its own pooled connection).
/// </summary>
/// <remarks>
/// A document and its article are written in one transaction: a process killed at any point leaves either both or
/// neither, so an import can simply be run again. SQLite runs in WAL mode with synchronous=NORMAL, which is durable
/// against a process crash (every reported commit survives SIGKILL); only a power loss may drop the last commits.
/// </remarks>
public sealed partial class IcmalStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Func<DbConnection> _connect;

    public SqlDialect Dialect { get; }

    /// <summary>Where the database lives, for messages.</summary>
    public string Location { get; }

    private readonly string _setup;

    private IcmalStore(Func<DbConnection> connect, SqlDialect dialect, string location)
    {
        _connect = connect;
        _setup = string.Join(";\n", dialect.ConnectionSetup);
        Dialect = dialect;
        Location = location;
    }

    /// <summary>Opens (creating if needed) the SQLite database in <paramref name="dataDirectory"/> and migrates it.</summary>
    public static async Task<IcmalStore> OpenSqliteAsync(string dataDirectory, CancellationToken ct)
    {
        Directory.CreateDirectory(dataDirectory);
        string path = Path.GetFullPath(Path.Combine(dataDirectory, "icmal.db"));
        string cs = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        var store = new IcmalStore(() => new SqliteConnection(cs), SqlDialect.Sqlite, path);
        await using (var conn = await store.OpenAsync(ct))
        {
            await ExecAsync(conn, null, "PRAGMA journal_mode = WAL", ct);
        }
        await store.MigrateAsync(ct);
        return store;
    }

    private async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        var conn = _connect();
        await conn.OpenAsync(ct);
        // One batch: a pooled connection is reopened for every call, so these run on the hot path.
        if (_setup.Length > 0) await ExecAsync(conn, null, _setup, ct);
        return conn;
    }

    private async Task MigrateAsync(CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        await ExecAsync(conn, null, "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)", ct);
        long current = Convert.ToInt64(await ScalarAsync(conn, null, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", ct) ?? 0L, CultureInfo.InvariantCulture);
        var steps = Migrations.Steps;
        for (int v = (int)current + 1; v <= steps.Count; v++)
        {
            await using var tx = await conn.BeginTransactionAsync(ct);
            foreach (string sql in steps[v - 1](Dialect)) await ExecAsync(conn, tx, sql, ct);
            await ExecAsync(conn, tx, "INSERT INTO schema_migrations (version, applied_at) VALUES (@v, @at)", ct,
                ("@v", v), ("@at", Iso(DateTimeOffset.UtcNow)));
            await tx.CommitAsync(ct);
        }
    }

    /// <summary>The id of the article whose raw document has this hash, if it was stored before.</summary>
    public async Task<long?> FindArticleByDocumentHashAsync(string sha256, CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        object? id = await ScalarAsync(conn, null,
            "SELECT a.id FROM documents d JOIN articles a ON a.document_id = d.id WHERE d.sha256 = @h", ct, ("@h", sha256));
        return id is null or DBNull ? null : Convert.ToInt64(id, CultureInfo.InvariantCulture);
    }

    /// <summary>Stores a document and its article atomically; a document seen before is not stored again.</summary>
    public async Task<StoreResult> AddArticleAsync(NewDocument document, Article article, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(article);
        byte[] compressed = Compress(document.Raw.Span);
        await using var conn = await OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);

        object? existing = await ScalarAsync(conn, tx,
            "SELECT a.id FROM documents d JOIN articles a ON a.document_id = d.id WHERE d.sha256 = @h", ct, ("@h", document.Sha256));
        if (existing is not null and not DBNull)
            return new StoreResult(StoreStatus.AlreadyPresent, Convert.ToInt64(existing, CultureInfo.InvariantCulture));

        long documentId = Convert.ToInt64(await ScalarAsync(conn, tx, """
            INSERT INTO documents (sha256, origin, url, format, charset, size_bytes, archived_at, raw_brotli)
            VALUES (@sha, @origin, @url, @format, @charset, @size, @archived, @raw)
            RETURNING id
            """, ct,
            ("@sha", document.Sha256), ("@origin", document.Origin), ("@url", document.Url), ("@format", document.Format),
            ("@charset", document.Charset), ("@size", (long)document.Raw.Length), ("@archived", Iso(document.Archived)),
            ("@raw", compressed)), CultureInfo.InvariantCulture);

        string body = article.Text;
        long articleId = Convert.ToInt64(await ScalarAsync(conn, tx, """
            INSERT INTO articles (document_id, url, title, title_derived, section, authors, published_at, published_from, modified_at,
                archived_at, sort_at, site, language, image_url, tags, original_name, original_url, blocks, body, text_sha256, story_id)
            VALUES (@doc, @url, @title, @derived, @section, @authors, @published, @publishedFrom, @modified,
                @archived, @sort, @site, @language, @image, @tags, @origName, @origUrl, @blocks, @body, @textHash, NULL)
            RETURNING id
            """, ct,
            ("@doc", documentId), ("@url", article.Url), ("@title", article.Title), ("@derived", article.TitleDerived ? 1 : 0),
            ("@section", article.Section),
            ("@authors", JsonSerializer.Serialize(article.Authors, Json)), ("@published", IsoOrNull(article.Published)),
            ("@publishedFrom", article.Published is null ? null : article.PublishedFrom?.Code),
            ("@modified", IsoOrNull(article.Modified)), ("@archived", Iso(article.Archived)),
            ("@sort", Iso(article.PlausiblePublished ?? article.Archived)),
            ("@site", article.Site), ("@language", article.Language), ("@image", article.ImageUrl),
            ("@tags", JsonSerializer.Serialize(article.Tags, Json)), ("@origName", article.Original?.Name),
            ("@origUrl", article.Original?.Url), ("@blocks", BlockCodec.Encode(article.Blocks)), ("@body", body),
            ("@textHash", Hashing.Sha256Hex(body))), CultureInfo.InvariantCulture);

        await tx.CommitAsync(ct);
        return new StoreResult(StoreStatus.Stored, articleId);
    }

    private const string ArticleColumns = """
        a.id, a.document_id, d.origin, a.url, a.title, a.title_derived, a.authors, a.published_at, a.modified_at,
        a.archived_at, a.site, a.language, a.image_url, a.tags, a.original_name, a.original_url, a.blocks, a.story_id,
        (SELECT s.article_count FROM stories s WHERE s.id = a.story_id), a.published_from, a.section
        """;

    public async Task<IReadOnlyList<Article>> ListArticlesAsync(ArticleQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        int limit = Math.Clamp(query.Limit, 1, 500);
        int offset = Math.Max(0, query.Offset);
        await using var conn = await OpenAsync(ct);
        await using var cmd = Command(conn, null, $"""
            SELECT {ArticleColumns}
            FROM articles a JOIN documents d ON d.id = a.document_id
            WHERE (@story IS NULL OR a.story_id = @story)
            ORDER BY a.sort_at DESC, a.id DESC
            LIMIT @limit OFFSET @offset
            """, ("@story", query.StoryId), ("@limit", limit), ("@offset", offset));
        var result = new List<Article>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) result.Add(ReadArticle(reader));
        return result;
    }

    public async Task<Article?> GetArticleAsync(long id, CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        await using var cmd = Command(conn, null, $"""
            SELECT {ArticleColumns}
            FROM articles a JOIN documents d ON d.id = a.document_id
            WHERE a.id = @id
            """, ("@id", id));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? ReadArticle(reader) : null;
    }

    public async Task<long> CountArticlesAsync(CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        return Convert.ToInt64(await ScalarAsync(conn, null, "SELECT COUNT(*) FROM articles", ct), CultureInfo.InvariantCulture);
    }

    /// <summary>The raw bytes of a stored document, decompressed.</summary>
    public async Task<byte[]?> GetRawDocumentAsync(long documentId, CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        object? raw = await ScalarAsync(conn, null, "SELECT raw_brotli FROM documents WHERE id = @id", ct, ("@id", documentId));
        return raw is byte[] bytes ? Decompress(bytes) : null;
    }

    public async Task<string?> GetSettingAsync(string key, CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        return await ScalarAsync(conn, null, "SELECT value FROM settings WHERE key = @k", ct, ("@k", key)) as string;
    }

    public async Task SetSettingAsync(string key, string value, CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        await ExecAsync(conn, null, "INSERT INTO settings (key, value) VALUES (@k, @v) ON CONFLICT (key) DO UPDATE SET value = excluded.value", ct,
            ("@k", key), ("@v", value));
    }

    private static Article ReadArticle(DbDataReader r)
    {
        string? origName = r.IsDBNull(14) ? null : r.GetString(14);
        string? origUrl = r.IsDBNull(15) ? null : r.GetString(15);
        return new Article
        {
            Id = r.GetInt64(0),
            DocumentId = r.GetInt64(1),
            Origin = r.GetString(2),
            Url = r.IsDBNull(3) ? null : r.GetString(3),
            Title = r.GetString(4),
            TitleDerived = r.GetInt64(5) != 0,
            Authors = JsonSerializer.Deserialize<string[]>(r.GetString(6), Json) ?? [],
            Published = ParseIso(r, 7),
            Modified = ParseIso(r, 8),
            Archived = ParseIso(r, 9) ?? DateTimeOffset.UnixEpoch,
            Site = r.IsDBNull(10) ? null : r.GetString(10),
            Language = r.IsDBNull(11) ? null : r.GetString(11),
            ImageUrl = r.IsDBNull(12) ? null : r.GetString(12),
            Tags = JsonSerializer.Deserialize<string[]>(r.GetString(13), Json) ?? [],
            Original = origName is null && origUrl is null ? null : new SourceCredit(origName, origUrl),
            Blocks = BlockCodec.Decode(r.GetString(16)),
            StoryId = r.IsDBNull(17) ? null : r.GetInt64(17),
            StorySize = r.IsDBNull(18) ? 0 : r.GetInt32(18),
            PublishedFrom = r.IsDBNull(19) ? null : DateEvidence.FromCode(r.GetString(19)),
            Section = r.IsDBNull(20) ? null : r.GetString(20),
        };
    }

    internal static string Iso(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string? IsoOrNull(DateTimeOffset? value) => value is { } v ? Iso(v) : null;

    private static DateTimeOffset? ParseIso(DbDataReader r, int i) =>
        r.IsDBNull(i) ? null : DateTimeOffset.Parse(r.GetString(i), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static byte[] Compress(ReadOnlySpan<byte> raw)
    {
        using var output = new MemoryStream(raw.Length / 3 + 64);
        using (var brotli = new BrotliStream(output, CompressionLevel.Optimal, leaveOpen: true)) brotli.Write(raw);
        return output.ToArray();
    }

    private static byte[] Decompress(byte[] compressed)
    {
        using var input = new MemoryStream(compressed);
        using var brotli = new BrotliStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        brotli.CopyTo(output);
        return output.ToArray();
    }

    private static DbCommand Command(DbConnection conn, DbTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
#pragma warning disable CA2100 // Statements are constants of this class; every value goes through a parameter.
        cmd.CommandText = sql;
#pragma warning restore CA2100
        foreach (var (name, value) in parameters)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = name;
            p.Value = value ?? DBNull.Value;
            cmd.Parameters.Add(p);
        }
        return cmd;
    }

    private static async Task ExecAsync(DbConnection conn, DbTransaction? tx, string sql, CancellationToken ct, params (string, object?)[] parameters)
    {
        await using var cmd = Command(conn, tx, sql, parameters);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task<object?> ScalarAsync(DbConnection conn, DbTransaction? tx, string sql, CancellationToken ct, params (string, object?)[] parameters)
    {
        await using var cmd = Command(conn, tx, sql, parameters);
        return await cmd.ExecuteScalarAsync(ct);
    }
}
