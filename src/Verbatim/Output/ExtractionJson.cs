using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Verbatim.Output;

/// <summary>Writes and reads the ../shared/SCHEMA.md JSON form of an <see cref="ArticleExtraction"/>.</summary>
public static class ExtractionJson
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    public static string ToJson(ArticleExtraction extraction)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            Write(writer, extraction);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static void Write(Utf8JsonWriter w, ArticleExtraction x)
    {
        var a = x.Article;
        w.WriteStartObject();
        w.WritePropertyName("article");
        w.WriteStartObject();
        w.WriteString("id", a.Id);
        WriteDate(w, "date", a.Date);
        w.WriteString("title", a.Title);
        w.WriteString("url", a.Url);
        w.WriteString("publisher", a.Publisher);
        w.WriteString("origin", a.Origin);
        w.WriteEndObject();

        w.WritePropertyName("quotes");
        w.WriteStartArray();
        foreach (var q in x.Quotes)
            WriteQuote(w, q);
        w.WriteEndArray();

        w.WritePropertyName("speakers");
        w.WriteStartArray();
        foreach (var s in x.Speakers)
        {
            w.WriteStartObject();
            w.WriteString("id", s.Id);
            w.WriteString("name", s.Name);
            w.WriteString("type", TypeName(s.Type));
            w.WriteString("title", s.Title);
            w.WritePropertyName("mentions");
            w.WriteStartArray();
            foreach (var m in s.Mentions)
                WriteSpanText(w, null, m);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static void WriteQuote(Utf8JsonWriter w, Quote q)
    {
        w.WriteStartObject();
        w.WriteString("id", q.Id);
        w.WriteString("kind", KindName(q.Kind));
        w.WritePropertyName("content");
        w.WriteStartArray();
        foreach (var part in q.Content)
        {
            w.WriteStartObject();
            w.WriteNumber("start", part.Start);
            w.WriteNumber("end", part.End);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteString("text", q.Text);
        WriteSpanText(w, "cue", q.Cue);
        if (q.Complementizer is not null) WriteSpanText(w, "complementizer", q.Complementizer);
        WriteSpanText(w, "source", q.Source);
        if (q.Speaker is null)
            w.WriteNull("speaker");
        else
        {
            w.WritePropertyName("speaker");
            w.WriteStartObject();
            w.WriteString("id", q.Speaker.Id);
            w.WriteString("name", q.Speaker.Name);
            w.WriteString("type", TypeName(q.Speaker.Type));
            w.WriteEndObject();
        }
        WriteSpanText(w, "addressee", q.Addressee);
        WriteDate(w, "uttered", q.Uttered);
        w.WriteNumber("confidence", Math.Round(q.Confidence, 3));
        w.WritePropertyName("times");
        w.WriteStartArray();
        foreach (var t in q.Times)
        {
            w.WriteStartObject();
            w.WriteNumber("start", t.Start);
            w.WriteNumber("end", t.End);
            w.WriteString("text", t.Text);
            w.WriteString("value", t.Value);
            w.WriteString("mod", t.Mod);
            WriteDate(w, "due", t.Due);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteSpanText(Utf8JsonWriter w, string? name, SpanText? s)
    {
        if (name is not null)
            w.WritePropertyName(name);
        if (s is null)
        {
            w.WriteNullValue();
            return;
        }
        w.WriteStartObject();
        w.WriteNumber("start", s.Start);
        w.WriteNumber("end", s.End);
        w.WriteString("text", s.Text);
        w.WriteEndObject();
    }

    private static void WriteDate(Utf8JsonWriter w, string name, DateOnly? d)
    {
        if (d is null) w.WriteNull(name);
        else w.WriteString(name, d.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    public static string KindName(QuoteKind k) => k switch
    {
        QuoteKind.Direct => "direct",
        QuoteKind.Indirect => "indirect",
        _ => "mixed",
    };

    public static QuoteKind ParseKind(string s) => s switch
    {
        "direct" => QuoteKind.Direct,
        "indirect" => QuoteKind.Indirect,
        "mixed" => QuoteKind.Mixed,
        _ => throw new FormatException($"unknown quote kind '{s}'"),
    };

    public static string TypeName(SpeakerType t) => t switch
    {
        SpeakerType.Person => "person",
        SpeakerType.Group => "group",
        SpeakerType.Organization => "organization",
        _ => "unknown",
    };

    public static SpeakerType ParseType(string? s) => s switch
    {
        "person" => SpeakerType.Person,
        "group" => SpeakerType.Group,
        "organization" => SpeakerType.Organization,
        _ => SpeakerType.Unknown,
    };
}
