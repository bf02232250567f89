using Verbatim.Pipeline;
using Verbatim.Text;

namespace Verbatim.Learning;

/// <summary>The four CoNLL-2003 entity types.</summary>
public enum EntityType : byte
{
    Per,
    Org,
    Loc,
    Misc,
}

/// <summary>A named entity as a token range [FirstToken, EndToken) and its type.</summary>
public readonly record struct EntitySpan(int FirstToken, int EndToken, EntityType Type);

/// <summary>
/// BILOU tags over the four types: 0 is O; tag 1 + 4·type + position, with position B=0, I=1, L=2, U=3.
/// </summary>
public static class EntityTags
{
    public const int Count = 17;
    public const byte O = 0;
    public const int B = 0, I = 1, L = 2, U = 3;
    /// <summary>The start state row of the transition table.</summary>
    public const int Start = Count;

    public static byte Make(EntityType type, int position) => (byte)(1 + (int)type * 4 + position);
    public static EntityType TypeOf(int tag) => (EntityType)((tag - 1) >> 2);
    public static int PositionOf(int tag) => (tag - 1) & 3;

    public static readonly string[] TypeNames = ["PER", "ORG", "LOC", "MISC"];

    /// <summary>Whether <paramref name="next"/> may follow <paramref name="prev"/> (<see cref="Start"/> at a sentence start).</summary>
    public static bool Allowed(int prev, int next)
    {
        bool open = prev != Start && prev != O && PositionOf(prev) is B or I;
        if (!open) return next == O || PositionOf(next) is B or U;
        return next != O && TypeOf(next) == TypeOf(prev) && PositionOf(next) is I or L;
    }

    /// <summary>Whether a sentence may end on <paramref name="tag"/>.</summary>
    public static bool CanEnd(int tag) => tag == O || PositionOf(tag) is L or U;

    /// <summary>BILOU tags from entity spans (the spans must not overlap).</summary>
    public static void FromSpans(IEnumerable<EntitySpan> spans, Span<byte> tags)
    {
        tags.Clear();
        foreach (var s in spans)
        {
            if (s.EndToken - s.FirstToken == 1) { tags[s.FirstToken] = Make(s.Type, U); continue; }
            tags[s.FirstToken] = Make(s.Type, B);
            for (int k = s.FirstToken + 1; k < s.EndToken - 1; k++) tags[k] = Make(s.Type, I);
            tags[s.EndToken - 1] = Make(s.Type, L);
        }
    }

    /// <summary>Entity spans from BILOU tags; a broken sequence (I or L without its B) still gives a span, as conlleval reads it.</summary>
    public static List<EntitySpan> ToSpans(ReadOnlySpan<byte> tags)
    {
        var spans = new List<EntitySpan>();
        AddSpans(tags, 0, spans);
        return spans;
    }

    internal static void AddSpans(ReadOnlySpan<byte> tags, int offset, List<EntitySpan> into)
    {
        int start = -1;
        EntityType type = default;
        for (int i = 0; i <= tags.Length; i++)
        {
            int tag = i < tags.Length ? tags[i] : O;
            int pos = tag == O ? -1 : PositionOf(tag);
            bool continues = start >= 0 && tag != O && TypeOf(tag) == type && pos is I or L;
            if (start >= 0 && !continues)
            {
                into.Add(new EntitySpan(offset + start, offset + i, type));
                start = -1;
            }
            if (tag == O) continue;
            if (start < 0) { start = i; type = TypeOf(tag); }
            if (pos is L or U)
            {
                into.Add(new EntitySpan(offset + start, offset + i + 1, type));
                start = -1;
            }
        }
    }
}

/// <summary>A tokenized text with sentences, the input the entity tagger reads; gold tags when it comes from a corpus.</summary>
public sealed class EntityDocument
{
    public EntityDocument(string text, Token[] tokens, Sentence[] sentences, byte[]? gold = null, string? id = null)
    {
        Text = text;
        Tokens = tokens;
        Sentences = sentences;
        Gold = gold;
        Id = id ?? "";
    }

    public string Id { get; }
    public string Text { get; }
    public Token[] Tokens { get; }
    public Sentence[] Sentences { get; }
    /// <summary>Gold BILOU tags per token, or null.</summary>
    public byte[]? Gold { get; }

    /// <summary>A document from pre-tokenized sentences, joined by single spaces and one newline per sentence.</summary>
    public static EntityDocument FromSentences(IReadOnlyList<IReadOnlyList<string>> sentences, byte[]? gold = null, string? id = null)
    {
        var text = new System.Text.StringBuilder();
        var tokens = new List<Token>();
        var sents = new Sentence[sentences.Count];
        for (int s = 0; s < sentences.Count; s++)
        {
            int first = tokens.Count;
            foreach (var word in sentences[s])
            {
                if (text.Length > 0) text.Append(tokens.Count == first ? '\n' : ' ');
                int start = text.Length;
                text.Append(word);
                tokens.Add(new Token(start, text.Length, TokenKind.Word, TokenFlags.None));
            }
            sents[s] = new Sentence(first, tokens.Count, s);
        }
        return new EntityDocument(text.ToString(), tokens.ToArray(), sents, gold, id);
    }
}
