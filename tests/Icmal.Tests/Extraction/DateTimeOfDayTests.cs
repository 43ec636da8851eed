using Icmal.Model;
using System.Text;
using Icmal.Extraction;
using Icmal.Extraction.Dates;

namespace Icmal.Tests.Extraction;

/// <summary>
/// A page's dates agree when they name the same day on the publisher's calendar; the most precise of them (the one
/// with the time of day) is kept, so that the feed of a busy day is ordered by the minute.
/// </summary>
public sealed class DateTimeOfDayTests
{
    private static readonly TimeSpan Baku = TimeSpan.FromHours(4);

    private static string Page(string head, string underHeadline) => $$"""
        <!doctype html>
        <html lang="az"><head><meta charset="utf-8"><title>Yeni park açıldı şəhərin mərkəzində</title>{{head}}</head>
        <body><main><article><h1>Yeni park açıldı şəhərin mərkəzində</h1>{{underHeadline}}{{TestData.ArticleProse}}</article></main></body></html>
        """;

    [Fact]
    public void Shown_date_keeps_the_time_of_the_machine_value_on_the_same_element()
    {
        var a = TestData.Html(Page("", """<div class="date"><time datetime="2025-11-09T09:00:00+04:00">09.11.2025</time></div>"""), "https://news.example.az/xeber/123");
        Assert.Equal(new DateTimeOffset(2025, 11, 9, 9, 0, 0, Baku), a.Published);
        Assert.Equal(9, a.Published!.Value.Hour);
    }

    [Fact]
    public void Utc_machine_value_on_the_same_publisher_day_gives_the_shown_date_its_time()
    {
        // 21:30 UTC on the 8th is 01:30 on the 9th in Baku: the day the page shows.
        var a = TestData.Html(Page("", """<div class="date"><time datetime="2025-11-08T21:30:00Z">09.11.2025</time></div>"""), "https://news.example.az/xeber/123");
        Assert.Equal(new DateTimeOffset(2025, 11, 9, 1, 30, 0, Baku), a.Published);
        Assert.Equal(Baku, a.Published!.Value.Offset);
    }

    [Fact]
    public void Utc_machine_value_on_another_publisher_day_leaves_the_shown_day_without_a_time()
    {
        // 19:00 UTC on the 8th is 23:00 on the 8th in Baku: not the day shown, so its time says nothing about it.
        var a = TestData.Html(Page("", """<div class="date"><time datetime="2025-11-08T19:00:00Z">09.11.2025</time></div>"""), "https://news.example.az/xeber/123");
        Assert.Equal(new DateTimeOffset(2025, 11, 9, 0, 0, 0, Baku), a.Published);
    }

    [Fact]
    public void Published_time_in_utc_and_a_shown_date_of_the_same_publisher_day_keep_the_time()
    {
        var a = TestData.Html(Page("""<meta property="article:published_time" content="2025-11-08T21:30:00Z">""",
            """<div class="info">09.11.2025</div>"""), "https://news.example.az/xeber/123");
        Assert.Equal(new DateTimeOffset(2025, 11, 9, 1, 30, 0, Baku), a.Published);
        Assert.Equal(new DateEvidence(DateEvidenceKind.Headline), a.PublishedFrom);
    }

    [Fact]
    public void Day_only_json_ld_date_takes_the_time_of_the_publication_meta_tag_of_that_day()
    {
        var a = TestData.Html(Page("""
            <meta property="article:published_time" content="2025-11-09T09:15:00+04:00">
            <script type="application/ld+json">{"@type":"NewsArticle","headline":"Yeni park açıldı şəhərin mərkəzində","datePublished":"2025-11-09"}</script>
            """, ""), "https://news.example.az/xeber/123");
        Assert.Equal(new DateTimeOffset(2025, 11, 9, 9, 15, 0, Baku), a.Published);
    }

    [Theory]
    [InlineData("09:15 | 09.11.2025")]
    [InlineData("09:15, 9 noyabr 2025")]
    [InlineData("09.11.2025, 09:15")]
    public void Date_text_with_the_time_written_before_or_after_the_date_keeps_it(string line)
    {
        Assert.True(DateText.TryFind(line, out var d));
        Assert.Equal(new DateTimeOffset(2025, 11, 9, 9, 15, 0, Baku), d);
    }

    [Fact]
    public void Text_dump_whose_date_line_starts_with_the_time_keeps_it()
    {
        string dump = "Xəbərlər\nSiyasət\n\nYeni park açıldı şəhərin mərkəzində\n09:15 | 09.11.2025\n\n"
            + string.Concat(Enumerable.Repeat("Şəhərdə yeni park açılıb, parkda uşaqlar üçün meydança və velosiped yolu salınıb, sakinlər açılışda iştirak ediblər.\n\n", 4));
        var a = TextPageExtractor.Extract(dump);
        Assert.Equal(new DateTimeOffset(2025, 11, 9, 9, 15, 0, Baku), a.Published);
    }

    [Fact]
    public void Json_item_with_a_day_only_date_and_a_timed_field_of_that_day_keeps_the_time()
    {
        string json = """{"title":"Yeni park","text":"Şəhərdə yeni park açılıb.","date":"2025-11-09","published_at":"2025-11-09T05:15:00Z"}""";
        var (a, error) = JsonArticleReader.Read(Encoding.UTF8.GetBytes(json));
        Assert.Null(error);
        Assert.Equal(new DateTimeOffset(2025, 11, 9, 9, 15, 0, Baku), a!.Published);
    }

    [Fact]
    public void Json_item_date_in_rfc_1123_keeps_its_time_zone()
    {
        string json = """{"title":"Yeni park","text":"Şəhərdə yeni park açılıb.","pubDate":"Sun, 09 Nov 2025 05:15:00 GMT"}""";
        var (a, _) = JsonArticleReader.Read(Encoding.UTF8.GetBytes(json));
        Assert.Equal(new DateTimeOffset(2025, 11, 9, 5, 15, 0, TimeSpan.Zero), a!.Published);
    }
}
