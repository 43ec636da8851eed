using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Icmal.Search;
using Spectre.Console;

namespace Icmal.Cli.Commands;

/// <summary>
/// `icmal search QUERY`: the archive searched as the portal and the API search it (same query language, same items
/// as <c>GET /api/search</c> with --format json). A query the searcher refuses is one line naming the problem, exit 2.
/// </summary>
public static class SearchCommand
{
    public static Command Create()
    {
        var query = new Argument<string>("query") { Description = "The query: words (any case ending, any keyboard), \"phrases\", -excluded, OR, title:, source:, author:, lang:, since:, until:" };
        var format = new Option<string>("--format") { Description = "table or json", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var limit = new Option<int>("--limit") { Description = $"How many results (1–{SearchRequest.MaxLimit})", DefaultValueFactory = _ => SearchRequest.DefaultLimit };
        var offset = new Option<int>("--offset") { Description = $"How many results to skip (0–{Searcher.MaxOffset})", DefaultValueFactory = _ => 0 };
        var command = new Command("search", "Search the stored articles") { query, format, limit, offset };
        command.SetAction((parse, ct) =>
        {
            int n = parse.GetValue(limit), skip = parse.GetValue(offset);
            string? error = n < 1 || n > SearchRequest.MaxLimit ? string.Create(CultureInfo.InvariantCulture, $"--limit must be from 1 to {SearchRequest.MaxLimit}")
                : skip < 0 || skip > Searcher.MaxOffset ? string.Create(CultureInfo.InvariantCulture, $"--offset must be from 0 to {Searcher.MaxOffset}") : null;
            if (error is not null)
            {
                Console.Error.WriteLine($"icmal search: {error}");
                return Task.FromResult(UsageErrors.ExitCode);
            }
            return CommonOptions.WithStoreAsync(parse, ct, async store =>
            {
                var answer = await new Searcher(store).SearchAsync(new SearchRequest(parse.GetValue(query) ?? "", n, skip), ct);
                if (answer.Results is not { } results)
                {
                    Console.Error.WriteLine($"icmal search: {Describe(answer.Problem)}");
                    return UsageErrors.ExitCode;
                }
                Print(results, parse.GetValue(format) == "json");
                return 0;
            });
        });
        return command;
    }

    /// <summary>A refused query in one line: the problem, and where in the query it is.</summary>
    public static string Describe(QueryProblem? problem) => problem switch
    {
        null => "the search gave neither results nor a problem",
        { Position: { } at } => string.Create(CultureInfo.InvariantCulture, $"{problem.Message} (at character {at + 1} of the query)"),
        _ => problem.Message,
    };

    private static void Print(SearchResults results, bool json)
    {
        if (json)
        {
            var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
            Console.Out.WriteLine(JsonSerializer.Serialize(SearchResultsJson.From(results), options));
            return;
        }
        if (CommonOptions.Interactive)
        {
            var table = new Table().AddColumns("#", "Başlıq", "Sayt", "Tarix", "Xal");
            foreach (var hit in results.Items)
            {
                string title = Markup.Escape(hit.Title) + (hit.Snippet.Parts.Count > 0 ? "\n[grey]" + Highlighted(hit.Snippet) + "[/]" : "");
                table.AddRow(hit.Id.ToString(CultureInfo.InvariantCulture), title, Markup.Escape(hit.Site ?? ""),
                    hit.Published?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "", hit.Score.ToString("G3", CultureInfo.InvariantCulture));
            }
            AnsiConsole.Write(table);
        }
        else
        {
            foreach (var hit in results.Items)
                Console.Out.WriteLine(string.Join('\t', hit.Id.ToString(CultureInfo.InvariantCulture), hit.Title, hit.Site ?? "",
                    hit.Published?.ToString("O", CultureInfo.InvariantCulture) ?? "", hit.Score.ToString("G6", CultureInfo.InvariantCulture), OneLine(hit.Snippet.Text)));
        }
        if (results.Relaxed) Console.Error.WriteLine("no article has every word: these have some of them, those with more first");
        string about = results.TotalEstimated ? "about " : "";
        string counted = string.Create(CultureInfo.InvariantCulture, $"{about}{results.Total} {(results.Total == 1 ? "result" : "results")}");
        Console.Error.WriteLine(results.Items.Count == 0
            ? counted
            : string.Create(CultureInfo.InvariantCulture, $"{counted}, {results.Offset + 1}–{results.Offset + results.Items.Count} shown"));
    }

    /// <summary>The snippet in Spectre markup: matched words bold, everything escaped.</summary>
    private static string Highlighted(Snippet snippet) =>
        string.Concat(snippet.Parts.Select(p => p.Matched ? "[bold yellow]" + Markup.Escape(p.Text) + "[/]" : Markup.Escape(p.Text)));

    /// <summary>A tab-separated line stays one line: tabs and line breaks in a snippet become spaces.</summary>
    private static string OneLine(string text) => string.Create(text.Length, text, (span, source) =>
    {
        for (int i = 0; i < source.Length; i++) span[i] = source[i] is '\t' or '\n' or '\r' ? ' ' : source[i];
    });
}
