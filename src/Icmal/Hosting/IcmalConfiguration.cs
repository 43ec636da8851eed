using System.Collections;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Icmal.Model;

namespace Icmal.Hosting;

/// <summary>A bad configuration value: the message names the setting, where it came from and what it must be.</summary>
public sealed class IcmalConfigurationException(string message) : Exception(message);

/// <summary>A setting given on the command line: its configuration key ("Portal:Urls"), value, and the flag that gave it.</summary>
public sealed record ConfigurationFlag(string Key, string Value, string Flag);

/// <summary>
/// Loads <see cref="IcmalOptions"/> the .NET way, each source overriding the ones before it:
/// <list type="number">
/// <item>appsettings.json beside the executable (settings of an installation);</item>
/// <item>appsettings.json in the data folder (settings of one archive; it may not move the data folder itself);</item>
/// <item>ICMAL_* environment variables, "__" separating sections: ICMAL_DATA, ICMAL_DATABASE, ICMAL_READ_DATABASE, ICMAL_FETCH__MINHOSTGAP;</item>
/// <item>command-line flags (--data, --urls, and a command's own, such as crawl's --min-gap).</item>
/// </list>
/// Every value is then checked; the first bad one is an <see cref="IcmalConfigurationException"/> naming it and its source.
/// </summary>
public static partial class IcmalConfiguration
{
    public const string EnvironmentPrefix = "ICMAL_";
    public const string FileName = "appsettings.json";

    /// <summary>The top-level settings. Other ICMAL_* variables (ICMAL_REQUIRE_BROWSER for the tests) are not settings.</summary>
    private static readonly string[] Sections = ["Data", "Database", "ReadDatabase", "Fetch", "Crawl", "Portal"];

    /// <summary>Loads the options of this process: its environment, and appsettings.json beside the program.</summary>
    public static IcmalOptions Load(IReadOnlyList<ConfigurationFlag> flags) =>
        Load(flags, Environment.GetEnvironmentVariables(), AppContext.BaseDirectory);

    /// <summary>Loads options from the given flags, environment and executable folder.</summary>
    /// <exception cref="IcmalConfigurationException">A setting is malformed or out of range.</exception>
    public static IcmalOptions Load(IReadOnlyList<ConfigurationFlag> flags, IDictionary environment, string executableFolder)
    {
        ArgumentNullException.ThrowIfNull(flags);
        ArgumentNullException.ThrowIfNull(environment);
        var env = EnvironmentSettings(environment);
        var given = flags.ToDictionary(f => f.Key, f => f, StringComparer.OrdinalIgnoreCase);

        // The data folder decides where the second file is, so it is read first from every other source.
        var (withoutDataFile, _) = Build(executableFolder, null, env, given);
        string data = FullPath("Data", withoutDataFile["Data"] is { Length: > 0 } d ? d : new IcmalOptions().Data, Source(withoutDataFile, [], "Data"));
        var (root, sources) = Build(executableFolder, data, env, given);
        // The data folder's file is found through Data, so it may not set Data itself.
        if (sources[^3].Provider.TryGet("Data", out string? moved))
            throw new IcmalConfigurationException($"Data = {moved} (from {Path.Combine(data, FileName)}): the data folder's own {FileName} cannot choose the data folder");

        var options = new IcmalOptions();
        try
        {
            root.Bind(options, o => o.ErrorOnUnknownConfiguration = true);
        }
        catch (InvalidOperationException e)
        {
            string? key = e.Message is var m && BinderKey().Match(m) is { Success: true } k ? k.Groups[1].Value : null;
            string detail = e.InnerException is { } inner ? $"{e.Message} ({inner.Message})" : e.Message;
            if (e.Message.Contains("System.TimeSpan", StringComparison.Ordinal)) detail += " Times are written [d.]hh:mm:ss, e.g. 00:00:02.";
            throw new IcmalConfigurationException(key is null ? $"configuration: {detail}" : $"{key} ({Source(root, sources, key)}): {detail}");
        }
        options = options with { Data = data };
        OptionsValidation.Check(options, key => Source(root, sources, key));
        return options;
    }

    private static (IConfigurationRoot Root, List<(IConfigurationProvider Provider, Func<string, string> Describe)> Sources) Build(
        string executableFolder, string? data, IReadOnlyDictionary<string, (string Value, string Variable)> env, IReadOnlyDictionary<string, ConfigurationFlag> flags)
    {
        var files = new List<string> { Path.Combine(executableFolder, FileName) };
        if (data is not null) files.Add(Path.Combine(data, FileName));
        var builder = new ConfigurationBuilder();
        foreach (string file in files) builder.AddJsonFile(file, optional: true, reloadOnChange: false);
        builder.AddInMemoryCollection(env.Select(kv => KeyValuePair.Create(kv.Key, (string?)kv.Value.Value)));
        builder.AddInMemoryCollection(flags.Select(kv => KeyValuePair.Create(kv.Key, (string?)kv.Value.Value)));
        IConfigurationRoot root;
        try
        {
            root = builder.Build();
        }
        catch (Exception e) when (e is FormatException or InvalidDataException or IOException or UnauthorizedAccessException)
        {
            throw new IcmalConfigurationException($"configuration: {e.Message}{(e.InnerException is { } inner ? " " + inner.Message : "")}");
        }
        var sources = new List<(IConfigurationProvider, Func<string, string>)>();
        var providers = root.Providers.ToList();
        for (int i = 0; i < files.Count; i++)
        {
            string file = files[i];
            sources.Add((providers[i], _ => file));
        }
        sources.Add((providers[files.Count], key => "environment variable " + (env.TryGetValue(key, out var v) ? v.Variable : key)));
        sources.Add((providers[files.Count + 1], key => "flag " + (flags.TryGetValue(key, out var f) ? f.Flag : key)));
        return (root, sources);
    }

    /// <summary>ICMAL_FETCH__MINHOSTGAP → Fetch:MinHostGap, ICMAL_READ_DATABASE → ReadDatabase (keys are case-insensitive), for the known sections only.</summary>
    private static Dictionary<string, (string Value, string Variable)> EnvironmentSettings(IDictionary environment)
    {
        var settings = new Dictionary<string, (string, string)>(StringComparer.OrdinalIgnoreCase);
        foreach (DictionaryEntry entry in environment)
        {
            if (entry.Key is not string name || !name.StartsWith(EnvironmentPrefix, StringComparison.OrdinalIgnoreCase)) continue;
            // A single underscore only separates words (ICMAL_READ_DATABASE is ReadDatabase), as variables are written.
            string key = name[EnvironmentPrefix.Length..].Replace("__", ":", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);
            string section = key.Split(':')[0];
            if (!Sections.Contains(section, StringComparer.OrdinalIgnoreCase)) continue;
            settings[key] = (entry.Value as string ?? "", name);
        }
        return settings;
    }

    /// <summary>Where the value of <paramref name="key"/> came from: the last source that sets it.</summary>
    private static string Source(IConfigurationRoot root, List<(IConfigurationProvider Provider, Func<string, string> Describe)> sources, string key)
    {
        for (int i = sources.Count - 1; i >= 0; i--)
            if (sources[i].Provider.TryGet(key, out _)) return "from " + sources[i].Describe(key);
        return root[key] is null ? "the default" : "from the configuration";
    }

    private static string FullPath(string key, string path, string source)
    {
        try
        {
            return Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new IcmalConfigurationException($"{key} = {path} ({source}): not a usable folder path ({e.Message})");
        }
    }

    [GeneratedRegex("at '([^']+)'", RegexOptions.CultureInvariant)]
    private static partial Regex BinderKey();
}
