using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Icmal.Linking;
using Icmal.Model;
using Icmal.Storage;
using Icmal.Text.Similarity;

namespace Icmal.Evaluation;

/// <summary>The figures of <see cref="DuplicateEvaluation"/>.</summary>
/// <param name="Pairs">Pairs of articles in one copy group (an original and its copies), as found against as made.</param>
/// <param name="CopiesToOwnOriginal">Generated copies linked to the article they were made from.</param>
/// <param name="SameEventPairs">Pairs of different articles in one gold story of the clustering set (other reports of the same event).</param>
/// <param name="SameEventLinked">How many of those ended in one copy group: each is a false link.</param>
/// <param name="RecallByEdit">Per edit, the share of copies with that edit found in their group.</param>
public sealed record DuplicateReport(int Originals, int Copies, ClusterPairs Pairs, int CopiesToOwnOriginal, int CreditedCopies, int CreditedLinked,
    int SameEventPairs, int SameEventLinked, IReadOnlyDictionary<CopyEditKinds, (int Found, int Of)> RecallByEdit, IReadOnlyList<string> Misses,
    IReadOnlyList<string> FalseLinks, double MsPerArticle, CopyRule Rule);

/// <summary>Precision, recall and F1 over pairs of items placed together.</summary>
public sealed record ClusterPairs(long True, long Predicted, long Gold)
{
    public double Precision => Predicted == 0 ? 1 : (double)True / Predicted;
    public double Recall => Gold == 0 ? 1 : (double)True / Gold;
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
}

/// <summary>
/// Copy detection on generated republications (issue #16, `icmal eval duplicates`): every banker.az article of the
/// shared set, and for most of them one or two copies made by <see cref="CopyEdits"/>, go through the real detector
/// over a real SQLite store, arriving partly out of order (a fifth of the stream is imported late, so copies come
/// before their originals too). Scored on the copy groups: pairs in one group, found against made. The articles of
/// one gold story of az-banker-dev (different reports of one event) must never end in one group; articles with the
/// very same text are one group by definition (a site that posted one item twice).
/// </summary>
public static class DuplicateEvaluation
{
    /// <summary>Runs the evaluation over the articles of <paramref name="articlesPath"/> (the banker.az JSON array)
    /// with the gold stories of <paramref name="storiesPath"/> (az-banker-dev JSON lines, "id" indexing the array).</summary>
    /// <exception cref="InvalidDataException">A file is not the shape described.</exception>
    public static async Task<DuplicateReport> EvaluateAsync(string articlesPath, string? storiesPath, int seed, CopyRule? rule, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(articlesPath);
        rule ??= CopyRule.Default;
        var originals = await ReadArticlesAsync(articlesPath, ct);
        var stories = storiesPath is null ? new Dictionary<int, string>() : await ReadStoriesAsync(storiesPath, ct);
        var random = new Random(seed);
        var edits = new CopyEdits(random, originals.Select(o => o.Title).ToList(),
            originals.Select(o => o.Text.Split("\n\n")[0]).Where(p => p.Length > 80).ToList());

        // Items: the originals (group = the first original of the same text), then their copies.
        var items = new List<Item>();
        var firstOfText = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < originals.Count; i++)
        {
            var o = originals[i];
            int group = firstOfText.TryGetValue(o.Text, out int g) ? g : firstOfText[o.Text] = i;
            items.Add(new Item(i, group, o.Site, o.Url, o.Title, o.Text, o.Published, null, CopyEditKinds.None, null));
        }
        int n = 0;
        foreach (var o in originals.ToList())
        {
            int copies = random.NextDouble() < 0.6 ? random.NextDouble() < 0.25 ? 2 : 1 : 0;
            for (int k = 0; k < copies; k++)
            {
                var c = edits.Make(o.Site, o.Title, o.Text);
                var published = o.Published.AddMinutes(random.Next(20, 36 * 60));
                items.Add(new Item(items.Count, items[o.Index].Group, c.Site, $"https://{c.Site}/news/{++n}", c.Title, c.Text, published, c.Credit, c.Edits, o.Index));
            }
        }
        // Arrival: by publication, except a fifth imported late (a backfill, a second feed), in random order.
        var late = items.Where(_ => random.NextDouble() < 0.2).ToHashSet();
        var stream = items.Where(i => !late.Contains(i)).OrderBy(i => i.Published).Concat(late.OrderBy(_ => random.Next())).ToList();

        string folder = Path.Combine(Path.GetTempPath(), "icmal-eval-duplicates-" + Guid.NewGuid().ToString("N"));
        try
        {
            var stores = await Stores.OpenAsync(DatabaseSetting.InDataFolder(folder), ct);
            var detector = new CopyDetector(stores, rule);
            var ids = new Dictionary<long, Item>();
            var clock = Stopwatch.StartNew();
            var archived = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
            foreach (var item in stream)
            {
                var article = new Article
                {
                    Id = 0, DocumentId = 0, Origin = item.Url, Url = item.Url, Title = item.Title, Site = item.Site, Published = item.Published,
                    Archived = archived = archived.AddSeconds(30), Original = item.Credit, Language = "az",
                    Blocks = item.Text.Split("\n\n").Select(p => new ArticleBlock(BlockKind.Paragraph, p)).ToList(),
                };
                byte[] raw = Encoding.UTF8.GetBytes(item.Url + "\n" + item.Title + "\n" + item.Text);
                long id = (await stores.Articles.AddAsync(new NewDocument(Hashing.Sha256Hex(raw), item.Url, item.Url, "json-article", "utf-8", raw, archived), article, ct)).ArticleId;
                ids[id] = item;
                await detector.LinkAsync(article with { Id = id }, ct);
            }
            double ms = clock.Elapsed.TotalMilliseconds / Math.Max(1, stream.Count);
            var originalOf = new Dictionary<long, long>();
            foreach (var (original, links) in await stores.Copies.CopiesOfManyAsync(ids.Keys.ToList(), ct))
                foreach (var link in links) originalOf[link.ArticleId] = original;
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            return Score(ids, originalOf, stories, ms, rule);
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static DuplicateReport Score(Dictionary<long, Item> ids, Dictionary<long, long> originalOf, Dictionary<int, string> stories, double ms, CopyRule rule)
    {
        long Found(long id) => originalOf.TryGetValue(id, out long o) ? o : id;
        var found = ids.Keys.GroupBy(Found).Select(g => g.ToList()).ToList();
        long predicted = found.Sum(g => (long)g.Count * (g.Count - 1) / 2);
        long gold = ids.Values.GroupBy(i => i.Group).Sum(g => (long)g.Count() * (g.Count() - 1) / 2);
        long right = found.Sum(g => g.GroupBy(id => ids[id].Group).Sum(s => (long)s.Count() * (s.Count() - 1) / 2));

        var idOf = ids.ToDictionary(kv => kv.Value.Index, kv => kv.Key);
        // Articles linked to an original of another group: what took precision.
        var wrong = originalOf.Where(kv => ids[kv.Key].Group != ids[kv.Value].Group).Take(10)
            .Select(kv => Wrong(ids[kv.Key], ids[kv.Value])).ToList();
        var copies = ids.Where(kv => kv.Value.CopyOf is not null).ToList();
        int toOwn = copies.Count(kv => Found(kv.Key) == Found(idOf[kv.Value.CopyOf!.Value]) && Found(kv.Key) == idOf[kv.Value.CopyOf!.Value]);
        var credited = copies.Where(kv => kv.Value.Credit is not null).ToList();
        int creditedLinked = credited.Count(kv => originalOf.TryGetValue(kv.Key, out long o) && o == idOf[kv.Value.CopyOf!.Value]);
        var byEdit = new Dictionary<CopyEditKinds, (int, int)>();
        foreach (var kind in Enum.GetValues<CopyEditKinds>().Where(k => k != CopyEditKinds.None))
        {
            var with = copies.Where(kv => kv.Value.Edits.HasFlag(kind)).ToList();
            byEdit[kind] = (with.Count(kv => Found(kv.Key) == Found(idOf[kv.Value.CopyOf!.Value])), with.Count);
        }
        var misses = copies.Where(kv => Found(kv.Key) != Found(idOf[kv.Value.CopyOf!.Value]))
            .Select(kv => Miss(kv.Value, ids[idOf[kv.Value.CopyOf!.Value]], Found(kv.Key) != kv.Key)).Take(10).ToList();

        // Other reports of one event: the originals of one gold story, not of one text.
        int pairs = 0, linked = 0;
        var falseLinks = new List<string>();
        foreach (var story in stories.GroupBy(kv => kv.Value, kv => kv.Key).Where(g => g.Count() > 1))
        {
            var members = story.Where(idOf.ContainsKey).ToList();
            for (int a = 0; a < members.Count; a++)
            {
                for (int b = a + 1; b < members.Count; b++)
                {
                    Item x = ids[idOf[members[a]]], y = ids[idOf[members[b]]];
                    if (x.Group == y.Group) continue;
                    pairs++;
                    if (Found(idOf[members[a]]) != Found(idOf[members[b]])) continue;
                    linked++;
                    falseLinks.Add($"#{x.Index} {x.Title} ~ #{y.Index} {y.Title}");
                }
            }
        }
        return new DuplicateReport(ids.Values.Count(i => i.CopyOf is null), copies.Count, new ClusterPairs(right, predicted, gold), toOwn,
            credited.Count, creditedLinked, pairs, linked, byEdit, misses, [.. falseLinks, .. wrong], ms, rule);
    }

    /// <summary>A missed copy: its headline, edits, the sketches' similarity to its original, and whether it went to another group.</summary>
    private static string Miss(Item copy, Item original, bool linkedElsewhere)
    {
        var s = TextSketch.Compare(TextSketch.Of(copy.Text), TextSketch.Of(original.Text));
        return string.Create(CultureInfo.InvariantCulture,
            $"{copy.Title} ({copy.Edits}) copy of #{copy.CopyOf}: resemblance {s.Resemblance:0.00}, containment {s.Containment:0.00}{(linkedElsewhere ? ", linked elsewhere" : "")}");
    }

    private static string Wrong(Item copy, Item original)
    {
        var s = TextSketch.Compare(TextSketch.Of(copy.Text), TextSketch.Of(original.Text));
        return string.Create(CultureInfo.InvariantCulture,
            $"wrong original: #{copy.Index} ({(copy.CopyOf is { } c ? $"copy of #{c}, {copy.Edits}" : "original")}) under #{original.Index} ({(original.CopyOf is { } o ? $"copy of #{o}" : "original")}): resemblance {s.Resemblance:0.00}, containment {s.Containment:0.00}");
    }

    private static async Task<List<Original>> ReadArticlesAsync(string path, CancellationToken ct)
    {
        await using var file = File.OpenRead(path);
        using var doc = await JsonDocument.ParseAsync(file, cancellationToken: ct);
        if (doc.RootElement.ValueKind != JsonValueKind.Array) throw new InvalidDataException("not a JSON array of articles");
        var list = new List<Original>();
        foreach (var o in doc.RootElement.EnumerateArray())
        {
            string? text = Str(o, "text"), title = Str(o, "title"), url = Str(o, "url");
            if (text is null || title is null || url is null) throw new InvalidDataException($"article {list.Count}: no text, title or url");
            var published = DateTimeOffset.TryParse(Str(o, "published"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var p)
                ? p : throw new InvalidDataException($"article {list.Count}: no published time");
            string site = Str(o, "site") ?? new Uri(url).Host;
            list.Add(new Original(list.Count, site, url, title, text, published));
        }
        return list;
    }

    private static async Task<Dictionary<int, string>> ReadStoriesAsync(string path, CancellationToken ct)
    {
        var stories = new Dictionary<int, string>();
        int line = 0;
        foreach (string text in await File.ReadAllLinesAsync(path, ct))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            using var doc = JsonDocument.Parse(text);
            var o = doc.RootElement;
            if (!o.TryGetProperty("id", out var id) || !id.TryGetInt32(out int index) || Str(o, "cluster") is not { } cluster)
                throw new InvalidDataException($"{path}:{line}: no numeric \"id\" or no \"cluster\"");
            stories[index] = cluster;
        }
        return stories;
    }

    private static string? Str(JsonElement o, string name) => o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private sealed record Original(int Index, string Site, string Url, string Title, string Text, DateTimeOffset Published);

    /// <param name="Group">The copy group it belongs to: the index of the first original of its text.</param>
    /// <param name="CopyOf">For a generated copy, the index of the article it was made from.</param>
    private sealed record Item(int Index, int Group, string Site, string Url, string Title, string Text, DateTimeOffset Published,
        SourceCredit? Credit, CopyEditKinds Edits, int? CopyOf);
}
