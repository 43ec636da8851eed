using Icmal.Analysis;
using Icmal.Model;

namespace Icmal.Ingest.Stages;

/// <summary>
/// Analyses the extracted article (<see cref="ArticleAnalyzer"/>) into the article as it will be stored, with its terms
/// (stems without stop words) made once for every later stage; a page whose
/// main text is too short to be an article is rejected here, where the whole text is known.
/// </summary>
public sealed class AnalyseStage : IPipelineStage
{
    public IngestStage Stage => IngestStage.Analyse;

    public bool Retryable => false;

    public Task<StageResult> RunAsync(IngestItem item, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(item);
        var analysed = ArticleAnalyzer.Analyse(item.Document, item.Extracted ?? throw new InvalidOperationException("the read stage runs first"));
        int length = analysed.Article.Text.Length;
        if (length < ArticleAnalyzer.MinimumTextLength)
            return Task.FromResult(StageResult.Stop(IngestOutcome.Rejected(item.Document.Origin,
                length == 0 ? "no article text found" : $"too little article text ({length} characters)", IngestStage.Extract)));
        return Task.FromResult(StageResult.Continue(item with { Analysed = analysed }));
    }
}
