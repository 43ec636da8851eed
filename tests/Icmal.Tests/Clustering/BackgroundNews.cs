using Icmal.Analysis;
using Icmal.Clustering;

namespace Icmal.Tests.Clustering;

/// <summary>Unrelated Azerbaijani news for a clusterer to have seen, so that the names of the reports under test are rare in the archive.</summary>
internal static class BackgroundNews
{
    /// <summary>Forty short reports on ten everyday subjects, a minute apart, the newest at <paramref name="at"/>.</summary>
    public static IEnumerable<ClusterInput> Before(DateTimeOffset at)
    {
        string[] topics = ["yağış", "neft", "futbol", "teatr", "metro", "buğda", "turizm", "səhiyyə", "poçt", "avtobus"];
        for (int i = 0; i < 40; i++)
        {
            string topic = topics[i % topics.Length];
            yield return new ClusterInput(1000 + i, ArticleAnalyzer.Terms($"{topic} sahəsində {i} yenilik", $"Bu gün {topic} sahəsində {i + 10} nömrəli yenilik barədə məlumat verilib.", "az"), at.AddMinutes(-i));
        }
    }
}
