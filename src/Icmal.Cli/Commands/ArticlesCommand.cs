using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Icmal.Storage;
using Icmal.Model;
using Spectre.Console;

namespace Icmal.Cli.Commands;

/// <summary>`icmal articles`: lists stored articles, newest first.</summary>
public static class ArticlesCommand
{
    public static Command Create()
    {
        var format = new Option<string>("--format") { Description = "table or json", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var limit = new Option<int>("--limit") { Description = "How many (1–500)", DefaultValueFactory = _ => 50 };
        var offset = new Option<int>("--offset") { Description = "How many to skip", DefaultValueFactory = _ => 0 };
        var command = new Command("articles", "List stored articles, newest first") { format, limit, offset };
        command.SetAction(async (parse, ct) =>
        {
            int n = parse.GetValue(limit);
            if (n is < 1 or > 500)
            {
                Console.Error.WriteLine("--limit must be from 1 to 500");
                return 2;
            }
            var store = await CommonOptions.OpenStoreAsync(parse, ct);
            var articles = await store.ListArticlesAsync(new ArticleQuery(n, Math.Max(0, parse.GetValue(offset))), ct);
            if (parse.GetValue(format) == "json")
            {
                var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
                Console.Out.WriteLine(JsonSerializer.Serialize(articles.Select(ArticleJson.From), options));
                return 0;
            }
            if (CommonOptions.Interactive)
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
            return 0;
        });
        return command;
    }
}
