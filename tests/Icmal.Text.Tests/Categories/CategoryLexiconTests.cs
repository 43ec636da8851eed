using Icmal.Text.Casing;
using Icmal.Text.Categories;
using Icmal.Text.Normalization;
using Icmal.Text.Tokenization;

namespace Icmal.Text.Tests.Categories;

/// <summary>
/// The section vocabulary counts entries in inflected words and phrases, and short entries only by their stem, so that
/// "ABŞ-nin" is foreign news but "Abşeron" is not.
/// </summary>
public sealed class CategoryLexiconTests
{
    private static int[] Hits(string headline)
    {
        string normal = AzNormalizer.NormalizeToString(headline);
        var words = new List<string>();
        var stems = new List<string>();
        foreach (var token in AzTokenizer.Tokenize(normal))
        {
            if (!token.IsWordLike) continue;
            words.Add(AzCasing.ToLower(token.Of(normal).ToString()));
            stems.Add(AzCasing.ToLower(AzAnalyzer.StemOf(normal, token)));
        }
        var hits = new int[NewsCategories.All.Count];
        CategoryLexicon.CountHits(words, stems, " " + string.Join(' ', words) + " ", hits);
        return hits;
    }

    [Fact]
    public void Inflected_words_and_phrases_count_for_their_section()
    {
        var sport = Hits("Futbolçu qolu vurdu, məşqçi sevindi");
        Assert.True(sport[(int)NewsCategory.Idman] >= 3, string.Join(",", sport));
        var crime = Hits("Bakıda kişi qardaşını öldürdü və saxlanıldı");
        Assert.True(crime[(int)NewsCategory.Kriminal] >= 2, string.Join(",", crime));
        var politics = Hits("Milli Məclisin iclası keçirilib");
        Assert.True(politics[(int)NewsCategory.Siyaset] >= 1, string.Join(",", politics));
        Assert.True(CategoryLexicon.Count > 500);
    }

    [Fact]
    public void Short_entries_match_only_as_the_stem()
    {
        Assert.True(Hits("ABŞ-nin səfiri")[(int)NewsCategory.Dunya] >= 1);
        Assert.Equal(0, Hits("Abşeronda yeni park")[(int)NewsCategory.Dunya]);
    }
}
