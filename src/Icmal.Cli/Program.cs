using System.CommandLine;
using Icmal.Cli.Commands;

namespace Icmal.Cli;

/// <summary>The `icmal` command: a thin shell over the library; each subcommand lives in Commands/.</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        Console.OutputEncoding = System.Text.Encoding.UTF8;
        var root = new RootCommand("İcmal: Azerbaijani news aggregator and media monitor.");
        root.Options.Add(CommonOptions.Data);
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(ImportCommand.Create());
        root.Subcommands.Add(ExtractCommand.Create());
        root.Subcommands.Add(ArticlesCommand.Create());
        // --- eval (extraction branch): `icmal eval extraction|dates`. The integrator merges this parent with
        // --- EvalCommand's: keep one `eval` command and call EvalExtractionCommands.AddTo(it).
        var eval = new Command("eval", "Score İcmal on the evaluation sets in ../shared/data");
        EvalExtractionCommands.AddTo(eval);
        root.Subcommands.Add(eval);
        // --- end eval (extraction branch)
        return await root.Parse(args).InvokeAsync();
    }
}
