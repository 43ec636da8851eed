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

        foreach (string line in sources.Stems) Add(line, LexiconFlags.Headword);
        bool first = true;
        foreach (string line in sources.HunspellDic)
        {
            if (first) { first = false; continue; } // the count
            int slash = line.IndexOf('/', StringComparison.Ordinal);
            string word = slash < 0 ? line : line[..slash];
            string cls = slash < 0 ? "" : line[(slash + 1)..];
            bool verb = cls.Contains('V', StringComparison.Ordinal) || cls.Contains('E', StringComparison.Ordinal);
            Add(word, verb ? LexiconFlags.Headword | LexiconFlags.VerbRoot : LexiconFlags.Headword);
        }
        foreach (string line in sources.Names)
        {
            string name = line.Split('\t')[0];
            // Multi-word names contribute each word ("Xəzər dənizi" is not one token).
            foreach (string part in name.Split(' ', StringSplitOptions.RemoveEmptyEntries)) Add(part, LexiconFlags.Name);
        }
        foreach (string line in sources.WordFrequencies)
        {
            int tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab <= 0 || !long.TryParse(line.AsSpan(tab + 1), NumberStyles.None, CultureInfo.InvariantCulture, out long count) || count <= 0) continue;
            Add(line[..tab], LexiconFlags.Attested, 1 + (int)Math.Floor(Math.Log2(count)));
        }

        // Plural headwords ("abidlər") hide the singular from the stemmer; drop those whose singular is known too.
        var drop = new List<string>();
        foreach (var (word, v) in flags)
        {
            if ((v.Flags & (LexiconFlags.Name | LexiconFlags.VerbRoot)) != 0) continue;
            if (word.Length > 5 && (word.EndsWith("lar", StringComparison.Ordinal) || word.EndsWith("lər", StringComparison.Ordinal))
                && flags.TryGetValue(word[..^3], out var singular) && (singular.Flags & LexiconFlags.Headword) != 0)
                drop.Add(word);
        }
        foreach (string word in drop)
        {
            var v = flags[word];
            if ((v.Flags & LexiconFlags.Attested) != 0) flags[word] = (LexiconFlags.Attested, v.Freq);
            else flags.Remove(word);
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
