namespace Icmal.Text.Lexicon;

/// <summary>What the lexicon knows about a lower-cased word form.</summary>
[Flags]
public enum LexiconFlags : byte
{
    None = 0,
    /// <summary>A dictionary headword or stem (az-stems, Hunspell az_AZ).</summary>
    Headword = 1,
    /// <summary>A verb root (Hunspell verb classes V1/V3/E2/E4): "gəl", "bildir".</summary>
    VerbRoot = 2,
    /// <summary>A place, country, given name or surname.</summary>
    Name = 4,
    /// <summary>Seen in the corpus frequency list (az-word-freq).</summary>
    Attested = 8,
}
