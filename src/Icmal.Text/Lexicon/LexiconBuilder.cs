using System.Globalization;
using System.IO.Compression;
using System.Text;
using Icmal.Text.Casing;
using Icmal.Text.Normalization;

namespace Icmal.Text.Lexicon;

/// <summary>
/// Builds the compressed lexicon resource from the files in shared/data/az/lexicon. Pure: the caller reads the files
/// (`icmal text build-lexicon DATA_DIR OUT` does) and passes their lines.
/// </summary>
public static class LexiconBuilder
{
    /// <summary>The inputs, one sequence of lines per file of shared/data/az/lexicon.</summary>
    public sealed record Sources(
        IEnumerable<string> Stems,          // az-stems.txt
        IEnumerable<string> HunspellDic,    // az_AZ.dic
        IEnumerable<string> WordFrequencies,// az-word-freq.tsv
        IEnumerable<string> Names);         // az-places.txt, az-countries.txt, first column of az-given-names.tsv and az-surnames.tsv

    /// <summary>Length of a plural (-lar/-lər, 3) or third-person possessive (-ı/-i/-u/-ü after a consonant, -sı… after a vowel) ending, else 0.</summary>
    private static int InflectionLength(string word)
    {
        if (word.Length >= 5 && (word.EndsWith("lar", StringComparison.Ordinal) || word.EndsWith("lər", StringComparison.Ordinal))) return 3;
        if (word.Length < 4) return 0;
        char last = word[^1], before = word[^2];
        if (last is not ('ı' or 'i' or 'u' or 'ü')) return 0;
        bool vowelBefore = before is 'a' or 'ı' or 'o' or 'u' or 'e' or 'ə' or 'i' or 'ö' or 'ü';
        if (!vowelBefore) return before == 's' && IsVowel(word[^3]) ? 2 : 1;
        return 0;
    }

    /// <summary>Length of a case ending of two letters or more (-ın/-nın, -da/-də, -dan/-dən, -ya/-yə, -la/-lə), else 0.</summary>
    private static int CaseLength(string word)
    {
        if (word.Length < 4) return 0;
        foreach (string ending in CaseEndings)
        {
            if (word.EndsWith(ending, StringComparison.Ordinal)) return ending.Length;
        }
        return 0;
    }

    private static readonly string[] CaseEndings =
    [
        "nın", "nin", "nun", "nün", "dan", "dən", "ın", "in", "un", "ün", "da", "də", "ya", "yə", "la", "lə",
    ];

    private static bool IsVowel(char c) => c is 'a' or 'ı' or 'o' or 'u' or 'e' or 'ə' or 'i' or 'ö' or 'ü';

    /// <summary>The Brotli-compressed lexicon, lines "word TAB flags TAB frequency-class", sorted by word.</summary>
    public static byte[] Build(Sources sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var flags = new SortedDictionary<string, (LexiconFlags Flags, int Freq)>(StringComparer.Ordinal);
        void Add(string word, LexiconFlags f, int freq = 0)
        {
            word = AzCasing.ToLower(AzNormalizer.NormalizeToString(word.Trim()));
            if (word.Length < 2 || word.Length > 40 || word.Contains(' ', StringComparison.Ordinal)) return;
            foreach (char c in word)
            {
                if (!char.IsLetter(c) && c != '-' && c != '\'') return;
            }
            flags.TryGetValue(word, out var old);
            flags[word] = (old.Flags | f, Math.Max(old.Freq, freq));
        }

        // Hunspell's classes tell verbs (V*, E*) from the rest; a word only ever listed as a verb is a verb root,
        // not a headword a noun ending could attach to ("bıçaqla-r-ı" is not a form of the verb "bıçaqla").
        var verbs = new HashSet<string>(StringComparer.Ordinal);
        var nonVerbs = new HashSet<string>(StringComparer.Ordinal);
        bool first = true;
        foreach (string line in sources.HunspellDic)
        {
            if (first) { first = false; continue; } // the count
            int slash = line.IndexOf('/', StringComparison.Ordinal);
            string word = AzCasing.ToLower((slash < 0 ? line : line[..slash]).Trim());
            string cls = slash < 0 ? "" : line[(slash + 1)..];
            bool verb = cls.Length > 0 && cls.Chunk(2).All(c => c[0] is 'V' or 'E');
            (verb ? verbs : nonVerbs).Add(word);
        }
        foreach (string word in nonVerbs) Add(word, LexiconFlags.Headword);
        foreach (string word in verbs) Add(word, LexiconFlags.VerbRoot);
        foreach (string line in sources.Stems)
        {
            string w = AzCasing.ToLower(line.Trim());
            Add(line, verbs.Contains(w) && !nonVerbs.Contains(w) ? LexiconFlags.VerbRoot : LexiconFlags.Headword);
        }
        foreach (string line in sources.Names)
        {
            string name = line.Split('\t')[0].Trim();
            // Only one-word names: the words of "Vatikan Şəhər Dövləti" or "Böyük Britaniya" are ordinary words.
            if (!name.Contains(' ', StringComparison.Ordinal)) Add(name, LexiconFlags.Name);
        }
        foreach (string line in sources.WordFrequencies)
        {
            int tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab <= 0 || !long.TryParse(line.AsSpan(tab + 1), NumberStyles.None, CultureInfo.InvariantCulture, out long count) || count <= 0) continue;
            Add(line[..tab], LexiconFlags.Attested, 1 + (int)Math.Floor(4 * Math.Log2(count)));
        }

        // Inflected forms listed as headwords ("abidlər", "məktəbi", "gözü", "ilin") hide their stem from the stemmer: drop the
        // headword flag when the shorter word is a headword too and at least as frequent in the corpus
        // ("qapı" stays: it is far more frequent than "qap").
        var demote = new List<string>();
        foreach (var (word, v) in flags)
        {
            if ((v.Flags & LexiconFlags.Headword) == 0 || (v.Flags & LexiconFlags.Name) != 0) continue;
            foreach (int cut in new[] { InflectionLength(word), CaseLength(word) })
            {
                if (cut == 0 || word.Length - cut < 2) continue;
                if (flags.TryGetValue(word[..^cut], out var shorter) && (shorter.Flags & LexiconFlags.Headword) != 0
                    && (cut == 3 && InflectionLength(word) == 3 || shorter.Freq >= v.Freq))
                {
                    demote.Add(word);
                    break;
                }
            }
        }
        foreach (string word in demote)
        {
            var v = flags[word];
            var rest = v.Flags & ~LexiconFlags.Headword;
            if (rest == LexiconFlags.None) flags.Remove(word);
            else flags[word] = (rest, v.Freq);
        }

        var text = new StringBuilder(flags.Count * 16);
        foreach (var (word, v) in flags)
            text.Append(word).Append('\t').Append(((byte)v.Flags).ToString(CultureInfo.InvariantCulture)).Append('\t')
                .Append(v.Freq.ToString(CultureInfo.InvariantCulture)).Append('\n');
        using var output = new MemoryStream();
        using (var brotli = new BrotliStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            byte[] bytes = Encoding.UTF8.GetBytes(text.ToString());
            brotli.Write(bytes);
        }
        return output.ToArray();
    }
}
