namespace Icmal.Fuzz.Tests.Fuzzing;

/// <summary>A folder of its own for a target's archive, deleted when the process ends (its SQLite pools closed first).</summary>
public static class TempFolder
{
    public static string Create(string prefix)
    {
        string folder = Directory.CreateTempSubdirectory(prefix).FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        };
        return folder;
    }
}
