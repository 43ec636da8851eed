using CsCheck;

namespace Icmal.Fuzz.Tests.Generators;

/// <summary>Building blocks of hostile text shared by every target's generator.</summary>
public static class Hostile
{
    /// <summary>Characters that break naive text code: Azerbaijani letters and look-alikes, combining marks, lone
    /// surrogates, other scripts' digits, bidi and zero-width controls, NUL, BOM, the replacement character.</summary>
    private const string Tricky =
        "əƏıIİiöÖüÜğĞşŞçÇ" + "ӘәҺһҸҹЈјҒғҮүӨө" + "аАбБоОеЕхХрРсС" + "\u0307\u0301\u0300\u0308\u0327\u20DD\u0345"
        + "٠١٢٣٤٥٦٧٨٩۰۱۹०१९০১৯０１９𝟘" + "\u200B\u200C\u200D\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2066\u2069\uFEFF\u00AD\u00A0\u2028\u2029"
        + "\0\u0001\u0007\u001B\u007F\u0085\uFFFD\uFFFE\uFFFF" + "ﬁßẞǅǈΣσς" + "«»„“”‘’–—…№" + "\t\r\n ";

    private static readonly Gen<char> Ascii = Gen.Char[' ', '~'];
    private static readonly Gen<char> Letters = Gen.Char["abcçdeəfgğhxıijkqlmnoöprsştuüvyzABCÇDEƏFGĞHXIİJKQLMNOÖPRSŞTUÜVYZ "];
    private static readonly Gen<char> Surrogate = Gen.Char['\uD800', '\uDFFF'];
    private static readonly Gen<char> AnyBmp = Gen.Char['\u0000', '\uFFFF'];

    private static readonly Gen<string> Emoji = Gen.OneOf(Gen.Const("😀"), Gen.Const("👩‍👩‍👧"), Gen.Const("🇦🇿"), Gen.Const("𝔄𝔷"), Gen.Const("\U0001F3F4\U000E0067\U000E0062\U000E007F"));

    /// <summary>One char, weighted toward the troublesome ones.</summary>
    public static readonly Gen<char> Char = Gen.Frequency(
        (6, Letters), (3, Ascii), (4, Gen.Char[Tricky]), (1, Surrogate), (1, AnyBmp));

    /// <summary>Arbitrary Unicode text with the odd emoji and surrogate pair, up to <paramref name="max"/> chars.</summary>
    public static Gen<string> Text(int max) =>
        Gen.Frequency((9, Char.Select(c => c.ToString())), (1, Emoji)).Array[0, max].Select(string.Concat);

    /// <summary>Azerbaijani-looking words in any case, with suffixes, hyphens and apostrophes.</summary>
    public static readonly Gen<string> Words = Gen.OneOf(
        Gen.Const("İlham Əliyevin"), Gen.Const("Azərbaycan"), Gen.Const("QAZAXISTANA"), Gen.Const("TDT-nin"), Gen.Const("Sherg.az-a"),
        Gen.Const("2024-cü"), Gen.Const("oktyabrın 20-də"), Gen.Const("Bakı"), Gen.Const("ИЛЬХАМ АЛИЕВ"), Gen.Const("Heydər Əliyev adına"),
        Gen.Const("ş.ə."), Gen.Const("b.e.ə."), Gen.Const("e-poçt"), Gen.Const("dərinləşdir-\nmək"), Gen.Const("O'Neil"),
        Gen.Const("3,14"), Gen.Const("1.000.000"), Gen.Const("20%"), Gen.Const("12:45"), Gen.Const("٢٠٢٤"));

    /// <summary>Dates, valid and not: ISO, RFC 822, Azerbaijani, relative, out of range, other digits.</summary>
    public static readonly Gen<string> Date = Gen.OneOf(
        Gen.Const("2025-10-21T09:30:00+04:00"), Gen.Const("2025-13-45T99:99"), Gen.Const("9999-12-31T23:59:59Z"), Gen.Const("0001-01-01"),
        Gen.Const("-0001-01-01"), Gen.Const("Tue, 21 Oct 2025 09:30:00 +0400"), Gen.Const("Mon, 32 Foo 2025 25:61:61 GMT"),
        Gen.Const("21 oktyabr 2025, 09:30"), Gen.Const("oktyabrın 99-də"), Gen.Const("31.02.2024"), Gen.Const("Bu gün, 14:37"),
        Gen.Const("2 saat əvvəl"), Gen.Const("99999 saat əvvəl"), Gen.Const("١٢.١٠.٢٠٢٥"), Gen.Const("２０２５-１０-２１"),
        Gen.Const("2025-10-21T09:30:00+99:00"), Gen.Const("1e308"), Gen.Const("NaN"), Gen.Const(""), Gen.Const("   "),
        Gen.Const("20251021093000"), Gen.Const("@1761038400"), Gen.Const("2025-W43-2"), Gen.Const("2025-294"),
        Gen.Int[-100_000, 100_000].Select(d => new DateTime(2025, 1, 1).AddDays(d % 3000).ToString("O", System.Globalization.CultureInfo.InvariantCulture)),
        Text(30));

    /// <summary>Character references, good and bad.</summary>
    public static readonly Gen<string> Entity = Gen.OneOf(
        Gen.Const("&amp;"), Gen.Const("&amp"), Gen.Const("&nbsp;"), Gen.Const("&laquo;"), Gen.Const("&#0;"), Gen.Const("&#x0;"),
        Gen.Const("&#xD800;"), Gen.Const("&#x10FFFF;"), Gen.Const("&#x110000;"), Gen.Const("&#99999999999;"), Gen.Const("&#;"),
        Gen.Const("&#x;"), Gen.Const("&foo;"), Gen.Const("&lt;script&gt;"), Gen.Const("&#601;"), Gen.Const("&#x259;"),
        Gen.Const("&Amp;"), Gen.Const("&&&&"), Gen.Const("&#38;#38;"));

    /// <summary>URLs a hostile page may carry (see <see cref="UrlGen"/> for the full grammar).</summary>
    public static Gen<string> Url => UrlGen.Any;

    /// <summary>A string repeated to a length that stresses linear scans (huge attributes, long words).</summary>
    public static Gen<string> Huge(Gen<string> unit) =>
        unit.SelectMany(u => Gen.Int[100, 20_000].Select(n => string.Concat(Enumerable.Repeat(u.Length == 0 ? "x" : u, Math.Max(1, n / Math.Max(1, u.Length))))));

    /// <summary>A JSON string literal of any string, lone surrogates written as \uXXXX escapes (which JSON allows).</summary>
    public static string JsonString(string s)
    {
        var sb = new System.Text.StringBuilder(s.Length + 2).Append('"');
        foreach (char c in s)
        {
            if (c is '"' or '\\') sb.Append('\\').Append(c);
            else if (c < ' ' || char.IsSurrogate(c)) sb.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
            else sb.Append(c);
        }
        return sb.Append('"').ToString();
    }
}
