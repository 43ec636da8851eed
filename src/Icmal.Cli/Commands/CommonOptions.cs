using System.CommandLine;
using Icmal.Hosting;

namespace Icmal.Cli.Commands;

/// <summary>What every command shares: the --data and --database flags, loading the configuration, and whether a person is watching.</summary>
public static class CommonOptions
{
    /// <summary>The data folder: the SQLite database, the archive's appsettings.json. Overrides $ICMAL_DATA and "Data" in appsettings.json.</summary>
    public static readonly Option<string?> Data = new("--data")
    {
        Description = "Data folder (database and archive); default ./icmal-data, or Data in appsettings.json, or $ICMAL_DATA",
        Recursive = true,
    };

    /// <summary>
    /// The database: sqlite:PATH or a PostgreSQL URL or connection string. Overrides $ICMAL_DATABASE and "Database" in
    /// appsettings.json. Its value may hold a password, so no message repeats it (<see cref="Storage.DatabaseSetting.Masked"/>).
    /// </summary>
    public static readonly Option<string?> Database = new("--database")
    {
        Description = "Database: sqlite:PATH (default DATA/icmal.db) or postgresql://USER@HOST/DB; or Database in appsettings.json, or $ICMAL_DATABASE",
        Recursive = true,
    };

    /// <summary>
    /// Loads the configuration (<see cref="IcmalConfiguration"/>: appsettings.json, ICMAL_* variables, then --data and
    /// <paramref name="flags"/>) and runs <paramref name="action"/> with it. A bad setting is one line naming it and
    /// exit code 2, before any data is touched.
    /// </summary>
    public static async Task<int> WithOptionsAsync(ParseResult parse, IEnumerable<ConfigurationFlag?> flags, Func<IcmalOptions, Task<int>> action)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(action);
        IcmalOptions options;
        try
        {
            options = IcmalConfiguration.Load([.. flags.Append(Flag(parse, Data, "Data")).Append(Flag(parse, Database, "Database")).OfType<ConfigurationFlag>()]);
        }
        catch (IcmalConfigurationException e)
        {
            Console.Error.WriteLine($"icmal: {e.Message}");
            return UsageErrors.ExitCode;
        }
        try
        {
            return await action(options);
        }
        catch (Exception e) when (e is Storage.DatabaseOpenException or Storage.DatabaseSettingException)
        {
            // A file that is not a database, a schema newer than this İcmal, a failed upgrade: one line naming the file.
            Console.Error.WriteLine($"icmal: {e.Message}");
            return UsageErrors.ExitCode;
        }
    }

    /// <inheritdoc cref="WithOptionsAsync(ParseResult, IEnumerable{ConfigurationFlag?}, Func{IcmalOptions, Task{int}})"/>
    public static Task<int> WithOptionsAsync(ParseResult parse, Func<IcmalOptions, Task<int>> action) => WithOptionsAsync(parse, [], action);

    /// <summary>The store alone, for commands that read or edit what is stored.</summary>
    public static Task<int> WithStoreAsync(ParseResult parse, CancellationToken ct, Func<Storage.Stores, Task<int>> action) =>
        WithOptionsAsync(parse, async options => await action(await IcmalApplication.OpenStoreAsync(options, ct)));

    /// <summary>
    /// The store alone, for a command that goes over stored articles again (reindex, categorise, reanalyse): after it,
    /// each stored article it or the opening's catch-ups passed over (<see cref="Storage.ItemErrorStore.RecordArticleAsync"/>)
    /// is one line on stderr, as /admin/sources lists it.
    /// </summary>
    public static Task<int> WithStoreGoingOverAsync(ParseResult parse, CancellationToken ct, Func<Storage.Stores, Task<int>> action) =>
        WithOptionsAsync(parse, async options =>
        {
            var since = DateTimeOffset.UtcNow;
            var store = await IcmalApplication.OpenStoreAsync(options, ct);
            int code = await action(store);
            var passed = (await store.ItemErrors.ListAsync(null, PassedOverShown + 1, ct)).Where(e => e.At >= since).ToList();
            foreach (var e in passed.Take(PassedOverShown).Reverse()) Console.Error.WriteLine($"icmal: {e.Origin}: {e.Reason}");
            if (passed.Count > PassedOverShown) Console.Error.WriteLine("icmal: more articles were passed over than are shown here; /admin/sources lists the latest");
            return code;
        });

    /// <summary>How many passed-over articles <see cref="WithStoreGoingOverAsync"/> prints.</summary>
    private const int PassedOverShown = 20;

    /// <summary>The whole application (store, pipeline, collector), for commands that ingest.</summary>
    public static Task<int> WithApplicationAsync(ParseResult parse, IEnumerable<ConfigurationFlag?> flags, CancellationToken ct, Func<IcmalApplication, Task<int>> action) =>
        WithOptionsAsync(parse, flags, async options =>
        {
            using var app = await IcmalApplication.OpenAsync(options, message => Console.Error.WriteLine(message), ct);
            return await action(app);
        });

    /// <summary>The setting <paramref name="key"/> from an option given on the command line; null when it was not given.</summary>
    public static ConfigurationFlag? Flag<T>(ParseResult parse, Option<T> option, string key, Func<T, string>? format = null)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(option);
        if (parse.GetResult(option) is not { Implicit: false } || parse.GetValue(option) is not { } value) return null;
        return new ConfigurationFlag(key, format is null ? value.ToString() ?? "" : format(value), option.Name);
    }

    /// <summary>True when output goes to a person at a terminal, so progress bars and colour make sense.</summary>
    public static bool Interactive => !Console.IsOutputRedirected && !Console.IsErrorRedirected
        && Environment.GetEnvironmentVariable("CI") is null && Environment.GetEnvironmentVariable("TERM") is not "dumb";
}
