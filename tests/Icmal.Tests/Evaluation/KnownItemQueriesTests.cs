using Icmal.Evaluation;
using Icmal.Text.Casing;
using Icmal.Text.StopWords;
using Icmal.Text.Stemming;
using Icmal.Tests.Support;

namespace Icmal.Tests.Evaluation;

/// <summary>The known-item query generator: rare words of the article, typed inflected or in ASCII, the same for a seed.</summary>
public sealed class KnownItemQueriesTests
{
    // Every article shares the common sentence; each has its own rare words.
    private const string Common = "Nazirlik bu gün yeni qərar qəbul edib və məlumat yayıb. ";

    private static readonly KnownItemSource[] Collection =
    [
        new("https://a.az/1", "Bir", Common + "Qazaxıstanla sərhəd keçidində gömrük əməkdaşları yoxlama aparıblar."),
        new("https://a.az/2", "İki", Common + "Fentanil qaçaqmalçılığına qarşı Meksikada əməliyyat keçirilib."),
        new("https://a.az/3", "Üç", Common + "Məktəblərdə kağız jurnallardan istifadə dayandırılacaq, müəllimlər planşetlərə keçəcək."),
        new("https://a.az/4", "Dörd", Common + "Qəbələdə turizm mövsümü başlayıb, mehmanxanalar dolub."),
    ];

    private static readonly int[] Targets = [0, 1, 2, 3, 0, 1, 2, 3];

    [Fact]
    public void The_same_seed_makes_the_same_queries_and_another_seed_other_ones()
    {
        var first = KnownItemQueries.Generate(Collection, Targets, 15);
        var again = KnownItemQueries.Generate(Collection, Targets, 15);
        var other = KnownItemQueries.Generate(Collection, Targets, 16);

        Assert.Equal(first.Select(KnownItemQueries.ToJsonLine), again.Select(KnownItemQueries.ToJsonLine));
        Assert.NotEqual(first.Select(q => q.Query), other.Select(q => q.Query));
    }

    [Fact]
    public void Queries_are_two_or_three_of_the_articles_own_rare_words_never_shared_or_stop_words()
    {
        var queries = KnownItemQueries.Generate(Collection, Targets, 15);

        Assert.Equal(Targets.Length, queries.Count);
        var stemmer = AzStemmer.Default;
        var commonStems = Common.Split(' ', '.').Where(w => w.Length > 0).Select(w => AzCasing.ToLower(stemmer.Stem(w))).ToHashSet(StringComparer.Ordinal);
        for (int i = 0; i < queries.Count; i++)
        {
            var q = queries[i];
            Assert.Equal(Collection[Targets[i]].Url, q.Url);
            Assert.InRange(q.Words.Count, 2, 3);
            Assert.Equal(q.Words.Count, q.Query.Split(' ').Length);
            foreach (string w in q.Words)
            {
                Assert.Contains(w, Collection[Targets[i]].Text, StringComparison.Ordinal);
                Assert.DoesNotContain(AzCasing.ToLower(stemmer.Stem(w)), commonStems);
                Assert.False(AzStopWords.IsStopWord(AzCasing.ToLower(w)), w);
            }
        }
    }

    [Fact]
    public void Ascii_queries_have_no_Azerbaijani_letters_and_inflected_ones_change_the_endings_not_the_stems()
    {
        var queries = KnownItemQueries.Generate(Collection, [.. Enumerable.Repeat(0, 30)], 15);

        Assert.Contains(queries, q => q.Typing == Typing.Ascii);
        Assert.Contains(queries, q => q.Typing == Typing.Inflected);
        foreach (var q in queries.Where(q => q.Typing == Typing.Ascii))
            Assert.True(q.Query.All(c => c < 128 && !char.IsUpper(c)), q.Query);
        var stemmer = AzStemmer.Default;
        foreach (var q in queries.Where(q => q.Typing == Typing.Inflected))
        {
            var typed = q.Query.Split(' ');
            for (int k = 0; k < typed.Length; k++)
            {
                string stem = AzCasing.ToLower(stemmer.Stem(q.Words[k]));
                Assert.StartsWith(stem[..^1], AzCasing.ToLower(typed[k]), StringComparison.Ordinal);
            }
        }
        // "Qazaxıstanla" is typed in other endings somewhere in thirty queries.
        Assert.Contains(queries.SelectMany(q => q.Query.Split(' ')),
            w => AzCasing.ToLower(w).StartsWith("qazaxıstan", StringComparison.Ordinal) && !AzCasing.ToLower(w).Equals("qazaxıstanla", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Qazaxıstanla", "Qazaxıstan", "aı")]   // back vowels: -ın, -a, -da, -dan, -lar
    [InlineData("Gəncədə", "Gəncə", "əi")]             // front vowels after a vowel: -nin, -yə, -də, -ylə, -lər
    [InlineData("Tokayevin", "Tokayev", "əi")]
    public void Another_case_ending_obeys_vowel_harmony(string word, string stem, string vowels)
    {
        var random = new Random(1);
        for (int k = 0; k < 20; k++)
        {
            string form = KnownItemQueries.OtherCaseForm(word, AzStemmer.Default, random)!;
            Assert.StartsWith(stem, form, StringComparison.Ordinal);
            Assert.NotEqual(word, form);
            Assert.All(form[stem.Length..].Where(c => "aıouəieöü".Contains(c, StringComparison.Ordinal)), c => Assert.True(vowels.Contains(c, StringComparison.Ordinal), $"{form}: {c}"));
        }
    }

    [Fact]
    public async Task A_seed_page_gives_words_of_its_main_text_and_not_of_its_sidebar()
    {
        // The icma.az page's "most read" sidebar mentions Ronaldo; the article does not.
        var page = await KnownItemQueries.ReadTextPageAsync(TestPaths.Sample("003"), TestContext.Current.CancellationToken);

        Assert.Equal("003_20fcee15adbe1f54.txt", page.Url);
        Assert.Contains("Həsənova", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Ronaldu", page.Text, StringComparison.Ordinal);
    }
}
