using Icmal.Model;
using Icmal.Storage;
using Icmal.Tests.Support;

namespace Icmal.Tests.Storage;

public sealed class CopyStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<long> AddAsync(Stores store, string text, DateTimeOffset archived)
    {
        byte[] raw = System.Text.Encoding.UTF8.GetBytes(text);
        var article = new Article
        {
            Id = 0, DocumentId = 0, Origin = text, Title = text, Archived = archived,
            Blocks = [new ArticleBlock(BlockKind.Paragraph, text)],
        };
        return (await store.Articles.AddAsync(new NewDocument(Hashing.Sha256Hex(raw), text, null, "text", "utf-8", raw, archived), article, Ct)).ArticleId;
    }

    [Theory, ClassData(typeof(BothEngines))]
    public async Task A_copy_of_a_copy_is_linked_to_the_first_original_and_copies_follow_when_their_original_becomes_a_copy(DatabaseEngine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var store = await db.OpenAsync();
        var t = new DateTimeOffset(2025, 10, 27, 10, 0, 0, TimeSpan.Zero);
        long original = await AddAsync(store, "original", t);
        long copy = await AddAsync(store, "copy", t.AddHours(1));
        long copyOfCopy = await AddAsync(store, "copy of copy", t.AddHours(2));

        await store.Copies.LinkAsync(new CopyLink(copy, original, CopyEvidence.Credited, 0.9), Ct);
        var stored = await store.Copies.LinkAsync(new CopyLink(copyOfCopy, copy, CopyEvidence.NearCopy, 0.8), Ct);

        Assert.Equal(original, stored.OriginalId);
        Assert.Equal([copy, copyOfCopy], (await store.Copies.LinksOfAsync(original, Ct)).Copies.Select(c => c.ArticleId));
        Assert.Empty((await store.Copies.LinksOfAsync(copy, Ct)).Copies);
        Assert.Equal(CopyEvidence.Credited, (await store.Copies.LinksOfAsync(copy, Ct)).Original!.Evidence);
        Assert.Null((await store.Copies.LinksOfAsync(original, Ct)).Original);

        // An older original found later: the first original and its copies all move under it.
        long older = await AddAsync(store, "older", t.AddHours(-5));
        await store.Copies.LinkAsync(new CopyLink(original, older, CopyEvidence.SameText, 1), Ct);
        Assert.Equal([original, copy, copyOfCopy], (await store.Copies.LinksOfAsync(older, Ct)).Copies.Select(c => c.ArticleId));
        Assert.Equal(3, await store.Copies.CountAsync(Ct));
    }

    [Theory, ClassData(typeof(BothEngines))]
    public async Task A_link_that_would_make_a_loop_keeps_the_article_as_the_original(DatabaseEngine engine)
    {
        await using var db = await TestDatabase.CreateAsync(engine);
        var store = await db.OpenAsync();
        var t = new DateTimeOffset(2025, 10, 27, 10, 0, 0, TimeSpan.Zero);
        long a = await AddAsync(store, "a", t);
        long b = await AddAsync(store, "b", t.AddHours(1));
        await store.Copies.LinkAsync(new CopyLink(b, a, CopyEvidence.NearCopy, 0.9), Ct);

        var back = await store.Copies.LinkAsync(new CopyLink(a, b, CopyEvidence.NearCopy, 0.9), Ct);

        Assert.Equal(a, back.OriginalId);
        Assert.Null((await store.Copies.LinksOfAsync(a, Ct)).Original);
        Assert.Equal(1, await store.Copies.CountAsync(Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => store.Copies.LinkAsync(new CopyLink(a, a, CopyEvidence.SameText, 1), Ct));
    }
}
