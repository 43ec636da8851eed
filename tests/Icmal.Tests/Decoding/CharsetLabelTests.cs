using Icmal.Extraction;
using System.Text;
using Icmal.Collection;
using Icmal.Decoding;
using Icmal.Model;
using Icmal.Ingest;

namespace Icmal.Tests.Decoding;

/// <summary>
/// Charset labels as the WHATWG Encoding Standard reads them: what a page declares never throws, UTF-7 and other
/// labels the web does not know are set aside for the default rule, and the "replacement" labels decode to nothing.
/// </summary>
public sealed class CharsetLabelTests
{
    private static readonly byte[] AsciiPage = Encoding.ASCII.GetBytes(
        "<html><head><title>Test</title></head><body><article><h1>Baki xeberleri</h1><p>" + string.Concat(Enumerable.Repeat("Bu gun Bakida yeni park acildi ve sakinler bunu alqisladi. ", 4)) + "</p></article></body></html>");

    [Theory]
    [InlineData("utf-7")]
    [InlineData("UTF-7")]
    [InlineData("unicode-1-1-utf-7")]
    [InlineData("csUnicode11UTF7")]
    [InlineData("x-no-such-charset")]
    [InlineData("\"utf-7\"")]
    public void A_label_the_web_does_not_decode_is_set_aside_for_the_default_rule(string label)
    {
        var decoded = TextDecoding.Decode(AsciiPage, label, allowLegacyGuess: true);
        Assert.True(decoded.Succeeded, decoded.Error);
        Assert.Equal("utf-8", decoded.Charset);
        Assert.Contains("Bakida yeni park", decoded.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("utf-7")]
    [InlineData("csUnicode11UTF7")]
    [InlineData("unicode-1-1-utf-7")]
    public void A_page_declaring_utf7_in_its_header_or_meta_is_extracted(string label)
    {
        byte[] page = Encoding.ASCII.GetBytes(Encoding.ASCII.GetString(AsciiPage).Replace("<title>", $"<meta charset=\"{label}\"><title>", StringComparison.Ordinal));
        foreach (string? header in new[] { null, label })
        {
            var document = new IncomingDocument("utf7.html", DocumentFormat.Html, page, DateTimeOffset.UtcNow, new Uri("https://example.az/a"),
                CharsetDetection.ForPage(page, header));
            var (article, _, error, _, _) = DocumentReader.Read(document);
            Assert.Null(error);
            Assert.Contains("Bakida yeni park", article!.Text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("iso-2022-kr")]
    [InlineData("csiso2022kr")]
    [InlineData("hz-gb-2312")]
    [InlineData("iso-2022-cn")]
    [InlineData("iso-2022-cn-ext")]
    [InlineData("replacement")]
    public void A_replacement_label_decodes_to_nothing_and_names_the_label(string label)
    {
        var decoded = TextDecoding.Decode(AsciiPage, label, allowLegacyGuess: true);
        Assert.False(decoded.Succeeded);
        Assert.Contains(label, decoded.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("replacement", decoded.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_replacement_label_in_the_http_header_reaches_the_decoder()
    {
        var document = new IncomingDocument("kr.html", DocumentFormat.Html, AsciiPage, DateTimeOffset.UtcNow, new Uri("https://example.az/a"),
            CharsetDetection.ForPage(AsciiPage, "iso-2022-kr"));
        var (article, _, error, _, _) = DocumentReader.Read(document);
        Assert.Null(article);
        Assert.Contains("iso-2022-kr", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Latin1_labels_read_as_windows_1252_as_browsers_do()
    {
        byte[] bytes = [.. Encoding.ASCII.GetBytes("<p>Dedi: "), 0x93, .. Encoding.ASCII.GetBytes("salam"), 0x94, .. Encoding.ASCII.GetBytes("</p>")];
        var decoded = TextDecoding.Decode(bytes, "iso-8859-1", allowLegacyGuess: true);
        Assert.Equal("windows-1252", decoded.Charset);
        Assert.Contains("\u201Csalam\u201D", decoded.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_utf16_label_over_ascii_bytes_reads_the_bytes_as_utf8()
    {
        var decoded = TextDecoding.Decode(AsciiPage, "utf-16", allowLegacyGuess: true);
        Assert.Equal("utf-8", decoded.Charset);
        Assert.Contains("Bakida yeni park", decoded.Text, StringComparison.Ordinal);
    }
}
