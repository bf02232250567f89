using System.Text;

namespace Verbatim.Readers;

/// <summary>Decoding an HTML page's bytes: BOM, then the transport's charset, then a meta prescan, else UTF-8.</summary>
internal static class HtmlCharset
{
    private const int PrescanBytes = 4096;

    static HtmlCharset() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Decodes the page; bytes invalid in its charset become U+FFFD (a page is read as a browser reads it).</summary>
    /// <param name="hint">The charset named by the transport (the HTTP Content-Type), if any.</param>
    public static string Decode(ReadOnlySpan<byte> bytes, string? hint)
    {
        var encoding = Detect(bytes, hint, out int bom);
        return encoding.GetString(bytes[bom..]);
    }

    public static Encoding Detect(ReadOnlySpan<byte> bytes, string? hint, out int bomLength)
    {
        bomLength = 0;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bomLength = 3;
            return Encoding.UTF8;
        }
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            bomLength = 2;
            return Encoding.Unicode;
        }
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            bomLength = 2;
            return Encoding.BigEndianUnicode;
        }
        return ByName(hint) ?? ByName(Prescan(bytes[..Math.Min(bytes.Length, PrescanBytes)])) ?? Encoding.UTF8;
    }

    /// <summary>An encoding by its label (WHATWG: latin1 and ascii labels mean windows-1252); null when unknown.</summary>
    public static Encoding? ByName(string? label)
    {
        if (string.IsNullOrWhiteSpace(label)) return null;
        label = label.Trim().Trim('"', '\'').ToLowerInvariant();
        if (label is "iso-8859-1" or "iso8859-1" or "latin1" or "l1" or "us-ascii" or "ascii" or "cp1252" or "x-cp1252")
            label = "windows-1252";
        // A page that claims UTF-16 in its meta is in fact ASCII-compatible (WHATWG): read it as UTF-8.
        if (label.StartsWith("utf-16", StringComparison.Ordinal)) return Encoding.UTF8;
        try
        {
            return Encoding.GetEncoding(label);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The value of a <c>charset=</c> inside a <c>&lt;meta</c> tag among the first bytes; null when none.</summary>
    internal static string? Prescan(ReadOnlySpan<byte> head)
    {
        int from = 0;
        while (from < head.Length)
        {
            int at = IndexOfIgnoreCase(head[from..], "charset"u8);
            if (at < 0) return null;
            at += from;
            from = at + 7;
            // Only inside a <meta ...> tag.
            int lt = head[..at].LastIndexOf((byte)'<');
            int gt = head[..at].LastIndexOf((byte)'>');
            if (lt < 0 || gt > lt || !StartsWithIgnoreCase(head[(lt + 1)..], "meta"u8)) continue;
            int i = at + 7;
            while (i < head.Length && head[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') i++;
            if (i >= head.Length || head[i] != (byte)'=') continue;
            i++;
            while (i < head.Length && head[i] is (byte)' ' or (byte)'\t' or (byte)'"' or (byte)'\'') i++;
            int start = i;
            while (i < head.Length && (char.IsAsciiLetterOrDigit((char)head[i]) || head[i] is (byte)'-' or (byte)'_' or (byte)':' or (byte)'.')) i++;
            if (i > start) return Encoding.ASCII.GetString(head[start..i]);
        }
        return null;
    }

    private static int IndexOfIgnoreCase(ReadOnlySpan<byte> hay, ReadOnlySpan<byte> lowerNeedle)
    {
        for (int i = 0; i + lowerNeedle.Length <= hay.Length; i++)
        {
            int j = i;
            // Cheap first-byte filter, then compare.
            if ((hay[j] | 0x20) != lowerNeedle[0]) continue;
            if (StartsWithIgnoreCase(hay[i..], lowerNeedle)) return i;
        }
        return -1;
    }

    private static bool StartsWithIgnoreCase(ReadOnlySpan<byte> hay, ReadOnlySpan<byte> lowerNeedle)
    {
        if (hay.Length < lowerNeedle.Length) return false;
        for (int k = 0; k < lowerNeedle.Length; k++)
            if ((hay[k] | 0x20) != lowerNeedle[k]) return false;
        return true;
    }
}

/// <summary>
/// Caps how deeply a page's elements nest before the HTML parser and the main-text extractor see it: their work grows
/// with depth times size, so hostile nesting (100,000 &lt;div&gt;s) would take hours. One linear pass over the markup
/// tracks open elements (void elements, self-closing tags, comments and raw-text elements such as scripts do not
/// count; a new &lt;p&gt;, &lt;li&gt;, &lt;td&gt;... closes an open one of its kind); start tags beyond the cap and their end tags
/// become a space, so the text is kept and only the deepest structure goes. A page within the cap is returned as is.
/// </summary>
internal static class HtmlDepthLimiter
{
    public const int DefaultMaxDepth = 64;

    private static readonly HashSet<string> Void = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "param", "keygen", "frame", "basefont", "bgsound",
    };

    private static readonly HashSet<string> RawText = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext",
    };

    private static readonly HashSet<string> SelfClosingSiblings = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "li", "dt", "dd", "option", "tr", "td", "th",
    };

    public static string Limit(string html, int maxDepth = DefaultMaxDepth)
    {
        var stack = new List<string>(maxDepth);
        int suppressed = 0;
        StringBuilder? output = null;
        int copied = 0;
        int i = 0;
        int n = html.Length;
        while (i < n)
        {
            int lt = html.IndexOf('<', i);
            if (lt < 0 || lt + 1 >= n) break;
            char c = html[lt + 1];
            if (c == '!' || c == '?')
            {
                int end = html.AsSpan(lt).StartsWith("<!--", StringComparison.Ordinal)
                    ? IndexAfter(html, "-->", lt + 4)
                    : IndexAfter(html, ">", lt + 2);
                i = end;
                continue;
            }
            bool close = c == '/';
            int nameStart = lt + (close ? 2 : 1);
            if (nameStart >= n || !char.IsAsciiLetter(html[nameStart]))
            {
                i = lt + 1;
                continue;
            }
            int nameEnd = nameStart;
            while (nameEnd < n && (char.IsAsciiLetterOrDigit(html[nameEnd]) || html[nameEnd] is '-' or ':' or '_')) nameEnd++;
            int tagEnd = TagEnd(html, nameEnd);
            string name = html.Substring(nameStart, nameEnd - nameStart).ToLowerInvariant();
            bool drop = false;
            if (!close)
            {
                bool selfClosing = tagEnd - 2 > lt && html[tagEnd - 2] == '/';
                if (RawText.Contains(name))
                {
                    // Skip the element's content whole: it holds no markup.
                    int closeAt = IndexOfIgnoreCase(html, "</" + name, tagEnd);
                    i = closeAt < 0 ? n : closeAt;
                    if (closeAt >= 0) i = TagEnd(html, closeAt + 2 + name.Length);
                    continue;
                }
                if (!Void.Contains(name) && !selfClosing)
                {
                    if (SelfClosingSiblings.Contains(name) && stack.Count > 0 && stack[^1] == name) stack.RemoveAt(stack.Count - 1);
                    if (stack.Count >= maxDepth)
                    {
                        suppressed++;
                        drop = true;
                    }
                    else
                        stack.Add(name);
                }
            }
            else if (suppressed > 0)
            {
                suppressed--;
                drop = true;
            }
            else
            {
                int at = stack.LastIndexOf(name);
                if (at >= 0) stack.RemoveRange(at, stack.Count - at);
            }
            if (drop)
            {
                output ??= new StringBuilder(html.Length);
                output.Append(html, copied, lt - copied).Append(' ');
                copied = tagEnd;
            }
            i = tagEnd;
        }
        if (output is null) return html;
        output.Append(html, copied, n - copied);
        return output.ToString();
    }

    /// <summary>Index after the '&gt;' that ends a tag, or the end of the text. As the HTML tokenizer does, a quote
    /// opens a value only right after '=' (so <c>class=a"b</c> holds no quoted value), and a quoted value may hold '&gt;'.</summary>
    private static int TagEnd(string html, int from)
    {
        int k = from;
        int n = html.Length;
        while (k < n)
        {
            char ch = html[k];
            if (ch == '>') return k + 1;
            if (ch != '=')
            {
                k++;
                continue;
            }
            k++;
            while (k < n && html[k] is ' ' or '\t' or '\n' or '\r' or '\f') k++;
            if (k < n && html[k] is '"' or '\'')
            {
                int close = html.IndexOf(html[k], k + 1);
                if (close < 0) return n;
                k = close + 1;
            }
        }
        return n;
    }

    private static int IndexAfter(string html, string end, int from)
    {
        if (from >= html.Length) return html.Length;
        int at = html.IndexOf(end, from, StringComparison.Ordinal);
        return at < 0 ? html.Length : at + end.Length;
    }

    private static int IndexOfIgnoreCase(string html, string needle, int from) =>
        from >= html.Length ? -1 : html.IndexOf(needle, from, StringComparison.OrdinalIgnoreCase);
}
