using Icmal.Model;
using Icmal.Text.Search;
using Icmal.Text.Tokenization;

namespace Icmal.Analysis;

/// <summary>
/// An article as the search index holds it: the search keys (<see cref="SearchKeys"/>) of its title, its text and its
/// authors, each a string of keys separated by spaces, ready for a full-text engine that splits on spaces. Made once,
/// when the article is analysed, and written with the article in its transaction; a reindex makes it again from the
/// stored article with the same function.
/// </summary>
/// <remarks>
/// Every language goes through the same key function: Cyrillic is written in Azerbaijani Latin and every word stemmed
/// with the Azerbaijani stemmer, which leaves most foreign words as they are (or cuts an ending Azerbaijani would), the
/// same way on the text and on the query, so a Russian or English article is found by its words as typed.
/// The page's chrome never reaches the index: only the extracted title and text do.
/// </remarks>
public sealed record SearchDocument(string Title, string Body, string Authors)
{
    /// <summary>The search document of an article as it is (or will be) stored.</summary>
    public static SearchDocument Of(Article article)
    {
        ArgumentNullException.ThrowIfNull(article);
        return Of(article.Title, article.Text, article.Authors);
    }

    /// <summary>
    /// The search document of a title and a text already normalised and tokenised (<see cref="TokenizedText"/>, shared
    /// with the article's terms and entities): the same as <see cref="Of(string, string, IReadOnlyList{string})"/>.
    /// </summary>
    public static SearchDocument Of(TokenizedText title, TokenizedText text, IReadOnlyList<string> authors)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(text);
        return new SearchDocument(SearchKeys.KeyText(title), SearchKeys.KeyText(text), AuthorKeys(authors));
    }

    /// <summary>The search document of a stored article's title, text (<see cref="Article.Text"/>) and authors.</summary>
    public static SearchDocument Of(string title, string text, IReadOnlyList<string> authors)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(text);
        return new SearchDocument(SearchKeys.KeyText(title), SearchKeys.KeyText(text), AuthorKeys(authors));
    }

    /// <summary>The search keys of an article's authors, one line each ("" when it names none).</summary>
    private static string AuthorKeys(IReadOnlyList<string> authors)
    {
        ArgumentNullException.ThrowIfNull(authors);
        return authors.Count == 0 ? "" : SearchKeys.KeyText(string.Join(" \n ", authors));
    }
}
