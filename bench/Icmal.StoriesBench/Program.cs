using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Icmal.Analysis;
using Icmal.Clustering;
using Icmal.Evaluation;
using Icmal.Linking;
using Icmal.Bench;
using Icmal.StoriesBench;

// Streams N synthetic articles made from the real banker.az texts through copy detection and the story clusterer, as
// the pipeline's link and cluster stages do, and prints articles per second and memory. A tenth of the articles are
// republications (CopyEdits) of a recent one. Usage: dotnet run -c Release --project bench/Icmal.StoriesBench --
// [--articles N] [--report-every N] [--no-cluster]   (--no-cluster: copy detection alone)
int count = Arg("--articles", 1_000_000);
bool withClustering = !args.Contains("--no-cluster");
int every = Arg("--report-every", Math.Max(1, count / 10));
string path = SharedDataFolder.Find("az/banker-az-articles.json") ?? throw new FileNotFoundException("shared/data/az/banker-az-articles.json not found beside the repository");
using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(path));
var sources = doc.RootElement.EnumerateArray().Select(o => (Title: o.GetProperty("title").GetString()!, Text: o.GetProperty("text").GetString()!)).ToArray();
var vocabularies = sources.Select(s => s.Text.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries)).Where(w => w.Length > 20).ToArray();
var random = new Random(7);
var edits = new CopyEdits(random, sources.Select(s => s.Title).ToList(), sources.Select(s => s.Text.Split("\n\n")[0]).ToList());
string[] sites = ["apa.az", "report.az", "azertag.az", "trend.az", "oxu.az", "qafqazinfo.az", "banker.az", "sherg.az", "modern.az", "musavat.com"];

var copies = new MemoryCopyIndex(CopyRule.Default);
var clusterer = new StoryClusterer();
var recent = new (string Title, string Text, string Site)[1024];
var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.FromHours(4));
TimeSpan detect = default, analyse = default, cluster = default;
long detectCpu = 0, analyseCpu = 0, clusterCpu = 0; // thread processor time, ns
var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
var wall = Stopwatch.StartNew();
var window = Stopwatch.StartNew();
int made = 0;
ulong checksum = 14695981039346656037UL; // of every assignment: a change to the clustering's output changes it
for (int i = 0; i < count; i++)
{
    string title, text, site;
    if (i > 100 && random.NextDouble() < 0.1)
    {
        var o = recent[random.Next(Math.Min(i, recent.Length))];
        var c = edits.Make(o.Site, o.Title, o.Text);
        (title, text, site) = (c.Title, c.Text, c.Site);
        made++;
    }
    else
    {
        // A new text: the words of one real article drawn at random, so that articles drawn from one share its
        // vocabulary as reports of one topic do (what the clusterer works on) without sharing runs of words (which
        // only copies do), and the archive never holds one text twice.
        int source = random.Next(vocabularies.Length);
        var words = vocabularies[source];
        int n = random.Next(60, 220);
        var parts = new string[n];
        for (int k = 0; k < n; k++) parts[k] = words[random.Next(words.Length)];
        text = string.Join(' ', parts[..(n / 2)]) + ".\n\n" + string.Join(' ', parts[(n / 2)..]) + ".";
        title = string.Join(' ', Enumerable.Range(0, 8).Select(_ => words[random.Next(words.Length)]));
        site = sites[random.Next(sites.Length)];
    }
    recent[i % recent.Length] = (title, text, site);
    var time = start.AddSeconds(i * 20);
    long c0 = ThreadCpu.Nanoseconds(), t0 = Stopwatch.GetTimestamp();
    copies.Add(i, text, site, time);
    long t1 = Stopwatch.GetTimestamp(), c1 = ThreadCpu.Nanoseconds();
    long t2 = t1, t3 = t1, c2 = c1, c3 = c1;
    if (withClustering)
    {
        var terms = ArticleAnalyzer.LeadTerms(title, text, "az");
        t2 = Stopwatch.GetTimestamp();
        c2 = ThreadCpu.Nanoseconds();
        var assigned = clusterer.Assign(new ClusterInput(i, terms, time));
        checksum = Checksum(checksum, assigned);
        t3 = Stopwatch.GetTimestamp();
        c3 = ThreadCpu.Nanoseconds();
    }
    detectCpu += c1 - c0;
    analyseCpu += c2 - c1;
    clusterCpu += c3 - c2;
    detect += Stopwatch.GetElapsedTime(t0, t1);
    analyse += Stopwatch.GetElapsedTime(t1, t2);
    cluster += Stopwatch.GetElapsedTime(t2, t3);
    if ((i + 1) % every == 0)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{i + 1,9:N0} articles: last {every:N0} at {every / window.Elapsed.TotalSeconds:N0}/s; per CPU second: copy detection {Rate(i + 1, CpuSpan(detectCpu))}, clustering {Rate(i + 1, CpuSpan(clusterCpu))}, lead analysis {Rate(i + 1, CpuSpan(analyseCpu))} (cumulative)"));
        window.Restart();
    }
}
wall.Stop();
var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu0;
var p = Process.GetCurrentProcess();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
    articles {count:N0} ({made:N0} generated copies, {copies.Links:N0} linked); wall {wall.Elapsed.TotalSeconds:N1} s, CPU {cpu.TotalSeconds:N1} s
    copy detection + clustering: {count / (detect + cluster).TotalSeconds:N0} articles/s (detection {count / detect.TotalSeconds:N0}/s, clustering {Rate(count, cluster)}); with lead analysis {count / (detect + cluster + analyse).TotalSeconds:N0}/s
    per CPU second of the thread: copy detection + clustering {Rate(count, CpuSpan(detectCpu + clusterCpu))} (detection {Rate(count, CpuSpan(detectCpu))}, clustering {Rate(count, CpuSpan(clusterCpu))}); lead analysis {Rate(count, CpuSpan(analyseCpu))}; load average {LoadAverage()}
    clustering checksum {checksum:x16} (story, new, similarity bits and headline of every assignment: equal before and after a change that must not alter the output)
    sketch state {copies.StateBytesPerArticle:N0} bytes per article (hashes, count, key rows); process peak working set {p.PeakWorkingSet64 / 1048576.0:N0} MiB, managed heap {GC.GetTotalMemory(false) / 1048576.0:N0} MiB
    """));

int Arg(string name, int fallback)
{
    int at = Array.IndexOf(args, name);
    if (at < 0) return fallback;
    if (at + 1 < args.Length && int.TryParse(args[at + 1], NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value >= 1) return value;
    Console.Error.WriteLine($"{name}: needs a positive whole number");
    Environment.Exit(2);
    return fallback;
}

/// <summary>Folds one assignment into a running FNV-1a hash.</summary>
static ulong Checksum(ulong hash, StoryAssignment a)
{
    foreach (long v in (ReadOnlySpan<long>)[a.StoryKey, a.IsNew ? 1 : 0, BitConverter.DoubleToInt64Bits(a.Similarity), a.HeadlineArticleId ?? -1])
        hash = (hash ^ (ulong)v) * 1099511628211UL;
    return hash;
}

static TimeSpan CpuSpan(long nanoseconds) => TimeSpan.FromTicks(nanoseconds / 100);

/// <summary>The machine's load average over the last minute (Linux), to read the wall rates by.</summary>
static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

/// <summary>Articles per second of a part, or "not run" for a part the flags left out (no time spent).</summary>
static string Rate(long articles, TimeSpan spent) =>
    spent > TimeSpan.Zero ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{articles / spent.TotalSeconds:N0}/s") : "not run";
