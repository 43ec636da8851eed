using Icmal.Analysis;
using Icmal.Storage;

namespace Icmal.Tests.Storage;

/// <summary>İcmal's keys as PostgreSQL's tsvector and tsquery texts: weights per field, a gap between fields, nothing read as syntax.</summary>
public sealed class PostgreSqlTsTextTests
{
    [Fact]
    public void A_document_is_written_with_its_title_byline_and_text_weighted_and_apart()
    {
        string vector = PostgreSqlTsText.Vector(new SearchDocument("orta dehliz", "orta dehliz yol orta", "eliyev"));
        Assert.Equal("'orta':1A,6D,9D 'dehliz':2A,7D 'eliyev':4B 'yol':8D", vector);
    }

    [Fact]
    public void A_key_with_a_quote_or_a_backslash_stays_one_quoted_lexeme()
    {
        Assert.Equal("'a''b':1A 'c\\\\d':4D", PostgreSqlTsText.Vector(new SearchDocument("a'b", "c\\d", "")));
        var query = new KeyQuery([[new KeyPhrase(["a'b"])]], []);
        Assert.Equal("(('a''b':AD))", PostgreSqlTsText.Query(query));
    }

    [Fact]
    public void A_query_ands_its_groups_ors_their_phrases_and_excludes_with_not()
    {
        var query = new KeyQuery(
            [[new KeyPhrase(["orta", "dehliz"]), new KeyPhrase(["astana"], SearchField.Title)], [new KeyPhrase(["eliyev"], SearchField.Author)]],
            [new KeyPhrase(["tokayev"])]);
        Assert.Equal("(('orta':AD <-> 'dehliz':AD) | ('astana':A)) & (('eliyev':B)) & !('tokayev':AD)", PostgreSqlTsText.Query(query));
    }

    [Fact]
    public void Positions_past_postgresqls_last_share_it_and_a_lexeme_keeps_at_most_256()
    {
        string body = string.Join(' ', Enumerable.Repeat("söz", 20_000));
        string vector = PostgreSqlTsText.Vector(new SearchDocument("", body, ""));
        Assert.Equal(256, vector.Split(',').Length);
        Assert.EndsWith(",258D", vector, StringComparison.Ordinal);
        string later = PostgreSqlTsText.Vector(new SearchDocument("", string.Join(' ', Enumerable.Range(0, 16_390).Select(i => "w" + i)), ""));
        Assert.EndsWith("'w16386':16383D 'w16387':16383D 'w16388':16383D 'w16389':16383D", later, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_over_2_KB_in_utf8_is_left_out_without_a_position_and_a_shorter_one_of_many_letters_is_kept()
    {
        string kept = new('ə', 1_000), cut = new('ə', 1_024), ascii = new('a', 2_046);
        string vector = PostgreSqlTsText.Vector(new SearchDocument("", $"bir {cut} {kept}  iki {ascii} {cut}a", ""));
        Assert.Equal($"'bir':3D '{kept}':4D 'iki':5D '{ascii}':6D", vector);
    }
}
