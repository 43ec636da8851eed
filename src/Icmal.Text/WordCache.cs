using System.Diagnostics.CodeAnalysis;

namespace Icmal.Text;

/// <summary>
/// A bounded, thread-safe map from a word (looked up by span) to what a pure function made of it: the stemmer's,
/// the search keys', language ID's and the tagger's memories of word forms, which every word of every article asks
/// (issue #17). Read-mostly: once warm nearly every look-up finds its word, and a look-up takes no lock and reads one
/// slot (its hash, word and value side by side) and the word's characters, where a
/// <see cref="System.Collections.Concurrent.ConcurrentDictionary{TKey, TValue}"/> walks a bucket to a node first.
/// </summary>
/// <remarks>
/// Open addressing with linear probing, at most half full; adding takes a lock and grows the table by doubling (a new
/// table, filled, then published), so a reader sees either table whole. A slot is published by its hash, written
/// last with release semantics after its word and value; a reader reads the hash with acquire semantics first. Hashes
/// are the runtime's randomised string hashes, so no input can be chosen to collide. A word past
/// <c>maxEntries</c> is not remembered; its caller computes it each time, as before.
/// </remarks>
internal sealed class WordCache<TValue>
{
    private struct Slot
    {
        public int Hash; // 0: empty; a word's hash is never 0 (see HashOf)
        public string Word;
        public TValue Value;
    }

    private sealed class Table(int size)
    {
        public readonly Slot[] Slots = new Slot[size];
        public readonly int Mask = size - 1;
    }

    private readonly int _maxEntries;
    private readonly Lock _gate = new();
    private Table _table = new(1024);
    private int _count;

    /// <param name="maxEntries">The most words remembered.</param>
    public WordCache(int maxEntries)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxEntries);
        _maxEntries = maxEntries;
    }

    /// <summary>How many words are remembered.</summary>
    public int Count => Volatile.Read(ref _count);

    private static int HashOf(ReadOnlySpan<char> word) => string.GetHashCode(word, StringComparison.Ordinal) | 1;

    /// <summary>The value remembered for <paramref name="word"/>, if any.</summary>
    public bool TryGetValue(ReadOnlySpan<char> word, [MaybeNullWhen(false)] out TValue value)
    {
        var table = Volatile.Read(ref _table);
        int hash = HashOf(word);
        var slots = table.Slots;
        int mask = table.Mask;
        for (int at = hash & mask; ; at = (at + 1) & mask)
        {
            ref var slot = ref slots[at];
            int h = Volatile.Read(ref slot.Hash);
            if (h == 0) break;
            if (h == hash && word.SequenceEqual(slot.Word))
            {
                value = slot.Value;
                return true;
            }
        }
        value = default;
        return false;
    }

    /// <summary>Remembers <paramref name="value"/> for <paramref name="word"/> unless a value is remembered already or the cache is full.</summary>
    public void TryAdd(string word, TValue value)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (Volatile.Read(ref _count) >= _maxEntries) return;
        int hash = HashOf(word);
        lock (_gate)
        {
            if (_count >= _maxEntries) return;
            var table = _table;
            if ((_count + 1) * 2 > table.Slots.Length)
            {
                table = Grown(table);
                Volatile.Write(ref _table, table);
            }
            var slots = table.Slots;
            int at = hash & table.Mask;
            for (; slots[at].Hash != 0; at = (at + 1) & table.Mask)
            {
                if (slots[at].Hash == hash && string.Equals(slots[at].Word, word, StringComparison.Ordinal)) return;
            }
            slots[at].Word = word;
            slots[at].Value = value;
            Volatile.Write(ref slots[at].Hash, hash);
            Volatile.Write(ref _count, _count + 1);
        }
    }

    /// <summary>A table twice the size with every word of <paramref name="table"/> (made under the lock, published whole).</summary>
    private static Table Grown(Table table)
    {
        var grown = new Table(table.Slots.Length * 2);
        foreach (var slot in table.Slots)
        {
            if (slot.Hash == 0) continue;
            int at = slot.Hash & grown.Mask;
            while (grown.Slots[at].Hash != 0) at = (at + 1) & grown.Mask;
            grown.Slots[at] = slot;
        }
        return grown;
    }
}
