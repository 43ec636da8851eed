using Icmal.Text.Entities;

namespace Icmal.Text.Tests.Entities;

/// <summary>Direct quotes and reported speech in real sentences, each with its speaker linked to an entity.</summary>
public sealed class QuoteFinderTests
{
    private static string Seed(string prefix) =>
        File.ReadAllText(Directory.GetFiles(Path.Combine(TestPaths.Repository(), "samples"), prefix + "_*.txt").Single());

    private static List<Quote> Quotes(string text) => QuoteFinder.Find(text, EntityLinker.FindEntities(text));

    [Fact]
    public void Hasanovas_interview_quote_is_attributed_to_her_not_to_the_presidents_she_names()
    {
        string text = Seed("003");
        var quotes = Quotes(text);
        var direct = quotes.Where(q => q.Form == QuoteForm.Direct && q.Text.StartsWith("Hər şeydən öncə", StringComparison.Ordinal)).ToList();
        var quote = Assert.Single(direct);
        Assert.NotNull(quote.Speaker);
        Assert.EndsWith("Həsənova", quote.Speaker!.Name, StringComparison.Ordinal);
        var reported = Assert.Single(quotes, q => q.Form == QuoteForm.Reported && q.Text.StartsWith("son zamanlarda", StringComparison.Ordinal));
        Assert.EndsWith("Həsənova", reported.Speaker!.Name, StringComparison.Ordinal);
        foreach (var q in quotes) Assert.Equal(q.Text, text.Substring(q.Start, q.Length));
    }

    [Fact]
    public void Reported_speech_with_ki_and_with_a_colon()
    {
        var q = Assert.Single(Quotes("Prezident İlham Əliyev bildirib ki, Azərbaycan və Qazaxıstan arasında əlaqələr yeni mərhələyə qədəm qoyur."));
        Assert.Equal(QuoteForm.Reported, q.Form);
        Assert.Equal("İlham Əliyev", q.Speaker?.Name);
        Assert.StartsWith("Azərbaycan və Qazaxıstan", q.Text, StringComparison.Ordinal);

        var colon = Assert.Single(Quotes("Kasım-Jomart Tokayev vurğuladı ki, iki ölkə arasında ticarət dövriyyəsi artacaq."));
        Assert.Equal("Kasım-Jomart Tokayev", colon.Speaker?.Name);
    }

    [Fact]
    public void A_direct_quote_in_guillemets_followed_by_deye()
    {
        var q = Assert.Single(Quotes("«Bu səfər iki ölkə münasibətlərində yeni səhifə açır», – deyə İlham Əliyev bildirib."));
        Assert.Equal(QuoteForm.Direct, q.Form);
        Assert.Equal("İlham Əliyev", q.Speaker?.Name);
    }

    [Fact]
    public void A_quoted_name_is_no_quote()
    {
        Assert.Empty(Quotes("Görüşdə «Azərenerji» ASC-nin nümayəndələri iştirak edib."));
    }

    [Fact]
    public void Russian_and_English_reported_speech()
    {
        var ru = Assert.Single(Quotes("По словам Токаева, сотрудничество двух стран выходит на новый уровень."));
        Assert.Equal("Kasım-Jomart Tokayev", ru.Speaker?.Name);
        var en = Assert.Single(Quotes("President Ilham Aliyev said that the two countries would double their trade."));
        Assert.Equal("İlham Əliyev", en.Speaker?.Name);
    }
}
