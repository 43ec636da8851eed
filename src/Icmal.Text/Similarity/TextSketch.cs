using System.Buffers;
using System.Buffers.Binary;
using Icmal.Text.Casing;
using Icmal.Text.Normalization;
using Icmal.Text.Tokenization;

namespace Icmal.Text.Similarity;

/// <summary>
/// A compact similarity sketch of a text for finding copies and near-copies (issue #16): the <see cref="Size"/> smallest
/// 32-bit hashes of the text's word shingles (a bottom-k MinHash), and how many distinct shingles the text has.
/// Two sketches estimate the resemblance (Jaccard) and the containment of the two texts' shingle sets
/// (<see cref="Compare"/>); the smallest <see cref="KeyCount"/> hashes are the keys a store indexes, so a new text finds
/// the stored texts that may resemble it without scanning: two texts of resemblance J share about
/// <c>KeyCount × J</c> of their keys, and none only with probability about <c>(1 − J)^KeyCount</c>.
/// </summary>
/// <remarks>
/// <para>Shingles are runs of <see cref="ShingleWords"/> tokens of the normalised text (<see cref="AzNormalizer"/>,
/// <see cref="AzTokenizer"/>), each token lower-cased and folded to ASCII (<see cref="AzCasing.FoldAscii(char)"/>), so
/// that a copy whose quotes, dashes, soft hyphens, case or ə/e spelling differ has the same shingles; punctuation is
/// not a token. Words are not stemmed: a copy keeps its words, a different text about the same event does not.</para>
/// <para>Bottom-k rather than k independent minima: one hash per shingle, and the sketch's own smallest values serve as
/// the lookup keys, so the state per text is <c>4 × Size</c> bytes plus <see cref="KeyCount"/> index rows. Pure and
/// thread-safe; the working buffer is pooled.</para>
/// </remarks>
public sealed class TextSketch
{
    /// <summary>How many of the smallest shingle hashes a sketch keeps (256 bytes).</summary>
    public const int Size = 64;

    /// <summary>How many of the smallest hashes are the sketch's lookup keys.</summary>
    public const int KeyCount = 16;

    /// <summary>Tokens per shingle: long enough that common phrases rarely make two texts alike, short enough that an
    /// edited word spoils few shingles.</summary>
    public const int ShingleWords = 4;

    private readonly uint[] _hashes;

    private TextSketch(uint[] hashes, int shingles)
    {
        _hashes = hashes;
        Shingles = shingles;
    }

    /// <summary>The number of distinct shingles of the text (0 for a text without words).</summary>
    public int Shingles { get; }

    /// <summary>The smallest shingle hashes, ascending and distinct (all of them when the text has at most <see cref="Size"/>).</summary>
    public ReadOnlySpan<uint> Hashes => _hashes;

    /// <summary>The smallest <see cref="KeyCount"/> hashes: what a store indexes and looks up.</summary>
    public ReadOnlySpan<uint> Keys => _hashes.AsSpan(0, Math.Min(KeyCount, _hashes.Length));

    /// <summary>The sketch of <paramref name="text"/>.</summary>
    public static TextSketch Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string normal = AzNormalizer.NormalizeToString(text);
        uint[] buffer = ArrayPool<uint>.Shared.Rent(Math.Max(16, normal.Length / 3 + 4));
        try
        {
            int n = ShingleHashes(normal, ref buffer);
            var all = buffer.AsSpan(0, n);
            all.Sort();
            int distinct = 0;
            for (int i = 0; i < all.Length; i++)
            {
                if (i > 0 && all[i] == all[i - 1]) continue;
                all[distinct++] = all[i];
            }
            return new TextSketch(all[..Math.Min(distinct, Size)].ToArray(), distinct);
        }
        finally
        {
            ArrayPool<uint>.Shared.Return(buffer);
        }
    }

    /// <summary>The sketch as stored: its hashes, four bytes each, little-endian (the shingle count is kept beside it).</summary>
    public byte[] ToBytes()
    {
        byte[] bytes = new byte[_hashes.Length * 4];
        for (int i = 0; i < _hashes.Length; i++) BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i * 4), _hashes[i]);
        return bytes;
    }

    /// <summary>A stored sketch (<see cref="ToBytes"/>) with its shingle count.</summary>
    /// <exception cref="FormatException">The bytes are not a sketch: a length not a multiple of four or over the
    /// size, hashes not ascending, or a count that does not fit them.</exception>
    public static TextSketch FromBytes(ReadOnlySpan<byte> bytes, int shingles)
    {
        if (bytes.Length % 4 != 0 || bytes.Length > Size * 4) throw new FormatException($"a sketch of {bytes.Length} bytes: not {Size} or fewer 4-byte hashes");
        int n = bytes.Length / 4;
        if (shingles < n || n < Math.Min(shingles, Size)) throw new FormatException($"a sketch of {n} hashes cannot be of {shingles} shingles");
        var hashes = new uint[n];
        for (int i = 0; i < n; i++)
        {
            hashes[i] = BinaryPrimitives.ReadUInt32LittleEndian(bytes[(i * 4)..]);
            if (i > 0 && hashes[i] <= hashes[i - 1]) throw new FormatException("a sketch's hashes must be ascending and distinct");
        }
        return new TextSketch(hashes, shingles);
    }

    /// <summary>
    /// How alike two texts are, estimated from their sketches: among the smallest <see cref="Size"/> hashes of both
    /// sketches together (a uniform sample of the union of the two shingle sets), the share found in both. Exact
    /// when both texts have at most <see cref="Size"/> shingles.
    /// </summary>
    public static SketchSimilarity Compare(TextSketch a, TextSketch b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Shingles == 0 || b.Shingles == 0) return default;
        ReadOnlySpan<uint> x = a._hashes, y = b._hashes;
        // An element of the union's bottom-k is in either set exactly when it is in that set's sketch, since it ranks
        // within the first k of that set too: the membership tests below are exact.
        int i = 0, j = 0, taken = 0, both = 0;
        while (taken < Size && (i < x.Length || j < y.Length))
        {
            if (j >= y.Length || i < x.Length && x[i] < y[j]) i++;
            else if (i >= x.Length || y[j] < x[i]) j++;
            else { both++; i++; j++; }
            taken++;
        }
        double resemblance = (double)both / taken;
        // |A ∩ B| = J (|A| + |B|) / (1 + J); containment is its share of the smaller set.
        double intersection = resemblance * (a.Shingles + b.Shingles) / (1 + resemblance);
        double containment = Math.Min(1, intersection / Math.Min(a.Shingles, b.Shingles));
        return new SketchSimilarity(resemblance, containment);
    }

    /// <summary>Writes the hash of every shingle of <paramref name="normal"/> into <paramref name="buffer"/> (grown as needed).</summary>
    private static int ShingleHashes(string normal, ref uint[] buffer)
    {
        Span<ulong> window = stackalloc ulong[ShingleWords];
        Span<char> folded = stackalloc char[64];
        int tokens = 0, n = 0;
        foreach (var token in AzTokenizer.Tokenize(normal))
        {
            if (token.Kind is TokenKind.Punctuation or TokenKind.Symbol or TokenKind.Ellipsis) continue;
            window[tokens % ShingleWords] = TokenHash(token.Of(normal), folded);
            tokens++;
            if (tokens >= ShingleWords) Add(ref buffer, ref n, ShingleHash(window, tokens));
        }
        // A text shorter than one shingle is one shingle of what it has.
        if (tokens is > 0 and < ShingleWords) Add(ref buffer, ref n, ShingleHash(window[..tokens], tokens));
        return n;
    }

    private static void Add(ref uint[] buffer, ref int n, uint hash)
    {
        if (n == buffer.Length)
        {
            uint[] larger = ArrayPool<uint>.Shared.Rent(buffer.Length * 2);
            buffer.AsSpan().CopyTo(larger);
            ArrayPool<uint>.Shared.Return(buffer);
            buffer = larger;
        }
        buffer[n++] = hash;
    }

    /// <summary>FNV-1a over the token's folded characters, then mixed.</summary>
    private static ulong TokenHash(ReadOnlySpan<char> token, Span<char> folded)
    {
        ulong h = 14695981039346656037UL;
        for (int start = 0; start < token.Length; start += folded.Length)
        {
            var part = token.Slice(start, Math.Min(folded.Length, token.Length - start));
            AzCasing.FoldAscii(part, folded);
            foreach (char c in folded[..part.Length])
            {
                h ^= c;
                h *= 1099511628211UL;
            }
        }
        return Mix(h);
    }

    /// <summary>The shingle ending at token <paramref name="count"/> − 1: its tokens in order, each rotated by its place.</summary>
    private static uint ShingleHash(ReadOnlySpan<ulong> window, int count)
    {
        ulong h = 0;
        int length = window.Length;
        for (int k = 0; k < length; k++)
        {
            // The oldest token of the ring first, so that the same words in the same order hash alike wherever they are.
            ulong t = window[(count - length + k) % length];
            h ^= ulong.RotateLeft(t, k * 17);
        }
        return (uint)(Mix(h + (ulong)length) >> 32);
    }

    /// <summary>The finaliser of SplitMix64: every input bit moves every output bit.</summary>
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

/// <summary>How alike two texts are by their sketches.</summary>
/// <param name="Resemblance">The share of the two texts' shingles, together, that both have (Jaccard), 0 to 1.</param>
/// <param name="Containment">The share of the shorter text's shingles the longer text has too, 0 to 1: near 1 for a
/// copy with paragraphs cut, where the resemblance falls with the cut.</param>
public readonly record struct SketchSimilarity(double Resemblance, double Containment);
