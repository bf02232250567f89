using System.Text;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Verbatim.Readers;

/// <summary>What the container knows of a page besides its bytes (a WARC record's URL, date and host).</summary>
internal sealed record HtmlContext(string Id, string Origin)
{
    /// <summary>The charset the transport named (HTTP Content-Type).</summary>
    public string? Charset { get; init; }
    public string? Url { get; init; }
    /// <summary>The date to use when the page names none (a WARC record's WARC-Date).</summary>
    public DateOnly? FallbackDate { get; init; }
    /// <summary>The publisher to use when the page names none (a URL's host).</summary>
    public string? FallbackPublisher { get; init; }
}

/// <summary>What a page's markup says about the article, before the main text is extracted.</summary>
internal sealed record HtmlMetadata(string? Title, string? Date, string? Publisher, string? Url);

/// <summary>
/// One HTML page = one article: the main text by SmartReader (a port of Mozilla's Readability), which becomes the
/// article's text (every offset points into it); title, date and publisher from the page's metadata (Open Graph and
/// article: properties, JSON-LD, itemprop, named meta tags, &lt;time&gt;), else from the container (WARC-Date, host).
/// </summary>
internal static class HtmlReader
{
    /// <summary>Pages with more elements than this (after the depth cap) are rejected: extraction cost grows with them.</summary>
    public const int MaxElements = 60_000;

    private const int MaxJsonLdBytes = 256 * 1024;

    /// <summary>Elements deeper than this are folded into their ancestor's text: the extractor's work grows with depth.</summary>
    public const int MaxDomDepth = 40;

    private static readonly HashSet<string> Inline = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "abbr", "b", "bdi", "bdo", "cite", "code", "em", "font", "i", "kbd", "mark", "q", "s", "small", "span", "strong", "sub", "sup", "time", "u",
    };

    /// <summary>
    /// The parser may still nest deeper than the markup cap allowed (it reopens unclosed formatting elements in every
    /// block): every element at <paramref name="maxDepth"/> keeps its text but loses the elements under it. One
    /// iterative pass; each node is visited once.
    /// </summary>
    internal static void FlattenDeep(IElement root, int maxDepth)
    {
        var stack = new Stack<(IElement Element, int Depth)>();
        stack.Push((root, 1));
        while (stack.Count > 0)
        {
            var (element, depth) = stack.Pop();
            if (depth >= maxDepth)
            {
                if (element.ChildElementCount > 0) element.TextContent = FlatText(element);
                continue;
            }
            foreach (var child in element.Children) stack.Push((child, depth + 1));
        }
    }

    /// <summary>The text under an element, a space (or a new line for blocks) where its elements began and ended.</summary>
    private static string FlatText(IElement element)
    {
        var sb = new StringBuilder();
        var stack = new Stack<INode>();
        for (int i = element.ChildNodes.Length - 1; i >= 0; i--) stack.Push(element.ChildNodes[i]);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (node is IText text)
            {
                sb.Append(text.Data);
                continue;
            }
            if (node is not IElement e) continue;
            if (e.LocalName is "script" or "style") continue;
            bool block = !Inline.Contains(e.LocalName);
            if (block && sb.Length > 0 && sb[^1] != '\n') sb.Append('\n');
            for (int i = e.ChildNodes.Length - 1; i >= 0; i--) stack.Push(e.ChildNodes[i]);
        }
        return sb.ToString();
    }

    public static ReadResult Read(ReadOnlySpan<byte> bytes, HtmlContext context, ReaderOptions options)
    {
        if (bytes.Length > options.MaxArticleBytes)
            return ReadResult.Rejected(context.Origin, PlainTextReader.TooLarge(bytes.Length, options), ArticleBytes.RawPrefix(bytes));
        // NUL bytes belong in UTF-16 only: elsewhere they mark a binary file served as a page.
        if (bytes.IndexOf((byte)0) is int nul and >= 0 && HtmlCharset.Detect(bytes, context.Charset, out _) is not UnicodeEncoding)
            return ReadResult.Rejected(context.Origin, $"binary content: NUL byte at byte offset {nul}", ArticleBytes.RawPrefix(bytes));
        string html = HtmlCharset.Decode(bytes, context.Charset);
        return FromString(html, context, options, bytes);
    }

    public static ReadResult FromString(string html, HtmlContext context, ReaderOptions options, ReadOnlySpan<byte> raw = default)
    {
        string rawPrefix = raw.IsEmpty ? html[..Math.Min(html.Length, ArticleBytes.RawPrefixBytes)] : ArticleBytes.RawPrefix(raw);
        string Raw() => rawPrefix;

        html = HtmlDepthLimiter.Limit(html);
        IHtmlDocument document;
        try
        {
            document = new HtmlParser().ParseDocument(html);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return ReadResult.Rejected(context.Origin, $"unreadable HTML: {e.Message}", Raw());
        }
        using (document)
        {
            int elements = document.All.Length;
            if (elements > MaxElements)
                return ReadResult.Rejected(context.Origin, $"too many HTML elements: {elements}, over the limit of {MaxElements} per page", Raw());

            if (document.DocumentElement is { } root) FlattenDeep(root, MaxDomDepth);
            var meta = ReadMetadata(document);
            var url = context.Url ?? meta.Url;
            string? text, readerTitle = null, readerSite = null;
            DateTime? readerDate = null;
            try
            {
                using var reader = new SmartReader.Reader(AbsoluteUrl(url), document)
                {
                    ContinueIfNotReadable = true,
                    MaxElemsToParse = MaxElements,
                };
                var article = reader.GetArticle();
                text = article.TextContent;
                readerTitle = article.Title;
                readerSite = article.SiteName;
                readerDate = article.PublicationDate;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                return ReadResult.Rejected(context.Origin, $"no main text: the extractor failed: {e.Message}", Raw());
            }

            text = Tidy(text);
            if (text.Length == 0)
                return ReadResult.Rejected(context.Origin, "no main text: the page has no article text", Raw());

            DateOnly? date = null;
            if (meta.Date is { } d && ArticleDates.TryParseLoose(d, out var parsed)) date = parsed;
            else if (readerDate is { } rd && rd.Year > 1) date = DateOnly.FromDateTime(rd);
            date ??= context.FallbackDate ?? options.Date;
            if (date is null)
                return ReadResult.Rejected(context.Origin, "no date: the page names no publication date and no --date was given", Raw());

            return ReadResult.Ok(new Article(context.Id, date, text)
            {
                Title = Clean(meta.Title) ?? Clean(readerTitle),
                Url = url,
                Publisher = Clean(meta.Publisher) ?? Clean(readerSite) ?? context.FallbackPublisher ?? HostOf(url),
                Origin = context.Origin,
            });
        }
    }

    /// <summary>Paragraphs separated by one blank line, no trailing spaces, no leading or trailing blank lines.</summary>
    internal static string Tidy(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var sb = new StringBuilder(text.Length);
        int blank = 0;
        foreach (var rawLine in text.AsSpan().EnumerateLines())
        {
            var line = rawLine.Trim();
            if (line.IsEmpty)
            {
                blank++;
                continue;
            }
            if (sb.Length > 0) sb.Append(blank > 0 ? "\n\n" : "\n");
            blank = 0;
            foreach (char c in line) sb.Append(c == '\u00A0' ? ' ' : c);
        }
        return sb.ToString();
    }

    internal static HtmlMetadata ReadMetadata(IHtmlDocument document)
    {
        // Every meta tag once (first value of each key wins): a hostile page may hold many.
        var metas = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var m in document.QuerySelectorAll("meta"))
        {
            var k = m.GetAttribute("property") ?? m.GetAttribute("name") ?? m.GetAttribute("itemprop");
            if (k is not null && Clean(m.GetAttribute("content")) is { } v) metas.TryAdd(k.Trim(), v);
        }
        string? Meta(params string[] keys)
        {
            foreach (var key in keys)
                if (metas.TryGetValue(key, out var v)) return v;
            return null;
        }

        var ld = JsonLd(document);
        string? date = Meta("article:published_time", "og:published_time", "og:article:published_time")
            ?? ld.Date
            ?? Meta("datePublished")
            ?? ItemPropDate(document)
            ?? Meta("pubdate", "publishdate", "publish-date", "publish_date", "date", "dc.date", "dc.date.issued", "dcterms.date",
                "dcterms.created", "dcterms.issued", "sailthru.date", "parsely-pub-date", "article.published", "article_date_original",
                "og:pubdate", "citation_publication_date", "cxenseparse:recs:publishtime")
            ?? TimeElement(document);
        string? title = Meta("og:title") ?? ld.Headline ?? Meta("twitter:title") ?? Clean(document.Title);
        string? publisher = Meta("og:site_name") ?? ld.Publisher ?? Meta("application-name", "publisher", "dc.publisher");
        string? url = document.QuerySelector("link[rel=canonical]")?.GetAttribute("href") is { } canonical && IsAbsoluteHttp(canonical)
            ? canonical
            : Meta("og:url") is { } og && IsAbsoluteHttp(og) ? og : null;
        return new HtmlMetadata(title, date, publisher, url);
    }

    private static string? ItemPropDate(IHtmlDocument document)
    {
        foreach (var e in document.QuerySelectorAll("[itemprop=datePublished]"))
            if (Clean(e.GetAttribute("datetime") ?? e.GetAttribute("content") ?? e.TextContent) is { } v) return v;
        return null;
    }

    private static string? TimeElement(IHtmlDocument document)
    {
        IElement? first = null;
        foreach (var t in document.QuerySelectorAll("time[datetime]"))
        {
            if (t.HasAttribute("pubdate")) return Clean(t.GetAttribute("datetime"));
            first ??= t;
        }
        return Clean(first?.GetAttribute("datetime"));
    }

    private readonly record struct LinkedData(string? Date, string? Headline, string? Publisher);

    /// <summary>datePublished, headline and publisher.name from the page's JSON-LD blocks (objects, arrays, @graph).</summary>
    private static LinkedData JsonLd(IHtmlDocument document)
    {
        string? date = null, headline = null, publisher = null;
        foreach (var script in document.QuerySelectorAll("script"))
        {
            if (!string.Equals(script.GetAttribute("type")?.Trim(), "application/ld+json", StringComparison.OrdinalIgnoreCase)) continue;
            var json = script.TextContent;
            if (json.Length > MaxJsonLdBytes) continue;
            try
            {
                using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 32, AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
                Visit(doc.RootElement, 0);
            }
            catch (JsonException)
            {
                // A broken JSON-LD block says nothing; the other sources still apply.
            }
            if (date is not null && headline is not null && publisher is not null) break;
        }
        return new LinkedData(date, headline, publisher);

        void Visit(JsonElement e, int depth)
        {
            if (depth > 8) return;
            if (e.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in e.EnumerateArray()) Visit(item, depth + 1);
                return;
            }
            if (e.ValueKind != JsonValueKind.Object) return;
            if (e.TryGetProperty("datePublished", out var dp) && dp.ValueKind == JsonValueKind.String) date ??= Clean(dp.GetString());
            if (e.TryGetProperty("headline", out var h) && h.ValueKind == JsonValueKind.String) headline ??= Clean(h.GetString());
            if (e.TryGetProperty("publisher", out var p))
            {
                if (p.ValueKind == JsonValueKind.Object && p.TryGetProperty("name", out var pn) && pn.ValueKind == JsonValueKind.String) publisher ??= Clean(pn.GetString());
                else if (p.ValueKind == JsonValueKind.String) publisher ??= Clean(p.GetString());
            }
            if (e.TryGetProperty("@graph", out var g)) Visit(g, depth + 1);
        }
    }

    private static string? Clean(string? s)
    {
        if (string.IsNullOrWhiteSpace(s)) return null;
        s = string.Join(' ', s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return s.Length > 1000 ? s[..1000] : s;
    }

    private static bool IsAbsoluteHttp(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps);

    private static string AbsoluteUrl(string? url) => url is not null && IsAbsoluteHttp(url) ? url : "https://localhost/";

    /// <summary>The host of an http(s) URL without a leading "www."; null for anything else.</summary>
    internal static string? HostOf(string? url)
    {
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var u) || u.Host.Length == 0) return null;
        if (u.Scheme != Uri.UriSchemeHttp && u.Scheme != Uri.UriSchemeHttps) return null;
        return u.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? u.Host[4..] : u.Host;
    }
}
