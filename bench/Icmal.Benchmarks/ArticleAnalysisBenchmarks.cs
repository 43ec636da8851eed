using BenchmarkDotNet.Attributes;
using Icmal.Analysis;
using Icmal.Text.LanguageId;
using Icmal.Text.Similarity;

namespace Icmal.Benchmarks;

/// <summary>
/// The pure work the ingest stages do for one article, stage by stage (issue #17: an import must reach 1,000
/// articles/s on two cores, so all of this together must stay well under a millisecond): the language (analyse
/// stage), the title and lead terms (analyse stage), the search document (store stage), the copy sketch (link
/// stage) and the facts (entity stage), per banker.az article (the first 600 of ../shared/data), warm. Setup prints
/// the process CPU per article of the whole path, the figure that counts on a loaded machine.
/// </summary>
[MemoryDiagnoser]
public class ArticleAnalysisBenchmarks
{
    private const int Articles = 600;
    private string[] _texts = [];
    private string[] _titles = [];
    private string[] _samples = [];

    [GlobalSetup]
    public void Setup()
    {
        (_titles, _texts) = BenchmarkArticles.Load(Articles);
        _samples = [.. _titles.Zip(_texts, (title, text) => title + "\n" + text[..Math.Min(text.Length, 2000)])];
        WholeArticle();
        double perArticle = BenchmarkArticles.CpuPerItem(() => WholeArticle(), _texts.Length);
        Console.WriteLine($"// process CPU per article, warm, language + terms + search document + sketch + facts: {perArticle:0.000} ms");
    }

    /// <summary>Everything below, for one article.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Articles)]
    public int WholeArticle()
    {
        int n = 0;
        for (int i = 0; i < _texts.Length; i++)
        {
            string? language = ArticleAnalyzer.IdentifyLanguage(_titles[i], _texts[i], null);
            n += ArticleAnalyzer.LeadTerms(_titles[i], _texts[i], language).Body.Count;
            n += SearchDocument.Of(_titles[i], _texts[i], []).Body.Length;
            n += TextSketch.Of(_texts[i]).Keys.Length;
            var facts = FactAnalyzer.Analyse(_texts[i], language);
            n += facts.Entities.Count + facts.Quotes.Count + facts.Figures.Count;
        }
        return n;
    }

    /// <summary>The language, as the analyse stage identifies it (title and the first 2,000 characters).</summary>
    [Benchmark(OperationsPerInvoke = Articles)]
    public int Language()
    {
        int n = 0;
        for (int i = 0; i < _texts.Length; i++) n += ArticleAnalyzer.IdentifyLanguage(_titles[i], _texts[i], null)?.Length ?? 0;
        return n;
    }

    /// <summary>
    /// The language model's scores of the analyse stage's sample (title, a line break, the first 2,000 characters) through
    /// the word cache (<c>WordGrams</c>), beside <see cref="ScoresGramByGram"/> in the same run (issue #17, importcpu).
    /// </summary>
    [Benchmark(OperationsPerInvoke = Articles)]
    public int ScoresWordCache()
    {
        int n = 0;
        Span<double> scores = stackalloc double[LanguageIdentifier.Default.Labels.Count];
        foreach (string sample in _samples) n += LanguageIdentifier.Default.Score(sample, scores);
        return n;
    }

    /// <summary>The same scores n-gram by n-gram, as main computed them before the word cache (the same bits).</summary>
    [Benchmark(OperationsPerInvoke = Articles)]
    public int ScoresGramByGram()
    {
        int n = 0;
        Span<double> scores = stackalloc double[LanguageIdentifier.Default.Labels.Count];
        foreach (string sample in _samples) n += LanguageIdentifier.Default.ScoreGramByGram(sample, scores);
        return n;
    }

    /// <summary>The title and lead terms (analyse stage).</summary>
    [Benchmark(OperationsPerInvoke = Articles)]
    public int LeadTerms()
    {
        int n = 0;
        for (int i = 0; i < _texts.Length; i++) n += ArticleAnalyzer.LeadTerms(_titles[i], _texts[i], "az").Body.Count;
        return n;
    }

    /// <summary>The search document (title and whole text keyed).</summary>
    [Benchmark(OperationsPerInvoke = Articles)]
    public int Search()
    {
        int n = 0;
        for (int i = 0; i < _texts.Length; i++) n += SearchDocument.Of(_titles[i], _texts[i], []).Body.Length;
        return n;
    }

    /// <summary>The copy sketch (link stage).</summary>
    [Benchmark(OperationsPerInvoke = Articles)]
    public int Sketch()
    {
        int n = 0;
        foreach (string t in _texts) n += TextSketch.Of(t).Keys.Length;
        return n;
    }

    /// <summary>Entities, quotes and figures (entity stage).</summary>
    [Benchmark(OperationsPerInvoke = Articles)]
    public int Facts()
    {
        int n = 0;
        foreach (string t in _texts)
        {
            var facts = FactAnalyzer.Analyse(t, "az");
            n += facts.Entities.Count + facts.Quotes.Count + facts.Figures.Count;
        }
        return n;
    }
}
