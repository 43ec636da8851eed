using BenchmarkDotNet.Attributes;
using Icmal.Analysis;
using Icmal.Model;
using Icmal.Storage;
using Icmal.Text.Categories;

namespace Icmal.Benchmarks;

/// <summary>
/// Everything an import's preparation does to one article's text (issue #17, textcpu): the language, the analysis
/// (terms, search document), the facts (entities, quotes, figures) and the category, per banker.az article (the first
/// 600 of ../shared/data), warm. The same file runs in a worktree of main and of a branch, alternately: the setup
/// prints the process CPU per article of five passes, which the machine's load moves less than the wall time.
/// </summary>
[MemoryDiagnoser]
public class ImportAnalysisBenchmarks
{
    private const int Articles = 600;
    private Article[] _articles = [];

    [GlobalSetup]
    public void Setup()
    {
        var (titles, texts) = BenchmarkArticles.Load(Articles);
        _articles = [.. titles.Zip(texts, (title, text) => new Article
        {
            Id = 0, DocumentId = 0, Origin = "bench", Title = title, Archived = DateTimeOffset.UnixEpoch, Authors = ["Aysel Məmmədova"],
            Blocks = [.. text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(p => new ArticleBlock(BlockKind.Paragraph, p))],
        })];
        Prepare();
        var withLanguage = _articles.Select(a => a with { Language = ArticleAnalyzer.IdentifyLanguage(a.Title, a.Text, null) }).ToArray();
        var analysed = withLanguage.Select(ArticleAnalyzer.Analyse).ToArray();
        for (int round = 0; round < 5; round++)
        {
            double all = BenchmarkArticles.CpuPerItem(() => Prepare(), Articles);
            double language = BenchmarkArticles.CpuPerItem(() => { foreach (var a in _articles) ArticleAnalyzer.IdentifyLanguage(a.Title, a.Text, null); }, Articles);
            double analysis = BenchmarkArticles.CpuPerItem(() => { foreach (var a in withLanguage) _ = ArticleAnalyzer.Analyse(a).Search; }, Articles);
            double facts = BenchmarkArticles.CpuPerItem(() => { foreach (var a in analysed) FactAnalyzer.Analyse(a); }, Articles);
            double category = BenchmarkArticles.CpuPerItem(() => { foreach (var a in withLanguage) CategoryStore.Categorise(CategoryClassifier.Default, a); }, Articles);
            Console.WriteLine($"// round {round + 1}: process CPU per article, warm: all {all * 1000:0.0} µs; language {language * 1000:0.0}, "
                + $"terms + search {analysis * 1000:0.0}, facts {facts * 1000:0.0}, category {category * 1000:0.0} µs");
        }
    }

    /// <summary>Language, analysis, facts and category of every article, as the import's preparation makes them.</summary>
    [Benchmark(OperationsPerInvoke = Articles)]
    public int Prepare()
    {
        int n = 0;
        foreach (var bare in _articles)
        {
            var article = bare with { Language = ArticleAnalyzer.IdentifyLanguage(bare.Title, bare.Text, null) };
            var analysed = ArticleAnalyzer.Analyse(article);
            n += analysed.Terms.Body.Count + analysed.Search.Body.Length;
            n += FactAnalyzer.Analyse(analysed).Entities.Count;
            n += (int)CategoryStore.Categorise(CategoryClassifier.Default, article).Category;
        }
        return n;
    }
}
