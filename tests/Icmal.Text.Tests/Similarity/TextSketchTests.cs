using Icmal.Text.Similarity;

namespace Icmal.Text.Tests.Similarity;

public sealed class TextSketchTests
{
    private static string Seed(string prefix) =>
        File.ReadAllText(Directory.GetFiles(Path.Combine(TestPaths.Repository(), "samples"), prefix + "_*.txt").Single());

    private static string Paragraphs(string text) =>
        string.Join("\n\n", text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 80));

    [Fact]
    public void A_copy_with_other_quotes_dashes_case_soft_hyphens_and_e_for_schwa_has_the_same_sketch()
    {
        string original = "Prezident İlham Əliyev “Azərbaycan–Qazaxıstan” Ali Dövlətlərarası Şurasının iclasında çıxış edib. "
            + "O, qeyd edib ki, iki ölkə arasında ticarət dövriyyəsi 598,47 milyon dollar olub — bu, rekorddur.";
        string copy = "PREZIDENT ILHAM ELIYEV \"Azerbaycan-Qazaxistan\" Ali Dövlet\u00ADlerarasi Şurasının iclasında çıxış edib. "
            + "O, qeyd edib ki, iki ölkə arasında ticarət dövriyyəsi 598,47 milyon dollar olub - bu, rekorddur!";

        var similarity = TextSketch.Compare(TextSketch.Of(original), TextSketch.Of(copy));

        Assert.Equal(1.0, similarity.Resemblance);
        Assert.Equal(1.0, similarity.Containment);
    }

    [Fact]
    public void A_copy_with_paragraphs_cut_is_contained_in_its_original_though_it_resembles_it_less()
    {
        string[] paragraphs = Paragraphs(Seed("003")).Split("\n\n");
        string longer = string.Join("\n\n", paragraphs);
        string cut = string.Join("\n\n", paragraphs.Take(paragraphs.Length / 2));

        var similarity = TextSketch.Compare(TextSketch.Of(longer), TextSketch.Of(cut));

        Assert.InRange(similarity.Containment, 0.85, 1.0);
        Assert.InRange(similarity.Resemblance, 0.2, 0.75);
    }

    [Fact]
    public void Different_texts_about_one_event_share_almost_no_shingles()
    {
        var seeds = new[] { "000", "001", "003", "004" }.Select(s => TextSketch.Of(Seed(s))).ToArray();
        for (int i = 0; i < seeds.Length; i++)
        {
            for (int j = i + 1; j < seeds.Length; j++)
            {
                var similarity = TextSketch.Compare(seeds[i], seeds[j]);
                Assert.InRange(similarity.Resemblance, 0.0, 0.05);
                Assert.InRange(similarity.Containment, 0.0, 0.1);
            }
        }
    }

    [Fact]
    public void The_same_words_in_another_order_are_not_a_copy()
    {
        string text = "Mərkəzi Bank uçot dərəcəsini dəyişməz saxlayıb və növbəti qərar iyul ayında açıqlanacaq";
        string shuffled = string.Join(' ', text.Split(' ').Reverse());

        Assert.InRange(TextSketch.Compare(TextSketch.Of(text), TextSketch.Of(shuffled)).Resemblance, 0.0, 0.1);
    }

    [Fact]
    public void A_sketch_keeps_the_smallest_hashes_ascending_and_its_keys_are_the_first_of_them()
    {
        var sketch = TextSketch.Of(Seed("000"));

        Assert.Equal(TextSketch.Size, sketch.Hashes.Length);
        Assert.True(sketch.Shingles > 500);
        for (int i = 1; i < sketch.Hashes.Length; i++) Assert.True(sketch.Hashes[i] > sketch.Hashes[i - 1]);
        Assert.Equal(sketch.Hashes[..TextSketch.KeyCount].ToArray(), sketch.Keys.ToArray());
    }

    [Fact]
    public void A_text_shorter_than_a_shingle_is_one_shingle_and_a_text_without_words_none()
    {
        Assert.Equal(1, TextSketch.Of("Bakı, Astana").Shingles);
        var empty = TextSketch.Of(" … — !");
        Assert.Equal(0, empty.Shingles);
        Assert.Equal(default, TextSketch.Compare(empty, empty));
    }

    [Fact]
    public void A_stored_sketch_reads_back_the_same_and_bytes_that_are_not_one_are_refused()
    {
        var sketch = TextSketch.Of(Seed("001"));
        var back = TextSketch.FromBytes(sketch.ToBytes(), sketch.Shingles);

        Assert.Equal(sketch.Hashes.ToArray(), back.Hashes.ToArray());
        Assert.Equal(sketch.Shingles, back.Shingles);
        Assert.Equal(1.0, TextSketch.Compare(sketch, back).Resemblance);
        Assert.Throws<FormatException>(() => TextSketch.FromBytes(new byte[7], 10));
        Assert.Throws<FormatException>(() => TextSketch.FromBytes(sketch.ToBytes(), 3));
        byte[] unordered = sketch.ToBytes();
        unordered.AsSpan(0, 4).CopyTo(unordered.AsSpan(4));
        Assert.Throws<FormatException>(() => TextSketch.FromBytes(unordered, sketch.Shingles));
    }

    [Fact]
    public void Parallel_sketches_equal_the_sequential_ones()
    {
        string[] texts = ["000", "001", "002", "003", "004"];
        var expected = texts.Select(t => TextSketch.Of(Seed(t)).Hashes.ToArray()).ToArray();
        var contents = texts.Select(Seed).ToArray();
        var results = new uint[200][];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => results[i] = TextSketch.Of(contents[i % 5]).Hashes.ToArray());
        for (int i = 0; i < results.Length; i++) Assert.Equal(expected[i % 5], results[i]);
    }
}
