using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace Icmal.Text.LanguageId;

/// <summary>One n-gram of the model: the hash its scorer looks up, its length in characters, its count per label.</summary>
internal readonly record struct NGramRow(ulong Hash, int Order, int[] Counts);

/// <summary>The model as read from its file: labels, the smoothing inputs, and the n-grams sorted by hash.</summary>
internal sealed record LanguageModelData(string[] Labels, long[,] Totals, long[] Vocabulary, ulong[] Hashes, byte[] Orders, byte[] Counts, uint[] LargeCounts);

/// <summary>
/// The binary layout of the language model (Resources/langid.bin), made to be read without parsing (issue #14: the
/// text model it replaced took 0.25 s of every Azerbaijani `icmal extract` to parse). Little-endian:
/// <code>
/// "ICMALID1"                                       magic and version
/// int32 L, then L × (byte length, UTF-8 label)     the classes
/// int64 × (5 × L) tokens per order and label, int64 × 5 vocabulary per order (the smoothing's inputs)
/// int32 N                                          n-grams
/// uint64 × N   FNV-1a hash of each n-gram, ascending (the scorer's key; no two equal)
/// byte × N     length of each n-gram in characters (1–5: which order's smoothing applies)
/// byte × N·L   count per n-gram and label, row-major; 255 = the next of the large counts
/// int32 M, uint32 × M   the large counts (≥ 255), in row-major order
/// </code>
/// The arrays are copied out of the stream as they are; the log-probabilities are computed from the counts at load
/// with the expression the trainer's text model used, so the scores are the same bit for bit.
/// </summary>
internal static class LanguageModelFile
{
    private static ReadOnlySpan<byte> Magic => "ICMALID1"u8;
    internal const byte Large = 255;

    /// <summary>The file for <paramref name="rows"/> (any order; when two share a hash the first given is kept).</summary>
    public static byte[] Write(string[] labels, long[,] totals, long[] vocabulary, IEnumerable<NGramRow> rows)
    {
        int orders = LanguageIdentifier.MaxOrder;
        var kept = new List<NGramRow>();
        var seen = new HashSet<ulong>();
        foreach (var row in rows)
        {
            if (row.Order is < 1 or > LanguageIdentifier.MaxOrder) throw new ArgumentException($"An n-gram of order {row.Order}.", nameof(rows));
            if (seen.Add(row.Hash)) kept.Add(row);
        }
        kept.Sort((a, b) => a.Hash.CompareTo(b.Hash));
        using var output = new MemoryStream();
        using var writer = new BinaryWriter(output, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(labels.Length);
        foreach (string label in labels)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(label);
            writer.Write(checked((byte)bytes.Length));
            writer.Write(bytes);
        }
        for (int order = 1; order <= orders; order++)
        for (int k = 0; k < labels.Length; k++) writer.Write(totals[order, k]);
        for (int order = 1; order <= orders; order++) writer.Write(vocabulary[order]);
        writer.Write(kept.Count);
        foreach (var row in kept) writer.Write(row.Hash);
        foreach (var row in kept) writer.Write((byte)row.Order);
        var large = new List<uint>();
        foreach (var row in kept)
        {
            for (int k = 0; k < labels.Length; k++)
            {
                int c = k < row.Counts.Length ? row.Counts[k] : 0;
                ArgumentOutOfRangeException.ThrowIfNegative(c, nameof(rows));
                if (c >= Large) large.Add((uint)c);
                writer.Write(c >= Large ? Large : (byte)c);
            }
        }
        writer.Write(large.Count);
        foreach (uint c in large) writer.Write(c);
        writer.Flush();
        return output.ToArray();
    }

    /// <summary>Reads a model written by <see cref="Write"/>.</summary>
    /// <exception cref="InvalidDataException">Not a language model of this version, or cut short.</exception>
    public static LanguageModelData Read(Stream stream)
    {
        try
        {
            string[] labels = ReadLabels(stream);
            int labelCount = labels.Length;
            int orders = LanguageIdentifier.MaxOrder;
            var totals = new long[orders + 1, labelCount];
            var vocabulary = new long[orders + 1];
            for (int order = 1; order <= orders; order++)
            for (int k = 0; k < labelCount; k++) totals[order, k] = ReadInt64(stream);
            for (int order = 1; order <= orders; order++) vocabulary[order] = ReadInt64(stream);
            int n = ReadInt32(stream);
            if (n < 0 || (long)n * labelCount > Array.MaxLength) throw new InvalidDataException($"Language model: {n} n-grams.");
            // A count from a damaged file must not allocate gigabytes before the read finds the file too short.
            if (stream.CanSeek && stream.Length - stream.Position < (long)n * (sizeof(ulong) + 1 + labelCount) + sizeof(int)) throw new EndOfStreamException();
            var hashes = new ulong[n];
            stream.ReadExactly(MemoryMarshal.AsBytes(hashes.AsSpan()));
            if (!BitConverter.IsLittleEndian) BinaryPrimitives.ReverseEndianness(hashes, hashes);
            var rowOrders = new byte[n];
            stream.ReadExactly(rowOrders);
            var counts = new byte[n * labelCount];
            stream.ReadExactly(counts);
            int m = ReadInt32(stream);
            if (m < 0 || m > counts.Length) throw new InvalidDataException($"Language model: {m} large counts.");
            var large = new uint[m];
            stream.ReadExactly(MemoryMarshal.AsBytes(large.AsSpan()));
            if (!BitConverter.IsLittleEndian) BinaryPrimitives.ReverseEndianness(large, large);
            return new LanguageModelData(labels, totals, vocabulary, hashes, rowOrders, counts, large);
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException("Language model: the file is cut short.");
        }
    }

    /// <summary>The classes of a model: only its header is read (a page in a language the model does not know needs no more).</summary>
    /// <exception cref="InvalidDataException">Not a language model of this version, or cut short.</exception>
    public static string[] ReadLabels(Stream stream)
    {
        try
        {
            Span<byte> magic = stackalloc byte[8];
            stream.ReadExactly(magic);
            if (!magic.SequenceEqual(Magic)) throw new InvalidDataException("Not a language model (no ICMALID1 header).");
            int labelCount = ReadInt32(stream);
            if (labelCount is < 1 or > 64) throw new InvalidDataException($"Language model: {labelCount} labels.");
            var labels = new string[labelCount];
            Span<byte> name = stackalloc byte[255];
            for (int k = 0; k < labelCount; k++)
            {
                int length = stream.ReadByte();
                if (length < 0) throw new EndOfStreamException();
                stream.ReadExactly(name[..length]);
                labels[k] = Encoding.UTF8.GetString(name[..length]);
            }
            return labels;
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException("Language model: the file is cut short.");
        }
    }

    private static int ReadInt32(Stream stream)
    {
        Span<byte> bytes = stackalloc byte[4];
        stream.ReadExactly(bytes);
        return BinaryPrimitives.ReadInt32LittleEndian(bytes);
    }

    private static long ReadInt64(Stream stream)
    {
        Span<byte> bytes = stackalloc byte[8];
        stream.ReadExactly(bytes);
        return BinaryPrimitives.ReadInt64LittleEndian(bytes);
    }
}
