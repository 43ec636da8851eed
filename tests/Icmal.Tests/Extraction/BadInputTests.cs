using System.Text;
using Icmal.Decoding;
using Icmal.Model;

namespace Icmal.Tests.Extraction;

/// <summary>Hostile and broken input: every case ends in an article or one clear error, never an exception.</summary>
public sealed class BadInputTests
{
    private const string Para = "Azərbaycan və Qazaxıstan arasında strateji tərəfdaşlıq münasibətləri yeni mərhələyə qədəm qoyub, ticarət dövriyyəsi artır.";

    [Fact]
    public void Malformed_markup_still_gives_the_text()
    {
        string html = "<html><body><div><p>" + Para + "<p><b><i>" + Para.Replace("strateji", "siyasi", StringComparison.Ordinal) + "</b></i><div></span></table><p>" + Para.Replace("yeni", "növbəti", StringComparison.Ordinal);
        var (a, error) = TestData.Extract(Encoding.UTF8.GetBytes(html), DocumentFormat.Html);
        Assert.Null(error);
        Assert.Contains("növbəti mərhələyə", a!.Text, StringComparison.Ordinal);
        Assert.Contains("siyasi tərəfdaşlıq", a.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Windows_1251_page_without_a_declared_charset_is_read_as_cyrillic()
    {
        const string ru = "Президент Азербайджана Ильхам Алиев 20 октября прибыл с государственным визитом в Казахстан, где провёл переговоры.";
        byte[] bytes = Encodings.ForCodePage(1251).GetBytes("<html><body><article><p>" + ru + "</p><p>" + ru + " Повтор.</p></article></body></html>");
        var (a, error) = TestData.Extract(bytes, DocumentFormat.Html);
        Assert.Null(error);
        Assert.Contains("Ильхам Алиев", a!.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Page_resaved_as_utf8_is_read_as_utf8_despite_its_old_charset_line()
    {
        const string ko = "코로나19 극복을 위한 특별모금이 이어지고 있다. 세종시 사회복지공동모금회는 4일 시청 접견실에서 성금을 전달했다.";
        byte[] bytes = Encoding.UTF8.GetBytes("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=euc-kr\"></head><body><p>" + ko + "</p><p>" + ko + "</p></body></html>");
        var (a, error) = TestData.Extract(bytes, DocumentFormat.Html);
        Assert.Null(error);
        Assert.Contains("특별모금이", a!.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Utf8_page_with_one_broken_byte_stays_utf8()
    {
        const string pl = "Sprzeciw wobec ataków na fundację: posłowie zagłosowali, a społeczność wyraziła swoje zdanie w tej sprawie.";
        var bytes = new List<byte>(Encoding.UTF8.GetBytes("<html><head><meta charset=\"utf-8\"></head><body><p>" + pl + "</p><p>" + pl + " Koniec"));
        bytes.Add(0xE9); // one stray Latin-1 byte, as a truncated paste leaves
        bytes.AddRange(Encoding.UTF8.GetBytes(".</p></body></html>"));
        var (a, error) = TestData.Extract([.. bytes], DocumentFormat.Html);
        Assert.Null(error);
        Assert.Contains("zagłosowali, a społeczność", a!.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Charset_declared_after_long_inline_styles_is_honoured()
    {
        const string pl = "Unijne fundusze coraz bliżej: Sejm zagłosował za ustawą, która otwiera drogę do wypłat dla samorządów.";
        string head = "<html><head><style>" + new string(' ', 6000) + "</style><meta charset=\"windows-1250\"></head>";
        byte[] bytes = Encodings.ForCodePage(1250).GetBytes(head + "<body><p>" + pl + "</p><p>" + pl + "</p></body></html>");
        var (a, error) = TestData.Extract(bytes, DocumentFormat.Html);
        Assert.Null(error);
        Assert.Contains("Sejm zagłosował za ustawą", a!.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pl", 1250, "Sejm zagłosował za ustawą o funduszach; posłowie mówią, że pieniądze trafią do gmin szybciej niż sądzono.", "zagłosował za ustawą")]
    [InlineData("zh", 54936, "河北农大果树班毕业生群体的事迹在全省各地巡演，引起强烈反响，感人至深，学习热潮正在深入开展。", "引起强烈反响")]
    public void Undeclared_legacy_page_is_read_in_its_languages_code_page(string lang, int codePage, string text, string expected)
    {
        byte[] bytes = Encodings.ForCodePage(codePage).GetBytes($"<html lang=\"{lang}\"><body><article><p>{text}</p><p>{text}</p><p>{text}</p></article></body></html>");
        var (a, error) = TestData.Extract(bytes, DocumentFormat.Html);
        Assert.Null(error);
        Assert.Contains(expected, a!.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Windows_1254_page_declared_in_meta_is_read_as_turkish()
    {
        const string tr = "Cumhurbaşkanı Aliyev, Kazakistan'a resmi ziyaret gerçekleştirdi ve iki ülke arasında önemli anlaşmalar imzalandı.";
        byte[] bytes = Encodings.ForCodePage(1254).GetBytes("<html><head><meta charset=\"windows-1254\"></head><body><p>" + tr + "</p><p>" + tr + "</p></body></html>");
        var (a, error) = TestData.Extract(bytes, DocumentFormat.Html);
        Assert.Null(error);
        Assert.Contains("Cumhurbaşkanı", a!.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Utf16_page_is_decoded()
    {
        byte[] bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("<html><body><p>" + Para + "</p><p>" + Para + " Əlavə.</p></body></html>")).ToArray();
        var (a, error) = TestData.Extract(bytes, DocumentFormat.Html);
        Assert.Null(error);
        Assert.Contains("Qazaxıstan", a!.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Page_mislabelled_as_utf8_falls_back_to_a_legacy_code_page()
    {
        const string tr = "Azerbaycan ve Kazakistan arasındaki ilişkiler güçleniyor, iki ülke yeni anlaşmalar imzaladı ve ticaret artıyor.";
        byte[] bytes = Encodings.ForCodePage(1254).GetBytes("<html><head><meta charset=\"utf-8\"></head><body><p>" + tr + "</p><p>" + tr + "</p></body></html>");
        var (a, error) = TestData.Extract(bytes, DocumentFormat.Html);
        Assert.Null(error);
        Assert.Contains("ilişkiler güçleniyor", a!.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<html><body><article><p>{0}</p><span>20٢٠-04-17</span></article></body></html>", null)]          // a date in the markup
    [InlineData("<html><head><link rel=\"canonical\" href=\"https://a.az/news/20٢٠/04/17/x\"></head><body><article><p>{0}</p></article></body></html>", null)]
    [InlineData("<html><body><article><p>{0}</p></article></body></html>", "https://a.az/news/20٢٠/04/17/x")]     // the address
    public void Date_shaped_figures_in_other_scripts_digits_do_not_throw(string page, string? url)
    {
        var (a, error) = TestData.Extract(Encoding.UTF8.GetBytes(string.Format(System.Globalization.CultureInfo.InvariantCulture, page, Para)), DocumentFormat.Html, url);
        Assert.Null(error);
        Assert.Contains("Qazaxıstan", a!.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Thousand_deep_nesting_does_not_overflow()
    {
        var sb = new StringBuilder("<html><body>");
        for (int i = 0; i < 1000; i++) sb.Append("<div>");
        sb.Append("<p>").Append(Para).Append("</p>");
        for (int i = 0; i < 1000; i++) sb.Append("</div>");
        sb.Append("</body></html>");
        var (a, error) = TestData.Extract(Encoding.UTF8.GetBytes(sb.ToString()), DocumentFormat.Html);
        Assert.Null(error);
        Assert.NotNull(a);
    }

    [Fact]
    public void Fifty_megabyte_page_is_cut_and_extracted()
    {
        var sb = new StringBuilder(52_000_000);
        sb.Append("<html><body><article><p>").Append(Para).Append("</p><p>").Append(Para).Append("</p></article>");
        while (sb.Length < 50_000_000) sb.Append("<div class=\"x\"><a href=\"/l\">bağlantı</a> filler text here</div>\n");
        sb.Append("</body></html>");
        var (a, error) = TestData.Extract(Encoding.UTF8.GetBytes(sb.ToString()), DocumentFormat.Html);
        Assert.Null(error);
        Assert.Contains("strateji tərəfdaşlıq", a!.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Image_only_page_gives_no_text_and_no_error()
    {
        var (a, error) = TestData.Extract(Encoding.UTF8.GetBytes("<html><body><img src=\"a.jpg\" alt=\"Şəkil\"></body></html>"), DocumentFormat.Html);
        Assert.Null(error);
        Assert.Empty(a!.Blocks);
    }

    [Fact]
    public void Empty_body_gives_no_text()
    {
        var (a, error) = TestData.Extract(Encoding.UTF8.GetBytes("<html><head><title>Boş</title></head><body></body></html>"), DocumentFormat.Html);
        Assert.Null(error);
        Assert.Empty(a!.Text);
    }

    [Fact]
    public void Binary_file_is_refused_with_a_reason()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0, 0, 0, 1, 0, 8, 6, 0, 0, 0];
        var (a, error) = TestData.Extract(png, DocumentFormat.Html);
        Assert.Null(a);
        Assert.Contains("binary", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_input_is_refused_with_a_reason()
    {
        var (_, error) = TestData.Extract([], DocumentFormat.TextDump);
        Assert.Equal("empty file", error);
    }

    [Fact]
    public void Long_text_dump_full_of_hyphenated_lines_is_mended_without_blowing_up()
    {
        var sb = new StringBuilder();
        for (int i = 0; i < 60_000; i++)
            sb.Append("Bu cümlə layihə haqqında məlumat verir və uzun bir sətir olaraq davam edir, sonra söz bölü-\n").Append("nür və mətn davam edir ").Append(i).Append(".\n");
        var (a, error) = TestData.Extract(Encoding.UTF8.GetBytes(sb.ToString()), DocumentFormat.TextDump);
        Assert.Null(error);
        Assert.Contains("söz bölünür və mətn davam edir", a!.Text, StringComparison.Ordinal);
    }
}
