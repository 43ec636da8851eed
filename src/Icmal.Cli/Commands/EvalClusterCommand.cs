using System.CommandLine;
using System.Globalization;
using Icmal.Evaluation;

namespace Icmal.Cli.Commands;

/// <summary>`icmal eval cluster [FILE]`: prints <see cref="ClusterEvaluation"/> of a labelled article stream.</summary>
public static class EvalClusterCommand
{
    private const string DefaultSet = "clustering/googlenews-dev/articles.jsonl";

    public static Command Create()
    {
        var file = new Argument<FileInfo?>("file") { Description = "JSON lines; default ../shared/data/" + DefaultSet, Arity = ArgumentArity.ZeroOrOne };
        var threshold = new Option<double?>("--threshold") { Description = "Similarity needed to join a story (default: the clusterer's)" };
        var agePenalty = new Option<double?>("--age-penalty") { Description = "Similarity lost per tenfold of days since a story's last article" };
        var windowDays = new Option<double?>("--window-days") { Description = "Days after its last article that a story stays open (default: the clusterer's)" };
        var command = new Command("cluster", "Score story clustering on a labelled article stream (B-cubed, NMI)") { file, threshold, windowDays, agePenalty };
        command.SetAction((parse, ct) => EvalCommand.OnSetAsync("cluster", parse.GetValue(file), SharedDataFolder.Find(DefaultSet), "shared/data/" + DefaultSet, async path =>
        {
            var window = parse.GetValue(windowDays) is { } days ? TimeSpan.FromDays(days) : (TimeSpan?)null;
            var r = await ClusterEvaluation.EvaluateAsync(path, parse.GetValue(threshold), window, parse.GetValue(agePenalty), ct);
            var c = CultureInfo.InvariantCulture;
            Console.Out.WriteLine(string.Create(c,
                $"articles {r.Score.Items}, stories {r.Score.Clusters} (gold {r.Score.GoldClusters}), threshold {r.Threshold:0.###}, window {r.Window.TotalDays:0} days, age penalty {r.AgePenalty:0.###}"));
            Console.Out.WriteLine(string.Create(c,
                $"B-cubed precision {r.Score.Precision:0.0000}  recall {r.Score.Recall:0.0000}  F1 {r.Score.F1:0.0000}  NMI {r.Score.Nmi:0.0000}"));
            Console.Out.WriteLine(string.Create(c, $"{r.MsPerArticle:0.000} ms per article"));
        }));
        return command;
    }
}
