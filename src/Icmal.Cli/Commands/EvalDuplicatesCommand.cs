using System.CommandLine;
using System.Globalization;
using Icmal.Evaluation;
using Icmal.Linking;

namespace Icmal.Cli.Commands;

/// <summary>`icmal eval duplicates [FILE] [--seed N]`: prints <see cref="DuplicateEvaluation"/> of generated copies of the banker.az articles.</summary>
public static class EvalDuplicatesCommand
{
    private const string DefaultSet = "az/banker-az-articles.json";
    private const string StoriesSet = "clustering/az-banker-dev/articles.jsonl";

    public static Command Create()
    {
        var file = new Argument<FileInfo?>("file") { Description = "A JSON array of articles (url, title, published, site, text); default ../shared/data/" + DefaultSet, Arity = ArgumentArity.ZeroOrOne };
        var stories = new Option<FileInfo?>("--stories") { Description = "Gold stories as JSON lines { \"id\", \"cluster\" } (id: the article's index in FILE); default ../shared/data/" + StoriesSet };
        var seed = new Option<int>("--seed") { Description = "Seed of the generated edits", DefaultValueFactory = _ => 1 };
        var resemblance = new Option<double?>("--resemblance") { Description = "Resemblance (Jaccard of shingles) that makes a near-copy (default: the rule's)" };
        var containment = new Option<double?>("--containment") { Description = "Containment of the shorter text that makes a near-copy (default: the rule's)" };
        var command = new Command("duplicates", "Score copy detection on generated republications of real articles beside other reports of the same events")
        {
            file, stories, seed, resemblance, containment,
        };
        command.SetAction((parse, ct) => EvalCommand.OnSetAsync("duplicates", parse.GetValue(file), SharedDataFolder.Find(DefaultSet), "shared/data/" + DefaultSet, async path =>
        {
            var storiesFile = parse.GetValue(stories);
            if (storiesFile is { Exists: false }) throw new FileNotFoundException($"{storiesFile.FullName}: no such file");
            string? storiesPath = storiesFile?.FullName ?? (parse.GetValue(file) is null ? SharedDataFolder.Find(StoriesSet) : null);
            var d = CopyRule.Default;
            var rule = d with { Resemblance = parse.GetValue(resemblance) ?? d.Resemblance, Containment = parse.GetValue(containment) ?? d.Containment };
            var r = await DuplicateEvaluation.EvaluateAsync(path, storiesPath, parse.GetValue(seed), rule, ct);
            var c = CultureInfo.InvariantCulture;
            var p = r.Pairs;
            Console.Out.WriteLine(string.Create(c,
                $"articles {r.Originals + r.Copies} ({r.Originals} originals, {r.Copies} generated copies), seed {parse.GetValue(seed)}; near-copy at resemblance {rule.Resemblance:0.##} or containment {rule.Containment:0.##} ({rule.MinShingles}+ shingles), same site {rule.SameSiteResemblance:0.##}, credited containment {rule.CreditedContainment:0.##}"));
            Console.Out.WriteLine(string.Create(c, $"copy pairs  precision {p.Precision:0.0000}  recall {p.Recall:0.0000}  F1 {p.F1:0.0000}  ({p.True} of {p.Predicted} found pairs right, {p.Gold} made)"));
            Console.Out.WriteLine(string.Create(c, $"copies linked to the article they were made from: {r.CopiesToOwnOriginal} of {r.Copies}; credited copies linked to the credited original: {r.CreditedLinked} of {r.CreditedCopies}"));
            Console.Out.WriteLine(string.Create(c, $"same-event pairs wrongly linked: {r.SameEventLinked} of {r.SameEventPairs} pairs of different articles in one gold story"));
            Console.Out.WriteLine("recall by edit: " + string.Join(", ", r.RecallByEdit.Select(kv =>
                string.Create(c, $"{kv.Key} {(kv.Value.Of == 0 ? 1 : (double)kv.Value.Found / kv.Value.Of):0.000} ({kv.Value.Found}/{kv.Value.Of})"))));
            Console.Out.WriteLine(string.Create(c, $"{r.MsPerArticle:0.00} ms per article (storing and detection, SQLite)"));
            foreach (string miss in r.Misses) Console.Out.WriteLine("missed: " + miss);
            foreach (string link in r.FalseLinks) Console.Out.WriteLine(link.StartsWith("wrong", StringComparison.Ordinal) ? link : "same event, linked: " + link);
        }));
        return command;
    }
}
