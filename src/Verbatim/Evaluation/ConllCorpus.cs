using System.Text;
using Verbatim.Learning;

namespace Verbatim.Evaluation;

/// <summary>A labelled entity as a token range [FirstToken, EndToken) of its document and its type name as the corpus spells it.</summary>
public readonly record struct LabelledChunk(int FirstToken, int EndToken, string Type);

/// <summary>A document of a CoNLL-style NER corpus: its tokens (as an <see cref="EntityDocument"/> with BILOU gold over
/// the four CoNLL types) and its gold chunks exactly as conlleval reads the tags.</summary>
public sealed record ConllDocument(EntityDocument Document, IReadOnlyList<LabelledChunk> Gold);

/// <summary>
/// Reads CoNLL-style NER files: one token per line with its tag in the last column (CoNLL-2003 "token POS chunk TAG",
/// WikiANN "en:token TAB tag", CrossNER "token TAB tag"), a blank line between sentences, <c>-DOCSTART-</c> between
/// documents. Tags in IOB1, IOB2 or IOBES. Files without <c>-DOCSTART-</c> give one document per sentence.
/// Malformed lines are skipped and named in the warnings with their line number.
/// </summary>
public static class ConllCorpus
{
    /// <summary>Loads <paramref name="path"/>; <paramref name="typeMap"/> maps the corpus's type names to the four
    /// entity types (null leaves a type out of the BILOU gold, but its chunks stay in <see cref="ConllDocument.Gold"/>).</summary>
    public static IReadOnlyList<ConllDocument> Load(string path, Func<string, EntityType?>? typeMap = null, ICollection<string>? warnings = null)
    {
        using var reader = new StreamReader(path, new UTF8Encoding(false, false));
        return Read(reader, path, typeMap ?? ConllTypes, warnings);
    }

    /// <summary>The CoNLL-2003 types (PER, ORG, LOC, MISC).</summary>
    public static EntityType? ConllTypes(string type) => type switch
    {
        "PER" => EntityType.Per,
        "ORG" => EntityType.Org,
        "LOC" => EntityType.Loc,
        "MISC" => EntityType.Misc,
        _ => null,
    };

    public static IReadOnlyList<ConllDocument> Read(TextReader reader, string name, Func<string, EntityType?> typeMap, ICollection<string>? warnings = null)
    {
        var docs = new List<ConllDocument>();
        var sentences = new List<IReadOnlyList<string>>();
        var tags = new List<string>();
        var words = new List<string>();
        bool sawDocStart = false;
        int lineNo = 0;

        void EndSentence()
        {
            if (words.Count == 0) return;
            sentences.Add(words.ToArray());
            words.Clear();
            if (!sawDocStart) EndDocument();
        }
        void EndDocument()
        {
            if (words.Count > 0) { sentences.Add(words.ToArray()); words.Clear(); }
            if (sentences.Count == 0) { tags.Clear(); return; }
            var chunks = Chunks(tags);
            var gold = new byte[tags.Count];
            EntityTags.FromSpans(chunks.Where(c => typeMap(c.Type) is not null)
                .Select(c => new EntitySpan(c.FirstToken, c.EndToken, typeMap(c.Type)!.Value)), gold);
            docs.Add(new ConllDocument(EntityDocument.FromSentences(sentences.ToArray(), gold, $"{name}#{docs.Count + 1}"), chunks));
            sentences.Clear();
            tags.Clear();
        }

        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNo++;
            var trimmed = line.AsSpan().Trim();
            if (trimmed.IsEmpty) { EndSentence(); continue; }
            if (trimmed.StartsWith("-DOCSTART-", StringComparison.Ordinal))
            {
                EndDocument();
                sawDocStart = true;
                continue;
            }
            int firstSpace = trimmed.IndexOfAny(' ', '\t');
            int lastSpace = trimmed.LastIndexOfAny(' ', '\t');
            if (firstSpace <= 0)
            {
                warnings?.Add($"{name}:{lineNo}: no tag column, line skipped");
                continue;
            }
            var word = trimmed[..firstSpace];
            if (word.StartsWith("en:", StringComparison.Ordinal) && word.Length > 3) word = word[3..];
            var tag = trimmed[(lastSpace + 1)..].ToString();
            if (tag != "O" && (tag.Length < 3 || tag[1] != '-' || "BIES".IndexOf(tag[0]) < 0))
            {
                warnings?.Add($"{name}:{lineNo}: tag '{tag}' is not O, B-, I-, E- or S-; read as O");
                tag = "O";
            }
            words.Add(word.ToString());
            tags.Add(tag);
        }
        EndDocument();
        return docs;
    }

    /// <summary>Chunks of a tag sequence exactly as conlleval reads them (IOB1, IOB2 or IOBES).</summary>
    public static List<LabelledChunk> Chunks(IReadOnlyList<string> tags)
    {
        var chunks = new List<LabelledChunk>();
        int start = -1;
        string type = "";
        for (int i = 0; i <= tags.Count; i++)
        {
            string tag = i < tags.Count ? tags[i] : "O";
            char p = tag == "O" ? 'O' : tag[0];
            string t = tag == "O" ? "" : tag[2..];
            if (start >= 0 && (p is 'B' or 'S' or 'O' || t != type))
            {
                chunks.Add(new LabelledChunk(start, i, type));
                start = -1;
            }
            if (p == 'O') continue;
            if (start < 0) { start = i; type = t; }
            if (p is 'E' or 'S')
            {
                chunks.Add(new LabelledChunk(start, i + 1, type));
                start = -1;
            }
        }
        return chunks;
    }
}
