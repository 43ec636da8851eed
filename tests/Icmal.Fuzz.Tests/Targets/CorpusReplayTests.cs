using Icmal.Fuzz.Tests.Fuzzing;

namespace Icmal.Fuzz.Tests.Targets;

/// <summary>Every input a fuzz run once failed on, replayed through its target's property: the regression tests.</summary>
public sealed class CorpusReplayTests
{
    private static readonly Dictionary<string, Action<byte[]>> Replays = new(StringComparer.Ordinal)
    {
        [DecodingTarget.Target.Name] = DecodingTarget.Target.Replay,
        [FeedTarget.Target.Name] = FeedTarget.Target.Replay,
        [RobotsTarget.Target.Name] = RobotsTarget.Target.Replay,
        [UrlTarget.Target.Name] = UrlTarget.Target.Replay,
        [DiscoveryTarget.Target.Name] = DiscoveryTarget.Target.Replay,
        [ExtractionTarget.Target.Name] = ExtractionTarget.Target.Replay,
        [JsonArticleTarget.Target.Name] = JsonArticleTarget.Target.Replay,
        [TextTarget.Target.Name] = TextTarget.Target.Replay,
        [SearchTarget.Target.Name] = SearchTarget.Target.Replay,
        [AnalysisTarget.Target.Name] = AnalysisTarget.Target.Replay,
        [OpmlTarget.Target.Name] = OpmlTarget.Target.Replay,
        [IngestTarget.Target.Name] = IngestTarget.Target.Replay,
    };

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var (target, file, skip) in Corpus.Files())
            data.Add(new TheoryDataRow<string, string>(target, file) { Skip = skip, TestDisplayName = $"corpus {target}/{file}" });
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Corpus_input_that_once_failed_now_passes(string target, string file)
    {
        Assert.True(Replays.TryGetValue(target, out var replay), $"no fuzz target named '{target}' (corpus folder {target})");
        byte[] input = Corpus.Read(target, file);
        replay(input); // cold: JIT, lexicon and language model loads are not the input's cost
        var clock = System.Diagnostics.Stopwatch.StartNew();
        replay(input);
        Assert.True(clock.Elapsed < Fuzzer.InputLimit, $"{target}/{file} took {clock.Elapsed.TotalMilliseconds:0} ms (limit {Fuzzer.InputLimit.TotalMilliseconds:0} ms)");
    }
}
