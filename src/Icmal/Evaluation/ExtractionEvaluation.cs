using Icmal.Extraction;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Icmal.Model;
using Icmal.Ingest;
using Icmal.Import;

namespace Icmal.Evaluation;

/// <summary>Timing of a run, per page.</summary>
public sealed record Timing(double MedianMs, double P95Ms, double MaxMs, string? SlowestPage)
{
    public static Timing Of(List<(string Page, double Ms)> times)
    {
        if (times.Count == 0) return new Timing(0, 0, 0, null);
        var sorted = times.Select(t => t.Ms).Order().ToArray();
        var slowest = times.MaxBy(t => t.Ms);
        return new Timing(Percentile(sorted, 0.5), Percentile(sorted, 0.95), sorted[^1], slowest.Page);
    }

    private static double Percentile(double[] sorted, double p)
    {
        double rank = p * (sorted.Length - 1);
        int lo = (int)Math.Floor(rank), hi = (int)Math.Ceiling(rank);
        return sorted[lo] + ((sorted[hi] - sorted[lo]) * (rank - lo));
    }
}

/// <summary>Snippet scores over a set (trafilatura-eval's metric, see shared/data/README.md).</summary>
public sealed record SnippetScore(int Pages, int TruePositives, int FalseNegatives, int FalsePositives, int TrueNegatives, int Failures, Timing Timing)
{
    public double Precision => TruePositives + FalsePositives == 0 ? 0 : (double)TruePositives / (TruePositives + FalsePositives);
    public double Recall => TruePositives + FalseNegatives == 0 ? 0 : (double)TruePositives / (TruePositives + FalseNegatives);
    public double F1 => (2 * TruePositives) + FalsePositives + FalseNegatives == 0 ? 0
        : 2.0 * TruePositives / ((2 * TruePositives) + FalsePositives + FalseNegatives);
    public double Accuracy
    {
        get
        {
            int all = TruePositives + TrueNegatives + FalsePositives + FalseNegatives;
            return all == 0 ? 0 : (double)(TruePositives + TrueNegatives) / all;
        }
    }
}

/// <summary>Date scores over a set (htmldate-eval's metric).</summary>
/// <param name="Undated">Entries whose true date is null. They count among <paramref name="Wrong"/> and
/// <paramref name="NoDate"/> as htmldate's scorer counts them (they can never be right), and are left out of
/// <see cref="Accuracy"/>, as shared/data/README.md defines it.</param>
public sealed record DateScore(int Entries, int Right, int Wrong, int NoDate, int Undated, Timing Timing)
{
    /// <summary>Right over the entries with a true date: the project's metric (shared/data/README.md).</summary>
    public double Accuracy => Entries - Undated <= 0 ? 0 : (double)Right / (Entries - Undated);

    /// <summary>Right over all entries, as htmldate's own scorer computes it: comparable with its published figures.</summary>
    public double UpstreamAccuracy => Entries == 0 ? 0 : (double)Right / Entries;

    public double Precision => Right + Wrong == 0 ? 0 : (double)Right / (Right + Wrong);
    public double Recall => Right + NoDate == 0 ? 0 : (double)Right / (Right + NoDate);
    public double F1 => (2 * Right) + Wrong + NoDate == 0 ? 0 : 2.0 * Right / ((2 * Right) + Wrong + NoDate);
}

/// <summary>One page's outcome, for reports of what went wrong.</summary>
public sealed record PageResult(string File, string? Url, int Tp, int Fn, int Fp, List<string> Missing, List<string> Leaked, double Ms, string? Error);

/// <summary>
/// Scores İcmal's extractor on sets in the formats of shared/data/extraction/trafilatura-eval and
/// shared/data/dates/htmldate-eval: truth.jsonl plus gzipped pages. Each page goes through the same decode and
/// extract path as `icmal import`, timed single-threaded.
/// </summary>
public static class ExtractionEvaluation
{
    /// <summary>Whitespace runs to one space, trimmed: the metric's normalisation (Python's \s+ is Unicode-aware).</summary>
    public static string Normalise(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // Python's \s also matches the information separators U+001C–U+001F, which char.IsWhiteSpace does not.
        if (text.AsSpan().IndexOfAnyInRange('\u001C', '\u001F') >= 0)
            foreach (char c in "\u001C\u001D\u001E\u001F") text = text.Replace(c, ' ');
        return Icmal.Text.Whitespace.Fold(text);
    }

    /// <summary>Scores one page's output: (TP, FN, FP, TN), with the snippets missed and leaked.</summary>
    public static (int Tp, int Fn, int Fp, int Tn, List<string> Missing, List<string> Leaked) ScorePage(string? output, IReadOnlyList<string> with, IReadOnlyList<string> without)
    {
        ArgumentNullException.ThrowIfNull(with);
        ArgumentNullException.ThrowIfNull(without);
        var missing = new List<string>();
        var leaked = new List<string>();
        if (string.IsNullOrEmpty(output))
            return (0, with.Count, 0, without.Count, [.. with], leaked);
        string text = Normalise(output);
        int tp = 0, fn = 0, fp = 0, tn = 0;
        foreach (string s in with)
        {
            if (text.Contains(Normalise(s), StringComparison.Ordinal)) tp++;
            else { fn++; missing.Add(s); }
        }
        foreach (string s in without)
        {
            if (text.Contains(Normalise(s), StringComparison.Ordinal)) { fp++; leaked.Add(s); }
            else tn++;
        }
        return (tp, fn, fp, tn, missing, leaked);
    }

    /// <summary>Decodes and extracts one HTML page as the import path does, returning the article text.</summary>
    public static (string? Text, ExtractedArticleView? Article, string? Error) ExtractPage(byte[] html, string? url)
    {
        ArgumentNullException.ThrowIfNull(html);
        Uri? pageUrl = Uri.TryCreate(url, UriKind.Absolute, out var u) ? u : null;
        var doc = new IncomingDocument(url ?? "page", DocumentFormat.Html, html, DateTimeOffset.UtcNow, pageUrl);
        try
        {
            var (article, _, error, _, _) = DocumentReader.Read(doc);
            if (article is null) return (null, null, error);
            return (article.Text, new ExtractedArticleView(article.Published, article.PublishedFrom), null);
        }
#pragma warning disable CA1031 // The evaluation must count a crash as a failed page, as upstream does, and go on.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return (null, null, $"{e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>Pages run untimed before timing starts.</summary>
    public const int WarmUpPages = 200;

    /// <summary>
    /// Runs the extractor over the first pages untimed, so that timings measure the extractor in the steady state
    /// of a running service, not the JIT: .NET compiles a method fully only after it has run about 30 times, and
    /// most of the extractor runs once per page.
    /// </summary>
    private static async Task WarmUpAsync(string dir, CancellationToken ct)
    {
        foreach (var entry in ReadTruth(dir).Take(WarmUpPages))
            ExtractPage(await ReadPageAsync(dir, entry.File, ct), entry.Url);
    }

    public static async Task<SnippetScore> EvaluateSnippetsAsync(string dir, Action<PageResult>? onPage = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(dir);
        await WarmUpAsync(dir, ct);
        int pages = 0, tp = 0, fn = 0, fp = 0, tn = 0, failures = 0;
        var times = new List<(string, double)>();
        foreach (var entry in ReadTruth(dir))
        {
            byte[] html = await ReadPageAsync(dir, entry.File, ct);
            var with = entry.With;
            var without = entry.Without;
            long start = Stopwatch.GetTimestamp();
            var (text, _, error) = ExtractPage(html, entry.Url);
            double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            times.Add((entry.File, ms));
            var s = ScorePage(text, with, without);
            if (string.IsNullOrEmpty(text)) failures++;
            pages++;
            tp += s.Tp; fn += s.Fn; fp += s.Fp; tn += s.Tn;
            onPage?.Invoke(new PageResult(entry.File, entry.Url, s.Tp, s.Fn, s.Fp, s.Missing, s.Leaked, ms, error));
        }
        return new SnippetScore(pages, tp, fn, fp, tn, failures, Timing.Of(times));
    }

    public static async Task<DateScore> EvaluateDatesAsync(string dir, Action<string, string?, string?, DateEvidence?>? onPage = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(dir);
        await WarmUpAsync(dir, ct);
        int entries = 0, right = 0, wrong = 0, none = 0, undated = 0;
        var times = new List<(string, double)>();
        foreach (var entry in ReadTruth(dir))
        {
            if (!entry.Dated) continue;
            byte[] html = await ReadPageAsync(dir, entry.File, ct);
            long start = Stopwatch.GetTimestamp();
            var (_, article, _) = ExtractPage(html, entry.Url);
            double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            times.Add((entry.File, ms));
            string? found = article?.Published?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            entries++;
            if (entry.Date is null) undated++;
            if (found is null) none++;
            else if (entry.Date is not null && string.Equals(found, entry.Date, StringComparison.Ordinal)) right++;
            else wrong++;
            onPage?.Invoke(entry.File, entry.Date, found, article?.PublishedFrom);
        }
        return new DateScore(entries, right, wrong, none, undated, Timing.Of(times));
    }

    private sealed record TruthEntry(string File, string? Url, List<string> With, List<string> Without, string? Date, bool Dated);

    private static IEnumerable<TruthEntry> ReadTruth(string dir)
    {
        string path = Path.Combine(dir, "truth.jsonl");
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no truth.jsonl in the evaluation set", path);
        int lineNo = 0;
        foreach (string line in File.ReadLines(path))
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            using var json = JsonDocument.Parse(line);
            var o = json.RootElement;
            string file = o.GetProperty("file").GetString() ?? throw new InvalidDataException($"{path}:{lineNo}: no file");
            string? url = o.TryGetProperty("url", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() : null;
            // htmldate-eval: "date" (null when the page has no true date); trafilatura-eval: "meta": {"date": …}
            // on the pages whose date is known, so that set also scores dates.
            bool dated = o.TryGetProperty("date", out var d);
            string? date = dated && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
            if (!dated && o.TryGetProperty("meta", out var meta) && meta.ValueKind == JsonValueKind.Object
                && meta.TryGetProperty("date", out var md) && md.ValueKind == JsonValueKind.String && md.GetString() is { Length: >= 10 } metaDate)
            {
                dated = true;
                date = metaDate[..10];
            }
            yield return new TruthEntry(file, url, Strings(o, "with"), Strings(o, "without"), date, dated);
        }
    }

    private static List<string> Strings(JsonElement o, string name)
    {
        var list = new List<string>();
        if (o.TryGetProperty(name, out var a) && a.ValueKind == JsonValueKind.Array)
            foreach (var e in a.EnumerateArray()) if (e.ValueKind == JsonValueKind.String) list.Add(e.GetString()!);
        return list;
    }

    /// <summary>The largest page (decompressed) the evaluation reads, as `icmal import` would.</summary>
    public const long MaxPageBytes = Import.ImportOptions.DefaultMaxFileBytes;

    /// <summary>Reads a page of the set as `icmal import` reads a file (.gz decompressed under the same limit).</summary>
    /// <exception cref="InvalidDataException">The page is missing, unreadable or too large: the set is broken.</exception>
    public static async Task<byte[]> ReadPageAsync(string dir, string file, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        var (bytes, error) = await Import.DocumentFile.ReadAsync(Path.Combine(dir, file), MaxPageBytes, ct);
        return bytes ?? throw new InvalidDataException($"{file}: {error}");
    }
}

/// <summary>The fields of an extracted article the date evaluation reads.</summary>
/// <param name="PublishedFrom">Where the date was read (see <see cref="ExtractedArticle.PublishedFrom"/>).</param>
public sealed record ExtractedArticleView(DateTimeOffset? Published, DateEvidence? PublishedFrom);
