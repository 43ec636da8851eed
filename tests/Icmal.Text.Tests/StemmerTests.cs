using Icmal.Text.Normalization;
using Icmal.Text.Stemming;
using Icmal.Text.Tokenization;

namespace Icmal.Text.Tests;

public class StemmerTests
{
    private static string Stem(string word) => AzStemmer.Default.Stem(word);

    [Theory]
    [InlineData("Qazaxıstana")]
    [InlineData("Qazaxıstanın")]
    [InlineData("Qazaxıstanla")]
    [InlineData("Qazaxıstanda")]
    [InlineData("Qazaxıstandan")]
    [InlineData("Qazaxıstanı")]
    public void Case_forms_of_Qazaxıstan_share_one_stem(string form) => Assert.Equal("Qazaxıstan", Stem(form));

    [Theory]
    [InlineData("Əliyevin", "Əliyev")]
    [InlineData("Əliyevlə", "Əliyev")]
    [InlineData("Tokayevin", "Tokayev")]
    [InlineData("Tokayevə", "Tokayev")]
    [InlineData("Trampın", "Tramp")]
    [InlineData("Putinin", "Putin")]
    [InlineData("Həsənovanın", "Həsənova")]
    [InlineData("Həsənova", "Həsənova")]
    [InlineData("Nağızadənin", "Nağızadə")]
    [InlineData("İlyasovun", "İlyasov")]
    public void Person_names_stem_to_the_name(string form, string stem) => Assert.Equal(stem, Stem(form));

    [Theory]
    [InlineData("Bakının", "Bakı")]
    [InlineData("Bakıya", "Bakı")]
    [InlineData("Astanada", "Astana")]
    [InlineData("Füzuliyə", "Füzuli")]
    [InlineData("Qəbələdə", "Qəbələ")]
    [InlineData("Türkiyənin", "Türkiyə")]
    [InlineData("Çinlə", "Çin")]
    [InlineData("Özbəkistanla", "Özbəkistan")]
    [InlineData("Türkmənistanın", "Türkmənistan")]
    public void Places_stem_to_the_place(string form, string stem) => Assert.Equal(stem, Stem(form));

    [Theory]
    [InlineData("TDT-nin", "TDT")]
    [InlineData("YAP-ın", "YAP")]
    [InlineData("ABŞ-a", "ABŞ")]
    [InlineData("Sherg.az-a", "Sherg.az")]
    [InlineData("Alem.AI-nin", "Alem.AI")]
    [InlineData("Azərbaycan-Qazaxıstanın", "Azərbaycan-Qazaxıstan")]
    public void Hyphenated_inflection_is_cut_off(string form, string stem) => Assert.Equal(stem, Stem(form));

    [Theory]
    [InlineData("kitablarından", "kitab")]
    [InlineData("münasibətləri", "münasibət")]
    [InlineData("əməkdaşlığa", "əməkdaşlıq")]
    [InlineData("ayağı", "ayaq")]
    [InlineData("ürəyi", "ürək")]
    [InlineData("beyni", "beyin")]
    [InlineData("oğlu", "oğul")]
    [InlineData("dövlətlərinin", "dövlət")]
    [InlineData("ölkələrimizin", "ölkə")]
    public void Common_nouns_lose_plural_possessive_and_case(string form, string stem) => Assert.Equal(stem, Stem(form));

    [Theory]
    [InlineData("bildirib", "bildir")]
    [InlineData("bildirdi", "bildir")]
    [InlineData("gedir", "get")]
    [InlineData("olduğunu", "ol")]
    [InlineData("vurğuladı", "vurğula")]
    public void Verbs_stem_to_their_root(string form, string stem) => Assert.Equal(stem, Stem(form));

    [Theory]
    [InlineData("alma")]
    [InlineData("qapı")]
    [InlineData("Həsənova")]
    [InlineData("ada")]
    public void Dictionary_words_that_look_inflected_stay_whole(string word) => Assert.Equal(word, Stem(word));

    [Fact]
    public void Noun_plural_is_not_read_as_a_verb_root_with_aorist() =>
        Assert.Equal("bıçaq", Stem("bıçaqlarını"));

    [Fact]
    public void Stem_of_a_span_equals_stem_of_the_string() =>
        Assert.Equal(Stem("Qazaxıstanın"), AzStemmer.Default.Stem("Qazaxıstanın".AsSpan()));

    public static TheoryData<string> EntityBases() => new()
    {
        "Azərbaycan", "Qazaxıstan", "Astana", "Bakı", "Füzuli", "Qəbələ", "Türkiyə", "Çin", "Özbəkistan", "Türkmənistan",
        "Əliyev", "Tokayev", "Tramp", "Həsənova", "Məmmədəv", "Nağızadə", "İlyasov", "TDT", "YAP", "Təşkilat", "Partiya",
    };

    [Theory]
    [MemberData(nameof(EntityBases))]
    public void Every_inflected_form_of_a_seed_entity_stems_to_its_base(string entity)
    {
        string samples = Path.Combine(TestPaths.Repository(), "samples");
        int forms = 0;
        foreach (string file in Directory.GetFiles(samples, "*.txt"))
        {
            string text = AzNormalizer.NormalizeToString(File.ReadAllText(file));
            foreach (var t in AzTokenizer.Tokenize(text))
            {
                string word = text.Substring(t.Start, t.Length);
                if (!word.StartsWith(entity, StringComparison.Ordinal) || word.Length == entity.Length) continue;
                string rest = word[entity.Length..].TrimStart('-');
                if (!AzStemmer.IsSuffixChain(rest)) continue; // a different word: "Qazaxıstanarası…", "Azərbaycanlı"
                forms++;
                Assert.Equal(entity, AzAnalyzer.StemOf(text, t));
            }
        }
        // The main entities of the seeds occur inflected; the check must not pass for want of forms.
        if (entity is "Azərbaycan" or "Qazaxıstan" or "Əliyev" or "Tokayev" or "Astana" or "Bakı" or "TDT" or "Təşkilat")
            Assert.True(forms > 0, $"no inflected form of {entity} in the seeds");
    }

    [Fact]
    public void Seed_stems_of_Azərbaycan_forms_are_all_Azərbaycan()
    {
        var stems = AzAnalyzer.Stems("Azərbaycanın, Azərbaycana və Azərbaycanla Azərbaycanda");
        Assert.Equal(["Azərbaycan", "Azərbaycan", "və", "Azərbaycan", "Azərbaycan"], stems);
    }

    [Fact]
    public void Lower_cased_stems_are_search_keys() =>
        Assert.Equal(["ilham", "əliyev", "ığdır"], AzAnalyzer.Stems("İLHAM Əliyevin IĞDIRDA", lowerCase: true));

    [Theory]
    [InlineData("dərinləşdirməsinin", true)]
    [InlineData("Qazaxıstanla", true)]
    [InlineData("kitablarımızdan", true)]
    [InlineData("gional", false)]
    [InlineData("qzxwvbələrin", false)]
    public void Known_word_forms_are_recognised_for_hyphen_joining(string word, bool known) =>
        Assert.Equal(known, AzStemmer.Default.IsKnownWord(word));
}
