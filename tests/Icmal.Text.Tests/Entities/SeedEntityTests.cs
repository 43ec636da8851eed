using Icmal.Text.Entities;

namespace Icmal.Text.Tests.Entities;

/// <summary>The entities of the five seed pages (samples/), each linked across its forms.</summary>
public sealed class SeedEntityTests
{
    private static string Seed(string prefix) =>
        File.ReadAllText(Directory.GetFiles(Path.Combine(TestPaths.Repository(), "samples"), prefix + "_*.txt").Single());

    private static LinkedEntity Entity(List<LinkedEntity> entities, string name, EntityKind kind)
    {
        var found = entities.Where(e => e.Name == name && e.Kind == kind).ToList();
        Assert.True(found.Count == 1, $"{name} ({kind}) should be one entity; entities: {string.Join(", ", entities.Select(e => e.Name + "/" + e.Kind))}");
        return found[0];
    }

    [Fact]
    public void Print_analysis_links_Tokayev_Aliyev_TDT_and_the_places_across_their_forms()
    {
        string text = Seed("000");
        var entities = EntityLinker.FindEntities(text);

        var tokayev = Entity(entities, "Kasım-Jomart Tokayev", EntityKind.Person);
        Assert.Contains(tokayev.Mentions, m => m.Text == "Tokayevin");
        Assert.Contains(tokayev.Mentions, m => m.Text.StartsWith("Kasım-Jomart", StringComparison.Ordinal));
        var aliyev = Entity(entities, "İlham Əliyev", EntityKind.Person);
        Assert.Contains(aliyev.Mentions, m => m.Text == "İlham Əliyevin");
        Assert.Contains(aliyev.Mentions, m => m.Text == "İlham Əliyevi");
        var tdt = Entity(entities, "Türk Dövlətləri Təşkilatı", EntityKind.Organization);
        Assert.Contains(tdt.Mentions, m => m.Text == "TDT");
        Assert.Contains(tdt.Mentions, m => m.Text.StartsWith("Türk Dövlətləri Təşkilatına", StringComparison.Ordinal));
        Assert.True(Entity(entities, "Qazaxıstan", EntityKind.Location).Mentions.Count >= 3);
        Entity(entities, "Astana", EntityKind.Location);
        foreach (var m in entities.SelectMany(e => e.Mentions)) Assert.Equal(text.Substring(m.Start, m.Length), m.Text);
    }

    [Fact]
    public void The_English_spelling_Kassym_Jomart_links_to_the_canonical_name()
    {
        var entities = EntityLinker.FindEntities(Seed("001"));
        var tokayev = Entity(entities, "Kasım-Jomart Tokayev", EntityKind.Person);
        Assert.Contains(tokayev.Mentions, m => m.Text.StartsWith("Kassym", StringComparison.Ordinal));
        Entity(entities, "İlham Əliyev", EntityKind.Person);
    }

    [Fact]
    public void The_interview_names_Hasanova_Tokayev_and_TDT()
    {
        var entities = EntityLinker.FindEntities(Seed("003"));
        Assert.Contains(entities, e => e.Kind == EntityKind.Person && e.Name.EndsWith("Həsənova", StringComparison.Ordinal));
        Entity(entities, "Kasım-Jomart Tokayev", EntityKind.Person);
        Entity(entities, "Türk Dövlətləri Təşkilatı", EntityKind.Organization);
        Entity(entities, "Qazaxıstan", EntityKind.Location);
        // The surname alone ("Əliyev, …") is the president named in full elsewhere in the interview.
        Assert.Contains(Entity(entities, "İlham Əliyev", EntityKind.Person).Mentions, m => m.Text == "Əliyev");
    }

    [Fact]
    public void Every_seed_names_Aliyev_and_Kazakhstan_once_each()
    {
        foreach (string prefix in (string[])["000", "001", "002", "003", "004"])
        {
            var entities = EntityLinker.FindEntities(Seed(prefix));
            Assert.Contains(entities, e => e.Name == "Qazaxıstan" && e.Kind == EntityKind.Location);
            Assert.Single(entities, e => e.Key == "PER:ilham eliyev");
        }
    }
}
