using System.Text;
using System.Text.Unicode;

namespace Icmal.Decoding;

/// <summary>The outcome of turning a document's bytes into text.</summary>
/// <param name="Text">The decoded text, or null when the bytes were refused.</param>
/// <param name="Charset">The encoding used (web name), or null when refused.</param>
/// <param name="Error">Why the bytes were refused; null on success.</param>
/// <param name="Note">What the reader should know about how the bytes were read, e.g. a declared charset set aside.</param>
public sealed record DecodedText(string? Text, string? Charset, string? Error, string? Note = null)
{
    public bool Succeeded => Error is null;
    public static DecodedText Ok(string text, string charset) => new(text, charset, null);
    public static DecodedText Fail(string error) => new(null, null, error);
}

/// <summary>
/// Bytes to text for pages, dumps and feeds: BOM first, then a declared charset (unless the bytes are plainly
/// UTF-8), then UTF-8, then (for HTML only, where legacy pages are common) a code page guessed from the page's
/// language or, without one, between windows-1251 and windows-1254.
/// </summary>
/// <remarks>
/// Plain-text dumps and JSON must be UTF-8 or UTF-16: silently guessing a legacy code page for a text file
/// turns a broken file into plausible garbage in the archive, which is worse than refusing it.
/// </remarks>
public static class TextDecoding
{
    /// <summary>Decodes <paramref name="bytes"/>; <paramref name="allowLegacyGuess"/> enables the code-page guess.</summary>
    public static DecodedText Decode(ReadOnlySpan<byte> bytes, string? declaredCharset, bool allowLegacyGuess)
    {
        if (bytes.IsEmpty) return DecodedText.Fail("empty file");

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            return DecodeUtf8(bytes[3..], allowLegacyGuess);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
            return DecodeUtf16(bytes[2..], bigEndian: false);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            return DecodeUtf16(bytes[2..], bigEndian: true);

        if (LooksLikeBomlessUtf16(bytes, out bool bigEndian)) return DecodeUtf16(bytes, bigEndian);
        if (bytes.Contains((byte)0))
        {
            // A few stray NULs in a web page (a broken CMS, a truncated upload) are noise; many mean binary.
            int nuls = System.MemoryExtensions.Count(bytes, (byte)0);
            if (!allowLegacyGuess || nuls * 100 > bytes.Length || LooksBinary(bytes)) return DecodedText.Fail("binary content (NUL bytes), not text");
            byte[] cleaned = bytes.ToArray();
            cleaned.AsSpan().Replace((byte)0, (byte)' ');
            return Decode(cleaned, declaredCharset, allowLegacyGuess);
        }

        var label = Encodings.Resolve(declaredCharset);
        if (label is { IsReplacement: true })
            return DecodedText.Fail($"declared charset '{label.Label}' is decoded as nothing (WHATWG replacement encoding: its escape sequences can hide markup, so browsers show no text either)");
        string? note = label is { IsUnknown: true }
            ? $"declared charset '{label.Label}' is not one browsers decode (UTF-7 never is: it smuggles markup past filters); read by the default rule"
            : null;
        Encoding? declared = label?.Encoding;
        // A UTF-16 declaration inside bytes readable as ASCII is wrong by construction (real UTF-16 was recognised
        // above by its BOM or its NUL pattern); HTML reads such a page as UTF-8.
        if (declared is { CodePage: 1200 or 1201 }) declared = null;
        // Pages re-saved as UTF-8 keep their old "charset=euc-kr" or "windows-1251" line. Text in a legacy code
        // page is almost never valid UTF-8 once it has a few non-ASCII letters, so valid UTF-8 with multi-byte
        // characters is UTF-8 whatever the page says.
        if (declared is not null && declared.CodePage != Encoding.UTF8.CodePage && !(Utf8.IsValid(bytes) && HasMultiByte(bytes)))
        {
            string decodedLegacy = declared.GetString(bytes);
            return CheckText(decodedLegacy, declared.WebName);
        }
        var decoded = DecodeUtf8(bytes, allowLegacyGuess);
        return note is null || !decoded.Succeeded ? decoded : decoded with { Note = note };
    }

    /// <summary>
    /// Finds the charset an HTML page declares: any "charset=" in its first 4 KB (meta charset or http-equiv),
    /// else a meta tag's charset further into the head (up to 32 KB), where pages with long inline styles and
    /// scripts put it.
    /// </summary>
    public static string? SniffHtmlCharset(ReadOnlySpan<byte> bytes)
    {
        string ascii = Encoding.Latin1.GetString(bytes[..Math.Min(bytes.Length, 32 * 1024)]);
        if (CharsetAfter(ascii, 0, Math.Min(ascii.Length, 4096)) is { } early) return early;
        int meta = ascii.IndexOf("<meta", StringComparison.OrdinalIgnoreCase);
        while (meta >= 0)
        {
            int end = ascii.IndexOf('>', meta);
            if (end < 0) break;
            if (CharsetAfter(ascii, meta, end) is { } declared) return declared;
            meta = ascii.IndexOf("<meta", end, StringComparison.OrdinalIgnoreCase);
        }
        return null;
    }

    /// <summary>The value of the first "charset" between <paramref name="from"/> and <paramref name="to"/>.</summary>
    private static string? CharsetAfter(string ascii, int from, int to)
    {
        int at = ascii.IndexOf("charset", from, to - from, StringComparison.OrdinalIgnoreCase);
        while (at >= 0)
        {
            int i = at + "charset".Length;
            while (i < to && (ascii[i] == ' ' || ascii[i] == '=' || ascii[i] == '"' || ascii[i] == '\'')) i++;
            int start = i;
            while (i < to && (char.IsAsciiLetterOrDigit(ascii[i]) || ascii[i] is '-' or '_' or ':' or '.')) i++;
            if (i > start) return ascii[start..i];
            at = i < to ? ascii.IndexOf("charset", i, to - i, StringComparison.OrdinalIgnoreCase) : -1;
        }
        return null;
    }

    private static DecodedText DecodeUtf8(ReadOnlySpan<byte> bytes, bool allowLegacyGuess)
    {
        if (Utf8.IsValid(bytes)) return CheckText(Encoding.UTF8.GetString(bytes), "utf-8");
        if (!allowLegacyGuess)
        {
            int bad = FirstInvalidUtf8(bytes);
            return DecodedText.Fail($"not valid UTF-8 (first invalid byte 0x{bytes[bad]:X2} at offset {bad}); save it as UTF-8");
        }
        // A page of UTF-8 with a few broken sequences (a truncated upload, one pasted legacy character) is UTF-8:
        // the broken bytes become U+FFFD, as a browser shows them. A page that says UTF-8 but has many broken
        // sequences is far more often a legacy code page.
        var (multiByte, invalid) = Utf8Sequences(bytes);
        if (multiByte >= 8 && multiByte >= invalid * 8) return CheckText(Encoding.UTF8.GetString(bytes), "utf-8");
        var legacy = GuessLegacy(bytes);
        return CheckText(legacy.GetString(bytes), legacy.WebName);
    }

    private static bool HasMultiByte(ReadOnlySpan<byte> bytes) => bytes.IndexOfAnyInRange((byte)0x80, (byte)0xFF) >= 0;

    private static DecodedText DecodeUtf16(ReadOnlySpan<byte> bytes, bool bigEndian)
    {
        if (bytes.Length % 2 != 0) bytes = bytes[..^1];
        var encoding = new UnicodeEncoding(bigEndian, byteOrderMark: false, throwOnInvalidBytes: true);
        try
        {
            return CheckText(encoding.GetString(bytes), bigEndian ? "utf-16be" : "utf-16le");
        }
        catch (DecoderFallbackException)
        {
            return DecodedText.Fail("not valid UTF-16 (unpaired surrogate)");
        }
    }

    private static DecodedText CheckText(string text, string charset)
    {
        int control = 0;
        foreach (char c in text)
        {
            if (c == '\0') return DecodedText.Fail("binary content (NUL characters), not text");
            if (char.IsControl(c) && c is not '\n' and not '\r' and not '\t' and not '\f') control++;
        }
        if (text.Length > 0 && control > 32 && control * 20 > text.Length)
            return DecodedText.Fail("binary content (control characters), not text");
        if (string.IsNullOrWhiteSpace(text)) return DecodedText.Fail("no text (only whitespace)");
        return DecodedText.Ok(text, charset);
    }

    /// <summary>Magic numbers of formats that are never text: images, archives, PDF, office files.</summary>
    private static bool LooksBinary(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])
        || bytes.StartsWith("GIF8"u8) || bytes.StartsWith("%PDF"u8) || bytes.StartsWith((ReadOnlySpan<byte>)[0x50, 0x4B, 0x03, 0x04])
        || bytes.StartsWith((ReadOnlySpan<byte>)[0x1F, 0x8B]) || bytes.StartsWith("RIFF"u8);

    /// <summary>UTF-16 text without a BOM has a NUL in every other byte for Latin script.</summary>
    private static bool LooksLikeBomlessUtf16(ReadOnlySpan<byte> bytes, out bool bigEndian)
    {
        bigEndian = false;
        int n = Math.Min(bytes.Length, 4096) & ~1;
        if (n < 8) return false;
        int evenZero = 0, oddZero = 0;
        for (int i = 0; i < n; i += 2)
        {
            if (bytes[i] == 0) evenZero++;
            if (bytes[i + 1] == 0) oddZero++;
        }
        int pairs = n / 2;
        if (oddZero > pairs * 0.4 && evenZero < pairs * 0.05) return true;
        if (evenZero > pairs * 0.4 && oddZero < pairs * 0.05)
        {
            bigEndian = true;
            return true;
        }
        return false;
    }

    /// <summary>How many well-formed multi-byte sequences and how many broken ones the bytes hold.</summary>
    private static (int MultiByte, int Invalid) Utf8Sequences(ReadOnlySpan<byte> bytes)
    {
        int multiByte = 0, invalid = 0, offset = 0;
        while (offset < bytes.Length)
        {
            int next = bytes[offset..].IndexOfAnyInRange((byte)0x80, (byte)0xFF);
            if (next < 0) break;
            offset += next;
            var status = System.Text.Rune.DecodeFromUtf8(bytes[offset..], out _, out int consumed);
            if (status == System.Buffers.OperationStatus.Done) multiByte++;
            else invalid++;
            offset += Math.Max(consumed, 1);
        }
        return (multiByte, invalid);
    }

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        int offset = 0;
        while (offset < bytes.Length)
        {
            var status = System.Text.Rune.DecodeFromUtf8(bytes[offset..], out _, out int consumed);
            if (status != System.Buffers.OperationStatus.Done) return offset;
            offset += consumed;
        }
        return 0;
    }

    /// <summary>
    /// The legacy code page of a page that is not UTF-8. A page that names its language (&lt;html lang&gt;) gets that
    /// language's usual code page, as browsers default by locale: GB18030 for Chinese, Shift_JIS for Japanese,
    /// windows-1250 for Polish or Czech, and so on. Otherwise: windows-1251 (Cyrillic) puts most letters in
    /// 0xC0–0xFF, windows-1254 (Turkish, old Azerbaijani Latin) uses high bytes only for the few non-ASCII
    /// letters, and the share of high bytes among letters tells them apart.
    /// </summary>
    private static Encoding GuessLegacy(ReadOnlySpan<byte> bytes)
    {
        if (HtmlLanguage(bytes) is { } lang && LanguageCodePage(lang) is int codePage) return Encodings.ForCodePage(codePage);
        int high = 0, asciiLetters = 0;
        foreach (byte b in bytes)
        {
            if (b >= 0xC0) high++;
            else if (b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z') asciiLetters++;
        }
        return Encodings.ForCodePage(high > asciiLetters / 2 ? 1251 : 1254);
    }

    /// <summary>The primary language subtag of the &lt;html lang&gt; attribute in the first 4 KB, lower-cased.</summary>
    private static string? HtmlLanguage(ReadOnlySpan<byte> bytes)
    {
        string ascii = Encoding.Latin1.GetString(bytes[..Math.Min(bytes.Length, 4096)]);
        int html = ascii.IndexOf("<html", StringComparison.OrdinalIgnoreCase);
        if (html < 0) return null;
        int end = ascii.IndexOf('>', html);
        if (end < 0) return null;
        int at = ascii.IndexOf("lang=", html, end - html, StringComparison.OrdinalIgnoreCase);
        if (at < 0) return null;
        int i = at + 5;
        if (i < end && ascii[i] is '"' or '\'') i++;
        int start = i;
        while (i < end && char.IsAsciiLetter(ascii[i])) i++;
        return i - start is 2 or 3 ? ascii[start..i].ToLowerInvariant() : null;
    }

    /// <summary>The code page pages in a language were written in before UTF-8, where one stands out.</summary>
    private static int? LanguageCodePage(string language) => language switch
    {
        "zh" => 54936, // GB18030, a superset of GBK and GB2312
        "ja" => 932, // Shift_JIS
        "ko" => 949, // EUC-KR / Unified Hangul
        "ru" or "uk" or "be" or "bg" or "sr" or "mk" or "kk" or "ky" or "tg" => 1251,
        "tr" or "az" => 1254,
        "pl" or "cs" or "sk" or "hu" or "ro" or "hr" or "sl" or "bs" => 1250,
        "el" => 1253,
        "he" => 1255,
        "ar" or "fa" or "ur" => 1256,
        "lt" or "lv" or "et" => 1257,
        "vi" => 1258,
        "th" => 874,
        "de" or "fr" or "es" or "it" or "nl" or "pt" or "en" or "da" or "sv" or "no" or "nb" or "fi" or "is" or "ca" => 1252,
        _ => null,
    };
}
