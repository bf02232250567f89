using System.Buffers.Binary;
using System.IO.Compression;

namespace Verbatim.Readers;

/// <summary>A gzip stream that cannot be read on: a corrupt or truncated member. An <see cref="IOException"/>, so
/// every reader's "cannot read" path handles it.</summary>
public sealed class GzipFormatException(string message) : IOException(message);

/// <summary>
/// Reads a gzip file member by member (RFC 1952), knowing exactly where each member starts and ends, which
/// <see cref="GZipStream"/> does not tell: WARC files as CC-NEWS publishes them hold one record per member, and a
/// corrupt member must cost only its own record. Each member's raw deflate data goes through a
/// <see cref="DeflateStream"/>; its end is found from the 8-byte trailer (CRC-32 and length of what was decompressed,
/// followed by the next member's magic or the end of the file). A truncated member, a bad trailer or CRC, or data
/// the inflater refuses are errors of that member; <see cref="Resync"/> then looks for the next member's magic
/// (1f 8b 08). Memory: an input buffer that holds up to 8 MiB of the current member (for that search), plus the
/// inflater's window.
/// </summary>
internal sealed class GzipMembers : IDisposable
{
    private const int BufferSize = 64 * 1024;
    /// <summary>How much of a member's compressed bytes is kept for a resync after it (CC-NEWS records are far smaller).</summary>
    private const int MaxRetained = 8 * 1024 * 1024;
    private readonly Stream _stream;
    private byte[] _buf = new byte[BufferSize];
    private long _bufStart;          // file offset of _buf[0]
    private int _pos, _len;
    private bool _eof;

    public GzipMembers(Stream stream) => _stream = stream;

    /// <summary>File offset of the member last started (for naming a bad record).</summary>
    public long MemberOffset { get; private set; }

    /// <summary>How many members were started so far (1-based ordinal of the current one).</summary>
    public int MemberCount { get; private set; }

    public void Dispose() => _stream.Dispose();

    /// <summary>True when the next bytes start a member; false at the end of the file.</summary>
    /// <exception cref="GzipFormatException">Bytes that are not a gzip member header (resync with <see cref="Resync"/>).</exception>
    public bool NextMember()
    {
        if (!Ensure(1)) return false;
        MemberOffset = _bufStart + _pos;
        MemberCount++;
        if (!Ensure(10)) throw Error("truncated gzip header");
        var h = _buf.AsSpan(_pos, 10);
        if (h[0] != 0x1f || h[1] != 0x8b) throw Error("not a gzip member (no 1f 8b magic)");
        if (h[2] != 8) throw Error($"unknown gzip compression method {h[2]}");
        byte flags = h[3];
        if ((flags & 0xE0) != 0) throw Error("reserved gzip header flags set");
        _pos += 10;
        if ((flags & 4) != 0) // FEXTRA
        {
            if (!Ensure(2)) throw Error("truncated gzip header");
            int xlen = BinaryPrimitives.ReadUInt16LittleEndian(_buf.AsSpan(_pos, 2));
            _pos += 2;
            if (!Ensure(xlen)) throw Error("truncated gzip header");
            _pos += xlen;
        }
        if ((flags & 8) != 0) SkipZeroTerminated(); // FNAME
        if ((flags & 16) != 0) SkipZeroTerminated(); // FCOMMENT
        if ((flags & 2) != 0) // FHCRC
        {
            if (!Ensure(2)) throw Error("truncated gzip header");
            _pos += 2;
        }
        return true;
    }

    /// <summary>The current member's decompressed bytes (after <see cref="NextMember"/>), as a stream that checks the
    /// member's trailer when it ends and throws <see cref="GzipFormatException"/> for corrupt or truncated data.</summary>
    public Stream OpenMember() => new MemberStream(this);

    /// <summary>
    /// Decompresses the current member into <paramref name="output"/>, keeping at most <paramref name="limit"/> bytes
    /// (the rest is decompressed and dropped, so the member's end is still found). Returns its full length.
    /// </summary>
    /// <exception cref="GzipFormatException">Corrupt deflate data, a truncated member, or a bad trailer.</exception>
    public long ReadMember(ref byte[] output, out int kept, int limit)
    {
        using var member = new MemberStream(this);
        long total = 0;
        kept = 0;
        byte[]? scratch = null;
        while (true)
        {
            int n;
            if (kept < limit)
            {
                if (kept == output.Length) Array.Resize(ref output, (int)Math.Min((long)output.Length * 2 + 4096, limit));
                n = member.Read(output, kept, output.Length - kept);
                kept += n;
            }
            else
            {
                scratch ??= new byte[16 * 1024];
                n = member.Read(scratch, 0, scratch.Length);
            }
            if (n == 0) return total;
            total += n;
        }
    }

    /// <summary>
    /// After an error: moves to the next plausible member header (1f 8b 08, reserved flags clear) after the start of
    /// the member that failed. False when the file holds none.
    /// </summary>
    public bool Resync()
    {
        long from = MemberOffset + 1;
        if (from < _bufStart)
        {
            // The buffer has moved past the failed member: search from what is left.
            from = _bufStart;
        }
        _pos = (int)Math.Min(from - _bufStart, _len);
        while (true)
        {
            if (!Ensure(4))
            {
                _pos = _len;
                return false;
            }
            var span = _buf.AsSpan(_pos, _len - _pos);
            int i = span.IndexOf((byte)0x1f);
            if (i < 0)
            {
                _pos = _len;
                continue;
            }
            _pos += i;
            if (!Ensure(4))
            {
                _pos = _len;
                return false;
            }
            if (_buf[_pos + 1] == 0x8b && _buf[_pos + 2] == 8 && (_buf[_pos + 3] & 0xE0) == 0)
                return true;
            _pos++;
        }
    }

    private void FindTrailer(int chunkStart, uint crc, uint size)
    {
        // The deflate data ended somewhere in the last chunk handed to the inflater: [chunkStart, _pos]. The trailer
        // there holds the CRC-32 and length of what came out; a match of both cannot be chance.
        int end = _pos;
        bool lengthMatched = false;
        for (int p = chunkStart; p <= end; p++)
        {
            int shift = EnsureFrom(p, 8);
            p -= shift;
            end -= shift;
            if (_len - p < 8) break;
            var t = _buf.AsSpan(p, 8);
            if (BinaryPrimitives.ReadUInt32LittleEndian(t[4..]) != size) continue;
            lengthMatched = true;
            if (BinaryPrimitives.ReadUInt32LittleEndian(t) != crc) continue;
            _pos = p + 8;
            return;
        }
        // A last member whose trailer is cut short also ends up here.
        throw Error(lengthMatched
            ? "gzip CRC-32 mismatch: the member's data is corrupt"
            : "no valid gzip trailer after the member's data (truncated or corrupt member)");
    }

    private GzipFormatException Error(string reason) =>
        new($"{reason} (member {MemberCount} at byte offset {MemberOffset})");

    private void SkipZeroTerminated()
    {
        int seen = 0;
        while (true)
        {
            if (!Ensure(1)) throw Error("truncated gzip header");
            int i = _buf.AsSpan(_pos, _len - _pos).IndexOf((byte)0);
            if (i >= 0)
            {
                _pos += i + 1;
                return;
            }
            seen += _len - _pos;
            _pos = _len;
            if (seen > 1024 * 1024) throw Error("gzip header name or comment over 1 MiB");
        }
    }

    /// <summary>At least <paramref name="count"/> bytes from _pos in the buffer; false at the end of the file.</summary>
    private bool Ensure(int count) => EnsureFrom(_pos, count, out _);

    private int EnsureFrom(int at, int count)
    {
        EnsureFrom(at, count, out int shift);
        return shift;
    }

    /// <summary>Makes <c>[at, at+count)</c> present when the file has it; <paramref name="shift"/> is how far the
    /// buffer's contents moved left (subtract it from indexes held).</summary>
    private bool EnsureFrom(int at, int count, out int shift)
    {
        shift = 0;
        if (_len - at >= count) return true;
        if (_eof) return false;
        // Keep the current member's compressed bytes (up to a bound) so that, should it prove corrupt, the search
        // for the next member can start right after its first byte.
        int keepFrom = at;
        long memberIndex = MemberOffset - _bufStart;
        if (memberIndex >= 0 && memberIndex < at && at - memberIndex <= MaxRetained) keepFrom = (int)memberIndex;
        if (keepFrom > 0)
        {
            int keep = _len - keepFrom;
            Buffer.BlockCopy(_buf, keepFrom, _buf, 0, keep);
            _bufStart += keepFrom;
            _pos -= keepFrom;
            _len = keep;
            shift = keepFrom;
            at -= keepFrom;
        }
        while (_len - at < count)
        {
            if (_len == _buf.Length || at + count > _buf.Length)
                Array.Resize(ref _buf, Math.Max(at + count, _buf.Length * 2));
            int n = _stream.Read(_buf, _len, _buf.Length - _len);
            if (n == 0)
            {
                _eof = true;
                return false;
            }
            _len += n;
        }
        return true;
    }

    /// <summary>One member's decompressed bytes; verifies length and CRC-32 against the trailer at the end.</summary>
    private sealed class MemberStream : ReadOnlyStream
    {
        private readonly GzipMembers _owner;
        private readonly Feeder _feeder;
        private readonly DeflateStream _inflater;
        private uint _crc = Crc32.Initial;
        private long _total;
        private bool _ended;

        public MemberStream(GzipMembers owner)
        {
            _owner = owner;
            _feeder = new Feeder(owner);
            _inflater = new DeflateStream(_feeder, CompressionMode.Decompress, leaveOpen: true);
        }


        public override int Read(Span<byte> buffer)
        {
            if (_ended || buffer.Length == 0) return 0;
            int n;
            try { n = _inflater.Read(buffer); }
            catch (InvalidDataException e) { throw _owner.Error($"corrupt gzip data: {e.Message}"); }
            if (n > 0)
            {
                _crc = Crc32.Update(_crc, buffer[..n]);
                _total += n;
                return n;
            }
            _ended = true;
            if (_feeder.HitEnd) throw _owner.Error("truncated gzip member: the file ends inside it");
            _owner.FindTrailer(_feeder.ChunkStart, Crc32.Final(_crc), (uint)_total);
            return 0;
        }


        protected override void Dispose(bool disposing)
        {
            if (disposing) _inflater.Dispose();
            base.Dispose(disposing);
        }
    }

    /// <summary>Hands the inflater bytes from the shared buffer, remembering where the last chunk started.</summary>
    private sealed class Feeder(GzipMembers owner) : ReadOnlyStream
    {
        public int ChunkStart { get; private set; } = owner._pos;
        public bool HitEnd { get; private set; }


        public override int Read(Span<byte> buffer)
        {
            if (buffer.Length == 0) return 0;
            if (!owner.Ensure(1))
            {
                HitEnd = true;
                ChunkStart = owner._pos;
                return 0;
            }
            int n = Math.Min(buffer.Length, owner._len - owner._pos);
            owner._buf.AsSpan(owner._pos, n).CopyTo(buffer);
            ChunkStart = owner._pos;
            owner._pos += n;
            return n;
        }
    }
}

/// <summary>
/// Every member of a gzip file as one stream (what <see cref="GZipStream"/> gives), except that a truncated or
/// corrupt member is an error (<see cref="GzipFormatException"/>) instead of a silent early end. Streams within a
/// member: memory stays bounded whatever the file's size.
/// </summary>
internal sealed class GzipConcatStream(Stream inner) : ReadOnlyStream
{
    private readonly GzipMembers _members = new(inner);
    private Stream? _current;
    private bool _done;


    public override int Read(Span<byte> buffer)
    {
        if (buffer.Length == 0) return 0;
        while (!_done)
        {
            if (_current is null)
            {
                if (!_members.NextMember())
                {
                    _done = true;
                    break;
                }
                _current = _members.OpenMember();
            }
            int n = _current.Read(buffer);
            if (n > 0) return n;
            _current.Dispose();
            _current = null;
        }
        return 0;
    }


    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _current?.Dispose();
            _members.Dispose();
        }
        base.Dispose(disposing);
    }
}

/// <summary>CRC-32 (IEEE 802.3, as gzip uses it), table-driven.</summary>
internal static class Crc32
{
    public const uint Initial = 0xFFFFFFFFu;
    private static readonly uint[] Table = Build();

    private static uint[] Build()
    {
        var t = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            t[n] = c;
        }
        return t;
    }

    public static uint Update(uint crc, ReadOnlySpan<byte> data)
    {
        var table = Table;
        foreach (byte b in data) crc = table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return crc;
    }

    public static uint Final(uint crc) => crc ^ 0xFFFFFFFFu;
}
