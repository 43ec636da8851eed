using System.Text;
using Icmal.Decoding;

namespace Icmal.Collection;

/// <summary>
/// Which charset to hand the pipeline for a fetched page. Order: a byte-order mark; then the bytes themselves when
/// they are valid UTF-8 with non-ASCII letters (legacy text almost never is, and portals often send windows-1251 or
/// windows-1254 headers left over from old templates); then the HTTP header; then the page's meta charset. When none
/// applies, null: <see cref="TextDecoding"/> tries UTF-8 and guesses between windows-1251 and windows-1254. Labels are
/// read by <see cref="Encodings.Resolve"/>; one that names no encoding is returned as given, for the decoder to
/// refuse (a replacement label) or set aside with a note (UTF-7, unknown names).
/// </summary>
public static class CharsetDetection
{
    public static string? ForPage(ReadOnlySpan<byte> body, string? headerCharset)
    {
        if (body.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return "utf-8";
        if (body.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || body.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return null;
        bool hasHigh = body.IndexOfAnyInRange((byte)0x80, (byte)0xFF) >= 0;
        if (hasHigh && System.Text.Unicode.Utf8.IsValid(body)) return "utf-8";
        var header = Encodings.Resolve(headerCharset);
        var meta = Encodings.Resolve(TextDecoding.SniffHtmlCharset(body));
        // A header or meta claiming UTF-8 for bytes that are not UTF-8: let the decoder guess the legacy code page.
        if (hasHigh && header?.Encoding?.CodePage == Encoding.UTF8.CodePage) header = null;
        if (hasHigh && meta?.Encoding?.CodePage == Encoding.UTF8.CodePage) meta = null;
        // As in HTML: an unknown header label (UTF-7, a typo) is ignored and the meta charset is read; a replacement
        // label is kept, so that the decoder refuses the page. An unknown label nothing overrides is passed on, so
        // that the decoder says it set it aside.
        var usable = header is { IsUnknown: false } ? header : meta is { IsUnknown: false } ? meta : header ?? meta;
        return usable switch
        {
            null => null,
            { Encoding: { } encoding } => encoding.WebName,
            _ => usable.Label,
        };
    }
}
