using System.Text;
using Icmal.Decoding;

namespace Icmal.Collection;

/// <summary>
/// Which charset to hand the pipeline for a fetched page. Order: a byte-order mark; then the bytes themselves when
/// they are valid UTF-8 with non-ASCII letters (legacy text almost never is, and portals often send windows-1251 or
/// windows-1254 headers left over from old templates); then the HTTP header; then the page's meta charset. When none
/// applies, null: <see cref="TextDecoding"/> tries UTF-8 and guesses between windows-1251 and windows-1254.
/// </summary>
public static class CharsetDetection
{
    public static string? ForPage(ReadOnlySpan<byte> body, string? headerCharset)
    {
        if (body.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return "utf-8";
        if (body.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || body.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return null;
        bool hasHigh = body.IndexOfAnyInRange((byte)0x80, (byte)0xFF) >= 0;
        if (hasHigh && System.Text.Unicode.Utf8.IsValid(body)) return "utf-8";
        string? header = Known(headerCharset);
        string? meta = Known(TextDecoding.SniffHtmlCharset(body));
        // A header or meta claiming UTF-8 for bytes that are not UTF-8: let the decoder guess the legacy code page.
        if (hasHigh && header is "utf-8") header = null;
        if (hasHigh && meta is "utf-8") meta = null;
        return header ?? meta;
    }

    /// <summary>The web name of a charset label, or null when .NET does not know it.</summary>
    private static string? Known(string? label) => Encodings.ForLabel(label)?.WebName;
}
