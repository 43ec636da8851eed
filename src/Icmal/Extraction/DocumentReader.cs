using Icmal.Decoding;
using Icmal.Model;

namespace Icmal.Extraction;

/// <summary>What decoding and extracting one document gave: the article, or the stage that refused it and why.</summary>
/// <param name="Note">What decoding set aside (a charset browsers do not decode), for the outcome and the logs.</param>
public sealed record ExtractionResult(ExtractedArticle? Article, string? Charset, string? Error, IngestStage? Stage, string? Note);

/// <summary>
/// Decodes a document's bytes and extracts its article, by the document's format: the read stage of the pipeline,
/// and all that `icmal extract` and the extraction evaluation run.
/// </summary>
public static class DocumentReader
{
    /// <summary>Decodes and extracts; each stage's exceptions become the result's error with the stage named.</summary>
    public static ExtractionResult Read(IncomingDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var stage = IngestStage.Decode;
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
            return new ExtractionResult(null, null, $"{stage.Code()} failed: {e.GetType().Name}: {e.Message}", stage, null);
        }
    }
}
