using System.CommandLine;
using Icmal.Clustering;
using Icmal.Storage;
using Icmal.Ingest;

namespace Icmal.Cli.Commands;

/// <summary>Options every command shares.</summary>
public static class CommonOptions
{
    /// <summary>The data folder: the SQLite database and everything İcmal keeps. ICMAL_DATA overrides the default.</summary>
    public static readonly Option<DirectoryInfo> Data = new("--data")
    {
        Description = "Data folder (database and archive); default ./icmal-data or $ICMAL_DATA",
        Recursive = true,
        DefaultValueFactory = _ => new DirectoryInfo(Environment.GetEnvironmentVariable("ICMAL_DATA") is { Length: > 0 } env ? env : "icmal-data"),
    };

    /// <summary>The stores over the database in the data folder (sqlite:DATA/icmal.db), migrated.</summary>
    public static Task<Stores> OpenStoreAsync(ParseResult parse, CancellationToken ct) =>
        Stores.OpenAsync(DatabaseSetting.InDataFolder(parse.GetValue(Data)!.FullName), ct);

    /// <summary>The full ingest pipeline over a store, with the story stage warmed from the archive.</summary>
    public static async Task<IngestPipeline> OpenPipelineAsync(Stores stores, CancellationToken ct) =>
        await IngestPipeline.OpenAsync(stores, ct);

    /// <summary>True when output goes to a person at a terminal, so progress bars and colour make sense.</summary>
    public static bool Interactive => !Console.IsOutputRedirected && !Console.IsErrorRedirected
        && Environment.GetEnvironmentVariable("CI") is null && Environment.GetEnvironmentVariable("TERM") is not "dumb";
}
