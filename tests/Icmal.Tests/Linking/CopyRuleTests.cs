using Icmal.Linking;
using Icmal.Model;
using Icmal.Storage;
using Icmal.Text.Similarity;
using Icmal.Tests.Support;

namespace Icmal.Tests.Linking;

/// <summary>The linking rule on its own: which stored article an arrival is linked to, from sketches of real texts.</summary>
public sealed class CopyRuleTests
{
    private static readonly DateTimeOffset T = new(2025, 10, 27, 10, 0, 0, TimeSpan.Zero);

    private static string[] Paragraphs(string prefix) =>
        File.ReadAllLines(TestPaths.Sample(prefix)).Where(l => l.Length > 120).ToArray();

    private static LinkCandidate Stored(long id, string text, string site, DateTimeOffset at, long? originalId = null) =>
        new(new SketchedArticle(id, TextSketch.Of(text), site, null, at, null, Hashing.Sha256Hex(text), originalId), SiteKeys.OfArticle(null, site), new HashSet<string>());

    private static LinkArrival Arrival(long id, string text, string site, DateTimeOffset at) =>
        new(id, TextSketch.Of(text), Hashing.Sha256Hex(text), at, SiteKeys.OfArticle(null, site), new HashSet<string>());

    [Fact]
    public void A_text_that_resembles_only_a_copy_and_not_its_original_is_not_put_under_that_original()
    {
        string[] a = Paragraphs("001"), b = Paragraphs("004");
        string original = string.Join("\n\n", a);
        // A stored copy of the 001 text that also carries the 004 text whole; the arrival is the 004 text alone.
        string mixed = string.Join("\n\n", a.Concat(b));
        var candidates = new[] { Stored(1, original, "a.az", T), Stored(2, mixed, "b.az", T.AddHours(1), originalId: 1) };

        var links = CopyRule.Default.Decide(Arrival(3, string.Join("\n\n", b), "c.az", T.AddHours(2)), candidates);

        Assert.Empty(links);
    }

    [Fact]
    public void Two_texts_of_one_site_are_copies_only_when_nearly_the_same()
    {
        string[] p = Paragraphs("001");
        string full = string.Join("\n\n", p), cut = string.Join("\n\n", p.Take(p.Length / 2));
        var stored = new[] { Stored(1, full, "yap.org.az", T) };

        Assert.Empty(CopyRule.Default.Decide(Arrival(2, cut, "yap.org.az", T.AddDays(3)), stored));
        Assert.Equal([new CopyLink(2, 1, CopyEvidence.NearCopy, TextSketch.Compare(TextSketch.Of(cut), TextSketch.Of(full)).Resemblance)],
            CopyRule.Default.Decide(Arrival(2, cut, "xeberler.az", T.AddDays(3)), stored));
    }

    [Fact]
    public void An_arrival_older_than_the_original_of_its_group_takes_its_place()
    {
        string text = string.Join("\n\n", Paragraphs("004"));
        var stored = new[] { Stored(1, text, "a.az", T), Stored(2, text, "b.az", T.AddHours(1), originalId: 1) };

        var links = CopyRule.Default.Decide(Arrival(3, text, "yap.org.az", T.AddHours(-5)), stored);

        Assert.Equal([new CopyLink(1, 3, CopyEvidence.SameText, 1)], links);
    }
}
