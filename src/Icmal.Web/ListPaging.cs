using System.Globalization;
using Icmal.Storage;
using Microsoft.AspNetCore.Http;

namespace Icmal.Web;

/// <summary>
/// Reads the paging parameters of a list request: <c>before</c>/<c>after</c> cursors (the way to walk the whole
/// archive at the speed of the first page) or a bounded <c>offset</c>. Each bad value gets one sentence naming the
/// parameter and the problem.
/// </summary>
public static class ListPaging
{
    public static (ArticlePageQuery? Query, string? Error) Read(IQueryCollection query, int limit, int offset)
    {
        ArgumentNullException.ThrowIfNull(query);
        string? before = query["before"];
        string? after = query["after"];
        if (before is not null && after is not null)
            return (null, "before and after cannot be used together: pass one of them, as given in next or prev");
        if ((before is not null || after is not null) && offset > 0)
            return (null, "offset cannot be used with before or after: a cursor already says where the page starts");
        ArticleCursor? older = null, newer = null;
        if (before is not null && (older = ArticleCursor.Decode(before)) is null)
            return (null, "before is not a cursor of this API: pass the next value of an earlier answer unchanged");
        if (after is not null && (newer = ArticleCursor.Decode(after)) is null)
            return (null, "after is not a cursor of this API: pass the prev value of an earlier answer unchanged");
        return (new ArticlePageQuery(limit, older, newer, offset), null);
    }

    /// <summary>Reads <c>offset</c>: a whole number from 0 to <see cref="ArticlePageQuery.MaxOffset"/>.</summary>
    public static bool TryOffset(string? value, out int offset)
    {
        offset = 0;
        if (string.IsNullOrEmpty(value)) return true;
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out offset) && offset <= ArticlePageQuery.MaxOffset;
    }

    public static string OffsetError { get; } = string.Create(CultureInfo.InvariantCulture,
        $"offset must be a whole number from 0 to {ArticlePageQuery.MaxOffset}; to page deeper, follow the next cursor (before=...)");
}
