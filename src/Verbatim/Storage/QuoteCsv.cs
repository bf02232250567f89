using System.Globalization;
using Verbatim.Output;

namespace Verbatim.Storage;

/// <summary>The quotes CSV export (RFC 4180): one row per quote, a header row, CRLF line ends.</summary>
public static class QuoteCsv
{
    public static readonly string[] Header =
        ["quote_id", "article_id", "date", "publisher", "kind", "speaker", "speaker_id", "cue", "uttered", "confidence", "text"];

    public static void Write(TextWriter output, IEnumerable<StoredQuote> quotes)
    {
        WriteRow(output, Header);
        var row = new string?[Header.Length];
        foreach (var q in quotes)
        {
            row[0] = q.QuoteId;
            row[1] = q.ArticleId;
            row[2] = Date(q.Date);
            row[3] = q.Publisher;
            row[4] = ExtractionJson.KindName(q.Kind);
            row[5] = q.SpeakerName;
            row[6] = q.SpeakerId;
            row[7] = q.Cue;
            row[8] = Date(q.Uttered);
            row[9] = Math.Round(q.Confidence, 3).ToString("0.###", CultureInfo.InvariantCulture);
            row[10] = q.Text;
            WriteRow(output, row);
        }
    }

    public static void WriteRow(TextWriter output, IReadOnlyList<string?> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0) output.Write(',');
            output.Write(Escape(fields[i]));
        }
        output.Write("\r\n");
    }

    /// <summary>Quotes a field when it holds a comma, a quote mark, a line break or edge spaces; doubles inner quote marks.</summary>
    public static string Escape(string? field)
    {
        if (string.IsNullOrEmpty(field)) return "";
        var needsQuotes = field.AsSpan().IndexOfAny(",\"\r\n") >= 0 || field[0] == ' ' || field[^1] == ' ';
        return needsQuotes ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
    }

    private static string? Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
