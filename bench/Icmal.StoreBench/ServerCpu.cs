using System.Globalization;
using Icmal.Storage;
using Npgsql;

namespace Icmal.StoreBench;

/// <summary>
/// CPU seconds used so far by the PostgreSQL backends serving one database (Linux /proc: processes whose title is
/// "postgres: USER DATABASE ..."), so the import's cost counts the server's work too, not only this process's; the
/// machine is shared, and other clusters' backends are not counted. 0 on SQLite or where /proc is not readable.
/// </summary>
internal static class ServerCpu
{
    public static double Seconds(DatabaseSetting setting)
    {
        if (setting.Engine != DatabaseEngine.PostgreSql || !Directory.Exists("/proc")) return 0;
        string database = new NpgsqlConnectionStringBuilder(setting.Target).Database ?? "";
        string marker = " " + database + " ";
        double ticks = 0;
        foreach (string dir in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                string cmdline = File.ReadAllText(Path.Combine(dir, "cmdline"));
                if (!cmdline.StartsWith("postgres: ", StringComparison.Ordinal) || !cmdline.Contains(marker, StringComparison.Ordinal)) continue;
                string stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                // After the name: state is field 3, utime 14 and stime 15 (1-based in proc(5)).
                ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
            {
                // A process that ended meanwhile, or one not ours to read.
            }
        }
        return ticks / 100.0;
    }
}
