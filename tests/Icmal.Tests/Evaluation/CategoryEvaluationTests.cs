using Icmal.Evaluation;
using Icmal.Tests.Support;
using Icmal.Text.Categories;

namespace Icmal.Tests.Evaluation;

/// <summary>The shipped category model is what `icmal text train-categories` builds, and cross-validation is honest.</summary>
public sealed class CategoryEvaluationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Training_twice_gives_the_shipped_bytes()
    {
        string csv = Path.Combine(TestPaths.SharedData ?? throw new DirectoryNotFoundException("shared/data"), "az", "oxu-headlines-dev.csv");
        var rows = await CategoryEvaluation.ReadAsync(csv, Ct);
        // As `icmal text train-categories` does: the written headlines join at the shipped weight (none at weight 0).
        var written = CategoryEvaluation.WrittenWeight > 0
            ? await CategoryEvaluation.ReadWrittenAsync(Path.Combine(TestPaths.RepositoryRoot, CategoryEvaluation.WrittenPath), CategoryEvaluation.WrittenWeight, 1, Ct)
            : [];
        var examples = CategoryEvaluation.TrainingExamples(rows, written);
        byte[] first = CategoryTrainer.Train(examples).Save();
        byte[] second = CategoryTrainer.Train(examples).Save();
        Assert.Equal(first, second);
        byte[] shipped = await File.ReadAllBytesAsync(Path.Combine(TestPaths.RepositoryRoot, "src", "Icmal.Text", "Resources", "categories.bin"), Ct);
        Assert.True(first.AsSpan().SequenceEqual(shipped), "Resources/categories.bin is stale: run `icmal text train-categories`");
    }

    [Fact]
    public async Task Csv_with_quotes_and_commas_is_read_and_cross_validated_in_time_order()
    {
        using var folder = new TempFolder();
        string csv = Path.Combine(folder.Path, "h.csv");
        var lines = new List<string> { "date,category,title" };
        for (int i = 0; i < 40; i++)
        {
            lines.Add($"2025-11-{1 + i % 28:00}T10:{i:00}:00+04:00,İdman,\"\"\"Qarabağ\"\" futbol klubu qalib gəldi, qol {i}\"");
            lines.Add($"2025-11-{1 + i % 28:00}T11:{i:00}:00+04:00,Siyasət,Prezident nazirlə görüşüb {i}");
        }
        await File.WriteAllTextAsync(folder.Path + "/h.csv", string.Join("\r\n", lines) + "\r\n", Ct);
        var rows = await CategoryEvaluation.ReadAsync(csv, Ct);
        Assert.Equal(80, rows.Count);
        Assert.StartsWith("\"Qarabağ\" futbol klubu qalib gəldi, qol", rows.First(r => r.Category == NewsCategory.Idman).Title, StringComparison.Ordinal);
        Assert.True(rows.Zip(rows.Skip(1)).All(p => p.First.Date <= p.Second.Date));
        var report = CategoryEvaluation.CrossValidate(csv, rows, 4, new CategoryTrainingOptions());
        Assert.Equal(80, report.Rows);
        Assert.Equal(4, report.FoldAccuracies.Count);
        Assert.True(report.Accuracy > 0.9, $"accuracy {report.Accuracy}");
        var forward = CategoryEvaluation.CrossValidate(csv, rows, 4, new CategoryTrainingOptions(), forwardOnly: true);
        Assert.Equal(60, forward.Rows);
    }

    [Fact]
    public async Task The_newest_split_trains_on_older_rows_only_and_its_confusion_counts_every_tested_row()
    {
        using var folder = new TempFolder();
        string csv = Path.Combine(folder.Path, "h.csv");
        var lines = new List<string> { "date,category,title" };
        for (int i = 0; i < 40; i++)
        {
            lines.Add($"2025-11-{1 + i % 20:00}T10:{i:00}:00+04:00,İdman,Futbol klubu qalib gəldi {i}");
            lines.Add($"2025-11-{1 + i % 20:00}T11:{i:00}:00+04:00,Siyasət,Prezident nazirlə görüşüb {i}");
        }
        // The newest fifth is a section the older rows never had: a model that saw them would get them right.
        for (int i = 0; i < 20; i++) lines.Add($"2025-11-{25 + i % 4:00}T12:{i:00}:00+04:00,Kriminal,Gilas qalxan {i}");
        await File.WriteAllTextAsync(csv, string.Join("\r\n", lines) + "\r\n", Ct);
        var rows = await CategoryEvaluation.ReadAsync(csv, Ct);
        var report = CategoryEvaluation.HoldOutNewest(csv, rows, 0.2, new CategoryTrainingOptions());
        Assert.Equal(20, report.Rows);
        Assert.Equal(0, report.Accuracy);
        Assert.Equal(20, report.Confusion[(int)NewsCategory.Kriminal].Sum());
        Assert.Equal(20, report.Confusion.Sum(r => r.Sum()));
        Assert.Throws<ArgumentOutOfRangeException>(() => CategoryEvaluation.HoldOutNewest(csv, rows, 1, new CategoryTrainingOptions()));
    }

    [Fact]
    public async Task A_malformed_csv_is_one_clear_error()
    {
        using var folder = new TempFolder();
        string csv = Path.Combine(folder.Path, "bad.csv");
        await File.WriteAllTextAsync(csv, "date,category,title\r\nnot a date,İdman,x\r\n", Ct);
        var e = await Assert.ThrowsAsync<InvalidDataException>(() => CategoryEvaluation.ReadAsync(csv, Ct));
        Assert.Contains("row 2", e.Message, StringComparison.Ordinal);
        await File.WriteAllTextAsync(csv, "date,category,title\r\n2025-11-01T10:00:00+04:00,İdman,\"open\r\n", Ct);
        await Assert.ThrowsAsync<InvalidDataException>(() => CategoryEvaluation.ReadAsync(csv, Ct));
    }

    [Fact]
    public async Task The_written_corpus_reads_with_every_category_and_a_share_keeps_that_share_of_each()
    {
        string path = Path.Combine(TestPaths.RepositoryRoot, CategoryEvaluation.WrittenPath);
        var all = await CategoryEvaluation.ReadWrittenAsync(path, 0.5, 1, Ct);
        Assert.True(all.Count >= 1500, $"{all.Count} written headlines");
        Assert.All(NewsCategories.All, c => Assert.True(all.Count(e => e.Category == c) >= 50, $"{c}: {all.Count(e => e.Category == c)}"));
        Assert.All(all, e => Assert.Equal(0.5, e.Weight));
        Assert.Equal(all.Count, all.Select(e => e.Title).Distinct(StringComparer.Ordinal).Count());
        var half = await CategoryEvaluation.ReadWrittenAsync(path, 1, 0.5, Ct);
        foreach (var c in NewsCategories.All)
            Assert.Equal(all.Count(e => e.Category == c) / 2, half.Count(e => e.Category == c));

        using var folder = new TempFolder();
        string bad = Path.Combine(folder.Path, "w.csv");
        await File.WriteAllTextAsync(bad, "category,title\nİdman,Futbol\nBilinməz,Başlıq\n", Ct);
        var e = await Assert.ThrowsAsync<InvalidDataException>(() => CategoryEvaluation.ReadWrittenAsync(bad, 1, 1, Ct));
        Assert.Contains("row 3", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Written_weight_is_spread_over_the_categories_as_the_labelled_rows_are()
    {
        var written = Enumerable.Range(0, 10).Select(i => new CategoryExample($"a {i}", NewsCategory.Idman, Weight: 0.5))
            .Concat(Enumerable.Range(0, 30).Select(i => new CategoryExample($"b {i}", NewsCategory.Siyaset, Weight: 0.5)))
            .Concat(Enumerable.Range(0, 5).Select(i => new CategoryExample($"c {i}", NewsCategory.Texnologiya, Weight: 0.5))).ToList();
        // Labelled: three İdman to one Siyasət, no Texnologiya.
        var labelled = Enumerable.Repeat(NewsCategory.Idman, 30).Concat(Enumerable.Repeat(NewsCategory.Siyaset, 10)).ToList();
        var matched = CategoryEvaluation.MatchPrior(written, labelled);
        Assert.DoesNotContain(matched, e => e.Category == NewsCategory.Texnologiya);
        double idman = matched.Where(e => e.Category == NewsCategory.Idman).Sum(e => e.Weight);
        double siyaset = matched.Where(e => e.Category == NewsCategory.Siyaset).Sum(e => e.Weight);
        Assert.Equal(45 * 0.5, idman + siyaset, 9);
        Assert.Equal(3, idman / siyaset, 9);
    }

    [Fact]
    public async Task Written_headlines_train_both_splits_but_are_never_tested()
    {
        using var folder = new TempFolder();
        string csv = Path.Combine(folder.Path, "h.csv");
        var lines = new List<string> { "date,category,title" };
        for (int i = 0; i < 40; i++)
        {
            lines.Add($"2025-11-{1 + i % 20:00}T10:{i:00}:00+04:00,İdman,Futbol klubu qalib gəldi {i}");
            lines.Add($"2025-11-{1 + i % 20:00}T11:{i:00}:00+04:00,Siyasət,Prezident nazirlə görüşüb {i}");
            if (i % 4 == 0) lines.Add($"2025-11-{1 + i % 20:00}T12:{i:00}:00+04:00,Kriminal,Oğru tutulub {i}");
        }
        // The newest rows are Kriminal headlines in words only the written rows know (and no section lexicon has).
        for (int i = 0; i < 23; i++) lines.Add($"2025-11-{25 + i % 4:00}T13:{i:00}:00+04:00,Kriminal,Gilas qalxan {i}");
        await File.WriteAllTextAsync(csv, string.Join("\r\n", lines) + "\r\n", Ct);
        var rows = await CategoryEvaluation.ReadAsync(csv, Ct);
        var written = Enumerable.Range(0, 30).Select(i => new CategoryExample($"Gilas qalxan, dörd {i}", NewsCategory.Kriminal)).ToList();
        var options = new CategoryTrainingOptions();
        var without = CategoryEvaluation.HoldOutNewest(csv, rows, 0.2, options);
        var with = CategoryEvaluation.HoldOutNewest(csv, rows, 0.2, options, written);
        Assert.Equal(without.Rows, with.Rows);
        Assert.True(with.Accuracy > without.Accuracy + 0.3, $"{without.Accuracy} → {with.Accuracy}");
        var foldsWithout = CategoryEvaluation.CrossValidate(csv, rows, 5, options);
        var foldsWith = CategoryEvaluation.CrossValidate(csv, rows, 5, options, extra: written);
        Assert.Equal(rows.Count, foldsWith.Rows);
        Assert.True(foldsWith.FoldAccuracies[^1] > foldsWithout.FoldAccuracies[^1] + 0.3, $"{foldsWithout.FoldAccuracies[^1]} → {foldsWith.FoldAccuracies[^1]}");
    }
}
