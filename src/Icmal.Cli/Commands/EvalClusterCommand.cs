using System.CommandLine;
using System.Globalization;
using Icmal.Clustering;
using Icmal.Evaluation;

namespace Icmal.Cli.Commands;

/// <summary>`icmal eval cluster [FILE] [--assignments OUT]`: prints <see cref="ClusterEvaluation"/> of a labelled article stream.</summary>
public static class EvalClusterCommand
{
    private const string DefaultSet = "clustering/googlenews-dev/articles.jsonl";

    public static Command Create()
    {
        var file = new Argument<FileInfo?>("file") { Description = "JSON lines; default ../shared/data/" + DefaultSet, Arity = ArgumentArity.ZeroOrOne };
        var assignments = new Option<FileInfo?>("--assignments") { Description = "Write each article's story here as JSON lines { \"id\", \"story\" }" };
        var threshold = new Option<double?>("--threshold") { Description = "Similarity needed to join a story of Azerbaijani (stemmed) articles (default: the clusterer's)" };
        var unstemmed = new Option<double?>("--unstemmed-threshold") { Description = "The same for articles in languages without a stemmer" };
        var windowDays = new Option<double?>("--window-days") { Description = "Days from a story's span within which a follow-up joins at the plain threshold" };
        var lateGrowth = new Option<double?>("--late-growth") { Description = "Share of the threshold added per tenfold of windows of gap" };
        var pair = new Option<double?>("--pair-threshold") { Description = "Pair score (cosine plus rare shared names) needed to join the story of a recent Azerbaijani report" };
        var unstemmedPair = new Option<double?>("--unstemmed-pair-threshold") { Description = "The same for reports in languages without a stemmer" };
        var scoreFrom = new Option<int>("--score-from")
        {
            Description = "Cluster the whole stream but score only the articles from this one (0-based) on: a time split, constants chosen on the earlier judged on the later",
        };
        scoreFrom.Validators.Add(r =>
        {
            if (r.GetValue(scoreFrom) < 0) r.AddError("--score-from must be 0 or more");
        });
        var command = new Command("cluster", "Score story clustering on a labelled article stream (B-cubed, pairwise, NMI)")
        {
            file, assignments, threshold, unstemmed, windowDays, lateGrowth, pair, unstemmedPair, scoreFrom,
        };
        command.SetAction((parse, ct) => EvalCommand.OnSetAsync("cluster", parse.GetValue(file), SharedDataFolder.Find(DefaultSet), "shared/data/" + DefaultSet, async path =>
        {
            var d = new StoryClusterer();
            var clusterer = new StoryClusterer(parse.GetValue(threshold) ?? d.Threshold, parse.GetValue(unstemmed) ?? d.UnstemmedThreshold,
                parse.GetValue(windowDays) is { } days ? TimeSpan.FromDays(days) : d.Window, parse.GetValue(lateGrowth) ?? d.LateGrowth,
                pairThreshold: parse.GetValue(pair) ?? d.PairThreshold, unstemmedPairThreshold: parse.GetValue(unstemmedPair) ?? d.UnstemmedPairThreshold);
            var r = await ClusterEvaluation.EvaluateAsync(path, clusterer, parse.GetValue(assignments)?.FullName, ct, parse.GetValue(scoreFrom));
            var c = CultureInfo.InvariantCulture;
            var s = r.Score;
            Console.Out.WriteLine(string.Create(c,
                $"articles {s.Items}{(parse.GetValue(scoreFrom) is > 0 and int from ? $" scored (from article {from} on)" : "")}, stories {s.Clusters} (gold {s.GoldClusters}), largest {r.LargestStory}; threshold {clusterer.Threshold:0.###} (unstemmed {clusterer.UnstemmedThreshold:0.###}), window {clusterer.Window.TotalDays:0.#} days, late growth {clusterer.LateGrowth:0.###}, pair threshold {clusterer.PairThreshold:0.###} (unstemmed {clusterer.UnstemmedPairThreshold:0.###})"));
            Console.Out.WriteLine(string.Create(c, $"B-cubed   precision {s.Precision:0.0000}  recall {s.Recall:0.0000}  F1 {s.F1:0.0000}  NMI {s.Nmi:0.0000}"));
            Console.Out.WriteLine(string.Create(c,
                $"pairwise  precision {s.Pairwise.Precision:0.0000}  recall {s.Pairwise.Recall:0.0000}  F1 {s.Pairwise.F1:0.0000}  ({s.Pairwise.TruePairs} of {s.Pairwise.PredictedPairs} predicted pairs right, {s.Pairwise.GoldPairs} gold pairs)"));
            Console.Out.WriteLine(string.Create(c, $"{r.MsPerArticle:0.000} ms per article (analysis and clustering); clustering alone {r.ClusteringArticlesPerSecond:0} articles/s ({r.ClusteringArticlesPerCpuSecond:0} per CPU second)"));
        }));
        return command;
    }
}
