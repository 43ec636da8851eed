using Icmal.Analysis;
using Icmal.Extraction;
using Icmal.Model;
using Icmal.Tests.Extraction;

namespace Icmal.Tests.Analysis;

/// <summary>A headline made for a page without one reads like a headline: who did or said what, never cut mid-phrase.</summary>
public sealed class DerivedHeadlineTests
{
    private static string Derive(string paragraph) => ArticleAnalyzer.DeriveTitle([new ArticleBlock(BlockKind.Paragraph, paragraph)]);

    [Fact]
    public void Seed_without_a_headline_gets_speaker_and_statement_not_a_cut_sentence()
    {
        var a = TextPageExtractor.Extract(TestData.Seed("001"));
        string title = ArticleAnalyzer.DeriveTitle(a.Blocks);
        Assert.Equal("İlham Əliyev: Qazaxıstan cəmiyyət və dövlət quruculuğu sahəsində dinamik inkişaf yolu keçməkdədir", title);
    }

    [Fact]
    public void Dateline_before_the_lead_is_not_part_of_the_headline()
    {
        string title = Derive("Bakı, 9 noyabr, AZƏRTAC. Prezident İlham Əliyev Astanada Qazaxıstan Prezidenti Kasım-Jomart Tokayev ilə görüşüb. Görüşdə əməkdaşlıq müzakirə olunub.");
        Assert.Equal("Prezident İlham Əliyev Astanada Qazaxıstan Prezidenti Kasım-Jomart Tokayev ilə görüşüb", title);
    }

    [Fact]
    public void Long_lead_loses_its_adjunct_phrases_and_keeps_subject_and_predicate()
    {
        string title = Derive("Azərbaycan və Qazaxıstan nümayəndə heyətləri Astanada keçirilən Ali Dövlətlərarası Şuranın ikinci iclası çərçivəsində nəqliyyat, enerji və rəqəmsal sahədə əməkdaşlığa dair iyirmidən çox sənəd imzalayıblar.");
        Assert.InRange(title.Length, 20, DerivedHeadline.MaxLength);
        Assert.StartsWith("Azərbaycan və Qazaxıstan nümayəndə heyətləri", title, StringComparison.Ordinal);
        Assert.EndsWith("sənəd imzalayıblar", title, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lead_that_must_be_cut_ends_on_a_whole_phrase_without_a_dangling_conjunction()
    {
        string title = Derive(string.Concat(Enumerable.Repeat("Azərbaycan və Qazaxıstan əməkdaşlığı ", 6)) + "genişlənir. İkinci cümlə.");
        Assert.EndsWith("…", title, StringComparison.Ordinal);
        Assert.True(title.Length <= DerivedHeadline.MaxLength + 1);
        string lastWord = title.TrimEnd('…').Split(' ')[^1];
        Assert.DoesNotContain(lastWord, (string[])["və", "ilə", "ki"]);
        Assert.Contains(lastWord, "Azərbaycan və Qazaxıstan əməkdaşlığı".Split(' '));
    }

    [Fact]
    public void Short_lead_is_the_headline_as_it_is()
    {
        Assert.Equal("Astanada Azərbaycan bayraqları asılıb", Derive("Astanada Azərbaycan bayraqları asılıb. Səfər sabah başlayır."));
    }
}
