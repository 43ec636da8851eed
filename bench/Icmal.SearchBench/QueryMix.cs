using System.Diagnostics;
using Icmal.Bench;
using Icmal.Text.Casing;
using Icmal.Text.StopWords;

namespace Icmal.SearchBench;

/// <summary>One query of the mix and its kind.</summary>
public sealed record MixQuery(string Kind, string Text);

/// <summary>Latency figures of one kind of query, in milliseconds: wall time and the query thread's CPU time.</summary>
public sealed record Latency(double P50, double P99, double CpuP50, double CpuP99, int Queries, int WithResults);

/// <summary>One query's timings over the timed rounds: its median and highest CPU time, in milliseconds, and whether it found anything.</summary>
public sealed record QueryTiming(MixQuery Query, double CpuMedian, double CpuMax, int Found);

/// <summary>
/// The fixed query mix of the benchmark, drawn from the archive's own sentences with a seed: one-word, multi-word (two
/// or three words of one sentence), phrase (two neighbouring words in quotes), filtered (a word with <c>source:</c> or
/// <c>since:</c>) and ASCII (one or two words lower-cased and folded to ASCII, as typed without Azerbaijani letters).
/// Words are drawn as tokens of random sentences, so frequent words come up as often as readers type them.
/// </summary>
public static class QueryMix
{
    public static readonly string[] Kinds = ["one-word", "multi-word", "phrase", "filtered", "ascii"];

    public static IReadOnlyList<MixQuery> Make(SyntheticArchive archive, int perKind, int seed)
    {
        var random = new Random(seed * 31 + 7);
        var queries = new List<MixQuery>();
        foreach (string kind in Kinds)
        {
            for (int i = 0; i < perKind; i++)
            {
                var words = SentenceWords(archive, random);
                int at = random.Next(words.Count - 1);
                string content = ContentWord(words, random);
                string text = kind switch
                {
                    "one-word" => content,
                    "multi-word" => string.Join(' ', Enumerable.Range(0, 2 + random.Next(2)).Select(_ => ContentWord(words, random)).Distinct(StringComparer.Ordinal)),
                    "phrase" => "\"" + words[at] + " " + words[at + 1] + "\"",
                    "filtered" => content + (i % 2 == 0
                        ? " source:" + SyntheticArchive.Sites[SyntheticArchive.Zipf(random, SyntheticArchive.Sites.Length) - 1]
                        : " since:" + (2017 + random.Next(9)).ToString(System.Globalization.CultureInfo.InvariantCulture) + "-01-01"),
                    _ => AzCasing.FoldAscii(AzCasing.ToLower(random.Next(2) == 0 ? content : content + " " + ContentWord(words, random))),
                };
                queries.Add(new MixQuery(kind, text));
            }
        }
        return queries;
    }

    /// <summary>The words of a random sentence (letters only, in order) that has at least three words that are not stop words.</summary>
    private static List<string> SentenceWords(SyntheticArchive archive, Random random)
    {
        while (true)
        {
            var article = archive.Sources[random.Next(archive.Sources.Count)];
            string sentence = article[random.Next(article.Length)];
            var words = sentence.Split([' ', ',', '.', ';', ':', '!', '?', '(', ')', '"', '«', '»', '“', '”', '–', '—'], StringSplitOptions.RemoveEmptyEntries)
                .Where(w => w.All(char.IsLetter)).ToList();
            if (words.Count(IsContent) >= 3) return words;
        }
    }

    /// <summary>A word a reader would search for: three letters or more, not a stop word.</summary>
    private static bool IsContent(string w) => w.Length >= 3 && !AzStopWords.IsStopWord(AzCasing.ToLower(w));

    private static string ContentWord(List<string> words, Random random)
    {
        var content = words.Where(IsContent).ToList();
        return content[random.Next(content.Count)];
    }

    /// <summary>
    /// Runs the mix once to warm up, then <paramref name="rounds"/> times timed; returns p50/p99 per kind and overall
    /// ("all"), and how many queries found anything.
    /// </summary>
    public static async Task<(Dictionary<string, Latency> Kinds, List<QueryTiming> Queries)> TimeAsync(IReadOnlyList<MixQuery> mix, int rounds,
        Func<string, CancellationToken, Task<int>> run, CancellationToken ct)
    {
        var found = new int[mix.Count];
        for (int i = 0; i < mix.Count; i++) found[i] = await run(mix[i].Text, ct);
        var wall = mix.Select(_ => new List<double>()).ToArray();
        var cpu = mix.Select(_ => new List<double>()).ToArray();
        for (int r = 0; r < rounds; r++)
        {
            for (int i = 0; i < mix.Count; i++)
            {
                double cpuStart = ThreadCpu.Milliseconds();
                long start = Stopwatch.GetTimestamp();
                await run(mix[i].Text, ct);
                wall[i].Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                cpu[i].Add(ThreadCpu.Milliseconds() - cpuStart);
            }
        }
        var result = new Dictionary<string, Latency>(StringComparer.Ordinal);
        foreach (string kind in Kinds.Append("all"))
        {
            var qs = Enumerable.Range(0, mix.Count).Where(i => kind == "all" || mix[i].Kind == kind).ToList();
            var w = qs.SelectMany(i => wall[i]).Order().ToList();
            var c = qs.SelectMany(i => cpu[i]).Order().ToList();
            result[kind] = new Latency(Percentile(w, 0.50), Percentile(w, 0.99), Percentile(c, 0.50), Percentile(c, 0.99), qs.Count, qs.Count(i => found[i] > 0));
        }
        var queries = Enumerable.Range(0, mix.Count)
            .Select(i => new QueryTiming(mix[i], Percentile([.. cpu[i].Order()], 0.5), cpu[i].Max(), found[i])).ToList();
        return (result, queries);
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
