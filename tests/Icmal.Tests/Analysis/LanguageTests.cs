using Icmal.Analysis;

namespace Icmal.Tests.Analysis;

public sealed class LanguageTests
{
    private const string Azerbaijani = "Azərbaycan Prezidenti İlham Əliyev oktyabrın 20-də Qazaxıstana dövlət səfərinə gedib, iki ölkə arasında sənədlər imzalanıb.";

    [Fact]
    public void Azerbaijani_text_under_a_template_that_declares_english_is_azerbaijani() =>
        Assert.Equal("az", ArticleAnalyzer.IdentifyLanguage("Astana görüşü", Azerbaijani, declared: "en"));

    [Fact]
    public void A_declared_language_the_model_does_not_know_is_kept() =>
        Assert.Equal("de", ArticleAnalyzer.IdentifyLanguage("Wetter", "Morgen wird es in Berlin regnen und kühler werden, sagt der Wetterdienst.", declared: "de"));

    [Fact]
    public void Undeclared_russian_text_is_identified_as_russian() =>
        Assert.Equal("ru", ArticleAnalyzer.IdentifyLanguage("", "Президент Азербайджана Ильхам Алиев прибыл в Астану с государственным визитом.", declared: null));

    [Fact]
    public void A_headline_is_made_from_the_first_sentence_and_cut_at_a_word()
    {
        var blocks = new[] { new Icmal.Model.ArticleBlock(Icmal.Model.BlockKind.Paragraph, string.Concat(Enumerable.Repeat("Azərbaycan və Qazaxıstan əməkdaşlığı ", 6)) + "genişlənir. İkinci cümlə.") };
        string title = ArticleAnalyzer.DeriveTitle(blocks);
        Assert.EndsWith("…", title, StringComparison.Ordinal);
        Assert.True(title.Length <= 111);
        Assert.DoesNotContain("İkinci", title, StringComparison.Ordinal);
        Assert.True(char.IsLetter(title[^2]));
    }
}
