namespace Icmal.Storage;

/// <summary>The database engines a setting can name.</summary>
public enum DatabaseEngine
{
    Sqlite,
    PostgreSql,
}

/// <summary>A database setting that can not be used, with the reason in words a person acts on.</summary>
public sealed class DatabaseSettingException(string message) : Exception(message);

/// <summary>
/// The database a setting names could not be opened or brought up to date (not a database, no permission, a failed
/// or too new schema step); the message names the file and the problem, and nothing was changed.
/// </summary>
public sealed class DatabaseOpenException(string message, Exception? inner) : Exception(message, inner);

/// <summary>
/// Where İcmal keeps its data, as one setting string: <c>sqlite:PATH</c> (a file; the default is
/// <c>sqlite:&lt;data dir&gt;/icmal.db</c>), or a PostgreSQL server as a URL (<c>postgresql://USER:PASSWORD@HOST:PORT/DATABASE</c>,
/// libpq's form) or an Npgsql connection string (<c>postgresql:Host=...;Database=...</c>).
/// </summary>
/// <param name="Target">For SQLite the database file's full path; for PostgreSQL an Npgsql connection string.</param>
public sealed record DatabaseSetting(DatabaseEngine Engine, string Target)
{
    /// <summary>The database file inside a data folder: what every command uses unless told otherwise.</summary>
    public const string DefaultFileName = "icmal.db";

    /// <summary>The default setting for a data folder: <c>sqlite:DIR/icmal.db</c>.</summary>
    public static DatabaseSetting InDataFolder(string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        return new DatabaseSetting(DatabaseEngine.Sqlite, Path.GetFullPath(Path.Combine(dataDirectory, DefaultFileName)));
    }

    /// <summary>
    /// Reads a setting. Anything unusable (no engine, an unknown engine, an empty path or connection string, a folder
    /// where a file is meant) is one <see cref="DatabaseSettingException"/> naming the setting and the problem.
    /// </summary>
    public static DatabaseSetting Parse(string? setting)
    {
        if (string.IsNullOrWhiteSpace(setting)) throw new DatabaseSettingException("the database setting is empty; expected sqlite:PATH");
        int colon = setting.IndexOf(':', StringComparison.Ordinal);
        // "C:\data\icmal.db" is a Windows path, not the engine "c": say what is missing rather than "unknown engine".
        if (colon < 0 || (colon == 1 && char.IsAsciiLetter(setting[0])))
            throw new DatabaseSettingException($"the database setting \"{setting}\" names no engine; expected sqlite:PATH");
        string engine = setting[..colon].Trim();
        string target = setting[(colon + 1)..].Trim();
        if (engine.Equals("sqlite", StringComparison.OrdinalIgnoreCase))
        {
            if (target.Length == 0) throw new DatabaseSettingException($"the database setting \"{setting}\" names no file; expected sqlite:PATH");
            string path;
            try
            {
                path = Path.GetFullPath(target);
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
            {
                throw new DatabaseSettingException($"the database setting \"{setting}\" is not a usable file path: {e.Message}");
            }
            if (Directory.Exists(path))
                throw new DatabaseSettingException($"the database setting \"{setting}\" names a folder; expected a file, e.g. sqlite:{Path.Combine(target, DefaultFileName)}");
            return new DatabaseSetting(DatabaseEngine.Sqlite, path);
        }
        if (engine.Equals("postgresql", StringComparison.OrdinalIgnoreCase) || engine.Equals("postgres", StringComparison.OrdinalIgnoreCase))
        {
            if (target.Length == 0)
                throw new DatabaseSettingException($"the database setting \"{Masked(setting)}\" has no connection string; expected {PostgreSqlForms}");
            return new DatabaseSetting(DatabaseEngine.PostgreSql, PostgreSqlConnection.ConnectionString(setting, target));
        }
        throw new DatabaseSettingException($"the database setting \"{setting}\" names the unknown engine \"{engine}\"; expected sqlite:PATH or {PostgreSqlForms}");
    }

    /// <summary>How a PostgreSQL setting is written, for messages.</summary>
    internal const string PostgreSqlForms = "postgresql://USER@HOST/DATABASE or postgresql:Host=...;Database=...";

    /// <summary>A setting as messages may repeat it: a PostgreSQL one is not (it may hold a password).</summary>
    internal static string Masked(string setting) =>
        setting.TrimStart().StartsWith("postgres", StringComparison.OrdinalIgnoreCase) ? "postgresql:(connection string)" : setting;

    /// <summary>The setting as it is written; a PostgreSQL connection string is not repeated (it may hold a password).</summary>
    public override string ToString() => Engine switch
    {
        DatabaseEngine.Sqlite => "sqlite:" + Target,
        _ => "postgresql:(connection string)",
    };
}
