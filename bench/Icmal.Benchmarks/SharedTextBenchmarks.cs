using BenchmarkDotNet.Attributes;
using Icmal.Analysis;
using Icmal.Model;

namespace Icmal.Benchmarks;

/// <summary>
/// The terms, search document and facts of one article (issue #17, importcpu3), two ways in one run: each from the
/// text alone, normalising and tokenising it again (main before this branch, still the path of a caller with only
/// the strings), and from one <c>TokenizedText</c> made by analysis and shared (what the import does now). Language
/// identification is the same in both and left out. Per banker.az article (the first 600 of ../shared/data), warm.
/// </summary>
[MemoryDiagnoser]
public class SharedTextBenchmarks
{
    private const int Articles = 600;
    private Article[] _articles = [];
    private string?[] _languages = [];

    [GlobalSetup]
    public void Setup()
    {
        var (titles, texts) = BenchmarkArticles.Load(Articles);
        _articles = [.. titles.Zip(texts, (title, text) => new Article
        {
            Id = 0, DocumentId = 0, Origin = "bench", Title = title, Archived = DateTimeOffset.UnixEpoch, Authors = ["Aysel Məmmədova"],
            Blocks = [.. text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(p => new ArticleBlock(BlockKind.Paragraph, p))],
        })];
        _languages = [.. _articles.Select(a => ArticleAnalyzer.IdentifyLanguage(a.Title, a.Text, null))];
        _articles = [.. _articles.Select((a, i) => a with { Language = _languages[i] })];
        Separate();
        Shared();
        // Bytes allocated per article by each part (the allocations are what the import's garbage collector works off).
        long Bytes(Action<Article> part)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            foreach (var article in _articles) part(article);
            return (GC.GetAllocatedBytesForCurrentThread() - before) / _articles.Length;
        }
        Console.WriteLine($"// bytes per article: text {Bytes(a => _ = a.Text)}, terms {Bytes(a => ArticleAnalyzer.LeadTerms(a.Title, a.Text, a.Language))}, "
            + $"search {Bytes(a => SearchDocument.Of(a.Title, a.Text, a.Authors))}, facts {Bytes(a => FactAnalyzer.Analyse(a.Text, a.Language))}, "
            + $"entities {Bytes(a => Icmal.Text.Entities.NamedEntityTagger.Default.Find(a.Text, a.Language))}, "
            + $"linked {Bytes(a => Icmal.Text.Entities.EntityLinker.FindEntities(a.Text, a.Language))}, "
            + $"figures {Bytes(a => Icmal.Text.Entities.FigureFinder.Find(a.Text))}, "
            + $"quotes {Bytes(a => Icmal.Text.Entities.QuoteFinder.Find(a.Text, []))}, "
            + $"shared analysis {Bytes(a => _ = ArticleAnalyzer.Analyse(a).Search)}");
    }

    /// <summary>Each analysis from the text alone: the terms, the search keys and the entity tagger each normalise and tokenise it.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Articles)]
    public int Separate()
    {
        int n = 0;
        foreach (var article in _articles)
        {
            string text = article.Text;
            n += ArticleAnalyzer.LeadTerms(article.Title, text, article.Language).Body.Count;
            n += SearchDocument.Of(article.Title, text, article.Authors).Body.Length;
            n += FactAnalyzer.Analyse(text, article.Language).Entities.Count;
        }
        return n;
    }

    /// <summary>The same from one normalisation and tokenisation of the title and of the text (<see cref="ArticleAnalyzer.Analyse(Article)"/>).</summary>
    [Benchmark(OperationsPerInvoke = Articles)]
    public int Shared()
    {
        int n = 0;
        foreach (var article in _articles)
        {
            var analysed = ArticleAnalyzer.Analyse(article);
            n += analysed.Terms.Body.Count;
            n += analysed.Search.Body.Length;
            n += FactAnalyzer.Analyse(analysed).Entities.Count;
        }
        return n;
    }
}
