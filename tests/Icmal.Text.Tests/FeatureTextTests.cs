using Icmal.Text.Casing;
using Icmal.Text.LanguageId;

namespace Icmal.Text.Tests;

/// <summary>
/// Language ID's feature text is made a word at a time as the scorer reads it (<see cref="FeatureText"/>, issue #17):
/// made in steps or at once it must be the feature text of the definition (the loop over the whole sample this
/// replaced, copied here), and each space the scorer asks for must be where the whole text has it.
/// </summary>
public class FeatureTextTests
{
    /// <summary>The feature text as it was made before, all at once (LanguageIdentifier.Prepare of main, 2026-12-05).</summary>
    private static string Definition(ReadOnlySpan<char> text, int room)
    {
        Span<char> output = new char[room];
        if (text.Length > output.Length - 2) text = text[..(output.Length - 2)];
        int n = 0;
        output[n++] = ' ';
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            c = c switch { 'ǝ' or 'ä' => 'ə', 'Ǝ' or 'Ä' => 'Ə', '\u2019' or '\u02BC' or '\u02BB' or '\u2018' or '`' => '\'', _ => c };
            bool keep = char.IsLetter(c) || (c == '\'' && n > 0 && output[n - 1] != ' ' && i + 1 < text.Length && char.IsLetter(text[i + 1]))
                || (c is '\u200C' or '\u200D');
            if (keep) output[n++] = AzCasing.ToLower(c);
            else if (output[n - 1] != ' ') output[n++] = ' ';
        }
        if (output[n - 1] != ' ') output[n++] = ' ';
        return new string(output[..n]);
    }

    private static IEnumerable<string> Texts()
    {
        string[] edges = ["", " ", "a", "'", "a'", "a'b", "a' b", "O'zbekiston", "o`sha", "x\u2019y", "12:30 — u.", "ZW\u200CNJ", "Ǝliyev Äli",
            "  a  b  ", "Президент Илһам", "بو گون", "a.b,c;d"];
        foreach (string edge in edges) yield return edge;
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(TestPaths.SharedData("az/banker-az-articles.json")));
        foreach (var article in json.RootElement.EnumerateArray().Take(200))
            yield return (article.GetProperty("title").GetString() ?? "") + "\n" + (article.GetProperty("text").GetString() ?? "");
    }

    [Fact]
    public void Made_at_once_or_a_space_at_a_time_it_is_the_feature_text_of_the_definition()
    {
        foreach (string text in Texts())
        {
            // The room the scorer gives it: a 2,000-character sample, or (cut short) less than the text.
            foreach (int room in (int[])[Math.Min(text.Length, 2000) + 2, Math.Max(2, text.Length / 2)])
            {
                string whole = Definition(text, room);
                var output = new char[room];
                Assert.Equal(whole, new string(output, 0, LanguageIdentifier.Prepare(text, output)));

                var stepped = new FeatureText(text, new char[room]);
                for (int from = 1; from <= whole.Length + 1; from++)
                {
                    int expected = from < whole.Length ? whole.IndexOf(' ', from) : -1;
                    Assert.Equal(expected, stepped.SpaceAt(from));
                    Assert.StartsWith(stepped.Written.ToString(), whole, StringComparison.Ordinal);
                }
                Assert.True(stepped.Done);
                Assert.Equal(whole, stepped.Written.ToString());

                // Asked first for a far place (a space, or a letter), a fresh one makes as much as that needs.
                for (int from = 1; from < whole.Length; from += from % 2 == 0 ? 37 : 1)
                {
                    var jumped = new FeatureText(text, new char[room]);
                    Assert.Equal(whole.IndexOf(' ', from), jumped.SpaceAt(from));
                }
            }
        }
    }

    [Fact]
    public void A_decided_text_is_read_only_a_little_past_where_it_decides()
    {
        string text = string.Concat(Enumerable.Repeat("Bakıda bu gün hava küləkli olacaq, axşam yağış gözlənilir. ", 40));
        var feature = new FeatureText(text, new char[2002]);
        int space = feature.SpaceAt(LanguageIdentifier.DecideFrom);
        Assert.InRange(space, LanguageIdentifier.DecideFrom, LanguageIdentifier.DecideFrom + 20);
        Assert.False(feature.Done);
        Assert.InRange(feature.Written.Length, space + 1, space + 1);
    }
}
