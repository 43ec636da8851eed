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

    /// <summary>
    /// Two stored texts the arrival resembles equally (each differs from it by one number): the link goes to the
    /// earlier-stored one whatever order the store read the candidates in, so two runs over one archive link alike.
    /// </summary>
    [Fact]
    public void Of_equally_near_originals_the_link_goes_to_the_first_stored_in_any_read_order()
    {
        static string Text(int n) => string.Concat(Enumerable.Repeat($"Gəncədə {n} nömrəli yeni məktəb binası istifadəyə verilib, şagirdlər dərsə başlayıb. ", 6));
        var stored = new[] { Stored(7, Text(1), "a.az", T), Stored(11, Text(2), "b.az", T) };
        var arrival = Arrival(16, Text(3), "c.az", T.AddHours(1));
        Assert.Equal(TextSketch.Compare(arrival.Sketch, stored[0].Article.Sketch), TextSketch.Compare(arrival.Sketch, stored[1].Article.Sketch));

        var links = CopyRule.Default.Decide(arrival, stored);

        Assert.Equal(7, Assert.Single(links).OriginalId);
        Assert.Equal(links, CopyRule.Default.Decide(arrival, stored.Reverse().ToArray()));
    }

    [Fact]
    public void An_arrival_older_than_the_original_of_its_group_takes_its_place()
    {
        string text = string.Join("\n\n", Paragraphs("004"));
        var stored = new[] { Stored(1, text, "a.az", T), Stored(2, text, "b.az", T.AddHours(1), originalId: 1) };

        var links = CopyRule.Default.Decide(Arrival(3, text, "yap.org.az", T.AddHours(-5)), stored);

        Assert.Equal([new CopyLink(1, 3, CopyEvidence.SameText, 1)], links);
    }

    /// <summary>
    /// <see cref="CopyRule.MayMatter"/> lets a store leave out candidates (and their articles' rows): over many arrivals
    /// against stored texts of every kind (the same text, cuts, mixes, texts that share one paragraph, other reports;
    /// same and other sites; credit lines; stored copy links), the rule decides the same with only the candidates it
    /// passes and the originals those are copies of as with all of them, and it leaves some out.
    /// </summary>
    [Fact]
    public void Candidates_that_may_not_matter_change_no_decision()
    {
        string[][] p = new[] { "000", "001", "002", "003", "004" }.Select(Paragraphs).ToArray();
        var random = new Random(7);
        // Texts that share anything from nothing to all of their paragraphs: a random share of one sample's paragraphs,
        // sometimes with a few of another's.
        var texts = new List<string>();
        for (int t = 0; t < 60; t++)
        {
            var own = p[random.Next(p.Length)];
            double keep = random.NextDouble();
            var parts = own.Where(_ => random.NextDouble() < keep).ToList();
            if (parts.Count == 0) parts.Add(own[random.Next(own.Length)]);
            if (random.Next(3) == 0) parts.AddRange(p[random.Next(p.Length)].Take(random.Next(1, 4)));
            texts.Add(string.Join("\n\n", parts));
        }
        string[] sites = ["a.az", "b.az", "c.az"];
        int decisions = 0, left = 0;
        for (int round = 0; round < 1000; round++)
        {
            var stored = new List<LinkCandidate>();
            int n = random.Next(2, 9);
            for (int c = 0; c < n; c++)
            {
                string text = texts[random.Next(texts.Count)], site = sites[random.Next(sites.Length)];
                string? credit = random.Next(3) == 0 ? sites[random.Next(sites.Length)] : null;
                long? original = c > 0 && random.Next(3) == 0 ? stored[random.Next(c)].Article.ArticleId : null;
                stored.Add(new LinkCandidate(new SketchedArticle(c + 1, TextSketch.Of(text), site, null, T.AddHours(random.Next(-48, 48)),
                        credit is null ? null : new SourceCredit(credit, null), Hashing.Sha256Hex(text), original, random.Next(4) == 0),
                    SiteKeys.OfArticle(null, site), credit is null ? new HashSet<string>() : SiteKeys.OfCredit(new SourceCredit(credit, null), null)));
            }
            string arrivalText = texts[random.Next(texts.Count)], arrivalSite = sites[random.Next(sites.Length)];
            string? arrivalCredit = random.Next(3) == 0 ? sites[random.Next(sites.Length)] : null;
            var arrival = new LinkArrival(100, TextSketch.Of(arrivalText), Hashing.Sha256Hex(arrivalText), T, SiteKeys.OfArticle(null, arrivalSite),
                arrivalCredit is null ? new HashSet<string>() : SiteKeys.OfCredit(new SourceCredit(arrivalCredit, null), null));

            var passing = stored.Where(c => CopyRule.Default.MayMatter(arrival.Sketch, c.Article.Sketch)).Select(c => c.Article.ArticleId).ToHashSet();
            var originals = stored.Where(c => passing.Contains(c.Article.ArticleId)).Select(c => c.Article.OriginalId).OfType<long>().ToHashSet();
            var kept = stored.Where(c => passing.Contains(c.Article.ArticleId) || originals.Contains(c.Article.ArticleId)).ToList();
            var all = CopyRule.Default.Decide(arrival, stored);
            Assert.Equal(all, CopyRule.Default.Decide(arrival, kept));
            decisions += all.Count > 0 ? 1 : 0;
            left += stored.Count - kept.Count;
        }
        Assert.True(decisions > 50, $"only {decisions} rounds made links: the test no longer tests much");
        Assert.True(left > 100, $"only {left} candidates were left out");
    }
}
