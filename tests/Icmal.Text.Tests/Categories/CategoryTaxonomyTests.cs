using Icmal.Text.Categories;

namespace Icmal.Text.Tests.Categories;

/// <summary>Sources' own section names and slugs in three languages land on the one taxonomy; unknown ones stay unknown.</summary>
public sealed class CategoryTaxonomyTests
{
    [Theory]
    [InlineData("Siyasət", NewsCategory.Siyaset)]
    [InlineData("siyaset", NewsCategory.Siyaset)]
    [InlineData("Politics", NewsCategory.Siyaset)]
    [InlineData("Политика", NewsCategory.Siyaset)]
    [InlineData("İQTİSADİYYAT", NewsCategory.Iqtisadiyyat)]
    [InlineData("economy", NewsCategory.Iqtisadiyyat)]
    [InlineData("Экономика", NewsCategory.Iqtisadiyyat)]
    [InlineData("İdman", NewsCategory.Idman)]
    [InlineData("IDMAN", NewsCategory.Idman)]
    [InlineData("Спорт", NewsCategory.Idman)]
    [InlineData("İKT", NewsCategory.Texnologiya)]
    [InlineData("Şou-biznes", NewsCategory.Medeniyyet)]
    [InlineData("Xəbərlər / Dünya", NewsCategory.Dunya)]
    [InlineData("/az/news/sport/", NewsCategory.Idman)]
    [InlineData("world-news", NewsCategory.Dunya)]
    [InlineData("Происшествия", NewsCategory.Hadise)]
    [InlineData("Kriminal", NewsCategory.Kriminal)]
    [InlineData("Maraqlı", NewsCategory.Diger)]
    public void Known_sections_map(string section, NewsCategory expected) =>
        Assert.Equal(expected, CategoryTaxonomy.Map(section));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Xəbərlər")]
    [InlineData("/az/news/12345/")]
    [InlineData("it")]
    public void Unknown_sections_give_null_so_the_classifier_decides(string? section) =>
        Assert.Null(CategoryTaxonomy.Map(section));

    [Fact]
    public void Every_slug_reads_back_and_is_ascii()
    {
        foreach (var c in NewsCategories.All)
        {
            Assert.True(NewsCategories.TryFromSlug(c.Slug(), out var back));
            Assert.Equal(c, back);
            Assert.All(c.Slug(), ch => Assert.True(ch is >= 'a' and <= 'z'));
            Assert.Equal(c, CategoryTaxonomy.Map(c.Name()));
        }
        Assert.False(NewsCategories.TryFromSlug("Siyaset", out _));
    }

    [Fact]
    public void The_source_section_wins_over_the_classifier()
    {
        var source = CategoryClassifier.Default.Categorise([null, "Sport"], "Prezident İlham Əliyev Rumıniya Senatının sədrini qəbul edib");
        Assert.Equal(new CategoryAssignment(NewsCategory.Idman, CategoryOrigin.Source, 1), source);
        var guessed = CategoryClassifier.Default.Categorise(["Xəbərlər"], "Prezident İlham Əliyev Rumıniya Senatının sədrini qəbul edib");
        Assert.Equal(CategoryOrigin.Classifier, guessed.Origin);
        Assert.Equal(NewsCategory.Siyaset, guessed.Category);
        Assert.InRange(guessed.Confidence, 0.0, 1.0);
    }
}
