using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Icmal.Storage;
using Spectre.Console;

namespace Icmal.Cli.Commands;

/// <summary>
/// `icmal stories`: a day's stories (the latest day with stories unless --day names one), ranked as the portal's
/// /stories ranks them: most distinct sources first, then the latest report. `--format json` writes the API's
/// <c>GET /api/stories</c> answer.
/// </summary>
public static class StoriesCommand
{
    public static Command Create()
    {
        var format = new Option<string>("--format") { Description = "table or json", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var limit = new Option<int>("--limit") { Description = $"How many (1–{StoryDayQuery.MaxLimit})", DefaultValueFactory = _ => 20 };
        var offset = new Option<int>("--offset") { Description = $"How many of the day's stories to skip (0–{StoryDayQuery.MaxOffset})", DefaultValueFactory = _ => 0 };
        var day = new Option<string?>("--day") { Description = "The day, YYYY-MM-DD in Baku time (default: the latest day with stories)" };
        var command = new Command("stories", "List a day's stories, most widely reported first") { format, limit, offset, day };
        command.SetAction((parse, ct) =>
        {
            int n = parse.GetValue(limit), skip = parse.GetValue(offset);
            string? dayText = parse.GetValue(day);
            var chosen = StoryDays.Parse(dayText);
            string? error = n is < 1 or > StoryDayQuery.MaxLimit ? $"--limit must be from 1 to {StoryDayQuery.MaxLimit}"
                : skip is < 0 or > StoryDayQuery.MaxOffset ? $"--offset must be from 0 to {StoryDayQuery.MaxOffset}"
                : dayText is not null && chosen is null ? $"--day: '{dayText}' is not {StoryDays.Rule}" : null;
            if (error is not null)
            {
                Console.Error.WriteLine(error);
                return Task.FromResult(UsageErrors.ExitCode);
            }
            return CommonOptions.WithStoreAsync(parse, ct, async store =>
            {
                var page = await store.Stories.RankDayAsync(new StoryDayQuery(chosen, n, skip), ct);
                Print(page, n, parse.GetValue(format) == "json");
                return 0;
            });
        });
        return command;
    }

    private static void Print(StoryDayPage page, int limit, bool json)
    {
        if (json)
        {
            var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
            Console.Out.WriteLine(JsonSerializer.Serialize(page.ToJson(limit), options));
            return;
        }
        if (page.Day is not { } day)
        {
            Console.Error.WriteLine("no stories stored yet");
            return;
        }
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{StoryDays.Format(day)}: {page.Total} {(page.Total == 1 ? "story" : "stories")}"));
        if (CommonOptions.Interactive)
        {
            var table = new Table().AddColumns("#", "Başlıq", "Xəbər", "Mənbə", "Saytlar", "İlk", "Son");
            foreach (var s in page.Items)
                table.AddRow(s.Story.Id.ToString(CultureInfo.InvariantCulture), Markup.Escape(s.Story.Title),
                    s.Story.ArticleCount.ToString(CultureInfo.InvariantCulture), s.Sources.Count.ToString(CultureInfo.InvariantCulture),
                    Markup.Escape(string.Join(", ", s.Sources)), Local(s.Story.FirstSeen), Local(s.Story.LastSeen));
            AnsiConsole.Write(table);
        }
        else
        {
            foreach (var s in page.Items)
                Console.Out.WriteLine(string.Join('\t', s.Story.Id.ToString(CultureInfo.InvariantCulture), s.Story.Title,
                    s.Story.ArticleCount.ToString(CultureInfo.InvariantCulture), s.Sources.Count.ToString(CultureInfo.InvariantCulture),
                    string.Join(", ", s.Sources), s.Story.FirstSeen.ToString("O", CultureInfo.InvariantCulture), s.Story.LastSeen.ToString("O", CultureInfo.InvariantCulture)));
        }
        if (page.Offset + page.Items.Count < page.Total)
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"more: icmal stories --day {StoryDays.Format(day)} --offset {page.Offset + page.Items.Count}"));
        else if (page.EarlierDay is { } earlier)
            Console.Error.WriteLine($"earlier: icmal stories --day {StoryDays.Format(earlier)}");
    }

    /// <summary>A time in Baku, where the stories' days are counted.</summary>
    private static string Local(DateTimeOffset at) => at.ToOffset(StoryDays.Offset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
