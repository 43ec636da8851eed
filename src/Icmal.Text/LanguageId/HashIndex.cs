namespace Icmal.Text.LanguageId;

/// <summary>
/// Finds a 64-bit hash among sorted, distinct hashes: the top bits of a hash pick a bucket (a range of the array), a
/// short scan finds it. Built in one pass over the array as loaded, unlike a dictionary that would insert every
/// n-gram at start-up (issue #14), and as quick to query (one or two cache lines a lookup).
/// </summary>
internal sealed class HashIndex
{
    private const int Bits = 17; // 131,072 buckets: about two hashes each for the shipped model's 281 k n-grams
    private const int Shift = 64 - Bits;
    private readonly ulong[] _hashes;
    private readonly int[] _starts; // _starts[b] .. _starts[b + 1]: the hashes whose top bits are b

    /// <param name="hashes">Ascending and distinct (the caller checks).</param>
    public HashIndex(ulong[] hashes)
    {
        _hashes = hashes;
        _starts = new int[(1 << Bits) + 1];
        int bucket = 0;
        for (int i = 0; i < hashes.Length; i++)
        {
            int b = (int)(hashes[i] >> Shift);
            while (bucket <= b) _starts[bucket++] = i;
        }
        while (bucket < _starts.Length) _starts[bucket++] = hashes.Length;
    }

    /// <summary>How many hashes.</summary>
    public int Count => _hashes.Length;

    /// <summary>The position of <paramref name="hash"/>, or -1.</summary>
    public int IndexOf(ulong hash)
    {
        int b = (int)(hash >> Shift);
        int end = _starts[b + 1];
        for (int i = _starts[b]; i < end; i++)
        {
            if (_hashes[i] == hash) return i;
        }
        return -1;
    }
}
