using System.Collections.Concurrent;
using BenchmarkDotNet.Attributes;
using Icmal.Text;
using Icmal.Text.Normalization;
using Icmal.Text.Tokenization;

namespace Icmal.Benchmarks;

/// <summary>
/// The word memories' look-up, both ways in one run (issue #17, textcpu): every word of the first 600 banker.az
/// articles looked up by span in a warm <see cref="ConcurrentDictionary{TKey, TValue}"/> (main's stemmer, search
/// keys, word grams and NER forms) and in a warm <see cref="WordCache{TValue}"/> (the branch's), per article.
/// </summary>
public class WordCacheBenchmarks
{
    private const int Articles = 600;
    private string[] _texts = [];
    private Token[][] _words = [];
    private readonly ConcurrentDictionary<string, string> _dictionary = new(StringComparer.Ordinal);
    private ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _bySpan;
    private readonly WordCache<string> _cache = new(500_000);

    [GlobalSetup]
    public void Setup()
    {
        var (_, texts) = BenchmarkArticles.Load(Articles);
        _texts = [.. texts.Select(AzNormalizer.NormalizeToString)];
        _words = [.. _texts.Select(t => AzTokenizer.TokenizeToList(t).Where(w => w.Kind == TokenKind.Word).ToArray())];
        _bySpan = _dictionary.GetAlternateLookup<ReadOnlySpan<char>>();
        for (int a = 0; a < _texts.Length; a++)
        {
            foreach (var w in _words[a])
            {
                string word = w.Of(_texts[a]).ToString();
                _dictionary.TryAdd(word, word);
                _cache.TryAdd(word, word);
            }
        }
        Console.WriteLine($"// {_dictionary.Count:N0} distinct words, {_words.Sum(w => w.Length):N0} look-ups");
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Articles)]
    public int ConcurrentDictionary()
    {
        int n = 0;
        for (int a = 0; a < _texts.Length; a++)
        {
            string text = _texts[a];
            foreach (var w in _words[a]) if (_bySpan.TryGetValue(w.Of(text), out string? v)) n += v.Length;
        }
        return n;
    }

    [Benchmark(OperationsPerInvoke = Articles)]
    public int WordCache()
    {
        int n = 0;
        for (int a = 0; a < _texts.Length; a++)
        {
            string text = _texts[a];
            foreach (var w in _words[a]) if (_cache.TryGetValue(w.Of(text), out string? v)) n += v.Length;
        }
        return n;
    }
}
