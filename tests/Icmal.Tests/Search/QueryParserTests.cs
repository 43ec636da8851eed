using Icmal.Search;

namespace Icmal.Tests.Search;

/// <summary>The query language read into terms and filters, and every malformed query named, never thrown.</summary>
public sealed class QueryParserTests
{
    private static ParsedQuery Read(string query)
    {
        var parse = QueryParser.Parse(query);
        Assert.True(parse.Problem is null, parse.Problem?.Message);
        return parse.Query!;
    }

    private static QueryProblem Problem(string query)
    {
        var parse = QueryParser.Parse(query);
        Assert.True(parse.Query is null, $"{query} was read as a query");
        return parse.Problem!;
    }

    [Fact]
    public void Words_phrases_exclusions_and_OR_are_read_into_groups()
    {
        var q = Read("Qazaxıstan \"Orta Dəhliz\" Füzuli OR Qəbələ -Tokayev -\"Donald Tramp\"");
        Assert.Equal(3, q.Required.Count);
        Assert.Equal(["orta", "dehliz"], q.Required[1][0].Keys);
        Assert.Equal(2, q.Required[2].Count);
        Assert.Equal(2, q.Excluded.Count);
        Assert.Equal(["donald", "tramp"], q.Excluded[1].Keys);
    }

    [Fact]
    public void Fields_and_filters_are_read_in_any_case()
    {
        var q = Read("TITLE:Astana author:\"İlqar İlyasov\" source:https://www.Sherg.az/x lang:AZ since:2025-10-01 until:2025-10-31");
        Assert.Equal(QueryField.Title, q.Required[0][0].Field);
        Assert.Equal(QueryField.Author, q.Required[1][0].Field);
        Assert.Equal(["sherg.az"], q.Sites);
        Assert.Equal(["az"], q.Languages);
        Assert.Equal(new DateOnly(2025, 10, 1), q.Since);
        Assert.Equal(new DateOnly(2025, 10, 31), q.Until);
    }

    [Fact]
    public void An_unclosed_quote_is_named_with_its_place()
    {
        var p = Problem("Astana \"Orta Dəhliz");
        Assert.Equal(QueryProblemKind.Malformed, p.Kind);
        Assert.Equal(7, p.Position);
        Assert.Contains("never closed", p.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Astana -")]
    [InlineData("- Astana")]
    [InlineData("OR Astana")]
    [InlineData("Astana OR")]
    [InlineData("Astana OR OR Bakı")]
    [InlineData("Astana OR -Bakı")]
    [InlineData("Astana since:2025-13-45")]
    [InlineData("Astana until:yesterday")]
    [InlineData("Astana lang:azerbaijani")]
    [InlineData("Astana source:")]
    [InlineData("Astana source:a'b")]
    [InlineData("Astana -lang:az")]
    public void A_malformed_query_is_one_problem_naming_it(string query) => Assert.Equal(QueryProblemKind.Malformed, Problem(query).Kind);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("-Tokayev")]
    [InlineData("-Tokayev -\"Orta Dəhliz\"")]
    [InlineData("*** ((( ^^^")]
    public void A_query_with_nothing_to_find_is_empty(string query) => Assert.Equal(QueryProblemKind.Empty, Problem(query).Kind);

    [Theory]
    [InlineData("lang:az")]
    [InlineData("since:2025-10-01")]
    [InlineData("source:apa.az category:idman")]
    [InlineData("entity:\"İlham Əliyev\" since:2025-10-01 until:2025-10-31")]
    [InlineData("-Tokayev lang:az")]
    [InlineData("-Tokayev -\"Orta Dəhliz\" entity:62 since:2025-01-01")]
    public void Filters_alone_are_a_query_without_words(string query)
    {
        var parsed = QueryParser.Parse(query);
        Assert.Null(parsed.Problem);
        Assert.Empty(parsed.Query!.Required);
        Assert.Empty(parsed.Query.HighlightKeys);
    }

    [Fact]
    public void Too_many_words_or_characters_are_too_large()
    {
        Assert.Equal(QueryProblemKind.TooLarge, Problem(string.Join(' ', Enumerable.Repeat("söz", 10_000))).Kind);
        Assert.Equal(QueryProblemKind.TooLarge, Problem(string.Join(' ', Enumerable.Range(0, QueryParser.MaxTerms + 1).Select(i => "s" + i))).Kind);
        Assert.Equal(QueryProblemKind.TooLarge, Problem(new string('a', QueryParser.MaxLength + 1)).Kind);
        Read(string.Join(' ', Enumerable.Range(0, QueryParser.MaxTerms).Select(i => "s" + i)));
    }

    [Fact]
    public void Control_characters_are_read_as_spaces()
    {
        var q = Read("Astana\u0000Bakı\u0007\u001b[31m");
        Assert.Equal(["astana", "baki", "31m"], q.Required.SelectMany(g => g).SelectMany(t => t.Keys));
    }

    [Theory]
    [InlineData("NEAR(a b)")]
    [InlineData("a*")]
    [InlineData("col:x")]
    [InlineData("{title body}:x")]
    [InlineData("^x + y")]
    [InlineData("'; DROP TABLE articles; --")]
    [InlineData("a AND b NOT c")]
    public void Engine_syntax_is_read_as_words_whose_keys_are_letters_and_digits(string query)
    {
        var q = Read(query);
        Assert.All(q.Required.SelectMany(g => g).SelectMany(t => t.Keys), k => Assert.True(k.All(char.IsLetterOrDigit), k));
    }
}
