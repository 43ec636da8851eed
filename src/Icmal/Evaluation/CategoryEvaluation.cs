using System.Diagnostics;
using System.Globalization;
using System.Text;
using Icmal.Text.Categories;

namespace Icmal.Evaluation;

/// <summary>One labelled row of a categories CSV (`date,category,title`), its label already mapped to the taxonomy.</summary>
public sealed record CategoryRow(DateTimeOffset Date, string Section, NewsCategory Category, string Title);

/// <summary>Precision, recall and F1 of one category.</summary>
public sealed record CategoryScore(NewsCategory Category, int Gold, int Predicted, int Correct)
{
    public double Precision => Predicted == 0 ? 0 : Correct / (double)Predicted;
    public double Recall => Gold == 0 ? 0 : Correct / (double)Gold;
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
}

/// <summary>
/// The figures of one evaluation: accuracy over the rows and F1 per category, plus per-fold accuracies and the confusion
/// matrix (<c>Confusion[(int)gold][(int)predicted]</c>, indexed by <see cref="NewsCategory"/>), which shows the pairs
/// of overlapping sections (Cəmiyyət against Hadisə and Kriminal) that decide the accuracy.
/// </summary>
public sealed record CategoryReport(string Path, int Rows, double Accuracy, double MacroF1, IReadOnlyList<CategoryScore> Categories,
    IReadOnlyList<double> FoldAccuracies, TimeSpan Cpu, IReadOnlyList<IReadOnlyList<int>> Confusion);

/// <summary>
/// `icmal eval categories FILE.csv`: accuracy and per-class F1 of the shipped classifier on the rows, or (with folds)
/// of the training method cross-validated on the rows. Labels are the source's section names mapped by
/// <see cref="CategoryTaxonomy"/>; unknown or small sections (Maraqlı, Baku TV, Müsahibə) count as Digər. Folds are
/// contiguous blocks in time order (the file is sorted by date), so each test block holds headlines of days the model
/// never saw — the situation of the kept-back newer headlines — unlike a shuffled split, where the same story's
/// headlines land on both sides.
/// </summary>
public static class CategoryEvaluation
{
    /// <summary>Reads an RFC 4180 CSV with a `date,category,title` header.</summary>
    /// <exception cref="InvalidDataException">A header, a row or a date is malformed.</exception>
    public static async Task<List<CategoryRow>> ReadAsync(string path, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text = await File.ReadAllTextAsync(path, ct);
        var records = ParseCsv(text);
        if (records.Count == 0) throw new InvalidDataException("empty file");
        var header = records[0].Select(h => h.Trim()).ToList();
        int date = header.IndexOf("date"), category = header.IndexOf("category"), title = header.IndexOf("title");
        if (category < 0 || title < 0) throw new InvalidDataException("the header must name the columns category and title (and date)");
        var rows = new List<CategoryRow>(records.Count - 1);
        for (int i = 1; i < records.Count; i++)
        {
            var r = records[i];
            if (r.Count == 1 && r[0].Length == 0) continue;
            if (r.Count != header.Count) throw new InvalidDataException($"row {i + 1}: {r.Count} fields, the header has {header.Count}");
            var when = DateTimeOffset.MinValue;
            if (date >= 0 && !DateTimeOffset.TryParse(r[date], CultureInfo.InvariantCulture, DateTimeStyles.None, out when))
                throw new InvalidDataException($"row {i + 1}: '{r[date]}' is not a date");
            rows.Add(new CategoryRow(when, r[category], CategoryTaxonomy.Map(r[category]) ?? NewsCategory.Diger, r[title]));
        }
        // Stable: rows of one minute keep the file's order.
        return rows.OrderBy(r => r.Date).ToList();
    }

    /// <summary>
    /// The headlines İcmal's developers wrote for training (issue #18; provenance and counts in the folder's README),
    /// relative to the repository root. They are training rows only: no evaluation ever tests them.
    /// </summary>
    public const string WrittenPath = "src/Icmal.Text/Categories/Written/written-headlines.csv";

    /// <summary>
    /// The weight of a written headline in the shipped model (0: not used). The default of `icmal text
    /// train-categories` and of `icmal eval categories`, so that the evaluation trains as the shipped model was trained.
    /// </summary>
    public const double WrittenWeight = 0;

    /// <summary>
    /// Reads the written headlines (`category,title`, the category a taxonomy name) as training examples of the given
    /// weight. With <paramref name="share"/> below 1 only that share of each category's rows is kept, spread evenly
    /// over the file (0.5: every second row of a category), to see how the gain grows with the corpus.
    /// </summary>
    /// <exception cref="InvalidDataException">The header, a row or a category name is malformed.</exception>
    public static async Task<List<CategoryExample>> ReadWrittenAsync(string path, double weight, double share, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!(weight > 0) || !(share > 0 && share <= 1)) throw new ArgumentOutOfRangeException(nameof(weight), "the weight must be above 0 and the share in (0, 1]");
        var records = ParseCsv(await File.ReadAllTextAsync(path, ct));
        if (records.Count == 0) throw new InvalidDataException("empty file");
        var header = records[0].Select(h => h.Trim()).ToList();
        int category = header.IndexOf("category"), title = header.IndexOf("title");
        if (category < 0 || title < 0) throw new InvalidDataException("the header must name the columns category and title");
        var examples = new List<CategoryExample>();
        var seen = new int[NewsCategories.All.Count];
        for (int i = 1; i < records.Count; i++)
        {
            var r = records[i];
            if (r.Count == 1 && r[0].Length == 0) continue;
            if (r.Count != header.Count) throw new InvalidDataException($"row {i + 1}: {r.Count} fields, the header has {header.Count}");
            var mapped = CategoryTaxonomy.Map(r[category]) ?? throw new InvalidDataException($"row {i + 1}: '{r[category]}' is no category");
            if (string.IsNullOrWhiteSpace(r[title])) throw new InvalidDataException($"row {i + 1}: no title");
            int j = seen[(int)mapped]++;
            if (Math.Floor((j + 1) * share) > Math.Floor(j * share)) examples.Add(new CategoryExample(r[title].Trim(), mapped, Weight: weight));
        }
        return examples;
    }

    /// <summary>
    /// The written examples re-weighted per category so that their weight is spread over the categories as the
    /// labelled rows are (<paramref name="labelled"/>, the training side's rows), their total unchanged: the written
    /// corpus is about as large in every category, the portal's filing is not, and a flat corpus would teach the model
    /// a prior no portal has (Texnologiya as often as Dünya). A category the labelled rows lack gets no written weight.
    /// </summary>
    public static List<CategoryExample> MatchPrior(IReadOnlyList<CategoryExample> written, IEnumerable<NewsCategory> labelled)
    {
        ArgumentNullException.ThrowIfNull(written);
        ArgumentNullException.ThrowIfNull(labelled);
        var share = new double[NewsCategories.All.Count];
        int n = 0;
        foreach (var c in labelled) { share[(int)c]++; n++; }
        var mass = new double[share.Length];
        foreach (var e in written) mass[(int)e.Category] += e.Weight;
        double total = mass.Sum();
        if (n == 0 || total == 0) return [];
        return written.Where(e => share[(int)e.Category] > 0)
            .Select(e => e with { Weight = e.Weight * total * share[(int)e.Category] / n / mass[(int)e.Category] }).ToList();
    }

    /// <summary>The shipped (or given) classifier on every row.</summary>
    public static CategoryReport Evaluate(string path, IReadOnlyList<CategoryRow> rows, CategoryClassifier classifier)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(classifier);
        var cpu = Stopwatch.StartNew();
        var predicted = rows.Select(r => classifier.Classify(r.Title).Category).ToArray();
        cpu.Stop();
        return Score(path, rows, predicted, [], cpu.Elapsed);
    }

    /// <summary>
    /// K-fold cross-validation in time order: fold i is the i-th contiguous block of the date-sorted rows, and its model
    /// is trained on all other blocks (or, with <paramref name="forwardOnly"/>, on the older blocks only, so that fold 0
    /// is skipped and every prediction is about the future).
    /// </summary>
    public static CategoryReport CrossValidate(string path, IReadOnlyList<CategoryRow> rows, int folds, CategoryTrainingOptions options, bool forwardOnly = false,
        IReadOnlyList<CategoryExample>? extra = null, bool flat = false)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (folds < 2 || folds > rows.Count) throw new ArgumentOutOfRangeException(nameof(folds));
        var cpu = Stopwatch.StartNew();
        var predicted = new NewsCategory?[rows.Count];
        var accuracies = new List<double>();
        for (int f = forwardOnly ? 1 : 0; f < folds; f++)
        {
            int start = rows.Count * f / folds, end = rows.Count * (f + 1) / folds;
            var labelled = rows.Where((_, i) => forwardOnly ? i < start : i < start || i >= end).ToList();
            var train = labelled.Select(r => new CategoryExample(r.Title, r.Category))
                .Concat(extra is { Count: > 0 } ? flat ? extra : MatchPrior(extra, labelled.Select(r => r.Category)) : []).ToList();
            var classifier = new CategoryClassifier(CategoryTrainer.Train(train, options));
            int right = 0;
            for (int i = start; i < end; i++)
            {
                predicted[i] = classifier.Classify(rows[i].Title).Category;
                if (predicted[i] == rows[i].Category) right++;
            }
            accuracies.Add(right / (double)Math.Max(1, end - start));
        }
        cpu.Stop();
        var tested = Enumerable.Range(0, rows.Count).Where(i => predicted[i] is not null).ToArray();
        return Score(path, tested.Select(i => rows[i]).ToList(), tested.Select(i => predicted[i]!.Value).ToArray(), accuracies, cpu.Elapsed);
    }

    /// <summary>
    /// One time-ordered split: the model is trained on the oldest rows and tested on the newest
    /// <paramref name="testFraction"/> of them (by date), as the kept-back newer headlines will test the shipped model.
    /// <paramref name="extra"/> examples (the written headlines) join the training side only, in both this and
    /// <see cref="CrossValidate"/>: they are never tested. They are re-weighted by <see cref="MatchPrior"/> against
    /// the training side's rows unless <paramref name="flat"/>.
    /// </summary>
    public static CategoryReport HoldOutNewest(string path, IReadOnlyList<CategoryRow> rows, double testFraction, CategoryTrainingOptions options,
        IReadOnlyList<CategoryExample>? extra = null, bool flat = false)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (!(testFraction > 0 && testFraction < 1)) throw new ArgumentOutOfRangeException(nameof(testFraction));
        int cut = (int)Math.Round(rows.Count * (1 - testFraction));
        if (cut < 2 || cut >= rows.Count) throw new ArgumentOutOfRangeException(nameof(testFraction), "the split leaves no training or no test rows");
        var cpu = Stopwatch.StartNew();
        var classifier = new CategoryClassifier(CategoryTrainer.Train(rows.Take(cut).Select(r => new CategoryExample(r.Title, r.Category))
            .Concat(extra is { Count: > 0 } ? flat ? extra : MatchPrior(extra, rows.Take(cut).Select(r => r.Category)) : []).ToList(), options));
        var tested = rows.Skip(cut).ToList();
        var predicted = tested.Select(r => classifier.Classify(r.Title).Category).ToArray();
        cpu.Stop();
        var report = Score(path, tested, predicted, [], cpu.Elapsed);
        return report with { FoldAccuracies = [report.Accuracy] };
    }

    private static CategoryReport Score(string path, IReadOnlyList<CategoryRow> rows, NewsCategory[] predicted, IReadOnlyList<double> folds, TimeSpan cpu)
    {
        int right = 0;
        var scores = new List<CategoryScore>();
        for (int i = 0; i < rows.Count; i++)
            if (predicted[i] == rows[i].Category) right++;
        foreach (var category in NewsCategories.All)
        {
            int gold = rows.Count(r => r.Category == category), found = predicted.Count(p => p == category);
            int correct = Enumerable.Range(0, rows.Count).Count(i => rows[i].Category == category && predicted[i] == category);
            if (gold + found > 0) scores.Add(new CategoryScore(category, gold, found, correct));
        }
        double macro = scores.Where(s => s.Gold > 0).Select(s => s.F1).DefaultIfEmpty().Average();
        var confusion = NewsCategories.All.Select(_ => new int[NewsCategories.All.Count]).ToArray();
        for (int i = 0; i < rows.Count; i++) confusion[(int)rows[i].Category][(int)predicted[i]]++;
        return new CategoryReport(path, rows.Count, rows.Count == 0 ? 0 : right / (double)rows.Count, macro, scores, folds, cpu, confusion);
    }

    /// <summary>RFC 4180: comma-separated, fields in double quotes may hold commas, line breaks and doubled quotes.</summary>
    internal static List<List<string>> ParseCsv(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        bool quoted = false, any = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
                continue;
            }
            switch (c)
            {
                case '"': quoted = true; any = true; break;
                case ',': record.Add(field.ToString()); field.Clear(); any = true; break;
                case '\r': break;
                case '\n':
                    record.Add(field.ToString());
                    field.Clear();
                    records.Add(record);
                    record = [];
                    any = false;
                    break;
                default: field.Append(c); any = true; break;
            }
        }
        if (quoted) throw new InvalidDataException("a quoted field is not closed");
        if (any || field.Length > 0)
        {
            record.Add(field.ToString());
            records.Add(record);
        }
        if (text.Length > 0 && text[0] == '\uFEFF' && records.Count > 0 && records[0].Count > 0) records[0][0] = records[0][0].TrimStart('\uFEFF');
        return records;
    }

    /// <summary>
    /// What the shipped model is trained on: every labelled row, then the written examples re-weighted by
    /// <see cref="MatchPrior"/> (none when <paramref name="extra"/> is null or empty).
    /// </summary>
    public static List<CategoryExample> TrainingExamples(IReadOnlyList<CategoryRow> rows, IReadOnlyList<CategoryExample>? extra)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return rows.Select(r => new CategoryExample(r.Title, r.Category))
            .Concat(extra is { Count: > 0 } ? MatchPrior(extra, rows.Select(r => r.Category)) : []).ToList();
    }

    /// <summary>
    /// `icmal text train-categories`: trains on every row of the CSV (and the <paramref name="extra"/> examples after
    /// them, the written headlines) with the given options and writes the model.
    /// </summary>
    public static async Task<RebuiltResource> TrainAsync(string csv, string output, CategoryTrainingOptions options, CancellationToken ct,
        IReadOnlyList<CategoryExample>? extra = null)
    {
        var rows = await ReadAsync(csv, ct);
        var model = CategoryTrainer.Train(TrainingExamples(rows, extra), options);
        byte[] bytes = model.Save();
        await File.WriteAllBytesAsync(output, bytes, ct);
        using var check = new MemoryStream(bytes);
        var loaded = CategoryModel.Load(check);
        return new RebuiltResource(output, bytes.Length,
            FormattableString.Invariant($"{rows.Count:N0} headlines{(extra is { Count: > 0 } ? $" + {extra.Count:N0} written (weight {extra[0].Weight:0.##})" : "")}, {loaded.Classes.Count} classes, {options.Method}, {options.Epochs} epochs, seed {options.Seed}, {loaded.FeatureCount:N0} features"));
    }
}
