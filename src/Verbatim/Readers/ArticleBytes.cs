using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace Verbatim.Readers;

/// <summary>Byte-level checks shared by every reader: binary content, strict UTF-8, bounded reads, raw prefixes.</summary>
internal static class ArticleBytes
{
    /// <summary>How much of a rejected record is kept for the rejects file.</summary>
    public const int RawPrefixBytes = 1024;

    private static ReadOnlySpan<byte> Bom => [0xEF, 0xBB, 0xBF];

    public static ReadOnlySpan<byte> WithoutBom(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith(Bom) ? bytes[Bom.Length..] : bytes;

    /// <summary>A readable (lossy) prefix of raw bytes; invalid sequences become U+FFFD.</summary>
    public static string RawPrefix(ReadOnlySpan<byte> bytes) =>
        Encoding.UTF8.GetString(bytes[..Math.Min(bytes.Length, RawPrefixBytes)]);

    /// <summary>
    /// Decodes strict UTF-8 (BOM removed). Returns null and a reason for NUL bytes (binary content)
    /// or invalid UTF-8, naming the byte offset so the user can find it.
    /// </summary>
    public static string? TryDecode(ReadOnlySpan<byte> bytes, out string? reason) =>
        IsText(bytes, out reason) ? Encoding.UTF8.GetString(WithoutBom(bytes)) : null;

    /// <summary>True for strict UTF-8 without NUL bytes; else false and the reason.</summary>
    public static bool IsText(ReadOnlySpan<byte> bytes, out string? reason)
    {
        int nul = bytes.IndexOf((byte)0);
        if (nul >= 0)
        {
            reason = $"binary content: NUL byte at byte offset {nul}";
            return false;
        }
        // IsValid is vectorised; the slow offset search only runs on the failure path.
        if (!Utf8.IsValid(bytes))
        {
            reason = $"invalid UTF-8 at byte offset {FindInvalidUtf8(bytes)}";
            return false;
        }
        reason = null;
        return true;
    }

    private static int FindInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        Span<char> scratch = stackalloc char[1024];
        int position = 0;
        while (position < bytes.Length)
        {
            var status = Utf8.ToUtf16(bytes[position..], scratch, out int read, out _, replaceInvalidSequences: false);
            if (status == OperationStatus.InvalidData) return position + read;
            position += read;
            if (status == OperationStatus.Done) break;
        }
        return -1;
    }

    public static bool IsBlank(ReadOnlySpan<char> text) => text.IsWhiteSpace();

    public static bool IsBlank(ReadOnlySpan<byte> line)
    {
        foreach (byte b in line)
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
                return false;
        return true;
    }

    /// <summary>
    /// Reads a whole stream, but never more than <paramref name="limit"/> + 1 bytes: returns false
    /// (with the first bytes kept for the raw prefix) as soon as the stream proves larger.
    /// </summary>
    public static bool TryReadBounded(Stream stream, long limit, out byte[] buffer, out int length)
    {
        int capacity = (int)Math.Min(limit + 1, 64 * 1024);
        if (stream.CanSeek)
        {
            long remaining = stream.Length - stream.Position;
            if (remaining > limit)
            {
                buffer = new byte[RawPrefixBytes];
                length = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
                return false;
            }
            // +1 so a file that grew since we asked its length still shows up as too large.
            capacity = (int)remaining + 1;
        }
        buffer = new byte[Math.Max(capacity, 1)];
        length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (length > limit) return false;
                long grown = Math.Min((long)buffer.Length * 2, limit + 1);
                Array.Resize(ref buffer, (int)grown);
            }
            int n = stream.Read(buffer, length, buffer.Length - length);
            if (n == 0) return length <= limit;
            length += n;
            if (length > limit) return false;
        }
    }

    public static string FormatBytes(long bytes) => bytes switch
    {
        >= 1024 * 1024 => (bytes / (1024.0 * 1024)).ToString("0.#", CultureInfo.InvariantCulture) + " MiB",
        >= 1024 => (bytes / 1024.0).ToString("0.#", CultureInfo.InvariantCulture) + " KiB",
        _ => bytes.ToString(CultureInfo.InvariantCulture) + " bytes",
    };
}
