using Icmal.Model;
using Icmal.Extraction;
using Icmal.Extraction.Dates;

namespace Icmal.Tests.Extraction;

/// <summary>Relative dates ("Bu gün, 14:37", "2 saat əvvəl") read against the fetch time, on the publisher's calendar.</summary>
public sealed class RelativeDateTests
{
    /// <summary>14:40 in Baku on 27 October 2025.</summary>
    private static readonly DateTimeOffset Fetched = new(2025, 10, 27, 10, 40, 0, TimeSpan.Zero);

    private static DateTimeOffset? Read(string line, DateTimeOffset? fetched = null, TimeZoneInfo? zone = null) =>
        RelativeDate.TryRead(line, fetched ?? Fetched, zone, out var value, out _) ? value : null;

    private static DateTimeOffset Baku(int month, int day, int hour, int minute) => new(2025, month, day, hour, minute, 0, TimeSpan.FromHours(4));

    [Theory]
    [InlineData("Bu gün, 14:37")]
    [InlineData("Bugün 14:37")]
    [InlineData("bu gün saat 14:37")]
    [InlineData("Сегодня в 14:37")]
    [InlineData("Сегодня, 14:37")]
    [InlineData("Today at 14:37")]
    [InlineData("14:37, Bu gün")]
    [InlineData("Siyasət | Bu gün, 14:37 | 1 245 baxış")]
    public void Today_with_a_time_is_that_time_today(string line) =>
        Assert.Equal(Baku(10, 27, 14, 37), Read(line));

    [Theory]
    [InlineData("Dünən, 18:02")]
    [InlineData("Dün 18:02")]
    [InlineData("Вчера в 18:02")]
    [InlineData("Yesterday 18:02")]
    [InlineData("18:02 | Dünən")]
    public void Yesterday_with_a_time_is_that_time_the_day_before(string line) =>
        Assert.Equal(Baku(10, 26, 18, 2), Read(line));

    [Fact]
    public void The_day_before_yesterday_is_two_days_back() =>
        Assert.Equal(Baku(10, 25, 9, 5), Read("Srağagün, 09:05"));

    [Fact]
    public void Today_is_the_publishers_today_not_the_crawlers()
    {
        // 21:30 UTC on the 27th is 01:30 on the 28th in Baku: "today" there is the 28th.
        var lateUtc = new DateTimeOffset(2025, 10, 27, 21, 30, 0, TimeSpan.Zero);
        Assert.Equal(Baku(10, 28, 1, 10), Read("Bu gün, 01:10", lateUtc));
        // On a Moscow page the same moment is 00:30 on the 28th.
        var moscow = TimeZoneInfo.FindSystemTimeZoneById("Europe/Moscow");
        Assert.Equal(new DateTimeOffset(2025, 10, 28, 0, 10, 0, TimeSpan.FromHours(3)), Read("Сегодня, 00:10", lateUtc, moscow));
    }

    [Theory]
    [InlineData("2 saat əvvəl", 120)]
    [InlineData("35 dəqiqə əvvəl", 35)]
    [InlineData("5 dakika önce", 5)]
    [InlineData("3 saat önce", 180)]
    [InlineData("3 часа назад", 180)]
    [InlineData("15 минут назад", 15)]
    [InlineData("час назад", 60)]
    [InlineData("an hour ago", 60)]
    [InlineData("45 minutes ago", 45)]
    [InlineData("Bir saat əvvəl", 60)]
    public void Minutes_and_hours_ago_count_back_from_the_fetch(string line, int minutes) =>
        Assert.Equal(Fetched.AddMinutes(-minutes), Read(line));

    [Theory]
    [InlineData("3 gün əvvəl")]
    [InlineData("3 gün önce")]
    [InlineData("3 дня назад")]
    [InlineData("3 days ago")]
    public void Days_ago_name_a_day_not_a_moment(string line) =>
        Assert.Equal(Baku(10, 24, 0, 0), Read(line));

    [Theory]
    [InlineData("Bu gün Azərbaycan Avropanın əsas enerji tərəfdaşlarından birinə çevrilib.")] // prose
    [InlineData("Bu gün saat 15:00-da görüş keçiriləcək")]                                // an event, with a case ending
    [InlineData("Bu gün, 18:30")]                                                          // later than the fetch: a schedule
    [InlineData("2 həftə əvvəl")]                                                          // too coarse to name a day
    [InlineData("3 months ago")]
    [InlineData("bir neçə gün əvvəl")]                                                    // "a few days ago"
    [InlineData("Bu gün")]                                                                 // a tab of a most-read box
    [InlineData("40 gün əvvəl")]
    [InlineData("Bu gün, ٤:30")]                                                            // digits of another script
    [InlineData("٣ saat əvvəl")]
    public void What_names_no_day_is_not_read(string line) => Assert.Null(Read(line));

    [Fact]
    public void A_text_dumps_relative_date_line_before_the_body_is_read_when_the_fetch_time_is_known()
    {
        string dump = """
            Ana səhifə | Siyasət | İqtisadiyyat
            Yeni park şəhərin mərkəzində açıldı
            Dünən, 18:02
            Şəhərdə yeni park açılıb. Parkda uşaqlar üçün meydança, velosiped yolu və kitabxana var, sakinlər açılışda iştirak ediblər.
            İcra hakimiyyəti bildirib ki, gələn il şəhərin digər rayonlarında da belə parklar salınacaq, layihəyə yerli sakinlər də cəlb olunacaq.
            Parkın salınmasına bir il vaxt sərf olunub, ərazidə min ağac əkilib və yeni işıqlandırma sistemi quraşdırılıb, yollar təmir edilib.
            """;
        var fetched = TextPageExtractor.Extract(dump, Fetched);
        Assert.Equal(Baku(10, 26, 18, 2), fetched.Published);
        Assert.Equal(new DateEvidence(DateEvidenceKind.Relative, "before-text"), fetched.PublishedFrom);
        Assert.Null(TextPageExtractor.Extract(dump).Published);
    }
}
