using Icmal.Text.Entities;

namespace Icmal.Text.Tests.Entities;

/// <summary>Russian and English text: names from capitalisation, the gazetteers and the known entities.</summary>
public sealed class OtherLanguageTests
{
    [Fact]
    public void Russian_names_in_Cyrillic_link_to_their_Azerbaijani_names()
    {
        string text = "Президент Казахстана Касым-Жомарт Токаев встретился в Астане с президентом Ильхамом Алиевым. Токаев отметил роль ОТГ.";
        var entities = EntityLinker.FindEntities(text, "ru");
        Assert.Contains(entities, e => e.Name == "Kasım-Jomart Tokayev" && e.Kind == EntityKind.Person && e.Mentions.Count == 2);
        Assert.Contains(entities, e => e.Name == "Astana" && e.Kind == EntityKind.Location);
        Assert.Contains(entities, e => e.Name == "Qazaxıstan" && e.Kind == EntityKind.Location);
        Assert.Contains(entities, e => e.Name == "Türk Dövlətləri Təşkilatı" && e.Kind == EntityKind.Organization);
        // "Президент" opens the sentence and names no one by itself.
        Assert.DoesNotContain(entities, e => e.Mentions.Any(m => m.Text == "Президент"));
    }

    [Fact]
    public async Task A_page_of_capitalised_words_is_read_in_pieces_no_longer_than_a_known_name()
    {
        // Every piece of a run of capitals was looked up as a known name: ~15 s for these 200,000 characters, which a
        // hostile page can send; now a fraction of a second, and a known name inside the run is still found.
        string text = string.Concat(Enumerable.Repeat("John Smith ", 9_000)) + "Kassym-Jomart Tokayev " + string.Concat(Enumerable.Repeat("John Smith ", 9_000));
        var entities = await Task.Run(() => EntityLinker.FindEntities(text, "en"), TestContext.Current.CancellationToken)
            .WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        Assert.Contains(entities, e => e.Name == "Kasım-Jomart Tokayev" && e.Kind == EntityKind.Person);
    }

    [Fact]
    public void English_names_come_from_capitals_gazetteers_and_titles()
    {
        string text = "Kazakh President Kassym-Jomart Tokayev met Ilham Aliyev in Astana. The Organization of Turkic States summit followed.";
        var entities = EntityLinker.FindEntities(text, "en");
        Assert.Contains(entities, e => e.Name == "Kasım-Jomart Tokayev" && e.Kind == EntityKind.Person);
        Assert.Contains(entities, e => e.Name == "İlham Əliyev" && e.Kind == EntityKind.Person);
        Assert.Contains(entities, e => e.Name == "Astana" && e.Kind == EntityKind.Location);
        Assert.DoesNotContain(entities, e => e.Mentions.Any(m => m.Text == "The"));
    }

    [Fact]
    public void The_language_is_identified_when_not_given()
    {
        var mentions = NamedEntityTagger.Default.Find("Владимир Путин провёл переговоры в Москве с Реджепом Тайипом Эрдоганом.");
        Assert.Contains(mentions, m => m.Text == "Владимир Путин" && m.Kind == EntityKind.Person);
    }
}
