using System.Globalization;

namespace Icmal.Import;

/// <summary>
/// A stream read in 64 KB pieces with its position known, for <see cref="JsonListStream"/>. Bytes consumed while a
/// <see cref="Recorder"/> is set are copied to it. A failing read (a disk error, corrupt gzip data) ends the input and
/// is kept as <see cref="Failure"/>, so the items read before it still count.
/// </summary>
internal sealed class ByteSource(Stream stream, CancellationToken ct)
{
    private readonly byte[] _buffer = new byte[1 << 16];
    private readonly JsonValueScanner _scanner = new();
    private int _pos, _len;
    private long _before;
    private bool _ended;

    public Recorder? Recorder { get; set; }

    /// <summary>Offset of the next byte in the (decompressed) input.</summary>
    public long Position => _before + _pos;

    /// <summary>Why the input ended early, when it was not its real end.</summary>
    public string? Failure { get; private set; }

    public void Advance(int n)
    {
        Recorder?.Append(_buffer.AsSpan(_pos, n));
        _pos += n;
    }

    public async ValueTask SkipBomAsync()
    {
        if (_len - _pos < 3) await FillAsync();
        if (_len - _pos >= 3 && _buffer[_pos] == 0xEF && _buffer[_pos + 1] == 0xBB && _buffer[_pos + 2] == 0xBF) _pos += 3;
    }

    /// <summary>Skips whitespace and comments; returns the next byte (not consumed), or -1 at the end.</summary>
    public async ValueTask<int> SkipTriviaAsync()
    {
        while (true)
        {
            while (_pos < _len)
            {
                byte b = _buffer[_pos];
                if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
                {
                    Advance(1);
                    continue;
                }
                if (b != (byte)'/') return b;
                if (_pos + 1 >= _len && !await FillAsync(keep: 1)) return b;
                byte next = _buffer[_pos + 1];
                if (next != (byte)'/' && next != (byte)'*') return b;
                if (!await SkipCommentAsync(next == (byte)'*')) return -1;
            }
            if (!await FillAsync()) return -1;
        }
    }

    private async ValueTask<bool> SkipCommentAsync(bool block)
    {
        Advance(2);
        bool star = false;
        while (true)
        {
            while (_pos < _len)
            {
                byte b = _buffer[_pos];
                Advance(1);
                if (!block && b == (byte)'\n') return true;
                if (block && star && b == (byte)'/') return true;
                star = b == (byte)'*';
            }
            if (!await FillAsync()) return !block;
        }
    }

    /// <summary>Consumes one JSON value from the next byte on; null when it ended, else what broke it and where.</summary>
    public async ValueTask<string?> ScanValueAsync()
    {
        _scanner.Reset();
        while (true)
        {
            if (_pos == _len && !await FillAsync())
                return _scanner.InScalar && Failure is null ? null
                    : Failure ?? string.Create(CultureInfo.InvariantCulture, $"the file ends at offset {Position}");
            var (consumed, done, error, at) = _scanner.Scan(_buffer.AsSpan(_pos, _len - _pos));
            long errorAt = Position + at;
            Advance(consumed);
            if (error is not null) return string.Create(CultureInfo.InvariantCulture, $"{error} at offset {errorAt}");
            if (done) return null;
        }
    }

    /// <summary>Reads more input, keeping the last <paramref name="keep"/> unconsumed bytes; false at the end.</summary>
    private async ValueTask<bool> FillAsync(int keep = 0)
    {
        if (_ended) return false;
        int left = _len - _pos;
        if (left > keep) return true;
        if (left > 0) Array.Copy(_buffer, _pos, _buffer, 0, left);
        _before += _pos;
        _pos = 0;
        _len = left;
        try
        {
            int n = await stream.ReadAsync(_buffer.AsMemory(_len), ct);
            if (n == 0)
            {
                _ended = true;
                return false;
            }
            _len += n;
            return true;
        }
        catch (InvalidDataException)
        {
            Failure = string.Create(CultureInfo.InvariantCulture, $"not a valid gzip file: its data breaks off after {Position} bytes");
        }
        catch (IOException e)
        {
            Failure = $"cannot read: {e.Message}";
        }
        _ended = true;
        return false;
    }
}

/// <summary>The bytes of one value, up to a cap: past it only the count goes on, so an oversized item costs no memory.</summary>
internal sealed class Recorder(long cap)
{
    private byte[] _bytes = new byte[256];
    private int _count;

    public long Length { get; private set; }
    public bool Overflowed { get; private set; }
    public ReadOnlyMemory<byte> Written => _bytes.AsMemory(0, _count);

    /// <summary>Empties the recorder for the next value, keeping its buffer (unless the last value overflowed it).</summary>
    public void Reset()
    {
        if (Overflowed) _bytes = new byte[256];
        Overflowed = false;
        Length = 0;
        _count = 0;
    }

    public void Append(ReadOnlySpan<byte> data)
    {
        Length += data.Length;
        if (Overflowed) return;
        if (Length > cap || Length > Array.MaxLength)
        {
            Overflowed = true;
            _bytes = [];
            _count = 0;
            return;
        }
        if (_count + data.Length > _bytes.Length) Array.Resize(ref _bytes, (int)Math.Min(Math.Max(_bytes.Length * 2L, _count + data.Length), Array.MaxLength));
        data.CopyTo(_bytes.AsSpan(_count));
        _count += data.Length;
    }
}
