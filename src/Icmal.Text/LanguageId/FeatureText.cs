using Icmal.Text.Casing;

namespace Icmal.Text.LanguageId;

/// <summary>
/// The feature text of language ID (<see cref="LanguageIdentifier.Prepare"/>: normalised, lower-cased by Azerbaijani
/// rules, letters and in-word apostrophes kept, every other run of characters one space, a space at both ends),
/// made a word at a time as the scorer reads it. <c>Identify</c> usually decides in the first 600 characters of a
/// 2,000-character sample, and preparing the rest was most of its own cost (issue #17). Made in steps or at once,
/// the characters are the same: one loop over the text, resumed where it stopped.
/// </summary>
internal ref struct FeatureText
{
    private readonly ReadOnlySpan<char> _text;
    private readonly Span<char> _output;
    private int _read;  // characters of the text read
    private int _length; // characters of the feature text written
    private bool _done;

    /// <param name="text">The text; as much of it as fits <paramref name="output"/> with the two spaces is read.</param>
    /// <param name="output">Where the feature text is written (one character a character read, at most, and two spaces).</param>
    public FeatureText(ReadOnlySpan<char> text, Span<char> output)
    {
        if (output.Length < 2) throw new ArgumentException("Too little room for the feature text.", nameof(output));
        _text = text.Length > output.Length - 2 ? text[..(output.Length - 2)] : text;
        _output = output;
        _output[0] = ' ';
        _length = 1;
    }

    /// <summary>The feature text so far (all of it once <see cref="Done"/>).</summary>
    public readonly ReadOnlySpan<char> Written => _output[.._length];

    /// <summary>True when the whole text is read and the closing space written.</summary>
    public readonly bool Done => _done;

    /// <summary>The whole feature text's length, made to its end.</summary>
    public int Complete()
    {
        while (!_done) Step();
        return _length;
    }

    /// <summary>
    /// The position of the first space at or after <paramref name="from"/>, making more of the feature text as far as
    /// that needs; -1 when the feature text ends before it.
    /// </summary>
    public int SpaceAt(int from)
    {
        if (from < _length)
        {
            int found = _output[from.._length].IndexOf(' ');
            if (found >= 0) return from + found;
        }
        while (!_done)
        {
            Step();
            // A step ends on the space it wrote (or on the closing one); nothing before it at or after from was a space.
            if (_length - 1 >= from && _output[_length - 1] == ' ') return _length - 1;
        }
        return -1;
    }

    /// <summary>Reads the text on until a space is written, or to its end (then the closing space).</summary>
    private void Step()
    {
        var text = _text;
        var output = _output;
        int n = _length;
        for (int i = _read; i < text.Length; i++)
        {
            char c = text[i];
            c = c switch { 'ǝ' or 'ä' => 'ə', 'Ǝ' or 'Ä' => 'Ə', '\u2019' or '\u02BC' or '\u02BB' or '\u2018' or '`' => '\'', _ => c };
            bool keep = char.IsLetter(c) || (c == '\'' && n > 0 && output[n - 1] != ' ' && i + 1 < text.Length && char.IsLetter(text[i + 1]))
                || (c is '\u200C' or '\u200D');
            if (keep)
            {
                output[n++] = AzCasing.ToLower(c);
            }
            else if (output[n - 1] != ' ')
            {
                output[n++] = ' ';
                _read = i + 1;
                _length = n;
                return;
            }
        }
        if (output[n - 1] != ' ') output[n++] = ' ';
        _read = text.Length;
        _length = n;
        _done = true;
    }
}
