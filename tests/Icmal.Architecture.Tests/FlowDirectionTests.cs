using ArchUnitNET.Domain;
using ArchUnitNET.Loader;

namespace Icmal.Architecture.Tests;

/// <summary>
/// The direction of flow, pinned: collect → extract → analyse → store → link/cluster → index → serve. Each folder of
/// the library may use the model, Icmal.Text and the folders before it, never one after it; the web and the command
/// use the library, never the reverse. A new folder must be given its place here before it can be used at all.
/// </summary>
public sealed class FlowDirectionTests
{
    /// <summary>The library's folders in flow order; a folder may depend on itself and on those before it.</summary>
    private static readonly string[] Flow =
    [
        "Model",      // records and enums shared by stages
        "Decoding",   // bytes → text
        "Html",       // the one bounded HTML parse
        "Collection", // the web side: fetch, feeds, discovery, listings
        "Import",     // the file side: files and JSON lists → documents
        "Extraction", // document → extracted article
        "Analysis",   // extracted → analysed article
        "Storage",    // one store per entity
        "Linking",    // copies and near-copies tied to their originals
        "Clustering", // stories
        "Search",     // the query side of the search index: query language, ranking, snippets, reindex
        "Ingest",     // the ordered pipeline, the crawler and the importer
        "Evaluation", // quality harnesses over the shared data sets
        "Hosting",    // configuration and the composition root
    ];

    private static readonly ArchUnitNET.Domain.Architecture Code = new ArchLoader()
        .LoadAssemblies(typeof(Model.Article).Assembly, typeof(Text.AzAnalyzer).Assembly, typeof(Web.PortalServer).Assembly,
            typeof(Cli.Program).Assembly)
        .Build();

    [Fact]
    public void No_library_folder_uses_a_folder_later_in_the_flow()
    {
        var backward = Arrows("Icmal.Core")
            .Where(a => Rank(a.From) is { } from && Rank(a.To) is { } to && to > from)
            .Select(a => $"{a.FromType} → {a.ToType}")
            .Distinct(StringComparer.Ordinal)
            .ToList();
        Assert.True(backward.Count == 0, "backward arrows:\n" + string.Join("\n", backward));
    }

    [Fact]
    public void Every_library_folder_has_its_place_in_the_flow()
    {
        var unplaced = Code.Types
            .Where(t => InAssembly(t, "Icmal.Core") && Folder(t.Namespace.FullName) is { } f && !Flow.Contains(f))
            .Select(t => t.FullName)
            .ToList();
        Assert.True(unplaced.Count == 0, "types in folders with no place in the flow:\n" + string.Join("\n", unplaced));
    }

    [Fact]
    public void No_two_namespaces_of_the_library_use_each_other()
    {
        var edges = Arrows("Icmal.Core").Where(a => a.From != a.To).Select(a => (a.From, a.To)).Distinct().ToList();
        var cycles = Cycles(edges);
        Assert.True(cycles.Count == 0, "namespace cycles:\n" + string.Join("\n", cycles.Select(c => string.Join(" ⇄ ", c))));
    }

    [Fact]
    public void The_text_library_uses_nothing_of_Icmal()
    {
        var arrows = Arrows("Icmal.Text").Where(a => !a.To.StartsWith("Icmal.Text", StringComparison.Ordinal)).ToList();
        Assert.True(arrows.Count == 0, string.Join("\n", arrows.Select(a => $"{a.FromType} → {a.ToType}")));
    }

    [Fact]
    public void The_library_knows_neither_the_web_nor_the_command()
    {
        var arrows = Arrows("Icmal.Core").Where(a => a.To.StartsWith("Icmal.Web", StringComparison.Ordinal) || a.To.StartsWith("Icmal.Cli", StringComparison.Ordinal)).ToList();
        Assert.True(arrows.Count == 0, string.Join("\n", arrows.Select(a => $"{a.FromType} → {a.ToType}")));
    }

    [Fact]
    public void The_web_does_not_know_the_command()
    {
        var arrows = Arrows("Icmal.Web").Where(a => a.To.StartsWith("Icmal.Cli", StringComparison.Ordinal)).ToList();
        Assert.True(arrows.Count == 0, string.Join("\n", arrows.Select(a => $"{a.FromType} → {a.ToType}")));
    }

    /// <summary>The command hosts the portal; what it shows and prints comes from the library, not from the web's types.</summary>
    [Fact]
    public void The_command_uses_the_web_only_to_host_the_portal()
    {
        string[] hosting = ["Icmal.Web.PortalServer", "Icmal.Web.PortalOptions"];
        var arrows = Arrows("icmal").Where(a => a.To.StartsWith("Icmal.Web", StringComparison.Ordinal) && !hosting.Contains(a.ToType)).ToList();
        Assert.True(arrows.Count == 0, string.Join("\n", arrows.Select(a => $"{a.FromType} → {a.ToType}")));
    }

    /// <summary>The checks above see dependencies at all: a rule over an empty graph would pass whatever the code did.</summary>
    [Fact]
    public void The_dependency_graph_is_loaded()
    {
        var arrows = Arrows("Icmal.Core").ToList();
        Assert.Contains(arrows, a => a.From == "Icmal.Ingest" && a.To == "Icmal.Storage");
        Assert.Contains(arrows, a => a.From == "Icmal.Extraction" && a.To == "Icmal.Model");
        Assert.Equal(1, Rank("Icmal.Decoding"));
        Assert.Equal(5, Rank("Icmal.Extraction.Html"));
    }

    private sealed record Arrow(string From, string To, string FromType, string ToType);

    /// <summary>Every type-to-type dependency leaving the types of one assembly, with the namespaces at both ends.</summary>
    private static IEnumerable<Arrow> Arrows(string assembly) =>
        Code.Types
            .Where(t => InAssembly(t, assembly))
            .SelectMany(t => t.Dependencies.Select(d => d.Target).Where(target => target.FullName.StartsWith("Icmal", StringComparison.Ordinal))
                .Select(target => new Arrow(t.Namespace.FullName, target.Namespace.FullName, Outer(t.FullName), Outer(target.FullName))));

    /// <summary>The loader names an assembly by its simple or its full name ("Icmal.Core, Version=…").</summary>
    private static bool InAssembly(IType type, string assembly) =>
        type.Assembly.Name == assembly || type.Assembly.Name.StartsWith(assembly + ",", StringComparison.Ordinal)
        || type.Assembly.FullName.StartsWith(assembly + ",", StringComparison.Ordinal);

    /// <summary>A compiler-made nested type (a closure, a state machine) stands for the type it was written in.</summary>
    private static string Outer(string fullName) => fullName.Split('+')[0];

    /// <summary>The library folder of a namespace: Icmal.Extraction.Html → Extraction; null outside the library.</summary>
    private static string? Folder(string ns)
    {
        if (!ns.StartsWith("Icmal.", StringComparison.Ordinal)) return null;
        string folder = ns["Icmal.".Length..].Split('.')[0];
        return folder is "Text" or "Web" or "Cli" ? null : folder;
    }

    private static int? Rank(string ns) => Folder(ns) is { } f && Array.IndexOf(Flow, f) is var i and >= 0 ? i : null;

    /// <summary>Strongly connected groups of more than one namespace (Tarjan).</summary>
    private static List<List<string>> Cycles(IReadOnlyCollection<(string From, string To)> edges)
    {
        var next = edges.GroupBy(e => e.From, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(e => e.To).ToList(), StringComparer.Ordinal);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<List<string>>();
        void Visit(string v)
        {
            index[v] = low[v] = index.Count;
            stack.Push(v);
            onStack.Add(v);
            foreach (string w in next.GetValueOrDefault(v) ?? [])
            {
                if (!index.ContainsKey(w)) { Visit(w); low[v] = Math.Min(low[v], low[w]); }
                else if (onStack.Contains(w)) low[v] = Math.Min(low[v], index[w]);
            }
            if (low[v] != index[v]) return;
            var group = new List<string>();
            string x;
            do { x = stack.Pop(); onStack.Remove(x); group.Add(x); } while (x != v);
            if (group.Count > 1) result.Add([.. group.Order(StringComparer.Ordinal)]);
        }
        foreach (string v in edges.SelectMany(e => new[] { e.From, e.To }).Distinct(StringComparer.Ordinal))
            if (!index.ContainsKey(v)) Visit(v);
        return result;
    }
}
