using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Icmal.Extraction;
using Icmal.Import;
using Icmal.Model;
using Icmal.Ingest;
using Icmal.Analysis;

namespace Icmal.Cli.Commands;

/// <summary>`icmal extract FILE...`: prints the extracted article(s) without storing anything.</summary>
public static class ExtractCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("files") { Description = "Pages or text dumps; '-' reads standard input", Arity = ArgumentArity.OneOrMore };
        var format = new Option<string>("--format") { Description = "text, markdown, html, json or jsonl", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "markdown", "html", "json", "jsonl");
        var url = new Option<string?>("--url") { Description = "The page's address, for resolving links and the site name" };
        var fetched = new Option<string?>("--fetched")
        {
            Description = "When the pages were fetched (ISO 8601, e.g. 2025-10-27T14:40:00+04:00), to read relative dates such as 'Bu gün, 14:37'",
        };
        var command = new Command("extract", "Extract article text and metadata from pages, without storing") { files, format, url, fetched };
        command.SetAction(async (parse, ct) =>
        {
            string fmt = parse.GetValue(format)!;
            Uri? pageUrl = null;
            if (parse.GetValue(url) is { } u && !Uri.TryCreate(u, UriKind.Absolute, out pageUrl))
            {
                Console.Error.WriteLine($"--url: '{u}' is not an absolute URL");
                return 2;
            }
            DateTimeOffset? fetchedAt = null;
            if (parse.GetValue(fetched) is { } f)
            {
                if (!DateTimeOffset.TryParse(f, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at))
                {
                    Console.Error.WriteLine($"--fetched: '{f}' is not a date and time (use ISO 8601, e.g. 2025-10-27T14:40:00+04:00)");
                    return 2;
                }
                fetchedAt = at;
            }
            int failures = 0;
            var jsonArray = new List<object>();
            foreach (string file in parse.GetValue(files)!)
            {
                var (bytes, readError) = await ReadAsync(file, ct);
                if (readError is not null)
                {
                    failures++;
                    Report(fmt, file, readError, jsonArray);
                    continue;
                }
                var clock = Stopwatch.StartNew();
                var document = new IncomingDocument(file == "-" ? "stdin" : file, DocumentFile.PageFormat(file == "-" ? null : file, bytes), bytes!, fetchedAt ?? DateTimeOffset.UtcNow, pageUrl, Fetched: fetchedAt);
                var (extracted, _, error, _, _) = DocumentReader.Read(document);
                var article = extracted is null ? null : ArticleAnalyzer.ArticleOf(document, extracted);
                double ms = clock.Elapsed.TotalMilliseconds;
                if (error is not null || article is null || article.Text.Length == 0)
                {
                    failures++;
                    Report(fmt, file, error ?? "no article text found", jsonArray);
                    continue;
                }
                switch (fmt)
                {
                    case "jsonl":
                        Console.Out.WriteLine(JsonSerializer.Serialize(ArticleFormats.JsonObject(article, file, ms), ArticleFormats.JsonOptions));
                        break;
                    case "json":
                        jsonArray.Add(ArticleFormats.JsonObject(article, file, ms));
                        break;
                    case "markdown":
                        Console.Out.Write(ArticleFormats.Markdown(article));
                        break;
                    case "html":
                        Console.Out.Write(ArticleFormats.Html(article));
                        break;
                    default:
                        Console.Out.Write(ArticleFormats.PlainText(article));
                        break;
                }
            }
            if (fmt == "json")
                Console.Out.WriteLine(JsonSerializer.Serialize(jsonArray.Count == 1 ? jsonArray[0] : jsonArray,
                    new JsonSerializerOptions(ArticleFormats.JsonOptions) { WriteIndented = true }));
            return failures > 0 ? 1 : 0;
        });
        return command;
    }

    private static void Report(string fmt, string file, string error, List<object> jsonArray)
    {
        Console.Error.WriteLine($"{file}: {error}");
        var o = new Dictionary<string, object?> { ["file"] = file, ["error"] = error };
        if (fmt == "jsonl") Console.Out.WriteLine(JsonSerializer.Serialize(o, ArticleFormats.JsonOptions));
        else if (fmt == "json") jsonArray.Add(o);
    }

    private const long MaxBytes = 64L * 1024 * 1024;

    private static async Task<(byte[]? Bytes, string? Error)> ReadAsync(string file, CancellationToken ct)
    {
        if (file != "-") return await DocumentFile.ReadAsync(file, MaxBytes, ct);
        await using var stdin = Console.OpenStandardInput();
        return await DocumentFile.ReadLimitedAsync(stdin, MaxBytes, " on standard input", ct);
    }
}
