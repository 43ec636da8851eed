using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Icmal.Cli;

/// <summary>
/// One rule for every command: a mistyped option never runs a command. System.CommandLine hands a token it does not
/// know to a command's arguments when they take any string (file names, URLs, source names), so
/// <c>icmal import --database x samples/</c> used to read "--database" and "x" as files and then import into the
/// default data folder. Here every command argument refuses a token that looks like an option (starts with '-', is
/// not a lone '-' meaning standard input, not a negative number) unless it comes after <c>--</c>; the parse then
/// fails, System.CommandLine prints the error and the command's usage, and <see cref="ExitCode"/> is returned
/// before any action opens a store.
/// </summary>
public static class UsageErrors
{
    /// <summary>The exit code of every usage error (unknown option, bad option value, missing argument).</summary>
    public const int ExitCode = 2;

    /// <summary>Adds the check to <paramref name="command"/> and every subcommand under it.</summary>
    public static void RefuseOptionLikeArguments(Command command, IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(args);
        int doubleDash = IndexOf(args, "--");
        var beforeDoubleDash = new HashSet<string>(doubleDash < 0 ? args : args.Take(doubleDash), StringComparer.Ordinal);
        var afterDoubleDash = new HashSet<string>(doubleDash < 0 ? [] : args.Skip(doubleDash + 1), StringComparer.Ordinal);
        Install(command, token => LooksLikeOption(token) && (beforeDoubleDash.Contains(token) || !afterDoubleDash.Contains(token)));
    }

    private static void Install(Command command, Func<string, bool> refused)
    {
        command.Validators.Add(result =>
        {
            foreach (var argument in result.Children.OfType<ArgumentResult>())
            foreach (var token in argument.Tokens)
            {
                if (!refused(token.Value)) continue;
                result.AddError(string.Create(CultureInfo.InvariantCulture,
                    $"'{token.Value}' is not an option of '{CommandPath(result)}' (a file or name starting with '-' goes after '--')"));
            }
        });
        foreach (var sub in command.Subcommands) Install(sub, refused);
    }

    /// <summary>True for "-x" and "--name"; false for "-" (standard input) and negative numbers such as "-0.5".</summary>
    public static bool LooksLikeOption(string token) =>
        token.Length > 1 && token[0] == '-' && !double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    private static string CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? r = result; r is not null; r = r.Parent)
            if (r is CommandResult c) names.Add(c.Parent is null ? "icmal" : c.Command.Name);
        names.Reverse();
        return string.Join(' ', names);
    }

    private static int IndexOf(IReadOnlyList<string> args, string value)
    {
        for (int i = 0; i < args.Count; i++)
            if (string.Equals(args[i], value, StringComparison.Ordinal)) return i;
        return -1;
    }
}
