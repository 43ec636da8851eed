using System.Diagnostics;
using Icmal.Text.Casing;

namespace Icmal.SearchBench;

/// <summary>One query of the mix and its kind.</summary>
public sealed record MixQuery(string Kind, string Text);

/// <summary>Latency figures of one kind of query, in milliseconds.</summary>
public sealed record Latency(double P50, double P99, int Queries, int WithResults);

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
                int at = random.Next(Math.Max(1, words.Count - 2));
                string text = kind switch
                {
                    "one-word" => words[at],
                    "multi-word" => string.Join(' ', words.Skip(at).Take(2 + random.Next(2))),
                    "phrase" => "\"" + string.Join(' ', words.Skip(at).Take(2)) + "\"",
                    "filtered" => words[at] + (i % 2 == 0
                        ? " source:" + SyntheticArchive.Sites[SyntheticArchive.Zipf(random, SyntheticArchive.Sites.Length) - 1]
                        : " since:" + (2017 + random.Next(9)).ToString(System.Globalization.CultureInfo.InvariantCulture) + "-01-01"),
                    _ => AzCasing.FoldAscii(AzCasing.ToLower(string.Join(' ', words.Skip(at).Take(1 + random.Next(2))))),
                };
                queries.Add(new MixQuery(kind, text));
            }
        }
        return queries;
    }

    /// <summary>The words (letters only, two letters or more) of a random sentence with at least three of them.</summary>
    private static List<string> SentenceWords(SyntheticArchive archive, Random random)
    {
        while (true)
        {
            var article = archive.Sources[random.Next(archive.Sources.Count)];
            string sentence = article[random.Next(article.Length)];
            var words = sentence.Split([' ', ',', '.', ';', ':', '!', '?', '(', ')', '"', '«', '»', '“', '”', '–', '—'], StringSplitOptions.RemoveEmptyEntries)
                .Where(w => w.Length >= 2 && w.All(char.IsLetter)).ToList();
            if (words.Count >= 3) return words;
        }
    }

    /// <summary>
    /// Runs the mix once to warm up, then <paramref name="rounds"/> times timed; returns p50/p99 per kind and overall
    /// ("all"), and how many queries found anything.
    /// </summary>
    public static async Task<Dictionary<string, Latency>> TimeAsync(IReadOnlyList<MixQuery> mix, int rounds, Func<string, CancellationToken, Task<int>> run, CancellationToken ct)
    {
        var found = new Dictionary<MixQuery, int>();
        foreach (var q in mix) found[q] = await run(q.Text, ct);
        var times = mix.ToDictionary(q => q, _ => new List<double>());
        for (int r = 0; r < rounds; r++)
        {
            foreach (var q in mix)
            {
                long start = Stopwatch.GetTimestamp();
                await run(q.Text, ct);
                times[q].Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }
        var result = new Dictionary<string, Latency>(StringComparer.Ordinal);
        foreach (string kind in Kinds.Append("all"))
        {
            var qs = mix.Where(q => kind == "all" || q.Kind == kind).ToList();
            var all = qs.SelectMany(q => times[q]).Order().ToList();
            result[kind] = new Latency(Percentile(all, 0.50), Percentile(all, 0.99), qs.Count, qs.Count(q => found[q] > 0));
        }
        return result;
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
