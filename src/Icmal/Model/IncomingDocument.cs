namespace Icmal.Model;

/// <summary>How a document's bytes are to be read.</summary>
public enum DocumentFormat
{
    /// <summary>An HTML page.</summary>
    Html,
    /// <summary>A page copied as plain text, or a print edition pasted as text.</summary>
    TextDump,
    /// <summary>One article of a JSON article list: an object with title, text, url, published, site, author.</summary>
    JsonArticle,
}

/// <summary>A document arriving at the pipeline: bytes as received, and where and when they came from.</summary>
/// <param name="Origin">A file path (with "#n" for the n-th item of a list) or a URL; used in every message.</param>
/// <param name="Archived">When İcmal received the document (fetched it, or read the file).</param>
/// <param name="Url">The page's web address when known.</param>
/// <param name="DeclaredCharset">The charset the transport declared (HTTP Content-Type), if any.</param>
/// <param name="Fetched">When the bytes were fetched from the web, if İcmal fetched them: the "now" a page's
/// relative dates ("Bu gün, 14:37", "2 saat əvvəl") count from. Null for a file of unknown age, whose
/// relative dates are then not read: "Bu gün" on a page saved last year is not today.</param>
/// <param name="SourceId">The followed source the document came from, if any: its problems are shown with that source.</param>
/// <param name="FeedSection">The section the feed that listed the page gave it (its item's &lt;category&gt;), if any: the
/// source's own section, taken when the page names none.</param>
public sealed record IncomingDocument(
    string Origin,
    DocumentFormat Format,
    ReadOnlyMemory<byte> Raw,
    DateTimeOffset Archived,
    Uri? Url = null,
    string? DeclaredCharset = null,
    DateTimeOffset? Fetched = null,
    long? SourceId = null,
    string? FeedSection = null);
