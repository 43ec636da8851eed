namespace Icmal.Storage;

/// <summary>
/// One step of a schema's history: statements run in one transaction, recorded in schema_migrations under
/// <paramref name="Version"/>. Once released a step never changes; each engine has its own list
/// (<see cref="SqlDialect.Migrations"/>).
/// </summary>
/// <param name="RebuildsTables">
/// The step drops and recreates tables that others reference, so foreign keys are off while it runs and checked
/// before it commits (<see cref="SqlDialect.ForeignKeysOff"/>).
/// </param>
public sealed record MigrationStep(int Version, IReadOnlyList<string> Statements, bool RebuildsTables = false);
