using Icmal.Collection;
using Icmal.Fuzz.Tests.Fuzzing;
using Icmal.Fuzz.Tests.Generators;

namespace Icmal.Fuzz.Tests.Targets;

/// <summary>URL canonicalisation: canonical forms are absolute http(s), parse with new Uri, and are fixed points.</summary>
public static class UrlTarget
{
    private static readonly Uri Base = new("https://www.numune.az/xeberler/2025/10/");

    public static readonly FuzzTarget<string> Target = new("url", UrlGen.Any, Check, CorpusCodec.FromString, CorpusCodec.ToString, DefaultIterations: 2000);

    private static void Check(string url)
    {
        foreach (string? canonical in (string?[])[UrlCanonicaliser.Canonicalise(url), UrlCanonicaliser.Canonicalise(url, Base)])
        {
            if (canonical is null) continue;
            var uri = new Uri(canonical, UriKind.Absolute);
            if (uri.Scheme is not ("http" or "https")) throw new InvalidOperationException($"canonical '{canonical}' is not http(s)");
            string? again = UrlCanonicaliser.Canonicalise(canonical);
            if (!string.Equals(again, canonical, StringComparison.Ordinal))
                throw new InvalidOperationException($"not idempotent: '{canonical}' canonicalises to '{again}'");
        }
    }
}
