using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Icmal.Text;
using Icmal.Text.LanguageId;
using Icmal.Text.Lexicon;
using Icmal.Text.Normalization;
using Icmal.Text.Stemming;
using Icmal.Text.Tokenization;

namespace Icmal.Benchmarks;

/// <summary>
/// Azerbaijani text analysis: normalise → tokenise → stem over the 610 banker.az articles of ../shared/data
/// (the seed pages when the data is not beside the repository). One operation is the whole corpus; tokens per second
/// is <see cref="Tokens"/> (printed in setup) divided by the mean time.
/// </summary>
[MemoryDiagnoser]
public class TextPipelineBenchmarks
{
    private string[] _texts = [];
    private string[] _normalised = [];
    private AzStemmer _warm = null!;

    /// <summary>Tokens in the corpus.</summary>
    public int Tokens { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        _texts = LoadCorpus();
        _normalised = [.. _texts.Select(AzNormalizer.NormalizeToString)];
        _warm = new AzStemmer(AzLexicon.Default);
        Tokens = Pipeline(_warm);
        int chars = _texts.Sum(t => t.Length);
        Console.WriteLine($"// corpus: {_texts.Length} texts, {chars:N0} chars, {Tokens:N0} tokens");
    }

    /// <summary>Normalisation alone (most text needs no change and is returned as is).</summary>
    [Benchmark]
    public int Normalise()
    {
        int n = 0;
        foreach (string t in _texts) n += AzNormalizer.NormalizeToString(t).Length;
        return n;
    }

    /// <summary>Normalisation with the offset map kept.</summary>
    [Benchmark]
    public int NormaliseWithOffsets()
    {
        int n = 0;
        foreach (string t in _texts) n += AzNormalizer.Normalize(t).Text.Length;
        return n;
    }

    /// <summary>Tokenisation of normalised text.</summary>
    [Benchmark]
    public int Tokenise()
    {
        int n = 0;
        foreach (string t in _normalised)
        {
            foreach (var _ in AzTokenizer.Tokenize(t)) n++;
        }
        return n;
    }

    /// <summary>Normalise → tokenise → stem with a stemmer that has seen the words (the steady state of a running service).</summary>
    [Benchmark(Baseline = true)]
    public int NormaliseTokeniseStem() => Pipeline(_warm);

    /// <summary>The same with a new stemmer (empty cache) per corpus pass: every distinct word analysed once.</summary>
    [Benchmark]
    public int NormaliseTokeniseStemCold() => Pipeline(new AzStemmer(AzLexicon.Default));

    /// <summary>Language identification of every article.</summary>
    [Benchmark]
    public int LanguageId()
    {
        int az = 0;
        foreach (string t in _texts)
        {
            if (LanguageIdentifier.Default.Identify(t).Language == "az") az++;
        }
        return az;
    }

    private int Pipeline(AzStemmer stemmer)
    {
        int n = 0;
        foreach (string text in _texts)
        {
            string normal = AzNormalizer.NormalizeToString(text);
            foreach (var token in AzTokenizer.Tokenize(normal))
            {
                n++;
                if (token.Kind is TokenKind.Word or TokenKind.Abbreviation or TokenKind.Domain)
                    n += AzAnalyzer.StemOf(normal, token, stemmer).Length & 0;
            }
        }
        return n;
    }

    private static string[] LoadCorpus()
    {
        if (Icmal.Evaluation.SharedDataFolder.Find("az/banker-az-articles.json") is { } banker)
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(banker));
            return [.. doc.RootElement.EnumerateArray().Select(a => a.GetProperty("title").GetString() + "\n\n" + a.GetProperty("text").GetString())];
        }
        return [.. Directory.GetFiles(RepositoryPaths.Samples(), "*.txt").Order(StringComparer.Ordinal).Select(File.ReadAllText)];
    }
}
