using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;

namespace Icmal.Web.Catalogue;

/// <summary>The interface languages this portal offers (its options), for the switch and the hreflang links.</summary>
public sealed record OfferedCultures(IReadOnlyList<string> Names);

/// <summary>
/// Addresses of one page in each interface language, and the cookie that keeps a reader's choice: a link chosen in
/// the language switch carries <c>?culture=</c>, the portal answers in that language and remembers it, so the next
/// page (with no parameter) stays in it. Azerbaijani has its own link too: a reader who chose Russian gets back.
/// </summary>
public static class InterfaceLinks
{
    /// <summary>This request's path and query with <c>culture</c> set to <paramref name="culture"/> (and no ui-culture).</summary>
    public static string InCulture(HttpContext? http, string culture)
    {
        if (http is null) return "/?culture=" + Uri.EscapeDataString(culture);
        var pairs = http.Request.Query
            .Where(q => !string.Equals(q.Key, "culture", StringComparison.OrdinalIgnoreCase) && !string.Equals(q.Key, "ui-culture", StringComparison.OrdinalIgnoreCase))
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)))
            .Append(new KeyValuePair<string, string?>("culture", culture));
        return (http.Request.PathBase + http.Request.Path).ToString() + QueryString.Create(pairs).ToUriComponent();
    }

    /// <summary>The same, absolute, for hreflang alternates and canonical links.</summary>
    public static string Absolute(HttpContext http, string pathAndQuery) =>
        $"{http.Request.Scheme}://{http.Request.Host.ToUriComponent()}{pathAndQuery}";

    /// <summary>
    /// Remembers a language the request chose by <c>?culture=</c> in the culture cookie (a year, first-party, not
    /// readable by scripts): only when the reader chose it, and only a language the portal offers.
    /// </summary>
    public static void RememberChoice(HttpContext http, OfferedCultures offered)
    {
        string? asked = http.Request.Query["culture"].FirstOrDefault() ?? http.Request.Query["ui-culture"].FirstOrDefault();
        if (string.IsNullOrEmpty(asked)) return;
        string current = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        if (!offered.Names.Contains(current, StringComparer.OrdinalIgnoreCase)
            || !asked.StartsWith(current, StringComparison.OrdinalIgnoreCase)) return;
        http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(current)),
            new CookieOptions { MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = SameSiteMode.Lax, Path = "/", IsEssential = true });
    }
}
