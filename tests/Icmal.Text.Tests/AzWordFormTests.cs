using System.Text;
using Icmal.Text.Casing;
using Icmal.Text.Lexicon;
using Icmal.Text.Normalization;
using Icmal.Text.Search;
using Icmal.Text.Stemming;
using Icmal.Text.StopWords;
using Icmal.Text.Tokenization;

namespace Icmal.Text.Tests;

/// <summary>
/// The terms, the search keys and the category read a word's stem, lower-cased stem, lexicon flags, key and stop-word
/// mark from one remembered entry (<see cref="AzWordForm"/>) instead of asking each function in turn (issue #17):
/// each must be exactly what that function gives the word, and the keys of a text what keying it run by run gives.
/// </summary>
public class AzWordFormTests
{
    private static IEnumerable<string> BankerTexts(int count)
    {
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(TestPaths.SharedData("az/banker-az-articles.json")));
        return json.RootElement.EnumerateArray().Take(count)
            .SelectMany(a => new[] { a.GetProperty("title").GetString() ?? "", a.GetProperty("text").GetString() ?? "" })
            .ToList();
    }

    private static readonly string[] EdgeWords =
    [
        "İSTANBUL", "İstanbulda", "ƏLİYEVİN", "Əliyevin", "ıran", "Iran", "BAKIDA", "TDT", "ABŞ", "Kasım-Jomart", "Sherg.az",
        "Токаева", "Алиев", "qazaxistanin", "ucun", "2025", "2025-ci", "və", "VƏ", "üçün", "the", "Ölkənin", "x", "",
    ];

    [Fact]
    public void A_words_form_is_what_each_function_gives_the_word()
    {
        var words = new HashSet<string>(EdgeWords, StringComparer.Ordinal);
        foreach (string text in BankerTexts(150))
        {
            string normal = AzNormalizer.NormalizeToString(text);
            foreach (var token in AzTokenizer.Tokenize(normal))
            {
                words.Add(token.Of(normal).ToString());
                words.Add(token.HeadOf(normal).ToString());
            }
        }
        Assert.True(words.Count > 5_000, $"{words.Count} words");
        foreach (string word in words)
        {
            for (int ask = 0; ask < 2; ask++) // made, then remembered
            {
                var form = AzWordForm.Of(word);
                string stem = AzStemmer.Default.Stem(word);
                Assert.Equal(stem, form.Stem);
                Assert.Equal(AzCasing.ToLower(stem), form.LowerStem);
                Assert.Equal(AzLexicon.Default.FlagsOf(AzCasing.ToLower(stem)), form.StemFlags);
                Assert.Equal(AzStopWords.IsStopWord(word), form.IsStopWord);
                bool oneRun = word.Length > 0 && word.All(char.IsLetterOrDigit);
                Assert.Equal(oneRun ? SearchKeys.KeyOfRun(word) : null, form.Key);
            }
        }
    }

    [Fact]
    public void Keys_of_texts_are_the_keys_of_their_runs_one_by_one_on_banker_articles()
    {
        var texts = BankerTexts(200).Concat(EdgeWords).Append(string.Join(" ", EdgeWords)).Append("#Bakı2025 @azertac TDT-nin Kasım-Jomart-ın");
        foreach (string text in texts)
        {
            Assert.Equal(RunByRun(text), SearchKeys.KeyText(text));
            Assert.Equal(RunByRun(text), SearchKeys.KeyText(TokenizedText.Of(text)));
        }
    }

    [Fact]
    public void A_lower_case_stem_is_the_stem_lower_cased_on_banker_articles()
    {
        foreach (string text in BankerTexts(100).Append(string.Join(" ", EdgeWords)))
        {
            string normal = AzNormalizer.NormalizeToString(text);
            foreach (var token in AzTokenizer.Tokenize(normal))
            {
                if (!token.IsWordLike && token.Kind is not (TokenKind.Domain or TokenKind.Hashtag)) continue;
                Assert.Equal(AzCasing.ToLower(AzAnalyzer.StemOf(normal, token)), AzAnalyzer.LowerStemOf(normal, token));
            }
        }
    }

    /// <summary>The keys as <see cref="SearchKeys"/> made them before the word forms: every run of letters and digits of a keyed token's head, looked up alone.</summary>
    private static string RunByRun(string text)
    {
        var sb = new StringBuilder();
        string normal = AzNormalizer.NormalizeToString(text);
        foreach (var token in AzTokenizer.Tokenize(normal))
        {
            if (token.Kind is not (TokenKind.Word or TokenKind.Abbreviation or TokenKind.Domain or TokenKind.Hashtag or TokenKind.Mention
                or TokenKind.Number or TokenKind.Ordinal)) continue;
            var head = token.HeadOf(normal);
            if (token.Kind is TokenKind.Hashtag or TokenKind.Mention) head = head[1..];
            int i = 0;
            while (i < head.Length)
            {
                while (i < head.Length && !char.IsLetterOrDigit(head[i])) i++;
                int start = i;
                while (i < head.Length && char.IsLetterOrDigit(head[i])) i++;
                if (i == start) continue;
                string key = SearchKeys.KeyOfRun(head[start..i]);
                if (key.Length == 0) continue;
                if (sb.Length > 0) sb.Append(' ');
                sb.Append(key);
            }
        }
        return sb.ToString();
    }
}
