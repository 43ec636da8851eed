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
        root.Subcommands.Add(SourcesCommand.Create());
        root.Subcommands.Add(CrawlCommand.Create());
        root.Subcommands.Add(TextCommand.Create());
        root.Subcommands.Add(SearchCommand.Create());
        root.Subcommands.Add(ReindexCommand.Create());
        root.Subcommands.Add(EvalCommand.Create([.. EvalExtractionCommands.Create(), .. EvalTextCommands.Create(), EvalClusterCommand.Create(), EvalDuplicatesCommand.Create(), .. EvalSearchCommands.Create()]));
        UsageErrors.RefuseOptionLikeArguments(root, args);
        var parse = root.Parse(args);
        int code = await parse.InvokeAsync();
        // System.CommandLine exits 1 on a parse error; 1 already means "some inputs rejected" (import), so every
        // usage error (unknown option, bad value, missing argument) exits 2, the code commands use for bad input.
        return parse.Errors.Count > 0 ? UsageErrors.ExitCode : code;
    }
}
