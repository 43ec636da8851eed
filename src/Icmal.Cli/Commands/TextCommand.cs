using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Icmal.Text;
using Icmal.Text.Casing;
using Icmal.Text.LanguageId;
using Icmal.Text.Normalization;
using Icmal.Text.Tokenization;
using Icmal.Text.Transliteration;

namespace Icmal.Cli.Commands;

/// <summary>
/// `icmal text …`: the Azerbaijani text analysis by hand or by script. normalize, tokens, stem, langid, translit and
/// fold read lines on standard input and write one result line per input line; build-lexicon and train-langid
/// (<see cref="TextResourceCommands"/>) rebuild the embedded resources of Icmal.Text from ../shared/data.
/// </summary>
public static class TextCommand
{
    public static Command Create()
    {
        var command = new Command("text", "Azerbaijani text analysis: normalise, tokenise, stem, identify the language (one line in, one line out)");
        command.Subcommands.Add(LineCommand("normalize", "Normalise each line (NFC, look-alike letters, hyphens, quotes, invisible characters)",
            line => AzNormalizer.NormalizeToString(line)));
        command.Subcommands.Add(TokensCommand());
        command.Subcommands.Add(LineCommand("stem", "Write the stems of each line's words, separated by spaces",
            line => string.Join(' ', AzAnalyzer.Stems(line))));
        command.Subcommands.Add(LineCommand("langid", "Identify each line's language: code TAB script TAB confidence",
            line =>
            {
                var g = LanguageIdentifier.Default.Identify(line);
                return string.Create(CultureInfo.InvariantCulture, $"{g.Language}\t{g.Script}\t{g.Confidence:0.000}");
            }));
        command.Subcommands.Add(LineCommand("translit", "Transliterate Cyrillic (Azerbaijani, Kazakh, Russian …) into Azerbaijani Latin",
            CyrillicTransliterator.ToAzerbaijaniLatin));
        command.Subcommands.Add(LineCommand("fold", "Lower-case with Azerbaijani rules and fold to ASCII (ə→e, ı→i, ş→s …)",
            line => AzCasing.FoldAscii(AzNormalizer.NormalizeToString(line))));
        command.Subcommands.Add(TextResourceCommands.BuildLexicon());
        command.Subcommands.Add(TextResourceCommands.TrainLangId());
        command.Subcommands.Add(TextNerCommand.Create());
        command.Subcommands.Add(TextCategoriesCommand.Create());
        return command;
    }

    private static Command LineCommand(string name, string description, Func<string, string> transform)
    {
        var command = new Command(name, description);
        command.SetAction(async (_, ct) =>
        {
            await foreach (string line in ReadLinesAsync(ct)) await Console.Out.WriteLineAsync(transform(line));
            return 0;
        });
        return command;
    }

    private static Command TokensCommand()
    {
        var format = new Option<string>("--format") { Description = "text (token|Kind separated by spaces) or json (one array per line)", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var command = new Command("tokens", "Tokenise each normalised line: token|Kind … (json: text, kind, start, length, suffixStart; offsets into the input line)") { format };
        command.SetAction(async (parse, ct) =>
        {
            bool json = parse.GetValue(format) == "json";
            await foreach (string line in ReadLinesAsync(ct))
            {
                var normal = AzNormalizer.Normalize(line);
                var sb = new StringBuilder();
                var items = new List<object>();
                foreach (var t in AzTokenizer.Tokenize(normal.Text))
                {
                    string text = normal.Text.Substring(t.Start, t.Length);
                    if (json)
                    {
                        var (start, length) = normal.ToOriginal(t.Start, t.Length);
                        items.Add(new { text, kind = t.Kind.ToString(), start, length, suffixStart = t.SuffixStart });
                    }
                    else
                    {
                        if (sb.Length > 0) sb.Append(' ');
                        sb.Append(text).Append('|').Append(t.Kind.ToString());
                    }
                }
                await Console.Out.WriteLineAsync(json ? JsonSerializer.Serialize(items, Icmal.Extraction.ArticleFormats.JsonOptions) : sb.ToString());
            }
            return 0;
        });
        return command;
    }

    internal static async IAsyncEnumerable<string> ReadLinesAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        using var reader = new StreamReader(Console.OpenStandardInput(), new UTF8Encoding(false));
        while (await reader.ReadLineAsync(ct) is { } line) yield return line;
    }
}
