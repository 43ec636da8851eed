using Icmal.Analysis;
using Icmal.Model;
using Icmal.Storage;

namespace Icmal.Ingest.Stages;

/// <summary>Archives the raw document and stores its article with its search keys, all in one transaction.</summary>
public sealed class StoreStage(ArticleStore articles) : IBatchStage
{
    public IngestStage Stage => IngestStage.Store;

    public bool Retryable => true;

    public async Task<StageResult> RunAsync(IngestItem item, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(item);
        var analysed = item.Analysed ?? throw new InvalidOperationException("the analyse stage runs first");
        var stored = await articles.AddAsync(NewDocumentOf(item), analysed.Article, analysed.Search, ct);
        return Result(item, stored);
    }

    /// <summary>
    /// The batch's documents and articles in a few statements, in the order given (so with the per-article path's
    /// ids); a document twice in the batch is stored once, and the second is already present, as one by one.
    /// </summary>
    public async Task<IReadOnlyList<StageResult>> RunManyAsync(IReadOnlyList<IngestItem> items, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(items);
        var rows = new List<(NewDocument, Article, SearchDocument)>(items.Count);
        foreach (var item in items)
        {
            var analysed = item.Analysed ?? throw new InvalidOperationException("the analyse stage runs first");
            rows.Add((NewDocumentOf(item), analysed.Article, analysed.Search));
        }
        var stored = await articles.AddManyAsync(rows, ct, inGivenOrder: true);
        return items.Select((item, k) => Result(item, stored[k])).ToList();
    }

    private static NewDocument NewDocumentOf(IngestItem item)
    {
        var document = item.Document;
        return new NewDocument(item.Sha256, document.Origin, document.Url?.ToString(), FormatName(document.Format), item.Charset, document.Raw, document.Archived);
    }

    /// <summary>The item stored, or (another writer stored the same bytes between the first look and this one) its outcome.</summary>
    private static StageResult Result(IngestItem item, StoreResult stored) =>
        stored.Status == StoreStatus.Stored
            ? StageResult.Continue(item with { ArticleId = stored.ArticleId })
            : StageResult.Stop(new IngestOutcome(item.Document.Origin, IngestStatus.AlreadyPresent, stored.ArticleId, item.Article?.Title, Note: item.Note));

    private static string FormatName(DocumentFormat format) => format switch
    {
        DocumentFormat.Html => "html",
        DocumentFormat.TextDump => "text",
        _ => "json-article",
    };
}
