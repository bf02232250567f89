using Verbatim.Pipeline;
using Verbatim.Quotes;
using Verbatim.Text;

namespace Verbatim.Learning;

/// <summary>
/// "Mr. Trump seemed to relish the fight", "The sale is expected to close in May", "The Trump team appeared paralyzed":
/// the writer's own report of how things look, which PolNeAR's annotators take as an attribution with no source. Its cue
/// is the verb with its auxiliaries (<c>is widely expected</c>, <c>does not seem</c>); its content has two parts, the
/// subject and the complement (<c>Mr. Trump</c> … <c>to relish the fight</c>). Runs after the learned stages: where the
/// tagger already reported the complement, the subject joins it; elsewhere a new report is added, unless another
/// report's words hold the verb (the sentence is then someone else's words).
/// </summary>
internal static class SeemingReports
{
    private static readonly WordSet Seeming = WordSet.Of("seem seems seemed appear appears appeared");
    private static readonly WordSet BeForms = WordSet.Of("is are was were be been 's 're");
    // Words the cue runs back over from its verb: auxiliaries, modals and negation ("may not seem", "is widely expected").
    private static readonly WordSet CueWords = WordSet.Of("""
        do does did may might can could would will should must not n't never is are was were be been 's 're
        don't doesn't didn't can't won't isn't aren't wasn't weren't couldn't wouldn't shouldn't
        """);
    // A clause of its own starts after these, past a comma: the complement ends before it ("…, but he has proved popular").
    private static readonly WordSet ClauseOpeners = WordSet.Of("and but yet so while whereas though although as when because");
    // The subject of the verb is these relative or interrogative pronouns, and nothing before them.
    private static readonly WordSet RelativeSubjects = WordSet.Of("who which what");

    private const int MaxSubjectTokens = 12;
    private const int MaxCueTokens = 8;
    private const int MaxComplementTokens = 150;

    public static void Apply(Document doc)
    {
        if (doc.PosTags.Length != doc.Tokens.Count) return;
        List<AttributionDraft>? added = null;
        Index? index = null;
        for (int k = 0; k < doc.Tokens.Count; k++)
        {
            if (doc.Tokens[k].Kind != TokenKind.Word || doc.QuotationOfToken[k] >= 0) continue;
            var w = doc.TokenText(k);
            bool seeming = Seeming.Contains(w) && doc.PosTags[k] is PosTagger.Verb or PosTagger.Aux;
            if (!seeming && !(w.Equals("expected", StringComparison.OrdinalIgnoreCase) && AfterBe(doc, k))) continue;
            var sentence = doc.Sentences[doc.SentenceOfToken[k]];
            int cueFirst = k;
            while (cueFirst - 1 >= sentence.FirstToken && k - cueFirst < 4 && InCue(doc, cueFirst - 1, sentence.FirstToken))
                cueFirst--;
            // "an effort to appear more dignified": an infinitive has no subject of its own to report on.
            if (doc.TokenIs(cueFirst - 1, "to")) continue;
            int subjectFirst = SubjectStart(doc, cueFirst, sentence.FirstToken);
            // In a relative clause ("Trump, who seems mired at 40 percent, has …") or after "if", "when" ("If this all seems
            // familiar, it is because …") the complement ends at the next comma.
            bool relative = subjectFirst >= 0 && (RelativeSubjects.Contains(doc.TokenText(subjectFirst))
                || subjectFirst > sentence.FirstToken && doc.PosTags[subjectFirst - 1] == PosTagger.Sconj);
            int complement = k + 1, end = ContentEnd(doc, complement, sentence.EndToken, relative);
            if (end - complement < 2 && !(seeming && end - complement == 1 && doc.PosTags[complement] is PosTagger.Adj)) continue;
            bool toClause = end - complement >= 2 && doc.TokenIs(complement, "to") && doc.PosTags[complement + 1] is PosTagger.Verb or PosTagger.Aux;
            bool thatClause = seeming && doc.TokenIs(complement, "that");
            if (!toClause && !(seeming && (thatClause || OtherComplement(doc, complement)))) continue;

            bool expletive = subjectFirst == cueFirst - 1 && doc.TokenIs(subjectFirst, "it");
            // "it seems that …", "it may seem surprising that …": "it" is no one's subject, the content is the complement.
            if (expletive && !toClause) subjectFirst = -1;
            else if (subjectFirst < 0 || thatClause) continue;

            // "seemed like a fait accompli": the cue is "seemed like" (as PolNeAR draws it).
            int cueEnd = k + 1;
            if (doc.TokenIs(complement, "like") && end - complement >= 2) cueEnd = ++complement;
            var words = new TextSpan(doc.Tokens[complement].Start, doc.Tokens[end - 1].End);
            var subject = subjectFirst < 0 ? default : new TextSpan(doc.Tokens[subjectFirst].Start, doc.Tokens[cueFirst - 1].End);
            index ??= new Index(doc);
            if (Joined(doc, index, cueFirst, k, subject, words)) continue;
            // Another report's words hold the verb: the sentence is someone's reported words, not the writer's.
            int at = doc.Tokens[k].Start;
            if (index.Covers(at) || added is { Count: > 0 } && added[^1].Content[^1].End > at) continue;
            var report = new AttributionDraft { Kind = QuoteKind.Indirect, Rule = AttributionRule.Seeming, CueFirst = cueFirst, CueEnd = cueEnd };
            if (!subject.IsEmpty) report.Content.Add(subject);
            report.Content.Add(words);
            report.PresentCue = w.EndsWith('s');
            (added ??= []).Add(report);
        }
        if (added is not null) doc.Attributions.AddRange(added);
    }

    /// <summary>An auxiliary, a modal, a negation or an adverb before the verb ("is widely expected", "does not seem");
    /// not the adverb of a verb before it ("his ability to do so seemed").</summary>
    private static bool InCue(Document doc, int j, int sentenceFirst)
    {
        if (CueWords.Contains(doc.TokenText(j))) return true;
        return doc.PosTags[j] == PosTagger.Adv && j > sentenceFirst && doc.PosTags[j - 1] != PosTagger.Verb;
    }

    /// <summary>"is expected", "are widely expected": a passive of expect, not "had expected".</summary>
    private static bool AfterBe(Document doc, int k)
    {
        int b = k - 1;
        if (b >= 0 && doc.PosTags[b] == PosTagger.Adv) b--;
        return b >= 0 && BeForms.Contains(doc.TokenText(b));
    }

    /// <summary>"seemed unperturbed", "appears somewhat uneasy", "seemed like …", "appeared as if …", "seemed paralyzed":
    /// not "appeared on Fox News", "appeared at a rally".</summary>
    private static bool OtherComplement(Document doc, int c)
    {
        if (doc.TokenIs(c, "like")) return true;
        if (doc.TokenIs(c, "as") && c + 1 < doc.Tokens.Count && (doc.TokenIs(c + 1, "if") || doc.TokenIs(c + 1, "though"))) return true;
        if (doc.PosTags[c] == PosTagger.Adv && c + 1 < doc.Tokens.Count) c++;
        return doc.PosTags[c] == PosTagger.Adj || LearnedContentStage.IsEdParticiple(doc, c);
    }

    /// <summary>
    /// The complement runs to its sentence's end, less the closing punctuation; not over a dash, nor over a comma that
    /// opens a clause of its own (", but he has proved popular", "and, if he follows tradition, …"); in a relative clause
    /// ("Trump, who seems mired at 40 percent, has …") not over a comma.
    /// </summary>
    private static int ContentEnd(Document doc, int first, int sentenceEnd, bool relative)
    {
        int end = sentenceEnd;
        // A complement longer than any sentence news prints is no report (and the scan stays linear on hostile input).
        int limit = Math.Min(sentenceEnd, first + MaxComplementTokens);
        for (int j = first + 1; j < limit; j++)
        {
            if (doc.QuotationOfToken[j] >= 0) continue;
            if (AttributionFinder.IsDash(doc, j)) { end = j; break; }
            if (!doc.TokenIs(j, ",")) continue;
            if (relative) { end = j; break; }
            if (j + 1 < sentenceEnd && ClauseOpeners.Contains(doc.TokenText(j + 1))
                && !(j + 2 < sentenceEnd && doc.PosTags[j + 2] is PosTagger.Verb or PosTagger.Aux or PosTagger.Adv))
            { end = j; break; }
        }
        if (end > limit) return first;
        while (end > first && doc.Tokens[end - 1].Kind is TokenKind.Punctuation or TokenKind.QuoteMark) end--;
        return end;
    }

    /// <summary>
    /// The subject before the cue: the words back to the clause's start (a comma, a conjunction, a verb, the sentence's
    /// start), a relative pronoun included ("which is expected to …"), "that" not; -1 when there is no noun or pronoun.
    /// </summary>
    private static int SubjectStart(Document doc, int cueFirst, int sentenceFirst)
    {
        int s = cueFirst;
        bool head = false;
        while (s - 1 >= sentenceFirst && cueFirst - s < MaxSubjectTokens)
        {
            int j = s - 1;
            var t = doc.Tokens[j];
            // "Mr. Trump": an abbreviation's period is part of the name.
            if (j - 1 >= sentenceFirst && doc.Text[t.Start] == '.' && doc.Tokens[j - 1].End == t.Start
                && Lexicon.Abbreviations.Contains(doc.TokenText(j - 1))) { s = j - 1; head = true; continue; }
            if (t.Kind is TokenKind.Punctuation or TokenKind.QuoteMark or TokenKind.Symbol) break;
            if (doc.TokenIs(j, "that")) break;
            if (RelativeSubjects.Contains(doc.TokenText(j))) { s = j; head = true; break; }
            byte tag = doc.PosTags[j];
            // "his ability to do so seemed …", "Crows and ravens are considered …": an infinitive or two nouns joined.
            if (tag == PosTagger.Verb && j - 1 >= sentenceFirst && doc.TokenIs(j - 1, "to")) { s = j - 1; continue; }
            if (tag == PosTagger.Cconj && j - 1 >= sentenceFirst && doc.PosTags[j - 1] is PosTagger.Noun or PosTagger.Propn or PosTagger.Pron) { s = j; continue; }
            if (tag is PosTagger.Verb or PosTagger.Aux or PosTagger.Sconj or PosTagger.Cconj or PosTagger.Intj) break;
            if (tag is PosTagger.Noun or PosTagger.Propn or PosTagger.Pron) head = true;
            s = j;
        }
        if (!head) return -1;
        // A clause opened by a preposition ("On Tuesday Mr. Trump seemed …") is not the subject's; nor is a lone adverb.
        while (s < cueFirst && doc.PosTags[s] is PosTagger.Adp or PosTagger.Adv) s++;
        return s < cueFirst ? s : -1;
    }

    /// <summary>
    /// A report the stages already made with this cue (the tagger's "is expected" + "to …"): it takes the subject as its
    /// first part when it has no source and its words start at the complement.
    /// </summary>
    private static bool Joined(Document doc, Index index, int cueFirst, int verb, TextSpan subject, TextSpan words)
    {
        for (int first = Math.Max(0, cueFirst - MaxCueTokens); first <= verb; first++)
        {
            if (!index.ByCueFirst.TryGetValue(first, out var list)) continue;
            foreach (var d in list)
            {
                if (d.CueEnd <= cueFirst) continue;
                if (d.Content.Count != 1 || subject.IsEmpty || d.Content[0].Start != words.Start) return true;
                // The tagger took the subject for the source ("executives are expected to …", "she seemed to …"): it is the
                // content's, as PolNeAR's annotators draw it.
                if (d.HasSource)
                {
                    if (doc.Tokens[d.SourceFirst].Start < subject.Start || d.SourceEnd != cueFirst) return true;
                    d.SourceFirst = d.SourceEnd = -1;
                }
                if (words.End < d.Content[0].End) d.Content[0] = words;
                d.Content.Insert(0, subject);
                d.CueFirst = Math.Min(d.CueFirst, cueFirst);
                return true;
            }
        }
        return false;
    }

    /// <summary>The article's reports, looked up by cue start and by the words they cover (built once, when a verb is
    /// found), so that the work stays linear however many reports an article holds.</summary>
    private sealed class Index
    {
        public readonly Dictionary<int, List<AttributionDraft>> ByCueFirst = [];
        private readonly int[] _starts;
        private readonly int[] _maxEnds;

        public Index(Document doc)
        {
            var parts = new List<TextSpan>();
            foreach (var d in doc.Attributions)
            {
                parts.AddRange(d.Content);
                if (d.CueFirst < 0) continue;
                if (!ByCueFirst.TryGetValue(d.CueFirst, out var list)) ByCueFirst[d.CueFirst] = list = [];
                list.Add(d);
            }
            parts.Sort((a, b) => a.Start.CompareTo(b.Start));
            _starts = new int[parts.Count];
            _maxEnds = new int[parts.Count];
            int max = int.MinValue;
            for (int i = 0; i < parts.Count; i++)
            {
                _starts[i] = parts[i].Start;
                _maxEnds[i] = max = Math.Max(max, parts[i].End);
            }
        }

        /// <summary>Some report's words cover the character at <paramref name="at"/>.</summary>
        public bool Covers(int at)
        {
            // The last part starting at or before the position; a part before it that ends after covers it too.
            int i = Array.BinarySearch(_starts, at);
            if (i < 0) i = ~i - 1;
            else while (i + 1 < _starts.Length && _starts[i + 1] == at) i++;
            return i >= 0 && _maxEnds[i] > at;
        }
    }
}
