namespace Verbatim.Readers;

/// <summary>
/// Splits a byte stream into '\n'-terminated lines without ever holding more than
/// <c>maxLineBytes</c> of one line: the rest of an overlong line is skipped, not buffered.
/// </summary>
internal sealed class BoundedLineReader
{
    private readonly Stream _stream;
    private readonly long _maxLineBytes;
    private readonly byte[] _chunk = new byte[64 * 1024];
    private int _chunkPos;
    private int _chunkLen;
    private bool _eof;
    private byte[] _line = new byte[4096];
    private int _lineLen;

    public BoundedLineReader(Stream stream, long maxLineBytes)
    {
        _stream = stream;
        _maxLineBytes = maxLineBytes;
    }

    /// <summary>1-based number of the line last returned.</summary>
    public int LineNumber { get; private set; }

    /// <summary>The last line's bytes (without '\n' or a trailing '\r'); for an overlong line, only its start.</summary>
    public ReadOnlySpan<byte> Line => _line.AsSpan(0, _lineLen);

    /// <summary>True when the last line was longer than the limit.</summary>
    public bool TooLong { get; private set; }

    /// <summary>Full length in bytes of the last line, even when it was too long to keep.</summary>
    public long LineBytes { get; private set; }

    /// <summary>Moves to the next line; false at the end of the stream.</summary>
    public bool Next()
    {
        _lineLen = 0;
        TooLong = false;
        LineBytes = 0;
        bool any = false;
        while (true)
        {
            if (_chunkPos == _chunkLen)
            {
                if (_eof || !Fill())
                {
                    if (!any) return false;
                    break;
                }
            }
            any = true;
            var available = _chunk.AsSpan(_chunkPos, _chunkLen - _chunkPos);
            int newline = available.IndexOf((byte)'\n');
            var piece = newline >= 0 ? available[..newline] : available;
            Append(piece);
            _chunkPos += newline >= 0 ? newline + 1 : piece.Length;
            if (newline >= 0) break;
        }
        if (!TooLong && _lineLen > 0 && _line[_lineLen - 1] == (byte)'\r')
        {
            _lineLen--;
            LineBytes--;
        }
        if (LineBytes > _maxLineBytes) TooLong = true;
        LineNumber++;
        return true;
    }

    private bool Fill()
    {
        _chunkPos = 0;
        _chunkLen = _stream.Read(_chunk, 0, _chunk.Length);
        if (_chunkLen == 0) _eof = true;
        return _chunkLen > 0;
    }

    private void Append(ReadOnlySpan<byte> piece)
    {
        LineBytes += piece.Length;
        if (TooLong) return;
        // One byte of slack for a trailing '\r' that is not part of the record.
        if (LineBytes > _maxLineBytes + 1)
        {
            TooLong = true;
            // Keep just enough of the start for the rejects file.
            int keep = Math.Max(0, Math.Min(piece.Length, ArticleBytes.RawPrefixBytes - _lineLen));
            EnsureCapacity(_lineLen + keep);
            piece[..keep].CopyTo(_line.AsSpan(_lineLen));
            _lineLen += keep;
            return;
        }
        EnsureCapacity(_lineLen + piece.Length);
        piece.CopyTo(_line.AsSpan(_lineLen));
        _lineLen += piece.Length;
    }

    private void EnsureCapacity(int needed)
    {
        if (needed <= _line.Length) return;
        int size = _line.Length;
        while (size < needed) size = size > int.MaxValue / 2 ? int.MaxValue : size * 2;
        Array.Resize(ref _line, size);
    }
}
