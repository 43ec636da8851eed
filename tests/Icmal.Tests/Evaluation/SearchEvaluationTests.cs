using System.Text.Json;
using Icmal.Evaluation;
using Icmal.Storage;
using Icmal.Tests.Support;

namespace Icmal.Tests.Evaluation;

/// <summary>`icmal eval search`: known-item queries scored against a real SQLite archive filled by the real importer.</summary>
public sealed class SearchEvaluationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Article(string url, string title, string text) =>
        JsonSerializer.Serialize(new { url, title, text, published = "2025-06-01T10:00:00+04:00", site = "example.az" });

    private static async Task<ImportHarness> ArchiveAsync(params string[] articles)
    {
        var h = await ImportHarness.CreateAsync();
        string list = h.Files.Write("list.json", "[\n" + string.Join(",\n", articles) + "\n]");
        await h.ImportAsync(list);
        return h;
    }

    private const string KazakhText =
        "Prezident Qazaxıstanla əlaqələrin genişləndirilməsi barədə danışıb. Qarşılıqlı ticarət dövriyyəsi ötən il artıb və "
        + "yeni nəqliyyat marşrutları açılıb. Görüşdə enerji, kənd təsərrüfatı və rəqəmsal texnologiyalar müzakirə edilib.";

    private const string FentanylText =
        "Ağ Ev fentanil qaçaqmalçılığına qarşı yeni tədbirlər elan edib. Meksika ilə sərhəddə nəzarət gücləndiriləcək və "
        + "gömrük yoxlamaları artırılacaq. Rəsmilər bunun narkotik axınını azaldacağını bildiriblər.";

    private const string SchoolText =
        "Sentyabrdan məktəblərdə kağız jurnallardan istifadə dayandırılacaq. Müəllimlər elektron jurnala keçəcək və "
        + "valideynlər qiymətləri onlayn görə biləcəklər. Nazirlik təlimlərin keçiriləcəyini açıqlayıb.";

    [Fact]
    public async Task Scores_recall_at_10_and_MRR_and_lists_what_it_missed()
    {
        await using var h = await ArchiveAsync(
            Article("https://example.az/qazaxistan", "Əlaqələr genişlənir", KazakhText),
            Article("https://example.az/fentanil", "Ağ Ev yeni tədbirlər elan edib", FentanylText),
            Article("https://example.az/mekteb", "Kağız jurnallar tarixə qovuşur", SchoolText));
        string set = h.Files.Write("set.jsonl", string.Join('\n',
            """{"query":"qazaxistanin","url":"https://example.az/qazaxistan"}""",
            """{"query":"fentanilin Meksikaya","url":"https://example.az/fentanil"}""",
            """{"query":"zürafələr","url":"https://example.az/mekteb"}"""));

        var report = await SearchEvaluation.EvaluateAsync(set, h.Store, null, Ct);

        var score = Assert.Single(report.Scores);
        Assert.Equal((3, 2), (score.Queries, score.Found));
        Assert.Equal(2.0 / 3, score.RecallAt10, 6);
        Assert.Equal(2.0 / 3, score.Mrr, 6);
        var miss = Assert.Single(score.Misses);
        Assert.Equal(("zürafələr", 3, (int?)null, (string?)null), (miss.Item.Query, miss.Item.Line, miss.Rank, miss.First));
        Assert.Empty(report.Skipped);
        Assert.Equal(3, report.Articles);
    }

    [Fact]
    public async Task Bad_lines_and_unknown_addresses_are_skipped_with_their_line_and_the_rest_is_scored()
    {
        await using var h = await ArchiveAsync(Article("https://example.az/fentanil", "Ağ Ev yeni tədbirlər elan edib", FentanylText));
        string set = h.Files.Write("set.jsonl", string.Join('\n',
            "{not json",
            "[1, 2]",
            """{"query":"fentanil"}""",
            "",
            """{"query":"","url":"https://example.az/fentanil"}""",
            """{"query":"fentanil","url":"https://example.az/nowhere"}""",
            """{"query":"fentanil","url":"https://example.az/fentanil"}"""));

        var report = await SearchEvaluation.EvaluateAsync(set, h.Store, null, Ct);

        Assert.Equal(
            ["line 1: not JSON", "line 2: not a JSON object", "line 3: no \"url\" string", "line 5: no \"query\" string",
             "line 6: no stored article has the address https://example.az/nowhere"],
            report.Skipped.Select(s => s.StartsWith("line 1:", StringComparison.Ordinal) ? s[..16] : s));
        var score = Assert.Single(report.Scores);
        Assert.Equal((1, 1, 1.0), (score.Queries, score.Found, score.Mrr));
    }

    [Fact]
    public async Task A_copy_of_the_article_under_another_address_counts_as_the_article()
    {
        // Search shows copies of one text once; whichever copy it shows, the reader has found the article.
        await using var h = await ArchiveAsync(
            Article("https://first.az/fentanil", "Ağ Ev yeni tədbirlər elan edib", FentanylText),
            Article("https://copy.az/fentanil", "Ağ Ev yeni tədbirlər elan edib", FentanylText),
            Article("https://example.az/mekteb", "Kağız jurnallar tarixə qovuşur", SchoolText));
        string set = h.Files.Write("set.jsonl", """
            {"query":"fentanil","url":"https://first.az/fentanil"}
            {"query":"fentanil","url":"https://copy.az/fentanil"}
            """);

        var score = Assert.Single((await SearchEvaluation.EvaluateAsync(set, h.Store, null, Ct)).Scores);

        Assert.Equal((2, 2, 1.0), (score.Queries, score.Found, score.Mrr));
    }

    [Fact]
    public async Task The_baseline_is_FTS5_out_of_the_box_which_needs_every_word_as_typed_with_AND()
    {
        await using var h = await ArchiveAsync(
            Article("https://example.az/qazaxistan", "Əlaqələr genişlənir", KazakhText),
            Article("https://example.az/fentanil", "Ağ Ev yeni tədbirlər elan edib", FentanylText));
        string set = h.Files.Write("set.jsonl", """
            {"query":"qazaxistanin ticarət","url":"https://example.az/qazaxistan"}
            {"query":"fentanil Meksika","url":"https://example.az/fentanil"}
            """);

        var report = await SearchEvaluation.EvaluateAsync(set, h.Store, h.Files.Path, Ct);

        Assert.Equal(["icmal", "fts5 AND", "fts5 OR"], report.Scores.Select(s => s.Engine));
        Assert.Equal([2, 1, 2], report.Scores.Select(s => s.Found));
        Assert.Equal("qazaxistanin ticarət", Assert.Single(report.Scores[1].Misses).Item.Query);
        Assert.DoesNotContain(Directory.GetFiles(h.Files.Path), f => Path.GetFileName(f).StartsWith("fts5-baseline", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_seed_page_is_found_by_the_name_of_the_file_it_was_imported_from_and_a_web_address_however_escaped()
    {
        await using var h = await ImportHarness.CreateAsync();
        await h.ImportAsync(TestPaths.Samples);
        string list = h.Files.Write("list.json", "[" + Article("https://banker.az/az%c9%99rbaycan-x%c9%99b%c9%99r/", "Xəbər", SchoolText) + "]");
        await h.ImportAsync(list);

        var targets = await KnownItemTargets.LoadAsync(new ArticleTextScan(h.Store.Database), Ct);

        Assert.Equal(6, targets.Articles);
        Assert.Single(targets.Resolve("002_f7592e30ede47fe3.txt")!);
        Assert.Null(targets.Resolve("005_missing.txt"));
        var escaped = targets.Resolve("https://banker.az/az%c9%99rbaycan-x%c9%99b%c9%99r/")!;
        Assert.Equal(escaped, targets.Resolve("https://banker.az/azərbaycan-xəbər"));
        Assert.Equal(escaped, targets.Resolve("HTTPS://BANKER.AZ/az%C9%99rbaycan-x%C9%99b%C9%99r/"));
    }
}
