using System.Text;
using Verbatim.Storage;

namespace Verbatim.Tests.Storage;

public sealed class CsvTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("", "")]
    [InlineData(null, "")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"no\"", "\"say \"\"no\"\"\"")]
    [InlineData("line\nbreak", "\"line\nbreak\"")]
    [InlineData("cr\rlf", "\"cr\rlf\"")]
    [InlineData(" padded", "\" padded\"")]
    [InlineData("it's", "it's")]
    public void Fields_are_quoted_only_when_needed(string? field, string expected) =>
        Assert.Equal(expected, QuoteCsv.Escape(field));

    [Fact]
    public void A_row_parses_back_to_its_fields()
    {
        string?[] fields = ["a", "b,c", "\"q\"", "x\r\ny", "", " z "];
        var w = new StringWriter();
        QuoteCsv.WriteRow(w, fields);
        Assert.Equal([["a", "b,c", "\"q\"", "x\r\ny", "", " z "]], Parse(w.ToString()));
    }

    /// <summary>A strict RFC 4180 reader, independent of the writer, to check what it wrote.</summary>
    internal static List<string[]> Parse(string csv)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (i < csv.Length)
        {
            if (csv[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= csv.Length) throw new FormatException("unterminated quoted field");
                    if (csv[i] == '"')
                    {
                        if (i + 1 < csv.Length && csv[i + 1] == '"') { field.Append('"'); i += 2; continue; }
                        i++;
                        break;
                    }
                    field.Append(csv[i++]);
                }
                if (i < csv.Length && csv[i] != ',' && csv[i] != '\r') throw new FormatException($"text after a closing quote at {i}");
            }
            else
            {
                while (i < csv.Length && csv[i] != ',' && csv[i] != '\r')
                {
                    if (csv[i] is '"' or '\n') throw new FormatException($"unquoted special character at {i}");
                    field.Append(csv[i++]);
                }
            }
            row.Add(field.ToString());
            field.Clear();
            if (i >= csv.Length) throw new FormatException("the last row has no line end");
            if (csv[i] == ',') { i++; continue; }
            if (i + 1 >= csv.Length || csv[i + 1] != '\n') throw new FormatException($"bare CR at {i}");
            i += 2;
            rows.Add(row.ToArray());
            row.Clear();
        }
        return rows;
    }
}
