using Icmal.Model;
using Icmal.Storage;
using Icmal.Tests.Support;

namespace Icmal.Tests.Storage;

/// <summary>The browse lists: a site's articles and a Baku day's, walked by keyset cursor to the end; a site's profile.</summary>
public sealed class ArticleBrowseTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateTimeOffset Day = new(2025, 10, 21, 0, 0, 0, TimeSpan.FromHours(4));

    private static async Task<long> AddAsync(Stores store, string text, string site, DateTimeOffset published)
    {
        byte[] raw = System.Text.Encoding.UTF8.GetBytes(text + site);
        var article = new Article
        {
            Id = 0, DocumentId = 0, Origin = text, Title = text, Site = site, Published = published, Archived = published.AddMinutes(1),
            Blocks = [new ArticleBlock(BlockKind.Paragraph, text)],
        };
        return (await store.Articles.AddAsync(new NewDocument(Hashing.Sha256Hex(raw), text, null, "text", "utf-8", raw, article.Archived), article, Ct)).ArticleId;
    }

    private static async Task<List<long>> WalkAsync(Stores store, ArticleBrowse what)
    {
        var seen = new List<long>();
        ArticleCursor? older = null;
        do
        {
            var page = await store.Articles.BrowseAsync(what, older, 2, Ct);
            Assert.InRange(page.Items.Count, 1, 2);
            seen.AddRange(page.Items.Select(a => a.Id));
            older = page.Older;
        }
        while (older is not null);
        return seen;
    }

    [Theory, ClassData(typeof(BothEngines))]
    public async Task A_sites_and_a_days_articles_are_walked_newest_first_to_the_end(DatabaseEngine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var store = await db.OpenAsync();
        long late = await AddAsync(store, "late evening", "apa.az", Day.AddHours(23.5));
        long morning = await AddAsync(store, "morning", "apa.az", Day.AddHours(8));
        long other = await AddAsync(store, "other site", "oxu.az", Day.AddHours(12));
        long copy = await AddAsync(store, "copy", "icma.az", Day.AddHours(13));
        long nextDay = await AddAsync(store, "after midnight", "apa.az", Day.AddHours(24.5));
        long before = await AddAsync(store, "the day before", "apa.az", Day.AddHours(-0.5));
        await store.Copies.LinkAsync(new CopyLink(copy, other, CopyEvidence.Credited, 0.9), Ct);

        Assert.Equal([nextDay, late, morning, before], await WalkAsync(store, new ArticleBrowse(Site: "apa.az")));
        // The Baku day from midnight to midnight, copies left to be folded under their originals.
        Assert.Equal([late, other, morning], await WalkAsync(store, new ArticleBrowse(Day: DateOnly.FromDateTime(Day.DateTime))));
        Assert.Empty((await store.Articles.BrowseAsync(new ArticleBrowse(Site: "nowhere.az"), null, 2, Ct)).Items);

        var profile = (await store.Articles.SiteProfileAsync("oxu.az", Day.AddDays(2), Ct))!;
        Assert.Equal((1, 1L, "icma.az", 1L, 0L), (profile.Articles, profile.Copied, profile.CopiedBy.Single().Site, profile.CopiedBy.Single().Count, profile.Copies));
        Assert.Equal(1, (await store.Articles.SiteProfileAsync("icma.az", Day.AddDays(2), Ct))!.Copies);
        Assert.Equal(4 / 30.0, (await store.Articles.SiteProfileAsync("apa.az", Day.AddDays(2), Ct))!.PerDay, 6);
        Assert.Null(await store.Articles.SiteProfileAsync("nowhere.az", Day, Ct));
        Assert.Equal(["apa.az", "icma.az", "oxu.az"], (await store.Articles.SitesAsync(Ct)).Select(s => s.Site));
    }

    [Theory, ClassData(typeof(BothEngines))]
    public async Task A_site_running_its_own_text_again_is_not_counted_among_those_that_republish_it(DatabaseEngine engine)
    {
        // banker.az ran one text twice, three hours apart: its page said "Other sites republished its articles 1 time",
        // listed banker.az under them and called one of its articles a copy taken from other sites.
        await using var db = await TestDatabase.CreateAsync(engine);
        var store = await db.OpenAsync();
        long first = await AddAsync(store, "AMB: vergi güzəştləri", "banker.az", Day.AddHours(13));
        long again = await AddAsync(store, "AMB: vergi güzəştləri yenə", "banker.az", Day.AddHours(16));
        long credited = await AddAsync(store, "AMB: vergi güzəştləri (icma)", "icma.az", Day.AddHours(17));
        long unsigned = await AddAsync(store, "AMB: vergi güzəştləri (çap)", "", Day.AddHours(18));
        await store.Copies.LinkAsync(new CopyLink(again, first, CopyEvidence.Credited, 0.99), Ct);
        await store.Copies.LinkAsync(new CopyLink(credited, first, CopyEvidence.Credited, 0.95), Ct);
        await store.Copies.LinkAsync(new CopyLink(unsigned, first, CopyEvidence.Credited, 0.95), Ct);

        var banker = (await store.Articles.SiteProfileAsync("banker.az", Day.AddDays(1), Ct))!;
        Assert.Equal(2, banker.Copied);
        Assert.Equal([("", 1L), ("icma.az", 1L)], banker.CopiedBy.OrderBy(c => c.Site, StringComparer.Ordinal));
        Assert.Equal(0, banker.Copies);
        Assert.Equal(1, (await store.Articles.SiteProfileAsync("icma.az", Day.AddDays(1), Ct))!.Copies);
    }
}
