namespace Icmal.Model;

/// <summary>An article as stored: what was extracted plus where and when it was archived.</summary>
public sealed record Article
{
    public required long Id { get; init; }
    public required long DocumentId { get; init; }
    /// <summary>Where the raw document came from: a URL or a file path.</summary>
    public required string Origin { get; init; }
    /// <summary>The web address of the article when known (canonical URL or the fetched URL).</summary>
    public string? Url { get; init; }
    public required string Title { get; init; }
    /// <summary>True when the page had no headline and <see cref="Title"/> was made from the text.</summary>
    public bool TitleDerived { get; init; }
    /// <summary>The page's section or rubric ("Siyasət", "Analitik"), when it names one.</summary>
    public string? Section { get; init; }
    public IReadOnlyList<string> Authors { get; init; } = [];
    public DateTimeOffset? Published { get; init; }
    /// <summary>
    /// Where <see cref="Published"/> was read (JSON-LD NewsArticle, the date shown at the headline, the address): pages
    /// carry many dates, and a reader who doubts an article's date can see which one was taken. Null for articles
    /// stored before İcmal kept it.
    /// </summary>
    public DateEvidence? PublishedFrom { get; init; }
    public DateTimeOffset? Modified { get; init; }
    public required DateTimeOffset Archived { get; init; }
    public string? Site { get; init; }
    public string? Language { get; init; }
    public string? ImageUrl { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public SourceCredit? Original { get; init; }
    public IReadOnlyList<ArticleBlock> Blocks { get; init; } = [];
    public long? StoryId { get; init; }
    /// <summary>How many articles the article's story holds (0 when it is not yet in one).</summary>
    public int StorySize { get; init; }

    public string Text => string.Join("\n\n", Blocks.Select(b => b.Text));

    /// <summary>The publication time when it can be believed, else null.</summary>
    public DateTimeOffset? PlausiblePublished => Plausible(Published, Archived);

    /// <summary>
    /// A publication time more than a day after the page was archived is a page's "now" or a typo, not when the
    /// article appeared; ordering and story time ignore it.
    /// </summary>
    public static DateTimeOffset? Plausible(DateTimeOffset? published, DateTimeOffset archived) =>
        published is { } p && p <= archived.AddDays(1) ? p : null;
}

/// <summary>A story: articles about one event, grouped as they arrive.</summary>
public sealed record Story(long Id, string Title, DateTimeOffset FirstSeen, DateTimeOffset LastSeen, int ArticleCount);
