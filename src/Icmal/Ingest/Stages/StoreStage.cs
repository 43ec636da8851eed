using Icmal.Model;
using Icmal.Storage;

namespace Icmal.Ingest.Stages;

/// <summary>Archives the raw document and stores its article with its search keys, all in one transaction.</summary>
public sealed class StoreStage(ArticleStore articles) : IPipelineStage
{
    public IngestStage Stage => IngestStage.Store;

    public bool Retryable => true;

    public async Task<StageResult> RunAsync(IngestItem item, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(item);
        var document = item.Document;
        var analysed = item.Analysed ?? throw new InvalidOperationException("the analyse stage runs first");
        var article = analysed.Article;
        var stored = await articles.AddAsync(
            new NewDocument(item.Sha256, document.Origin, document.Url?.ToString(), FormatName(document.Format), item.Charset, document.Raw, document.Archived),
            article, analysed.Search, ct);
        // Another writer stored the same bytes between the first look and this one.
        return stored.Status == StoreStatus.Stored
            ? StageResult.Continue(item with { ArticleId = stored.ArticleId })
            : StageResult.Stop(new IngestOutcome(document.Origin, IngestStatus.AlreadyPresent, stored.ArticleId, article.Title, Note: item.Note));
    }

    private static string FormatName(DocumentFormat format) => format switch
    {
        DocumentFormat.Html => "html",
        DocumentFormat.TextDump => "text",
        _ => "json-article",
    };
}
