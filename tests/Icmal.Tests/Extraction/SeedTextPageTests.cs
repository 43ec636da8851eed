using Icmal.Extraction;

namespace Icmal.Tests.Extraction;

/// <summary>The five seed pages (samples/): text dumps and a print page, with their chrome.</summary>
public sealed class SeedTextPageTests
{
    [Theory]
    [InlineData("000", "Azərbaycan-Qazaxıstan münasibətləri: Türk dünyasında sıx əməkdaşlığa doğru")]
    [InlineData("002", "Azərbaycan və Qazaxıstan qardaşlığının yeni mərhələsi")]
    [InlineData("004", "Astana görüşü və regionda yeni əməkdaşlıq dövrü")]
    public void Seed_headline_is_found(string seed, string title)
    {
        var a = TextPageExtractor.Extract(TestData.Seed(seed));
        Assert.Equal(title, a.Title);
        Assert.DoesNotContain(title, a.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Republished_seed_headline_is_the_repeated_line_and_not_the_site_menu()
    {
        var a = TextPageExtractor.Extract(TestData.Seed("003"));
        Assert.NotNull(a.Title);
        Assert.StartsWith("Qazaxıstan Azərbaycan əlaqələrinin dərinləşməsi TDT üçün bir fürsət pəncərəsidir", a.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void Opinion_piece_without_headline_has_no_invented_title_and_keeps_its_signature()
    {
        var a = TextPageExtractor.Extract(TestData.Seed("001"));
        Assert.Null(a.Title);
        Assert.Equal(["İsmayıl Nağızadə"], a.Authors);
        Assert.Contains("Kassym‑Jomart", a.Text, StringComparison.Ordinal);
        Assert.Contains(a.Blocks, b => b.Kind == Model.BlockKind.ListItem);
    }

    [Theory]
    [InlineData("000", "Analitik qrup")]
    [InlineData("002", "Avtandil Məmmədəv")]
    [InlineData("004", "İlqar İlyasov")]
    public void Seed_author_is_found(string seed, string author)
    {
        var a = TextPageExtractor.Extract(TestData.Seed(seed));
        Assert.Contains(author, a.Authors);
    }

    [Theory]
    [InlineData("002", "Bənzər Xəbərlər")]
    [InlineData("002", "Müzakirə qapadılmışdır")]
    [InlineData("002", "Kateqoriyalar")]
    [InlineData("003", "close")]
    [InlineData("004", "21 Yanvar 11:29")]
    [InlineData("004", "Gündəm")]
    public void Sidebar_and_menu_text_stays_out_of_the_body(string seed, string chrome)
    {
        var a = TextPageExtractor.Extract(TestData.Seed(seed));
        foreach (var b in a.Blocks) Assert.NotEqual(chrome, b.Text);
        Assert.DoesNotContain("\n\n" + chrome + "\n\n", "\n\n" + a.Text + "\n\n", StringComparison.Ordinal);
    }

    [Fact]
    public void Most_read_sidebar_of_the_aggregator_copy_is_not_in_the_article()
    {
        string seed = TestData.Seed("003");
        var a = TextPageExtractor.Extract(seed);
        Assert.Contains("Şəbnəm Həsənova", a.Text, StringComparison.Ordinal);
        // The last paragraph of the interview ends the body: nothing from the January 2026 sidebar after it.
        Assert.EndsWith("bundan faydalanmaq baxımından lazımdır\".", a.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Aggregator_copy_credits_its_original_and_keeps_the_archive_time()
    {
        var a = TextPageExtractor.Extract(TestData.Seed("003"));
        Assert.NotNull(a.Original);
        Assert.Equal("Sherg.az", a.Original!.Name);
        Assert.Equal("https://sherg.az", a.Original.Url);
        Assert.DoesNotContain("portalına istinadən", a.Text, StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2025, 10, 20, 14, 2, 0, TimeSpan.FromHours(4)), a.Published);
    }

    [Fact]
    public void Bracketed_date_and_time_is_the_publication_time()
    {
        var a = TextPageExtractor.Extract(TestData.Seed("004"));
        Assert.Equal(new DateTimeOffset(2025, 10, 27, 14, 37, 0, TimeSpan.FromHours(4)), a.Published);
    }

    [Fact]
    public void Print_page_words_broken_across_lines_and_columns_are_joined()
    {
        var a = TextPageExtractor.Extract(TestData.Seed("000"));
        Assert.Contains("əməkdaşlığı dərinləşdirməsinin bariz nümunəsidir", a.Text, StringComparison.Ordinal);
        Assert.Contains("İlham Əliyev üçün məsuliyyətdə", a.Text, StringComparison.Ordinal);
        Assert.Contains("Bu layihə regional oyunçudan", a.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("dərinləşdir-", a.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Əli-", a.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(" re-", a.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Print_page_keeps_real_hyphens()
    {
        var a = TextPageExtractor.Extract(TestData.Seed("000"));
        Assert.Contains("Azərbaycan-Qazaxıstan arasında", a.Text, StringComparison.Ordinal);
        Assert.Contains("Kasım-Jomart Tokayev", a.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void View_counter_under_the_headline_is_not_text()
    {
        var a = TextPageExtractor.Extract(TestData.Seed("002"));
        Assert.DoesNotContain(a.Blocks, b => b.Text == "264");
        Assert.Equal("sumqayitxeber.com", a.Site);
    }

    [Fact]
    public void Sentences_glued_by_the_copy_get_their_space_back()
    {
        var a = TextPageExtractor.Extract(TestData.Seed("002"));
        Assert.Contains("çevrildi. Qazaxıstanın", a.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("çevrildi.Qazaxıstanın", a.Text, StringComparison.Ordinal);
    }
}
