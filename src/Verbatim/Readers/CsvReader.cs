using System.Globalization;
using System.Text;

namespace Verbatim.Readers;

/// <summary>Which CSV header names hold which article field (case-insensitive). Only <see cref="Text"/> is required.</summary>
public sealed record CsvColumns
{
    public string Text { get; init; } = "text";
    public string Id { get; init; } = "id";
    public string Date { get; init; } = "date";
    public string Title { get; init; } = "title";
    public string Url { get; init; } = "url";
    public string Publisher { get; init; } = "publisher";

    public static IReadOnlyList<string> Fields { get; } = ["text", "id", "date", "title", "url", "publisher"];

    /// <summary>A copy with one field's column renamed; false for an unknown field.</summary>
    public bool TryWith(string field, string column, out CsvColumns result)
    {
        result = field.ToLowerInvariant() switch
        {
            "text" => this with { Text = column },
            "id" => this with { Id = column },
            "date" => this with { Date = column },
            "title" => this with { Title = column },
            "url" => this with { Url = column },
            "publisher" => this with { Publisher = column },
            _ => this,
        };
        return Fields.Contains(field.ToLowerInvariant());
    }
}

/// <summary>
/// CSV (RFC 4180) with a header row: a comma between fields, a field in double quotes may hold commas, newlines
/// and doubled quotes; CRLF or LF ends a row. One row = one article. A malformed row (a quote inside an unquoted
/// field, text after a closing quote, a field count unlike the header's, an unterminated quote at the end, invalid
/// UTF-8, a missing date...) is rejected as <c>path:row N</c> (N counts data rows from 1; the reason names the line it
/// starts on) and reading goes on at the next line. Bytes are parsed as they stream in; a row over
/// <see cref="ReaderOptions.MaxArticleBytes"/> is dropped while it is read, so memory stays bounded.
/// Known limit: an opening quote that is never closed swallows the rest of the file into one (rejected) row.
/// </summary>
internal static class CsvReader
{
    public static IEnumerable<ReadResult> Read(Stream stream, string name, string idPrefix, ReaderOptions options)
    {
        var columns = options.CsvColumns ?? new CsvColumns();
        var rows = new CsvRows(stream, options.MaxArticleBytes);
        int[]? map = null; // field index (text, id, date, title, url, publisher) -> column index or -1
        int headerCount = 0;
        int dataRow = 0;
        while (true)
        {
            bool more;
            string? ioError = null;
            try
            {
                more = rows.Next();
            }
            catch (IOException e)
            {
                more = false;
                ioError = e.Message;
            }
            if (ioError is not null)
            {
                yield return ReadResult.Rejected(map is null ? name : Record(name, dataRow + 1), $"cannot read past line {rows.LineNumber}: {ioError}");
                yield break;
            }
            if (!more) yield break;
            if (map is null)
            {
                if (rows.IsBlank) continue;
                if (rows.Error is { } headerError)
                {
                    yield return ReadResult.Rejected(name, $"malformed header row: {headerError}");
                    yield break;
                }
                var names = new string[rows.FieldCount];
                for (int i = 0; i < names.Length; i++)
                    names[i] = Encoding.UTF8.GetString(ArticleBytes.WithoutBom(rows.Field(i))).Trim();
                headerCount = names.Length;
                string[] wanted = [columns.Text, columns.Id, columns.Date, columns.Title, columns.Url, columns.Publisher];
                map = wanted.Select(w => Array.FindIndex(names, n => n.Equals(w, StringComparison.OrdinalIgnoreCase))).ToArray();
                if (map[0] < 0)
                {
                    yield return ReadResult.Rejected(name,
                        $"no '{columns.Text}' column in the header row (columns: {string.Join(", ", names.Select(n => n.Length > 40 ? n[..40] : n))}); name it with --text-column");
                    yield break;
                }
                continue;
            }
            if (rows.IsBlank) continue;
            dataRow++;
            yield return Row(rows, map, headerCount, name, idPrefix, dataRow, options);
        }
    }

    private static string Record(string name, int row) => name + ":row " + row.ToString(CultureInfo.InvariantCulture);

    private static ReadResult Row(CsvRows rows, int[] map, int headerCount, string name, string idPrefix, int row, ReaderOptions options)
    {
        string record = Record(name, row);
        string where = $" (row starts on line {rows.RowLine.ToString(CultureInfo.InvariantCulture)})";
        string Raw() => ArticleBytes.RawPrefix(rows.RawPrefix);
        if (rows.TooLong)
            return ReadResult.Rejected(record, PlainTextReader.TooLarge(rows.RowBytes, options) + where, Raw());
        if (rows.Error is { } error)
            return ReadResult.Rejected(record, $"malformed CSV row: {error}" + where, Raw());
        if (rows.FieldCount != headerCount)
            return ReadResult.Rejected(record, $"malformed CSV row: {rows.FieldCount} fields, the header has {headerCount}" + where, Raw());

        var values = new string?[map.Length];
        for (int f = 0; f < map.Length; f++)
        {
            if (map[f] < 0) continue;
            var bytes = rows.Field(map[f]);
            if (!ArticleBytes.IsText(bytes, out var reason))
                return ReadResult.Rejected(record, reason! + " in column " + CsvColumns.Fields[f] + where, Raw());
            var value = Encoding.UTF8.GetString(bytes);
            values[f] = f == 0 ? value : (string.IsNullOrWhiteSpace(value) ? null : value.Trim());
        }
        string text = values[0]!;
        if (ArticleBytes.IsBlank(text))
            return ReadResult.Rejected(record, "empty text: the row's text has no words" + where, Raw());
        DateOnly? day = options.Date;
        if (values[2] is { } dateText)
        {
            if (!ArticleDates.TryParseLoose(dateText, out var parsed))
                return ReadResult.Rejected(record, $"impossible date '{(dateText.Length > 40 ? dateText[..40] : dateText)}': the date must be a real day (YYYY-MM-DD)" + where, Raw());
            day = parsed;
        }
        if (day is null)
            return ReadResult.Rejected(record, "no date: the row has no date and no --date was given" + where, Raw());
        return ReadResult.Ok(new Article(values[1] ?? idPrefix + "-" + row.ToString(CultureInfo.InvariantCulture), day, text)
        {
            Title = values[3],
            Url = values[4],
            Publisher = values[5],
            Origin = record,
        });
    }
}

/// <summary>An RFC 4180 row splitter over bytes (the delimiters are ASCII, so UTF-8 passes through untouched).</summary>
internal sealed class CsvRows(Stream stream, long maxRowBytes)
{
    private enum State { FieldStart, Unquoted, Quoted, QuoteInQuoted, SkipLine }

    private readonly byte[] _chunk = new byte[64 * 1024];
    private int _chunkPos, _chunkLen;
    private bool _eof;
    private byte[] _row = new byte[4096];
    private int _rowLen;
    private readonly List<(int Start, int End)> _fields = [];
    private int _fieldStart;
    private int _line = 1;

    /// <summary>Physical line on which the next row starts.</summary>
    public int LineNumber => _line;
    public int RowLine { get; private set; }
    public string? Error { get; private set; }
    public bool TooLong { get; private set; }
    public long RowBytes { get; private set; }
    public int FieldCount => _fields.Count;
    public bool IsBlank => Error is null && !TooLong && _fields.Count == 1 && _fields[0].End == _fields[0].Start && !_quotedSeen;
    public ReadOnlySpan<byte> Field(int i) => _row.AsSpan(_fields[i].Start, _fields[i].End - _fields[i].Start);
    public ReadOnlySpan<byte> RawPrefix => _row.AsSpan(0, Math.Min(_rowLen, ArticleBytes.RawPrefixBytes));

    private bool _quotedSeen;

    /// <summary>Reads the next row; false at the end of the input.</summary>
    public bool Next()
    {
        _rowLen = 0;
        _fields.Clear();
        _fieldStart = 0;
        Error = null;
        TooLong = false;
        RowBytes = 0;
        _quotedSeen = false;
        RowLine = _line;
        var state = State.FieldStart;
        bool any = false;
        while (true)
        {
            if (_chunkPos == _chunkLen)
            {
                if (_eof || !Fill())
                {
                    if (!any) return false;
                    // End of input ends the row.
                    if (state == State.Quoted) Fail($"unterminated quoted field: the input ends inside it (opened on line {RowLine} or after)");
                    if (state != State.SkipLine) EndField();
                    return true;
                }
            }
            any = true;
            byte b = _chunk[_chunkPos++];
            RowBytes++;
            if (b == (byte)'\n') _line++;
            switch (state)
            {
                case State.FieldStart:
                    if (b == (byte)'"')
                    {
                        state = State.Quoted;
                        _quotedSeen = true;
                    }
                    else if (b == (byte)',') EndField();
                    else if (b == (byte)'\n')
                    {
                        EndField();
                        return true;
                    }
                    else if (b == (byte)'\r') { /* part of CRLF */ }
                    else
                    {
                        Append(b);
                        state = State.Unquoted;
                    }
                    break;
                case State.Unquoted:
                    if (b == (byte)',')
                    {
                        EndField();
                        state = State.FieldStart;
                    }
                    else if (b == (byte)'\n')
                    {
                        TrimCr();
                        EndField();
                        return true;
                    }
                    else if (b == (byte)'"')
                    {
                        Fail("a quote inside an unquoted field (quote the whole field and double the quote)");
                        state = State.SkipLine;
                    }
                    else Append(b);
                    break;
                case State.Quoted:
                    if (b == (byte)'"') state = State.QuoteInQuoted;
                    else Append(b);
                    break;
                case State.QuoteInQuoted:
                    if (b == (byte)'"')
                    {
                        Append(b);
                        state = State.Quoted;
                    }
                    else if (b == (byte)',')
                    {
                        EndField();
                        state = State.FieldStart;
                    }
                    else if (b == (byte)'\n')
                    {
                        EndField();
                        return true;
                    }
                    else if (b == (byte)'\r') { /* part of CRLF */ }
                    else
                    {
                        Fail("text after the closing quote of a quoted field");
                        state = State.SkipLine;
                    }
                    break;
                case State.SkipLine:
                    Append(b);
                    if (b == (byte)'\n') return true;
                    break;
            }
        }
    }

    private void Fail(string reason) => Error ??= reason;

    private void Append(byte b)
    {
        if (RowBytes > maxRowBytes)
        {
            TooLong = true;
            if (_rowLen >= ArticleBytes.RawPrefixBytes) return;
        }
        if (_rowLen == _row.Length) Array.Resize(ref _row, _row.Length * 2);
        _row[_rowLen++] = b;
    }

    private void TrimCr()
    {
        if (_rowLen > _fieldStart && _row[_rowLen - 1] == (byte)'\r') _rowLen--;
    }

    private void EndField()
    {
        _fields.Add((_fieldStart, _rowLen));
        _fieldStart = _rowLen;
    }

    private bool Fill()
    {
        _chunkPos = 0;
        _chunkLen = stream.Read(_chunk, 0, _chunk.Length);
        if (_chunkLen == 0) _eof = true;
        return _chunkLen > 0;
    }
}
