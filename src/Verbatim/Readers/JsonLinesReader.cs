using System.Globalization;
using System.Text.Json;

namespace Verbatim.Readers;

/// <summary>
/// JSON Lines: one object per line with id, date, title, url, publisher, text. Every bad line is
/// rejected on its own (record <c>name:LINE</c>) and reading goes on with the next.
/// </summary>
internal static class JsonLinesReader
{
    /// <param name="name">Names the source in records and origins (a path, or "stdin").</param>
    /// <param name="idPrefix">Default id stem for records without one: <c>{idPrefix}-{line}</c>.</param>
    public static IEnumerable<ReadResult> Read(Stream stream, string name, string idPrefix, ReaderOptions options)
    {
        var lines = new BoundedLineReader(stream, options.MaxArticleBytes);
        while (true)
        {
            bool more;
            string? ioError = null;
            try
            {
                more = lines.Next();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                more = false;
                ioError = e.Message;
            }
            if (ioError is not null)
            {
                yield return ReadResult.Rejected(name, $"cannot read past line {lines.LineNumber}: {ioError}");
                yield break;
            }
            if (!more) yield break;

            var result = ParseLine(lines, name, idPrefix, options);
            if (result is { } r) yield return r;
        }
    }

    /// <summary>Null for a blank line (skipped, so a trailing newline or a gap is not an error).</summary>
    private static ReadResult? ParseLine(BoundedLineReader lines, string name, string idPrefix, ReaderOptions options)
    {
        int number = lines.LineNumber;
        string record = name + ":" + number.ToString(CultureInfo.InvariantCulture);
        var line = lines.Line;
        if (number == 1) line = ArticleBytes.WithoutBom(line);
        if (lines.TooLong)
            return ReadResult.Rejected(record, PlainTextReader.TooLarge(lines.LineBytes, options), ArticleBytes.RawPrefix(line));
        if (ArticleBytes.IsBlank(line))
            return null;
        return Parse(line, record, idPrefix + "-" + number.ToString(CultureInfo.InvariantCulture), options);
    }

    /// <summary>Parses one record; <paramref name="record"/> is both its rejection name and its Origin.</summary>
    public static ReadResult Parse(ReadOnlySpan<byte> line, string record, string defaultId, ReaderOptions options)
    {
        // Check the bytes first so the reason says "invalid UTF-8" rather than a JSON parser message.
        if (!ArticleBytes.IsText(line, out string? byteReason))
            return ReadResult.Rejected(record, byteReason!, ArticleBytes.RawPrefix(line));

        string? id = null, date = null, title = null, url = null, publisher = null, text = null;
        try
        {
            var reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = 64 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                return ReadResult.Rejected(record, $"not a JSON object: the line starts with {Describe(reader.TokenType)}", ArticleBytes.RawPrefix(line));
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                ref string? target = ref id;
                string field;
                if (reader.ValueTextEquals("id"u8)) field = "id";
                else if (reader.ValueTextEquals("date"u8)) { field = "date"; target = ref date; }
                else if (reader.ValueTextEquals("title"u8)) { field = "title"; target = ref title; }
                else if (reader.ValueTextEquals("url"u8)) { field = "url"; target = ref url; }
                else if (reader.ValueTextEquals("publisher"u8)) { field = "publisher"; target = ref publisher; }
                else if (reader.ValueTextEquals("text"u8)) { field = "text"; target = ref text; }
                else
                {
                    // Unknown fields are allowed (the schema may grow); skip their value whole.
                    reader.Read();
                    reader.Skip();
                    continue;
                }
                reader.Read();
                if (reader.TokenType == JsonTokenType.String)
                    target = reader.GetString();
                else if (reader.TokenType == JsonTokenType.Null)
                    target = null;
                else
                    return ReadResult.Rejected(record, $"wrong type: field \"{field}\" must be a string, not {Describe(reader.TokenType)}", ArticleBytes.RawPrefix(line));
            }
            // Anything after the object (a second value, garbage) makes Read() throw.
            while (reader.Read()) { }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return ReadResult.Rejected(record, $"malformed JSON: {e.Message}", ArticleBytes.RawPrefix(line));
        }

        if (text is null)
            return ReadResult.Rejected(record, "missing field: the record has no \"text\"", ArticleBytes.RawPrefix(line));
        if (ArticleBytes.IsBlank(text))
            return ReadResult.Rejected(record, "empty text: the record's \"text\" has no words", ArticleBytes.RawPrefix(line));

        DateOnly? day = options.Date;
        if (date is not null)
        {
            if (!ArticleDates.TryParseRecordDate(date, out var parsed))
                return ReadResult.Rejected(record, $"impossible date '{date}': \"date\" must be a real YYYY-MM-DD day", ArticleBytes.RawPrefix(line));
            day = parsed;
        }
        if (day is null)
            return ReadResult.Rejected(record, "no date: the record has no \"date\" and no --date was given", ArticleBytes.RawPrefix(line));

        return ReadResult.Ok(new Article(string.IsNullOrWhiteSpace(id) ? defaultId : id, day, text)
        {
            Title = title,
            Url = url,
            Publisher = publisher,
            Origin = record,
        });
    }

    private static string Describe(JsonTokenType t) => t switch
    {
        JsonTokenType.StartArray => "an array",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.String => "a string",
        JsonTokenType.Null => "null",
        _ => "nothing",
    };
}
