using Icmal.Clustering;
using Icmal.Analysis;
using Icmal.Model;

namespace Icmal.Ingest.Stages;

/// <summary>
/// Puts the stored articles into stories (<see cref="StoryStage"/>): a batch's in one go, after learning what other
/// processes put into stories meanwhile.
/// </summary>
public sealed class ClusterStage(StoryStage stories) : IBatchStage, IRelatingStage
{
    public IngestStage Stage => IngestStage.Cluster;

    public bool Retryable => true;

    /// <summary>
    /// False: the story stage reads only articles already in a story (those after the order's number it has seen,
    /// <see cref="Storage.StoryOrderStep"/>), never one stored but not yet clustered.
    /// </summary>
    public bool ReadsUnrelatedArticles => false;

    public IReadOnlySet<long> PassedOver => stories.PassedOver;

    public async Task<StageResult> RunAsync(IngestItem item, CancellationToken ct) => (await RunManyAsync([item], ct))[0];

    public async Task<IReadOnlyList<StageResult>> RunManyAsync(IReadOnlyList<IngestItem> items, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(items);
        var articles = new List<(long, AnalysedArticle)>(items.Count);
        foreach (var item in items)
        {
            ArgumentNullException.ThrowIfNull(item);
            if (item.ArticleId is not { } id || item.Analysed is not { } analysed) throw new InvalidOperationException("the store stage runs first");
            articles.Add((id, analysed));
        }
        await stories.AssignManyAsync(articles, ct);
        return items.Select(StageResult.Continue).ToList();
    }
}
