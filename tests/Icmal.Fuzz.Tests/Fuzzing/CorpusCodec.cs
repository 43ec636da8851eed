using System.Text;

namespace Icmal.Fuzz.Tests.Fuzzing;

/// <summary>
/// Corpus files stay readable where they can: a string is stored as UTF-8, unless it holds a lone surrogate (which
/// UTF-8 can not carry), then as UTF-16LE with a byte-order mark. Both read back to the exact string.
/// </summary>
public static class CorpusCodec
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static byte[] FromString(string text)
    {
        try
        {
            return StrictUtf8.GetBytes(text);
        }
        catch (EncoderFallbackException)
        {
            return [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(text)];
        }
    }

    public static string ToString(byte[] file) =>
        file is [0xFF, 0xFE, ..] ? Encoding.Unicode.GetString(file, 2, file.Length - 2) : Encoding.UTF8.GetString(file);

    /// <summary>A byte input with a one-line text header (a charset label, say): "header\n" then the bytes.</summary>
    public static byte[] WithHeader(string? header, byte[] body) => [.. Encoding.UTF8.GetBytes((header ?? "") + "\n"), .. body];

    public static (string? Header, byte[] Body) SplitHeader(byte[] file)
    {
        int nl = Array.IndexOf(file, (byte)'\n');
        if (nl < 0) return (null, file);
        string header = Encoding.UTF8.GetString(file, 0, nl);
        return (header.Length == 0 ? null : header, file[(nl + 1)..]);
    }
}
