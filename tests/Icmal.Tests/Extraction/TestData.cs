using Icmal.Extraction;
using Icmal.Evaluation;
using Icmal.Model;
using Icmal.Ingest;

namespace Icmal.Tests.Extraction;

/// <summary>Where the seeds and the shared evaluation sets are, found by walking up from the test's folder.</summary>
internal static class TestData
{
    /// <summary>Three paragraphs of Azerbaijani news prose: enough main text for the extractor to find an article.</summary>
    public const string ArticleProse = """
        <p>Şəhərdə yeni park açılıb. Parkda uşaqlar üçün meydança, velosiped yolu və kitabxana var, sakinlər açılışda iştirak ediblər.</p>
        <p>İcra hakimiyyəti bildirib ki, gələn il şəhərin digər rayonlarında da belə parklar salınacaq, layihəyə yerli sakinlər də cəlb olunacaq.</p>
        <p>Parkın salınmasına bir il vaxt sərf olunub, ərazidə min ağac əkilib və yeni işıqlandırma sistemi quraşdırılıb, yollar təmir edilib.</p>
        """;

    public static string SamplesDir()
    {
        foreach (string start in (string[])[AppContext.BaseDirectory, Directory.GetCurrentDirectory()])
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "samples");
                if (Directory.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "Icmal.slnx"))) return candidate;
            }
        }
        throw new DirectoryNotFoundException("samples/ beside Icmal.slnx not found");
    }

    public static string Seed(string prefix) =>
        File.ReadAllText(Directory.GetFiles(SamplesDir(), prefix + "_*.txt").Single());

    /// <summary>shared/data/&lt;relative&gt;, or a skipped test when the data sets are not beside the repository.</summary>
    public static string SharedOrSkip(string relative)
    {
        string? dir = Icmal.Evaluation.SharedDataFolder.Find(relative);
        if (dir is null) Assert.Skip($"shared/data/{relative} is not beside the repository");
        return dir;
    }

    /// <summary>Runs bytes through the import path's decode and extract, as `icmal import` does.</summary>
    public static (ExtractedArticle? Article, string? Error) Extract(byte[] bytes, DocumentFormat format, string? url = null)
    {
        Uri? u = url is null ? null : new Uri(url);
        var (article, _, error, _, _) = DocumentReader.Read(new IncomingDocument("test", format, bytes, DateTimeOffset.UtcNow, u));
        return (article, error);
    }

    public static ExtractedArticle Html(string html, string? url = null)
    {
        var (article, error) = Extract(System.Text.Encoding.UTF8.GetBytes(html), DocumentFormat.Html, url);
        Assert.Null(error);
        return article!;
    }
}
