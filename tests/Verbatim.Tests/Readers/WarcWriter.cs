using System.IO.Compression;
using System.Text;

namespace Verbatim.Tests.Readers;

/// <summary>Writes WARC files the way CC-NEWS does (one gzip member per record), with ways to break them.</summary>
internal sealed class WarcWriter
{
    private readonly List<byte[]> _members = [];
    private int _next = 1;

    /// <summary>The raw (uncompressed) bytes of every record, in order.</summary>
    public List<byte[]> Records { get; } = [];

    public static string RecordId(int n) => $"<urn:uuid:00000000-0000-0000-0000-{n:D12}>";

    public WarcWriter Warcinfo() => Add(Record("warcinfo", "application/warc-fields", null, Encoding.UTF8.GetBytes("software: test\r\nformat: WARC File Format 1.1\r\n")));

    public WarcWriter Request(string url) => Add(Record("request", "application/http; msgtype=request", url,
        Encoding.ASCII.GetBytes($"GET {new Uri(url).PathAndQuery} HTTP/1.1\r\nHost: {new Uri(url).Host}\r\n\r\n")));

    /// <summary>A response record: an HTTP 200 with <paramref name="body"/> (already in its charset).</summary>
    public WarcWriter Response(string url, byte[] body, string contentType = "text/html; charset=UTF-8", int status = 200,
        string warcDate = "2022-07-09T03:04:05Z", Func<byte[], byte[]>? corruptBlock = null, long? contentLength = null)
    {
        var head = Encoding.ASCII.GetBytes($"HTTP/1.1 {status} OK\r\nContent-Type: {contentType}\r\nContent-Length: {body.Length}\r\n\r\n");
        var block = head.Concat(body).ToArray();
        if (corruptBlock is not null) block = corruptBlock(block);
        return Add(Record("response", "application/http; msgtype=response", url, block, warcDate, contentLength));
    }

    public WarcWriter Response(string url, string html, string warcDate = "2022-07-09T03:04:05Z") =>
        Response(url, Encoding.UTF8.GetBytes(html), warcDate: warcDate);

    /// <summary>Any bytes as one member (for a broken header).</summary>
    public WarcWriter Raw(byte[] record) => Add(record);

    private byte[] Record(string type, string contentType, string? url, byte[] block, string date = "2022-07-09T03:04:05Z", long? contentLength = null)
    {
        var sb = new StringBuilder();
        sb.Append("WARC/1.0\r\n");
        sb.Append($"WARC-Type: {type}\r\n");
        sb.Append($"WARC-Record-ID: {RecordId(_next)}\r\n");
        sb.Append($"WARC-Date: {date}\r\n");
        if (url is not null) sb.Append($"WARC-Target-URI: {url}\r\n");
        sb.Append($"Content-Type: {contentType}\r\n");
        sb.Append($"Content-Length: {contentLength ?? block.Length}\r\n\r\n");
        return Encoding.ASCII.GetBytes(sb.ToString()).Concat(block).Concat("\r\n\r\n"u8.ToArray()).ToArray();
    }

    private WarcWriter Add(byte[] record)
    {
        _next++;
        Records.Add(record);
        _members.Add(Gzip(record));
        return this;
    }

    /// <summary>Applies <paramref name="change"/> to the gzip member of the last record added.</summary>
    public WarcWriter BreakLastMember(Func<byte[], byte[]> change)
    {
        _members[^1] = change(_members[^1]);
        return this;
    }

    public byte[] Gzipped() => _members.SelectMany(m => m).ToArray();

    public byte[] Plain() => Records.SelectMany(r => r).ToArray();

    public static byte[] Gzip(byte[] data)
    {
        var ms = new MemoryStream();
        using (var g = new GZipStream(ms, CompressionLevel.Optimal, leaveOpen: true)) g.Write(data);
        return ms.ToArray();
    }
}
