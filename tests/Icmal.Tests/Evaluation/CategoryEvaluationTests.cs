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
        var examples = rows.Select(r => new CategoryExample(r.Title, r.Category)).ToList();
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
}
