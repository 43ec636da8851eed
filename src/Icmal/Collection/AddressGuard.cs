using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Icmal.Collection;

/// <summary>
/// Decides which network addresses a fetch may reach. Pages and feeds come from strangers: a feed entry or a redirect
/// pointing at 127.0.0.1, 10.0.0.5 or 169.254.169.254 (the cloud metadata service) must never be followed unless the
/// source was added with --allow-private.
/// </summary>
/// <remarks>
/// The check that matters runs after DNS resolution, on the very address the socket connects to
/// (<see cref="HttpFetcher"/> connects only to a vetted address). <see cref="ParseHostAddress"/> also reads the odd
/// spellings of IPv4 that URL parsers and resolvers accept (2130706433, 0x7f.1, 0177.0.0.1, 127.1) so that a URL is
/// refused before any connection is tried.
/// </remarks>
public static class AddressGuard
{
    /// <summary>Host names that always mean this machine or the cloud metadata service.</summary>
    private static readonly string[] ForbiddenNames =
    [
        "localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback", "metadata", "metadata.google.internal",
        "metadata.goog", "instance-data", "instance-data.ec2.internal",
    ];

    /// <summary>True when <paramref name="address"/> is private, loopback, link-local, multicast, reserved or metadata.</summary>
    public static bool IsForbidden(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily == AddressFamily.InterNetwork) return IsForbiddenV4(address.GetAddressBytes());
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return true;

        byte[] b = address.GetAddressBytes();
        if (IPAddress.IPv6Loopback.Equals(address) || IPAddress.IPv6None.Equals(address) || IPAddress.IPv6Any.Equals(address)) return true;
        // IPv4-compatible (::a.b.c.d, deprecated) and NAT64 (64:ff9b::/96) embed an IPv4 address: judge that.
        bool firstTwelveZero = b.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0;
        if (firstTwelveZero) return IsForbiddenV4(b[12..]);
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0)
            return IsForbiddenV4(b[12..]);
        if ((b[0] & 0xfe) == 0xfc) return true;                       // fc00::/7 unique local
        if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) return true;       // fe80::/10 link-local
        if (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0) return true;       // fec0::/10 site-local (deprecated)
        if (b[0] == 0xff) return true;                                // multicast
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8) return true; // 2001:db8::/32 documentation
        if (b[0] == 0x20 && b[1] == 0x02) return IsForbiddenV4(b[2..6]); // 6to4 embeds an IPv4 address
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x00 && b[3] == 0x00) return true; // Teredo
        if (b[0] == 0xfd && b[1] == 0x00 && b[2] == 0x0e && b[3] == 0xc2) return true; // fd00:ec2::254 metadata (already ULA)
        return false;
    }

    private static bool IsForbiddenV4(ReadOnlySpan<byte> b) => b[0] switch
    {
        0 => true,                                        // 0.0.0.0/8 "this network"
        10 => true,                                       // private
        100 => (b[1] & 0xc0) == 64,                       // 100.64.0.0/10 carrier-grade NAT
        127 => true,                                      // loopback
        169 => b[1] == 254,                               // link-local, cloud metadata 169.254.169.254
        172 => (b[1] & 0xf0) == 16,                       // 172.16.0.0/12 private
        192 => (b[1] == 168) || (b[1] == 0 && (b[2] == 0 || b[2] == 2)) || (b[1] == 88 && b[2] == 99), // private, IETF, TEST-NET-1, 6to4 relay
        198 => (b[1] & 0xfe) == 18 || (b[1] == 51 && b[2] == 100), // benchmarking, TEST-NET-2
        203 => b[1] == 0 && b[2] == 113,                 // TEST-NET-3
        >= 224 => true,                                   // multicast, reserved, broadcast
        _ => false,
    };

    /// <summary>True when the host name itself says loopback or metadata, whatever DNS answers.</summary>
    public static bool IsForbiddenName(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        string h = host.TrimEnd('.');
        foreach (string name in ForbiddenNames)
            if (h.Equals(name, StringComparison.OrdinalIgnoreCase)) return true;
        return h.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase) || h.EndsWith(".internal", StringComparison.OrdinalIgnoreCase)
            || h.EndsWith(".local", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Reads a URL host that is an IP address in any spelling resolvers accept: dotted quads with decimal, octal
    /// (leading 0) or hex (0x) parts, fewer than four parts (127.1), a single 32-bit number, bracketed IPv6
    /// including IPv4-mapped forms. Null when the host is a name.
    /// </summary>
    public static IPAddress? ParseHostAddress(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        string h = host.Trim().TrimEnd('.');
        if (h.Length == 0) return null;
        if (h[0] == '[' && h[^1] == ']') h = h[1..^1];
        if (h.Contains(':', StringComparison.Ordinal))
        {
            int zone = h.IndexOf('%', StringComparison.Ordinal);
            if (zone >= 0) h = h[..zone];
            return IPAddress.TryParse(h, out var v6) ? v6 : null;
        }
        string[] parts = h.Split('.');
        if (parts.Length > 4) return null;
        var values = new ulong[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!TryParseInetPart(parts[i], out values[i])) return null;
        ulong result;
        switch (parts.Length)
        {
            case 1:
                if (values[0] > uint.MaxValue) return null;
                result = values[0];
                break;
            case 2:
                if (values[0] > 255 || values[1] > 0xFFFFFF) return null;
                result = values[0] << 24 | values[1];
                break;
            case 3:
                if (values[0] > 255 || values[1] > 255 || values[2] > 0xFFFF) return null;
                result = values[0] << 24 | values[1] << 16 | values[2];
                break;
            default:
                if (values.Any(v => v > 255)) return null;
                result = values[0] << 24 | values[1] << 16 | values[2] << 8 | values[3];
                break;
        }
        return new IPAddress([(byte)(result >> 24), (byte)(result >> 16), (byte)(result >> 8), (byte)result]);
    }

    private static bool TryParseInetPart(string part, out ulong value)
    {
        value = 0;
        if (part.Length == 0 || part.Length > 34) return false;
        if (part.Length > 2 && part[0] == '0' && (part[1] is 'x' or 'X'))
            return ulong.TryParse(part.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
        if (part.Length > 1 && part[0] == '0')
        {
            foreach (char c in part)
            {
                if (c is < '0' or > '7') return false;
                value = value * 8 + (ulong)(c - '0');
                if (value > uint.MaxValue) return false;
            }
            return true;
        }
        foreach (char c in part)
            if (!char.IsAsciiDigit(c)) return false;
        return ulong.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>
    /// Why a URL may not be fetched before any DNS lookup (scheme, port, a forbidden literal address or name), or
    /// null when it may be tried. <paramref name="allowPrivate"/> lifts the address rules, not the scheme rule.
    /// </summary>
    public static string? CheckUrl(Uri url, bool allowPrivate)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri) return "not an absolute URL";
        if (url.Scheme is not ("http" or "https")) return $"scheme {url.Scheme} is not fetched (only http and https)";
        if (!string.IsNullOrEmpty(url.UserInfo)) return "URLs with a user name or password are not fetched";
        if (allowPrivate) return null;
        string host;
        try
        {
            host = url.IdnHost;
        }
        catch (UriFormatException)
        {
            return $"host {url.Host} is not a valid international domain name";
        }
        if (IsForbiddenName(host)) return $"host {host} is a local or metadata name (add the source with --allow-private to allow it)";
        if (ParseHostAddress(host) is { } literal && IsForbidden(literal))
            return $"address {literal} is private, loopback or link-local (add the source with --allow-private to allow it)";
        return null;
    }
}
