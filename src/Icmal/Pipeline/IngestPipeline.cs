using Icmal.Analysis;
using Icmal.Clustering;
using Icmal.Decoding;
using Icmal.Extraction;
using Icmal.Model;
using Icmal.Storage;

namespace Icmal.Pipeline;

/// <summary>
/// The path every document takes, whether it came from a file or the web:
/// decode → extract → analyse → store → cluster. One document's failure is its own outcome and never an exception.
/// </summary>
public sealed class IngestPipeline(IcmalStore store, StoryStage? stories = null)
{
    /// <summary>The shortest main text accepted as an article; shorter results are almost always chrome.</summary>
    public const int MinimumTextLength = 80;

    public async Task<IngestOutcome> IngestAsync(IncomingDocument document, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (document.Raw.IsEmpty) return IngestOutcome.Rejected(document.Origin, "empty file");

        string sha = Hashing.Sha256Hex(document.Raw.Span);
        if (await store.FindArticleByDocumentHashAsync(sha, ct) is { } existingId)
            return new IngestOutcome(document.Origin, IngestStatus.AlreadyPresent, existingId);

        var (extracted, charset, error) = Extract(document);
        if (error is not null) return IngestOutcome.Rejected(document.Origin, error);

        var article = Analyse(document, extracted!);
        if (article.Text.Length < MinimumTextLength)
            return IngestOutcome.Rejected(document.Origin, article.Text.Length == 0
                ? "no article text found"
                : $"too little article text ({article.Text.Length} characters)");

        var stored = await store.AddArticleAsync(
            new NewDocument(sha, document.Origin, document.Url?.ToString(), FormatName(document.Format), charset, document.Raw, document.Archived),
            article, ct);
        if (stored.Status == StoreStatus.Stored && stories is not null)
            await stories.AssignAsync(stored.ArticleId, article, ct);
        return new IngestOutcome(document.Origin,
            stored.Status == StoreStatus.Stored ? IngestStatus.Stored : IngestStatus.AlreadyPresent,
            stored.ArticleId, article.Title);
    }

    /// <summary>Decodes and extracts without storing: what `icmal extract` shows.</summary>
    public static (ExtractedArticle? Article, string? Charset, string? Error) Extract(IncomingDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        switch (document.Format)
        {
            case DocumentFormat.JsonArticle:
            {
                var (article, error) = JsonArticleReader.Read(document.Raw);
                return (article, "utf-8", error);
            }
            case DocumentFormat.Html:
            {
                string? declared = document.DeclaredCharset ?? TextDecoding.SniffHtmlCharset(document.Raw.Span);
                var decoded = TextDecoding.Decode(document.Raw.Span, declared, allowLegacyGuess: true);
                if (!decoded.Succeeded) return (null, null, decoded.Error);
                return (HtmlArticleExtractor.Extract(decoded.Text!, document.Url, document.Fetched), decoded.Charset, null);
            }
            default:
            {
                var decoded = TextDecoding.Decode(document.Raw.Span, document.DeclaredCharset, allowLegacyGuess: false);
                if (!decoded.Succeeded) return (null, null, decoded.Error);
                return (TextPageExtractor.Extract(decoded.Text!, document.Fetched), decoded.Charset, null);
            }
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
            Url = extracted.CanonicalUrl ?? document.Url?.ToString(),
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
