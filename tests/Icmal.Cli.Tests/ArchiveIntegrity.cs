using System.Data.Common;
using Icmal.Storage;
using Icmal.Tests.Support;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Icmal.Cli.Tests;

/// <summary>
/// What a killed writer must never leave behind, read straight from the database (on either engine) before any İcmal
/// process opens it again (opening would index what the index lacks): a document without its article, an article
/// without its search row or text, a document stored twice, an address marked stored whose article is missing.
/// </summary>
public static class ArchiveIntegrity
{
    /// <summary>The command-line value of a test database: sqlite:PATH or postgresql:CONNECTION STRING.</summary>
    public static string Argument(TestDatabase db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return (db.Engine == DatabaseEngine.Sqlite ? "sqlite:" : "postgresql:") + db.Setting.Target;
    }

    public static async Task AssertNoHalfWrittenRowsAsync(TestDatabase db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        await using DbConnection conn = db.Engine == DatabaseEngine.Sqlite
            ? new SqliteConnection($"Data Source={db.Setting.Target};Mode=ReadOnly;Pooling=False")
            : new NpgsqlConnection(db.Setting.Target + ";Pooling=false");
        await conn.OpenAsync(ct);
        string searchKey = db.Engine == DatabaseEngine.Sqlite ? "rowid" : "article_id";
        await using var cmd = conn.CreateCommand();
#pragma warning disable CA2100 // A column name chosen above; no value.
        cmd.CommandText = $"""
            SELECT (SELECT COUNT(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.document_id = d.id)),
                   (SELECT COUNT(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM article_search s WHERE s.{searchKey} = a.id)),
                   (SELECT COUNT(*) FROM articles WHERE body = '' OR title = ''),
                   (SELECT COUNT(*) FROM (SELECT sha256 FROM documents GROUP BY sha256 HAVING COUNT(*) > 1) twice),
                   (SELECT COUNT(*) FROM seen_urls u WHERE u.article_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = u.article_id))
            """;
#pragma warning restore CA2100
        await using var r = await cmd.ExecuteReaderAsync(ct);
        Assert.True(await r.ReadAsync(ct));
        Assert.Equal(0L, r.GetInt64(0));
        Assert.Equal(0L, r.GetInt64(1));
        Assert.Equal(0L, r.GetInt64(2));
        Assert.Equal(0L, r.GetInt64(3));
        Assert.Equal(0L, r.GetInt64(4));
    }
}
