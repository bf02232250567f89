using Verbatim.Cues;
using Verbatim.Pipeline;
using Verbatim.Quotes;
using Verbatim.Text;

namespace Verbatim.Learning;

/// <summary>
/// Adds the reported contents that the content tagger finds and the rules missed, each tied to the nearest
/// cue of its sentence (before it, else after it) and that cue's source. Runs after the rules' attribution stage.
/// </summary>
public sealed class LearnedContentStage(ContentTagger tagger) : IStage
{
    public string Name => "learned-content";

    public void Run(Document doc)
    {
        if (doc.Tokens.Count == 0) return;
        var tags = tagger.Tag(doc);
        Apply(doc, tags);
        tagger.Boundaries?.Apply(doc, tags);
        tagger.Sources?.Apply(doc);
        tagger.Roles?.Apply(doc);
        List<AttributionDraft>? split = null, extended = null;
        HashSet<int>? cueStarts = null;
        foreach (var d in doc.Attributions)
        {
            SourceAfterRelative(doc, d);
            SourceFusedWithAuxiliary(doc, d);
            // sources for reports the rankers left without one, before the guards that take a source away
            SourceAfterOpeningParticiple(doc, d);
            SubjectRightBeforeCue(doc, d);
            PassiveSubjectIsNoSource(doc, d);
            TargetIsNoSource(doc, d);
            SourceBeforeRelativeClause(doc, d);
            WhoseWithItsNoun(doc, d);
            SourceBeforeOccasion(doc, d);
            SourceWithoutClause(doc, d);
            SourceWithoutTrailingWords(doc, d);
            SourceThroughName(doc, d);
            SourceThroughProperName(doc, d);
            SourceThroughHeadNoun(doc, d);
            ContentClosesBracket(doc, d);
            ContentEndsWithItsBracket(doc, d);
            ContentAfterTitle(doc, d);
            ContentAfterComplementizer(doc, d);
            if (ContentEndsWithSubordinateClause(doc, d, ref cueStarts) is { } main) (split ??= []).Add(main);
            ContentEndsBeforeWritersClause(doc, d);
            if (ContentThroughQuotation(doc, d)) (extended ??= []).Add(d);
            CueAfterTime(doc, d);
            ContentNounOutOfCue(doc, d);
            ContentThroughAside(doc, d);
            if (ContentEndsAtQuotedComma(doc, d) is { } rest) (split ??= []).Add(rest);
            else if (ContentEndsAtCoordinatedCue(doc, d) is { } second) (split ??= []).Add(second);
        }
        if (extended is not null) ClaimFragments(doc, extended);
        if (split is not null) doc.Attributions.AddRange(split);
        HashSet<int>? quotedCues = null;
        foreach (var q in doc.Attributions)
            if (q.Kind == QuoteKind.Direct && q.CueFirst >= 0) (quotedCues ??= []).Add(q.CueFirst);
        var ownWords = OwnWordsIndex(doc);
        doc.Attributions.RemoveAll(d => ReportsTheOccasion(doc, d) || CueIsNoSaying(doc, d) || OccasionOfAQuotation(doc, d, quotedCues)
                                        || CueInsideOwnWords(doc, d, ownWords));
        List<TextSpan>? continued = null;
        foreach (var d in doc.Attributions)
        {
            OpeningBeforeAside(doc, d);
            if (ContinuationAfterAccordingTo(doc, d) is { } words) (continued ??= []).Add(words);
        }
        // The tagger's own report of the words an "according to" aside split, from the aside on, is that attribution.
        if (continued is not null)
            doc.Attributions.RemoveAll(o => o.Rule == AttributionRule.Learned && o.Content.Count > 0
                && continued.Any(w => o.Content[0].Start >= w.Start && o.Content[^1].End <= w.End));
        DropRepeatedReports(doc);
        CueAfterParagraphBreak(doc);
        AccordingToAfterWords(doc);
        SeemingReports.Apply(doc);
        doc.Attributions.RemoveAll(d => IsTitle(doc, d) || IsAddress(doc, d));
        foreach (var d in doc.Attributions) SpeakerAfterQuotation(doc, d);
    }

    /// <summary>
    /// A quotation no rule tied to its own speaker that closes on a comma and a short clause of a pronoun or a name and a
    /// verb (“…, and we ended that,” he went on.) was said by them: the verb is its cue, whatever the lexicon lists.
    /// </summary>
    internal static void SpeakerAfterQuotation(Document doc, AttributionDraft d)
    {
        if (d.Kind != QuoteKind.Direct || d.Rule is not (AttributionRule.DirectFloating or AttributionRule.Unattributed) || d.Quotation < 0
            || doc.PosTags.Length != doc.Tokens.Count) return;
        var q = doc.Quotations[d.Quotation];
        int close = q.CloseMark;
        if (close < 1 || !doc.TokenIs(close - 1, ",") || close + 2 >= doc.Tokens.Count) return;
        int first = close + 1, end = first;
        if (doc.ParagraphOfToken[first] != doc.ParagraphOfToken[close] || doc.QuotationOfMark[first] >= 0) return;
        if (Lexicon.SubjectPronouns.Contains(doc.TokenText(first))) end = first + 1;
        else
            while (end < doc.Tokens.Count && end - first < 4 && doc.Tokens[end].Kind == TokenKind.Word && doc.Tokens[end].IsCapitalized
                   && doc.PosTags[end] == PosTagger.Propn) end++;
        if (end == first || end >= doc.Tokens.Count || doc.PosTags[end] != PosTagger.Verb || doc.Tokens[end].Kind != TokenKind.Word) return;
        if (doc.TokenText(end).EndsWith("ing", StringComparison.Ordinal)) return;
        int cueEnd = end + 1;
        if (cueEnd < doc.Tokens.Count && (doc.TokenIs(cueEnd, "on") || doc.TokenIs(cueEnd, "up"))) cueEnd++; // "went on"
        // the sentence ends soon after: a clause of its own would be another report
        var s = doc.Sentences[doc.SentenceOfToken[end]];
        if (s.EndToken - cueEnd > 6 || doc.SentenceOfToken[first] != doc.SentenceOfToken[close]) return;
        d.SourceFirst = first;
        d.SourceEnd = end;
        d.CueFirst = end;
        d.CueEnd = cueEnd;
        d.Rule = AttributionRule.DirectCueAfter;
        d.CarriedFrom = null;
    }


    /// <summary>A quote whose words are only a web address (“pic.twitter.com/…”, “http://video.foxnews.com”): markup of an
    /// embedded post, not speech.</summary>
    private static bool IsAddress(Document doc, AttributionDraft d)
    {
        if (d.Content.Count != 1) return false;
        var text = doc.Text.AsSpan(d.Content[0].Start, d.Content[0].Length).Trim().Trim("\"“”'‘’.,");
        if (text.IsEmpty || text.IndexOfAny(' ', '\n', '\t') >= 0) return false;
        return text.Contains("://", StringComparison.Ordinal) || text.StartsWith("pic.twitter.", StringComparison.OrdinalIgnoreCase)
               || text.StartsWith("www.", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A quote whose words are only a work's title or a name in quotation marks (“Meet the Press”), not speech.</summary>
    private static bool IsTitle(Document doc, AttributionDraft d)
    {
        if (d.Content.Count != 1) return false; // a quotation split by its attribution: other words are speech
        if (d.Kind == QuoteKind.Direct) return d.Quotation >= 0 && AttributionFinder.IsTitleNotSpeech(doc, d.Quotation);
        // reported words the rankers drew round a title and its network or a preposition (“NBC's “Meet the Press.””)
        int first = doc.TokenAtOrAfter(d.Content[0].Start), end = doc.TokenAtOrAfter(d.Content[0].End);
        int title = -1, outside = 0;
        for (int k = first; k < end; k++)
        {
            int q = doc.QuotationOfToken[k] >= 0 ? doc.QuotationOfToken[k] : doc.QuotationOfMark[k];
            if (q >= 0)
            {
                if (title >= 0 && q != title) return false; // two quotations
                title = q;
            }
            else if (doc.Tokens[k].Kind is TokenKind.Word or TokenKind.Number && (++outside > 2 || !IsPossessive(doc, k) && !IsAnyOf(doc, k, TitlePrepositions)))
                return false; // words of its own (“its “Great Wall of Protectionism””: a name someone coined)
        }
        return title >= 0 && AttributionFinder.IsTitleNotSpeech(doc, title);
    }

    /// <summary>
    /// Two reports of the same words by the same cue (a rule's and the tagger's, redrawn by the rankers to one extent) are
    /// one attribution: the later draft goes. Drafts are compared in order of their cue, so the work stays linear.
    /// </summary>
    internal static void DropRepeatedReports(Document doc)
    {
        List<(int Cue, int Index)>? reports = null;
        for (int i = 0; i < doc.Attributions.Count; i++)
        {
            var d = doc.Attributions[i];
            if (d.Kind != QuoteKind.Direct && d.CueFirst >= 0 && d.Content.Count > 0) (reports ??= []).Add((d.CueFirst, i));
        }
        if (reports is null || reports.Count < 2) return;
        reports.Sort();
        HashSet<int>? drop = null;
        for (int r = 1; r < reports.Count; r++)
        {
            var a = doc.Attributions[reports[r - 1].Index];
            var b = doc.Attributions[reports[r].Index];
            if (a.CueFirst != b.CueFirst || a.CueEnd != b.CueEnd) continue;
            if (Jaccard(a.Content, b.Content) >= 0.9) (drop ??= []).Add(Math.Max(reports[r - 1].Index, reports[r].Index));
            // One report's words all inside the other's, which an aside splits: "the two nations" of "the two nations, Xi
            // said, now have …".
            // (A longer report in one part, "opposed the deal and outstripped his plans", is not the shorter one's.)
            else if (a.Content.Count > b.Content.Count && Inside(b.Content, a.Content)) (drop ??= []).Add(reports[r].Index);
            else if (b.Content.Count > a.Content.Count && Inside(a.Content, b.Content)) (drop ??= []).Add(reports[r - 1].Index);
        }
        if (drop is null) return;
        var kept = doc.Attributions.Where((_, i) => !drop.Contains(i)).ToList();
        doc.Attributions.Clear();
        doc.Attributions.AddRange(kept);
    }

    private static bool Inside(List<TextSpan> inner, List<TextSpan> outer)
    {
        foreach (var p in inner)
        {
            bool held = false;
            foreach (var o in outer) held |= o.Start <= p.Start && p.End <= o.End;
            if (!held) return false;
        }
        return true;
    }

    private static bool Overlaps(List<TextSpan> parts, TextSpan span)
    {
        foreach (var p in parts)
            if (p.Start < span.End && p.End > span.Start) return true;
        return false;
    }

    private static bool IsAnyOf(Document doc, int k, string[] words)
    {
        foreach (var w in words)
            if (doc.TokenIs(k, w)) return true;
        return false;
    }

    private static double Jaccard(List<TextSpan> a, List<TextSpan> b)
    {
        long inter = 0, lengthA = 0, lengthB = 0;
        foreach (var x in a) lengthA += x.End - x.Start;
        foreach (var y in b) lengthB += y.End - y.Start;
        foreach (var x in a)
            foreach (var y in b)
                inter += Math.Max(0, Math.Min(x.End, y.End) - Math.Max(x.Start, y.Start));
        long union = lengthA + lengthB - inter;
        return union <= 0 ? 0 : (double)inter / union;
    }

    /// <summary>
    /// Reported speech holding a quotation that closes on a comma ends there when a new clause follows
    /// ("she said the plan was “dead,” adding …", "… the "best experience," Trump is …"): the words after it are the writer's.
    /// A participle cue there opens a report of its own by the same source ("…,” claiming that he …"): it is returned.
    /// </summary>
    internal static AttributionDraft? ContentEndsAtQuotedComma(Document doc, AttributionDraft d)
    {
        if (d.Kind == QuoteKind.Direct || d.Content.Count != 1 || d.CueFirst < 0 || doc.PosTags.Length != doc.Tokens.Count) return null;
        var span = d.Content[0];
        int first = doc.TokenAtOrAfter(span.Start);
        if (d.CueEnd > first) return null; // the cue comes first: what follows the content is not its attribution
        for (int q = doc.QuotationAtOrAfter(first); q < doc.Quotations.Count; q++)
        {
            int close = doc.Quotations[q].CloseMark;
            if (close < 0 || doc.Tokens[close].End >= span.End) return null;
            int next = close + 1;
            // the comma inside the marks, or after them (“… “rapists”, actress America Ferrera wrote …”)
            bool commaAfter = next < doc.Tokens.Count && doc.TokenIs(next, ",");
            if (commaAfter) next++;
            else if (close == 0 || !doc.TokenIs(close - 1, ",")) continue;
            if (next >= doc.Tokens.Count || doc.Tokens[next].Start >= span.End) return null;
            if (!OpensClause(doc, next) && !(IsAnyOf(doc, next, ClauseOpeners) && doc.QuotationOfToken[next] < 0)
                && !(SubjectAndCue(doc, next, span.End) && !AllCapitalised(doc, doc.Quotations[q]))) continue;
            d.Content[0] = new TextSpan(span.Start, doc.Tokens[close].End);
            int c = FirstCueAtOrAfter(doc, next);
            if (c >= doc.Cues.Count || doc.Cues[c].FirstToken != next) return null;
            var cue = doc.Cues[c];
            int end = doc.TokenAtOrAfter(span.End);
            if (cue.EndToken >= end) return null;
            var rest = Trim(doc, cue.EndToken, end);
            if (rest.IsEmpty) return null;
            return SecondReport(d, cue.FirstToken, cue, rest);
        }
        return null;
    }

    /// <summary>
    /// Reported words that run on into "and" and another cue ("said Johnson was “unfit for office” and called for an
    /// election") end before it: the second cue is the same source's second report, returned with its words.
    /// </summary>
    internal static AttributionDraft? ContentEndsAtCoordinatedCue(Document doc, AttributionDraft d)
    {
        if (d.Kind == QuoteKind.Direct || d.Content.Count != 1 || d.CueFirst < 0 || d.SourceFirst < 0 || doc.PosTags.Length != doc.Tokens.Count) return null;
        var span = d.Content[0];
        int first = doc.TokenAtOrAfter(span.Start);
        if (d.CueEnd > first) return null; // the cue comes first
        int end = doc.TokenAtOrAfter(span.End);
        for (int k = first + 2; k + 1 < end; k++)
        {
            if (!(doc.TokenIs(k, "and") || doc.TokenIs(k, "but")) || doc.QuotationOfToken[k] >= 0) continue;
            int at = k + 1;
            if (doc.PosTags[at] == PosTagger.Adv && at + 1 < end) at++; // "and later said", "but also warned"
            int c = FirstCueAtOrAfter(doc, at);
            if (c >= doc.Cues.Count || doc.Cues[c].EndToken >= end) continue;
            var cue = doc.Cues[c];
            if (cue.FirstToken != at)
            {
                // "saying he was “very encouraged” and Trump calling it a “great meeting”": another source's report.
                if (OtherSubjectsReport(doc, d, k, cue, first, end) is { } other) return other;
                continue;
            }
            // A verb in the first cue's form (said … and called, says … and adds), not a participle or a noun.
            // (Not so after a quotation that closes on a comma: "says the goal is “to disqualify Trump,” but conceded that …")
            bool afterQuotedComma = k >= 2 && doc.QuotationOfMark[k - 1] >= 0 && doc.Quotations[doc.QuotationOfMark[k - 1]].CloseMark == k - 1
                                    && doc.TokenIs(k - 2, ",");
            if (doc.PosTags[cue.FirstToken] != PosTagger.Verb || cue.Has(CueFlags.Present) != d.PresentCue && !afterQuotedComma) continue;
            var before = Trim(doc, first, k);
            var rest = Trim(doc, cue.EndToken, end);
            if (before.IsEmpty || rest.IsEmpty) return null;
            d.Content[0] = new TextSpan(span.Start, before.End);
            // The cue with its adverb, as cues are drawn ("later added"), so that a report the tagger also found is one.
            return SecondReport(d, k + 1, cue, rest);
        }
        return null;
    }

    /// <summary>
    /// "and" + a short subject (a name, a pronoun, a noun with its determiner) + a cue in the first cue's form: the report
    /// ends before the "and", and the subject's own report is returned.
    /// </summary>
    private static AttributionDraft? OtherSubjectsReport(Document doc, AttributionDraft d, int and, CueMatch cue, int first, int end)
    {
        int subject = and + 1;
        if (cue.FirstToken - subject is < 1 or > 3 || doc.PosTags[cue.FirstToken] != PosTagger.Verb) return null;
        bool head = false;
        for (int j = subject; j < cue.FirstToken; j++)
        {
            if (doc.QuotationOfToken[j] >= 0 || doc.PosTags[j] is not (PosTagger.Propn or PosTagger.Pron or PosTagger.Noun or PosTagger.Det)
                || RelativeWords.Contains(doc.TokenText(j))) return null;
            // A pronoun stands alone ("respect they express" is no subject), and a possessive is none ("its continued influence").
            if (IsAnyOf(doc, j, PersonalPronouns) && cue.FirstToken - subject > 1 || IsAnyOf(doc, j, Possessives)) return null;
            head |= doc.PosTags[j] is PosTagger.Propn or PosTagger.Pron or PosTagger.Noun;
        }
        // "David and Charles Koch wanted": two names joined, one subject.
        if (!head || d.CueEnd <= d.CueFirst || doc.PosTags[and - 1] == PosTagger.Propn && doc.PosTags[subject] == PosTagger.Propn) return null;
        // Both verbs participles ("saying … and Trump calling …") or both finite ("said … and Trump called …").
        bool ing = doc.TokenText(cue.FirstToken).EndsWith("ing", StringComparison.OrdinalIgnoreCase);
        if (ing != doc.TokenText(d.CueEnd - 1).EndsWith("ing", StringComparison.OrdinalIgnoreCase)) return null;
        var before = Trim(doc, first, and);
        var rest = Trim(doc, cue.EndToken, end);
        if (before.IsEmpty || rest.IsEmpty) return null;
        d.Content[0] = new TextSpan(d.Content[0].Start, before.End);
        // "and an article cited by her campaign quoted …": a clause of its own ends the report, but a passive participle
        // is no report.
        if (doc.TokenIs(cue.EndToken, "by")) return null;
        var report = SecondReport(d, cue.FirstToken, cue, rest);
        report.SourceFirst = subject;
        report.SourceEnd = cue.FirstToken;
        return report;
    }

    /// <summary>The same source's next report: its words, its cue (from <paramref name="cueFirst"/>, an adverb maybe
    /// before the cue's verb), and the first report's source.</summary>
    private static AttributionDraft SecondReport(AttributionDraft first, int cueFirst, CueMatch cue, TextSpan words)
    {
        var report = new AttributionDraft { Kind = QuoteKind.Indirect, Rule = AttributionRule.IndirectCueFirst };
        report.Content.Add(words);
        report.CueFirst = cueFirst;
        report.CueEnd = cue.EndToken;
        report.TaggedCue = cue.Has(CueFlags.Tagged);
        report.PresentCue = cue.Has(CueFlags.Present);
        report.SourceFirst = first.SourceFirst;
        report.SourceEnd = first.SourceEnd;
        return report;
    }

    /// <summary>Every word of the quotation capitalised: a title in a list (“''The Sopranos,'' and ''The Wire,''”).</summary>
    private static bool AllCapitalised(Document doc, Quotation q)
    {
        for (int k = q.FirstToken; k < q.EndToken; k++)
            if (doc.Tokens[k].Kind == TokenKind.Word && !doc.Tokens[k].IsCapitalized) return false;
        return true;
    }

    private static readonly string[] ClauseOpeners = ["though", "although", "while", "whereas"];

    /// <summary>A subject and its verb (“the network's nightly news anchor Ilia Calderón reacted”): a few words with no
    /// verb or punctuation, then a verb not in -ing, before <paramref name="limit"/>.</summary>
    private static bool SubjectAndCue(Document doc, int k, int limit)
    {
        if (!doc.TokenIs(k, "the") && !doc.TokenIs(k, "a") && !doc.TokenIs(k, "an")) return false;
        for (int j = k + 1; j < doc.Tokens.Count && j <= k + 10 && doc.Tokens[j].Start < limit; j++)
        {
            if (doc.PosTags[j] is PosTagger.Verb or PosTagger.Aux)
                return j > k + 1 && doc.QuotationOfToken[j] < 0 && !doc.TokenText(j).EndsWith("ing", StringComparison.Ordinal);
            if (doc.Tokens[j].Kind is TokenKind.QuoteMark or TokenKind.Punctuation) return false;
        }
        return false;
    }

    private static bool OpensClause(Document doc, int k)
    {
        var t = doc.Tokens[k];
        if (t.Kind != TokenKind.Word) return AttributionFinder.IsDash(doc, k);
        if (char.IsUpper(doc.Text[t.Start])) return true;
        return doc.PosTags[k] == Learning.PosTagger.Verb && doc.TokenText(k).EndsWith("ing", StringComparison.Ordinal);
    }

    /// <summary>A verb ending in -ed ("asked", "expected"); the caller checks that the document is tagged.</summary>
    internal static bool IsEdParticiple(Document doc, int k) =>
        doc.PosTags[k] == PosTagger.Verb && doc.TokenText(k).EndsWith("ed", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// "Ginsburg is known for her liberal bent", "Rubio is seen as the candidate …", "Pence was asked about the comment":
    /// the subject of a passive verb of saying or thinking is what is said about, not who says it; the report has no
    /// source (unless "by" names the agent). A state of mind in the participle's form is the subject's own: "Mr. Ackman is
    /// convinced Valeant will …", "Democratic leaders are worried about …".
    /// </summary>
    internal static void PassiveSubjectIsNoSource(Document doc, AttributionDraft d)
    {
        // the passive's own subject, right before it ("For the party establishment, these wins are being interpreted …"
        // is another's view)
        if (d.Kind == QuoteKind.Direct || !d.HasSource || d.CueFirst < 0 || d.SourceEnd > d.CueFirst || doc.PosTags.Length != doc.Tokens.Count) return;
        // … or a relative clause's: "the son-in-law of a former president, whose government was widely criticized for"
        if (d.SourceEnd < d.CueFirst && (d.CueFirst - d.SourceEnd > 4 || !RelativeBetween(doc, d.SourceEnd, d.CueFirst))) return;
        int k = d.CueFirst;
        while (k < d.CueEnd && (PassiveAuxiliaries.Contains(doc.TokenText(k)) || doc.TokenIs(k, "not") || IsLyAdverb(doc, k))) k++;
        // the participle right after a form of "be" that the cue holds
        if (k == d.CueFirst || k >= d.CueEnd) return;
        bool be = false;
        for (int j = d.CueFirst; j < k; j++) be |= BeForms.Contains(doc.TokenText(j));
        if (!be) return;
        if (!IsParticipleOfSaying(doc, k) || SpeakerParticiples.Contains(doc.TokenText(k))) return;
        // The cue ends with the participle or a preposition after it ("known for", "asked about"); a verb after it is the
        // subject's own saying ("was heard telling", "was pressed to explain", "were quoted speaking").
        for (int j = k + 1; j < d.CueEnd; j++)
            if (doc.TokenIs(j, "by") || doc.PosTags[j] is not (PosTagger.Adp or PosTagger.Adv or PosTagger.Sconj)) return;
        // "by" names the agent: "was called a fraud by Mr. Trump"
        if (d.CueEnd < doc.Tokens.Count && doc.TokenIs(d.CueEnd, "by")) return;
        d.SourceFirst = d.SourceEnd = -1;
    }

    /// <summary>
    /// "Clinton faced questions about …", "Trump has faced criticism for …", "Mr. Trump opens himself up to criticism
    /// about …", "questions arose about …", "There are concerns about …": the subject is the target of what others say (or
    /// no one), not its source.
    /// </summary>
    internal static void TargetIsNoSource(Document doc, AttributionDraft d)
    {
        if (d.Kind == QuoteKind.Direct || !d.HasSource || d.CueFirst < 0) return;
        if (d.SourceEnd - d.SourceFirst == 1 && doc.TokenIs(d.SourceFirst, "there") && d.SourceEnd <= d.CueFirst)
        {
            d.SourceFirst = d.SourceEnd = -1;
            return;
        }
        bool receives = false;
        for (int k = d.CueFirst; k < d.CueEnd; k++)
        {
            if (ReceivingVerbs.Contains(doc.TokenText(k))) receives = true;
            else if (Criticisms.Contains(doc.TokenText(k)))
            {
                // "faced questions", "under fire"; "questions arose"
                if (receives || k + 1 < doc.Tokens.Count && (doc.TokenIs(k + 1, "arose") || doc.TokenIs(k + 1, "arise") || doc.TokenIs(k + 1, "arisen")))
                {
                    d.SourceFirst = d.SourceEnd = -1;
                    return;
                }
            }
        }
    }

    private static readonly WordSet ReceivingVerbs = WordSet.Of("face faces faced facing draw draws drew drawn drawing under attract attracts attracted attracting");
    private static readonly WordSet Criticisms = WordSet.Of(
        "criticism criticisms questions question fire scrutiny backlash heat ridicule condemnation complaints accusations allegations charges concerns");

    /// <summary>
    /// "The Supreme Court justice, who has served since 1993, said …": a relative pronoun is the source of a cue inside its
    /// own clause ("…, who said …"); a cue after the comma that closes the clause is the main clause's, whose subject is
    /// the source.
    /// </summary>
    internal static void SourceBeforeRelativeClause(Document doc, AttributionDraft d)
    {
        if (d.SourceEnd - d.SourceFirst != 1 || d.CueFirst < 0 || d.SourceEnd >= d.CueFirst) return;
        if (!doc.TokenIs(d.SourceFirst, "who") && !doc.TokenIs(d.SourceFirst, "which")) return;
        int sentence = doc.SentenceOfToken[d.CueFirst];
        if (doc.SentenceOfToken[d.SourceFirst] != sentence) return;
        int k = d.CueFirst - 1;
        while (k > d.SourceEnd && IsLyAdverb(doc, k)) k--;
        if (k <= d.SourceEnd) return;
        int before = d.CueFirst;
        // "The Supreme Court justice -- who has been … -- said": a clause set off by dashes ends at the second
        if (AttributionFinder.IsDash(doc, k) && d.SourceFirst > 0 && AttributionFinder.IsDash(doc, d.SourceFirst - 1))
        {
            before = d.SourceFirst - 1;
            while (before > 0 && AttributionFinder.IsDash(doc, before - 1)) before--; // "--" is two tokens
        }
        else if (!AttributionFinder.IsPunct(doc, k, ',')) return;
        var (first, end) = AttributionFinder.SourceLeft(doc, before, doc.Sentences[sentence].FirstToken);
        if (first < 0 || first >= d.SourceFirst) return;
        d.SourceFirst = first;
        d.SourceEnd = end;
    }

    /// <summary>"…, whose members met last week to discuss …": "whose" and its noun are the source; the cue starts at the verb.</summary>
    internal static void WhoseWithItsNoun(Document doc, AttributionDraft d)
    {
        if (d.SourceEnd - d.SourceFirst != 1 || d.SourceEnd != d.CueFirst || !doc.TokenIs(d.SourceFirst, "whose")
            || doc.PosTags.Length != doc.Tokens.Count) return;
        int k = d.CueFirst;
        while (k < d.CueEnd && k - d.CueFirst < 3 && doc.PosTags[k] is PosTagger.Noun or PosTagger.Propn or PosTagger.Adj) k++;
        if (k == d.CueFirst || k >= d.CueEnd || doc.PosTags[k] is not (PosTagger.Verb or PosTagger.Aux)) return;
        d.SourceEnd = k;
        d.CueFirst = k;
    }

    /// <summary>
    /// "Expecting thousands for a protest, Mr. Burke said …", "Worried the nation might miss its target, the German
    /// government proposed …", "Asked by Matt Lauer whether …, she said": a participle opening the sentence is said by the
    /// main clause's subject (by the agent after "by" when it is "Asked").
    /// </summary>
    internal static void SourceAfterOpeningParticiple(Document doc, AttributionDraft d)
    {
        if (d.Kind == QuoteKind.Direct || d.HasSource || d.CueFirst < 0 || doc.PosTags.Length != doc.Tokens.Count) return;
        int sentence = doc.SentenceOfToken[d.CueFirst];
        var sent = doc.Sentences[sentence];
        if (d.CueFirst != sent.FirstToken || !doc.Tokens[d.CueFirst].IsCapitalized) return;
        var w = doc.TokenText(d.CueFirst);
        if (Questioned.Contains(w))
        {
            // "Asked by Matt Lauer whether …": the agent asked
            if (d.CueFirst + 1 < sent.EndToken && doc.TokenIs(d.CueFirst + 1, "by"))
            {
                int end = NameAfter(doc, d.CueFirst + 2, sent.EndToken);
                if (end > d.CueFirst + 2) (d.SourceFirst, d.SourceEnd) = (d.CueFirst + 2, end);
            }
            return;
        }
        bool participle = w.EndsWith("ing", StringComparison.OrdinalIgnoreCase) || StatesOfMind.Contains(w);
        if (!participle || doc.TokenIs(d.CueFirst, "according")) return;
        // the comma that ends the participle's phrase (after the reported words), then the subject and its verb
        int from = d.Content.Count > 0 ? Math.Max(d.CueEnd, doc.TokenAtOrAfter(d.Content[^1].End) - 1) : d.CueEnd;
        int comma = -1;
        for (int k = d.CueEnd; k < sent.EndToken; k++)
        {
            if (doc.QuotationOfToken[k] >= 0) continue;
            if (doc.TokenIs(k, ",") && k >= from) { comma = k; break; }
        }
        if (comma < 0) return;
        int subjectEnd = NameAfter(doc, comma + 1, sent.EndToken);
        if (subjectEnd <= comma + 1 || subjectEnd >= sent.EndToken || doc.PosTags[subjectEnd] is not (PosTagger.Verb or PosTagger.Aux)) return;
        (d.SourceFirst, d.SourceEnd) = (comma + 1, subjectEnd);
    }

    private static readonly WordSet Questioned = WordSet.Of("asked pressed questioned");

    /// <summary>
    /// "He’s predicted that …", "They’re saying …": a subject pronoun fused with the auxiliary of the cue after it is that
    /// cue's source. The rankers, which learnt from PolNeAR's drawing of the auxiliary inside the cue ("’s predicted"),
    /// draw the fused word into the cue and then find no source, or a source elsewhere; the assembler gives the pronoun
    /// to the source and the auxiliary to the cue.
    /// </summary>
    internal static void SourceFusedWithAuxiliary(Document doc, AttributionDraft d)
    {
        if (d.CueFirst < 0) return;
        int k = d.CueFirst;
        if (!IsPronounFusedWithAuxiliary(doc, k))
        {
            k = d.CueFirst - 1;
            if (k < 0 || !IsPronounFusedWithAuxiliary(doc, k) || doc.SentenceOfToken[k] != doc.SentenceOfToken[d.CueFirst]) return;
        }
        else if (d.CueEnd - d.CueFirst < 2) return;
        if (doc.QuotationOfToken[k] >= 0 != (doc.QuotationOfToken[d.CueEnd - 1] >= 0)) return;
        // "I’m thrilled to announce" in a tweet the rankers gave its author: the first and second persons name no one by
        // themselves, so they fill only a missing source
        var pronoun = Lexicon.WithoutPronounContraction(doc.TokenText(k));
        bool third = pronoun.Equals("he", StringComparison.OrdinalIgnoreCase) || pronoun.Equals("she", StringComparison.OrdinalIgnoreCase)
                     || pronoun.Equals("they", StringComparison.OrdinalIgnoreCase);
        if (!third && d.HasSource && (d.SourceEnd <= k || d.SourceFirst > k)) return;
        d.CueFirst = k + 1;
        (d.SourceFirst, d.SourceEnd) = (k, k + 1);
    }

    /// <summary>She’s, they’re, I’ve, we’ll, he’d (not it’s, there’s: no one speaks there).</summary>
    internal static bool IsPronounFusedWithAuxiliary(Document doc, int k)
    {
        if (doc.Tokens[k].Kind != TokenKind.Word) return false;
        var word = doc.TokenText(k);
        var pronoun = Lexicon.WithoutPronounContraction(word);
        return pronoun.Length < word.Length && SpeakingPronouns.Contains(pronoun);
    }

    /// <summary>
    /// "Polls show that …", "But many mention Obama …", "Some may recall …", "Scarborough retweeted the message": a report
    /// the rankers left without a source whose cue opens on the verb right after the sentence's subject (the whole of the
    /// sentence before it, after a leading conjunction) is that subject's.
    /// </summary>
    internal static void SubjectRightBeforeCue(Document doc, AttributionDraft d)
    {
        if (d.Kind == QuoteKind.Direct || d.HasSource || d.CueFirst < 1 || d.Rule == AttributionRule.Seeming
            || doc.PosTags.Length != doc.Tokens.Count) return;
        // the cue opens on its verb, which the tagger reads as a noun now and then ("Polls show", "But many mention")
        if (doc.PosTags[d.CueFirst] is not (PosTagger.Verb or PosTagger.Aux or PosTagger.Noun) || doc.Tokens[d.CueFirst].IsCapitalized) return;
        // how things look is reported with no source ("The speaker appeared closer to …"; see SeemingReports)
        if (LookVerbs.Contains(doc.TokenText(d.CueFirst))) return;
        // a passive's subject is not who speaks ("Rubio was asked by the moderator whether …"): PassiveSubjectIsNoSource
        for (int k = d.CueFirst; k + 1 < d.CueEnd; k++)
            if (BeForms.Contains(doc.TokenText(k)) && IsParticipleOfSaying(doc, k + 1)) return;
        var sent = doc.Sentences[doc.SentenceOfToken[d.CueFirst]];
        int first = sent.FirstToken;
        // after an opening phrase and its comma: "With 222 delegates at stake, she is assured of …"
        if (d.CueFirst - first > 6 && doc.PosTags[first] is PosTagger.Adp or PosTagger.Sconj or PosTagger.Adv
            || doc.PosTags[first] == PosTagger.Verb && doc.TokenText(first).EndsWith("ing", StringComparison.OrdinalIgnoreCase))
        {
            int comma = -1;
            for (int k = d.CueFirst - 1; k > first && k >= d.CueFirst - 7; k--)
                if (doc.TokenIs(k, ",")) { comma = k; break; }
            if (comma < 0) return;
            first = comma + 1;
        }
        while (first < d.CueFirst && (doc.Tokens[first].Kind == TokenKind.QuoteMark || doc.TokenIs(first, "But") || doc.TokenIs(first, "And"))) first++;
        if (first >= d.CueFirst || d.CueFirst - first > 6) return;
        if (first + 1 == d.CueFirst && doc.PosTags[first] == PosTagger.Pron)
        {
            // "it" and "there" stand for no one here ("It is unclear whether …")
            if (!Quantifiers.Contains(doc.TokenText(first)) && !SpeakingPronouns.Contains(doc.TokenText(first))) return;
            (d.SourceFirst, d.SourceEnd) = (first, d.CueFirst);
            return;
        }
        bool head = false;
        for (int k = first; k < d.CueFirst; k++)
        {
            var t = doc.Tokens[k];
            bool ok = t.Kind == TokenKind.Word && (doc.PosTags[k] is PosTagger.Det or PosTagger.Adj or PosTagger.Noun or PosTagger.Propn or PosTagger.Num
                          || Quantifiers.Contains(doc.TokenText(k)) || doc.TokenIs(k, "not") && k == first)
                      || IsPossessive(doc, k) && !Contractions.Contains(doc.TokenText(k))
                      || t.Kind == TokenKind.Punctuation && doc.Text[t.Start] == '.' && k > first && Lexicon.Abbreviations.Contains(doc.TokenText(k - 1));
            if (!ok || doc.QuotationOfToken[k] >= 0 || Contractions.Contains(doc.TokenText(k))) return;
            head |= doc.PosTags[k] is PosTagger.Noun or PosTagger.Propn || Quantifiers.Contains(doc.TokenText(k));
        }
        if (!head) return;
        (d.SourceFirst, d.SourceEnd) = (first, d.CueFirst);
    }

    /// <summary>
    /// "rejected the notion that …", "repeating a false claim that …", "backed away from a suggestion that …": a noun that
    /// names what is said, with its determiner, is the start of the reported words, not the end of the cue (PolNeAR draws
    /// it so about two times in three); "made the case that", "said in a statement that" keep theirs.
    /// </summary>
    internal static void ContentNounOutOfCue(Document doc, AttributionDraft d)
    {
        if (d.Kind == QuoteKind.Direct || d.Content.Count == 0 || d.CueFirst < 0 || d.CueEnd - d.CueFirst < 3 || doc.PosTags.Length != doc.Tokens.Count) return;
        int noun = d.CueEnd - 1;
        if (!ContentNouns.Contains(doc.TokenText(noun))) return;
        int content = doc.TokenAtOrAfter(d.Content[0].Start);
        // the reported words open on "that" right after the noun (or right after it, "that" left out of the span)
        if (!(content == d.CueEnd && doc.TokenIs(content, "that") || content == d.CueEnd + 1 && doc.TokenIs(d.CueEnd, "that"))) return;
        int k = noun - 1;
        while (k > d.CueFirst && doc.PosTags[k] is PosTagger.Adj or PosTagger.Noun && !IsPossessive(doc, k)) k--;
        if (k <= d.CueFirst || !(doc.PosTags[k] == PosTagger.Det || IsPossessive(doc, k) || Possessives.Contains(doc.TokenText(k).ToString().ToLowerInvariant()))) return;
        // a verb must stay in the cue
        bool verb = false;
        for (int j = d.CueFirst; j < k; j++)
        {
            if (doc.PosTags[j] is not PosTagger.Verb) continue;
            // a light verb with its noun is the cue: "made the suggestion that", "floated the idea that"
            if (LightVerbs.Contains(doc.TokenText(j))) return;
            verb = true;
        }
        if (!verb) return;
        d.Content[0] = new TextSpan(doc.Tokens[k].Start, d.Content[0].End);
        d.CueEnd = k;
    }

    private static readonly WordSet LightVerbs = WordSet.Of("make makes made making float floats floated floating raise raises raised raising offer offers offered offering");
    private static readonly WordSet ContentNouns = WordSet.Of(
        "idea notion fact suggestion argument accusation view narrative belief assertion news claim allegation contention theory rumor");

    /// <summary>
    /// Words the cue lists take for saying that here do not say anything: "states" as a noun ("the four states that cast
    /// votes"), "given" as a preposition ("a smart move given that …"), and "took", "knew", "felt" alone ("took the
    /// stage", "she knew that I had won", "I felt like I had no voice"): on the kept-back slices of PolNeAR train these
    /// were right about one time in ten.
    /// </summary>
    internal static bool CueIsNoSaying(Document doc, AttributionDraft d)
    {
        // a mixed report keeps its quoted words whatever its cue (they are a direct quote's too)
        if (d.Kind != QuoteKind.Indirect || d.CueFirst < 0 || d.CueEnd <= d.CueFirst || doc.PosTags.Length != doc.Tokens.Count) return false;
        int last = d.CueEnd - 1;
        var w = doc.TokenText(last);
        int words = 0;
        for (int k = d.CueFirst; k < d.CueEnd; k++)
            if (doc.Tokens[k].Kind == TokenKind.Word && !Lexicon.CueAdverbs.Contains(doc.TokenText(k)) && !IsLyAdverb(doc, k)) words++;
        if (w.Equals("states", StringComparison.OrdinalIgnoreCase) || w.Equals("state", StringComparison.OrdinalIgnoreCase))
            return doc.PosTags[last] is PosTagger.Noun or PosTagger.Propn
                   || last > 0 && doc.PosTags[last - 1] is PosTagger.Det or PosTagger.Num or PosTagger.Adj;
        if (w.Equals("given", StringComparison.OrdinalIgnoreCase))
            return d.CueFirst == 0 || !GivenAuxiliaries.Contains(doc.TokenText(d.CueFirst - 1)) && !GivenAuxiliaries.Contains(doc.TokenText(last - 1));
        // "“She just made it up,” he said of the claim": what the words were about, not another report
        if (w.Equals("of", StringComparison.OrdinalIgnoreCase) && words == 2 && last > d.CueFirst && SaidOf.Contains(doc.TokenText(last - 1))) return true;
        return words == 1 && (w.Equals("took", StringComparison.OrdinalIgnoreCase) || w.Equals("knew", StringComparison.OrdinalIgnoreCase)
                              || w.Equals("felt", StringComparison.OrdinalIgnoreCase));
    }

    private static readonly WordSet SaidOf = WordSet.Of("said says say saying wrote writes asked");
    private static readonly WordSet GivenAuxiliaries = WordSet.Of("is are was were be been being has have had having");

    /// <summary>
    /// "“…,” Starr said during a panel discussion on …", "“…,” he said in Las Vegas at a forum …": the words after the cue
    /// of a quotation, opening on a preposition, are where and when it was said, not another report.
    /// </summary>
    internal static bool OccasionOfAQuotation(Document doc, AttributionDraft d, HashSet<int>? quotedCues)
    {
        if (quotedCues is null || d.Kind != QuoteKind.Indirect || d.Content.Count == 0 || d.CueFirst < 0 || !quotedCues.Contains(d.CueFirst)) return false;
        int first = doc.TokenAtOrAfter(d.Content[0].Start);
        if (first < d.CueEnd || first >= doc.Tokens.Count) return false;
        for (int k = d.CueEnd; k < first; k++)
            if (doc.Tokens[k].Kind == TokenKind.Word && !IsLyAdverb(doc, k) && !Lexicon.Weekdays.Contains(doc.TokenText(k))) return false;
        // where and when, not the words' own opening ("that", "if", "whether", a reason, an object)
        return OccasionOpeners.Contains(doc.TokenText(first));
    }

    /// <summary>
    /// "said the decision, which struck down restrictions …, illustrates the importance of …", "said their stump speeches,
    /// already replete with references …, would focus on …": reported words that stop at a subject with no verb, before an
    /// aside between commas, go on through the aside to the verb after it and the end of the sentence.
    /// </summary>
    internal static void ContentThroughAside(Document doc, AttributionDraft d)
    {
        if (d.Kind == QuoteKind.Direct || d.Content.Count != 1 || d.CueFirst < 0 || doc.PosTags.Length != doc.Tokens.Count) return;
        int first = doc.TokenAtOrAfter(d.Content[0].Start), end = doc.TokenAtOrAfter(d.Content[0].End);
        if (first < d.CueEnd || end >= doc.Tokens.Count || !doc.TokenIs(end, ",")) return;
        // a verb that takes a clause ("said", "argued", "believed"), not a participle taking an object ("supporting Mr. Cruz,")
        int cueLast = d.CueEnd - 1;
        if (doc.PosTags[cueLast] != PosTagger.Verb || doc.TokenText(cueLast).EndsWith("ing", StringComparison.OrdinalIgnoreCase)) return;
        // a relative clause's verb and its object ("who has not backed Mr. Trump, Susana Martinez …, appeared")
        if (d.SourceEnd - d.SourceFirst == 1 && RelativeWords.Contains(doc.TokenText(d.SourceFirst))) return;
        var sent = doc.Sentences[doc.SentenceOfToken[first]];
        if (doc.SentenceOfToken[end] != doc.SentenceOfToken[first]) return;
        for (int k = first; k < end; k++)
            if (doc.PosTags[k] is PosTagger.Verb or PosTagger.Aux || doc.QuotationOfToken[k] >= 0) return;
        // the aside: a relative clause or a phrase, closed by a comma right before a verb
        int close = -1;
        for (int k = end + 1; k < sent.EndToken && k <= end + 30; k++)
        {
            if (doc.QuotationOfToken[k] >= 0 || doc.Tokens[k].Kind == TokenKind.QuoteMark) return;
            // a clause joined by a conjunction is no aside ("the claim, and Mr. Hurt's book included …")
            if (doc.PosTags[k] == PosTagger.Cconj) return;
            if (!doc.TokenIs(k, ",")) continue;
            close = k;
            break;
        }
        if (close < 0 || close + 1 >= sent.EndToken || doc.PosTags[close + 1] is not (PosTagger.Verb or PosTagger.Aux)
            || doc.TokenText(close + 1).EndsWith("ing", StringComparison.OrdinalIgnoreCase)) return;
        int last = sent.EndToken - 1;
        while (last > close + 1 && doc.Tokens[last].Kind is TokenKind.Punctuation or TokenKind.QuoteMark) last--;
        d.Content[0] = new TextSpan(d.Content[0].Start, doc.Tokens[last].End);
    }

    /// <summary>
    /// "Abortion opponents said the ruling … shows the stakes": a verb inside the words a source is reported to have said is
    /// not that source's own cue (the ruling shows, not the opponents); a participle or a verb after "and" goes on with the
    /// source's own sentence ("…, warning it could default", "and jokes about …") and stays.
    /// </summary>
    internal static bool CueInsideOwnWords(Document doc, AttributionDraft d) => CueInsideOwnWords(doc, d, OwnWordsIndex(doc));

    /// <summary>The content parts of the reports with a cue and a source, by source span, each list sorted by start: built
    /// once per article so that each report looks up only the parts around its cue.</summary>
    internal static Dictionary<(int, int), List<(int Start, int End, int CueFirst)>> OwnWordsIndex(Document doc)
    {
        var index = new Dictionary<(int, int), List<(int Start, int End, int CueFirst)>>();
        foreach (var o in doc.Attributions)
        {
            if (o.Kind == QuoteKind.Direct || o.CueFirst < 0 || !o.HasSource) continue;
            if (!index.TryGetValue((o.SourceFirst, o.SourceEnd), out var parts)) index[(o.SourceFirst, o.SourceEnd)] = parts = [];
            foreach (var part in o.Content) parts.Add((part.Start, part.End, o.CueFirst));
        }
        foreach (var parts in index.Values) parts.Sort((a, b) => a.Start.CompareTo(b.Start));
        return index;
    }

    internal static bool CueInsideOwnWords(Document doc, AttributionDraft d, Dictionary<(int, int), List<(int Start, int End, int CueFirst)>> index)
    {
        if (d.Kind != QuoteKind.Indirect || d.CueFirst < 1 || !d.HasSource) return false;
        if (doc.TokenText(d.CueFirst).EndsWith("ing", StringComparison.OrdinalIgnoreCase) || doc.TokenIs(d.CueFirst - 1, "and")) return false;
        if (!index.TryGetValue((d.SourceFirst, d.SourceEnd), out var parts)) return false;
        int cueStart = doc.Tokens[d.CueFirst].Start;
        // the last part starting at or before the cue, then a few before it (parts of one source rarely nest deeper)
        int lo = 0, hi = parts.Count - 1, at = -1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (parts[mid].Start <= cueStart) { at = mid; lo = mid + 1; }
            else hi = mid - 1;
        }
        for (int i = at; i >= 0 && i > at - 32; i--)
        {
            var part = parts[i];
            if (part.End <= cueStart || part.CueFirst >= d.CueFirst) continue;
            // the words' own subject right before the verb speaks there ("until Haley said she was backing …",
            // "and that he thinks it would pass"); with none, the report is the outer one's words
            int from = doc.TokenAtOrAfter(part.Start);
            var (sf, se) = AttributionFinder.SourceLeft(doc, d.CueFirst, Math.Max(from, doc.Sentences[doc.SentenceOfToken[d.CueFirst]].FirstToken));
            if (sf >= from && se <= d.CueFirst && se - sf <= 4 && !doc.TokenIs(se - 1, ",") && !ClauseSubordinators.Contains(doc.TokenText(sf)))
            {
                (d.SourceFirst, d.SourceEnd) = (sf, se);
                return false;
            }
            return true;
        }
        return false;
    }

    private static readonly WordSet OccasionOpeners = WordSet.Of(
        "during at in on before after while when as with without from outside inside over via through following amid upon near");
    private static readonly WordSet Quantifiers = WordSet.Of("some many few all both another most several others everyone everybody none one");
    private static readonly WordSet SpeakingPronouns = WordSet.Of("he she they we i you");
    private static readonly WordSet Contractions = WordSet.Of("it's it’s that's that’s there's there’s what's what’s here's here’s he's he’s she's she’s");
    private static readonly WordSet LookVerbs = WordSet.Of("seem seems seemed appear appears appeared look looks looked");

    /// <summary>The end of a noun phrase starting at <paramref name="k"/> (a determiner, adjectives, nouns, names, a
    /// possessive, a pronoun alone), or <paramref name="k"/> when none starts there.</summary>
    private static int NameAfter(Document doc, int k, int limit)
    {
        int end = k;
        if (end < limit && doc.PosTags[end] == PosTagger.Pron && doc.Tokens[end].Kind == TokenKind.Word) return end + 1;
        while (end < limit && end - k < 8)
        {
            var t = doc.Tokens[end];
            if (doc.QuotationOfToken[end] >= 0) break;
            if (t.Kind == TokenKind.Word && doc.PosTags[end] is PosTagger.Det or PosTagger.Adj or PosTagger.Noun or PosTagger.Propn or PosTagger.Num)
            {
                end++;
                continue;
            }
            // "Trump's inner circle", "Mr. Burke"
            if (IsPossessive(doc, end) || t.Kind == TokenKind.Punctuation && doc.Text[t.Start] == '.' && end > k && doc.Tokens[end - 1].End == t.Start
                && Lexicon.Abbreviations.Contains(doc.TokenText(end - 1)))
            {
                end++;
                continue;
            }
            break;
        }
        for (int j = k; j < end; j++)
            if (doc.PosTags[j] is PosTagger.Noun or PosTagger.Propn) return end;
        return k;
    }

    private static bool RelativeBetween(Document doc, int from, int to)
    {
        for (int j = from; j < to; j++)
            if (doc.TokenIs(j, "whose") || doc.TokenIs(j, "who") || doc.TokenIs(j, "which")) return true;
        return false;
    }

    private static bool IsLyAdverb(Document doc, int k) => doc.Tokens[k].Kind == TokenKind.Word && AttributionFinder.IsLyAdverb(doc, k);

    /// <summary>A participle ("known", "criticized") that is not a state of mind ("convinced", "worried").</summary>
    private static bool IsParticipleOfSaying(Document doc, int k)
    {
        var w = doc.TokenText(k);
        return !StatesOfMind.Contains(w) && (w.EndsWith("ed", StringComparison.OrdinalIgnoreCase) || IrregularParticiples.Contains(w));
    }

    private static readonly WordSet BeForms = WordSet.Of("is are was were be been being");
    private static readonly WordSet PassiveAuxiliaries = WordSet.Of("is are was were be been being has have had will would may might can could should also long still");
    /// <summary>Passives whose subject is the speaker: "county officials were quoted as doubting", "was heard telling".</summary>
    private static readonly WordSet SpeakerParticiples = WordSet.Of("quoted heard overheard recorded caught filmed taped videotaped");
    private static readonly WordSet IrregularParticiples = WordSet.Of("seen known told asked thought held shown given taken written spoken heard said made");
    private static readonly WordSet StatesOfMind = WordSet.Of("""
        convinced worried concerned shocked determined interested pleased disappointed surprised frustrated undecided
        divided excited encouraged troubled alarmed dismayed puzzled perplexed satisfied relieved prepared opposed committed
        inclined resigned angered outraged upset irritated split torn annoyed offended delighted thrilled scared terrified
        frightened horrified amazed stunned confused unconvinced unimpressed impressed disturbed bothered tired fed
        focused mystified assured united
        """);

    /// <summary>
    /// A source the rankers ran on into the occasion ("Ted Cruz, when asked what he would change, said", "said Sen. Tom
    /// Hale when pressed") ends before it: the occasion is not who spoke.
    /// </summary>
    internal static void SourceBeforeOccasion(Document doc, AttributionDraft d)
    {
        if (d.SourceFirst < 0 || doc.PosTags.Length != doc.Tokens.Count) return;
        for (int k = d.SourceFirst + 1; k + 1 < d.SourceEnd; k++)
        {
            if (!doc.TokenIs(k, "when") || !IsEdParticiple(doc, k + 1)) continue;
            int end = k;
            while (end > d.SourceFirst + 1 && doc.Tokens[end - 1].Kind == TokenKind.Punctuation) end--;
            d.SourceEnd = end;
            return;
        }
    }

    /// <summary>
    /// A source the rankers ran over a clause's verb is a subject: the next clause's, when the source runs on into it (“the
    /// debate progressed and Trump [said]”, “…, but none uncovered that she [talked]”), else the verb's own (“Mr. Obama
    /// appeared before reporters … to discuss”, “Bernie Sanders and Ted Cruz both campaigned hard in Arizona, hoping”).
    /// A relative clause or an aside in the source is the annotators' to keep (“Smith, who spoke on Monday,”), and a
    /// participle after a comma describes the source (“The poll, released on Wednesday”).
    /// </summary>
    internal static void SourceWithoutClause(Document doc, AttributionDraft d)
    {
        if (d.SourceFirst < 0 || d.SourceEnd - d.SourceFirst < 3 || doc.PosTags.Length != doc.Tokens.Count) return;
        if (d.CueFirst >= d.SourceFirst && d.CueFirst < d.SourceEnd) return;
        int verb = -1;
        for (int k = d.SourceFirst; k < d.SourceEnd && verb < 0; k++)
        {
            if (doc.TokenIs(k, "who") || doc.TokenIs(k, "whose") || doc.TokenIs(k, "which") || doc.TokenIs(k, "whom")
                || doc.TokenIs(k, "(") || doc.Tokens[k].Kind == TokenKind.QuoteMark || doc.QuotationOfToken[k] >= 0) return;
            if (k == d.SourceFirst || doc.PosTags[k] is not (PosTagger.Verb or PosTagger.Aux) || doc.Tokens[k].IsCapitalized) continue;
            var w = doc.TokenText(k);
            if (w.EndsWith("ing", StringComparison.OrdinalIgnoreCase) || w.StartsWith('\'') || w.StartsWith('’') || w.Contains('-')) continue; // "Clinton's", "op-ed"
            bool ed = doc.PosTags[k] == PosTagger.Verb && w.EndsWith("ed", StringComparison.OrdinalIgnoreCase);
            // A verb by its form (an auxiliary, -ed, -s): the tagger reads some nouns of titles as verbs ("an international
            // relations expert at", "a Sanders superdelegate from", "County freeholder Ernest D. Coursey").
            if (doc.PosTags[k] == PosTagger.Verb && !ed && !(w.EndsWith('s') && !w.EndsWith("ss", StringComparison.Ordinal))) continue;
            // A participle describing the noun before it: "a commission appointed by", "Democrats involved in", "a super
            // PAC connected to".
            if (ed && (doc.PosTags.Length > k + 1 && doc.PosTags[k + 1] == PosTagger.Adp && !doc.TokenIs(k + 1, "before"))) continue;
            // A noun the tagger may have read as a verb: "Clinton campaign officials".
            if (!ed && doc.PosTags[k] == PosTagger.Verb && k + 1 < d.SourceEnd
                && (doc.PosTags[k + 1] is PosTagger.Noun or PosTagger.Propn || doc.Tokens[k + 1].IsCapitalized)) continue;
            if (EndsSubject(doc, k, d.SourceFirst, ed)) verb = k;
        }
        if (verb < 0) return;
        // The next clause's subject: a few words after "and", "but", "that", a dash or a semicolon, right before the cue
        // (not the object a participle's subject ran over: "Clinton has expressed frustration, and even a little
        // trepidation, …, recently telling").
        for (int k = d.SourceEnd - 1; k > verb && d.CueFirst == d.SourceEnd; k--)
        {
            if (!(doc.TokenIs(k, "and") || doc.TokenIs(k, "but") || doc.TokenIs(k, "that") && IsComplementizer(doc, k) || doc.TokenIs(k, ";")
                  || AttributionFinder.IsDash(doc, k))) continue;
            if (d.SourceEnd - (k + 1) is >= 1 and <= 4 && doc.PosTags[k + 1] is not (PosTagger.Adv or PosTagger.Adp))
            {
                for (int j = k + 1; j < d.SourceEnd; j++)
                    if (doc.PosTags[j] is PosTagger.Verb or PosTagger.Aux) return;
                d.SourceFirst = k + 1;
            }
            return;
        }
        // The verb's subject: after the opening phrase's comma and a leading conjunction, before a closing adverb; a
        // clause joined after the comma ("Mr. Sperling, but she has developed", "Reince Priebus, though he added",
        // "other measures, such as whether she is") leaves the source before it.
        int first = d.SourceFirst;
        for (int k = verb - 1; k > d.SourceFirst; k--)
        {
            if (!doc.TokenIs(k, ",")) continue;
            for (int j = k + 1; j < verb; j++)
                if (IsAnyOf(doc, j, Joiners))
                {
                    for (int i = d.SourceFirst; i < k; i++)
                        if (doc.PosTags[i] is PosTagger.Verb or PosTagger.Aux && !doc.Tokens[i].IsCapitalized) return;
                    d.SourceEnd = k;
                    return;
                }
            // an opening phrase ("Ahead of the March 1 contests, Rubio assumed", "Tex., Mr. Trump was"), not a name and
            // its apposition ("Marcia Smith, senior vice president, Teck wants" keeps its name)
            if (k - d.SourceFirst <= 2 || doc.PosTags[d.SourceFirst + 1] == PosTagger.Adp
                || doc.PosTags[d.SourceFirst] is not (PosTagger.Propn or PosTagger.Noun or PosTagger.Det or PosTagger.Pron))
                first = k + 1;
            break;
        }
        if (doc.TokenIs(first, "but") || doc.TokenIs(first, "and")) first++;
        int end = verb;
        while (end > first + 1 && (doc.PosTags[end - 1] == PosTagger.Adv || doc.TokenIs(end - 1, "both") || doc.TokenIs(end - 1, "all"))) end--;
        if (end > first) { d.SourceFirst = first; d.SourceEnd = end; }
    }

    private static readonly string[] Joiners = ["but", "and", "though", "although", "while", "because", "since", "if", "when", "whether", "how", "as", "so", "yet", "what", "where"];

    private static readonly string[] Possessives = ["his", "her", "its", "their", "our", "my", "your"];
    private static readonly string[] PersonalPronouns = ["he", "she", "it", "they", "we", "i", "you"];

    /// <summary>
    /// A source ends at its noun: not on a preposition the rankers stopped at ("a CNN/ORC poll in", "a congressional
    /// report on"), not on the time of its verb ("Party leaders long ago"), not over a speech verb set off after it
    /// ("Clinton, 35, the daughter of …, said on Twitter on Monday").
    /// </summary>
    internal static void SourceWithoutTrailingWords(Document doc, AttributionDraft d)
    {
        if (d.SourceFirst < 0 || d.SourceEnd - d.SourceFirst < 2 || doc.PosTags.Length != doc.Tokens.Count) return;
        if (d.CueFirst >= d.SourceFirst && d.CueFirst < d.SourceEnd) return;
        for (int k = d.SourceFirst + 1; k + 1 < d.SourceEnd; k++)
            if (doc.TokenIs(k, ",") && doc.QuotationOfToken[k] < 0 && (doc.TokenIs(k + 1, "said") || doc.TokenIs(k + 1, "says") || AsideAfterSource(doc, k + 1)))
            {
                d.SourceEnd = k;
                return;
            }
        int end = d.SourceEnd;
        if (end - d.SourceFirst > 2 && doc.TokenIs(end - 1, "ago") && doc.TokenIs(end - 2, "long"))
        {
            end -= 2;
            if (d.CueFirst == d.SourceEnd) d.CueFirst = end; // "[long ago picked]", as the annotators draw the cue
        }
        while (end - d.SourceFirst > 1 && doc.PosTags[end - 1] == PosTagger.Adp && !doc.Tokens[end - 1].IsCapitalized) end--;
        if (end == d.SourceEnd) return; // a party tag's bracket ("Rep. Tom Reeves (D-Iowa)") stays
        while (end - d.SourceFirst > 1 && doc.Tokens[end - 1].Kind == TokenKind.Punctuation) end--;
        d.SourceEnd = end;
    }

    private static readonly WordSet AsideOpeners = WordSet.Of("while when after before though although once");
    private static readonly WordSet AsideAdverbs = WordSet.Of("however meanwhile too also instead likewise");
    private static readonly WordSet Reflexives = WordSet.Of("himself herself themselves itself");

    /// <summary>
    /// After a source's comma, an aside on the occasion, not the speaker's name: a participle ("President Obama, tweeting
    /// after the speech,"), a time clause ("Perry, while still a candidate,"), an adverb ("Ted Cruz, by contrast,"),
    /// a reflexive ("Tester, himself up for reelection,").
    /// </summary>
    private static bool AsideAfterSource(Document doc, int k)
    {
        if (doc.PosTags[k] == PosTagger.Verb && doc.TokenText(k).EndsWith("ing", StringComparison.OrdinalIgnoreCase)) return true;
        if (AsideOpeners.Contains(doc.TokenText(k))) return true;
        if (AsideAdverbs.Contains(doc.TokenText(k)) || doc.TokenIs(k, "by") && doc.TokenIs(k + 1, "contrast")
            || doc.TokenIs(k, "for") && (doc.TokenIs(k + 1, "instance") || doc.TokenIs(k + 1, "example"))) return true;
        return Reflexives.Contains(doc.TokenText(k));
    }

    /// <summary>A subject can end right before <paramref name="verb"/>: a noun, a name or a pronoun, maybe with an adverb
    /// after it ("She later recanted", "Sanders and Cruz both campaigned").</summary>
    private static bool EndsSubject(Document doc, int verb, int first, bool edForm)
    {
        int k = verb - 1, next = verb + 1;
        if (k > first && (doc.PosTags[k] == PosTagger.Adv || doc.TokenIs(k, "both") || doc.TokenIs(k, "all"))) k--;
        if (IsAnyOf(doc, k, Possessives)) return false; // "her failed 2008 run"

        // After a common noun, an -ed form before a name or a number is a participle describing it ("a group called
        // Citizens for Trump", "a poll released Sunday"); else, and after a name or a pronoun, the verb of its clause
        // ("Mr. Obama appeared", "The debate progressed").
        if (edForm && doc.PosTags[k] == PosTagger.Noun && (next >= doc.Tokens.Count || doc.Tokens[next].IsCapitalized || doc.PosTags[next] == PosTagger.Num))
            return false;
        return doc.PosTags[k] is PosTagger.Noun or PosTagger.Propn or PosTagger.Pron && !doc.TokenIs(k, "that");
    }

    /// <summary>
    /// A cue the edge ranker drew over the time phrase before its verb ("Rep. Tom Reeves last month said") starts at the
    /// verb: the time is when, not how, the words were said (as PolNeAR's annotators mostly draw it).
    /// </summary>
    internal static void CueAfterTime(Document doc, AttributionDraft d)
    {
        if (d.CueFirst < 0 || d.CueEnd - d.CueFirst < 2) return;
        int end = AttributionFinder.TimePhrase(doc, d.CueFirst, d.CueEnd);
        if (end > d.CueFirst && end < d.CueEnd) d.CueFirst = end;
    }

    /// <summary>
    /// A source the rankers ended on a title or an initial ("Mr" of "Mr. Trump", "Diane D" of "Diane D. Blair") takes the
    /// period and the capitalised name after it.
    /// </summary>
    internal static void SourceThroughName(Document doc, AttributionDraft d)
    {
        if (d.SourceFirst < 0) return;
        int last = d.SourceEnd - 1;
        var w = doc.TokenText(last);
        bool titleOrInitial = (w.Length == 1 && char.IsUpper(w[0])) || Lexicon.Abbreviations.Contains(w);
        int dot = d.SourceEnd, name = dot + 1;
        if (!titleOrInitial || name >= doc.Tokens.Count || doc.Tokens[dot].Kind != TokenKind.Punctuation || doc.Text[doc.Tokens[dot].Start] != '.'
            || doc.Tokens[dot].Start != doc.Tokens[last].End || doc.SentenceOfToken[name] != doc.SentenceOfToken[last]) return;
        int limit = d.CueFirst >= name ? d.CueFirst : doc.Tokens.Count; // never into the cue after it
        int end = name;
        while (end < limit && doc.SentenceOfToken[end] == doc.SentenceOfToken[last] && doc.Tokens[end].Kind == TokenKind.Word
               && doc.Tokens[end].IsCapitalized && doc.QuotationOfToken[end] < 0)
            end++;
        if (end > name) d.SourceEnd = end;
    }

    /// <summary>
    /// A source the rankers ended inside a name ("Hillary" of "Hillary Clinton descended on ..., delivering") runs to the
    /// name's end: a mention never cuts a proper name in two.
    /// </summary>
    internal static void SourceThroughProperName(Document doc, AttributionDraft d)
    {
        if (d.SourceFirst < 0 || doc.PosTags.Length != doc.Tokens.Count) return;
        int last = d.SourceEnd - 1;
        if (doc.PosTags[last] != PosTagger.Propn) return;
        int limit = d.CueFirst >= d.SourceEnd ? d.CueFirst : doc.Tokens.Count; // never into the cue after it
        int end = d.SourceEnd;
        while (end < limit && end - d.SourceEnd < 3 && doc.Tokens[end].Kind == TokenKind.Word && doc.Tokens[end].IsCapitalized
               && doc.PosTags[end] == PosTagger.Propn && doc.QuotationOfToken[end] < 0 && doc.SentenceOfToken[end] == doc.SentenceOfToken[last]
               && doc.Tokens[end].Start == doc.Tokens[end - 1].End + 1
               && !Lexicon.Weekdays.Contains(doc.TokenText(end)) && !Lexicon.Months.Contains(doc.TokenText(end)))
            end++;
        d.SourceEnd = end;
    }

    /// <summary>
    /// A source the rankers ended on a name that qualifies the noun after it ("The Sanders" of "The Sanders campaign pushed
    /// back …, calling it …") runs to that noun: the speaker is the campaign, not the man.
    /// </summary>
    internal static void SourceThroughHeadNoun(Document doc, AttributionDraft d)
    {
        if (d.SourceFirst < 0 || doc.PosTags.Length != doc.Tokens.Count) return;
        int last = d.SourceEnd - 1;
        if (doc.PosTags[last] != PosTagger.Propn || !doc.Tokens[last].IsCapitalized) return;
        int limit = d.CueFirst >= d.SourceEnd ? d.CueFirst : doc.Tokens.Count;
        if (d.Content.Count > 0 && d.Content[0].Start >= doc.Tokens[last].End) limit = Math.Min(limit, doc.TokenAtOrAfter(d.Content[0].Start));
        int end = d.SourceEnd;
        while (end < limit && end - d.SourceEnd < 2 && doc.Tokens[end].Kind == TokenKind.Word && !doc.Tokens[end].IsCapitalized
               && doc.PosTags[end] == PosTagger.Noun && IsSpeakerHead(doc.TokenText(end)) && doc.QuotationOfToken[end] < 0
               && doc.SentenceOfToken[end] == doc.SentenceOfToken[last] && doc.Tokens[end].Start == doc.Tokens[end - 1].End + 1)
            end++;
        d.SourceEnd = end;
    }

    /// <summary>A noun that heads a speaker's mention after a name qualifying it: supporters, officials, aide, and the common
    /// nouns of organisations (campaign, government).</summary>
    private static bool IsSpeakerHead(ReadOnlySpan<char> w) =>
        Lexicon.GroupHeads.Contains(w) || Lexicon.PersonDescriptionHeads.Contains(w) || OrganisationHeads.Contains(w);

    private static readonly WordSet OrganisationHeads = WordSet.Of("""
        campaign government administration camp team office statement release committee agency department ministry supporter ally
        """);

    /// <summary>
    /// "a CNN report from last week in which White House officials were quoted as …": a relative pronoun opens the clause
    /// whose subject is the source, so a source the rankers drew over it starts after it.
    /// </summary>
    internal static void SourceAfterRelative(Document doc, AttributionDraft d)
    {
        if (d.SourceFirst < 0 || d.SourceEnd - d.SourceFirst < 3) return;
        for (int k = d.SourceEnd - 2; k > d.SourceFirst; k--)
        {
            bool relative = (doc.TokenIs(k, "which") || doc.TokenIs(k, "whom")) && doc.PosTags.Length == doc.Tokens.Count
                            && doc.PosTags[k - 1] == PosTagger.Adp
                            || doc.TokenIs(k, "where");
            if (!relative) continue;
            d.SourceFirst = k + 1;
            return;
        }
    }

    /// <summary>The stage's work given the content tags (training passes tags from a tagger that did not see the article).</summary>
    public static void Apply(Document doc, byte[] tags)
    {
        // Reported speech the rules found but the tagger does not see as content at all is dropped (quotations keep
        // their own evidence and stay, and so does a headline's label: the tagger, which learned from running text,
        // rarely tags a title-case headline).
        doc.Attributions.RemoveAll(d => d.Kind == QuoteKind.Indirect && TaggedShare(doc, d, tags) < MinTaggedShare
                                        && !AttributionFinder.IsHeadlineLabel(doc, d));
        Snap(doc, tags);
        var covered = new bool[doc.Tokens.Count];
        foreach (var d in doc.Attributions)
            foreach (var part in d.Content)
                for (int k = doc.TokenAtOrAfter(part.Start); k < doc.Tokens.Count && doc.Tokens[k].Start < part.End; k++)
                    if (doc.Tokens[k].End <= part.End) covered[k] = true;

        int i = 0;
        while (i < tags.Length)
        {
            if (tags[i] != ContentTagger.B) { i++; continue; }
            int end = i + 1;
            while (end < tags.Length && tags[end] == ContentTagger.I) end++;
            TryAdd(doc, i, end, covered);
            i = end;
        }
    }

    /// <summary>
    /// The rules find reported speech by its cue but guess where its words end; the tagger learned the boundaries
    /// annotators draw. A rule's reported content takes the extent of the tagged runs it touches, never crossing
    /// its own cue or source.
    /// </summary>
    private static void Snap(Document doc, byte[] tags)
    {
        foreach (var d in doc.Attributions)
        {
            if (d.Kind == QuoteKind.Direct || d.Content.Count != 1) continue;
            var c = d.Content[0];
            int first = doc.TokenAtOrAfter(c.Start);
            int end = first;
            while (end < doc.Tokens.Count && doc.Tokens[end].End <= c.End) end++;
            if (end <= first) continue;
            // the tagged run(s) touching the draft
            int rf = -1, re = -1;
            for (int k = first; k < end; k++)
            {
                if (tags[k] == ContentTagger.O) continue;
                int a = k; while (a > 0 && tags[a] == ContentTagger.I) a--;
                if (tags[a] == ContentTagger.O) a++;
                int b = k + 1; while (b < tags.Length && tags[b] == ContentTagger.I) b++;
                if (rf < 0) rf = a;
                re = Math.Max(re, b);
                k = b - 1;
            }
            if (rf < 0) continue;
            // Within the sentences the rule's content spans: the tagged run may not carry it into the next one.
            rf = Math.Max(rf, doc.Sentences[doc.SentenceOfToken[first]].FirstToken);
            re = Math.Min(re, doc.Sentences[doc.SentenceOfToken[end - 1]].EndToken);
            // never cross the cue or the source
            if (d.CueFirst >= 0 && d.CueFirst >= end && re > d.CueFirst) re = d.CueFirst;
            if (d.CueEnd >= 0 && d.CueEnd <= first && rf < d.CueEnd) rf = d.CueEnd;
            if (d.SourceFirst >= 0 && d.SourceFirst >= end && re > d.SourceFirst) re = d.SourceFirst;
            if (d.SourceEnd >= 0 && d.SourceEnd <= first && rf < d.SourceEnd) rf = d.SourceEnd;
            var span = Trim(doc, rf, re);
            if (span.IsEmpty) continue;
            d.Content[0] = span;
        }
    }

    /// <summary>Below this share of its words tagged as content, a rule's reported speech is dropped.</summary>
    private const double MinTaggedShare = 0.2;

    private static double TaggedShare(Document doc, AttributionDraft d, byte[] tags)
    {
        int words = 0, tagged = 0;
        foreach (var part in d.Content)
            for (int k = doc.TokenAtOrAfter(part.Start); k < doc.Tokens.Count && doc.Tokens[k].Start < part.End; k++)
            {
                var t = doc.Tokens[k];
                if (t.End > part.End || t.Kind is not (TokenKind.Word or TokenKind.Number)) continue;
                words++;
                if (tags[k] != ContentTagger.O) tagged++;
            }
        return words == 0 ? 1 : (double)tagged / words;
    }

    /// <summary>A tagged content shorter than this many words is not added.</summary>
    private const int MinWords = 2;

    private static void TryAdd(Document doc, int first, int end, bool[] covered)
    {
        int words = 0, already = 0;
        for (int k = first; k < end; k++)
        {
            if (doc.Tokens[k].Kind is not (TokenKind.Word or TokenKind.Number)) continue;
            words++;
            if (covered[k]) already++;
        }
        if (words < MinWords || already * 2 >= words) return;
        // The cue: the nearest before the content in its first sentence, else the nearest after it in its last.
        int sFirst = doc.Sentences[doc.SentenceOfToken[first]].FirstToken;
        int sEnd = doc.Sentences[doc.SentenceOfToken[end - 1]].EndToken;
        CueMatch? cue = null;
        int at = FirstCueAtOrAfter(doc, first);
        for (int ci = at - 1; ci >= 0 && doc.Cues[ci].FirstToken >= sFirst; ci--)
            if (doc.Cues[ci].EndToken <= first) { cue = doc.Cues[ci]; break; }
        if (cue is null)
        {
            int after = FirstCueAtOrAfter(doc, end);
            if (after < doc.Cues.Count && doc.Cues[after].FirstToken < sEnd) cue = doc.Cues[after];
        }
        int cueFirst, cueEnd;
        bool present = false;
        if (cue is { } found) { cueFirst = found.FirstToken; cueEnd = found.EndToken; present = found.Has(CueFlags.Present); }
        else
        {
            // No listed cue: the verb right before the content is its cue ("polls [show] Trump ahead", "[plans] to run").
            int v = first - 1;
            if (v > sFirst && doc.TokenIs(v, "that")) v--;
            if (v <= sFirst || doc.PosTags.Length != doc.Tokens.Count || doc.PosTags[v] != PosTagger.Verb
                || CueLexicon.IsNeverCue(doc.TokenText(v))) return;
            cueFirst = v;
            cueEnd = v + 1;
        }
        var (sourceFirst, sourceEnd) = AttributionFinder.SourceLeft(doc, cueFirst, doc.Sentences[doc.SentenceOfToken[cueFirst]].FirstToken);
        if (cue is null && sourceFirst < 0) return;
        if (sourceFirst >= 0 && sourceEnd > first && sourceFirst < end) return; // the source cannot sit inside the content
        var span = Trim(doc, first, end);
        if (span.IsEmpty) return;
        var draft = new AttributionDraft { Kind = QuoteKind.Indirect, Rule = AttributionRule.Learned };
        draft.Content.Add(span);
        draft.CueFirst = cueFirst;
        draft.CueEnd = cueEnd;
        draft.SourceFirst = sourceFirst;
        draft.SourceEnd = sourceEnd;
        draft.PresentCue = present;
        doc.Attributions.Add(draft);
        for (int k = first; k < end; k++) covered[k] = true;
    }

    /// <summary>
    /// Reported words split by their own attribution set off as an aside ("Cost estimates, he added, were “based on a
    /// prototype”", "The only other necessary action, in Professor Knittel's view, would be …") open with the words before
    /// it, from the sentence's start: the content's first part, as the rules draw it for plain reported speech.
    /// </summary>
    internal static void OpeningBeforeAside(Document doc, AttributionDraft d)
    {
        if (d.Kind == QuoteKind.Direct || d.Content.Count != 1 || d.CueFirst < 0) return;
        int first = doc.TokenAtOrAfter(d.Content[0].Start);
        int comma = first - 1;
        while (comma >= 0 && doc.Tokens[comma].Kind == TokenKind.QuoteMark) comma--;
        if (comma <= 0 || !doc.TokenIs(comma, ",")) return;
        int aFirst = Math.Min(d.CueFirst, d.SourceFirst >= 0 ? d.SourceFirst : d.CueFirst);
        int aEnd = Math.Max(d.CueEnd, d.SourceEnd);
        if (aEnd > comma || comma - aEnd > 1) return; // the attribution ends the aside ("in Professor Knittel's view")
        int open = aFirst - 1;
        if (open > 0 && doc.PosTags.Length == doc.Tokens.Count && doc.PosTags[open] == PosTagger.Adp) open--; // "in [his] view"
        while (open > 0 && doc.Tokens[open].Kind == TokenKind.QuoteMark) open--; // "“Only you, Dinesh,” she said, would use"
        if (open <= 0 || !doc.TokenIs(open, ",")) return;
        int sFirst = doc.Sentences[doc.SentenceOfToken[first]].FirstToken;
        if (doc.SentenceOfToken[open] != doc.SentenceOfToken[first] || open - sFirst < 1 || open - sFirst > 40) return;
        // Not the writer's own opening: a clause of time or cause ("As the crowd began to chant, …"), a lone adverb ("Still,").
        if (doc.PosTags.Length == doc.Tokens.Count && (doc.PosTags[sFirst] == PosTagger.Sconj || open - sFirst == 1 && doc.PosTags[sFirst] == PosTagger.Adv))
            return;
        // The words before the aside belong to no other attribution.
        var before = new TextSpan(doc.Tokens[sFirst].Start, doc.Tokens[open - 1].End);
        foreach (var o in doc.Attributions)
        {
            if (ReferenceEquals(o, d)) continue;
            if (o.Kind != QuoteKind.Direct && Overlaps(o.Content, before)) return;
            if (o.CueFirst >= sFirst && o.CueFirst < open || o.SourceFirst >= sFirst && o.SourceFirst < open) return;
        }
        var span = Trim(doc, sFirst, open);
        if (!span.IsEmpty) d.Content.Insert(0, span);
    }

    /// <summary>
    /// "One of the decisions they have made, according to a person close to the process, is to turn …": reported words
    /// that an "according to" aside splits go on after it, when what follows is their verb.
    /// </summary>
    internal static TextSpan? ContinuationAfterAccordingTo(Document doc, AttributionDraft d)
    {
        if (d.Rule != AttributionRule.IndirectAccordingTo || d.Content.Count != 1 || d.SourceEnd < 0 || d.CueFirst < 1
            || doc.PosTags.Length != doc.Tokens.Count) return null;
        int end = doc.TokenAtOrAfter(d.Content[0].End);
        if (end != d.CueFirst - 1 || !doc.TokenIs(end, ",") || !doc.TokenIs(d.SourceEnd, ",")) return null;
        int next = d.SourceEnd + 1, sEnd = doc.Sentences[doc.SentenceOfToken[d.SourceEnd]].EndToken;
        if (next >= sEnd || doc.PosTags[next] is not (PosTagger.Aux or PosTagger.Verb) || doc.Tokens[next].IsCapitalized) return null;
        var span = Trim(doc, next, sEnd);
        if (span.IsEmpty) return null;
        d.Content.Add(span);
        return new TextSpan(doc.Tokens[d.CueFirst].Start, span.End);
    }

    /// <summary>
    /// Words after an occasion between the cue and them ("she said when asked about [the talks]") are what the speaker
    /// was asked about, not what the cue reports: that draft goes (reported words the cue opens keep theirs).
    /// </summary>
    internal static bool ReportsTheOccasion(Document doc, AttributionDraft d)
    {
        if (d.Kind == QuoteKind.Direct || d.Content.Count == 0 || d.CueFirst < 0 || doc.PosTags.Length != doc.Tokens.Count) return false;
        int first = doc.TokenAtOrAfter(d.Content[0].Start);
        if (d.CueEnd > first) return false;
        // Reported words may open with their own condition ("said if elected, she would ask"), but not with "when asked".
        for (int k = d.CueEnd; k <= first && k + 1 < doc.Tokens.Count; k++)
        {
            bool occasion = doc.TokenIs(k, "when") || k < first && (doc.TokenIs(k, "if") || doc.TokenIs(k, "after")
                || doc.TokenIs(k, "before") || doc.TokenIs(k, "while"));
            if (occasion && IsEdParticiple(doc, k + 1)) return true;
        }
        return false;
    }

    private static int FirstCueAtOrAfter(Document doc, int token)
    {
        int lo = 0, hi = doc.Cues.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (doc.Cues[mid].FirstToken < token) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /// <summary>"that" opening a clause, not a determiner ("that plan"): the tagger says so, or no noun follows.</summary>
    internal static bool IsComplementizer(Document doc, int k)
    {
        var pos = doc.PosTags;
        if (pos.Length != doc.Tokens.Count) return true;
        if (pos[k] == PosTagger.Sconj) return true;
        return k + 1 >= pos.Length || pos[k + 1] is not (PosTagger.Noun or PosTagger.Adj or PosTagger.Num);
    }

    /// <summary>
    /// <see cref="IsComplementizer"/>, and also "that" before a plural and its verb ("said on Monday that sales grew":
    /// "that" is no determiner of a plural). At run time only: training keeps the drafts the shipped models learnt from.
    /// </summary>
    internal static bool IsClauseComplementizer(Document doc, int k)
    {
        if (IsComplementizer(doc, k)) return true;
        var pos = doc.PosTags;
        if (k + 2 >= pos.Length || pos[k + 1] != PosTagger.Noun || pos[k + 2] is not (PosTagger.Verb or PosTagger.Aux)) return false;
        var noun = doc.TokenText(k + 1);
        return noun.Length > 3 && noun[^1] == 's' && noun[^2] != 's';
    }

    private static TextSpan Trim(Document doc, int first, int end)
    {
        while (first < end && doc.Tokens[first].Kind is TokenKind.Punctuation or TokenKind.QuoteMark) first++;
        // "said that X": the reported words are X (the project's convention, as in its fixture).
        if (end - first > 2 && doc.TokenIs(first, "that") && IsComplementizer(doc, first)) first++;
        while (end > first && doc.Tokens[end - 1].Kind is TokenKind.Punctuation or TokenKind.QuoteMark) end--;
        return first < end ? new TextSpan(doc.Tokens[first].Start, doc.Tokens[end - 1].End) : default;
    }

    /// <summary>
    /// Reported words close a bracket they opened ("… or Sen. Ted Cruz (R-Texas)" ended at "R-Texas": the edge ranker's
    /// ends fall on words, and the tagger's drafts drop trailing punctuation).
    /// </summary>
    internal static void ContentClosesBracket(Document doc, AttributionDraft d)
    {
        if (d.Kind == QuoteKind.Direct || d.Content.Count != 1) return;
        int first = doc.TokenAtOrAfter(d.Content[0].Start);
        int next = doc.TokenAtOrAfter(d.Content[0].End);
        if (next >= doc.Tokens.Count || doc.Tokens[next].Start != d.Content[0].End || next <= first) return;
        if (d.CueFirst == next || d.SourceFirst == next || !AttributionFinder.ClosesOpenBracket(doc, first, next)) return;
        d.Content[0] = new TextSpan(d.Content[0].Start, doc.Tokens[next].End);
    }

    /// <summary>Reported words said inside brackets ("Jake Sully (who said the plan was sound) spoke first") end where the
    /// bracket opened before them closes.</summary>
    internal static void ContentEndsWithItsBracket(Document doc, AttributionDraft d)
    {
        if (d.Kind == QuoteKind.Direct || d.Content.Count != 1 || d.CueFirst < 0) return;
        int first = doc.TokenAtOrAfter(d.Content[0].Start);
        int end = doc.TokenAtOrAfter(d.Content[0].End);
        if (d.CueFirst >= first || end > doc.Tokens.Count) return;
        int opened = 0; // opened inside the words
        for (int k = first + 1; k < end; k++)
        {
            if (doc.QuotationOfToken[k] >= 0) continue;
            if (AttributionFinder.IsPunct(doc, k, '(')) opened++;
            else if (AttributionFinder.IsPunct(doc, k, ')') && opened-- == 0)
            {
                if (AttributionFinder.ClosesOpenBracket(doc, doc.Sentences[doc.SentenceOfToken[first]].FirstToken, k))
                    d.Content[0] = new TextSpan(d.Content[0].Start, doc.Tokens[k - 1].End);
                return;
            }
        }
    }

    /// <summary>
    /// Reported words cut inside a quotation they opened (at a sentence break of the quoted words: "said the candidate
    /// “did well, because it was a substantive debate. It was more uplifting” and …") run on to its closing mark and,
    /// when the cue came first, to the end of that sentence: the annotators never end a report inside a quotation.
    /// </summary>
    internal static bool ContentThroughQuotation(Document doc, AttributionDraft d)
    {
        if (d.Kind == QuoteKind.Direct || d.Content.Count != 1) return false;
        int first = doc.TokenAtOrAfter(d.Content[0].Start);
        int end = doc.TokenAtOrAfter(d.Content[0].End);
        if (end <= first || end > doc.Tokens.Count) return false;
        bool cueAfter = d.CueFirst >= end || d.SourceFirst >= end;
        int paragraph = doc.ParagraphOfToken[first];
        int newEnd = end;
        // A sentence's tail may open another quotation that the next sentence break cuts: go on through it too.
        for (int round = 0; round < 8; round++)
        {
            int last = newEnd - 1;
            int q = doc.QuotationOfToken[last];
            if (q < 0) break;
            var quote = doc.Quotations[q];
            if (quote.FirstToken < first || !quote.Closed) return false; // opened before the report, or never closed
            if (round == 0 && HoldsCue(doc, first, quote.FirstToken)) return false; // already over another report's cue
            int close = -1;
            foreach (var part in quote.Parts)
                if (last >= part.FirstToken && last < part.EndToken) { close = WordsAfter(doc, last, part.EndToken) ? part.CloseMark : -1; break; }
            // at the quotation's last word already, or it closes in a later paragraph
            if (close < 0 || doc.ParagraphOfToken[close] != paragraph) break;
            if (cueAfter && (d.CueFirst >= 0 && d.CueFirst <= close || d.SourceFirst >= 0 && d.SourceFirst <= close)) return false;
            newEnd = close + 1;
            if (cueAfter) break;
            // On to the sentence's end, without its final punctuation.
            int sEnd = doc.Sentences[doc.SentenceOfToken[close]].EndToken;
            int k = sEnd;
            while (k > newEnd && doc.Tokens[k - 1].Kind is TokenKind.Punctuation or TokenKind.Symbol) k--;
            if (k > newEnd && (Crosses(d, newEnd, k) || HoldsCue(doc, newEnd, k))) break;
            newEnd = k;
        }
        if (newEnd <= end) return false;
        d.Content[0] = new TextSpan(d.Content[0].Start, doc.Tokens[newEnd - 1].End);
        return true;
    }

    /// <summary>A quotation no rule tied to a speaker that a report now holds (run on through a quotation) is a fragment
    /// of that report, said by its source.</summary>
    private static void ClaimFragments(Document doc, List<AttributionDraft> extended)
    {
        extended.RemoveAll(d => d.Content.Count != 1 || d.SourceFirst < 0 && d.CueFirst < 0);
        if (extended.Count == 0) return;
        // By start, so that each quotation looks only at the reports that open before it (linear in a long article).
        extended.Sort((a, b) => a.Content[0].Start.CompareTo(b.Content[0].Start));
        foreach (var o in doc.Attributions)
        {
            if (o.Rule != AttributionRule.Unattributed || o.Content.Count == 0) continue;
            int lo = 0, hi = extended.Count; // the first report opening after the quotation
            while (lo < hi)
            {
                int mid = (lo + hi) >>> 1;
                if (extended[mid].Content[0].Start <= o.Content[0].Start) lo = mid + 1; else hi = mid;
            }
            for (int i = lo - 1; i >= 0 && i >= lo - 4; i--)
            {
                var d = extended[i];
                if (o.Content[^1].End > d.Content[0].End) continue;
                o.Rule = AttributionRule.DirectInReportedSpeech;
                o.CopyAttributionFrom(d);
                o.CarriedFrom = null;
                break;
            }
        }
    }

    /// <summary>Whether a word or number follows token <paramref name="k"/> before <paramref name="end"/>.</summary>
    private static bool WordsAfter(Document doc, int k, int end)
    {
        for (int t = k + 1; t < end; t++)
            if (doc.Tokens[t].Kind is TokenKind.Word or TokenKind.Number) return true;
        return false;
    }

    /// <summary>Whether a cue starts in [from, to) outside quotations: another report ("…, Trump replied, “Well …”").</summary>
    private static bool HoldsCue(Document doc, int from, int to)
    {
        for (int k = from; k < to; k++)
            if (doc.CueStartingAt[k] >= 0 && doc.QuotationOfToken[k] < 0) return true;
        return false;
    }

    /// <summary>Whether [from, to) holds the draft's cue or source.</summary>
    private static bool Crosses(AttributionDraft d, int from, int to) =>
        d.CueFirst >= 0 && d.CueFirst < to && d.CueEnd > from || d.SourceFirst >= 0 && d.SourceFirst < to && d.SourceEnd > from;

    /// <summary>Reported words drawn from the programme where they were said ("said on “Meet the Press” that the bridge
    /// would reopen") open after its "that": a title is not part of what was said.</summary>
    internal static void ContentAfterTitle(Document doc, AttributionDraft d)
    {
        if (d.Kind == QuoteKind.Direct || d.Content.Count != 1) return;
        int first = doc.TokenAtOrAfter(d.Content[0].Start);
        int end = doc.TokenAtOrAfter(d.Content[0].End);
        if (first + 1 < end && IsAnyOf(doc, first, TitlePrepositions) && doc.QuotationOfMark[first + 1] >= 0) first++; // "on “Meet the Press”"
        if (first >= end) return;
        int q = doc.QuotationOfMark[first] >= 0 ? doc.QuotationOfMark[first] : doc.QuotationOfToken[first];
        if (q < 0 || doc.Quotations[q].CloseMark < 0) return;
        int that = doc.Quotations[q].CloseMark + 1;
        // "said on NBC's “Meet the Press” on Sunday that …": the programme's day between the title and the "that" (the
        // time stage runs later: the weekday is read here).
        int day = doc.TokenIs(that, "on") ? that + 1 : that;
        if (!doc.TokenIs(that, "that") && day < end && Lexicon.Weekdays.Contains(doc.TokenText(day)))
            that = day + 1 < end && (doc.TokenIs(day + 1, "morning") || doc.TokenIs(day + 1, "afternoon") || doc.TokenIs(day + 1, "evening")
                                     || doc.TokenIs(day + 1, "night")) ? day + 2 : day + 1;
        if (that + 2 >= end || !doc.TokenIs(that, "that") || !AttributionFinder.IsTitleNotSpeech(doc, q)) return;
        d.Content[0] = new TextSpan(doc.Tokens[that + 1].Start, d.Content[0].End);
        if (d.Kind != QuoteKind.Mixed) return;
        for (int k = that + 1; k < end; k++)
            if (doc.QuotationOfToken[k] >= 0 || doc.QuotationOfMark[k] >= 0) return;
        d.Kind = QuoteKind.Indirect; // the title was its only quotation
    }

    private static bool IsPossessive(Document doc, int k)
    {
        var w = doc.TokenText(k);
        return w.Length > 2 && (w.EndsWith("'s", StringComparison.Ordinal) || w.EndsWith("’s", StringComparison.Ordinal));
    }

    private static readonly string[] TitlePrepositions = ["on", "in", "at", "to", "during"];

    /// <summary>Reported words open after a "that" that opens their clause ("said on Monday that sales grew").</summary>
    internal static void ContentAfterComplementizer(Document doc, AttributionDraft d)
    {
        if (d.Kind == QuoteKind.Direct || d.Content.Count != 1 || doc.PosTags.Length != doc.Tokens.Count) return;
        int first = doc.TokenAtOrAfter(d.Content[0].Start);
        int end = doc.TokenAtOrAfter(d.Content[0].End);
        if (end - first <= 2 || !doc.TokenIs(first, "that") || !IsClauseComplementizer(doc, first)) return;
        d.Content[0] = new TextSpan(doc.Tokens[first + 1].Start, d.Content[0].End);
    }

    private static readonly WordSet ClauseSubordinators = WordSet.Of("while although though whereas because since if when unless");
    // After the comma, these go on with the same clause: a relative clause, an example, a list.
    private static readonly WordSet ClauseGoesOn = WordSet.Of("which who whom whose where including such as and or but like");

    /// <summary>
    /// A report inside a subordinate clause ("While only 7 percent said they are undecided, 27 percent said …") ends
    /// where that clause does, at its first comma: the main clause after it is the writer's.
    /// </summary>
    internal static AttributionDraft? ContentEndsWithSubordinateClause(Document doc, AttributionDraft d, ref HashSet<int>? cueStarts)
    {
        if (d.Kind == QuoteKind.Direct || d.Content.Count != 1 || d.CueFirst < 0 || doc.PosTags.Length != doc.Tokens.Count) return null;
        int opener = (d.SourceFirst >= 0 ? Math.Min(d.SourceFirst, d.CueFirst) : d.CueFirst) - 1;
        if (opener < 0 || !ClauseSubordinators.Contains(doc.TokenText(opener))) return null;
        int first = doc.TokenAtOrAfter(d.Content[0].Start), end = doc.TokenAtOrAfter(d.Content[0].End);
        if (first <= d.CueFirst) return null;
        for (int k = first + 1; k < end - 1; k++)
        {
            if (doc.QuotationOfToken[k] >= 0 || !doc.TokenIs(k, ",")) continue;
            // "May 5, 2016": a date's comma.
            if (doc.PosTags[k - 1] == PosTagger.Num && doc.PosTags[k + 1] == PosTagger.Num) continue;
            if (ClauseGoesOn.Contains(doc.TokenText(k + 1))) return null;
            if (ListOrPlaceComma(doc, k)) continue;
            d.Content[0] = new TextSpan(d.Content[0].Start, doc.Tokens[k - 1].End);
            return MainClauseReport(doc, k + 1, end, cueStarts ??= [.. doc.Attributions.Select(o => o.CueFirst)]);
        }
        return null;
    }

    /// <summary>
    /// The main clause after a subordinate one is a report of its own when a subject and a cue open it ("While only 7
    /// percent said they are undecided, 27 percent said they could change their mind"): returned, unless a report
    /// already has that cue.
    /// </summary>
    private static AttributionDraft? MainClauseReport(Document doc, int first, int end, HashSet<int> cueStarts)
    {
        int c = FirstCueAtOrAfter(doc, first + 1);
        if (c >= doc.Cues.Count) return null;
        var cue = doc.Cues[c];
        if (cue.FirstToken > first + 8 || cue.EndToken >= end || cue.Has(CueFlags.Tagged) || doc.PosTags[cue.FirstToken] != PosTagger.Verb) return null;
        for (int j = first; j < cue.FirstToken; j++)
            if (doc.PosTags[j] is PosTagger.Verb or PosTagger.Aux || RelativeWords.Contains(doc.TokenText(j))
                || doc.Tokens[j].Kind == TokenKind.Punctuation && !IsAbbreviationPeriod(doc, j))
                return null;
        if (cueStarts.Contains(cue.FirstToken)) return null;
        var words = Trim(doc, cue.EndToken, end);
        // Words holding a quotation are the quotation rules' (they tie it to its cue their own way).
        if (words.IsEmpty || doc.QuotationAtOrAfter(cue.EndToken) is var q && q < doc.Quotations.Count
            && doc.Tokens[doc.Quotations[q].FirstMarkOrToken].Start < words.End) return null;
        var report = new AttributionDraft { Kind = QuoteKind.Indirect, Rule = AttributionRule.IndirectCueFirst };
        report.Content.Add(words);
        report.CueFirst = cue.FirstToken;
        report.CueEnd = cue.EndToken;
        report.TaggedCue = cue.Has(CueFlags.Tagged);
        report.PresentCue = cue.Has(CueFlags.Present);
        report.SourceFirst = first;
        report.SourceEnd = cue.FirstToken;
        return report;
    }

    private static bool IsAbbreviationPeriod(Document doc, int k) =>
        k > 0 && doc.Text[doc.Tokens[k].Start] == '.' && doc.Tokens[k - 1].End == doc.Tokens[k].Start
        && Lexicon.Abbreviations.Contains(doc.TokenText(k - 1));

    /// <summary>
    /// Reported words end before the writer's contrast after a comma, a clause with its own subject: "asked whether Sen.
    /// Cruz disavowed the endorsement, but the campaign refused to answer". (Ending also before ", who …" after a name,
    /// ", and" and a subject, or ", reflecting …" lost as much as it won on PolNeAR's kept-back fifths.)
    /// </summary>
    internal static void ContentEndsBeforeWritersClause(Document doc, AttributionDraft d)
    {
        if (d.Kind == QuoteKind.Direct || d.Content.Count != 1 || d.CueFirst < 0 || doc.PosTags.Length != doc.Tokens.Count) return;
        int first = doc.TokenAtOrAfter(d.Content[0].Start), end = doc.TokenAtOrAfter(d.Content[0].End);
        if (first <= d.CueFirst) return;
        int depth = 0;
        for (int k = first + 1; k < end - 1; k++)
        {
            if (AttributionFinder.IsPunct(doc, k, '(')) depth++;
            else if (AttributionFinder.IsPunct(doc, k, ')') && depth > 0) depth--;
            if (depth > 0 || doc.QuotationOfToken[k] >= 0 || !doc.TokenIs(k, ",")) continue;
            if (!doc.TokenIs(k + 1, "but") || !ClauseWithSubject(doc, k + 2, end)) continue;
            // "not just the undocumented, but people who are citizens": the "but" answers a "not" of the same words.
            bool answersNot = false;
            for (int j = Math.Max(first, k - 8); j < k && !answersNot; j++) answersNot = doc.TokenIs(j, "not");
            if (answersNot) continue;
            d.Content[0] = new TextSpan(d.Content[0].Start, doc.Tokens[k - 1].End);
            return;
        }
    }

    /// <summary>
    /// A list's comma ("young, liberal and African-American voters": a few words without a verb, then another comma, "and"
    /// or "or") or a place's ("San Bernardino, California.", "Bunkerville, Nev.").
    /// </summary>
    private static bool ListOrPlaceComma(Document doc, int k)
    {
        bool nominal = false;
        for (int j = k + 1; j < doc.Tokens.Count && j <= k + 4; j++)
        {
            if (doc.PosTags[j] is PosTagger.Verb or PosTagger.Aux) return false;
            if (doc.TokenIs(j, ",") || doc.TokenIs(j, "and") || doc.TokenIs(j, "or")) return nominal;
            if (doc.Tokens[j].Kind == TokenKind.Punctuation)
                return j == k + 2 && doc.PosTags[k + 1] == PosTagger.Propn && !Lexicon.TitleWords.Contains(doc.TokenText(k + 1));
            nominal |= doc.PosTags[j] is PosTagger.Noun or PosTagger.Propn or PosTagger.Adj or PosTagger.Num;
        }
        return false;
    }

    private static readonly WordSet RelativeWords = WordSet.Of("who whom which that what");

    /// <summary>A subject (a determiner, a noun, a name, a pronoun, a number …) and then its verb, within a few words;
    /// not a relative clause ("people who are citizens").</summary>
    private static bool ClauseWithSubject(Document doc, int k, int end)
    {
        for (int j = k; j < end && j < k + 6; j++)
        {
            byte tag = doc.PosTags[j];
            if (tag is PosTagger.Verb or PosTagger.Aux) return j > k;
            if (RelativeWords.Contains(doc.TokenText(j))) return false;
            if (tag is not (PosTagger.Det or PosTagger.Noun or PosTagger.Propn or PosTagger.Pron or PosTagger.Num or PosTagger.Adj or PosTagger.Adp)) return false;
        }
        return false;
    }

    /// <summary>
    /// A quotation closed on a full stop whose "cue after" is the next line's first words ("… comments.”\nThe
    /// spokesman refused to answer …") was not attributed there: when the quotation before it was, by a source and cue
    /// between the two (“A,” the spokesman said. “B.”), it is that quote's second part.
    /// </summary>
    internal static void CueAfterParagraphBreak(Document doc)
    {
        HashSet<AttributionDraft>? merged = null;
        AttributionDraft? previous = null;
        foreach (var d in doc.Attributions.Where(a => a.Kind == QuoteKind.Direct && a.Quotation >= 0).OrderBy(a => a.Quotation))
        {
            if (previous is not null && d.Rule == AttributionRule.DirectCueAfter && d.CueFirst >= 0 && BrokenCueAfter(doc, d)
                && previous.Quotation == d.Quotation - 1 && previous.HasSource && previous.CueFirst >= 0 && previous.CarriedFrom is null
                && AttributedBetween(doc, previous, doc.Quotations[d.Quotation]))
            {
                previous.Content.AddRange(d.Content);
                (merged ??= []).Add(d);
                continue;
            }
            previous = d;
        }
        if (merged is not null) doc.Attributions.RemoveAll(merged.Contains);
    }

    private static bool BrokenCueAfter(Document doc, AttributionDraft d)
    {
        var q = doc.Quotations[d.Quotation];
        int close = q.CloseMark;
        if (close < 1 || !(AttributionFinder.IsPunct(doc, close - 1, '.') || AttributionFinder.IsPunct(doc, close - 1, '!')
                           || AttributionFinder.IsPunct(doc, close - 1, '?'))) return false;
        int next = close + 1;
        if (next >= doc.Tokens.Count || AttributionFinder.IsDash(doc, next)) return false;
        return d.CueFirst > close && LineBreakBetween(doc, close, d.CueFirst);
    }

    /// <summary>The quote's source and cue lie after its quotation and before the next one, in that one's paragraph.</summary>
    private static bool AttributedBetween(Document doc, AttributionDraft p, Quotation next)
    {
        int close = doc.Quotations[p.Quotation].LastMarkOrToken, open = next.FirstMarkOrToken;
        return p.CueFirst > close && p.SourceFirst > close && p.CueEnd <= open && p.SourceEnd <= open
               && !LineBreakBetween(doc, Math.Min(p.CueFirst, p.SourceFirst), open);
    }

    /// <summary>A line ends between the two tokens (PolNeAR's paragraphs are single lines).</summary>
    private static bool LineBreakBetween(Document doc, int a, int b) =>
        doc.Text.AsSpan(doc.Tokens[a].End, doc.Tokens[b].Start - doc.Tokens[a].End).IndexOf('\n') >= 0;

    /// <summary>
    /// "Clinton won 77 percent of the black vote, according to exit polls.": a closing "according to" whose source the
    /// finder did not take for a speaker (exit polls, a web address) still reports the words before it, from the sentence's
    /// start, and its source runs to the sentence's end. A report the tagger made with the source drawn into its cue
    /// ("according to ouest-france.fr") gets it back as its source.
    /// </summary>
    internal static void AccordingToAfterWords(Document doc)
    {
        if (doc.PosTags.Length != doc.Tokens.Count) return;
        Dictionary<int, AttributionDraft>? used = null, directByQuotation = null;
        List<AttributionDraft>? added = null;
        foreach (var cue in doc.Cues)
        {
            if (!cue.Has(CueFlags.AccordingTo) || cue.FirstToken < 2 || !doc.TokenIs(cue.FirstToken - 1, ",")) continue;
            used ??= doc.Attributions.Where(d => d.CueFirst >= 0).GroupBy(d => d.CueFirst).ToDictionary(g => g.Key, g => g.First());
            directByQuotation ??= doc.Attributions.Where(d => d.Kind == QuoteKind.Direct && d.Quotation >= 0)
                .GroupBy(d => d.Quotation).ToDictionary(g => g.Key, g => g.First());
            if (used.TryGetValue(cue.FirstToken, out var made))
            {
                // The tagger drew the cue over the source ("according to ouest-france.fr"), leaving the report no source.
                if (!made.HasSource && made.CueEnd > cue.EndToken && made.CueEnd - cue.EndToken <= 12)
                    (made.SourceFirst, made.SourceEnd, made.CueEnd) = (cue.EndToken, made.CueEnd, cue.EndToken);
                // "“… He hates them,” Hewitt said, according to a transcript": the report drawn from the sentence's start
                // inside the quotation holds the whole quotation and its attribution
                if (made.Rule == AttributionRule.IndirectAccordingTo && made.Content.Count > 0
                    && AttributedQuotationBefore(doc, 0, cue.FirstToken, directByQuotation) is { } inner
                    && doc.Tokens[doc.Quotations[inner.Quotation].FirstMarkOrToken].Start < made.Content[0].Start)
                {
                    var whole = Trim(doc, doc.Quotations[inner.Quotation].FirstMarkOrToken, cue.FirstToken - 1);
                    if (!whole.IsEmpty)
                    {
                        made.Content.Clear();
                        made.Content.Add(whole);
                        made.Kind = QuoteKind.Mixed;
                    }
                }
                continue;
            }
            var s = doc.Sentences[doc.SentenceOfToken[cue.FirstToken]];
            int sourceEnd = s.EndToken;
            while (sourceEnd > cue.EndToken && doc.Tokens[sourceEnd - 1].Kind is TokenKind.Punctuation or TokenKind.QuoteMark) sourceEnd--;
            if (sourceEnd - cue.EndToken is < 1 or > 12 || AttributionFinder.CountWords(doc, s.FirstToken, cue.FirstToken - 1) < 3) continue;
            bool plain = true;
            for (int j = cue.EndToken; j < sourceEnd && plain; j++)
                plain = doc.QuotationOfToken[j] < 0 && !doc.TokenIs(j, ",") && (doc.PosTags[j] is not (PosTagger.Verb or PosTagger.Aux)
                    || doc.PosTags[j] == PosTagger.Verb && (doc.TokenText(j).EndsWith("ing", StringComparison.OrdinalIgnoreCase) || IsEdParticiple(doc, j)));
            if (!plain) continue;
            int wordsFirst = s.FirstToken;
            for (int j = s.FirstToken; j < cue.FirstToken && plain; j++) plain = doc.QuotationOfToken[j] < 0;
            // "“…,” Hewitt said, according to a transcript of the show": the quotation and its attribution are the
            // words the transcript reports
            var quoted = plain ? null : AttributedQuotationBefore(doc, s.FirstToken, cue.FirstToken, directByQuotation);
            if (!plain && quoted is null) continue;
            if (quoted is not null) wordsFirst = Math.Min(wordsFirst, doc.Quotations[quoted.Quotation].FirstMarkOrToken);
            var words = Trim(doc, wordsFirst, cue.FirstToken - 1);
            if (words.IsEmpty) continue;
            var report = new AttributionDraft { Kind = quoted is null ? QuoteKind.Indirect : QuoteKind.Mixed, Rule = AttributionRule.IndirectAccordingTo };
            report.Content.Add(words);
            report.CueFirst = cue.FirstToken;
            report.CueEnd = cue.EndToken;
            report.SourceFirst = cue.EndToken;
            report.SourceEnd = sourceEnd;
            (added ??= []).Add(report);
        }
        if (added is not null) doc.Attributions.AddRange(added);
    }

    /// <summary>The direct quote whose attribution ends right before <paramref name="comma"/> ("“…,” Hewitt said,"), its
    /// cue in [<paramref name="first"/>, comma) and nothing but its source, cue and occasion between its quotation and the
    /// comma; or null.</summary>
    private static AttributionDraft? AttributedQuotationBefore(Document doc, int first, int comma, Dictionary<int, AttributionDraft> directByQuotation)
    {
        // the nearest quotation before the comma, within a few words and the same paragraph
        int quotation = -1;
        for (int j = comma - 1; j >= 0 && j >= comma - 17 && quotation < 0; j--)
            quotation = doc.QuotationOfToken[j] >= 0 ? doc.QuotationOfToken[j] : doc.QuotationOfMark[j];
        if (quotation < 0 || !directByQuotation.TryGetValue(quotation, out var q) || q.CueFirst < first || q.CueEnd > comma) return null;
        int close = doc.Quotations[quotation].LastMarkOrToken;
        return close < q.CueFirst && comma - close <= 16 && doc.ParagraphOfToken[close] == doc.ParagraphOfToken[comma] ? q : null;
    }
}
