namespace Icmal.Model;

/// <summary>
/// An article as a list of links under another shows it (its story's other reports, similar news): what reading the
/// whole article (its text decoded) would cost a page several times over for nothing shown.
/// </summary>
/// <param name="At">Its plausible publication time, else when it was archived.</param>
public sealed record ArticleHeadline(long Id, string Title, string? Site, string? Language, DateTimeOffset At)
{
    public static ArticleHeadline Of(Article article)
    {
        ArgumentNullException.ThrowIfNull(article);
        return new(article.Id, article.Title, article.Site, article.Language, article.PlausiblePublished ?? article.Archived);
    }
}
