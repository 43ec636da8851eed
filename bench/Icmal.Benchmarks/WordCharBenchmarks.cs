using BenchmarkDotNet.Attributes;
using Icmal.Text.Tokenization;

namespace Icmal.Benchmarks;

/// <summary>
/// The tokeniser's word-character test (issue #17, İcmal's CPU per imported article): the bit table the tokeniser
/// reads now against the Unicode definition it was made from (main's way before `importcpu2`), over every character
/// of 600 banker.az articles, and the whole tokeniser over the same texts. Azerbaijani letters outside Latin-1
/// (ə, ş, ğ, ı) made the definition look up their Unicode category for every character of every word.
/// </summary>
[MemoryDiagnoser]
public class WordCharBenchmarks
{
    private const int Articles = 600;
    private string[] _texts = [];

    [GlobalSetup]
    public void Setup() => (_, _texts) = BenchmarkArticles.Load(Articles);

    /// <summary>Main's way: <c>char.IsLetterOrDigit</c> or a combining mark, for each character.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Articles)]
    public int Definition()
    {
        int n = 0;
        foreach (string text in _texts)
            foreach (char c in text)
                if (TokenEnumerator.IsWordCharSlow(c)) n++;
        return n;
    }

    /// <summary>The table the tokeniser reads.</summary>
    [Benchmark(OperationsPerInvoke = Articles)]
    public int Table()
    {
        int n = 0;
        foreach (string text in _texts)
            foreach (char c in text)
                if (TokenEnumerator.IsWordChar(c)) n++;
        return n;
    }

    /// <summary>The whole tokeniser, per article.</summary>
    [Benchmark(OperationsPerInvoke = Articles)]
    public int Tokenize()
    {
        int n = 0;
        foreach (string text in _texts)
            foreach (var token in AzTokenizer.Tokenize(text)) n += token.Length;
        return n;
    }
}
