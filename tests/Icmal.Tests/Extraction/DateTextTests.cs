using Icmal.Extraction;
using Icmal.Extraction.Dates;

namespace Icmal.Tests.Extraction;

public sealed class DateTextTests
{
    [Theory]
    [InlineData("27.10.2025 [14:37]", 2025, 10, 27, 14, 37)]
    [InlineData("20 Oktyabr 2025 14:02", 2025, 10, 20, 14, 2)]
    [InlineData("21 oktyabr 2025-ci il", 2025, 10, 21, 0, 0)]
    [InlineData("2024-cü il 11 mart", 2024, 3, 11, 0, 0)]
    [InlineData("21 октября 2025", 2025, 10, 21, 0, 0)]
    [InlineData("18. Oktober 2019, 10:15 Uhr", 2019, 10, 18, 10, 15)]
    [InlineData("October 18, 2019", 2019, 10, 18, 0, 0)]
    [InlineData("18 października 2019", 2019, 10, 18, 0, 0)]
    [InlineData("5 iyul 2024", 2024, 7, 5, 0, 0)]
    [InlineData("5 iyun 2024", 2024, 6, 5, 0, 0)]
    [InlineData("12 Kasım 2023 Pazar", 2023, 11, 12, 0, 0)]
    [InlineData("2019年10月18日", 2019, 10, 18, 0, 0)]
    [InlineData("Yenilənib: 2025-10-21 09:30", 2025, 10, 21, 9, 30)]
    public void Reads_dates_as_pages_write_them(string text, int y, int mo, int d, int h, int mi)
    {
        Assert.True(DateText.TryFind(text, out var value), text);
        Assert.Equal(new DateTime(y, mo, d, h, mi, 0), value.DateTime);
    }

    [Fact]
    public void Genitive_day_without_year_needs_a_known_year()
    {
        Assert.False(DateText.TryFind("Prezident oktyabrın 21-də Astanada olub", out _));
        Assert.True(DateText.TryFind("Prezident oktyabrın 21-də Astanada olub", monthFirst: false, defaultYear: 2025, out var v));
        Assert.Equal(new DateTime(2025, 10, 21), v.DateTime);
    }

    [Fact]
    public void Iso_offset_is_kept()
    {
        Assert.True(DateText.TryParseMachine("2019-10-18T23:30:00-04:00", out var v));
        Assert.Equal(TimeSpan.FromHours(-4), v.Offset);
        Assert.Equal(18, v.Day);
    }

    [Theory]
    [InlineData("Qiyməti 12.500 manat")]
    [InlineData("99 problem 2019-da")]
    [InlineData("31.02.2024")]
    [InlineData("")]
    public void Rejects_what_is_not_a_date(string text) => Assert.False(DateText.TryFind(text, out _));

    [Fact]
    public void American_pages_read_slashes_month_first()
    {
        Assert.True(DateText.TryFind("10/08/2019", monthFirst: true, null, out var us));
        Assert.Equal(new DateTime(2019, 10, 8), us.DateTime);
        Assert.True(DateText.TryFind("10/08/2019", out var eu));
        Assert.Equal(new DateTime(2019, 8, 10), eu.DateTime);
    }
}
