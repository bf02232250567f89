using Verbatim.Pipeline;

namespace Verbatim.Learning;

/// <summary>Writes each token's head and dependency label (<see cref="Document.Heads"/>, <see cref="Document.DependencyLabels"/>);
/// reads the POS tags, so it runs after the pos stage (<see cref="PipelineBuilder.UseDependencies"/> checks).</summary>
public sealed class DependencyStage(DependencyParser parser) : IStage
{
    public string Name => "dependencies";

    public void Run(Document doc) => (doc.Heads, doc.DependencyLabels) = parser.Parse(doc);
}

/// <summary>
/// Questions later stages ask of a parsed document (<see cref="Document.Heads"/> filled by the dependencies stage).
/// Each looks only inside the token's sentence; none allocates.
/// </summary>
public static class DependencyTree
{
    /// <summary>Whether the document has been parsed.</summary>
    public static bool HasDependencies(this Document doc) => doc.Heads.Length == doc.Tokens.Count && doc.Tokens.Count > 0;

    /// <summary>The first dependent of <paramref name="head"/> with <paramref name="label"/>, or -1.</summary>
    public static int DependentWith(this Document doc, int head, byte label)
    {
        var s = doc.Sentences[doc.SentenceOfToken[head]];
        for (int i = s.FirstToken; i < s.EndToken; i++)
            if (doc.Heads[i] == head && doc.DependencyLabels[i] == label) return i;
        return -1;
    }

    /// <summary>The subject of a verb (or of a predicate with a copula): its nsubj, nsubj:pass or csubj dependent, or -1.
    /// A conjoined verb without one takes the subject of the verb it is conjoined to ("X said and added").</summary>
    public static int SubjectOf(this Document doc, int verb)
    {
        for (int hops = 0; verb >= 0 && hops < 8; hops++)
        {
            var s = doc.Sentences[doc.SentenceOfToken[verb]];
            for (int i = s.FirstToken; i < s.EndToken; i++)
                if (doc.Heads[i] == verb && doc.DependencyLabels[i] is DependencyLabels.Nsubj or DependencyLabels.NsubjPass or DependencyLabels.Csubj)
                    return i;
            if (doc.DependencyLabels[verb] != DependencyLabels.Conj) return -1;
            verb = doc.Heads[verb];
        }
        return -1;
    }

    /// <summary>The clausal complement of a verb (its ccomp dependent: "failed" in "said that the plan had failed"), or -1.</summary>
    public static int ClausalComplementOf(this Document doc, int verb) => doc.DependentWith(verb, DependencyLabels.Ccomp);

    /// <summary>The first and last token of the subtree under <paramref name="token"/> (the token itself and everything
    /// that depends on it, directly or not); parses are projective, so every token between belongs to it.</summary>
    public static (int First, int Last) SubtreeSpan(this Document doc, int token)
    {
        var s = doc.Sentences[doc.SentenceOfToken[token]];
        int first = token, last = token;
        for (int i = s.FirstToken; i < s.EndToken; i++)
        {
            if (i >= first && i <= last) continue;
            int at = i;
            for (int steps = s.EndToken - s.FirstToken; at >= 0 && at != token && steps > 0; steps--) at = doc.Heads[at];
            if (at == token) { first = Math.Min(first, i); last = Math.Max(last, i); }
        }
        return (first, last);
    }

    /// <summary>The label of a token as text ("nsubj").</summary>
    public static string LabelOf(this Document doc, int token) => DependencyLabels.Names[doc.DependencyLabels[token]];
}
