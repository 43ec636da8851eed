using System.Text.RegularExpressions;
using Icmal.Model;

namespace Icmal.Extraction;

/// <summary>
/// Credit lines of republished items: "Sherg.az portalına istinadən", "Mənbə: https://sherg.az", "Source: Reuters",
/// "Источник: ...", "Kaynak: ...".
/// </summary>
public static partial class SourceCredits
{
    /// <summary>Reads a credit from <paramref name="line"/>, merging it into <paramref name="credit"/>; true when the line is one.</summary>
    public static bool TryRead(string line, ref SourceCredit? credit)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (line.Length >= 200 || !MayBeCredit(line)) return false;
        var via = CreditVia().Match(line);
        if (via.Success)
        {
            credit = new SourceCredit(via.Groups["name"].Value.TrimEnd('.', ','), credit?.Url);
            return true;
        }
        var source = CreditSource().Match(line);
        if (source.Success)
        {
            string value = source.Groups["value"].Value.Trim().TrimEnd('.', ',', ';');
            if (value.Length == 0) return false;
            credit = value.StartsWith("http", StringComparison.OrdinalIgnoreCase)
                ? new SourceCredit(credit?.Name ?? HostName(value), value)
                : new SourceCredit(value, credit?.Url);
            return true;
        }
        return false;
    }

    /// <summary>True when the whole line is a credit and nothing else (so it can be dropped from the body).</summary>
    public static bool IsCreditOnly(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (line.Length >= 160 || !MayBeCredit(line)) return false;
        var source = CreditSource().Match(line);
        if (source.Success && source.Index <= 8) return true;
        var via = CreditVia().Match(line);
        return via.Success && line.Length < 120;
    }

    /// <summary>A cheap test before the patterns: every credit has a colon or one of the two Azerbaijani verbs.</summary>
    private static bool MayBeCredit(string line) =>
        line.Contains(':', StringComparison.Ordinal) || line.Contains("istinad", StringComparison.OrdinalIgnoreCase)
        || line.Contains("əsasən", StringComparison.OrdinalIgnoreCase);

    private static string? HostName(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host : null;

    [GeneratedRegex(@"(?<name>[\p{L}\d][\p{L}\d.\-]*)\s+(portal|sayt|agentliy|qəzet|nəşr|kanal|resurs|xəbər\s+portal)\p{L}*\s+(istinadən|əsasən)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex CreditVia();

    [GeneratedRegex(@"(Mənbə|Menbe|Источник|Kaynak|Source|Quelle|Fuente)\s*:\s*(?<value>[^\s|]+(?:\s[\p{Lu}][\p{L}.]+){0,3})", RegexOptions.CultureInvariant)]
    private static partial Regex CreditSource();
}
