namespace Icmal.Storage;

/// <summary>
/// The schema step that lets several crawlers share one archive's sources (SQLite step 12, PostgreSQL step 4): a
/// source being polled carries the crawler that holds it and until when (<see cref="SourceStore.LeaseDueAsync"/>). A
/// crawler renews its lease while it polls and clears it after recording the poll; a crawler killed mid-poll leaves a
/// lease that simply runs out, and the next crawler to look takes the source. No index: a newsroom follows hundreds of
/// sources, not millions, and the lease queries read them all anyway.
/// </summary>
internal static class SourceLeaseStep
{
    public static IReadOnlyList<string> Statements(SqlDialect d) =>
    [
        "ALTER TABLE sources ADD COLUMN lease_owner TEXT NULL",
        $"ALTER TABLE sources ADD COLUMN lease_until {d.TimeType} NULL",
    ];
}
