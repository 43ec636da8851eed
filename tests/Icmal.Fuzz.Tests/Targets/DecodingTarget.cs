using System.Text;
using CsCheck;
using Icmal.Collection;
using Icmal.Decoding;
using Icmal.Fuzz.Tests.Fuzzing;
using Icmal.Fuzz.Tests.Generators;

namespace Icmal.Fuzz.Tests.Targets;

/// <summary>Bytes to text: charset detection and decoding with hostile labels, BOMs, broken UTF-8, meta charset in odd places.</summary>
public static class DecodingTarget
{
    private static readonly Gen<string> CommonLabel = Gen.Frequency(
        (6, Gen.OneOf(Gen.Const("utf-8"), Gen.Const("UTF8"), Gen.Const("\"windows-1251\""), Gen.Const("  koi8-r "), Gen.Const("windows-1254"),
            Gen.Const("x-user-defined"), Gen.Const("iso-8859-8-i"), Gen.Const("gb18030"), Gen.Const("big5"), Gen.Const("shift_jis"),
            Gen.Const("euc-jp"), Gen.Const("iso-2022-jp"), Gen.Const("replacement"), Gen.Const("utf-16"), Gen.Const("utf-16be"), Gen.Const("utf-32"),
            Gen.Const("utf-32be"), Gen.Const("ibm037"), Gen.Const("cp1026"), Gen.Const("x-mac-cyrillic"), Gen.Const("us-ascii"), Gen.Const("latin1"),
            Gen.Const("ütf-8"), Gen.Const("utf-8\0"), Gen.Const("'"), Gen.Const("\"\""), Gen.Const("unicode"), Gen.Const("ucs-2"), Gen.Const("x-ebcdic-koreanextended"),
            Gen.Const("65001"), Gen.Const("1251"), Gen.Const("utf-8;q=0.5"), Gen.Const("none"), Gen.Const("binary"))),
        (1, Hostile.Text(20)));

    /// <summary>UTF-7 and the WHATWG replacement labels, which once threw out of the decoder (issue #13).</summary>
    private static readonly string[] RefusedLabels = ["utf-7", "UTF-7", "unicode-1-1-utf-7", "csUnicode11UTF7", "iso-2022-kr", "hz-gb-2312", "x-unicode20utf7"];

    private static readonly Gen<string> Label = Gen.Frequency((8, CommonLabel), (1, Gen.OneOf(RefusedLabels)));

    private static readonly Gen<string?> Header = Gen.Frequency((2, Gen.Const((string?)null)), (3, Label.Select(l => (string?)l)));

    private static readonly Gen<string> MetaTag = Label.SelectMany(l => Gen.OneOf(
        Gen.Const($"<meta charset=\"{l}\">"), Gen.Const($"<meta charset={l}>"), Gen.Const($"<meta http-equiv=\"Content-Type\" content=\"text/html; charset={l}\">"),
        Gen.Const($"<!-- charset={l} -->"), Gen.Const($"<p>charset: {l}</p>"), Gen.Const($"<meta\ncharset  =  '{l}'  >"), Gen.Const($"<meta charset=\"{l}")));

    /// <summary>A page with a meta charset at a hostile offset: at the start, just past 4 KB, past 32 KB, cut off.</summary>
    private static readonly Gen<byte[]> PageWithMeta = Gen.Select(HtmlGen.Text, MetaTag, Gen.Int[0, 4], Gen.Int[0, 1254], (page, meta, where, legacy) =>
    {
        string padded = where switch
        {
            0 => meta + page,
            1 => "<html><head><style>" + new string('x', 4090) + "</style>" + meta + page,
            2 => "<html><head><script>" + new string(' ', 33_000) + "</script>" + meta + page,
            3 => page + meta,
            _ => page.Insert(page.Length / 2, meta),
        };
        return legacy == 1251 ? Encodings.ForCodePage(1251).GetBytes(padded)
            : legacy == 1254 ? Encodings.ForCodePage(1254).GetBytes(padded)
            : Encoding.UTF8.GetBytes(padded);
    });

    private static readonly Gen<byte[]> Bommed = Gen.Select(Gen.OneOf<byte[]>([0xEF, 0xBB, 0xBF], [0xFF, 0xFE], [0xFE, 0xFF], [0xEF, 0xBB], [0xFF, 0xFE, 0x00, 0x00]),
        Gen.Byte.Array[0, 300], (bom, rest) => (byte[])[.. bom, .. rest]);

    private static readonly Gen<byte[]> Utf16NoBom = Hostile.Text(300).Select(Gen.Bool, (t, be) => be ? Encoding.BigEndianUnicode.GetBytes(t) : Encoding.Unicode.GetBytes(t));

    private static readonly Gen<byte[]> BrokenUtf8 = Hostile.Text(300).SelectMany(t => Mutation.Bytes(Encoding.UTF8.GetBytes(t)));

    private static readonly Gen<byte[]> Body = Gen.Frequency(
        (4, PageWithMeta), (2, Bommed), (2, Utf16NoBom), (3, BrokenUtf8), (2, Gen.Byte.Array[0, 500]),
        (1, Gen.Byte[0x80, 0xFF].Array[1, 300]), (1, Gen.Byte[0, 2].Array[1, 300]), (1, Gen.Const<byte[]>([])));

    public static readonly FuzzTarget<(string? Header, byte[] Body)> Target = new(
        "decoding",
        Gen.Select(Header, Body),
        Check,
        t => CorpusCodec.WithHeader(t.Header, t.Body),
        CorpusCodec.SplitHeader,
        DefaultIterations: 400);

    private static void Check((string? Header, byte[] Body) input)
    {
        var (header, body) = input;
        string? chosen = CharsetDetection.ForPage(body, header);
        // ForPage may pass on a label no encoding has (UTF-7, a typo, a WHATWG replacement label): the decoder below
        // must then read the page by its default rule with a note, or refuse it with an error, never throw.
        string? sniffed = TextDecoding.SniffHtmlCharset(body);
        foreach (string? label in (string?[])[header, chosen, sniffed])
        {
            foreach (bool legacy in (bool[])[true, false])
            {
                var decoded = TextDecoding.Decode(body, label, legacy);
                if (decoded.Succeeded == decoded.Error is not null) throw new InvalidOperationException("Succeeded and Error disagree");
                if (!decoded.Succeeded) continue;
                if (string.IsNullOrWhiteSpace(decoded.Text) || decoded.Charset is null) throw new InvalidOperationException("success without text or charset");
                if (decoded.Text.Contains('\0', StringComparison.Ordinal)) throw new InvalidOperationException("decoded text holds NUL");
            }
        }
    }
}
