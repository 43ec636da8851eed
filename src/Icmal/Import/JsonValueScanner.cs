namespace Icmal.Import;

/// <summary>
/// Finds where one JSON value ends in a stream of bytes fed in pieces, without parsing it: strings and escapes,
/// nesting and comments are followed, everything else is left to the parser that reads the value afterwards. Its
/// state is a few fields whatever the value's size, so an article list of any length is split in bounded memory.
/// </summary>
internal sealed class JsonValueScanner
{
    public const int MaxDepth = 64;

    private readonly byte[] _open = new byte[MaxDepth];
    private int _depth;
    private bool _started, _inString, _escape, _inScalar;
    private int _comment; // 0 none, 1 after '/', 2 line comment, 3 block comment, 4 block comment after '*'

    /// <summary>A bare number, true, false or null is complete when its bytes simply stop (at the end of input).</summary>
    public bool InScalar => _inScalar;

    public void Reset()
    {
        _depth = 0;
        _started = _inString = _escape = _inScalar = false;
        _comment = 0;
    }

    /// <summary>
    /// Reads <paramref name="data"/> until the value ends. Returns how many bytes belong to the value (all of them
    /// when it goes on), whether it ended, and an error (with the offset of the offending byte within
    /// <paramref name="data"/>) when the nesting is broken.
    /// </summary>
    public (int Consumed, bool Done, string? Error, int ErrorAt) Scan(ReadOnlySpan<byte> data)
    {
        for (int i = 0; i < data.Length; i++)
        {
            byte b = data[i];
            if (_inString)
            {
                if (_escape) _escape = false;
                else if (b == (byte)'\\') _escape = true;
                else if (b == (byte)'"')
                {
                    _inString = false;
                    if (_depth == 0) return (i + 1, true, null, 0);
                }
                continue;
            }
            if (_comment != 0)
            {
                _comment = (_comment, b) switch
                {
                    (1, (byte)'/') => 2,
                    (1, (byte)'*') => 3,
                    (1, _) => -1,
                    (2, (byte)'\n') => 0,
                    (2, _) => 2,
                    (3, (byte)'*') => 4,
                    (3, _) => 3,
                    (4, (byte)'/') => 0,
                    (4, (byte)'*') => 4,
                    _ => 3,
                };
                if (_comment == -1) return (i, false, "a '/' that opens no comment", i);
                continue;
            }
            if (_inScalar)
            {
                if (b is (byte)',' or (byte)']' or (byte)'}' or (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)'/')
                    return (i, true, null, 0);
                continue;
            }
            switch (b)
            {
                case (byte)'"':
                    _inString = true;
                    break;
                case (byte)'{' or (byte)'[':
                    if (_depth == MaxDepth) return (i, false, $"nested deeper than {MaxDepth} levels", i);
                    _open[_depth++] = b;
                    break;
                case (byte)'}' or (byte)']':
                    if (_depth == 0) return (i, false, $"an unexpected '{(char)b}'", i);
                    byte opener = _open[--_depth];
                    if ((opener == (byte)'{') != (b == (byte)'}'))
                        return (i, false, $"a '{(char)b}' that closes a '{(char)opener}'", i);
                    if (_depth == 0) return (i + 1, true, null, 0);
                    break;
                case (byte)'/':
                    _comment = 1;
                    break;
                default:
                    if (!_started && _depth == 0) _inScalar = true;
                    break;
            }
            _started = true;
        }
        return (data.Length, false, null, 0);
    }
}
