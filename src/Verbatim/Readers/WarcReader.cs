using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Verbatim.Readers;

/// <summary>
/// WARC files (ISO 28500) as CC-NEWS publishes them: one gzip member per record (or an uncompressed .warc), each a
/// WARC header block, then Content-Length bytes, then CRLF CRLF. <c>response</c> records carrying an HTTP response
/// with an HTML body become articles through <see cref="HtmlReader"/> (charset from the HTTP header, else the page,
/// else UTF-8; date from the page, else WARC-Date; publisher from the page, else the host; id from WARC-Record-ID,
/// else the URL). Other records (warcinfo, request, metadata), non-2xx responses and non-HTML bodies are skipped.
/// Streaming: one record at a time, bounded by <see cref="ReaderOptions.MaxArticleBytes"/>.
/// A bad record (broken header, wrong Content-Length, truncated, corrupt gzip member) is rejected as
/// <c>path#N</c> (its ordinal in the file, with its WARC-Record-ID when known) and reading goes on: with the next
/// gzip member, found again by its magic bytes after a corrupt one; in an uncompressed file, at the next line
/// that starts a WARC record.
/// </summary>
internal static class WarcReader
{
    private const int MaxHeaderBytes = 64 * 1024;
    private const int MaxLine = 16 * 1024;

    public static IEnumerable<ReadResult> Read(Stream stream, string name, ReaderOptions options)
    {
        var head = new byte[2];
        int got;
        string? error = null;
        try
        {
            got = stream.ReadAtLeast(head, 2, throwOnEndOfStream: false);
        }
        catch (IOException e)
        {
            got = 0;
            error = e.Message;
        }
        if (error is not null)
        {
            yield return ReadResult.Rejected(name, $"cannot read: {error}");
            yield break;
        }
        var whole = new PrefixedStream(head, got, stream);
        var results = got == 2 && head[0] == 0x1f && head[1] == 0x8b ? ReadGzip(whole, name, options) : ReadPlain(whole, name, options);
        foreach (var r in results) yield return r;
    }

    /// <summary>Records read from a member are held until its CRC-32 is checked (CC-NEWS: one record per member), or
    /// until this many are held (a file gzipped whole is one member: its records stream out in groups).</summary>
    private const int HeldRecords = 16;

    private sealed class GzipState(GzipMembers members)
    {
        public GzipMembers Members { get; } = members;
        public Stream? Content;
        public ByteSource? Source;
        public int Ordinal;
        public bool Resyncing;
        public string? FirstHeldName;
    }

    private static IEnumerable<ReadResult> ReadGzip(Stream stream, string name, ReaderOptions options)
    {
        using var members = new GzipMembers(stream);
        var state = new GzipState(members);
        var held = new List<ReadResult>(HeldRecords);
        try
        {
            while (true)
            {
                held.Clear();
                string? gzipError = null, ioError = null;
                bool end = false;
                try
                {
                    end = ReadSome(state, held, name, options);
                }
                catch (GzipFormatException e)
                {
                    gzipError = e.Message;
                }
                catch (IOException e)
                {
                    ioError = e.Message;
                }
                if (ioError is not null)
                {
                    yield return ReadResult.Rejected(name, $"cannot read: {ioError}");
                    yield break;
                }
                if (gzipError is null)
                {
                    foreach (var r in held) yield return r;
                    if (end) yield break;
                    continue;
                }
                // The member is corrupt: what was read of it is not trusted. Report it once (its first record, or the
                // record it should have held); members tried while looking for the next one are not records.
                state.Content?.Dispose();
                state.Content = null;
                if (!state.Resyncing)
                {
                    string record = state.FirstHeldName ?? $"{name}#{(++state.Ordinal).ToString(CultureInfo.InvariantCulture)}";
                    yield return ReadResult.Rejected(record, gzipError);
                }
                state.FirstHeldName = null;
                state.Resyncing = true;
                bool found;
                try { found = members.Resync(); }
                catch (IOException) { found = false; }
                if (!found) yield break;
            }
        }
        finally
        {
            state.Content?.Dispose();
        }
    }

    /// <summary>Reads records into <paramref name="held"/> until a member ends verified or enough are held; true at
    /// the end of the file.</summary>
    private static bool ReadSome(GzipState state, List<ReadResult> held, string name, ReaderOptions options)
    {
        state.FirstHeldName = null;
        if (state.Content is null)
        {
            if (!state.Members.NextMember()) return true;
            state.Content = state.Members.OpenMember();
            state.Source = new ByteSource(state.Content);
        }
        var source = state.Source!;
        while (held.Count < HeldRecords)
        {
            var step = ReadRecord(source, name, state.Ordinal + 1, options, null, out bool end, out string recordName);
            if (end)
            {
                // The member ended and its trailer checked out.
                state.Content.Dispose();
                state.Content = null;
                state.Resyncing = false;
                return false;
            }
            state.Ordinal++;
            state.FirstHeldName ??= recordName;
            if (step is { } r) held.Add(r);
            if (step is { Rejection: not null } && source.Broken)
            {
                // The rest of this member cannot be read as records: drain it so its trailer is still checked.
                source.Drain();
                state.Content.Dispose();
                state.Content = null;
                state.Resyncing = false;
                return false;
            }
        }
        return false;
    }

    private static IEnumerable<ReadResult> ReadPlain(Stream stream, string name, ReaderOptions options)
    {
        using (stream)
        {
            var source = new ByteSource(stream);
            int ordinal = 0;
            string? pending = null;
            while (true)
            {
                ReadResult? step;
                bool end;
                string? ioError = null;
                try
                {
                    step = ReadRecord(source, name, ordinal + 1, options, pending, out end, out _);
                    pending = null;
                    if (!end && step is { Rejection: not null } && source.Broken)
                        pending = source.SkipToRecordStart();
                }
                catch (IOException e)
                {
                    step = null;
                    end = true;
                    ioError = e.Message;
                }
                if (ioError is not null)
                {
                    yield return ReadResult.Rejected($"{name}#{(ordinal + 1).ToString(CultureInfo.InvariantCulture)}", $"cannot read: {ioError}");
                    yield break;
                }
                if (end) yield break;
                ordinal++;
                if (step is { } r) yield return r;
            }
        }
    }

    /// <summary>
    /// One record: null when it is skipped (not a response, not HTML), an article, or a rejection. Sets
    /// <paramref name="end"/> at the end of the input (nothing but blank lines left). A rejection that leaves the
    /// stream out of step sets <see cref="ByteSource.Broken"/>.
    /// </summary>
    private static ReadResult? ReadRecord(ByteSource source, string name, int ordinal, ReaderOptions options, string? firstLine, out bool end, out string record)
    {
        end = false;
        record = $"{name}#{ordinal.ToString(CultureInfo.InvariantCulture)}";
        string? line = firstLine;
        if (line is null)
        {
            // Records may be separated by extra blank lines.
            do
            {
                line = source.ReadLine(MaxLine);
                if (line is null)
                {
                    end = true;
                    return null;
                }
            } while (line.Length == 0);
        }
        if (!line.StartsWith("WARC/", StringComparison.Ordinal))
        {
            source.Broken = true;
            return ReadResult.Rejected(record, $"bad WARC header: a record must start with a WARC/1.x line, not '{Short(line)}'", line);
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        int headerBytes = line.Length;
        while (true)
        {
            var h = source.ReadLine(MaxLine);
            if (h is null)
            {
                source.Broken = true;
                return ReadResult.Rejected(record, "truncated record: the input ends inside its WARC header");
            }
            if (h.Length == 0) break;
            headerBytes += h.Length + 2;
            if (headerBytes > MaxHeaderBytes || source.LastLineTooLong)
            {
                source.Broken = true;
                return ReadResult.Rejected(record, $"bad WARC header: over {MaxHeaderBytes / 1024} KiB");
            }
            int colon = h.IndexOf(':');
            if (colon <= 0)
            {
                source.Broken = true;
                return ReadResult.Rejected(record, $"bad WARC header: line '{Short(h)}' is not 'Name: value'");
            }
            headers.TryAdd(h[..colon].Trim(), h[(colon + 1)..].Trim());
        }
        string? recordId = headers.GetValueOrDefault("WARC-Record-ID");
        if (recordId is not null) record += " " + recordId;

        if (!headers.TryGetValue("Content-Length", out var lengthText)
            || !long.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out long length))
        {
            source.Broken = true;
            return ReadResult.Rejected(record, lengthText is null ? "bad WARC header: no Content-Length" : $"bad WARC header: Content-Length '{Short(lengthText)}' is not a number");
        }

        string type = headers.GetValueOrDefault("WARC-Type") ?? "";
        bool wanted = type.Equals("response", StringComparison.OrdinalIgnoreCase);
        bool fits = length <= options.MaxArticleBytes + MaxHeaderBytes;
        byte[]? block = null;
        long got = wanted && fits ? source.ReadBlock(length, out block) : source.Skip(length);
        if (got < length)
        {
            source.Broken = true;
            return ReadResult.Rejected(record, $"Content-Length {length} does not match the record: only {got} bytes follow its header (a truncated record or a wrong Content-Length)");
        }
        // The block is followed by CRLF CRLF; anything else means Content-Length is wrong.
        var tail = source.ReadTail(4);
        if (!tail.SequenceEqual("\r\n\r\n"u8))
        {
            source.Broken = true;
            return ReadResult.Rejected(record, tail.Length < 4 && source.AtEnd
                ? $"truncated record: the input ends before the CRLF CRLF after its {length} bytes"
                : $"Content-Length {length} does not match the record: its block is not followed by CRLF CRLF");
        }
        if (!wanted) return null;
        if (!fits)
            return ReadResult.Rejected(record, PlainTextReader.TooLarge(length, options));
        return Response(block!, headers, record, recordId, options);
    }

    private static ReadResult? Response(byte[] block, Dictionary<string, string> warc, string record, string? recordId, ReaderOptions options)
    {
        // WARC response blocks of HTTP hold the status line, headers, then the body.
        var span = block.AsSpan();
        int headerEnd = span.IndexOf("\r\n\r\n"u8);
        int bodyStart = headerEnd + 4;
        if (headerEnd < 0)
        {
            headerEnd = span.IndexOf("\n\n"u8);
            bodyStart = headerEnd + 2;
        }
        var contentType = warc.GetValueOrDefault("Content-Type") ?? "";
        if (!contentType.StartsWith("application/http", StringComparison.OrdinalIgnoreCase))
            return null; // a response of another protocol (dns:...): no page
        if (headerEnd < 0)
            return ReadResult.Rejected(record, "bad HTTP response: no blank line ends its headers", ArticleBytes.RawPrefix(span));
        var httpLines = Encoding.Latin1.GetString(span[..headerEnd]).Split('\n');
        var status = httpLines[0].TrimEnd('\r');
        var parts = status.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2 || !parts[0].StartsWith("HTTP/", StringComparison.OrdinalIgnoreCase) || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int code))
            return ReadResult.Rejected(record, $"bad HTTP response: status line '{Short(status)}'", ArticleBytes.RawPrefix(span));
        if (code is < 200 or >= 300) return null; // redirects, errors: no article
        var http = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var l in httpLines.Skip(1))
        {
            int colon = l.IndexOf(':');
            if (colon > 0) http.TryAdd(l[..colon].Trim(), l[(colon + 1)..].Trim());
        }
        var mime = http.GetValueOrDefault("Content-Type") ?? "";
        if (mime.Length > 0 && !mime.Contains("html", StringComparison.OrdinalIgnoreCase)) return null;

        byte[] body = span[bodyStart..].ToArray();
        if (http.GetValueOrDefault("Transfer-Encoding") is { } te && te.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            if (Dechunk(body) is not { } plain)
                return ReadResult.Rejected(record, "bad HTTP response: broken chunked transfer encoding", ArticleBytes.RawPrefix(span));
            body = plain;
        }
        if (http.GetValueOrDefault("Content-Encoding") is { } ce && !ce.Equals("identity", StringComparison.OrdinalIgnoreCase))
        {
            var decoded = Decompress(body, ce.Trim().ToLowerInvariant(), options.MaxArticleBytes, out string? why);
            if (decoded is null)
                return ReadResult.Rejected(record, $"bad HTTP response: {why}", ArticleBytes.RawPrefix(span));
            body = decoded;
        }

        string? url = warc.GetValueOrDefault("WARC-Target-URI")?.Trim('<', '>');
        DateOnly? warcDate = warc.GetValueOrDefault("WARC-Date") is { } wd && ArticleDates.TryParseLoose(wd, out var d) ? d : null;
        string id = IdOf(recordId) ?? url ?? record;
        return HtmlReader.Read(body, new HtmlContext(id, record)
        {
            Charset = CharsetOf(mime),
            Url = url,
            FallbackDate = warcDate,
            FallbackPublisher = HtmlReader.HostOf(url),
        }, options);
    }

    /// <summary>The record id without its angle brackets and urn:uuid: prefix.</summary>
    private static string? IdOf(string? recordId)
    {
        if (string.IsNullOrWhiteSpace(recordId)) return null;
        var id = recordId.Trim().Trim('<', '>');
        if (id.StartsWith("urn:uuid:", StringComparison.OrdinalIgnoreCase)) id = id[9..];
        return id.Length == 0 ? null : id;
    }

    internal static string? CharsetOf(string contentType)
    {
        int at = contentType.IndexOf("charset=", StringComparison.OrdinalIgnoreCase);
        if (at < 0) return null;
        var value = contentType[(at + 8)..].Trim().Trim('"', '\'');
        int end = value.IndexOfAny([';', ' ', '"', '\'']);
        return end >= 0 ? value[..end] : value;
    }

    private static byte[]? Dechunk(byte[] body)
    {
        var output = new MemoryStream(body.Length);
        int i = 0;
        while (i < body.Length)
        {
            int eol = body.AsSpan(i).IndexOf((byte)'\n');
            if (eol < 0) return null;
            var sizeText = Encoding.ASCII.GetString(body, i, eol).Trim().Split(';')[0];
            if (!int.TryParse(sizeText, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int size) || size < 0) return null;
            i += eol + 1;
            if (size == 0) return output.ToArray();
            if (i + size > body.Length) return null;
            output.Write(body, i, size);
            i += size;
            while (i < body.Length && body[i] is (byte)'\r' or (byte)'\n') i++;
        }
        return output.ToArray();
    }

    private static byte[]? Decompress(byte[] body, string encoding, long limit, out string? why)
    {
        why = null;
        try
        {
            using Stream decoder = encoding switch
            {
                "gzip" or "x-gzip" => new GzipConcatStream(new MemoryStream(body)),
                "deflate" => new ZLibStream(new MemoryStream(body), CompressionMode.Decompress),
                "br" => new BrotliStream(new MemoryStream(body), CompressionMode.Decompress),
                _ => Stream.Null,
            };
            if (decoder == Stream.Null)
            {
                why = $"unknown Content-Encoding '{Short(encoding)}'";
                return null;
            }
            if (!ArticleBytes.TryReadBounded(decoder, limit, out var buffer, out int length))
            {
                why = $"its {encoding} body decompresses to more than {ArticleBytes.FormatBytes(limit)}";
                return null;
            }
            return buffer.AsSpan(0, length).ToArray();
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            why = $"corrupt {encoding} body: {e.Message}";
            return null;
        }
    }

    private static string Short(string s) => s.Length <= 80 ? s : s[..80] + "…";

    /// <summary>Buffered reading of lines and blocks from a stream, with a bounded line length.</summary>
    private sealed class ByteSource(Stream stream)
    {
        private readonly byte[] _buf = new byte[64 * 1024];
        private int _pos, _len;
        private bool _eof;

        /// <summary>Set when a rejected record left the reader out of step with the records.</summary>
        public bool Broken { get; set; }

        public bool LastLineTooLong { get; private set; }

        public bool AtEnd => _pos == _len && (_eof || !Fill());

        /// <summary>A line without its CR LF (Latin-1: header bytes as they are); null at the end of the input.
        /// A line longer than <paramref name="max"/> is cut (and <see cref="LastLineTooLong"/> set), the rest skipped.</summary>
        public string? ReadLine(int max)
        {
            LastLineTooLong = false;
            if (AtEnd) return null;
            var sb = new StringBuilder();
            while (true)
            {
                if (_pos == _len && !Fill()) break;
                var span = _buf.AsSpan(_pos, _len - _pos);
                int nl = span.IndexOf((byte)'\n');
                var piece = nl >= 0 ? span[..nl] : span;
                if (sb.Length + piece.Length <= max) sb.Append(Encoding.Latin1.GetString(piece));
                else LastLineTooLong = true;
                _pos += nl >= 0 ? nl + 1 : piece.Length;
                if (nl >= 0) break;
            }
            if (sb.Length > 0 && sb[^1] == '\r') sb.Length--;
            return sb.ToString();
        }

        /// <summary>Reads up to <paramref name="count"/> bytes into a new array; returns how many the input had.</summary>
        public long ReadBlock(long count, out byte[] block)
        {
            block = new byte[count];
            int done = 0;
            while (done < count)
            {
                if (_pos == _len && !Fill()) break;
                int n = (int)Math.Min(count - done, _len - _pos);
                _buf.AsSpan(_pos, n).CopyTo(block.AsSpan(done));
                _pos += n;
                done += n;
            }
            if (done < count) Array.Resize(ref block, done);
            return done;
        }

        public long Skip(long count)
        {
            long done = 0;
            while (done < count)
            {
                if (_pos == _len && !Fill()) break;
                int n = (int)Math.Min(count - done, _len - _pos);
                _pos += n;
                done += n;
            }
            return done;
        }

        /// <summary>The next <paramref name="count"/> bytes (fewer at the end of the input).</summary>
        public byte[] ReadTail(int count)
        {
            ReadBlock(count, out var tail);
            return tail;
        }

        /// <summary>Reads and drops everything left (a gzip member's rest, so its trailer is checked).</summary>
        public void Drain()
        {
            while (Fill()) _pos = _len;
        }

        /// <summary>Skips lines until one starts a WARC record, and returns it (null at the end of the input).</summary>
        public string? SkipToRecordStart()
        {
            while (ReadLine(MaxLine) is { } line)
                if (line.StartsWith("WARC/1.", StringComparison.Ordinal) && !LastLineTooLong)
                {
                    Broken = false;
                    return line;
                }
            return null;
        }

        private bool Fill()
        {
            if (_eof) return false;
            _pos = 0;
            _len = stream.Read(_buf, 0, _buf.Length);
            if (_len == 0) _eof = true;
            return _len > 0;
        }
    }
}
