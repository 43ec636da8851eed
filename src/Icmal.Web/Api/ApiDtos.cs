using Icmal.Model;

namespace Icmal.Web.Api;

// The article shapes themselves (ArticleJson, ArticleSummaryJson) live in the library: `icmal articles --format json`
// writes them too.

/// <summary>A page of the newest-first list.</summary>
/// <param name="Offset">The offset asked for, or null when the page was asked for by cursor.</param>
/// <param name="Next">Cursor to the older page (<c>?before=</c>), null at the end of the archive.</param>
/// <param name="Prev">Cursor to the newer page (<c>?after=</c>), null on the newest page.</param>
/// <param name="Total">The articles stored: exact up to <see cref="Icmal.Storage.ArticleStore.ExactTotalCap"/>, an estimate past it.</param>
/// <param name="TotalEstimated">True when <paramref name="Total"/> is an estimate (as in search results).</param>
public sealed record ArticleListDto(IReadOnlyList<ArticleSummaryJson> Items, int Limit, int? Offset, string? Next, string? Prev, long Total,
    bool TotalEstimated);

public sealed record ErrorDto(string Error);

/// <summary>
/// A story with its articles in the order it unfolded: its representative headline, first and last report, the sites
/// that reported it (earliest first), and its article ids in the same order as the articles.
/// </summary>
public sealed record StoryDto(
    long Id, string Title, DateTimeOffset FirstSeen, DateTimeOffset LastSeen, int ArticleCount, IReadOnlyList<string> Sources,
    IReadOnlyList<long> ArticleIds, IReadOnlyList<ArticleSummaryJson> Articles);

/// <summary>An entity in a list: id, canonical name, kind code (PER, ORG, LOC), how many stored articles name it.</summary>
public sealed record EntitySummaryDto(long Id, string Name, string Kind, long Articles, string Link)
{
    public static EntitySummaryDto From(EntityCount c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new(c.Entity.Id, c.Entity.Name, FactCodes.Code(c.Entity.Kind), c.Articles, EntityJson.EntityLink(c.Entity.Id));
    }
}

/// <summary>The answer of <c>/api/entities</c>: the entities matching <c>q</c> and <c>kind</c>, most articles first.</summary>
/// <summary>
/// Entities by name, kind and period: <see cref="Period"/> ("day", "week", "month") counts only the articles since
/// <see cref="Since"/>; without it every article is counted.
/// </summary>
public sealed record EntityListDto(IReadOnlyList<EntitySummaryDto> Items, string? Q, string? Kind, string? Period, DateTimeOffset? Since, int Limit);

/// <summary>
/// One entity: its articles by month (oldest first), its newest articles, what it said, and the entities named in the
/// same articles (by how many articles they share).
/// </summary>
public sealed record EntityDto(long Id, string Name, string Kind, long ArticleCount, IReadOnlyList<MonthCount> Months,
    IReadOnlyList<ArticleSummaryJson> Articles, IReadOnlyList<QuoteJson> Quotes, IReadOnlyList<EntitySummaryDto> Companions);
