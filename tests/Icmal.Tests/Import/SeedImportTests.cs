using Icmal.Model;
using Icmal.Storage;
using Icmal.Tests.Support;

namespace Icmal.Tests.Import;

/// <summary>The five seed pages: one event, five outlets, all the noise real pages carry.</summary>
public sealed class SeedImportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Text that belongs to the pages' chrome (sidebars, feeds, comment prompts), never to an article.</summary>
    public static readonly string[] SidebarText =
    [
        "Həmzət Çimayev", "Xamaneyini", "Mayorka", "see266", "Günün ən çox oxunanları", "Daxil olun", "0 Şərh",
        "Xəbər lenti", "21 Yanvar 11:29", "Hamısına bax", "YAP xəbərləri", "Kateqoriyalar", "Etiketlər",
        "Müzakirə qapadılmışdır", "Bənzər Xəbərlər", "Baxış sayı", "arxivləşdirilmişdir", "close", "Son xəbərlər",
        "Günün ən son və aktual hadisələri",
    ];

    [Fact]
    public async Task Importing_the_five_seeds_stores_five_articles()
    {
        await using var h = await ImportHarness.CreateAsync();
        var outcomes = await h.ImportAsync(TestPaths.Samples);

        Assert.Equal(5, outcomes.Count(o => o.Status == IngestStatus.Stored));
        Assert.DoesNotContain(outcomes, o => o.Status == IngestStatus.Rejected);
        Assert.Equal(5, await h.Store.Articles.CountAsync(Ct));
    }

    [Fact]
    public async Task Importing_the_seeds_again_adds_nothing()
    {
        await using var h = await ImportHarness.CreateAsync();
        await h.ImportAsync(TestPaths.Samples);
        var second = await h.ImportAsync(TestPaths.Samples);

        Assert.All(second, o => Assert.Equal(IngestStatus.AlreadyPresent, o.Status));
        Assert.Equal(5, second.Count);
        Assert.Equal(5, await h.Store.Articles.CountAsync(Ct));
    }

    [Fact]
    public async Task Seed_articles_get_their_real_headlines()
    {
        await using var h = await ImportHarness.CreateAsync();
        await h.ImportAsync(TestPaths.Samples);
        var byOrigin = await ArticlesByPrefixAsync(h.Store);

        Assert.Equal("Azərbaycan-Qazaxıstan münasibətləri: Türk dünyasında sıx əməkdaşlığa doğru", byOrigin["000"].Title);
        Assert.Equal("Azərbaycan və Qazaxıstan qardaşlığının yeni mərhələsi", byOrigin["002"].Title);
        Assert.StartsWith("Qazaxıstan Azərbaycan əlaqələrinin dərinləşməsi TDT üçün bir fürsət pəncərəsidir", byOrigin["003"].Title, StringComparison.Ordinal);
        Assert.Equal("Astana görüşü və regionda yeni əməkdaşlıq dövrü", byOrigin["004"].Title);
        Assert.False(byOrigin["004"].TitleDerived);
    }

    [Fact]
    public async Task A_seed_without_a_headline_gets_a_short_one_naming_who_said_what()
    {
        await using var h = await ImportHarness.CreateAsync();
        await h.ImportAsync(TestPaths.Samples);
        var a = (await ArticlesByPrefixAsync(h.Store))["001"];

        Assert.True(a.TitleDerived);
        Assert.StartsWith("İlham Əliyev: Qazaxıstan", a.Title, StringComparison.Ordinal);
        Assert.EndsWith("keçməkdədir", a.Title, StringComparison.Ordinal);
        Assert.InRange(a.Title.Length, 20, Icmal.Analysis.DerivedHeadline.MaxLength);
    }

    [Fact]
    public async Task Seeds_have_four_real_headlines_one_derived_and_no_section_name_in_a_title()
    {
        await using var h = await ImportHarness.CreateAsync();
        await h.ImportAsync(TestPaths.Samples);
        var byOrigin = await ArticlesByPrefixAsync(h.Store);

        Assert.Equal(["001"], byOrigin.Where(kv => kv.Value.TitleDerived).Select(kv => kv.Key));
        Assert.Equal("Qazaxıstan Azərbaycan əlaqələrinin dərinləşməsi TDT üçün bir fürsət pəncərəsidir", byOrigin["003"].Title);
        Assert.Equal("Analitik", byOrigin["003"].Section);
        foreach (var (prefix, article) in byOrigin)
        {
            Assert.Null(Icmal.Extraction.HeadlineSection.Split(article.Title, []).Section);
            Assert.DoesNotContain("…", article.Title, StringComparison.Ordinal);
            Assert.True(article.Title.Length <= 100, $"{prefix}: title of {article.Title.Length} characters");
        }
    }

    [Fact]
    public async Task Seed_bodies_carry_no_sidebar_menu_or_comment_text()
    {
        await using var h = await ImportHarness.CreateAsync();
        await h.ImportAsync(TestPaths.Samples);
        foreach (var (prefix, article) in await ArticlesByPrefixAsync(h.Store))
        {
            foreach (string chrome in SidebarText)
                Assert.False(article.Text.Contains(chrome, StringComparison.Ordinal), $"{prefix}: body contains chrome text '{chrome}'");
            Assert.True(article.Text.Length > 1500, $"{prefix}: body is only {article.Text.Length} characters");
        }
    }

    [Fact]
    public async Task Seed_bylines_dates_and_credits_are_read()
    {
        await using var h = await ImportHarness.CreateAsync();
        await h.ImportAsync(TestPaths.Samples);
        var a = await ArticlesByPrefixAsync(h.Store);

        Assert.Equal(["İsmayıl Nağızadə"], a["001"].Authors);
        Assert.Equal(["Avtandil Məmmədəv"], a["002"].Authors);
        Assert.Equal(["İlqar İlyasov"], a["004"].Authors);
        Assert.Equal(new DateTimeOffset(2025, 10, 27, 14, 37, 0, TimeSpan.FromHours(4)), a["004"].Published);
        Assert.Equal("sumqayitxeber.com", a["002"].Site);

        var republished = a["003"];
        Assert.NotNull(republished.Original);
        Assert.Equal("Sherg.az", republished.Original!.Name);
        Assert.Equal("https://sherg.az", republished.Original.Url);
        Assert.Equal(new DateTimeOffset(2025, 10, 20, 14, 2, 0, TimeSpan.FromHours(4)), republished.Published);
        Assert.Equal("az", republished.Language);
    }

    [Fact]
    public async Task The_raw_bytes_of_each_seed_are_archived_unchanged()
    {
        await using var h = await ImportHarness.CreateAsync();
        await h.ImportAsync(TestPaths.Samples);
        foreach (var (prefix, article) in await ArticlesByPrefixAsync(h.Store))
        {
            byte[]? raw = await h.Store.Articles.GetRawDocumentAsync(article.DocumentId, Ct);
            Assert.Equal(await File.ReadAllBytesAsync(TestPaths.Sample(prefix), Ct), raw);
        }
    }

    private static async Task<Dictionary<string, Article>> ArticlesByPrefixAsync(Stores store)
    {
        var all = await store.Articles.ListAsync(new ArticleQuery(100), Ct);
        return all.ToDictionary(a => Path.GetFileName(a.Origin)[..3], StringComparer.Ordinal);
    }
}
