using System.Text;

namespace Icmal.Decoding;

/// <summary>
/// The one way İcmal looks up an encoding by name or code page.
/// </summary>
/// <remarks>
/// .NET ships only the Unicode encodings and Latin-1; the legacy code pages Azerbaijani, Russian and Turkish
/// pages still arrive in (windows-1251, windows-1254, koi8-r...) need <see cref="CodePagesEncodingProvider"/>
/// registered first. Registering from whichever type happens to run first made lookups depend on call order,
/// so every lookup goes through here, where the registration is guaranteed to have happened.
/// </remarks>
public static class Encodings
{
    static Encodings() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The encoding with this Windows code page number (e.g. 1254 for Turkish and Azerbaijani Latin).</summary>
    /// <exception cref="NotSupportedException">No encoding has this number.</exception>
    public static Encoding ForCodePage(int codePage) => Encoding.GetEncoding(codePage);

    /// <summary>The encoding a charset label names (quotes and spaces around it ignored), or null when none does.</summary>
    public static Encoding? ForLabel(string? label)
    {
        if (string.IsNullOrWhiteSpace(label)) return null;
        try
        {
            return Encoding.GetEncoding(label.Trim().Trim('"', '\'').Trim());
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
