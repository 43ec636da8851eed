namespace Icmal.Model;

/// <summary>
/// The JSON shape of a stored article, shared by the API (<c>GET /api/articles/{id}</c>) and
/// <c>icmal articles --format json</c>, so the two can never drift apart. Property names are camel-cased by the
/// serialiser. <c>original</c> is the credit line the page printed; <c>originalId</c> the stored article it was linked
/// to as its original (with the evidence as <c>copyEvidence</c>), and <c>copyIds</c> the stored copies of an original;
/// <c>entities</c>, <c>quotes</c> and <c>figures</c> what the entity stage found in the text (empty when not given).
/// </summary>
public sealed record ArticleJson(
    long Id, string Title, bool TitleDerived, string? Section, string? Site, IReadOnlyList<string> Authors,
    DateTimeOffset? Published, string? PublishedFrom, DateTimeOffset? Modified, DateTimeOffset Archived, string? Url, string Origin,
    string? Language, string? ImageUrl, IReadOnlyList<string> Tags, CreditJson? Original, long? StoryId,
    string Text, IReadOnlyList<BlockJson> Blocks, long? OriginalId, string? CopyEvidence, IReadOnlyList<long> CopyIds,
    IReadOnlyList<EntityJson> Entities, IReadOnlyList<QuoteJson> Quotes, IReadOnlyList<FigureJson> Figures, CategoryJson? Category = null)
{
    public static ArticleJson From(Article a, ArticleCopies? copies = null, StoredFacts? facts = null, CategoryJson? category = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        copies ??= ArticleCopies.None;
        facts ??= StoredFacts.None;
        return new(
            a.Id, a.Title, a.TitleDerived, a.Section, a.Site, a.Authors, a.Published, a.PublishedFrom?.Code, a.Modified, a.Archived, a.Url, a.Origin,
            a.Language, a.ImageUrl, a.Tags, a.Original is null ? null : new CreditJson(a.Original.Name, a.Original.Url), a.StoryId,
            a.Text, a.Blocks.Select(b => new BlockJson(BlockJson.KindName(b.Kind), b.Text)).ToList(),
            copies.OriginalId, copies.Original is { } link ? CopyLink.Code(link.Evidence) : null, copies.CopyIds,
            facts.Entities.Select(EntityJson.From).ToList(), facts.Quotes.Select(QuoteJson.From).ToList(), facts.Figures.Select(FigureJson.From).ToList(),
            category);
    }
}

/// <summary>
/// An article's category (issue #18): its slug (as in /categories/{slug}), Azerbaijani name, where it came from
/// ("source": the page's own section; "classifier": the headline classifier) and how sure (1 for the source's own).
/// </summary>
public sealed record CategoryJson(string Slug, string Name, string Origin, double Confidence)
{
    public static CategoryJson From(Icmal.Text.Categories.CategoryAssignment a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return new(Icmal.Text.Categories.NewsCategories.Slug(a.Category), Icmal.Text.Categories.NewsCategories.Name(a.Category),
            a.Origin == Icmal.Text.Categories.CategoryOrigin.Source ? "source" : "classifier", Math.Round(a.Confidence, 3));
    }
}

/// <summary>An article in a list: enough to show a headline and link to the full article, and its copy links.</summary>
public sealed record ArticleSummaryJson(
    long Id, string Title, bool TitleDerived, string? Section, string? Site, IReadOnlyList<string> Authors,
    DateTimeOffset? Published, DateTimeOffset Archived, string? Url, string? Language, long? StoryId, string Link,
    long? OriginalId, IReadOnlyList<long> CopyIds)
{
    public static ArticleSummaryJson From(Article a, ArticleCopies? copies = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        copies ??= ArticleCopies.None;
        return new(a.Id, a.Title, a.TitleDerived, a.Section, a.Site, a.Authors, a.Published, a.Archived, a.Url, a.Language, a.StoryId,
            $"/api/articles/{a.Id}", copies.OriginalId, copies.CopyIds);
    }
}

/// <summary>One block of the text: its kind as a stable word ("paragraph", "list-item", ...) and its text.</summary>
public sealed record BlockJson(string Kind, string Text)
{
    public static string KindName(BlockKind kind) => kind switch
    {
        BlockKind.Heading => "heading",
        BlockKind.ListItem => "list-item",
        BlockKind.Quote => "quote",
        BlockKind.Preformatted => "preformatted",
        BlockKind.TableRow => "table-row",
        _ => "paragraph",
    };
}

/// <summary>The credited original of a republication.</summary>
public sealed record CreditJson(string? Name, string? Url);
