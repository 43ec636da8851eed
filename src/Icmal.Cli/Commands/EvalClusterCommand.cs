using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Icmal.Analysis;
using Icmal.Clustering;

namespace Icmal.Cli.Commands;

/// <summary>
/// `icmal eval cluster [FILE]`: feeds a labelled article stream (JSON lines with title, text, published, and the gold
/// label in "event", "story", "cluster" or "label") through the story clusterer in file order and scores the result.
/// </summary>
public static class EvalClusterCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo?>("file") { Description = "JSON lines; default ../shared/data/clustering/googlenews-dev/articles.jsonl", Arity = ArgumentArity.ZeroOrOne };
        var threshold = new Option<double?>("--threshold") { Description = "Similarity needed to join a story (default: the clusterer's)" };
        var agePenalty = new Option<double?>("--age-penalty") { Description = "Similarity lost per tenfold of days since a story's last article" };
        var windowDays = new Option<double?>("--window-days") { Description = "Days after its last article that a story stays open (default: the clusterer's)" };
        var command = new Command("cluster", "Score story clustering on a labelled article stream (B-cubed, NMI)") { file, threshold, windowDays, agePenalty };
        command.SetAction(async (parse, ct) =>
        {
            string? path = parse.GetValue(file)?.FullName ?? Icmal.Evaluation.SharedDataFolder.Find("clustering/googlenews-dev/articles.jsonl");
            if (path is null || !File.Exists(path))
            {
                Console.Error.WriteLine($"eval cluster: no such file: {path ?? "../shared/data/clustering/googlenews-dev/articles.jsonl"}");
                return 2;
            }
            var defaults = new StoryClusterer();
            var clusterer = new StoryClusterer(parse.GetValue(threshold) ?? defaults.Threshold,
                parse.GetValue(windowDays) is { } days ? TimeSpan.FromDays(days) : defaults.Window,
                parse.GetValue(agePenalty) ?? defaults.AgePenalty);
            var predicted = new List<long>();
            var gold = new List<string>();
            var clock = Stopwatch.StartNew();
            int lineNumber = 0;
            foreach (string line in await File.ReadAllLinesAsync(path, ct))
            {
                lineNumber++;
                if (string.IsNullOrWhiteSpace(line)) continue;
                using var doc = JsonDocument.Parse(line);
                var o = doc.RootElement;
                string? label = Str(o, "event") ?? Str(o, "story") ?? Str(o, "cluster") ?? Str(o, "label");
                if (label is null)
                {
                    Console.Error.WriteLine($"{path}:{lineNumber}: no gold label (event/story/cluster/label)");
                    return 2;
                }
                var time = DateTimeOffset.TryParse(Str(o, "published") ?? Str(o, "date"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var p) ? p : DateTimeOffset.UnixEpoch;
                // The language and the terms as the analysis stage makes them for a stored article.
                string title = Str(o, "title") ?? "", text = Str(o, "text") ?? "";
                string? language = ArticleAnalyzer.IdentifyLanguage(title, text, Str(o, "language"));
                var assignment = clusterer.Assign(new ClusterInput(lineNumber, ArticleAnalyzer.Terms(title, text, language), time));
                predicted.Add(assignment.StoryKey);
                gold.Add(label);
            }
            var score = ClusteringMetrics.Score(predicted, gold);
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"articles {score.Items}, stories {score.Clusters} (gold {score.GoldClusters}), threshold {clusterer.Threshold:0.###}, window {clusterer.Window.TotalDays:0} days, age penalty {clusterer.AgePenalty:0.###}"));
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"B-cubed precision {score.Precision:0.0000}  recall {score.Recall:0.0000}  F1 {score.F1:0.0000}  NMI {score.Nmi:0.0000}"));
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{clock.Elapsed.TotalMilliseconds / Math.Max(1, score.Items):0.000} ms per article"));
            return 0;
        });
        return command;
    }

    private static string? Str(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            _ => null,
        } : null;
}
