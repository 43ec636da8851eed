using Icmal.Analysis;
using Icmal.Model;
using Icmal.Storage;

namespace Icmal.Ingest.Stages;

/// <summary>
/// One document on its way through the pipeline: what it arrived as, and what each stage has added so far.
/// </summary>
/// <param name="Sha256">The hash of the raw bytes: a document stored once is never stored again.</param>
public sealed record IngestItem(IncomingDocument Document, string Sha256)
{
    public static IngestItem For(IncomingDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return new IngestItem(document, Hashing.Sha256Hex(document.Raw.Span));
    }

    /// <summary>The charset the bytes were read in (set by the read stage).</summary>
    public string? Charset { get; init; }

    /// <summary>What the extractor found (set by the read stage).</summary>
    public ExtractedArticle? Extracted { get; init; }

    /// <summary>The article as it will be stored, with its terms (set by the analyse stage).</summary>
    public AnalysedArticle? Analysed { get; init; }

    /// <summary>The article as it will be stored (set by the analyse stage).</summary>
    public Article? Article => Analysed?.Article;

    /// <summary>The article's entities, quotes and figures, found ahead of the entity stage (<see cref="IPreparingStage"/>).</summary>
    public ArticleFacts? Facts { get; init; }

    /// <summary>The article's category, chosen ahead of the categorise stage (<see cref="IPreparingStage"/>).</summary>
    public Icmal.Text.Categories.CategoryAssignment? Category { get; init; }

    /// <summary>The article's sketch and text hash, worked out ahead of the link stage (<see cref="IPreparingStage"/>).</summary>
    public Icmal.Linking.ArticleText? LinkText { get; init; }

    /// <summary>The stored article's id (set by the store stage): from here on a failing stage cannot unstore it.</summary>
    public long? ArticleId { get; init; }

    /// <summary>Things worth knowing about the item that are no reason to refuse it (a charset set aside, a later stage that failed).</summary>
    public string? Note { get; init; }

    public IngestItem WithNote(string? note) =>
        note is null ? this : this with { Note = Note is null ? note : $"{Note}; {note}" };
}

/// <summary>What a stage gives back: the item to hand on, or the document's final outcome.</summary>
public readonly record struct StageResult(IngestItem? Next, IngestOutcome? Done)
{
    public static StageResult Continue(IngestItem item) => new(item, null);

    public static StageResult Stop(IngestOutcome outcome) => new(null, outcome);
}

/// <summary>One stage of the ingest pipeline: a small type with one job, run in the order the pipeline lists them.</summary>
public interface IPipelineStage
{
    /// <summary>The stage a problem here is recorded under.</summary>
    IngestStage Stage { get; }

    /// <summary>
    /// Whether an exception here is İcmal's problem (a database that refused a write), worth trying again later,
    /// rather than the document's (a page that makes a parser throw).
    /// </summary>
    bool Retryable { get; }

    Task<StageResult> RunAsync(IngestItem item, CancellationToken ct);
}
