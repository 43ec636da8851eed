using Icmal.Analysis;
using Icmal.Model;
using Icmal.Tests.Support;

namespace Icmal.Tests.Analysis;

/// <summary>
/// Analysis normalises and tokenises an article's title and text once (<c>TokenizedText</c>) for its terms, search
/// keys and facts (issue #17). Each of them must come out exactly as from the text alone, the way the warm start,
/// the evaluations and a single-article caller still make them.
/// </summary>
public sealed class SharedTextTests
{
    public static TheoryData<string, string, string?> Texts()
    {
        var data = new TheoryData<string, string, string?>
        {
            // Normalisation changes things here (ǝ/ä for ə, a combining dot, typographic quotes and dashes): offsets move.
            { "Bakıda «Azǝrbaycan» sǝrgisi", "Prezident İ\u0307lham Əliyev \u201cBakı Enerji Həftəsi\u201d sərgisində çıxış edib \u2014 Qazaxıstan və TDT-nin nümayəndələri də iştirak edib. Gəncədə 12,5% artım: 598,47 manat.", "az" },
            { "Man Charged Over New Year's Eve Attack", "Police in London said the man, 34, was charged on Friday. The Metropolitan Police said sanctions were not involved.", "en" },
            { "Токаев встретился с Алиевым", "Президент Казахстана Касым-Жомарт Токаев встретился в Астане с Ильхамом Алиевым. Стороны обсудили транзит по Среднему коридору.", "ru" },
            { "", "Mətn başlıqsız: Sumqayıtda 3 nəfər saxlanılıb.", null },
            { "Uzun mətn", string.Join(" ", Enumerable.Range(0, 700).Select(i => i % 50 == 0 ? "Bakı. " : i % 7 == 0 ? "Əliyev" : "sözlər")), "az" },
        };
        foreach (string file in Directory.GetFiles(TestPaths.Samples, "*.txt").Order(StringComparer.Ordinal))
        {
            string[] lines = File.ReadAllLines(file);
            data.Add(lines.FirstOrDefault(l => l.Trim().Length > 0)?.Trim() ?? "", string.Join("\n", lines), "az");
        }
        return data;
    }

    [Theory, MemberData(nameof(Texts))]
    public void Terms_search_keys_and_facts_are_those_of_the_text_alone(string title, string text, string? language)
    {
        var article = new Article
        {
            Id = 0, DocumentId = 0, Origin = "test", Title = title, Archived = DateTimeOffset.UnixEpoch, Language = language,
            Authors = ["Aysel Məmmədova"],
            Blocks = [.. text.Split("\n", StringSplitOptions.RemoveEmptyEntries).Select(p => new ArticleBlock(BlockKind.Paragraph, p))],
        };
        var analysed = ArticleAnalyzer.Analyse(article);
        Assert.NotNull(analysed.Text);

        var terms = ArticleAnalyzer.LeadTerms(article.Title, article.Text, language);
        Assert.Equal(terms.Title, analysed.Terms.Title);
        Assert.Equal(terms.Body, analysed.Terms.Body);
        Assert.Equal(terms.LeadCount, analysed.Terms.LeadCount);
        Assert.Equal(terms.Names, analysed.Terms.Names);
        Assert.Equal(terms.Figures, analysed.Terms.Figures);
        Assert.Equal(terms.Stemmed, analysed.Terms.Stemmed);

        Assert.Equal(SearchDocument.Of(article.Title, article.Text, article.Authors), analysed.Search);

        var alone = FactAnalyzer.Analyse(article.Text, language);
        var shared = FactAnalyzer.Analyse(analysed);
        Assert.Equal(Describe(alone), Describe(shared));
        if (language == "az" && text.Length > 500) Assert.NotEmpty(shared.Entities);
    }

    private static string[] Describe(ArticleFacts facts) =>
    [
        .. facts.Entities.Select(e => $"{e.Key}|{e.Name}|{e.Kind}|{e.Mentions}|{e.FirstAt}|{string.Join("/", e.Forms)}"),
        .. facts.Quotes.Select(q => $"{q.Position}|{q.Form}|{q.Text}|{q.SpeakerKey}"),
        .. facts.Figures.Select(f => $"{f.Position}|{f.Amount}|{f.Unit}|{f.Measure}|{f.Approximate}|{f.Text}"),
    ];
}
