using System.Globalization;
using System.Text;
using CsCheck;
using Icmal.Fuzz.Tests.Fuzzing;
using Icmal.Fuzz.Tests.Generators;
using Icmal.Import;
using Icmal.Ingest;
using Icmal.Search;
using Icmal.Storage;

namespace Icmal.Fuzz.Tests.Targets;

/// <summary>
/// Searches as anyone may send them, to the box, the API or a feed's address: the query language's operators and
/// filters mangled and mixed with hostile text, the form's filters and the page as any value, searched over a real
/// SQLite archive (<see cref="Archive"/>). Each gives its results or its one problem, never an exception; a problem
/// names itself and points inside the query; results keep to their page, list each article once and count at least
/// what they show.
/// </summary>
public static class SearchTarget
{
    /// <summary>One search: the query, the form's filters (null when unset) and the page.</summary>
    public sealed record Input(string Query, string? Site, string? Language, string? Category, DateOnly? Since, DateOnly? Until, int Limit, int Offset);

    private static readonly Gen<string> Word = Gen.Frequency(
        (6, Gen.OneOf(Gen.Const("metro"), Gen.Const("Azərbaycan"), Gen.Const("azerbaycan"), Gen.Const("prezident"), Gen.Const("Qazaxıstanla"),
            Gen.Const("ticarət"), Gen.Const("hava"), Gen.Const("İlham"), Gen.Const("Əliyev"), Gen.Const("futbol"), Gen.Const("neft"),
            Gen.Const("Токаев"), Gen.Const("the"), Gen.Const("və"), Gen.Const("a"), Gen.Const("1"), Gen.Const("2025"))),
        (3, Hostile.Words), (2, Hostile.Text(12)), (1, Hostile.Entity));

    private static readonly Gen<string> Operator = Gen.OneOf(
        Gen.Const("-"), Gen.Const("\""), Gen.Const("OR"), Gen.Const("or"), Gen.Const("|"), Gen.Const("("), Gen.Const(")"), Gen.Const("*"),
        Gen.Const("title:"), Gen.Const("author:"), Gen.Const("source:"), Gen.Const("site:"), Gen.Const("lang:"), Gen.Const("since:"),
        Gen.Const("until:"), Gen.Const("category:"), Gen.Const("entity:"), Gen.Const("TITLE:"), Gen.Const(":"), Gen.Const("-\""));

    private static readonly Gen<string> Host = Gen.OneOf(
        Gen.Const("apa.az"), Gen.Const("example.az"), Gen.Const("https://apa.az/xeber/1"), Gen.Const("APA.AZ"), Gen.Const("www.apa.az"),
        Gen.Const("xn--80ak6aa92e.com"), Gen.Const("азерб.az"), Gen.Const(".."), Gen.Const("http://"), Gen.Const("a b"), Gen.Const("[::1]"),
        Gen.Const("127.0.0.1"), Gen.Const("%00"), Hostile.Url, Hostile.Text(20));

    private static readonly Gen<string> FilterValue = Gen.Frequency(
        (3, Host), (3, Hostile.Date), (2, Gen.OneOf(Gen.Const("2025-01-01"), Gen.Const("0001-01-01"), Gen.Const("9999-12-31"), Gen.Const("2024-02-29"),
            Gen.Const("2023-02-29"), Gen.Const("10000-01-01"))),
        (2, Gen.OneOf(Gen.Const("az"), Gen.Const("ru"), Gen.Const("en"), Gen.Const("AZ"), Gen.Const("İ"), Gen.Const("zz"), Gen.Const("az-Latn"))),
        (2, Gen.OneOf(Gen.Const("idman"), Gen.Const("siyaset"), Gen.Const("İdman"), Gen.Const("IDMAN"), Gen.Const("hadise"), Gen.Const("x"))),
        (2, Gen.OneOf(Gen.Const("1"), Gen.Const("0"), Gen.Const("-1"), Gen.Const("2"), Gen.Const("99999999999999999999"), Gen.Const("1e3"),
            Gen.Const("\"İlham Əliyev\""), Gen.Const("\"Tokayevin\""), Gen.Const("\""), Gen.Const("\"\""))),
        (2, Word));

    /// <summary>Filters as a reader writes them, each naming something the archive may hold.</summary>
    private static readonly Gen<string> Filter = Gen.OneOf(
        Gen.Const("source:apa.az"), Gen.Const("source:example.az"), Gen.Const("site:oxu.az"), Gen.Const("lang:az"), Gen.Const("lang:ru"),
        Gen.Const("lang:en"), Gen.Const("since:2024-06-01"), Gen.Const("until:2025-01-01"), Gen.Const("since:2025-12-31"),
        Gen.Const("category:idman"), Gen.Const("category:siyaset"), Gen.Const("category:iqtisadiyyat"), Gen.Const("entity:1"),
        Gen.Const("entity:2"), Gen.Const("entity:3"), Gen.Const("entity:\"İlham Əliyev\""), Gen.Const("entity:Tokayevin"), Gen.Const("title:metro"),
        Gen.Const("title:\"yeni metro\""), Gen.Const("author:apa"));

    /// <summary>A word, a phrase, an excluded word or a filter, well formed.</summary>
    private static readonly Gen<string> Term = Gen.Frequency(
        (8, Word), (3, Filter), (2, Word.Array[2, 3].Select(w => "\"" + string.Join(' ', w) + "\"")), (2, Word.Select(w => "-" + w)),
        (1, Gen.Const("OR")));

    /// <summary>Anything: an operator with or without a value of any kind, a term, a hostile run.</summary>
    private static readonly Gen<string> Token = Gen.Frequency(
        (5, Term),
        (4, Gen.Select(Operator, FilterValue, (o, v) => o + v)),
        (2, Operator),
        (1, Hostile.Text(30)));

    private static readonly Gen<string> Separator = Gen.Frequency(
        (12, Gen.Const(" ")), (2, Gen.Const("")), (1, Gen.Const("\t")), (1, Gen.Const("\u00A0")), (1, Gen.Const("  \n")), (1, Gen.Const("\u200B")));

    private static readonly Gen<string> Query = Gen.Frequency(
        (8, Term.Array[1, 6].Select(t => string.Join(' ', t))),
        (6, Gen.Select(Token, Separator).Array[0, 14].Select(parts => string.Concat(parts.Select(p => p.Item1 + p.Item2)))),
        (1, Hostile.Huge(Gen.OneOf(Gen.Const("metro "), Gen.Const("\""), Gen.Const("-a "), Gen.Const("OR "), Gen.Const("source:apa.az "), Gen.Const("(")))),
        (1, Hostile.Text(200)));

    private static Gen<string?> Maybe(Gen<string> value) => Gen.Frequency((6, Gen.Const((string?)null)), (1, value.Select(v => (string?)v)));

    private static readonly Gen<DateOnly?> Day = Gen.Frequency(
        (8, Gen.Const((DateOnly?)null)),
        (2, Gen.Int[-800, 800].Select(d => (DateOnly?)new DateOnly(2025, 6, 1).AddDays(d))),
        (1, Gen.OneOf(Gen.Const<DateOnly?>(DateOnly.MinValue), Gen.Const<DateOnly?>(DateOnly.MaxValue), Gen.Const<DateOnly?>(new DateOnly(1970, 1, 1)))));

    private static readonly Gen<int> Limit = Gen.Frequency(
        (20, Gen.Int[1, SearchRequest.MaxLimit]), (1, Gen.OneOf(Gen.Const(0), Gen.Const(-1), Gen.Const(SearchRequest.MaxLimit + 1), Gen.Const(int.MaxValue), Gen.Const(int.MinValue))));

    private static readonly Gen<int> Offset = Gen.Frequency(
        (20, Gen.Int[0, 60]), (2, Gen.Int[0, Searcher.MaxOffset]),
        (1, Gen.OneOf(Gen.Const(-1), Gen.Const(Searcher.MaxOffset + 1), Gen.Const(int.MaxValue), Gen.Const(int.MinValue))));

    private static readonly Gen<Input> Inputs =
        Gen.Select(Query, Maybe(Host), Maybe(FilterValue), Maybe(FilterValue), Day, Day, Limit, Offset,
            (q, site, language, category, since, until, limit, offset) => new Input(q, site, language, category, since, until, limit, offset));

    public static readonly FuzzTarget<Input> Target = new("search", Inputs, Check, Encode, Decode, DefaultIterations: 400);

    private static void Check(Input input)
    {
        var filters = new SearchFilters(input.Site, input.Language, input.Since, input.Until, input.Category);
        var request = new SearchRequest(input.Query, input.Limit, input.Offset, filters.IsEmpty ? null : filters);
        var answer = Archive.Searcher.SearchAsync(request, CancellationToken.None).GetAwaiter().GetResult();
        if ((answer.Results is null) == (answer.Problem is null))
            throw new InvalidOperationException("the answer has both or neither of results and a problem");
        if (answer.Problem is { } problem)
        {
            if (string.IsNullOrWhiteSpace(problem.Message)) throw new InvalidOperationException($"a {problem.Kind} problem without a message");
            if (problem.Position is { } at && (at < 0 || at > input.Query.Length))
                throw new InvalidOperationException($"the problem \"{problem.Message}\" points at {at}, outside the query of {input.Query.Length} chars");
            return;
        }
        var results = answer.Results!;
        if (results.Items.Count > input.Limit) throw new InvalidOperationException($"{results.Items.Count} items for a limit of {input.Limit}");
        if (results.Limit != input.Limit || results.Offset != input.Offset) throw new InvalidOperationException("the results name another page");
        if (results.Items.Select(i => i.Id).Distinct().Count() != results.Items.Count) throw new InvalidOperationException("an article listed twice");
        if (results.Total < results.Items.Count || (results.Items.Count > 0 && !results.TotalEstimated && results.Total < input.Offset + results.Items.Count))
            throw new InvalidOperationException($"a total of {results.Total} for {results.Items.Count} items from {input.Offset}");
        foreach (var item in results.Items)
        {
            if (item.Snippet.Parts.Any(p => p.Text is null)) throw new InvalidOperationException($"article {item.Id}'s snippet has a part without text");
            if (double.IsNaN(item.Score)) throw new InvalidOperationException($"article {item.Id} scored NaN");
        }
    }

    // Corpus files: the page, the dates and the filters on one line each (base64 of UTF-16, for any string), then the
    // query as readable text.
    private static byte[] Encode(Input i)
    {
        static string Text(string? s) => s is null ? "~" : Convert.ToBase64String(Encoding.Unicode.GetBytes(s));
        static string Day(DateOnly? d) => d?.ToString("O", CultureInfo.InvariantCulture) ?? "~";
        string header = string.Join(' ', i.Limit.ToString(CultureInfo.InvariantCulture), i.Offset.ToString(CultureInfo.InvariantCulture),
            Day(i.Since), Day(i.Until), Text(i.Site), Text(i.Language), Text(i.Category));
        return CorpusCodec.WithHeader(header, CorpusCodec.FromString(i.Query));
    }

    private static Input Decode(byte[] file)
    {
        static string? Text(string s) => s == "~" ? null : Encoding.Unicode.GetString(Convert.FromBase64String(s));
        static DateOnly? Day(string s) => s == "~" ? null : DateOnly.ParseExact(s, "O", CultureInfo.InvariantCulture);
        var (header, body) = CorpusCodec.SplitHeader(file);
        string[] f = (header ?? throw new InvalidDataException("a search corpus file starts with its header line")).Split(' ');
        return new Input(CorpusCodec.ToString(body), Text(f[4]), Text(f[5]), Text(f[6]), Day(f[2]), Day(f[3]),
            int.Parse(f[0], CultureInfo.InvariantCulture), int.Parse(f[1], CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// The archive searched: the five bundled sample pages and a list of articles over two years, three languages and
    /// several sites, imported through the real importer (every stage: entities, sections, copies, the index) into a
    /// SQLite file in a temporary folder, once a process; deleted when it ends.
    /// </summary>
    private static class Archive
    {
        public static readonly Searcher Searcher = Build().GetAwaiter().GetResult();

        private static async Task<Searcher> Build()
        {
            string folder = TempFolder.Create("icmal-fuzz-search-");
            string list = Path.Combine(folder, "articles.json");
            await File.WriteAllTextAsync(list, Articles(), CancellationToken.None);
            string samples = Path.Combine(Path.GetDirectoryName(Corpus.Root)!, "..", "..", "samples");
            var stores = await Stores.OpenAsync(DatabaseSetting.InDataFolder(Path.Combine(folder, "data")), CancellationToken.None);
            var importer = new Importer(await IngestPipeline.OpenAsync(stores, CancellationToken.None), new ImportOptions());
            await foreach (var _ in importer.ImportAsync([samples, list], CancellationToken.None)) { }
            return new Searcher(stores);
        }

        private static string Articles()
        {
            string[] sites = ["apa.az", "report.az", "oxu.az", "example.az"];
            string[] texts =
            [
                "Prezident İlham Əliyev Qazaxıstan Prezidenti Kasım-Jomart Tokayevlə görüşüb. Görüşdə ticarət və nəqliyyat əlaqələri müzakirə olunub.",
                "Bakıda yeni metro stansiyasının tikintisi davam edir, sərnişinlər üçün xidmət gələn il başlayacaq.",
                "Azərbaycan millisi futbol üzrə dünya çempionatının seçmə mərhələsində növbəti oyununu keçirəcək.",
                "Neftin qiyməti dünya bazarlarında bahalaşıb: Brent markalı neftin bir barreli 82 dollara satılır.",
                "Президент Казахстана Касым-Жомарт Токаев встретился с Ильхамом Алиевым; стороны обсудили транзит.",
                "The central bank kept its refinancing rate unchanged at 7.25 percent, the bank said on Friday.",
            ];
            var sb = new StringBuilder("[\n");
            for (int i = 0; i < 48; i++)
            {
                if (i > 0) sb.Append(",\n");
                var published = new DateTimeOffset(2024, 1, 3, 9, 0, 0, TimeSpan.FromHours(4)).AddDays(i * 15);
                string text = texts[i % texts.Length] + " " + texts[(i * 5 + 1) % texts.Length] + string.Create(CultureInfo.InvariantCulture, $" Xəbər {i}.");
                sb.Append(CultureInfo.InvariantCulture, $$"""{"url": "https://{{sites[i % sites.Length]}}/xeber/{{i}}", "title": "Xəbər {{i}}: {{texts[i % texts.Length][..30]}}", "text": "{{text}}", "published": "{{published:O}}"}""");
            }
            return sb.Append("\n]").ToString();
        }
    }
}
