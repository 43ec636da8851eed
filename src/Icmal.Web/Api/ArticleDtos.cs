using Icmal.Model;

namespace Icmal.Web.Api;

/// <summary>An article in the JSON API's list: enough to show a headline and link to the full article.</summary>
public sealed record ArticleSummaryDto(
    long Id, string Title, bool TitleDerived, string? Section, string? Site, IReadOnlyList<string> Authors,
    DateTimeOffset? Published, DateTimeOffset Archived, string? Url, string? Language, long? StoryId, string Link)
{
    public static ArticleSummaryDto From(Article a) => new(
        a.Id, a.Title, a.TitleDerived, a.Section, a.Site, a.Authors, a.Published, a.Archived, a.Url, a.Language, a.StoryId,
        $"/api/articles/{a.Id}");
}

public sealed record BlockDto(string Kind, string Text);

public sealed record CreditDto(string? Name, string? Url);

/// <summary>An article in full.</summary>
public sealed record ArticleDto(
    long Id, string Title, bool TitleDerived, string? Section, string? Site, IReadOnlyList<string> Authors,
    DateTimeOffset? Published, string? PublishedFrom, DateTimeOffset? Modified, DateTimeOffset Archived, string? Url, string Origin,
    string? Language, string? ImageUrl, IReadOnlyList<string> Tags, CreditDto? Original, long? StoryId,
    string Text, IReadOnlyList<BlockDto> Blocks)
{
    public static ArticleDto From(Article a) => new(
        a.Id, a.Title, a.TitleDerived, a.Section, a.Site, a.Authors, a.Published, a.PublishedFrom?.Code, a.Modified, a.Archived, a.Url, a.Origin,
        a.Language, a.ImageUrl, a.Tags, a.Original is null ? null : new CreditDto(a.Original.Name, a.Original.Url), a.StoryId,
        a.Text, a.Blocks.Select(b => new BlockDto(KindName(b.Kind), b.Text)).ToList());

    private static string KindName(BlockKind kind) => kind switch
    {
        BlockKind.Heading => "heading",
        BlockKind.ListItem => "list-item",
        BlockKind.Quote => "quote",
        BlockKind.Preformatted => "preformatted",
        BlockKind.TableRow => "table-row",
        _ => "paragraph",
    };
}

/// <summary>A page of the newest-first list.</summary>
/// <param name="Offset">The offset asked for, or null when the page was asked for by cursor.</param>
/// <param name="Next">Cursor to the older page (<c>?before=</c>), null at the end of the archive.</param>
/// <param name="Prev">Cursor to the newer page (<c>?after=</c>), null on the newest page.</param>
public sealed record ArticleListDto(IReadOnlyList<ArticleSummaryDto> Items, int Limit, int? Offset, string? Next, string? Prev, long Total);

public sealed record ErrorDto(string Error);

/// <summary>A story with its articles in the order it unfolded.</summary>
public sealed record StoryDto(long Id, string Title, DateTimeOffset FirstSeen, DateTimeOffset LastSeen, int ArticleCount, IReadOnlyList<ArticleSummaryDto> Articles);
