using Icmal.Collection;

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
    /// sqlite:DATA/icmal.db. A PostgreSQL connection string will be the other kind.
    /// </summary>
    public string? Database { get; init; }

    /// <summary>The fetcher: politeness gap, time and size caps, retries, robots.txt, User-Agent.</summary>
    public FetchOptions Fetch { get; init; } = new();

    /// <summary>The crawler: sources at once, pages per poll, sitemap depth and age, refetch interval.</summary>
    public CrawlOptions Crawl { get; init; } = new();

    /// <summary>The portal and JSON API of `icmal serve`.</summary>
    public PortalSettings Portal { get; init; } = new();

    /// <summary>The database setting, parsed (a method, not a property, so that binding never runs it).</summary>
    /// <exception cref="FormatException">The setting is not a database this version can open.</exception>
    public DatabaseSetting ParseDatabase() => DatabaseSetting.Parse(Database, Data);
}

/// <summary>The portal's settings.</summary>
public sealed record PortalSettings
{
    /// <summary>Addresses to listen on, separated by ';' (Kestrel's form). Loopback by default: the admin pages have no login yet.</summary>
    public string Urls { get; init; } = "http://127.0.0.1:5080";
}

/// <summary>The database İcmal stores into, as parsed from the "Database" setting.</summary>
/// <param name="SqlitePath">The SQLite file's full path.</param>
public sealed record DatabaseSetting(string SqlitePath)
{
    public const string SqlitePrefix = "sqlite:";

    /// <summary>The file name today's store gives its SQLite file inside a data folder.</summary>
    public const string SqliteFileName = "icmal.db";

    /// <summary>Parses "sqlite:PATH"; null or empty means sqlite:<paramref name="data"/>/icmal.db.</summary>
    /// <exception cref="FormatException">The setting is not a database this version can open; the message says why.</exception>
    public static DatabaseSetting Parse(string? value, string data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (string.IsNullOrWhiteSpace(value)) return new DatabaseSetting(Path.GetFullPath(Path.Combine(data, SqliteFileName)));
        if (!value.StartsWith(SqlitePrefix, StringComparison.OrdinalIgnoreCase))
            throw new FormatException($"'{value}' is not a database: use sqlite:PATH (PostgreSQL connection strings are not supported yet)");
        string path = value[SqlitePrefix.Length..].Trim();
        if (path.Length == 0) throw new FormatException($"'{value}' names no file: use sqlite:PATH, e.g. sqlite:icmal-data/icmal.db");
        if (path.IndexOfAny(Path.GetInvalidPathChars()) >= 0) throw new FormatException($"'{value}': the path has characters no file name may have");
        string full = Path.GetFullPath(path);
        // Today's store names its file itself (icmal.db in a folder); until it takes a file, that is the one name.
        if (!string.Equals(Path.GetFileName(full), SqliteFileName, StringComparison.Ordinal))
            throw new FormatException($"'{value}': the SQLite file must be named {SqliteFileName} (its folder may be anywhere)");
        return new DatabaseSetting(full);
    }

    /// <summary>The folder holding the SQLite file, as <see cref="Storage.IcmalStore.OpenSqliteAsync"/> takes it.</summary>
    public string SqliteFolder => Path.GetDirectoryName(SqlitePath)!;
}
