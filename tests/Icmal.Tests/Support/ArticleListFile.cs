using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace Icmal.Tests.Support;

/// <summary>Writes generated JSON article lists of any size, streamed to disk, for the import tests.</summary>
public static class ArticleListFile
{
    private static readonly string[] Sentences =
    [
        "Bakıda yeni metro stansiyasının tikintisi davam edir və sərnişinlər üçün xidmət gələn il başlayacaq.",
        "Nazirlər Kabinetinin iclasında regionların sosial-iqtisadi inkişafı ilə bağlı məsələlər müzakirə olunub.",
        "Azərbaycan və Qazaxıstan arasında ticarət dövriyyəsi ötən ilin eyni dövrü ilə müqayisədə artıb.",
        "Hava proqnozuna görə, sabah paytaxtda küləkli hava şəraiti gözlənilir, temperatur bir qədər enəcək.",
    ];

    /// <summary>One article object with about <paramref name="textChars"/> characters of unique text.</summary>
    public static string Article(int i, int textChars)
    {
        var text = new StringBuilder(textChars + 200);
        text.Append("Xəbər nömrəsi ").Append(i).Append(". ");
        for (int k = 0; text.Length < textChars; k++) text.Append(Sentences[(i + k) % Sentences.Length]).Append(k % 5 == 4 ? "\n\n" : " ");
        var minutes = TimeSpan.FromMinutes(i);
        return JsonSerializer.Serialize(new
        {
            title = $"Xəbər {i}: yeni layihə",
            text = text.ToString(),
            url = $"https://example.az/news/{i}",
            published = new DateTimeOffset(2025, 1, 1, 8, 0, 0, TimeSpan.FromHours(4)).Add(minutes).ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            site = "example.az",
        });
    }

    /// <summary>Writes a top-level array of <paramref name="count"/> articles; returns the file's size in bytes.</summary>
    public static async Task<long> WriteAsync(string path, int count, int textChars, CancellationToken ct)
    {
        await using var file = File.Create(path);
        Stream output = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionLevel.Fastest) : file;
        await using (output)
        {
            await using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16);
            await writer.WriteAsync("[\n");
            for (int i = 0; i < count; i++)
            {
                await writer.WriteAsync(Article(i, textChars).AsMemory(), ct);
                await writer.WriteAsync(i + 1 < count ? ",\n" : "\n]\n");
            }
        }
        return new FileInfo(path).Length;
    }
}
