using Icmal.Collection;
using Icmal.Ingest;
using Icmal.Storage;

namespace Icmal.Hosting;

/// <summary>
/// Everything an İcmal process is configured with, bound by <see cref="IcmalConfiguration"/> from appsettings.json,
/// ICMAL_* environment variables and command-line flags. Section and key names are the property names
/// (e.g. "Fetch:MinHostGap", ICMAL_FETCH__MINHOSTGAP); times are .NET time spans ("00:00:01", "1.00:00:00").
/// </summary>
public sealed record IcmalOptions
{
    /// <summary>The data folder (its full path once loaded): the SQLite database by default, and the folder's appsettings.json.</summary>
    public string Data { get; init; } = "icmal-data";

    /// <summary>
    /// Where articles are stored: "sqlite:PATH" (a file; relative paths are read from the current folder). Empty means
    /// sqlite:DATA/icmal.db. The other kind is PostgreSQL: "postgresql://USER:PASSWORD@HOST/DATABASE" or "postgresql:Host=...".
    /// </summary>
    public string? Database { get; init; }

    /// <summary>
    /// Where the portal reads from, when not from <see cref="Database"/>: a streaming replica of it, in the same forms.
    /// Empty means the portal reads <see cref="Database"/>. Writes (the collector, first-start chores) always go to
    /// <see cref="Database"/>; a read-only portal (<see cref="PortalSettings.ReadOnly"/>) writes nowhere.
    /// </summary>
    public string? ReadDatabase { get; init; }

    /// <summary>The fetcher: politeness gap, time and size caps, retries, robots.txt, User-Agent.</summary>
    public FetchOptions Fetch { get; init; } = new();

    /// <summary>The crawler: sources at once, pages per poll, sitemap depth and age, refetch interval.</summary>
    public CrawlOptions Crawl { get; init; } = new();

    /// <summary>The portal and JSON API of `icmal serve`.</summary>
    public PortalSettings Portal { get; init; } = new();

    /// <summary>
    /// The database setting, parsed (a method, not a property, so that binding never runs it); empty means the file
    /// icmal.db in the data folder.
    /// </summary>
    /// <exception cref="DatabaseSettingException">The setting is not a database this version can open.</exception>
    public DatabaseSetting ParseDatabase()
    {
        return string.IsNullOrWhiteSpace(Database) ? DatabaseSetting.InDataFolder(Data) : DatabaseSetting.Parse(Database);
    }

    /// <summary>The database the portal reads: <see cref="ReadDatabase"/> when set, else <see cref="Database"/>.</summary>
    /// <exception cref="DatabaseSettingException">The setting is not a database this version can open.</exception>
    public DatabaseSetting ParseReadDatabase()
    {
        return string.IsNullOrWhiteSpace(ReadDatabase) ? ParseDatabase() : DatabaseSetting.Parse(ReadDatabase);
    }
}

/// <summary>The portal's settings.</summary>
public sealed record PortalSettings
{
    /// <summary>Addresses to listen on, separated by ';' (Kestrel's form). Loopback by default: the admin pages have no login yet.</summary>
    public string Urls { get; init; } = "http://127.0.0.1:5080";

    /// <summary>
    /// Serve only: no migrations, no collector, no first-start chores, and the database opened so that nothing can
    /// write (a replica's portal). Set by <c>icmal serve --read-only</c>, or here for a deployment.
    /// </summary>
    public bool ReadOnly { get; init; }
}
