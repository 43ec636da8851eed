using System.CommandLine;

namespace Icmal.Cli.Commands;

/// <summary>
/// `icmal eval …`: quality figures on the sets in ../shared/data. Each capability keeps its subcommands in its own
/// file and hands them over either in Program.cs's one registration line
/// (<c>EvalCommand.Create([.. EvalTextCommands.Create(), EvalExtractionCommand.Create()])</c>) or by calling
/// <see cref="Add"/> before <see cref="Create"/> runs.
/// </summary>
public static class EvalCommand
{
    private static readonly List<Func<Command>> Factories = [];

    /// <summary>Registers a subcommand factory; call before <see cref="Create"/> (e.g. from a static Register method).</summary>
    public static void Add(Func<Command> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        lock (Factories) Factories.Add(factory);
    }

    /// <summary>The `eval` command with the subcommands given, and any registered with <see cref="Add"/>.</summary>
    public static Command Create(params Command[] subcommands)
    {
        ArgumentNullException.ThrowIfNull(subcommands);
        var command = new Command("eval", "Measure quality on the evaluation sets in ../shared/data");
        foreach (var sub in subcommands) command.Subcommands.Add(sub);
        lock (Factories)
        {
            foreach (var factory in Factories) command.Subcommands.Add(factory());
        }
        return command;
    }
}
