using System.CommandLine;
using System.Text.Json;

namespace Icmal.Cli.Commands;

/// <summary>
/// `icmal eval …`: quality figures on the sets in ../shared/data. The harnesses are library code (Icmal.Evaluation);
/// each subcommand (EvalExtractionCommands, EvalTextCommands, EvalClusterCommand) parses its arguments, runs one
/// harness through <see cref="OnSetAsync"/> and prints its report.
/// </summary>
public static class EvalCommand
{
    public static Command Create(params Command[] subcommands)
    {
        ArgumentNullException.ThrowIfNull(subcommands);
        var command = new Command("eval", "Measure quality on the evaluation sets in ../shared/data");
        foreach (var sub in subcommands) command.Subcommands.Add(sub);
        return command;
    }

    /// <summary>
    /// Runs <paramref name="evaluate"/> on the set given, or on the default one (<paramref name="defaultPath"/>, null
    /// when it was not found); a missing, unreadable or malformed set is one line on stderr and exit code 2.
    /// </summary>
    public static async Task<int> OnSetAsync(string name, FileSystemInfo? given, string? defaultPath, string defaultName, Func<string, Task> evaluate)
    {
        ArgumentNullException.ThrowIfNull(evaluate);
        if (given is not null && !given.Exists)
        {
            Console.Error.WriteLine($"eval {name}: {given.FullName}: {(given is DirectoryInfo ? "no such folder" : "no such file")}");
            return 2;
        }
        string? path = given?.FullName ?? defaultPath;
        if (path is null)
        {
            Console.Error.WriteLine($"eval {name}: no set given and {defaultName} not found beside the repository");
            return 2;
        }
        try
        {
            await evaluate(path);
            return 0;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or JsonException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"eval {name}: {path}: {e.Message}");
            return 2;
        }
    }
}
