namespace Icmal.Model;

/// <summary>
/// The credited original of a republished item: "Sherg.az portalına istinadən", "Mənbə: https://sherg.az".
/// </summary>
/// <param name="Name">The name the republisher gives, e.g. "Sherg.az"; null when only a URL is given.</param>
/// <param name="Url">The original's address when the page names one.</param>
public sealed record SourceCredit(string? Name, string? Url);

/// <summary>
/// An article as read from one page or text, before it is stored. Every field but the text may be missing:
/// real pages lack headlines, bylines and dates, and inventing them would be worse than saying nothing.
/// </summary>
public sealed record ExtractedArticle
{
    public string? Title { get; init; }
    /// <summary>
    /// The page's section or rubric ("Siyasət", "Analitik"), when it names one: from its metadata, or a label printed
    /// on the headline's line and taken off the title (see <see cref="Extraction.HeadlineSection"/>).
    /// </summary>
    public string? Section { get; init; }
    public IReadOnlyList<string> Authors { get; init; } = [];
    /// <summary>When the article was first published, as the page states it.</summary>
    public DateTimeOffset? Published { get; init; }
    /// <summary>
    /// Where <see cref="Published"/> was read (JSON-LD NewsArticle, the date shown at the headline, the address): how
    /// far to trust it, and what to look at when it is wrong. Made where the date is chosen.
    /// </summary>
    public DateEvidence? PublishedFrom { get; init; }
    public DateTimeOffset? Modified { get; init; }
    /// <summary>The publishing site's name or host, e.g. "yap.org.az".</summary>
    public string? Site { get; init; }
    public string? CanonicalUrl { get; init; }
    /// <summary>ISO 639-1 code of the main text's language, when known.</summary>
    public string? Language { get; init; }
    public string? ImageUrl { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    /// <summary>The original this item republishes, when the page credits one.</summary>
    public SourceCredit? Original { get; init; }
    /// <summary>The main text in reading order.</summary>
    public IReadOnlyList<ArticleBlock> Blocks { get; init; } = [];

    /// <summary>The main text as plain text, blocks separated by blank lines.</summary>
    public string Text => string.Join("\n\n", Blocks.Select(b => b.Text));
}
