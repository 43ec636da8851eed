namespace Icmal.Model;

/// <summary>
/// An article's place among republications (issue #16): the stored original it copies, or the stored copies of it.
/// Links are flat, so an article has one or the other, never both.
/// </summary>
/// <param name="Original">The link to the original when the article is a copy.</param>
/// <param name="Copies">The links of its copies, oldest first, when the article is an original.</param>
public sealed record ArticleCopies(CopyLink? Original, IReadOnlyList<CopyLink> Copies)
{
    /// <summary>An article neither copied nor a copy.</summary>
    public static ArticleCopies None { get; } = new(null, []);

    public long? OriginalId => Original?.OriginalId;

    public IReadOnlyList<long> CopyIds => Copies.Select(c => c.ArticleId).ToList();
}
