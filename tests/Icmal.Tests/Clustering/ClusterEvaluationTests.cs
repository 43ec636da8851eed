using Icmal.Clustering;
using Icmal.Evaluation;
using Icmal.Tests.Support;

namespace Icmal.Tests.Clustering;

public sealed class ClusterEvaluationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Assignments_are_written_one_line_per_article_with_its_id_and_story()
    {
        using var folder = new TempFolder();
        string set = Path.Combine(folder.Path, "set.jsonl"), output = Path.Combine(folder.Path, "out.jsonl");
        const string text = "Bakı metropoliteninin Xətai rayonundakı yeni stansiyası sərnişinlərin istifadəsinə verilib.";
        await File.WriteAllLinesAsync(set, [
            $$"""{"id":"a1","published":"2025-10-21T09:00:00+04:00","title":"Bakıda yeni metro stansiyası açılıb","text":"{{text}}","cluster":"metro"}""",
            $$"""{"id":"b2","published":"2025-10-21T10:00:00+04:00","title":"Neft qiymətləri bahalaşıb","text":"Brent markalı neftin bir barrelinin qiyməti dünya bazarlarında artıb, OPEC hasilatı azaldıb.","cluster":"oil"}""",
            $$"""{"id":7,"published":"2025-10-21T11:00:00+04:00","title":"Bakıda yeni metro stansiyası açılıb","text":"{{text}}","cluster":"metro"}""",
        ], Ct);

        var report = await ClusterEvaluation.EvaluateAsync(set, new StoryClusterer(), output, Ct);

        Assert.Equal(
            ["""{"id":"a1","story":1}""", """{"id":"b2","story":2}""", """{"id":7,"story":1}"""],
            await File.ReadAllLinesAsync(output, Ct));
        Assert.Equal(1, report.Score.Pairwise.F1, 10);
        Assert.Equal(2, report.LargestStory);
    }

    [Fact]
    public async Task Scoring_from_an_article_on_counts_only_the_later_articles_the_warm_clusterer_placed()
    {
        using var folder = new TempFolder();
        string set = Path.Combine(folder.Path, "set.jsonl");
        const string text = "Bakı metropoliteninin Xətai rayonundakı yeni stansiyası sərnişinlərin istifadəsinə verilib.";
        await File.WriteAllLinesAsync(set, [
            $$"""{"id":1,"published":"2025-10-21T09:00:00+04:00","title":"Bakıda yeni metro stansiyası açılıb","text":"{{text}}","cluster":"metro"}""",
            $$"""{"id":2,"published":"2025-10-21T10:00:00+04:00","title":"Neft qiymətləri bahalaşıb","text":"Brent markalı neftin bir barrelinin qiyməti dünya bazarlarında artıb, OPEC hasilatı azaldıb.","cluster":"oil"}""",
            $$"""{"id":3,"published":"2025-10-21T11:00:00+04:00","title":"Bakıda yeni metro stansiyası açılıb","text":"{{text}}","cluster":"metro"}""",
            $$"""{"id":4,"published":"2025-10-21T12:00:00+04:00","title":"Bakıda yeni metro stansiyası açılıb","text":"{{text}}","cluster":"metro"}""",
        ], Ct);

        var whole = (await ClusterEvaluation.EvaluateAsync(set, new StoryClusterer(), null, Ct)).Score;
        var later = (await ClusterEvaluation.EvaluateAsync(set, new StoryClusterer(), null, Ct, scoreFrom: 2)).Score;

        Assert.Equal((4, 3L, 2), (whole.Items, whole.Pairwise.TruePairs, whole.GoldClusters));
        // Articles 3 and 4 joined the story article 1 began; cut to them it is one pair and one event.
        Assert.Equal((2, 1L, 1L, 1), (later.Items, later.Pairwise.TruePairs, later.Pairwise.GoldPairs, later.GoldClusters));
        var e = await Assert.ThrowsAsync<InvalidDataException>(() => ClusterEvaluation.EvaluateAsync(set, null, null, Ct, scoreFrom: 4));
        Assert.Contains("none from article 4 on", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_line_without_a_gold_label_is_named_with_its_place()
    {
        using var folder = new TempFolder();
        string set = Path.Combine(folder.Path, "set.jsonl");
        await File.WriteAllLinesAsync(set, ["""{"title":"Başlıq","text":"Mətn"}"""], Ct);
        var e = await Assert.ThrowsAsync<InvalidDataException>(() => ClusterEvaluation.EvaluateAsync(set, null, null, Ct));
        Assert.Contains("set.jsonl:1", e.Message, StringComparison.Ordinal);
    }
}
