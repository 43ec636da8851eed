using Icmal.Extraction;

namespace Icmal.Tests.Extraction;

/// <summary>A section or rubric name printed on the headline's line is the article's section, not its title.</summary>
public sealed class HeadlineSectionTests
{
    [Fact]
    public void Aggregator_copy_headline_loses_its_trailing_rubric_to_the_section()
    {
        var a = TextPageExtractor.Extract(TestData.Seed("003"));
        Assert.Equal("Qazaxıstan Azərbaycan əlaqələrinin dərinləşməsi TDT üçün bir fürsət pəncərəsidir", a.Title);
        Assert.Equal("Analitik", a.Section);
    }

    [Theory]
    [InlineData("Qazaxıstanla ticarət dövriyyəsi bir milyard dollara çatacaq | İqtisadiyyat", "Qazaxıstanla ticarət dövriyyəsi bir milyard dollara çatacaq", "İqtisadiyyat")]
    [InlineData("Müsahibə: Şəbnəm Həsənova regional inkişafdan danışdı", "Şəbnəm Həsənova regional inkişafdan danışdı", "Müsahibə")]
    [InlineData("Токаев и Алиев подписали декларацию о союзничестве Политика", "Токаев и Алиев подписали декларацию о союзничестве", "Политика")]
    [InlineData("Astanada yeni əməkdaşlıq sənədləri imzalanıb Xarici siyasət", "Astanada yeni əməkdaşlıq sənədləri imzalanıb", "Xarici siyasət")]
    public void Rubric_at_the_edge_of_the_headline_is_taken_off(string shown, string title, string section)
    {
        Assert.Equal((title, section), HeadlineSection.Split(shown, []));
    }

    [Theory]
    // A rubric word that begins a name.
    [InlineData("Dünya Bankı Azərbaycanın iqtisadi artım proqnozunu yüksəldib")]
    // A rubric word in the sentence, lower-case.
    [InlineData("Qazaxıstanda yeni stadion tikiləcək və idman")]
    // Title case: capitals say nothing about where the sentence ends.
    [InlineData("Leaders Gather In Astana To Discuss The World")]
    // The last word is a name, not a rubric.
    [InlineData("Astanada rəsmi qarşılanma mərasimi keçirilib Tokayev")]
    // Too little would be left.
    [InlineData("Bakıda Siyasət")]
    public void Words_that_belong_to_the_headline_stay(string shown)
    {
        Assert.Equal((shown, (string?)null), HeadlineSection.Split(shown, []));
    }

    [Fact]
    public void A_label_the_page_names_as_its_section_is_taken_off_too()
    {
        Assert.Equal(("Yeni park açıldı şəhərin mərkəzində", "Paytaxt"), HeadlineSection.Split("Yeni park açıldı şəhərin mərkəzində Paytaxt", ["Paytaxt"]));
        Assert.Equal(("Yeni park açıldı şəhərin mərkəzində Paytaxt", (string?)null), HeadlineSection.Split("Yeni park açıldı şəhərin mərkəzində Paytaxt", []));
    }

    [Fact]
    public void Html_page_with_the_rubric_in_its_headline_gets_its_section()
    {
        string html = $$"""
            <!doctype html><html lang="az"><head><meta charset="utf-8"><title>Yeni park açıldı şəhərin mərkəzində Paytaxt</title>
            <meta property="article:section" content="Paytaxt"></head>
            <body><main><article><h1>Yeni park açıldı şəhərin mərkəzində Paytaxt</h1>{{TestData.ArticleProse}}</article></main></body></html>
            """;
        var a = TestData.Html(html);
        Assert.Equal("Yeni park açıldı şəhərin mərkəzində", a.Title);
        Assert.Equal("Paytaxt", a.Section);
    }
}
