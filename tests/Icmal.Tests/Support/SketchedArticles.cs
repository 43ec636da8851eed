using System.Buffers.Binary;
using System.Text;
using Icmal.Model;
using Icmal.Storage;
using Icmal.Text.Similarity;

namespace Icmal.Tests.Support;

/// <summary>Articles of one test site and sketches with chosen keys, for the copy look-up's tests.</summary>
internal static class SketchedArticles
{
    /// <summary>A sketch whose keys are <paramref name="shared"/> and then its own keys from <paramref name="own"/> up.</summary>
    public static TextSketch Sketch(uint[] shared, int own)
    {
        var hashes = shared.Concat(Enumerable.Range(0, TextSketch.Size - shared.Length).Select(i => (uint)(own + i))).ToArray();
        var bytes = new byte[hashes.Length * 4];
        for (int i = 0; i < hashes.Length; i++) BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i * 4), hashes[i]);
        return TextSketch.FromBytes(bytes, 200);
    }

    /// <summary>How many newer articles <see cref="SeedKeyedArchiveAsync"/> stores with keys 1 and 2: six fewer than a key's list holds.</summary>
    public const int Fillers = SketchStore.MaxPerKey - 6;

    /// <summary>
    /// The copy look-up's small archive: article 1 with keys 1, 2, 3, then <see cref="Fillers"/> newer ones with keys 1
    /// and 2 (so that keys 1 and 2 have nearly full lists and key 3 one id). Returns article 1's id.
    /// </summary>
    public static async Task<long> SeedKeyedArchiveAsync(Stores stores)
    {
        var ct = TestContext.Current.CancellationToken;
        long older = await StoreAsync(stores, 1);
        await stores.Sketches.AddAsync(older, Sketch([1, 2, 3], 1_000), ct);
        for (int i = 1; i <= Fillers; i++)
            await stores.Sketches.AddAsync(await StoreAsync(stores, 1 + i), Sketch([1, 2], 100_000 + i * 100), ct);
        return older;
    }

    /// <summary>Stores article <paramref name="n"/> of k.az (a text of its own, published <paramref name="n"/> minutes into the day): its id.</summary>
    public static async Task<long> StoreAsync(Stores stores, int n)
    {
        var day = new DateTimeOffset(2025, 10, 27, 0, 0, 0, TimeSpan.FromHours(4));
        var article = new Article
        {
            Id = 0, DocumentId = 0, Origin = $"k.az#{n}", Title = $"Xəbər {n}", Url = $"https://k.az/x/{n}", Site = "k.az",
            Published = day.AddMinutes(n), Archived = day.AddDays(1), Language = "az",
            Blocks = [new ArticleBlock(BlockKind.Paragraph, $"Bu {n} nömrəli sınaq xəbərinin öz mətnidir.")],
        };
        byte[] raw = Encoding.UTF8.GetBytes(article.Origin + article.Text);
        return (await stores.Articles.AddAsync(new NewDocument(Hashing.Sha256Hex(raw), article.Origin, article.Url, "text", "utf-8", raw, article.Archived),
            article, TestContext.Current.CancellationToken)).ArticleId;
    }
}
