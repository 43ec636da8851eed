using System.Text.Json;
using Icmal.Evaluation;
using Icmal.Model;

namespace Icmal.Tests.Extraction;

/// <summary>Pages of trafilatura's evaluation set (shared/data) and the metric the eval command uses.</summary>
public sealed class EvalSetTests
{
    [Theory]
    [InlineData("pages/juraforum.de-Wohngeld.html.gz")]
    [InlineData("pages/msn.com.university.html.gz")]
    [InlineData("pages/tine.no.fotballskole.html.gz")]
    [InlineData("pages/lopinion.fr.glyphosate.html.gz")]
    [InlineData("pages/berkutschi.com-willingen.html.gz")]
    [InlineData("pages/apolut.net-Sonja-Silberhorn.html.gz")]
    public async Task Real_page_gives_its_main_text_and_none_of_its_boilerplate(string file)
    {
        string set = TestData.SharedOrSkip(Path.Combine("extraction", "trafilatura-eval"));
        var entry = File.ReadLines(Path.Combine(set, "truth.jsonl")).Select(l => JsonDocument.Parse(l).RootElement)
            .Single(e => e.GetProperty("file").GetString() == file);
        string? url = entry.GetProperty("url").ValueKind == JsonValueKind.String ? entry.GetProperty("url").GetString() : null;
        var (article, error) = TestData.Extract(await ExtractionEvaluation.ReadPageAsync(set, file, TestContext.Current.CancellationToken), DocumentFormat.Html, url);
        Assert.Null(error);
        string text = ExtractionEvaluation.Normalise(article!.Text);
        foreach (var s in entry.GetProperty("with").EnumerateArray())
            Assert.Contains(ExtractionEvaluation.Normalise(s.GetString()!), text, StringComparison.Ordinal);
        foreach (var s in entry.GetProperty("without").EnumerateArray())
            Assert.DoesNotContain(ExtractionEvaluation.Normalise(s.GetString()!), text, StringComparison.Ordinal);
    }

    [Fact]
    public void Snippet_metric_counts_found_missing_and_leaked()
    {
        var (tp, fn, fp, tn, missing, leaked) = ExtractionEvaluation.ScorePage("Eins  zwei\ndrei vier. Menü", ["zwei drei", "fünf"], ["Menü", "Impressum"]);
        Assert.Equal((1, 1, 1, 1), (tp, fn, fp, tn));
        Assert.Equal(["fünf"], missing);
        Assert.Equal(["Menü"], leaked);
    }

    [Fact]
    public void Snippet_metric_is_case_sensitive_and_counts_no_output_as_all_missing()
    {
        Assert.Equal(0, ExtractionEvaluation.ScorePage("eins zwei", ["Eins"], []).Tp);
        var none = ExtractionEvaluation.ScorePage(null, ["a", "b"], ["c"]);
        Assert.Equal((0, 2, 0, 1), (none.Tp, none.Fn, none.Fp, none.Tn));
    }

    [Fact]
    public async Task Whole_set_scores_at_least_trafilatura()
    {
        string set = TestData.SharedOrSkip(Path.Combine("extraction", "trafilatura-eval"));
        var score = await ExtractionEvaluation.EvaluateSnippetsAsync(set, ct: TestContext.Current.CancellationToken);
        Assert.Equal(990, score.Pages);
        Assert.True(score.F1 >= 0.915, $"F1 {score.F1:F3}");
    }

    [Fact]
    public async Task Date_metric_reads_both_set_formats_and_skips_pages_without_a_known_date()
    {
        string dir = Directory.CreateTempSubdirectory("icmal-dates-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(dir, "pages"));
            string Page(string date) => $"<html><head><meta property=\"article:published_time\" content=\"{date}T10:00:00+04:00\"></head><body><article><p>Yeni park açılıb, sakinlər açılışda iştirak ediblər və uşaqlar üçün meydança salınıb.</p></article></body></html>";
            File.WriteAllText(Path.Combine(dir, "pages", "a.html"), Page("2020-01-02"));
            File.WriteAllText(Path.Combine(dir, "pages", "b.html"), Page("2021-03-04"));
            File.WriteAllText(Path.Combine(dir, "pages", "c.html"), Page("2022-05-06"));
            File.WriteAllText(Path.Combine(dir, "pages", "d.html"), Page("2023-07-08"));
            File.WriteAllLines(Path.Combine(dir, "truth.jsonl"),
            [
                """{"file": "pages/a.html", "date": "2020-01-02"}""",
                """{"file": "pages/b.html", "meta": {"title": "x", "date": "2021-03-05"}}""",
                """{"file": "pages/c.html", "meta": {"title": "no date known"}}""",
                """{"file": "pages/d.html", "date": null}""",
            ]);
            var score = await ExtractionEvaluation.EvaluateDatesAsync(dir, ct: TestContext.Current.CancellationToken);
            Assert.Equal(3, score.Entries);
            Assert.Equal(1, score.Undated);
            Assert.Equal(1, score.Right);
            Assert.Equal(2, score.Wrong);          // a date for a page without a true one is wrong, as upstream counts
            Assert.Equal(0.5, score.Accuracy);     // right / entries with a true date
            Assert.Equal(1.0 / 3, score.UpstreamAccuracy, 6);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Whole_date_set_scores_at_least_htmldate()
    {
        string set = TestData.SharedOrSkip(Path.Combine("dates", "htmldate-eval"));
        var score = await ExtractionEvaluation.EvaluateDatesAsync(set, ct: TestContext.Current.CancellationToken);
        Assert.Equal(576, score.Entries);
        // htmldate 1.10.0 extensive: 0.903 on its full set.
        Assert.Equal(5, score.Undated);
        Assert.True(score.UpstreamAccuracy >= 0.93, $"accuracy over all entries {score.UpstreamAccuracy:F3}");
    }
}
