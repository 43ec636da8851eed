using System.Globalization;
using Npgsql;

namespace Icmal.Storage;

/// <summary>
/// A PostgreSQL setting's two spellings made one: a libpq URL (<c>postgresql://USER:PASSWORD@HOST:PORT/DATABASE?sslmode=require</c>,
/// what operators and hosting panels hand out) or an Npgsql connection string (<c>Host=...;Database=...</c>), both
/// checked here, when the setting is read, so a typo stops the command before it touches data, not at its first query.
/// </summary>
internal static class PostgreSqlConnection
{
    /// <summary>The URL's query parameters İcmal passes on, by libpq's name, with Npgsql's keyword for each.</summary>
    private static readonly Dictionary<string, string> UrlParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sslmode"] = "SSL Mode",
        ["application_name"] = "Application Name",
        ["connect_timeout"] = "Timeout",
        ["options"] = "Options",
        ["target_session_attrs"] = "Target Session Attributes",
        ["sslrootcert"] = "Root Certificate",
        ["sslcert"] = "SSL Certificate",
        ["sslkey"] = "SSL Key",
        ["passfile"] = "Passfile",
        ["host"] = "Host",
        ["port"] = "Port",
        ["user"] = "Username",
        ["password"] = "Password",
        ["dbname"] = "Database",
    };

    /// <summary>
    /// The Npgsql connection string <paramref name="target"/> (the setting after "postgresql:") names, checked; anything
    /// unusable is one <see cref="DatabaseSettingException"/> that names the problem and never repeats a password.
    /// </summary>
    public static string ConnectionString(string setting, string target)
    {
        var builder = new NpgsqlConnectionStringBuilder();
        try
        {
            if (target.StartsWith("//", StringComparison.Ordinal)) FromUrl(builder, target[2..]);
            else builder.ConnectionString = target;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            throw new DatabaseSettingException(
                $"the database setting \"{DatabaseSetting.Masked(setting)}\" is not a usable PostgreSQL connection: {e.Message}; expected {DatabaseSetting.PostgreSqlForms}");
        }
        if (string.IsNullOrWhiteSpace(builder.Host))
            throw new DatabaseSettingException(
                $"the database setting \"{DatabaseSetting.Masked(setting)}\" names no host; expected {DatabaseSetting.PostgreSqlForms}");
        return builder.ConnectionString;
    }

    /// <summary>
    /// The connection string the pool is built with: <paramref name="connectionString"/> with automatic preparation
    /// (<see cref="MaxAutoPrepare"/>) unless it sets that itself.
    /// </summary>
    public static string ForPool(string connectionString)
    {
        if (NamesAutoPrepare(connectionString)) return connectionString;
        return new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = MaxAutoPrepare, AutoPrepareMinUsages = AutoPrepareMinUsages }.ConnectionString;
    }

    /// <summary>
    /// How many statements each connection keeps prepared on the server (Npgsql's automatic preparation), unless the
    /// setting chooses otherwise. An import or a crawl sends the same few statements for every article (copy
    /// candidates, a sketch, a story, a batch's inserts): unprepared, PostgreSQL parsed, analysed and planned each one
    /// every time, which in <c>perf</c> of the server during an import was about 40 % of its CPU (planning alone 28 %,
    /// the candidate look-up's sixteen-way union most of it). Prepared, it parses once and, once its generic plan is
    /// as good as the custom ones, plans once too.
    /// </summary>
    internal const int MaxAutoPrepare = 64;

    /// <summary>After how many uses a statement is prepared: the second, as nearly every statement İcmal sends repeats.</summary>
    internal const int AutoPrepareMinUsages = 2;

    /// <summary>Whether a connection string sets automatic preparation itself (then its choice stands).</summary>
    /// <remarks>The keys as written (a generic builder holds only those given; Npgsql's own reports every known key as present),
    /// compared without spaces or case, as Npgsql reads them: a password or a database named "…AutoPrepare…" is no key.</remarks>
    private static bool NamesAutoPrepare(string connectionString) =>
        new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Select(k => k.Replace(" ", "", StringComparison.Ordinal))
            .Any(k => k.Equals("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase) || k.Equals("AutoPrepareMinUsages", StringComparison.OrdinalIgnoreCase));

    /// <summary>Where a connection string points, for messages: host, port and database, never the user or password.</summary>
    public static string Location(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return string.Create(CultureInfo.InvariantCulture, $"postgresql://{builder.Host}:{builder.Port}/{builder.Database ?? builder.Username}");
    }

    /// <summary>Reads <c>[USER[:PASSWORD]@][HOST[:PORT][,HOST...]][/DATABASE][?NAME=VALUE&amp;...]</c> (the part after "//").</summary>
    private static void FromUrl(NpgsqlConnectionStringBuilder builder, string url)
    {
        string query = "";
        int q = url.IndexOf('?', StringComparison.Ordinal);
        if (q >= 0)
        {
            query = url[(q + 1)..];
            url = url[..q];
        }
        int slash = url.IndexOf('/', StringComparison.Ordinal);
        string authority = slash >= 0 ? url[..slash] : url;
        string database = slash >= 0 ? Uri.UnescapeDataString(url[(slash + 1)..]) : "";
        int at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            string user = authority[..at];
            authority = authority[(at + 1)..];
            int colon = user.IndexOf(':', StringComparison.Ordinal);
            if (colon >= 0)
            {
                builder.Password = Uri.UnescapeDataString(user[(colon + 1)..]);
                user = user[..colon];
            }
            if (user.Length > 0) builder.Username = Uri.UnescapeDataString(user);
        }
        if (authority.Length > 0) SetHost(builder, Uri.UnescapeDataString(authority));
        if (database.Length > 0) builder.Database = database;
        foreach (string pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = pair.IndexOf('=', StringComparison.Ordinal);
            string name = Uri.UnescapeDataString(eq >= 0 ? pair[..eq] : pair);
            string value = eq >= 0 ? Uri.UnescapeDataString(pair[(eq + 1)..]) : "";
            if (!UrlParameters.TryGetValue(name, out string? keyword))
                throw new ArgumentException($"the URL parameter \"{name}\" is not one İcmal knows ({string.Join(", ", UrlParameters.Keys)})");
            builder[keyword] = value;
        }
    }

    /// <summary>One host with its port ("db:5433", "[::1]:5433"), or several as Npgsql takes them ("a:5432,b:5432").</summary>
    private static void SetHost(NpgsqlConnectionStringBuilder builder, string hosts)
    {
        if (hosts.Contains(',', StringComparison.Ordinal))
        {
            builder.Host = hosts;
            return;
        }
        int colon = hosts.LastIndexOf(':');
        int bracket = hosts.LastIndexOf(']');
        if (colon > bracket && colon >= 0)
        {
            builder.Port = int.Parse(hosts[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture);
            hosts = hosts[..colon];
        }
        builder.Host = hosts.TrimStart('[').TrimEnd(']');
    }
}
