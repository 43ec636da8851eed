namespace Icmal.Pipeline;

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
public sealed record IncomingDocument(
    string Origin,
    DocumentFormat Format,
    ReadOnlyMemory<byte> Raw,
    DateTimeOffset Archived,
    Uri? Url = null,
    string? DeclaredCharset = null,
    DateTimeOffset? Fetched = null,
    long? SourceId = null);

/// <summary>What happened to one incoming document.</summary>
public enum IngestStatus
{
    Stored,
    AlreadyPresent,
    /// <summary>The document itself is the problem (not an article, undecodable...): trying again changes nothing.</summary>
    Rejected,
    /// <summary>İcmal failed on it (the database refused the write...): worth trying again later.</summary>
    Failed,
}

/// <summary>The stage of the pipeline an outcome's problem arose in, as recorded and shown on /admin/sources.</summary>
public static class IngestStage
{
    public const string Fetch = "fetch";
    public const string Read = "read";
    public const string Decode = "decode";
    public const string Extract = "extract";
    public const string Analyse = "analyse";
    public const string Store = "store";
    public const string Cluster = "cluster";
}

/// <summary>The result for one document; <see cref="Reason"/> says why a document was rejected or failed.</summary>
/// <param name="Stage">Where the problem arose (<see cref="IngestStage"/>); null when there was none.</param>
/// <param name="Note">Something worth knowing about a stored document, e.g. a charset set aside or a failed later stage.</param>
public sealed record IngestOutcome(string Origin, IngestStatus Status, long? ArticleId = null, string? Title = null, string? Reason = null,
    string? Stage = null, string? Note = null)
{
    public static IngestOutcome Rejected(string origin, string reason, string? stage = null) => new(origin, IngestStatus.Rejected, Reason: reason, Stage: stage);

    public static IngestOutcome Failed(string origin, string reason, string stage) => new(origin, IngestStatus.Failed, Reason: reason, Stage: stage);

    /// <summary>The outcome of an exception at a stage: one line naming the stage, the exception's type and message.</summary>
    public static IngestOutcome Threw(string origin, string stage, Exception e, bool retryable)
    {
        ArgumentNullException.ThrowIfNull(e);
        string reason = $"{stage} failed: {e.GetType().Name}: {e.Message}";
        return retryable ? Failed(origin, reason, stage) : Rejected(origin, reason, stage);
    }
}
