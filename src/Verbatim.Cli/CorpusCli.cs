using System.Text.Json;
using Verbatim.Corpus;
using Verbatim.Storage;

namespace Verbatim.Cli;

/// <summary>What the corpus commands (verify, clusters, speaker corrections) share.</summary>
internal static class CorpusCli
{
    /// <summary>Opens an existing store (a SQLite file or a PostgreSQL URL) with its corpus view; a missing file is a clear error.</summary>
    public static ICorpusStore Open(string? storeOption)
    {
        var store = QuoteStores.Open(CliOptions.ResolveStore(storeOption), create: false);
        if (store is ICorpusStore corpus) return corpus;
        store.Dispose();
        throw new UsageException($"the store {QuoteStores.Describe(store.Location)} has no corpus view");
    }

    /// <summary>Runs a corpus command body: a correction that cannot apply or a bad alias file is a usage error (exit 2).</summary>
    public static int Run(string command, Func<int> body) => StoreCli.Run(command, () =>
    {
        try
        {
            return body();
        }
        catch (SpeakerCorrectionException e)
        {
            throw new UsageException(e.Message);
        }
        catch (FormatException e)
        {
            throw new UsageException(e.Message);
        }
        catch (JsonException e)
        {
            throw new UsageException($"not valid JSON: {e.Message}");
        }
    });

    public static void WriteVerify(Utf8JsonWriter w, VerifyResult r)
    {
        w.WriteStartObject();
        w.WriteString("verdict", VerifyResult.Name(r.Verdict));
        w.WritePropertyName("matches");
        w.WriteStartArray();
        foreach (var m in r.Matches)
        {
            w.WriteStartObject();
            w.WriteString("text", m.Text);
            w.WriteString("speaker", m.Speaker);
            w.WriteString("speaker_id", m.SpeakerId);
            StoreCli.WriteDate(w, "first_seen", m.FirstSeen);
            w.WriteString("article", m.Article);
            w.WriteString("publisher", m.Publisher);
            w.WriteString("url", m.Url);
            w.WriteNumber("similarity", m.Similarity);
            w.WriteBoolean("contains_claim", m.Contains);
            w.WriteNumber("cluster", m.Cluster);
            w.WriteNumber("articles", m.Articles);
            w.WriteNumber("publishers", m.Publishers);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        if (r.Diff is not null) w.WriteString("diff", r.Diff);
        if (r.FullText is not null) w.WriteString("full_text", r.FullText);
        if (r.SaidBy is not null) w.WriteString("said_by", r.SaidBy);
        w.WriteEndObject();
    }

    public static void WriteCluster(Utf8JsonWriter w, QuoteCluster c)
    {
        w.WriteStartObject();
        w.WriteNumber("id", c.Id);
        w.WriteString("text", c.Text);
        StoreCli.WriteDate(w, "first_seen", c.FirstSeen);
        w.WriteString("first_article", c.FirstArticle);
        w.WriteString("first_publisher", c.FirstPublisher);
        w.WriteString("speaker_id", c.SpeakerId);
        w.WriteString("speaker", c.SpeakerName);
        w.WriteNumber("quotes", c.Quotes);
        w.WriteNumber("articles", c.Articles);
        w.WriteNumber("publishers", c.Publishers);
        w.WritePropertyName("variants");
        w.WriteStartArray();
        foreach (var v in c.Variants)
        {
            w.WriteStartObject();
            w.WriteString("text", v.Text);
            w.WriteNumber("quotes", v.Quotes);
            w.WriteBoolean("fragment", v.Fragment);
            StoreCli.WriteDate(w, "first_seen", v.FirstSeen);
            w.WriteString("first_article", v.FirstArticle);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
