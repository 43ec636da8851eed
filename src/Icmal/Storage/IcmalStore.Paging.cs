using System.Buffers.Text;
using System.Data.Common;
using System.Globalization;
using System.Text;
using Icmal.Model;

namespace Icmal.Storage;

/// <summary>
/// A place in the newest-first order of articles: the sort time and id of one article. Pages start after a cursor
/// by seeking the (sort_at, id) index, so the thousandth page costs what the first does; an offset walks every row
/// before it.
/// </summary>
public sealed record ArticleCursor(DateTimeOffset SortAt, long Id)
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    /// <summary>The cursor as an opaque URL-safe token; clients pass it back unchanged.</summary>
    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{IcmalStore.Iso(SortAt)},{Id}")));

    /// <summary>Reads a token made by <see cref="Encode"/>; anything else (edited, truncated, made up) is null.</summary>
    public static ArticleCursor? Decode(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 64) return null;
        foreach (char c in token)
            if (!char.IsAsciiLetterOrDigit(c) && c is not '-' and not '_') return null;
        Span<byte> bytes = stackalloc byte[64];
        int written;
        try
        {
            if (!Base64Url.TryDecodeFromChars(token, bytes, out written)) return null;
        }
        catch (FormatException)
        {
            // TryDecode throws, rather than answering false, for a length no Base64 text can have ("x", "abcde").
            return null;
        }
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes[..written]);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
        int comma = text.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0) return null;
        if (!DateTimeOffset.TryParseExact(text.AsSpan(0, comma), TimeFormat, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var sortAt)) return null;
        if (!long.TryParse(text.AsSpan(comma + 1), NumberStyles.None, CultureInfo.InvariantCulture, out long id) || id < 1) return null;
        return new ArticleCursor(sortAt, id);
    }
}

/// <summary>Which page of the newest-first list: after a cursor (older), before one (newer), or at an offset.</summary>
/// <param name="Older">Articles older than this cursor (the "next" page).</param>
/// <param name="Newer">Articles newer than this cursor (the "previous" page).</param>
public sealed record ArticlePageQuery(int Limit = 30, ArticleCursor? Older = null, ArticleCursor? Newer = null, int Offset = 0)
{
    /// <summary>The deepest offset served: deeper pages are reached with cursors, which stay as fast as the first.</summary>
    public const int MaxOffset = 10_000;
}

/// <summary>A page of articles, newest first, with the cursors to the pages around it (null where there is none).</summary>
public sealed record ArticlePage(IReadOnlyList<Article> Items, ArticleCursor? Older, ArticleCursor? Newer);

public sealed partial class IcmalStore
{
    /// <summary>One page of the newest-first list, by cursor (a seek on the sort index) or by a bounded offset.</summary>
    public async Task<ArticlePage> ListArticlePageAsync(ArticlePageQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Older is not null && query.Newer is not null) throw new ArgumentException("a page is either older or newer than a cursor, not both", nameof(query));
        if (query.Offset is < 0 or > ArticlePageQuery.MaxOffset) throw new ArgumentOutOfRangeException(nameof(query), query.Offset, "offset out of range");
        int limit = Math.Clamp(query.Limit, 1, 500);
        await using var conn = await OpenAsync(ct);

        if (query.Newer is { } newer)
        {
            // Walk up from the cursor; when fewer than a page are newer, the page is simply the newest one.
            var up = await ReadPageAsync(conn, "WHERE (a.sort_at, a.id) > (@s, @i) ORDER BY a.sort_at ASC, a.id ASC LIMIT @n", limit + 1, newer, ct);
            if (up.Count > limit)
            {
                var items = up.Take(limit).Reverse().ToList();
                return new ArticlePage(items.Select(r => r.Article).ToList(), items[^1].Cursor, items[0].Cursor);
            }
        }

        List<(Article Article, ArticleCursor Cursor)> rows;
        bool newerExists;
        if (query.Older is { } older)
        {
            rows = await ReadPageAsync(conn, "WHERE (a.sort_at, a.id) < (@s, @i) ORDER BY a.sort_at DESC, a.id DESC LIMIT @n", limit + 1, older, ct);
            newerExists = true;
        }
        else if (query.Newer is null && query.Offset > 0)
        {
            // The offset is walked on the covering sort index alone; only the page's own rows are read in full.
            rows = await ReadPageAsync(conn, """
                WHERE a.id IN (SELECT id FROM articles ORDER BY sort_at DESC, id DESC LIMIT @n OFFSET @o)
                ORDER BY a.sort_at DESC, a.id DESC
                """, limit + 1, null, ct, query.Offset);
            newerExists = true;
        }
        else
        {
            rows = await ReadPageAsync(conn, "ORDER BY a.sort_at DESC, a.id DESC LIMIT @n", limit + 1, null, ct);
            newerExists = false;
        }
        bool olderExists = rows.Count > limit;
        if (olderExists) rows.RemoveAt(rows.Count - 1);
        return new ArticlePage(
            rows.Select(r => r.Article).ToList(),
            olderExists ? rows[^1].Cursor : null,
            newerExists && rows.Count > 0 ? rows[0].Cursor : newerExists ? query.Older : null);
    }

    private static async Task<List<(Article Article, ArticleCursor Cursor)>> ReadPageAsync(
        DbConnection conn, string tail, int count, ArticleCursor? cursor, CancellationToken ct, int offset = 0)
    {
        await using var cmd = Command(conn, null, $"""
            SELECT {ArticleColumns}, a.sort_at
            FROM articles a JOIN documents d ON d.id = a.document_id
            {tail}
            """, ("@n", count), ("@o", offset), ("@s", cursor is null ? null : Iso(cursor.SortAt)), ("@i", cursor?.Id));
        var rows = new List<(Article, ArticleCursor)>(count);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var article = ReadArticle(reader);
            // sort_at is selected after the article's columns, so it is the last field however many those are.
            var sortAt = DateTimeOffset.Parse(reader.GetString(reader.FieldCount - 1), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            rows.Add((article, new ArticleCursor(sortAt, article.Id)));
        }
        return rows;
    }
}
