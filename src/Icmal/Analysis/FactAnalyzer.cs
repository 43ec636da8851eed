using Icmal.Model;
using Icmal.Text.Entities;
using Icmal.Text.Tokenization;

namespace Icmal.Analysis;

/// <summary>
/// Finds an article's entities, quotes and figures in its extracted text (<see cref="Article.Text"/>: the blocks the
/// extractor kept, so a sidebar's headlines never name anyone), with the tagger, linker and finders of Icmal.Text.
/// </summary>
public static class FactAnalyzer
{
    /// <summary>At most this many forms are kept per entity: enough to show how a name inflects.</summary>
    private const int MaxForms = 8;

    public static ArticleFacts Analyse(string text, string? language) => Analyse(text, language, null);

    /// <summary>
    /// The facts of <paramref name="text"/>, reading <paramref name="tokenized"/> (the same text normalised and
    /// tokenised by analysis) when given rather than doing that again: the same facts either way.
    /// </summary>
    private static ArticleFacts Analyse(string text, string? language, TokenizedText? tokenized)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0) return ArticleFacts.None;
        var linked = tokenized is not null && ReferenceEquals(tokenized.Original, text)
            ? EntityLinker.FindEntities(tokenized, language)
            : EntityLinker.FindEntities(text, language);
        var entities = linked
            .Select(e => new FactEntity(e.Key, e.Name, e.Kind, e.Mentions.Count, e.Mentions.Count > 0 ? e.Mentions[0].Start : 0,
                e.Mentions.Select(m => m.Text).Distinct(StringComparer.Ordinal).Take(MaxForms).ToList()))
            .ToList();
        var quotes = QuoteFinder.Find(text, linked).Select(q => new FactQuote(q.Start, q.Form, q.Text, q.Speaker?.Key)).ToList();
        var figures = FigureFinder.Find(text).Select(f => new FactFigure(f.Start, f.Value, f.Unit, f.Measure, f.Approximate, f.Text)).ToList();
        return new ArticleFacts(entities, quotes, figures);
    }

    public static ArticleFacts Analyse(Article article)
    {
        ArgumentNullException.ThrowIfNull(article);
        return Analyse(article.Text, article.Language);
    }

    /// <summary>The facts of an analysed article, from the text its analysis normalised and tokenised once.</summary>
    public static ArticleFacts Analyse(AnalysedArticle analysed)
    {
        ArgumentNullException.ThrowIfNull(analysed);
        return analysed.Text is { } text
            ? Analyse(text.Original, analysed.Article.Language, text)
            : Analyse(analysed.Article.Text, analysed.Article.Language, null);
    }
}
