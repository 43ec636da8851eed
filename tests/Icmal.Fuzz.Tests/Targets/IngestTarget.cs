using System.Text;
using CsCheck;
using Icmal.Fuzz.Tests.Fuzzing;
using Icmal.Fuzz.Tests.Generators;
using Icmal.Import;
using Icmal.Ingest;
using Icmal.Model;
using Icmal.Storage;

namespace Icmal.Fuzz.Tests.Targets;

/// <summary>
/// Article lists imported whole, every stage after reading: the store, copy links, stories, entities, sections and
/// the search index, into one SQLite archive that grows over the run, so each list meets what the earlier ones left
/// (copies of their texts, their stories, their names). Every article is stored, found already present or refused for
/// what it is; none is lost to an exception in one of our stages, and the archive holds exactly what was stored.
/// </summary>
public static class IngestTarget
{
    private static readonly Gen<string> Texts = Gen.Frequency(
        (3, Gen.OneOf(
            Gen.Const("Prezident İlham Əliyev Qazaxıstan Prezidenti Kasım-Jomart Tokayevlə görüşüb. Ticarət dövriyyəsi 15 milyon manat, yəni 3,5 faiz artıb."),
            Gen.Const("Bakıda yeni metro stansiyasının tikintisi davam edir və s. Sərnişinlər üçün xidmət gələn il başlayacaq, nazirlik bildirib."),
            Gen.Const("Токаев заявил: «Товарооборот вырос на 5%». The minister said 20 people came to Astana on Friday."))),
        (2, Gen.Select(Hostile.Words.Array[1, 40], Hostile.Text(40), (w, t) => string.Join(' ', w) + " " + t)),
        (1, Hostile.Text(300)),
        (1, Hostile.Huge(Gen.OneOf(Gen.Const("3-%5 "), Gen.Const("a s. "), Gen.Const("John Smith "), Gen.Const("İ."), Gen.Const("\"")))));

    private static readonly Gen<string> Item = Gen.Select(Texts, Gen.Frequency((3, Texts), (1, Hostile.Text(60))), Gen.Frequency((2, Hostile.Url), (1, Gen.Const(""))),
        Hostile.Date, Gen.Int[0, 4], (text, title, url, date, site) =>
        {
            // Lone surrogates made into U+FFFD: System.Text.Json refuses an item with one (JsonArticleTarget covers that),
            // and this target is for what the stages after reading do with what they are given.
            static string J(string s) => Hostile.JsonString(string.Create(s.Length, s, (span, t) =>
            {
                for (int i = 0; i < t.Length; i++)
                {
                    bool paired = char.IsHighSurrogate(t[i]) ? i + 1 < t.Length && char.IsLowSurrogate(t[i + 1])
                        : !char.IsLowSurrogate(t[i]) || i > 0 && char.IsHighSurrogate(t[i - 1]);
                    span[i] = paired ? t[i] : '\uFFFD';
                }
            }));
            var sb = new StringBuilder("{");
            sb.Append("\"title\":").Append(J(title.Length > 200 ? title[..200] : title));
            sb.Append(",\"text\":").Append(J(text));
            if (url.Length > 0) sb.Append(",\"url\":").Append(J(url));
            sb.Append(",\"published\":").Append(J(date));
            if (site > 0) sb.Append(",\"site\":").Append(J(new[] { "apa.az", "report.az", "", "ИА Тренд" }[site - 1]));
            return sb.Append('}').ToString();
        });

    private static readonly Gen<string> List = Item.Array[1, 4].Select(items => "[" + string.Join(",\n", items) + "]");

    public static readonly FuzzTarget<string> Target = new("ingest", List, Check, CorpusCodec.FromString, CorpusCodec.ToString, DefaultIterations: 150, LimitScale: 5);

    /// <summary>Inputs between two starts of the pipeline (each start catches up what the archive holds unfinished).</summary>
    private const int InputsPerStart = 25;

    private static int _inputs;

    /// <summary>One import at a time: the replay of the corpus and the run share the archive, and xunit runs them at once.</summary>
    private static readonly Lock Gate = new();

    private static void Check(string json)
    {
        lock (Gate) CheckAlone(json);
    }

    private static void CheckAlone(string json)
    {
        string file = Path.Combine(Archive.Folder, "list.json");
        File.WriteAllText(file, json, new UTF8Encoding(false, false));
        long before = Archive.CountAsync().GetAwaiter().GetResult();
        var outcomes = new List<IngestOutcome>();
        // As a new `icmal import` or crawl would: the start's catch-ups (sketches, facts, sections, stories, the index)
        // meet whatever earlier inputs left in the archive.
        if (++_inputs % InputsPerStart == 0) Archive.Start();
        foreach (var e in Archive.Importer.ImportAsync([file], CancellationToken.None).ToBlockingEnumerable()) outcomes.Add(e.Outcome);
        foreach (var outcome in outcomes)
        {
            // IngestOutcome.Threw: "<stage> failed: <exception type>: <message>", an exception in one of our stages.
            if (outcome.Status is IngestStatus.Rejected or IngestStatus.Failed && outcome.Reason is { } reason && reason.Contains(" failed: ", StringComparison.Ordinal)
                && outcome.Stage is not null and not IngestStage.Read)
                throw new InvalidOperationException($"{outcome.Origin}: {reason}");
            if (outcome.Status is IngestStatus.Rejected && string.IsNullOrWhiteSpace(outcome.Reason))
                throw new InvalidOperationException($"{outcome.Origin} refused without a reason");
        }
        long stored = outcomes.Count(o => o.Status == IngestStatus.Stored);
        long after = Archive.CountAsync().GetAwaiter().GetResult();
        if (after - before != stored) throw new InvalidOperationException($"{stored} stored, the archive grew by {after - before}");
    }

    /// <summary>The archive all inputs go into, in a temporary folder, once a process; deleted when it ends.</summary>
    private static class Archive
    {
        public static readonly string Folder = TempFolder.Create("icmal-fuzz-ingest-");

        private static readonly Stores Stores =
            Stores.OpenAsync(DatabaseSetting.InDataFolder(Path.Combine(Folder, "data")), CancellationToken.None).GetAwaiter().GetResult();

        public static Importer Importer { get; private set; } = Open(Stores);

        /// <summary>A new pipeline over the archive, as a new process opens it.</summary>
        public static void Start() => Importer = Open(Stores);

        private static Importer Open(Stores stores) => new(IngestPipeline.OpenAsync(stores, CancellationToken.None).GetAwaiter().GetResult(), new ImportOptions());

        public static Task<long> CountAsync() => Stores.Articles.CountAsync(CancellationToken.None);
    }
}
