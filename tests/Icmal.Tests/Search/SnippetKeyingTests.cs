using System.Text.Json;
using Icmal.Search;
using Icmal.Tests.Support;
using Icmal.Text.Search;

namespace Icmal.Tests.Search;

/// <summary>
/// Snippets key only the words whose key can begin as a query key does (<see cref="SearchKeys.KeyedWords(string, string)"/>);
/// on real texts every word left unkeyed must have had a key beginning with none of the leads, and every other word
/// the same key, so snippets are exactly what keying every word gives.
/// </summary>
public sealed class SnippetKeyingTests
{
    private static readonly string[] Leads = ["q", "t", "e", "aeiou", "0123456789", "bcdfghjklmnprsvxyz", ""];

    [Fact]
    public void Words_left_unkeyed_could_meet_no_lead_and_the_others_keep_their_keys()
    {
        var texts = Directory.GetFiles(TestPaths.Samples, "*.txt").Select(File.ReadAllText).ToList();
        texts.Add("Алиев Aлиев Токаевин İlham ILHAM Işıq ıslaq Ünvan Öz Çörək Şuşa Ğ 2025-ci TDT-nin Kasım-Jomart Sherg.az café Straße ١٢٣");
        if (TestPaths.SharedData is { } data)
        {
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(data, "az", "banker-az-articles.json")));
            foreach (var a in json.RootElement.EnumerateArray()) texts.Add(a.GetProperty("title").GetString() + "\n" + a.GetProperty("text").GetString());
        }
        long unkeyed = 0;
        foreach (string text in texts)
        {
            var all = SearchKeys.KeyedWords(text);
            foreach (string leads in Leads)
            {
                var some = SearchKeys.KeyedWords(text, leads);
                Assert.Equal(all.Count, some.Count);
                for (int i = 0; i < all.Count; i++)
                {
                    Assert.Equal((all[i].Start, all[i].Length), (some[i].Start, some[i].Length));
                    if (some[i].Key.Length > 0) Assert.Equal(all[i].Key, some[i].Key);
                    else
                    {
                        Assert.DoesNotContain(all[i].Key[0], leads);
                        unkeyed++;
                    }
                }
            }
        }
        Assert.True(unkeyed > 0);
    }

    [Fact]
    public void A_snippet_marks_the_word_in_the_form_the_text_uses_and_no_other()
    {
        var snippet = Snippets.Make("Astanada görüş oldu. Qazaxıstanla əməkdaşlıq Алиев ilə müzakirə edildi.",
            new HashSet<string>(StringComparer.Ordinal) { SearchKeys.KeyOf("qazaxistan"), SearchKeys.KeyOf("Əliyev") });

        Assert.Equal(["Qazaxıstanla", "Алиев"], snippet.Parts.Where(p => p.Matched).Select(p => p.Text));
    }
}
