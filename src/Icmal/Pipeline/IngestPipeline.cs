using Icmal.Analysis;
using Icmal.Clustering;
using Icmal.Decoding;
using Icmal.Extraction;
using Icmal.Model;
using Icmal.Storage;

namespace Icmal.Pipeline;

/// <summary>What decoding and extracting one document gave: the article, or the stage that refused it and why.</summary>
/// <param name="Note">What decoding set aside (a charset browsers do not decode), for the outcome and the logs.</param>
public sealed record ExtractionResult(ExtractedArticle? Article, string? Charset, string? Error, string? Stage, string? Note);

/// <summary>
/// The path every document takes, whether it came from a file or the web:
/// decode → extract → analyse → store → cluster. One document's failure is its own outcome and never an exception:
/// whatever a stage throws for one document (a hostile page, a database that refuses one row) becomes that
/// document's outcome, naming the stage, and is recorded in the item error log. Only the caller's cancellation
/// propagates.
/// </summary>
public sealed class IngestPipeline(IcmalStore store, StoryStage? stories = null)
{
    /// <summary>The shortest main text accepted as an article; shorter results are almost always chrome.</summary>
    public const int MinimumTextLength = 80;

    public async Task<IngestOutcome> IngestAsync(IncomingDocument document, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(document);
        var outcome = await IngestStagesAsync(document, ct);
        if (outcome.Status is IngestStatus.Rejected or IngestStatus.Failed)
            outcome = await RecordProblemAsync(outcome, document.SourceId, ct);
        return outcome;
    }

    /// <summary>
    /// Records a rejected or failed item in the item error log (what /admin/sources shows). When the log cannot be
    /// written either (the database is the problem), the outcome says so instead: recording never throws.
    /// </summary>
    public async Task<IngestOutcome> RecordProblemAsync(IngestOutcome outcome, long? sourceId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        try
        {
            await store.RecordItemErrorAsync(new ItemError(sourceId, outcome.Origin, outcome.Stage ?? IngestStage.Read,
                outcome.Reason ?? outcome.Note ?? "unknown", DateTimeOffset.UtcNow), ct);
            return outcome;
        }
        catch (Exception e) when (!IsCallerCancellation(e, ct))
        {
            return outcome with { Note = $"not recorded in the item error log: {e.GetType().Name}: {e.Message}" };
        }
    }

    /// <summary>True when <paramref name="e"/> is the caller asking to stop, the one exception a boundary lets through.</summary>
    public static bool IsCallerCancellation(Exception e, CancellationToken ct) => e is OperationCanceledException && ct.IsCancellationRequested;

    private async Task<IngestOutcome> IngestStagesAsync(IncomingDocument document, CancellationToken ct)
    {
        string origin = document.Origin;
        if (document.Raw.IsEmpty) return IngestOutcome.Rejected(origin, "empty file", IngestStage.Read);

        string sha = Hashing.Sha256Hex(document.Raw.Span);
        try
        {
            if (await store.FindArticleByDocumentHashAsync(sha, ct) is { } existingId)
                return new IngestOutcome(origin, IngestStatus.AlreadyPresent, existingId);
        }
        catch (Exception e) when (!IsCallerCancellation(e, ct))
        {
            return IngestOutcome.Threw(origin, IngestStage.Store, e, retryable: true);
        }

        var read = Read(document);
        if (read.Error is not null) return IngestOutcome.Rejected(origin, read.Error, read.Stage);

        AnalysedArticle analysed;
        try
        {
            analysed = ArticleAnalyzer.Analyse(Analyse(document, read.Article!));
        }
        catch (Exception e) when (!IsCallerCancellation(e, ct))
        {
            return IngestOutcome.Threw(origin, IngestStage.Analyse, e, retryable: false);
        }
        var article = analysed.Article;
        if (article.Text.Length < MinimumTextLength)
            return IngestOutcome.Rejected(origin, article.Text.Length == 0
                ? "no article text found"
                : $"too little article text ({article.Text.Length} characters)", IngestStage.Extract);

        StoreResult stored;
        try
        {
            stored = await store.AddArticleAsync(
                new NewDocument(sha, origin, document.Url?.ToString(), FormatName(document.Format), read.Charset, document.Raw, document.Archived),
                article, ct);
        }
        catch (Exception e) when (!IsCallerCancellation(e, ct))
        {
            return IngestOutcome.Threw(origin, IngestStage.Store, e, retryable: true);
        }

        string? note = read.Note;
        if (stored.Status == StoreStatus.Stored && stories is not null)
        {
            try
            {
                await stories.AssignAsync(stored.ArticleId, analysed, ct);
            }
            catch (Exception e) when (!IsCallerCancellation(e, ct))
            {
                // The article is stored and stays so; the story stage picks unclustered articles up again at its next start.
                var problem = IngestOutcome.Threw(origin, IngestStage.Cluster, e, retryable: true);
                problem = await RecordProblemAsync(problem, document.SourceId, ct);
                note = note is null ? problem.Reason : $"{note}; {problem.Reason}";
            }
        }
        return new IngestOutcome(origin,
            stored.Status == StoreStatus.Stored ? IngestStatus.Stored : IngestStatus.AlreadyPresent,
            stored.ArticleId, article.Title, Note: note);
    }

    /// <summary>Decodes and extracts without storing: what `icmal extract` shows.</summary>
    public static (ExtractedArticle? Article, string? Charset, string? Error) Extract(IncomingDocument document)
    {
        var read = Read(document);
        return (read.Article, read.Charset, read.Error);
    }

    /// <summary>Decodes and extracts, each stage's exceptions becoming the result's error with the stage named.</summary>
    public static ExtractionResult Read(IncomingDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        string stage = IngestStage.Decode;
        try
        {
            switch (document.Format)
            {
                case DocumentFormat.JsonArticle:
                {
                    stage = IngestStage.Extract;
                    var (article, error) = JsonArticleReader.Read(document.Raw);
                    return new ExtractionResult(article, "utf-8", error, error is null ? null : stage, null);
                }
                case DocumentFormat.Html:
                {
                    string? declared = document.DeclaredCharset ?? TextDecoding.SniffHtmlCharset(document.Raw.Span);
                    var decoded = TextDecoding.Decode(document.Raw.Span, declared, allowLegacyGuess: true);
                    if (!decoded.Succeeded) return new ExtractionResult(null, null, decoded.Error, stage, null);
                    stage = IngestStage.Extract;
                    return new ExtractionResult(HtmlArticleExtractor.Extract(decoded.Text!, document.Url, document.Fetched), decoded.Charset, null, null, decoded.Note);
                }
                default:
                {
                    var decoded = TextDecoding.Decode(document.Raw.Span, document.DeclaredCharset, allowLegacyGuess: false);
                    if (!decoded.Succeeded) return new ExtractionResult(null, null, decoded.Error, stage, null);
                    stage = IngestStage.Extract;
                    return new ExtractionResult(TextPageExtractor.Extract(decoded.Text!, document.Fetched), decoded.Charset, null, null, decoded.Note);
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A hostile page that makes a decoder or an extractor throw is that page's problem, named as such.
            return new ExtractionResult(null, null, $"{stage} failed: {e.GetType().Name}: {e.Message}", stage, null);
        }
    }

    /// <summary>Fills what the page did not say and what analysis adds, giving the article as it will be stored.</summary>
    public static Article Analyse(IncomingDocument document, ExtractedArticle extracted)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(extracted);
        bool derived = string.IsNullOrWhiteSpace(extracted.Title);
        string text = extracted.Text;
        return new Article
        {
            Id = 0,
            DocumentId = 0,
            Origin = document.Origin,
            Url = extracted.CanonicalUrl ?? WebUrl.TryHttp(document.Url?.AbsoluteUri),
            Title = derived ? ArticleAnalyzer.DeriveTitle(extracted.Blocks) : extracted.Title!,
            TitleDerived = derived,
            Section = extracted.Section,
            Authors = extracted.Authors,
            Published = extracted.Published,
            PublishedFrom = extracted.Published is null ? null : extracted.PublishedFrom,
            Modified = extracted.Modified,
            Archived = document.Archived,
            Site = extracted.Site ?? document.Url?.Host,
            Language = ArticleAnalyzer.IdentifyLanguage(extracted.Title ?? "", text, NormaliseLanguage(extracted.Language)),
            ImageUrl = extracted.ImageUrl,
            Tags = extracted.Tags,
            Original = extracted.Original,
            Blocks = extracted.Blocks,
        };
    }

    private static string? NormaliseLanguage(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag)) return null;
        string primary = tag.Trim().Split('-', '_')[0];
        return primary.Length is 2 or 3 ? primary.ToLowerInvariant() : null;
    }

    private static string FormatName(DocumentFormat format) => format switch
    {
        DocumentFormat.Html => "html",
        DocumentFormat.TextDump => "text",
        _ => "json-article",
    };
}
