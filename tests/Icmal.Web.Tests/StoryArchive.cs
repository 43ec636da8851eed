using Icmal.Model;
using Icmal.Storage;

namespace Icmal.Web.Tests;

/// <summary>
/// A small archive of stories over two Baku days, with one republication linked to its original through the real
/// <see cref="CopyStore"/>: the visit (sherg.az's report, icma.az's credited copy, apa.az's own text on 21 October and
/// a report.az follow-up on the 22nd), the budget (apa.az alone) and the weather (trend.az and oxu.az), both on the 22nd.
/// </summary>
public sealed record StoryArchive(long Visit, long Budget, long Weather, long Original, long Copy, long Apa, long FollowUp)
{
    public static readonly DateTimeOffset Oct21 = new(2025, 10, 21, 0, 0, 0, TimeSpan.FromHours(4));

    public static async Task<StoryArchive> FillAsync(Stores store)
    {
        ArgumentNullException.ThrowIfNull(store);
        long original = await AddAsync(store, "Prezident Astanada sammitdə iştirak edib", "sherg.az", Oct21.AddHours(9), null);
        long visit = (await store.Articles.GetAsync(original, CancellationToken.None))!.StoryId!.Value;
        long copy = await AddAsync(store, "Prezident Astanada", "icma.az", Oct21.AddHours(10), visit);
        await store.Copies.LinkAsync(new CopyLink(copy, original, CopyEvidence.Credited, 0.93), CancellationToken.None);
        long apa = await AddAsync(store, "Astana sammiti başa çatıb", "apa.az", Oct21.AddHours(11), visit);
        long followUp = await AddAsync(store, "Astana sammitinin nəticələri", "report.az", Oct21.AddHours(32), visit);
        long budgetArticle = await AddAsync(store, "Büdcə layihəsi Milli Məclisdə", "apa.az", Oct21.AddHours(30), null);
        long weatherArticle = await AddAsync(store, "Sabah yağış yağacaq", "trend.az", Oct21.AddHours(34), null);
        long weather = (await store.Articles.GetAsync(weatherArticle, CancellationToken.None))!.StoryId!.Value;
        await AddAsync(store, "Bakıda yağış gözlənilir", "oxu.az", Oct21.AddHours(35), weather);
        long budget = (await store.Articles.GetAsync(budgetArticle, CancellationToken.None))!.StoryId!.Value;
        return new StoryArchive(visit, budget, weather, original, copy, apa, followUp);
    }

    private static async Task<long> AddAsync(Stores store, string title, string site, DateTimeOffset published, long? story)
    {
        byte[] raw = System.Text.Encoding.UTF8.GetBytes(title + " " + site);
        var article = new Article
        {
            Id = 0, DocumentId = 0, Origin = "https://" + site + "/" + raw.Length, Url = "https://" + site + "/xeber/" + raw.Length, Title = title, Site = site,
            Published = published, Archived = published.AddMinutes(3),
            Blocks = [new ArticleBlock(BlockKind.Paragraph, title + ": ətraflı məlumat.")],
        };
        long id = (await store.Articles.AddAsync(new NewDocument(Icmal.Storage.Hashing.Sha256Hex(raw), article.Origin, article.Url, "html", "utf-8", raw, article.Archived),
            article, CancellationToken.None)).ArticleId;
        await store.Stories.AssignAsync(id, story, title, published, CancellationToken.None);
        return id;
    }
}
