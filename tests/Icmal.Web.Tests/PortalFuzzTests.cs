using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Icmal.Web.Tests;

/// <summary>
/// Every route the portal maps, asked with hostile addresses: path values, query parameters (each one any route reads,
/// repeated, empty, out of range, of any script, percent-escapes that decode to nothing valid), Accept-Language and
/// culture cookies. None is answered with a 5xx; an API error is one JSON object naming the problem. The addresses come
/// from a fixed seed, so a failure names one address that fails every time.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class PortalFuzzTests(PortalFixture portal)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Parameters =
        ["q", "limit", "offset", "before", "after", "day", "kind", "lang", "site", "since", "until", "category", "page", "culture", "ui-culture", "period"];

    /// <summary>Values as typed, already escaped for an address (some escapes decode to invalid UTF-8 on purpose).</summary>
    private static readonly string[] Values =
    [
        "", "0", "-1", "1", "20", "101", "10001", "2147483648", "99999999999999999999", "1e3", "NaN", "0x10", "+5", " 5", "5.5",
        "2025-10-21", "2025-02-30", "0001-01-01", "9999-12-31", "10000-01-01", "21.10.2025", "2025-10-21T09:30:00%2B04:00",
        "az", "ru", "en", "tr", "xx", "AZ", "%C4%B0", "%C4%B1", "az-Latn-AZ", "PER", "ORG", "LOC", "X",
        "qazaxistan", "%22", "%22Astana", "-", "OR", "title%3A", "entity%3A1", "entity%3A%22%C4%B0lham%22", "source%3Aapa.az", "category%3Aidman",
        "siyaset", "apa.az", "https%3A%2F%2Fapa.az%2Fx", "..", "..%2F..%2Fetc%2Fpasswd", "%2F", "%5C", "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "'%3B%20DROP%20TABLE%20articles%3B--", "%00", "%01%07", "%C0%AF", "%FF%FE", "%ED%A0%80", "%E2%80%AE", "%EF%BB%BF", "%F0%9F%87%A6%F0%9F%87%BF",
        "%D0%A2%D0%BE%D0%BA%D0%B0%D0%B5%D0%B2", "%25", "%", "%zz", "a%20b", "+", "%2B", "&", "%26", "=", "%3D", "#", "g%7Cs.", "3-%255",
    ];

    private static readonly string[] Languages = ["", "az", "ru, en;q=0.5", "tr", "*", "xx-YY", "en;q=abc", "%%%", "az-Cyrl-AZ", new string('a', 300)];

    [Fact]
    public async Task Hostile_addresses_on_every_route_are_never_a_5xx()
    {
        // A client of its own that keeps no cookies: a ?ui-culture= asked here sets the portal's culture cookie, which
        // the collection's shared client would carry into every later test (they then read Russian pages).
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = portal.BaseAddress };
        var random = new Random(20261206);
        var failures = new List<string>();
        int asked = 0;
        // Every value once on every route (in its path and as one of the parameters, in turn), every value as the query
        // of each search, then random mixtures.
        var addresses = new List<(string Path, bool Headers)>();
        for (int r = 0; r < portal.RoutePatterns.Count; r++)
        {
            for (int v = 0; v < Values.Length; v++)
                addresses.Add((Fill(portal.RoutePatterns[r], () => Values[v]) + "?" + Parameters[(r + v) % Parameters.Length] + "=" + Values[v], false));
        }
        foreach (string search in new[] { "/search", "/api/search", "/search.atom" })
            addresses.AddRange(Values.Select(v => (search + "?q=" + v, false)));
        foreach (string pattern in portal.RoutePatterns)
        {
            for (int n = 0; n < 40; n++) addresses.Add((Fill(pattern, () => Pick(random)) + Query(random), true));
        }
        foreach (var (path, headers) in addresses)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
            if (headers && random.Next(3) == 0) request.Headers.TryAddWithoutValidation("Accept-Language", Languages[random.Next(Languages.Length)]);
            if (headers && random.Next(5) == 0) request.Headers.TryAddWithoutValidation("Cookie", ".AspNetCore.Culture=" + Pick(random));
            using var response = await client.SendAsync(request, Ct);
            asked++;
            if ((int)response.StatusCode >= 500) failures.Add($"{(int)response.StatusCode} {path}");
            // Kestrel refuses some request lines itself (a NUL in the path) before any of ours runs: an empty 400.
            else if (path.StartsWith("/api/", StringComparison.Ordinal) && (int)response.StatusCode is >= 400 and not 404
                && response.Content.Headers.ContentType is not null)
            {
                string body = await response.Content.ReadAsStringAsync(Ct);
                try
                {
                    using var json = JsonDocument.Parse(body);
                    if (json.RootElement.GetProperty("error").GetString() is not { Length: > 10 }) failures.Add($"{path}: error says too little: {body}");
                }
                catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
                {
                    failures.Add($"{(int)response.StatusCode} {path}: not one JSON error: {body[..Math.Min(body.Length, 200)]}");
                }
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {asked} addresses:\n" + string.Join('\n', failures.Take(20)));
        Assert.True(asked >= (Values.Length + 40) * 25, $"only {asked} addresses asked");
    }

    private static string Pick(Random random) => random.Next(8) == 0 ? new string('9', random.Next(30, 3000)) : Values[random.Next(Values.Length)];

    /// <summary>The route with each {value} replaced by one of <paramref name="pick"/>'s (never empty: an empty segment is another route).</summary>
    private static string Fill(string pattern, Func<string> pick)
    {
        var sb = new StringBuilder();
        int at = 0;
        while (pattern.IndexOf('{', at) is int open and >= 0)
        {
            int close = pattern.IndexOf('}', open);
            sb.Append(pattern, at, open - at);
            string value = pick();
            sb.Append(value.Length == 0 || value is "%2F" or ".." or "#" or "%" ? "x" + value.Replace("#", "%23", StringComparison.Ordinal).Replace("%", "%25", StringComparison.Ordinal) : value.Replace("#", "%23", StringComparison.Ordinal));
            at = close + 1;
        }
        sb.Append(pattern, at, pattern.Length - at);
        return sb.ToString();
    }

    private static string Query(Random random)
    {
        int count = random.Next(5);
        if (count == 0) return "";
        var parts = new List<string>();
        for (int i = 0; i < count; i++)
        {
            string name = Parameters[random.Next(Parameters.Length)];
            string value = Pick(random);
            if (value is "#") value = "%23";
            parts.Add(random.Next(10) == 0 ? name : string.Create(CultureInfo.InvariantCulture, $"{name}={value}"));
        }
        return "?" + string.Join('&', parts);
    }
}
