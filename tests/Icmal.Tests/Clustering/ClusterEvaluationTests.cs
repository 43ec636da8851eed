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
    public async Task A_line_without_a_gold_label_is_named_with_its_place()
    {
        using var folder = new TempFolder();
        string set = Path.Combine(folder.Path, "set.jsonl");
        await File.WriteAllLinesAsync(set, ["""{"title":"Başlıq","text":"Mətn"}"""], Ct);
        var e = await Assert.ThrowsAsync<InvalidDataException>(() => ClusterEvaluation.EvaluateAsync(set, null, null, Ct));
        Assert.Contains("set.jsonl:1", e.Message, StringComparison.Ordinal);
    }
}
