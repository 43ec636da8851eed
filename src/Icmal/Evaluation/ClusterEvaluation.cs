using Icmal.Analysis;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Icmal.Clustering;

namespace Icmal.Evaluation;

/// <summary>
/// Story clustering on a labelled stream: the scores (B-cubed, pairwise, NMI), the clusterer that made them, the
/// largest story, and the time per article.
/// </summary>
/// <param name="MsPerArticle">Analysis (language, terms) and clustering, per article.</param>
/// <param name="ClusteringArticlesPerSecond">The clusterer alone (the articles analysed beforehand): articles placed
/// per second of wall time.</param>
/// <param name="ClusteringArticlesPerCpuSecond">The same per second of the process's processor time, which a machine
/// shared with other work does not distort.</param>
public sealed record ClusterReport(ClusteringScore Score, StoryClusterer Clusterer, int LargestStory, double MsPerArticle,
    double ClusteringArticlesPerSecond, double ClusteringArticlesPerCpuSecond);

/// <summary>
/// Feeds a labelled article stream (JSON lines with title, text, published, and the gold label in "event", "story",
/// "cluster" or "label") through <see cref="StoryClusterer"/> in file order and scores the stories it makes; optionally
/// writes each article's story as JSON lines <c>{ "id", "story" }</c>.
/// </summary>
public static class ClusterEvaluation
{
    /// <summary>
    /// Scores the stream with <paramref name="clusterer"/> (a fresh one with the defaults when null); with
    /// <paramref name="assignmentsPath"/>, writes there one line per article: its "id" as the set gives it (else its
    /// line number) and its story, numbered 1, 2, … in order of first appearance. With <paramref name="scoreFrom"/>, the
    /// clusterer still sees the whole stream but only the articles from that one (0-based) on are scored, their gold
    /// events and stories cut to them: a time split, where constants chosen while looking at the earlier articles are
    /// judged on later ones, with the clusterer as warm as a running archive keeps it.
    /// </summary>
    /// <exception cref="InvalidDataException">A line is not a JSON object or has no gold label (named with its line), or
    /// <paramref name="scoreFrom"/> leaves no article to score.</exception>
    public static async Task<ClusterReport> EvaluateAsync(string path, StoryClusterer? clusterer, string? assignmentsPath, CancellationToken ct, int scoreFrom = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(scoreFrom);
        ArgumentNullException.ThrowIfNull(path);
        clusterer ??= new StoryClusterer();
        var predicted = new List<long>();
        var gold = new List<string>();
        var ids = new List<string>();
        var inputs = new List<ClusterInput>();
        var clock = Stopwatch.StartNew();
        int lineNumber = 0;
        foreach (string line in await File.ReadAllLinesAsync(path, ct))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            using var doc = Parse(line, path, lineNumber);
            var o = doc.RootElement;
            string label = Str(o, "event") ?? Str(o, "story") ?? Str(o, "cluster") ?? Str(o, "label")
                ?? throw new InvalidDataException($"{path}:{lineNumber}: no gold label (event/story/cluster/label)");
            DateTimeOffset? time = DateTimeOffset.TryParse(Str(o, "published") ?? Str(o, "date"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var p) ? p : null;
            // The language and the terms as the analysis stage makes them for a stored article.
            string title = Str(o, "title") ?? "", text = Str(o, "text") ?? "";
            string? language = ArticleAnalyzer.IdentifyLanguage(title, text, Str(o, "language") ?? Str(o, "lang"));
            inputs.Add(new ClusterInput(lineNumber, ArticleAnalyzer.LeadTerms(title, text, language), time));
            gold.Add(label);
            ids.Add(o.TryGetProperty("id", out var id) && id.ValueKind is JsonValueKind.String or JsonValueKind.Number ? id.GetRawText() : lineNumber.ToString(CultureInfo.InvariantCulture));
        }
        // Clustering runs after analysis, in file order, so that its own time can be measured apart.
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clustering = Stopwatch.StartNew();
        foreach (var input in inputs) predicted.Add(clusterer.Assign(input).StoryKey);
        clustering.Stop();
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        double ms = clock.Elapsed.TotalMilliseconds;
        if (scoreFrom >= predicted.Count)
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"{predicted.Count} articles, none from article {scoreFrom} on to score"));
        var score = ClusteringMetrics.Score(predicted.GetRange(scoreFrom, predicted.Count - scoreFrom), gold.GetRange(scoreFrom, gold.Count - scoreFrom));
        if (assignmentsPath is not null) await WriteAssignmentsAsync(assignmentsPath, ids, predicted, ct);
        int largest = predicted.Count == 0 ? 0 : predicted.CountBy(k => k).Max(kv => kv.Value);
        return new ClusterReport(score, clusterer, largest, ms / Math.Max(1, predicted.Count), predicted.Count / Math.Max(1e-9, clustering.Elapsed.TotalSeconds), predicted.Count / Math.Max(1e-9, cpu.TotalSeconds));
    }

    /// <summary>One JSON line per article: its id (as raw JSON, so a string id stays a string) and its story number.</summary>
    private static async Task WriteAssignmentsAsync(string path, List<string> ids, List<long> stories, CancellationToken ct)
    {
        var numbers = new Dictionary<long, int>();
        var sb = new StringBuilder();
        for (int i = 0; i < ids.Count; i++)
        {
            if (!numbers.TryGetValue(stories[i], out int n)) numbers[stories[i]] = n = numbers.Count + 1;
            sb.Append(CultureInfo.InvariantCulture, $"{{\"id\":{ids[i]},\"story\":{n}}}\n");
        }
        await File.WriteAllTextAsync(path, sb.ToString(), new UTF8Encoding(false), ct);
    }

    private static JsonDocument Parse(string line, string path, int lineNumber)
    {
        try
        {
            var doc = JsonDocument.Parse(line);
            if (doc.RootElement.ValueKind == JsonValueKind.Object) return doc;
            doc.Dispose();
            throw new InvalidDataException($"{path}:{lineNumber}: not a JSON object");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}:{lineNumber}: not JSON ({e.Message})", e);
        }
    }

    private static string? Str(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            _ => null,
        } : null;
}
