namespace Icmal.Text.Normalization;

/// <summary>
/// Normalised text with a map back into the original, so highlights and quotes found in <see cref="Text"/>
/// can be shown on the text as it was published.
/// </summary>
public readonly struct NormalizedText
{
    private readonly int[]? _map;

    internal NormalizedText(string original, string text, int[]? map)
    {
        Original = original;
        Text = text;
        _map = map;
    }

    /// <summary>The text as it came in.</summary>
    public string Original { get; }

    /// <summary>The normalised text.</summary>
    public string Text { get; }

    /// <summary>True when normalising changed the length, so offsets differ between <see cref="Text"/> and <see cref="Original"/>.</summary>
    public bool HasOffsetMap => _map is not null;

    /// <summary>
    /// The index in <see cref="Original"/> of the character at <paramref name="index"/> in <see cref="Text"/>;
    /// <c>Text.Length</c> maps to <c>Original.Length</c>.
    /// </summary>
    public int ToOriginal(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(index, Text.Length);
        return _map is null ? index : _map[index];
    }

    /// <summary>The range of <see cref="Original"/> that the range [start, start+length) of <see cref="Text"/> came from.</summary>
    public (int Start, int Length) ToOriginal(int start, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        int s = ToOriginal(start);
        if (length == 0) return (s, 0);
        // The end is just past the last character's source, which reaches up to the next character's source.
        int e = ToOriginal(start + length);
        return (s, Math.Max(e - s, 1));
    }
}
