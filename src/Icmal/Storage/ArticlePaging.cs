using System.Buffers.Text;
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
    // The token keeps the text form it always had, so links made before times were stored as numbers still work.
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    /// <summary>The cursor as an opaque URL-safe token; clients pass it back unchanged.</summary>
    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"{SortAt.ToUniversalTime().ToString(TimeFormat, CultureInfo.InvariantCulture)},{Id}")));

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
/// <param name="OriginalsOnly">Leave out articles linked as copies of another (issue #16): a listing that shows one card
/// per original, its copies folded under it, pages over originals only.</param>
public sealed record ArticlePageQuery(int Limit = 30, ArticleCursor? Older = null, ArticleCursor? Newer = null, int Offset = 0, bool OriginalsOnly = false)
{
    /// <summary>The deepest offset served: deeper pages are reached with cursors, which stay as fast as the first.</summary>
    public const int MaxOffset = 10_000;
}

/// <summary>A page of articles, newest first, with the cursors to the pages around it (null where there is none).</summary>
public sealed record ArticlePage(IReadOnlyList<Article> Items, ArticleCursor? Older, ArticleCursor? Newer);
