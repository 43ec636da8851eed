using Icmal.Text.LanguageId;
using Icmal.Text.Lexicon;
using Icmal.Text.Normalization;
using Icmal.Text.Stemming;
using Icmal.Text.Tokenization;

namespace Icmal.Text.Tests;

public class ThreadSafetyTests
{
    private static readonly string[] Words =
    [
        "Qazaxıstanın", "Əliyevin", "TDT-nin", "kitablarından", "münasibətləri", "əməkdaşlığa", "Bakıda", "bildirib",
        "ölkələrimizin", "Tokayevə", "dövlətlərinin", "ayağı", "ürəyi", "Astanaya", "Türkiyənin", "Putinin", "olduğunu",
    ];

    [Fact]
    public void Parallel_stemming_with_a_fresh_stemmer_gives_the_sequential_stems()
    {
        var expected = Words.Select(w => new AzStemmer(AzLexicon.Default).Stem(w)).ToArray();
        var shared = new AzStemmer(AzLexicon.Default);
        var results = new string[Words.Length * 400];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            results[i] = shared.Stem(Words[i % Words.Length].AsSpan()));
        for (int i = 0; i < results.Length; i++) Assert.Equal(expected[i % Words.Length], results[i]);
    }

    [Fact]
    public void Parallel_pipeline_and_language_id_give_the_sequential_results()
    {
        const string text = "Prezident İlham Əliyev 20-21 oktyabrda Qazaxıstana dövlət səfəri edib, TDT-nin Zirvə görüşündə iştirak edib.";
        string expectedStems = string.Join(' ', AzAnalyzer.Stems(text));
        var expectedLanguage = LanguageIdentifier.Default.Identify(text).Language;
        int expectedCount = AzTokenizer.TokenizeToList(text).Count;
        Assert.Equal("az", expectedLanguage);
        Assert.Equal(16, expectedCount);
        var failures = 0;
        Parallel.For(0, 2000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ =>
        {
            string normal = AzNormalizer.NormalizeToString(text + "\u00AD");
            int count = 0;
            foreach (var t in AzTokenizer.Tokenize(normal)) count++;
            if (string.Join(' ', AzAnalyzer.Stems(text)) != expectedStems || count != expectedCount
                || LanguageIdentifier.Default.Identify(text).Language != expectedLanguage)
                Interlocked.Increment(ref failures);
        });
        Assert.Equal(0, failures);
    }
}
