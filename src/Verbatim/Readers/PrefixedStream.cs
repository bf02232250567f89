namespace Verbatim.Readers;

/// <summary>A read-only stream that yields already-read bytes first, then the rest of the inner stream.</summary>
internal sealed class PrefixedStream(byte[] prefix, int prefixLength, Stream inner) : ReadOnlyStream
{
    private int _position;



    public override int Read(Span<byte> buffer)
    {
        if (_position < prefixLength)
        {
            int n = Math.Min(buffer.Length, prefixLength - _position);
            prefix.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }
        return inner.Read(buffer);
    }


    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}

/// <summary>A read-only stream that, on its first read, looks for the gzip magic and decompresses when it is there.</summary>
internal sealed class GzipSniffStream(Stream inner) : ReadOnlyStream
{
    private Stream? _stream;



    public override int Read(Span<byte> buffer)
    {
        if (_stream is null)
        {
            var head = new byte[2];
            int got = inner.ReadAtLeast(head, 2, throwOnEndOfStream: false);
            var whole = new PrefixedStream(head, got, inner);
            _stream = got == 2 && head[0] == 0x1f && head[1] == 0x8b ? new GzipConcatStream(whole) : whole;
        }
        return _stream.Read(buffer);
    }


    protected override void Dispose(bool disposing)
    {
        if (disposing) (_stream ?? inner).Dispose();
        base.Dispose(disposing);
    }
}
