namespace Icmal.Cli.Tests;

/// <summary>
/// The command builds only the subcommand its arguments name (start-up, issue #14): each name must still reach its
/// own command, and help, a misspelt name or a root option first still see every command.
/// </summary>
public sealed class CommandTreeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Names = ["serve", "import", "extract", "articles", "stories", "sources", "crawl", "text", "search", "reindex", "entities", "reanalyse", "eval"];

    [Fact]
    public async Task Each_subcommand_name_reaches_its_own_command()
    {
        foreach (string name in Names)
        {
            var help = await CliRunner.RunAsync([name, "--help"], ct: Ct);
            Assert.True(help.ExitCode == 0, $"{name} --help: exit {help.ExitCode}\n{help.Stderr}");
            Assert.Matches($@"(?m)^\s+icmal {name}( |$)", help.Stdout);
        }
    }

    [Fact]
    public async Task Help_lists_every_command_and_a_misspelt_one_is_answered_with_the_right_name()
    {
        var help = await CliRunner.RunAsync(["--help"], ct: Ct);
        Assert.Equal(0, help.ExitCode);
        Assert.All(Names, name => Assert.Matches($@"(?m)^\s+{name}\b", help.Stdout));

        var misspelt = await CliRunner.RunAsync(["extrct", "page.html"], ct: Ct);
        Assert.Equal(2, misspelt.ExitCode);
        Assert.Contains("extract", misspelt.Stderr + misspelt.Stdout, StringComparison.Ordinal);
    }
}
