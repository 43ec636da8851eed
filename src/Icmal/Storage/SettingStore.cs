namespace Icmal.Storage;

/// <summary>Small named values the application keeps between runs ("the sample was imported", "defaults were added").</summary>
public sealed class SettingStore(Database database)
{
    private static readonly string[] Columns = ["key", "value"];
    private static readonly string[] Key = ["key"];

    public async Task<string?> GetAsync(string key, CancellationToken ct)
    {
        await using var conn = await database.ConnectAsync(ct);
        return await Sql.ScalarAsync(conn, null, "SELECT value FROM settings WHERE key = @k", ct, ("@k", key)) as string;
    }

    public async Task SetAsync(string key, string value, CancellationToken ct)
    {
        await using var conn = await database.ConnectAsync(ct);
        await Sql.ExecAsync(conn, null, database.Dialect.Upsert("settings", Columns, Key, "value = excluded.value"), ct, ("@key", key), ("@value", value));
    }
}
