using System.Text;
using Icmal.Ingest;
using Icmal.Ingest.Stages;
using Icmal.Model;
using Icmal.Tests.Support;

namespace Icmal.Tests.Ingest;

public sealed class IngestPipelineTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_pipeline_runs_its_stages_in_the_order_of_the_flow()
    {
        await using var h = await ImportHarness.CreateAsync();
        var pipeline = await IngestPipeline.OpenAsync(h.Store, Ct);

        Assert.Equal([typeof(KnownDocumentStage), typeof(ReadStage), typeof(AnalyseStage), typeof(StoreStage), typeof(EntityStage), typeof(CategoriseStage), typeof(LinkStage), typeof(ClusterStage)],
            pipeline.Stages.Select(s => s.GetType()));
        Assert.Equal([IngestStage.Store, IngestStage.Extract, IngestStage.Analyse, IngestStage.Store, IngestStage.Entities, IngestStage.Categorise, IngestStage.Link, IngestStage.Cluster],
            pipeline.Stages.Select(s => s.Stage));
    }

    [Fact]
    public async Task Each_stage_adds_its_part_to_the_item_and_the_outcome_names_the_stored_article()
    {
        await using var h = await ImportHarness.CreateAsync();
        var pipeline = await IngestPipeline.OpenAsync(h.Store, Ct);
        string sample = TestPaths.Sample("001");
        var item = IngestItem.For(new IncomingDocument(sample, DocumentFormat.TextDump, await File.ReadAllBytesAsync(sample, Ct), DateTimeOffset.UtcNow));

        var seen = new List<(Type, bool Extracted, bool Analysed, bool Stored)>();
        foreach (var stage in pipeline.Stages)
        {
            item = (await stage.RunAsync(item, Ct)).Next!;
            seen.Add((stage.GetType(), item.Extracted is not null, item.Article is not null, item.ArticleId is not null));
        }

        Assert.Equal((typeof(ReadStage), true, false, false), seen[1]);
        Assert.Equal((typeof(AnalyseStage), true, true, false), seen[2]);
        Assert.Equal((typeof(StoreStage), true, true, true), seen[3]);
        var stored = await h.Store.Articles.GetAsync(item.ArticleId!.Value, Ct);
        Assert.NotNull(stored!.StoryId);
        Assert.Equal(item.Article!.Title, stored.Title);
    }

    [Fact]
    public async Task A_document_stored_before_stops_at_the_first_stage_with_its_article()
    {
        await using var h = await ImportHarness.CreateAsync();
        var pipeline = await IngestPipeline.OpenAsync(h.Store, Ct);
        var document = new IncomingDocument("a.txt", DocumentFormat.TextDump,
            Encoding.UTF8.GetBytes("Başlıq\n\n" + string.Concat(Enumerable.Repeat("Bakıda yeni park açılıb və sakinlər onu ziyarət edir. ", 5))), DateTimeOffset.UtcNow);

        var first = await pipeline.IngestAsync(document, Ct);
        var again = await pipeline.IngestAsync(document with { Origin = "b.txt" }, Ct);

        Assert.Equal(IngestStatus.Stored, first.Status);
        Assert.Equal((IngestStatus.AlreadyPresent, first.ArticleId), (again.Status, again.ArticleId));
        var known = await pipeline.Stages[0].RunAsync(IngestItem.For(document), Ct);
        Assert.Equal(first.ArticleId, known.Done!.ArticleId);
    }
}
