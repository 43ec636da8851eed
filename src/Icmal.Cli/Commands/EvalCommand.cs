using System.CommandLine;

namespace Icmal.Cli.Commands;

/// <summary>
/// `icmal eval …`: quality figures on the sets in ../shared/data. Each capability builds its subcommands in its own
/// file (EvalTextCommands, EvalExtractionCommands, EvalClusterCommand); Program.cs hands them all to <see cref="Create"/>.
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
}
