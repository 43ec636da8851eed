using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Icmal.Web.Pages;

/// <summary>
/// A small builder for server-rendered HTML. Every piece of text goes through <see cref="Text"/>, which encodes it,
/// so nothing from a page, a feed or a query can inject markup into the portal.
/// </summary>
public sealed class Html
{
    /// <summary>Encodes markup characters only; Azerbaijani letters stay as they are (the default encoder escapes all non-ASCII).</summary>
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private readonly StringBuilder _sb = new(8192);

    public Html Raw(string markup)
    {
        _sb.Append(markup);
        return this;
    }

    public Html Text(string? text)
    {
        if (text is not null) _sb.Append(Encoder.Encode(text));
        return this;
    }

    /// <summary>An attribute value; only http(s) and site-relative URLs pass through <see cref="Url"/>.</summary>
    public Html Attr(string? value)
    {
        if (value is not null) _sb.Append(Encoder.Encode(value));
        return this;
    }

    /// <summary>A link target that is safe to render: http(s) absolute or a path on this site, else "#".</summary>
    public static string SafeUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) return "#";
        if (url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal)) return url;
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri.AbsoluteUri : "#";
    }

    public override string ToString() => _sb.ToString();
}
