namespace Icmal.Web.Tests;

/// <summary>
/// Finds the system Chromium (Debian's package; nothing downloads a browser). Without one, browser tests are skipped
/// with a note, unless ICMAL_REQUIRE_BROWSER is set (as .ci/run does), when they fail.
/// </summary>
public static class BrowserLocator
{
    public static string? Find()
    {
        string? configured = Environment.GetEnvironmentVariable("ICMAL_CHROMIUM");
        foreach (string? candidate in new[] { configured, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome" })
            if (!string.IsNullOrEmpty(candidate) && File.Exists(candidate)) return candidate;
        return null;
    }

    public static string Require()
    {
        string? path = Find();
        if (path is not null) return path;
        const string message = "no Chromium found (install Debian's chromium, or set ICMAL_CHROMIUM); .ci/run installs it";
        if (Environment.GetEnvironmentVariable("ICMAL_REQUIRE_BROWSER") is { Length: > 0 }) Assert.Fail(message);
        Assert.Skip(message);
        return "";
    }

    /// <summary>Flags for a sandboxed CI machine with no network but loopback.</summary>
    public static readonly string[] Arguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
    ];
}
