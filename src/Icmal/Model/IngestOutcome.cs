namespace Icmal.Model;

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
public enum IngestStage
{
    /// <summary>Fetching the page from the web.</summary>
    Fetch,
    /// <summary>Reading a file or splitting an article list.</summary>
    Read,
    /// <summary>Turning bytes into text (charsets).</summary>
    Decode,
    /// <summary>Finding the article in the page.</summary>
    Extract,
    /// <summary>Language, headline, tokens and stems.</summary>
    Analyse,
    /// <summary>Writing the document and its article.</summary>
    Store,
    /// <summary>Linking the article to the original it copies (or its copies to it).</summary>
    Link,
    /// <summary>Giving the article its category (the source's own section, else the classifier).</summary>
    Categorise,
    /// <summary>Putting the article into a story.</summary>
    Cluster,
    /// <summary>Finding the article's entities, quotes and figures.</summary>
    Entities,
}

/// <summary>The stable codes stages are stored under: renaming an enum member must not change what a database holds.</summary>
public static class IngestStageCodes
{
    public static string Code(this IngestStage stage) => stage switch
    {
        IngestStage.Fetch => "fetch",
        IngestStage.Read => "read",
        IngestStage.Decode => "decode",
        IngestStage.Extract => "extract",
        IngestStage.Analyse => "analyse",
        IngestStage.Store => "store",
        IngestStage.Link => "link",
        IngestStage.Categorise => "categorise",
        IngestStage.Cluster => "cluster",
        IngestStage.Entities => "entities",
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, "not a pipeline stage"),
    };

    /// <summary>The stage stored under <paramref name="code"/>; an unknown code (a newer version's stage) reads as null.</summary>
    public static IngestStage? Parse(string? code) => code switch
    {
        "fetch" => IngestStage.Fetch,
        "read" => IngestStage.Read,
        "decode" => IngestStage.Decode,
        "extract" => IngestStage.Extract,
        "analyse" => IngestStage.Analyse,
        "store" => IngestStage.Store,
        "link" => IngestStage.Link,
        "categorise" => IngestStage.Categorise,
        "cluster" => IngestStage.Cluster,
        "entities" => IngestStage.Entities,
        _ => null,
    };
}

/// <summary>The result for one document; <see cref="Reason"/> says why a document was rejected or failed.</summary>
/// <param name="Stage">Where the problem arose (<see cref="IngestStage"/>); null when there was none.</param>
/// <param name="Note">Something worth knowing about a stored document, e.g. a charset set aside or a failed later stage.</param>
public sealed record IngestOutcome(string Origin, IngestStatus Status, long? ArticleId = null, string? Title = null, string? Reason = null,
    IngestStage? Stage = null, string? Note = null)
{
    public static IngestOutcome Rejected(string origin, string reason, IngestStage? stage = null) => new(origin, IngestStatus.Rejected, Reason: reason, Stage: stage);

    public static IngestOutcome Failed(string origin, string reason, IngestStage stage) => new(origin, IngestStatus.Failed, Reason: reason, Stage: stage);

    /// <summary>The outcome of an exception at a stage: one line naming the stage, the exception's type and message.</summary>
    public static IngestOutcome Threw(string origin, IngestStage stage, Exception e, bool retryable)
    {
        ArgumentNullException.ThrowIfNull(e);
        string reason = $"{stage.Code()} failed: {e.GetType().Name}: {e.Message}";
        return retryable ? Failed(origin, reason, stage) : Rejected(origin, reason, stage);
    }
}
