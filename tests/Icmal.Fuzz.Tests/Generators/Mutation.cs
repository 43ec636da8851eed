using System.Text;
using CsCheck;

namespace Icmal.Fuzz.Tests.Generators;

/// <summary>
/// AFL-style mutations of a valid input: flip a byte, cut a range, splice in a hostile fragment, duplicate a range,
/// truncate, or pile up '&lt;'. A few at a time, so that the input stays mostly valid and reaches deep code.
/// </summary>
public static class Mutation
{
    private static readonly string[] Fragments =
    [
        "<", ">", "</div>", "<p>", "<script>", "</script>", "<!--", "-->", "<![CDATA[", "&#x0;", "&#xD800;", "&amp", "\0",
        "<table><tr><td>", "<svg><foreignObject>", "<math><mi>", "<template>", "<noscript>", "\"'", "<a href=\"/2025/10/21/x-y-z-w.html\">",
        "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"datePublished\":\"9999-99-99\"", "<meta content=\"",
        "<time datetime=\"2025-13-45T99:99\">", "oktyabrın 99-də", "31.02.2024", "\uFFFD", "\u202E", "ə", "İ", "<meta charset=\"koi8-r\">",
        "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">", "<html lang=\"zh\">", "<html lang=\"az\">",
        "</item>", "<item>", "</entry>", "<loc>", "]]>", "\"}", "[{", "\\u0000", "\xC3", "\xE2\x82",
    ];

    /// <summary>1 to 8 mutations of <paramref name="seed"/>.</summary>
    public static Gen<byte[]> Bytes(byte[] seed) =>
        Gen.Int[0, int.MaxValue].Array[1, 8].SelectMany(ops => Gen.Int[0, int.MaxValue].Array[ops.Length].Select(args => Apply(seed, ops, args)));

    private static byte[] Apply(byte[] seed, int[] ops, int[] args)
    {
        var bytes = new List<byte>(seed);
        for (int k = 0; k < ops.Length; k++)
        {
            int at = bytes.Count == 0 ? 0 : args[k] % bytes.Count;
            int r = ops[k] / 7;
            switch (ops[k] % 7)
            {
                case 0 when bytes.Count > 0: bytes[at] = (byte)r; break;
                case 1 when bytes.Count > 0: bytes.RemoveRange(at, Math.Min(1 + r % 4000, bytes.Count - at)); break;
                case 2: bytes.InsertRange(at, Raw(Fragments[r % Fragments.Length])); break;
                case 3 when bytes.Count > 0:
                    int len = Math.Min(1 + r % 2000, bytes.Count - at);
                    bytes.InsertRange(r % bytes.Count, bytes.GetRange(at, len));
                    break;
                case 4: bytes.RemoveRange(at, bytes.Count - at); break;
                case 5: bytes.InsertRange(at, Enumerable.Repeat((byte)'<', 1 + r % 60)); break;
                default: bytes.InsertRange(at, Encoding.UTF8.GetBytes(Fragments[r % Fragments.Length])); break;
            }
        }
        return [.. bytes];
    }

    /// <summary>A fragment's chars as single bytes where they fit ("\xC3" is a lone UTF-8 lead byte), else UTF-8.</summary>
    private static byte[] Raw(string fragment) =>
        fragment.All(c => c <= '\u00FF') ? Encoding.Latin1.GetBytes(fragment) : Encoding.UTF8.GetBytes(fragment);
}
