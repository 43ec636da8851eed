using System.Text;

namespace Icmal.Decoding;

/// <summary>What a charset label names, read as the WHATWG Encoding Standard reads it.</summary>
/// <param name="Label">The label as given, trimmed of quotes and spaces.</param>
/// <param name="Encoding">The encoding to decode with; null when the label names none İcmal may use.</param>
/// <param name="IsReplacement">
/// The label is one of the WHATWG "replacement" labels (ISO-2022-KR, ISO-2022-CN, HZ-GB-2312...): stateful encodings
/// whose escape sequences let markup hide from filters. Browsers decode such a document to a single U+FFFD.
/// </param>
public sealed record CharsetLabel(string Label, Encoding? Encoding, bool IsReplacement)
{
    /// <summary>True when the label names no encoding at all (UTF-7, EBCDIC, typos): the declaration is ignored.</summary>
    public bool IsUnknown => Encoding is null && !IsReplacement;
}

/// <summary>
/// The one way İcmal looks up an encoding by name or code page.
/// </summary>
/// <remarks>
/// Labels follow the WHATWG Encoding Standard, as browsers do, not .NET's own name list: .NET throws for UTF-7
/// (disabled as unsafe), knows EBCDIC and UTF-32 (which turn an ASCII page into noise), decodes ISO-2022-KR (an XSS
/// vector browsers refuse) and reads "iso-8859-1" as strict Latin-1 where every browser uses windows-1252. A label
/// outside the standard's table is unknown and never throws. .NET ships only the Unicode encodings and Latin-1; the
/// legacy code pages need <see cref="CodePagesEncodingProvider"/>, registered here before any lookup.
/// </remarks>
public static class Encodings
{
    static Encodings() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The code page .NET decodes a WHATWG encoding with; 0 for the replacement encoding, -1 where .NET has none.</summary>
    private static readonly Dictionary<string, int> Labels = BuildLabels();

    /// <summary>The encoding with this Windows code page number (e.g. 1254 for Turkish and Azerbaijani Latin).</summary>
    /// <exception cref="NotSupportedException">No encoding has this number.</exception>
    public static Encoding ForCodePage(int codePage) => Encoding.GetEncoding(codePage);

    /// <summary>The encoding a charset label names (quotes and spaces around it ignored), or null when none may be used.</summary>
    public static Encoding? ForLabel(string? label) => Resolve(label)?.Encoding;

    /// <summary>What a charset label names, or null for an empty one. Never throws.</summary>
    public static CharsetLabel? Resolve(string? label)
    {
        if (string.IsNullOrWhiteSpace(label)) return null;
        string trimmed = label.Trim().Trim('"', '\'').Trim();
        if (trimmed.Length == 0) return null;
        if (!Labels.TryGetValue(trimmed, out int codePage)) return new CharsetLabel(trimmed, null, false);
        if (codePage == 0) return new CharsetLabel(trimmed, null, true);
        if (codePage < 0) return new CharsetLabel(trimmed, null, false);
        try
        {
            return new CharsetLabel(trimmed, Encoding.GetEncoding(codePage), false);
        }
        catch (Exception e) when (e is NotSupportedException or ArgumentException)
        {
            return new CharsetLabel(trimmed, null, false);
        }
    }

    private static Dictionary<string, int> BuildLabels()
    {
        // The WHATWG Encoding Standard's label table (https://encoding.spec.whatwg.org/#names-and-labels).
        var table = new (int CodePage, string Labels)[]
        {
            (65001, "unicode-1-1-utf-8 unicode11utf8 unicode20utf8 utf-8 utf8 x-unicode20utf8"),
            (866, "866 cp866 csibm866 ibm866"),
            (28592, "csisolatin2 iso-8859-2 iso-ir-101 iso8859-2 iso88592 iso_8859-2 iso_8859-2:1987 l2 latin2"),
            (28593, "csisolatin3 iso-8859-3 iso-ir-109 iso8859-3 iso88593 iso_8859-3 iso_8859-3:1988 l3 latin3"),
            (28594, "csisolatin4 iso-8859-4 iso-ir-110 iso8859-4 iso88594 iso_8859-4 iso_8859-4:1988 l4 latin4"),
            (28595, "csisolatincyrillic cyrillic iso-8859-5 iso-ir-144 iso8859-5 iso88595 iso_8859-5 iso_8859-5:1988"),
            (28596, "arabic asmo-708 csiso88596e csiso88596i csisolatinarabic ecma-114 iso-8859-6 iso-8859-6-e iso-8859-6-i iso-ir-127 iso8859-6 iso88596 iso_8859-6 iso_8859-6:1987"),
            (28597, "csisolatingreek ecma-118 elot_928 greek greek8 iso-8859-7 iso-ir-126 iso8859-7 iso88597 iso_8859-7 iso_8859-7:1987 sun_eu_greek"),
            (28598, "csiso88598e csisolatinhebrew hebrew iso-8859-8 iso-8859-8-e iso-ir-138 iso8859-8 iso88598 iso_8859-8 iso_8859-8:1988 visual"),
            (38598, "csiso88598i iso-8859-8-i logical"),
            (-1, "csisolatin6 iso-8859-10 iso-ir-157 iso8859-10 iso885910 l6 latin6"), // ISO-8859-10: no .NET code page
            (28603, "iso-8859-13 iso8859-13 iso885913"),
            (-1, "iso-8859-14 iso8859-14 iso885914"), // ISO-8859-14: no .NET code page
            (28605, "csisolatin9 iso-8859-15 iso8859-15 iso885915 iso_8859-15 l9"),
            (-1, "iso-8859-16"), // ISO-8859-16: no .NET code page
            (20866, "cskoi8r koi koi8 koi8-r koi8_r"),
            (21866, "koi8-ru koi8-u"),
            (10000, "csmacintosh mac macintosh x-mac-roman"),
            (874, "dos-874 iso-8859-11 iso8859-11 iso885911 tis-620 windows-874"),
            (1250, "cp1250 windows-1250 x-cp1250"),
            (1251, "cp1251 windows-1251 x-cp1251"),
            (1252, "ansi_x3.4-1968 ascii cp1252 cp819 csisolatin1 ibm819 iso-8859-1 iso-ir-100 iso8859-1 iso88591 iso_8859-1 iso_8859-1:1987 l1 latin1 us-ascii windows-1252 x-cp1252"),
            (1253, "cp1253 windows-1253 x-cp1253"),
            (1254, "cp1254 csisolatin5 iso-8859-9 iso-ir-148 iso8859-9 iso88599 iso_8859-9 iso_8859-9:1989 l5 latin5 windows-1254 x-cp1254"),
            (1255, "cp1255 windows-1255 x-cp1255"),
            (1256, "cp1256 windows-1256 x-cp1256"),
            (1257, "cp1257 windows-1257 x-cp1257"),
            (1258, "cp1258 windows-1258 x-cp1258"),
            (10007, "x-mac-cyrillic x-mac-ukrainian"),
            (936, "chinese csgb2312 csiso58gb231280 gb2312 gb_2312 gb_2312-80 gbk iso-ir-58 x-gbk"),
            (54936, "gb18030"),
            (950, "big5 big5-hkscs cn-big5 csbig5 x-x-big5"),
            (51932, "cseucpkdfmtjapanese euc-jp x-euc-jp"),
            (50220, "csiso2022jp iso-2022-jp"),
            (932, "csshiftjis ms932 ms_kanji shift-jis shift_jis sjis windows-31j x-sjis"),
            (949, "cseuckr csksc56011987 euc-kr iso-ir-149 korean ks_c_5601-1987 ks_c_5601-1989 ksc5601 ksc_5601 windows-949"),
            (0, "csiso2022kr hz-gb-2312 iso-2022-cn iso-2022-cn-ext iso-2022-kr replacement"),
            (1201, "unicodefffe utf-16be"),
            (1200, "csunicode iso-10646-ucs-2 ucs-2 unicode unicodefeff utf-16 utf-16le"),
            // x-user-defined maps bytes 0x80–0xFF to a private-use block; HTML reads a page declaring it as windows-1252.
            (1252, "x-user-defined"),
        };
        var labels = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var (codePage, names) in table)
            foreach (string name in names.Split(' '))
                labels.Add(name, codePage);
        return labels;
    }
}
