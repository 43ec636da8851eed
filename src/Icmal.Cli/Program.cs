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
        root.Options.Add(CommonOptions.Database);
        foreach (var command in CommandsFor(args)) root.Subcommands.Add(command);
        UsageErrors.RefuseOptionLikeArguments(root, args);
        var parse = root.Parse(args);
        int code = await parse.InvokeAsync();
        // System.CommandLine exits 1 on a parse error; 1 already means "some inputs rejected" (import), so every
        // usage error (unknown option, bad value, missing argument) exits 2, the code commands use for bad input.
        return parse.Errors.Count > 0 ? UsageErrors.ExitCode : code;
    }

    /// <summary>Every subcommand, by name, each built only when asked for.</summary>
    private static readonly (string Name, Func<Command> Create)[] Subcommands =
    [
        ("serve", ServeCommand.Create),
        ("import", ImportCommand.Create),
        ("extract", ExtractCommand.Create),
        ("articles", ArticlesCommand.Create),
        ("stories", StoriesCommand.Create),
        ("sources", SourcesCommand.Create),
        ("crawl", CrawlCommand.Create),
        ("text", TextCommand.Create),
        ("search", SearchCommand.Create),
        ("reindex", ReindexCommand.Create),
        ("entities", EntitiesCommand.Create),
        ("reanalyse", EntitiesCommand.CreateReanalyse),
        ("categorise", CategoriseCommand.Create),
        ("migrate", MigrateCommand.Create),
        ("eval", () => EvalCommand.Create([.. EvalExtractionCommands.Create(), .. EvalTextCommands.Create(), EvalClusterCommand.Create(), EvalDuplicatesCommand.Create(), .. EvalSearchCommands.Create()])),
    ];

    /// <summary>
    /// The subcommand the arguments start with, alone; all of them otherwise (help, a misspelt name that the parser
    /// answers with suggestions, a root option first). Building every command's options and validators cost each
    /// start of the command about 10 ms of CPU (issue #14), and one command never needs the others.
    /// </summary>
    private static IEnumerable<Command> CommandsFor(string[] args)
    {
        foreach (var (name, create) in Subcommands)
        {
            if (args.Length > 0 && string.Equals(args[0], name, StringComparison.Ordinal))
                return [create()];
        }
        var all = new List<Command>(Subcommands.Length);
        foreach (var (_, create) in Subcommands) all.Add(create());
        return all;
    }
}
