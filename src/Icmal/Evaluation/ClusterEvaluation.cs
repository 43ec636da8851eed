using Icmal.Analysis;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Icmal.Clustering;

namespace Icmal.Evaluation;

/// <summary>Story clustering on a labelled stream: the scores, the clusterer's settings, and the time per article.</summary>
public sealed record ClusterReport(ClusteringScore Score, double Threshold, TimeSpan Window, double AgePenalty, double MsPerArticle);

/// <summary>
/// Feeds a labelled article stream (JSON lines with title, text, published, and the gold label in "event", "story",
/// "cluster" or "label") through <see cref="StoryClusterer"/> in file order and scores the stories it makes
/// (B-cubed, NMI).
/// </summary>
public static class ClusterEvaluation
{
    /// <summary>Scores the stream; the settings left null are the clusterer's defaults.</summary>
    /// <exception cref="InvalidDataException">A line is not a JSON object or has no gold label (named with its line).</exception>
    public static async Task<ClusterReport> EvaluateAsync(string path, double? threshold, TimeSpan? window, double? agePenalty, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(path);
        var defaults = new StoryClusterer();
        var clusterer = new StoryClusterer(threshold ?? defaults.Threshold, window ?? defaults.Window, agePenalty ?? defaults.AgePenalty);
        var predicted = new List<long>();
        var gold = new List<string>();
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
            var time = DateTimeOffset.TryParse(Str(o, "published") ?? Str(o, "date"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var p) ? p : DateTimeOffset.UnixEpoch;
            // The language and the terms as the analysis stage makes them for a stored article.
            string title = Str(o, "title") ?? "", text = Str(o, "text") ?? "";
            string? language = ArticleAnalyzer.IdentifyLanguage(title, text, Str(o, "language"));
            var assignment = clusterer.Assign(new ClusterInput(lineNumber, ArticleAnalyzer.Terms(title, text, language), time));
            predicted.Add(assignment.StoryKey);
            gold.Add(label);
        }
        var score = ClusteringMetrics.Score(predicted, gold);
        return new ClusterReport(score, clusterer.Threshold, clusterer.Window, clusterer.AgePenalty, clock.Elapsed.TotalMilliseconds / Math.Max(1, score.Items));
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
