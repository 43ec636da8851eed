using Icmal.Text.Lexicon;

namespace Icmal.Text.Tests;

public class LexiconTests
{
    [Theory]
    [InlineData("kitab")]
    [InlineData("qazaxıstan")]
    [InlineData("bakı")]
    [InlineData("əliyev")]
    public void Known_words_are_known(string word) => Assert.True(AzLexicon.Default.IsKnownWord(word));

    [Fact]
    public void Made_up_word_is_unknown() => Assert.False(AzLexicon.Default.IsKnownWord("qzxwvbə"));

    [Fact]
    public void Verb_roots_are_flagged() =>
        Assert.True((AzLexicon.Default.FlagsOf("gəl") & LexiconFlags.VerbRoot) != 0);

    [Fact]
    public void Frequent_words_have_higher_frequency_class() =>
        Assert.True(AzLexicon.Default.FrequencyClass("və") > AzLexicon.Default.FrequencyClass("abajur"));

    [Theory]
    [InlineData("dərinləşdirmə")]
    [InlineData("qazaxıs")]
    [InlineData("kitab")]
    [InlineData("")]
    public void Prefixes_of_known_forms_are_found(string prefix) => Assert.True(AzLexicon.Default.HasFormStartingWith(prefix));

    [Theory]
    [InlineData("qzxw")]
    [InlineData("kitabqzx")]
    [InlineData("ğğ")]
    public void Prefixes_of_no_known_form_are_not_found(string prefix) => Assert.False(AzLexicon.Default.HasFormStartingWith(prefix));

    [Fact]
    public void Prefix_query_finds_forms_at_the_ends_of_the_sorted_list()
    {
        byte[] bytes = LexiconBuilder.Build(new LexiconBuilder.Sources(["abc", "ev", "əl"], [], ["kitablar\t1000"], []));
        using var stream = new MemoryStream(bytes);
        var lexicon = AzLexicon.Load(stream);
        Assert.True(lexicon.HasFormStartingWith("ab"));
        Assert.True(lexicon.HasFormStartingWith("ə"));
        Assert.True(lexicon.HasFormStartingWith("kitabla"));
        Assert.False(lexicon.HasFormStartingWith("a0"));
        Assert.False(lexicon.HasFormStartingWith("əll"));
        Assert.False(lexicon.HasFormStartingWith("kitablarda"));
        Assert.False(lexicon.HasFormStartingWith("aa"));
    }

    [Fact]
    public void Prefix_query_is_thread_safe_from_the_first_call()
    {
        byte[] bytes = LexiconBuilder.Build(new LexiconBuilder.Sources(["kitab", "ev", "əl", "gəl"], [], ["kitablar\t1000"], []));
        using var stream = new MemoryStream(bytes);
        var lexicon = AzLexicon.Load(stream);
        string[] prefixes = ["kit", "kitabla", "e", "əl", "gə", "qzx", "kitabx", "ab"];
        bool[] expected = [true, true, true, true, true, false, false, false];
        var failures = 0;
        Parallel.For(0, 4000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            if (lexicon.HasFormStartingWith(prefixes[i % prefixes.Length]) != expected[i % prefixes.Length]) Interlocked.Increment(ref failures);
        });
        Assert.Equal(0, failures);
    }

    [Fact]
    public void Builder_output_loads_back()
    {
        byte[] bytes = LexiconBuilder.Build(new LexiconBuilder.Sources(
            ["kitab", "ev"], ["2", "gəl/E2", "qapı/N1"], ["kitablar\t1000", "və\t100000"], ["Bakı", "Xəzər dənizi"]));
        using var stream = new MemoryStream(bytes);
        var lexicon = AzLexicon.Load(stream);
        Assert.True((lexicon.FlagsOf("kitab") & LexiconFlags.Headword) != 0);
        Assert.Equal(LexiconFlags.VerbRoot, lexicon.FlagsOf("gəl"));
        Assert.Equal(LexiconFlags.Name, lexicon.FlagsOf("bakı"));
        Assert.Equal(LexiconFlags.None, lexicon.FlagsOf("dənizi"));
        Assert.True(lexicon.FrequencyClass("və") > lexicon.FrequencyClass("kitablar"));
    }

    [Fact]
    public void Shipped_lexicon_is_what_the_builder_makes_from_shared_data()
    {
        string dir = TestPaths.SharedData("az/lexicon");
        string F(string n) => Path.Combine(dir, n);
        var names = new List<string>();
        foreach (string f in new[] { "az-places.txt", "az-countries.txt", "az-given-names.tsv", "az-surnames.tsv" }) names.AddRange(File.ReadAllLines(F(f)));
        byte[] built = LexiconBuilder.Build(new LexiconBuilder.Sources(
            File.ReadAllLines(F("az-stems.txt")), File.ReadAllLines(F("az_AZ.dic")), File.ReadAllLines(F("az-word-freq.tsv")), names));
        using var shipped = typeof(AzLexicon).Assembly.GetManifestResourceStream(AzLexicon.ResourceName)!;
        using var copy = new MemoryStream();
        shipped.CopyTo(copy);
        Assert.Equal(built, copy.ToArray());
    }
}
