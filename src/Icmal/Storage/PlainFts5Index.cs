using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Icmal.Storage;

/// <summary>A document for <see cref="PlainFts5Index"/>: its key, title, body and what filters read.</summary>
public sealed record PlainDocument(long Id, string Title, string Body, string? Site, DateTimeOffset? Published);

/// <summary>How the words of a query combine in the out-of-the-box baseline.</summary>
public enum PlainMatch
{
    /// <summary>Every word (FTS5's implicit AND).</summary>
    All,
    /// <summary>Any word (OR), ranked by BM25.</summary>
    Any,
}

/// <summary>
/// SQLite FTS5 out of the box, the baseline İcmal's own search is measured against: one table over title and body
/// with the default unicode61 tokenizer (case folding and diacritics removal as SQLite ships them, no stemming, no
/// Azerbaijani rules), ranked by FTS5's built-in BM25. What a developer gets by adding FTS5 without doing anything
/// for Azerbaijani. It lives in its own database file so it can be measured beside İcmal's index on the same archive.
/// </summary>
/// <remarks>Not thread-safe: one open connection, used by one caller at a time.</remarks>
public sealed class PlainFts5Index : IAsyncDisposable
{
    private readonly SqliteConnection _conn;

    private PlainFts5Index(SqliteConnection conn, string path)
    {
        _conn = conn;
        Path = path;
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>Creates (replacing any file there) an empty index in the file at <paramref name="path"/>.</summary>
    /// <summary>Opens an index made before by <see cref="CreateAsync"/> (a benchmark querying an archive it built earlier).</summary>
    public static async Task<PlainFts5Index> OpenAsync(string path, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"no FTS5 index at {path}", path);
        var conn = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
        await conn.OpenAsync(ct);
        return new PlainFts5Index(conn, path);
    }

    public static async Task<PlainFts5Index> CreateAsync(string path, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(path);
        foreach (string f in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
            if (File.Exists(f)) File.Delete(f);
        var conn = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString());
        await conn.OpenAsync(ct);
        var index = new PlainFts5Index(conn, path);
        await index.ExecAsync("PRAGMA journal_mode=WAL", ct);
        await index.ExecAsync("PRAGMA synchronous=NORMAL", ct);
        await index.ExecAsync("CREATE VIRTUAL TABLE docs USING fts5(title, body, site UNINDEXED, published UNINDEXED, tokenize = 'unicode61')", ct);
        return index;
    }

    /// <summary>Adds documents in one transaction.</summary>
    public async Task AddAsync(IEnumerable<PlainDocument> documents, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(documents);
        await using var tx = (SqliteTransaction)await _conn.BeginTransactionAsync(ct);
        await using var cmd = _conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "INSERT INTO docs (rowid, title, body, site, published) VALUES (@id, @title, @body, @site, @published)";
        var id = cmd.Parameters.Add("@id", SqliteType.Integer);
        var title = cmd.Parameters.Add("@title", SqliteType.Text);
        var body = cmd.Parameters.Add("@body", SqliteType.Text);
        var site = cmd.Parameters.Add("@site", SqliteType.Text);
        var published = cmd.Parameters.Add("@published", SqliteType.Text);
        foreach (var d in documents)
        {
            id.Value = d.Id;
            title.Value = d.Title;
            body.Value = d.Body;
            site.Value = (object?)d.Site ?? DBNull.Value;
            published.Value = d.Published is { } p ? p.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : DBNull.Value;
            await cmd.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
    }

    /// <summary>Merges FTS5's index segments, as one would after a bulk load, so size and speed are the settled ones.</summary>
    public Task OptimizeAsync(CancellationToken ct) => ExecAsync("INSERT INTO docs (docs) VALUES ('optimize')", ct);

    /// <summary>
    /// The ids of the best <paramref name="limit"/> documents for a query as a developer would pass it to FTS5: each
    /// word and each "quoted phrase" of the text as an FTS5 string (so no query syntax gets through), combined by
    /// <paramref name="match"/>; <c>source:</c> and <c>since:</c> operators become plain column conditions.
    /// Empty when the query has no words.
    /// </summary>
    public async Task<IReadOnlyList<long>> SearchAsync(string query, PlainMatch match, int limit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var parsed = PlainQuery.Parse(query);
        if (parsed.Phrases.Count == 0) return [];
        string expression = string.Join(match == PlainMatch.All ? " AND " : " OR ",
            parsed.Phrases.Select(p => "\"" + string.Join(' ', p).Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));
        await using var cmd = _conn.CreateCommand();
        cmd.CommandText = """
            SELECT rowid FROM docs
            WHERE docs MATCH @q AND (@site IS NULL OR site = @site) AND (@since IS NULL OR published >= @since)
            ORDER BY rank LIMIT @limit
            """;
        cmd.Parameters.AddWithValue("@q", expression);
        cmd.Parameters.AddWithValue("@site", (object?)parsed.Site ?? DBNull.Value);
        cmd.Parameters.AddWithValue("@since", parsed.Since is { } s ? s.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : DBNull.Value);
        cmd.Parameters.AddWithValue("@limit", limit);
        var ids = new List<long>(limit);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) ids.Add(r.GetInt64(0));
        return ids;
    }

    /// <summary>The inverted index's bytes (<see cref="Fts5IndexBytesAsync"/>) and the whole file's, after a checkpoint.</summary>
    public async Task<(long IndexBytes, long FileBytes)> SizeAsync(CancellationToken ct)
    {
        await ExecAsync("PRAGMA wal_checkpoint(TRUNCATE)", ct);
        return (await Fts5IndexBytesAsync(_conn, ct), new FileInfo(Path).Length);
    }

    /// <summary>
    /// Bytes of every FTS5 index in the SQLite file at <paramref name="path"/> (checkpointed first), for comparing
    /// engines on one archive; the whole file's bytes beside it.
    /// </summary>
    public static async Task<(long IndexBytes, long FileBytes)> SizeOfFileAsync(string path, CancellationToken ct)
    {
        await using var conn = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
        await conn.OpenAsync(ct);
        await using (var checkpoint = conn.CreateCommand())
        {
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            await checkpoint.ExecuteNonQueryAsync(ct);
        }
        return (await Fts5IndexBytesAsync(conn, ct), new FileInfo(path).Length);
    }

    /// <summary>
    /// The payload of every FTS5 table's index in the database: its segment blobs (the <c>_data</c> table), its segment
    /// directory (<c>_idx</c>) and its per-document sizes (<c>_docsize</c>); not FTS5's own copy of the text
    /// (<c>_content</c>), which an external-content or contentless table does not have. SQLite's dbstat, which would
    /// count pages, is not compiled into the bundled SQLite; FTS5 blobs fill their pages, so payload is within a few
    /// per cent of the pages.
    /// </summary>
    private static async Task<long> Fts5IndexBytesAsync(SqliteConnection conn, CancellationToken ct)
    {
        var fts = new List<string>();
        var all = new HashSet<string>(StringComparer.Ordinal);
        await using (var list = conn.CreateCommand())
        {
            list.CommandText = "SELECT name, sql LIKE 'CREATE VIRTUAL TABLE%fts5%' FROM sqlite_master WHERE type = 'table'";
            await using var r = await list.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                all.Add(r.GetString(0));
                if (r.GetBoolean(1)) fts.Add(r.GetString(0));
            }
        }
        long bytes = 0;
        foreach (string table in fts)
        {
            string t = table.Replace("\"", "\"\"", StringComparison.Ordinal);
            // A table made with columnsize=0 has no _docsize.
            string docsize = all.Contains(table + "_docsize") ? $"(SELECT COALESCE(SUM(length(sz)) + 8 * COUNT(*), 0) FROM \"{t}_docsize\")" : "0";
            string sql = $"SELECT (SELECT COALESCE(SUM(length(block)) + 8 * COUNT(*), 0) FROM \"{t}_data\") + (SELECT COALESCE(SUM(length(term)) + 16 * COUNT(*), 0) FROM \"{t}_idx\") + {docsize}";
            await using var cmd = conn.CreateCommand();
#pragma warning disable CA2100 // The names are the database's own FTS5 tables read from sqlite_master, quoted as identifiers.
            cmd.CommandText = sql;
#pragma warning restore CA2100
            bytes += Convert.ToInt64(await cmd.ExecuteScalarAsync(ct) ?? 0L, CultureInfo.InvariantCulture);
        }
        return bytes;
    }

    private async Task ExecAsync(string sql, CancellationToken ct)
    {
        await using var cmd = _conn.CreateCommand();
#pragma warning disable CA2100 // Only the constant statements of this class pass through here.
        cmd.CommandText = sql;
#pragma warning restore CA2100
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public async ValueTask DisposeAsync() => await _conn.DisposeAsync();
}

/// <summary>
/// A query read the way a plain FTS5 integration reads one: runs of letters and digits are words, a "quoted" run is
/// a phrase, <c>source:SITE</c> and <c>since:YYYY-MM-DD</c> are filters; everything else is a separator.
/// </summary>
public sealed record PlainQuery(IReadOnlyList<IReadOnlyList<string>> Phrases, string? Site, DateOnly? Since)
{
    public static PlainQuery Parse(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var phrases = new List<IReadOnlyList<string>>();
        string? site = null;
        DateOnly? since = null;
        int i = 0;
        while (i < query.Length)
        {
            if (query[i] == '"')
            {
                int close = query.IndexOf('"', i + 1);
                int end = close < 0 ? query.Length : close;
                var words = Words(query.AsSpan(i + 1, end - i - 1));
                if (words.Count > 0) phrases.Add(words);
                i = end + 1;
                continue;
            }
            int stop = i;
            while (stop < query.Length && !char.IsWhiteSpace(query[stop]) && query[stop] != '"') stop++;
            var item = query.AsSpan(i, stop - i);
            if (item.StartsWith("source:", StringComparison.Ordinal) && item.Length > 7) site = item[7..].ToString();
            else if (item.StartsWith("since:", StringComparison.Ordinal)
                && DateOnly.TryParseExact(item[6..], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) since = d;
            else foreach (string w in Words(item)) phrases.Add([w]);
            i = stop == i ? i + 1 : stop;
        }
        return new PlainQuery(phrases, site, since);
    }

    private static List<string> Words(ReadOnlySpan<char> text)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (char c in text)
        {
            if (char.IsLetterOrDigit(c)) current.Append(c);
            else if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }
        if (current.Length > 0) words.Add(current.ToString());
        return words;
    }
}
