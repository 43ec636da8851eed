using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Icmal.Storage;
using Icmal.Model;
using Spectre.Console;

namespace Icmal.Cli.Commands;

/// <summary>
/// `icmal articles`: lists stored articles, newest first. Pages like the API: --offset up to
/// <see cref="ArticlePageQuery.MaxOffset"/>, and any depth with --before CURSOR, the cursor printed after each full page.
/// </summary>
public static class ArticlesCommand
{
    public static Command Create()
    {
        var format = new Option<string>("--format") { Description = "table or json", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var limit = new Option<int>("--limit") { Description = "How many (1–500)", DefaultValueFactory = _ => 50 };
        var offset = new Option<int>("--offset") { Description = $"How many to skip (0–{ArticlePageQuery.MaxOffset}; deeper with --before)", DefaultValueFactory = _ => 0 };
        var before = new Option<string?>("--before") { Description = "Articles older than this cursor (printed as 'next:' after a page)" };
        var command = new Command("articles", "List stored articles, newest first") { format, limit, offset, before };
        command.SetAction((parse, ct) =>
        {
            int n = parse.GetValue(limit), skip = parse.GetValue(offset);
            string? token = parse.GetValue(before);
            var cursor = ArticleCursor.Decode(token);
            string? error = n is < 1 or > 500 ? "--limit must be from 1 to 500"
                : skip is < 0 or > ArticlePageQuery.MaxOffset ? $"--offset must be from 0 to {ArticlePageQuery.MaxOffset} (page deeper with --before, the cursor printed after each page)"
                : token is not null && cursor is null ? $"--before: '{token}' is not a cursor printed by `icmal articles`"
                : token is not null && skip > 0 ? "--before and --offset cannot be used together" : null;
            if (error is not null)
            {
                Console.Error.WriteLine(error);
                return Task.FromResult(UsageErrors.ExitCode);
            }
            return CommonOptions.WithStoreAsync(parse, ct, async store =>
            {
                var page = await store.Articles.ListPageAsync(new ArticlePageQuery(n, Older: cursor, Offset: skip), ct);
                bool json = parse.GetValue(format) == "json";
                var copies = json ? await store.Copies.LinksOfManyAsync(page.Items.Select(a => a.Id).ToList(), ct) : null;
                Print(page.Items, copies);
                if (page.Older is { } next) Console.Error.WriteLine($"next: icmal articles --before {next.Encode()}");
                return 0;
            });
        });
        return command;
    }

    /// <param name="copies">The articles' copy links when printing JSON (which carries them), else null.</param>
    private static void Print(IReadOnlyList<Model.Article> articles, IReadOnlyDictionary<long, ArticleCopies>? copies)
    {
        if (copies is not null)
        {
            var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
            Console.Out.WriteLine(JsonSerializer.Serialize(articles.Select(a => ArticleJson.From(a, copies.GetValueOrDefault(a.Id))), options));
        }
        else if (CommonOptions.Interactive)
        {
            var table = new Table().AddColumns("#", "Başlıq", "Sayt", "Müəllif", "Tarix");
            foreach (var a in articles)
                table.AddRow(a.Id.ToString(CultureInfo.InvariantCulture), Markup.Escape(a.Title), Markup.Escape(a.Site ?? ""),
                    Markup.Escape(string.Join(", ", a.Authors)), (a.Published ?? a.Archived).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
            AnsiConsole.Write(table);
        }
        else
        {
            foreach (var a in articles)
                Console.Out.WriteLine(string.Join('\t', a.Id.ToString(CultureInfo.InvariantCulture), a.Title, a.Site ?? "",
                    string.Join(", ", a.Authors), (a.Published ?? a.Archived).ToString("O", CultureInfo.InvariantCulture)));
        }
    }
}
