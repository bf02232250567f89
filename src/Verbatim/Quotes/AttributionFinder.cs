using Verbatim.Cues;
using Verbatim.Pipeline;
using Verbatim.Text;

namespace Verbatim.Quotes;

/// <summary>
/// Ties quotations and reported speech to their cue and source mention:
/// direct quotes with the cue after or before them, quotations split by their own attribution,
/// floating quotations that continue the last speaker, reported speech (cue first, cue last,
/// "according to") and mixed quotes that hold a quoted fragment. Stateless; all state lives in the document.
/// </summary>
public sealed class AttributionFinder : IStage
{
    public string Name => "attribution";

    /// <summary>Reported speech found from one cue: its source, addressee, time phrase and content range.</summary>
    private sealed class Frame
    {
        public required CueMatch Cue;
        public int SourceFirst = -1, SourceEnd = -1;
        public int AddresseeFirst = -1, AddresseeEnd = -1;
        public int TimeFirst = -1, TimeEnd = -1;
        /// <summary>Content tokens [ContentFirst, ContentEnd); -1 when the cue introduces no reported clause.</summary>
        public int ContentFirst = -1, ContentEnd = -1;
        /// <summary>A second content part after a parenthetical attribution, -1 when none.</summary>
        public int SecondFirst = -1, SecondEnd = -1;
        public AttributionRule Rule;
        /// <summary>Where the words right after the cue (and its addressee and time) end: the content or a quotation starts here.</summary>
        public int AfterCue;
        public bool UsedByDirect;
    }

    public void Run(Document doc)
    {
        var frames = new List<Frame>(doc.Cues.Count);
        int frameSpan = 0; // the most tokens from a cue's first word to the end of its words (AfterCue)
        foreach (var cue in doc.Cues)
        {
            var frame = BuildFrame(doc, cue);
            frames.Add(frame);
            frameSpan = Math.Max(frameSpan, frame.AfterCue - frame.Cue.FirstToken);
        }

        var drafts = doc.Attributions;
        var quoteDraft = new AttributionDraft?[doc.Quotations.Count];

        // 1. Direct quotations with a cue right after or right before them.
        for (int qi = 0; qi < doc.Quotations.Count; qi++)
        {
            var q = doc.Quotations[qi];
            if (q.WordCount == 0) continue;
            var frame = CueAfter(doc, q, frames);
            // told reporters: “...” She declined to ...: a cue that introduces the quotation in its own sentence comes
            // before one in the next sentence.
            if (frame is not { } after || doc.SentenceOfToken[after.f.Cue.FirstToken] != doc.SentenceOfToken[q.CloseMark])
            {
                // a sentence before that only reports ("X agreed.") introduces the quotation unless a cue follows it
                // (“Did you know?” Todd asked: the question mark ends the quotation's sentence before its cue)
                var before = CueBefore(doc, q, frames, frameSpan);
                if (before is { } b && (!b.bare || frame is null)) frame = (b.f, b.rule);
            }
            if (frame is not { } found) continue;
            found.f.UsedByDirect = true;
            var d = DirectDraft(doc, qi, found.f, found.rule);
            quoteDraft[qi] = d;
            drafts.Add(d);
            // Trump's misinformation may be "strategic," she said: the reported words start before the quotation.
            if (found.rule == AttributionRule.DirectCueAfter && LeadIn(doc, q) is { } leadFirst)
            {
                var mixed = new AttributionDraft { Kind = QuoteKind.Mixed, Rule = AttributionRule.Mixed, Clean = q.Closed };
                mixed.Content.Add(new TextSpan(doc.Tokens[leadFirst].Start, q.Parts[^1].Content.End));
                Fill(doc, mixed, found.f);
                drafts.Add(mixed);
            }
        }

        // 2. Reported speech; a frame whose content holds a quotation is mixed, and the fragment is direct.
        foreach (var f in frames)
        {
            if (f.ContentFirst < 0 || f.ContentEnd <= f.ContentFirst) continue;
            // Reported speech needs someone who reports it ("too early to tell whether ..." has no one).
            if (f.SourceFirst < 0 && !f.Cue.Has(CueFlags.ContentFollows)) continue;
            if (f.UsedByDirect && f.Rule == AttributionRule.IndirectCueLast) continue;
            bool mixed = false;
            bool wholeIsQuotation = false;
            for (int qi = doc.QuotationAtOrAfter(f.ContentFirst); qi < doc.Quotations.Count; qi++)
            {
                var q = doc.Quotations[qi];
                // A quotation that opens inside the content belongs to it, even where it runs past the sentence end.
                if (q.FirstMarkOrToken >= f.ContentEnd) break;
                if (CoversContent(doc, f, q)) { wholeIsQuotation = true; break; }
                mixed = true;
                if (quoteDraft[qi] is null && q.WordCount > 0)
                {
                    var d = DirectDraft(doc, qi, f, AttributionRule.DirectInReportedSpeech);
                    quoteDraft[qi] = d;
                    drafts.Add(d);
                }
            }
            if (wholeIsQuotation) continue;
            // "called Palin a “clown” on his radio show": the name given ends the report.
            if (mixed && IsNamingCue(doc, f.Cue) && NamedEnd(doc, f) is var namedEnd && namedEnd > 0) f.ContentEnd = namedEnd;
            var content = TrimmedSpan(doc, f.ContentFirst, f.ContentEnd);
            if (content.IsEmpty || CountWords(doc, f.ContentFirst, f.ContentEnd) < 2) continue;
            var draft = new AttributionDraft
            {
                Kind = mixed ? QuoteKind.Mixed : QuoteKind.Indirect,
                Rule = mixed ? AttributionRule.Mixed : f.Rule,
            };
            draft.Content.Add(content);
            if (f.SecondFirst >= 0 && f.SecondEnd > f.SecondFirst && TrimmedSpan(doc, f.SecondFirst, f.SecondEnd) is { IsEmpty: false } second)
                draft.Content.Add(second);
            Fill(doc, draft, f);
            drafts.Add(draft);
        }

        // 2b. Speaker labels: "PENCE: Well, look, ..." in transcripts, "Pat Caddell: ..." in headlines.
        SpeakerLabels(doc, drafts, quoteDraft);

        // 2c. Quotations inside a clause whose verb is not a listed cue: Clinton called them "deplorables".
        for (int qi = 0; qi < doc.Quotations.Count; qi++)
        {
            if (quoteDraft[qi] is not null) continue;
            var q = doc.Quotations[qi];
            // A headline's words are all capitalised: there a quotation after "Name:" is speech, not a work's title.
            if (q.WordCount == 0 || IsNameOrTitle(doc, q) && !IsHeadlineLabelQuotation(doc, q)) continue;
            // "A," she said, "B." — B is the rest of A (step 3), not a quotation of its own.
            if (qi > 0 && quoteDraft[qi - 1] is { Kind: QuoteKind.Direct } before && ContinuesSplit(doc, before, q)) continue;
            // A one-token cue (a colon or a dash) and a source mention found around the quotation.
            var (cueToken, cueEnd, mentionFirst, mentionEnd, rule) = ColonBefore(doc, q, drafts) is { } colon ? (colon.CueFirst, colon.CueEnd, colon.SourceFirst, colon.SourceEnd, AttributionRule.DirectCueBefore)
                : NameColon(doc, q) is { } named ? (named.Colon, named.Colon + 1, named.SourceFirst, named.SourceEnd, AttributionRule.DirectCueBefore)
                : DashAttribution(doc, q) is { } dash ? (dash.Cue, dash.Cue + 1, dash.SourceFirst, dash.SourceEnd, AttributionRule.DirectCueAfter)
                : (-1, -1, -1, -1, AttributionRule.DirectCueAfter);
            if (cueToken < 0 && CreditInside(doc, q) is { } credit)
            {
                // the words end before their credit line, which names who said them (no cue)
                var credited = new AttributionDraft { Kind = QuoteKind.Direct, Rule = AttributionRule.DirectCueAfter, Quotation = qi, Clean = q.Closed };
                for (int p = 0; p < q.Parts.Count - 1; p++)
                    if (!q.Parts[p].Content.IsEmpty) credited.Content.Add(q.Parts[p].Content);
                credited.Content.Add(new TextSpan(q.Parts[^1].Content.Start, doc.Tokens[credit.WordsEnd - 1].End));
                credited.SourceFirst = credit.SourceFirst;
                credited.SourceEnd = credit.SourceEnd;
                quoteDraft[qi] = credited;
                drafts.Add(credited);
                continue;
            }
            if (cueToken >= 0)
            {
                var marked = new AttributionDraft { Kind = QuoteKind.Direct, Rule = rule, Quotation = qi, Clean = q.Closed };
                AddParts(marked, q);
                marked.CueFirst = cueToken;
                marked.CueEnd = cueEnd;
                marked.SourceFirst = mentionFirst;
                marked.SourceEnd = mentionEnd;
                quoteDraft[qi] = marked;
                drafts.Add(marked);
                continue;
            }
            if (ClauseAroundQuotation(doc, q) is not { } clause) continue;
            var (verb, sourceFirst, sourceEnd, contentFirst, contentEnd, after) = clause;
            var frame = new Frame
            {
                Cue = new CueMatch(verb, verb + 1, CueFlags.None),
                SourceFirst = sourceFirst, SourceEnd = sourceEnd, AfterCue = verb + 1,
                ContentFirst = contentFirst, ContentEnd = contentEnd,
            };
            var direct = DirectDraft(doc, qi, frame, after ? AttributionRule.DirectCueAfter : AttributionRule.DirectInReportedSpeech);
            quoteDraft[qi] = direct;
            drafts.Add(direct);
            if (after || CoversContent(doc, frame, q)) continue;
            var mixed = new AttributionDraft { Kind = QuoteKind.Mixed, Rule = AttributionRule.Mixed };
            mixed.Content.Add(TrimmedSpan(doc, contentFirst, contentEnd));
            Fill(doc, mixed, frame);
            drafts.Add(mixed);
            // Further quotations in the same content are fragments of this mixed quote.
            for (int qj = qi + 1; qj < doc.Quotations.Count; qj++)
            {
                var other = doc.Quotations[qj];
                if (quoteDraft[qj] is not null || other.FirstMarkOrToken >= contentEnd) break;
                if (other.WordCount == 0) continue;
                var d = DirectDraft(doc, qj, frame, AttributionRule.DirectInReportedSpeech);
                quoteDraft[qj] = d;
                drafts.Add(d);
            }
        }

        // 3. Quotations with no cue of their own: the second half of a split quotation, or a floating quotation.
        AttributionDraft? lastDirect = null;
        // A tagged cue (not listed) is too unsure a speaker to lend to the quotations after it.
        var lenders = new Lenders(drafts.Where(d => d.HasSource && !d.TaggedCue).OrderBy(d => d.Start).ToList());
        for (int qi = 0; qi < doc.Quotations.Count; qi++)
        {
            var q = doc.Quotations[qi];
            if (quoteDraft[qi] is { } attributed)
            {
                if (attributed.Kind == QuoteKind.Direct && attributed.Rule != AttributionRule.DirectInReportedSpeech) lastDirect = attributed;
                continue;
            }
            if (q.WordCount == 0 || q.Single) continue;
            if (lastDirect is not null && ContinuesSplit(doc, lastDirect, q))
            {
                foreach (var part in q.Parts)
                    if (!part.Content.IsEmpty) lastDirect.Content.Add(part.Content);
                quoteDraft[qi] = lastDirect;
                continue;
            }
            if (!IsFloatingSpeech(doc, q)) { Unattributed(doc, qi, q, drafts, quoteDraft); continue; }
            var previous = lenders.Before(doc, q.FirstMarkOrToken);
            if (previous is null) { Unattributed(doc, qi, q, drafts, quoteDraft); continue; }
            int prevPara = previous.CarriedFrom is not null && previous.Quotation >= 0
                ? doc.ParagraphOfToken[doc.Quotations[previous.Quotation].FirstToken]
                : doc.ParagraphOfToken[Math.Max(previous.CueFirst, previous.SourceFirst)];
            int para = doc.ParagraphOfToken[q.FirstToken];
            if (para - prevPara > 1) { Unattributed(doc, qi, q, drafts, quoteDraft); continue; }
            var d = new AttributionDraft { Kind = QuoteKind.Direct, Rule = AttributionRule.DirectFloating, Quotation = qi, Clean = q.Closed };
            AddParts(d, q);
            if (SubjectJustBefore(doc, q, previous) is { } subject)
            {
                // "Clinton touted her credentials as a co-sponsor. “We need to …”": the person the sentence before is about
                d.SourceFirst = subject.First;
                d.SourceEnd = subject.End;
            }
            else
            {
                d.CopyAttributionFrom(previous);
                d.CarriedFrom = previous.CarriedFrom;
                if (para != prevPara)
                {
                    // Another paragraph: the speaker carries on and the earlier mention still names them (PolNeAR
                    // draws such paragraphs as more content of the earlier attribution), but the cue, its time and
                    // hearer belong to the earlier words.
                    d.CueFirst = d.CueEnd = -1;
                    d.TimeFirst = d.TimeEnd = -1;
                    d.AddresseeFirst = d.AddresseeEnd = -1;
                    d.CarriedFrom = previous;
                }
            }
            quoteDraft[qi] = d;
            drafts.Add(d);
            lenders.AddFloating(d);
            lastDirect = d;
        }

        // An empty source or cue span is no span (a guard for broken text).
        foreach (var d in drafts)
        {
            if (d.SourceEnd <= d.SourceFirst) d.SourceFirst = d.SourceEnd = -1;
            if (d.CueEnd <= d.CueFirst) d.CueFirst = d.CueEnd = -1;
            if (d.AddresseeEnd <= d.AddresseeFirst) d.AddresseeFirst = d.AddresseeEnd = -1;
        }
        drafts.RemoveAll(d => d.Content.Count == 0 || d.Content.Any(c => c.IsEmpty));
        RemoveOverlapping(doc, drafts);
        FragmentClauses(doc, drafts);
        drafts.Sort((a, b) => a.Start.CompareTo(b.Start));
    }

    private static int RulePrecisionRank(AttributionRule r) => r switch
    {
        AttributionRule.IndirectAccordingTo => 0,
        AttributionRule.IndirectCueFirst => 1,
        AttributionRule.Mixed => 2,
        AttributionRule.IndirectCueLast => 3,
        _ => 4,
    };

    /// <summary>Two reported contents over mostly the same words (Jaccard over 0.5; a content nested in a longer one is
    /// another attribution and stays): keep the one whose rule is the more precise. Only drafts whose extents overlap are
    /// compared, so an article of thousands of reports stays linear.</summary>
    private static void RemoveOverlapping(Document doc, List<AttributionDraft> drafts)
    {
        var reported = drafts.Where(d => d.Kind != QuoteKind.Direct).OrderBy(d => RulePrecisionRank(d.Rule)).ThenBy(d => d.Start).ToList();
        if (reported.Count < 2) return;
        var extents = new Extents(reported);
        var dropped = new bool[reported.Count];
        var near = new List<int>();
        for (int i = 0; i < reported.Count; i++)
        {
            if (dropped[i]) continue;
            extents.Overlapping(extents.StartOf(i), extents.EndOf(i), near);
            foreach (int j in near)
                if (j > i && !dropped[j] && NearlySame(reported[i], reported[j]) && !Nested(doc, reported[i], reported[j])) dropped[j] = true;
        }
        var drop = new HashSet<AttributionDraft>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < reported.Count; i++)
            if (dropped[i]) drop.Add(reported[i]);
        if (drop.Count > 0) drafts.RemoveAll(drop.Contains);
    }

    /// <summary>
    /// The extents (first part start to last part end) of a list of drafts, sorted by start with the longest extent
    /// known, so that the drafts which may overlap a range are found by a binary search and a short scan.
    /// </summary>
    private sealed class Extents
    {
        private readonly int[] _start, _end, _bySort;
        private readonly int _maxLength;

        public Extents(IReadOnlyList<AttributionDraft> drafts)
        {
            int n = drafts.Count;
            _start = new int[n];
            _end = new int[n];
            for (int i = 0; i < n; i++)
            {
                int s = int.MaxValue, e = int.MinValue;
                foreach (var c in drafts[i].Content) { s = Math.Min(s, c.Start); e = Math.Max(e, c.End); }
                if (s > e) s = e = 0;
                _start[i] = s;
                _end[i] = e;
                _maxLength = Math.Max(_maxLength, e - s);
            }
            _bySort = [.. Enumerable.Range(0, n).OrderBy(i => _start[i])];
        }

        public int StartOf(int i) => _start[i];
        public int EndOf(int i) => _end[i];

        /// <summary>The indices (into the list given) of the drafts whose extent overlaps [start, end), into <paramref name="into"/>.</summary>
        public void Overlapping(int start, int end, List<int> into)
        {
            into.Clear();
            long from = (long)start - _maxLength;
            int lo = 0, hi = _bySort.Length;
            while (lo < hi)
            {
                int mid = (lo + hi) >>> 1;
                if (_start[_bySort[mid]] <= from) lo = mid + 1;
                else hi = mid;
            }
            for (int k = lo; k < _bySort.Length && _start[_bySort[k]] < end; k++)
            {
                int i = _bySort[k];
                if (_end[i] > start) into.Add(i);
            }
            into.Sort();
        }
    }

    /// <summary>
    /// A quoted fragment no rule tied to a speaker (a scare quote, someone's word) usually sits in reported words whose
    /// cue the rules miss: "Palin was dismissed as a “clown” by her critics". The clause around it — from after the
    /// nearest verb before it to the first clause break after it — is added as a mixed quote with no source, when
    /// it holds more words than the quotation and no reported content of about that extent holds it already.
    /// </summary>
    private static void FragmentClauses(Document doc, List<AttributionDraft> drafts)
    {
        var pos = doc.PosTags;
        if (pos.Length != doc.Tokens.Count) return;
        int count = drafts.Count;
        // The reported drafts a clause may nearly repeat, found by extent (built when first needed), and the clauses added.
        List<AttributionDraft>? reported = null;
        Extents? extents = null;
        var near = new List<int>();
        var added = new List<AttributionDraft>();
        for (int i = 0; i < count; i++)
        {
            var d = drafts[i];
            if (d.Kind != QuoteKind.Direct || d.Quotation < 0
                || d.Rule != AttributionRule.Unattributed) continue;
            var q = doc.Quotations[d.Quotation];
            if (q.Parts.Count != 1) continue;
            int open = q.FirstMarkOrToken, close = q.LastMarkOrToken;
            var s = doc.Sentences[doc.SentenceOfToken[open]];
            if (doc.SentenceOfToken[close] != doc.SentenceOfToken[open]) continue;
            int first = -1;
            for (int k = open - 1; k >= s.FirstToken && open - k <= 12; k--)
            {
                if (doc.QuotationOfToken[k] >= 0 || doc.Tokens[k].Kind == TokenKind.QuoteMark) break;
                if (pos[k] == VerbTag) { first = k + 1; break; }
            }
            if (first < 0 || first == open) continue;
            if (doc.TokenIs(first, "that") && first + 1 < open) first++;
            int end = close + 1;
            while (end < s.EndToken)
            {
                if (doc.QuotationOfToken[end] >= 0 || doc.Tokens[end].Kind == TokenKind.QuoteMark) { end++; continue; }
                if (doc.Tokens[end].Kind == TokenKind.Punctuation && !IsPunct(doc, end, '\'') && !IsPunct(doc, end, '(') && !IsPunct(doc, end, ')')) break;
                if ((doc.TokenIs(end, "and") || doc.TokenIs(end, "but")) && end + 1 < s.EndToken && pos[end + 1] == VerbTag) break;
                end++;
            }
            int words = CountWords(doc, first, end), quoted = CountWords(doc, open, close + 1);
            if (words < Math.Max(quoted * 2, quoted + 3) || words > quoted + MaxClauseWords) continue;
            var span = TrimmedSpan(doc, first, end);
            if (span.IsEmpty) continue;
            var clause = new AttributionDraft { Kind = QuoteKind.Mixed, Rule = AttributionRule.FragmentClause, Clean = d.Clean };
            clause.Content.Add(span);
            reported ??= drafts.Take(count).Where(x => x.Kind != QuoteKind.Direct).ToList();
            extents ??= new Extents(reported);
            extents.Overlapping(span.Start, span.End, near);
            if (near.Exists(j => NearlySame(reported[j], clause)) || added.Exists(x => NearlySame(x, clause))) continue;
            drafts.Add(clause);
            added.Add(clause);
        }
    }

    private const int VerbTag = 15; // UPOS VERB
    /// <summary>A fragment's clause holds at most this many words besides the quotation's.</summary>
    private const int MaxClauseWords = 20;

    /// <summary>Contents over mostly the same characters: Jaccard over 0.5.</summary>
    private static bool NearlySame(AttributionDraft x, AttributionDraft y)
    {
        int inter = Intersection(x, y);
        return inter * 2 > Length(x) + Length(y) - inter;
    }

    /// <summary>"Bill Clinton: Hillary thinks feds require too many tests": a headline label's words holding another
    /// draft's cue are a report within a report, two attributions however much their words overlap.</summary>
    private static bool Nested(Document doc, AttributionDraft x, AttributionDraft y) =>
        IsHeadlineLabel(doc, x) && CueInside(doc, x, y) || IsHeadlineLabel(doc, y) && CueInside(doc, y, x);

    /// <summary>A headline's label draft ("Poll: ...", "Bill Clinton: ..."): the colon is its cue.</summary>
    internal static bool IsHeadlineLabel(Document doc, AttributionDraft d) =>
        d.CueFirst >= 0 && d.CueEnd == d.CueFirst + 1 && d.SourceFirst >= 0 && d.SourceEnd == d.CueFirst
        && doc.ParagraphOfToken[d.CueFirst] == 0 && IsPunct(doc, d.CueFirst, ':');

    private static bool CueInside(Document doc, AttributionDraft outer, AttributionDraft inner)
    {
        if (inner.CueFirst < 0 || inner.CueFirst >= doc.Tokens.Count) return false;
        int at = doc.Tokens[inner.CueFirst].Start;
        foreach (var c in outer.Content)
            if (at >= c.Start && at < c.End) return true;
        return false;
    }

    private static int Length(AttributionDraft d)
    {
        int n = 0;
        foreach (var c in d.Content) n += c.End - c.Start;
        return n;
    }

    private static int Intersection(AttributionDraft x, AttributionDraft y)
    {
        int n = 0;
        foreach (var a in x.Content)
            foreach (var b in y.Content)
                n += Math.Max(0, Math.Min(a.End, b.End) - Math.Max(a.Start, b.Start));
        return n;
    }

    // ---------------------------------------------------------------- speaker labels and other verbs

    private static readonly WordSet NotSpeakerLabels = WordSet.Of(
        "update updated note editor correction photo photos video watch related read source sources credit image q a by " +
        "warning breaking exclusive analysis opinion poll live more also see listen advertisement transcript caption");

    /// <summary>A paragraph that opens with a short name and a colon: the rest of the paragraph is that speaker's words.</summary>
    private static void SpeakerLabels(Document doc, List<AttributionDraft> drafts, AttributionDraft?[] quoteDraft)
    {
        var tokens = doc.Tokens;
        HashSet<string>? recurring = null;
        for (int p = 0; p < tokens.Count; p++)
        {
            if (!tokens[p].Is(TokenFlags.ParagraphStart)) continue;
            int k = p;
            // The headline names who says what in its label: "Poll: Trump and Clinton hold narrow leads", "Ryan: ...".
            bool headline = doc.ParagraphOfToken[p] == 0;
            int maxLabel = headline ? 6 : 4;
            while (k < tokens.Count && k - p < maxLabel && doc.QuotationOfToken[k] < 0 && doc.ParagraphOfToken[k] == doc.ParagraphOfToken[p]
                   && (tokens[k].Kind == TokenKind.Word && tokens[k].IsCapitalized
                       // a headline's label may hold a title's period and a group word: "Dr. Ben Carson:", "Clinton camp:"
                       || headline && k > p && IsPunct(doc, k, '.') && tokens[k - 1].End == tokens[k].Start && Lexicon.Abbreviations.Contains(doc.TokenText(k - 1))
                       || headline && k > p && tokens[k].Kind == TokenKind.Word && k + 1 < tokens.Count && IsPunct(doc, k + 1, ':')
                          && (Lexicon.GroupHeads.Contains(doc.TokenText(k)) || Lexicon.PersonDescriptionHeads.Contains(doc.TokenText(k))
                              || doc.PosTags.Length == tokens.Count && doc.PosTags[k] == Learning.PosTagger.Noun)))
                k++;
            if (k == p || k >= tokens.Count || !IsPunct(doc, k, ':')) continue;
            // "Ted Cruz: ‘Physically Assaulting ...’": a quotation that is all the rest of the headline is a direct quote
            // (step 2c); with more words after it ("Sanders: ‘It Is Not A Radical Idea’ To Ask For ...") the rest is the
            // label's, a mixed quote.
            if (headline && k + 1 < tokens.Count && tokens[k + 1].Kind == TokenKind.QuoteMark
                && (doc.QuotationOfMark[k + 1] < 0 || OnlyPunctuation(doc, doc.Quotations[doc.QuotationOfMark[k + 1]].LastMarkOrToken + 1, LineEnd(doc, k + 1))))
                continue;
            if (!headline)
            {
                if (k - p == 1 && NotSpeakerLabels.Contains(doc.TokenText(p))) continue;
                // 'Clinton: "Our goal is …" Bush: "The mission is …"': a label before a quotation introduces it (step 2c),
                // not a transcript's turn running to the paragraph's end.
                if (k + 1 < tokens.Count && tokens[k + 1].Kind == TokenKind.QuoteMark && doc.QuotationOfMark[k + 1] >= 0) continue;
                bool shouted = true;
                for (int j = p; j < k; j++) shouted &= tokens[j].Is(TokenFlags.AllCaps);
                // A mixed-case label must look like a person's name: a surname that the article uses elsewhere.
                if (!shouted && !NameRecurs(doc, k - 1, ref recurring)) continue;
            }
            // a headline ends at its line: the standfirst may follow on the next line of the same paragraph
            int end = k + 1;
            if (headline) end = LineEnd(doc, k + 1);
            else while (end < tokens.Count && doc.ParagraphOfToken[end] == doc.ParagraphOfToken[p]) end++;
            int contentEnd = ContentEnd(doc, k + 1, end);
            if (CountWords(doc, k + 1, contentEnd) < 3) continue;
            var d = new AttributionDraft { Kind = QuoteKind.Indirect, Rule = AttributionRule.IndirectCueLast };
            // The words are the speaker's own: a quotation inside them is part of this attribution, not another one.
            for (int qi = doc.QuotationAtOrAfter(k + 1); qi < doc.Quotations.Count && doc.Quotations[qi].FirstMarkOrToken < end; qi++)
            {
                var q = doc.Quotations[qi];
                if (quoteDraft[qi] is null)
                {
                    quoteDraft[qi] = d;
                    d.Kind = QuoteKind.Mixed;
                }
            }
            d.Content.Add(TrimmedSpan(doc, k + 1, contentEnd));
            d.CueFirst = k;
            d.CueEnd = k + 1;
            d.SourceFirst = p;
            d.SourceEnd = k;
            drafts.Add(d);
        }
    }

    /// <summary>The first token after <paramref name="k"/> that starts a line or a paragraph (or the text's end).</summary>
    internal static int LineEnd(Document doc, int k)
    {
        int end = k + 1;
        while (end < doc.Tokens.Count && !doc.Tokens[end].Is(TokenFlags.LineStart) && !doc.Tokens[end].Is(TokenFlags.ParagraphStart)) end++;
        return end;
    }

    /// <summary>"Cost estimates, he added, [have] doubled": a finite verb right after the attribution's closing comma goes
    /// on with the clause the attribution interrupts (an adjunct would open with "as", "citing", "prompted" ...).</summary>
    private static bool ContinuesClause(Document doc, int k)
    {
        var pos = doc.PosTags;
        if (pos.Length != doc.Tokens.Count) return false;
        if (pos[k] == Learning.PosTagger.Aux) return true;
        if (pos[k] != Learning.PosTagger.Verb) return false;
        var w = doc.TokenText(k);
        return w.Length > 3 && (w[^1] == 's' || w[^1] == 'S') && !w.EndsWith("ss", StringComparison.OrdinalIgnoreCase);
    }

    private static readonly WordSet FramingOpeners = WordSet.Of(
        "while whilst although though as if when because since after before whereas despite even unless until once");

    /// <summary>
    /// The first token of the reporter's words that lead into a quotation in the same sentence ("Trump's plan
    /// is "strategic,""), or null when the quotation opens the sentence, follows a colon, or the lead-in is the
    /// reporter's own framing ("While Russia occupies "almost all the region," ...").
    /// </summary>
    private static int? LeadIn(Document doc, Quotation q)
    {
        if (q.Parts.Count > 1 || q.OpenMark < 0) return null;
        int open = q.OpenMark;
        var s = doc.Sentences[doc.SentenceOfToken[open]];
        int first = s.FirstToken;
        if (open - first < 2 || IsPunct(doc, open - 1, ':') || IsPunct(doc, open - 1, ',')) return null;
        if (FramingOpeners.Contains(doc.TokenText(first))) return null;
        int words = 0;
        for (int k = first; k < open; k++)
        {
            if (doc.Tokens[k].Kind == TokenKind.QuoteMark || doc.QuotationOfToken[k] >= 0) return null;
            if (doc.Tokens[k].Kind is TokenKind.Word or TokenKind.Number) words++;
        }
        return words >= 2 ? first : null;
    }

    /// <summary>"More from Jeffrey M. Jones: “...”": a name and a colon right before the quotation.</summary>
    private static (int Colon, int SourceFirst, int SourceEnd)? NameColon(Document doc, Quotation q)
    {
        int open = q.OpenMark;
        if (open < 2 || !IsPunct(doc, open - 1, ':') || doc.ParagraphOfToken[open - 1] != doc.ParagraphOfToken[open]) return null;
        int end = open - 1;
        int start = end;
        bool Capital(int k) => doc.Tokens[k].Kind == TokenKind.Word && doc.Tokens[k].IsCapitalized;
        while (start > 0 && end - start < 8)
        {
            int k = start - 1;
            if (end - start < 5 && (Capital(k) || IsPunct(doc, k, '.') && k - 1 >= 0 && doc.Tokens[k - 1].Length == 1)) start--;
            // two names joined: "Mark Blumenthal and Jon Cohen: “...”"
            else if (start < end && k > 0 && (doc.TokenIs(k, "and") || IsPunct(doc, k, '&')) && Capital(k - 1)) start--;
            else break;
        }
        int before = start - 1;
        // One capitalised word is a label after "from" or a dash ("More from Jones:", "- HuffPollster:"), right after the
        // quotation another label introduced ('Varro: "…" Bell: "…"'), or opening a paragraph of running text with a name
        // the article uses again (not the headline's "Poll:").
        HashSet<string>? recurring = null;
        bool oneWordIsLabel = before >= 0 && (doc.TokenIs(before, "from")
                          || IsDash(doc, before)
                          || doc.QuotationOfMark[before] >= 0 && doc.Quotations[doc.QuotationOfMark[before]].CloseMark == before
                             && doc.Quotations[doc.QuotationOfMark[before]].OpenMark is var prevOpen and >= 1 && IsPunct(doc, prevOpen - 1, ':')
                          || doc.Tokens[start].Is(TokenFlags.ParagraphStart) && doc.ParagraphOfToken[start] > 0 && end - start == 1
                             && !NotSpeakerLabels.Contains(doc.TokenText(start)) && NameRecurs(doc, start, ref recurring));
        // "From the report: “...”": a short description after "from".
        if (start == end && end - 3 >= 0 && doc.TokenIs(end - 2, "the") && doc.Tokens[end - 1].Kind == TokenKind.Word
            && doc.TokenIs(end - 3, "from"))
            return (open - 1, end - 2, end);
        // Otherwise one word is no speaker (a headline label at a paragraph's start, "Poll: ...", unless it opens the
        // article's first paragraph); two or more are a name wherever they stand ("... doesn't surprise Republican
        // pollster Daron Shaw: “…”").
        if (end - start < (oneWordIsLabel ? 1 : 2) && !(end - start == 1 && IsHeadlineLabelQuotation(doc, q))) return null;
        return (open - 1, start, end);
    }

    /// <summary>"Trump: ‘I’m the Worst Thing …’": in the article's first paragraph, a quotation right after a label of at
    /// most five capitalised words (not "Poll:", "Watch:") that opens the paragraph.</summary>
    private static bool IsHeadlineLabelQuotation(Document doc, Quotation q)
    {
        int open = q.OpenMark;
        if (open < 2 || !IsPunct(doc, open - 1, ':') || doc.ParagraphOfToken[open] != 0) return false;
        int k = open - 2;
        while (k >= 0 && open - 1 - k <= 5 && doc.Tokens[k].Kind == TokenKind.Word && doc.Tokens[k].IsCapitalized
               && !doc.Tokens[k].Is(TokenFlags.ParagraphStart))
            k--;
        if (k < 0 || !doc.Tokens[k].Is(TokenFlags.ParagraphStart) || doc.Tokens[k].Kind != TokenKind.Word || !doc.Tokens[k].IsCapitalized) return false;
        return !(open - 1 - k == 1 && NotSpeakerLabels.Contains(doc.TokenText(k)));
    }

    /// <summary>“...” ― Maria Lopez, a teacher in Phoenix: a dash after the quotation, then who said it.</summary>
    /// <summary>
    /// A pull quotation whose last line, inside its marks, credits it: “I worry that … tax cuts.⏎Dean Baker, Center for
    /// Economic and Policy Research.” The credit (a name of capitalised words, then maybe a comma and a body's name) is the
    /// source, the words end with the line before it.
    /// </summary>
    private static (int WordsEnd, int SourceFirst, int SourceEnd)? CreditInside(Document doc, Quotation q)
    {
        var part = q.Parts[^1];
        int end = part.EndToken;
        while (end > part.FirstToken && doc.Tokens[end - 1].Kind == TokenKind.Punctuation && IsPunct(doc, end - 1, '.')) end--;
        int line = -1;
        for (int k = end - 1; k > part.FirstToken && end - k <= 14; k--)
            if (doc.Tokens[k].Is(TokenFlags.LineStart)) { line = k; break; }
        if (line < 0 || doc.Tokens[line].Is(TokenFlags.ParagraphStart) || line - part.FirstToken < 4) return null;
        // the words before the credit end as a sentence does
        int before = line - 1;
        if (!(IsPunct(doc, before, '.') || IsPunct(doc, before, '!') || IsPunct(doc, before, '?'))) return null;
        // a name first: two to four capitalised words
        int name = line;
        while (name < end && name - line < 4 && doc.Tokens[name].Kind == TokenKind.Word && doc.Tokens[name].IsCapitalized
               && !Lexicon.Determiners.Contains(doc.TokenText(name)) && !Lexicon.SubjectPronouns.Contains(doc.TokenText(name)))
            name++;
        // opened by a given name ("Happy New Year." closing a quotation is no one's credit)
        if (name - line < 2 || !Speakers.Gazetteer.Default.IsFirstName(doc.TokenText(line))) return null;
        if (name < end)
        {
            // then a comma and a body's name: capitalised words and their small words
            if (!IsPunct(doc, name, ',') || name + 1 >= end) return null;
            for (int k = name + 1; k < end; k++)
            {
                var t = doc.Tokens[k];
                if (t.Kind == TokenKind.Word ? !t.IsCapitalized && !CreditSmallWords.Contains(doc.TokenText(k))
                    : !(IsPunct(doc, k, ',') || IsPunct(doc, k, '.') || IsPunct(doc, k, '&') || IsPunct(doc, k, '-'))) return null;
            }
        }
        return (line, line, end);
    }

    private static readonly WordSet CreditSmallWords = WordSet.Of("of for and the on at in to");

    private static (int Cue, int SourceFirst, int SourceEnd)? DashAttribution(Document doc, Quotation q)
    {
        int close = q.CloseMark;
        if (close < 0 || close + 2 >= doc.Tokens.Count) return null;
        int dash = close + 1;
        if (!IsDash(doc, dash) && !(doc.Tokens[dash].Kind == TokenKind.Punctuation && doc.Text[doc.Tokens[dash].Start] == '\u2015')) return null;
        // the dash line may open the next paragraph when the quotation was a paragraph of its own
        bool nextParagraph = doc.Tokens[dash].Is(TokenFlags.ParagraphStart) && doc.Tokens[q.FirstMarkOrToken].Is(TokenFlags.ParagraphStart);
        if (doc.ParagraphOfToken[dash] != doc.ParagraphOfToken[close] && !nextParagraph || !doc.Tokens[dash + 1].IsCapitalized) return null;
        if (doc.Text[doc.Tokens[dash].Start] == '-' && !nextParagraph) return null;
        int end = dash + 1;
        while (end < doc.Tokens.Count && end - dash <= 32 && doc.ParagraphOfToken[end] == doc.ParagraphOfToken[dash] && doc.Tokens[end].Kind != TokenKind.QuoteMark) end++;
        int last = end;
        while (last > dash + 1 && doc.Tokens[last - 1].Kind == TokenKind.Punctuation && !IsPunct(doc, last - 1, ')')) last--;
        if (last <= dash + 1 || last - dash - 1 > 30) return null;
        return (dash, dash + 1, last);
    }

    /// <summary>
    /// A quotation a cue claimed that is still no one's words: a work's title or a name in title case outside the headline
    /// (“Orange Is the New Black” star Dascha Polanco opened up about …; appeared on “Meet the Press”), or one
    /// capitalised word set off in mid-sentence with no punctuation of speech (a film called “Avatar”). Checked after the
    /// learned stages, which read every rule's draft.
    /// </summary>
    internal static bool IsTitleNotSpeech(Document doc, int quotation)
    {
        var q = doc.Quotations[quotation];
        if (q.OpenMark < 0 || q.CloseMark < 0 || q.Parts.Count > 1 || doc.ParagraphOfToken[q.OpenMark] == 0) return false;
        if (IsHeadlineLabelQuotation(doc, q)) return false;
        // a name someone gave (“called his opponent “Senator Cruz””, “dubbed it “Hypo-Cruz””) is that someone's words
        for (int k = q.OpenMark - 1; k >= 0 && k >= q.OpenMark - 4 && doc.SentenceOfToken[k] == doc.SentenceOfToken[q.OpenMark]; k--)
            if (NamingVerbs.Contains(doc.TokenText(k))) return false;
        if (IsPunct(doc, q.OpenMark - 1, ':')) return false; // “Rubio: “You Don't Win …”” is a headline's speech
        int words = 0, acronyms = 0, last = q.EndToken - 1;
        // a title set in a sentence keeps the sentence's comma or period inside the marks (“Prison Break,” Mr. Madden said)
        bool closingPoint = last > q.FirstToken && (IsPunct(doc, last, ',') || IsPunct(doc, last, '.'));
        for (int k = q.FirstToken; k < q.EndToken; k++)
        {
            var t = doc.Tokens[k];
            if (t.Kind == TokenKind.Punctuation && doc.Text[t.Start] is ',' or '.' or '!' or '?' or ';' && !(closingPoint && k == last)) return false; // speech's punctuation
            if (t.Kind != TokenKind.Word) continue;
            words++;
            if (t.Is(TokenFlags.AllCaps) && t.Length > 1) { acronyms++; continue; } // “CBS This Morning”, but not a headline in capitals
            if (!t.IsCapitalized && (words == 1 || !TitleSmallWords.Contains(doc.TokenText(k)))) return false;
            if (closingPoint && (Lexicon.SubjectPronouns.Contains(doc.TokenText(k)) || doc.TokenText(k).Contains('’') || doc.TokenText(k).Contains('\''))) return false; // “I Think She Will.”
        }
        if (acronyms > 0 && (words - acronyms < 1 || acronyms > 1)) return false; // capitals all through: a headline's words
        if (closingPoint) return words >= 2;
        // one word: only in mid-sentence, where a capital is no sentence's
        return words >= 2 || words == 1 && acronyms == 0 && doc.Sentences[doc.SentenceOfToken[q.OpenMark]].FirstToken != q.OpenMark;
    }

    private static readonly WordSet NamingVerbs = WordSet.Of("call calls called calling dub dubs dubbed dubbing label labels labeled labelled labeling nickname nicknamed brand branded christened");

    private static readonly WordSet TitleSmallWords = WordSet.Of("a an the of and or nor for to in on at by with from as but vs is de la");

    /// <summary>
    /// Not speech: a nickname inside a name (Mike "The Hammer" Jones), a title in title case ("Gone With the Wind"),
    /// or a so-called "word".
    /// </summary>
    private static bool IsNameOrTitle(Document doc, Quotation q)
    {
        int open = q.OpenMark, close = q.CloseMark;
        if (open < 0 || close < 0 || q.Parts.Count > 1) return false;
        bool capitalBefore = open > 0 && doc.Tokens[open - 1].Kind == TokenKind.Word && doc.Tokens[open - 1].IsCapitalized;
        bool capitalAfter = close + 1 < doc.Tokens.Count && doc.Tokens[close + 1].Kind == TokenKind.Word && doc.Tokens[close + 1].IsCapitalized;
        if (capitalBefore && capitalAfter && q.WordCount <= 4) return true;
        if (open > 0 && (doc.TokenIs(open - 1, "so-called"))) return true;
        // Title case with no punctuation inside: a work's title or a name, not words someone said.
        int words = 0, capitals = 0;
        for (int k = q.FirstToken; k < q.EndToken; k++)
        {
            var t = doc.Tokens[k];
            if (t.Kind == TokenKind.Punctuation && doc.Text[t.Start] is ',' or '.' or '!' or '?' or ';') return false;
            if (t.Kind != TokenKind.Word) continue;
            words++;
            if (t.IsCapitalized || t.Length <= 3) capitals++;
        }
        return words >= 2 && capitals == words && doc.Tokens[q.FirstToken].IsCapitalized;
    }

    private static bool NameRecurs(Document doc, int k, ref HashSet<string>? words)
    {
        if (words is null)
        {
            // Built once per document, on the first label: every word, and every word without its possessive.
            words = new HashSet<string>(StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (int j = 0; j < doc.Tokens.Count; j++)
            {
                if (doc.Tokens[j].Kind != TokenKind.Word) continue;
                var w = doc.TokenText(j).ToString();
                if (!seen.Add(w)) words.Add(w); // seen twice
                if (w.Length > 2 && (w.EndsWith("'s", StringComparison.Ordinal) || w.EndsWith("’s", StringComparison.Ordinal))) words.Add(w[..^2]);
            }
        }
        return words.Contains(doc.TokenText(k).ToString());
    }

    private static readonly WordSet IrregularPast = WordSet.Of(
        "said told called wrote spoke took made gave put thought felt knew saw went came became began kept left meant brought " +
        "sought taught caught held stood understood found got heard led let lost paid read ran sent set shot sold spent won " +
        "drew threw swore struck hit cut quit bet sang rang");

    private static bool IsVerbLike(Document doc, int k)
    {
        var t = doc.Tokens[k];
        if (t.Kind != TokenKind.Word || t.IsCapitalized || doc.QuotationOfToken[k] >= 0) return false;
        var w = doc.TokenText(k);
        if (IrregularPast.Contains(w)) return true;
        if (w.Length < 4 || Lexicon.ClauseBoundaries.Contains(w) || Lexicon.Determiners.Contains(w) || IsPreposition(w)) return false;
        if (w.EndsWith("ss", StringComparison.Ordinal) || w.EndsWith("us", StringComparison.Ordinal) || w.EndsWith("is", StringComparison.Ordinal)) return false;
        // A word in -s is as often a plural noun ("Republican candidates") as a verb: only a known cue counts.
        if (w.EndsWith("ed", StringComparison.Ordinal)) return true;
        if (!w.EndsWith('s')) return false;
        // A word in -s is as often a plural noun ("the Republican candidates") as a verb ("Clinton calls"):
        // a verb when it is a known cue, or follows he/she/it or a name that no article opens.
        if (IsCueStart(doc, k)) return true;
        int p = k - 1;
        if (p < 0 || doc.Tokens[p].Kind != TokenKind.Word) return false;
        var prev = doc.TokenText(p);
        if (prev.Equals("he", StringComparison.OrdinalIgnoreCase) || prev.Equals("she", StringComparison.OrdinalIgnoreCase)
            || prev.Equals("it", StringComparison.OrdinalIgnoreCase)) return true;
        if (doc.Tokens[p].IsCapitalized) return !(p > 0 && Lexicon.Determiners.Contains(doc.TokenText(p - 1)));
        // "the campaign calls": determiner, singular noun, verb
        return p > 0 && Lexicon.Determiners.Contains(doc.TokenText(p - 1)) && !Lexicon.Determiners.Contains(prev)
               && !IsPreposition(prev) && !prev.EndsWith("s", StringComparison.Ordinal);
    }

    /// <summary>
    /// For a quotation no cue claimed: "NAME VERB ... “quotation” ..." (mixed, the content from after the verb to the
    /// sentence end) or "“quotation,” NAME VERB" (direct). The verb is any past or present verb form after a source.
    /// </summary>
    private static (int Verb, int SourceFirst, int SourceEnd, int ContentFirst, int ContentEnd, bool After)? ClauseAroundQuotation(Document doc, Quotation q)
    {
        int open = q.FirstMarkOrToken;
        var s = doc.Sentences[doc.SentenceOfToken[open]];
        // "...," NAME VERB.
        int close = q.LastMarkOrToken;
        if (q.CloseMark >= 0 && close + 2 < s.EndToken)
        {
            int k = close + 1;
            while (k < s.EndToken && IsPunct(doc, k, ',')) k++;
            int limit = Math.Min(s.EndToken, k + 6);
            for (int v = k + 1; v < limit; v++)
            {
                if (!IsVerbLike(doc, v)) continue;
                var (sf, se) = SourceLeft(doc, v, s.FirstToken);
                if (sf == k && se <= v) return (v, sf, se, -1, -1, true);
                break;
            }
        }
        // NAME VERB ... “quotation”; in "NAME VERB1 A and VERB2 B “quotation”" the cue is VERB2 and the source NAME.
        int nearest = -1;
        for (int v = open - 1; v > s.FirstToken && open - v <= 25; v--)
        {
            if (doc.Tokens[v].Kind == TokenKind.QuoteMark || doc.QuotationOfToken[v] >= 0) break;
            if (!IsVerbLike(doc, v)) continue;
            if (nearest < 0 && (doc.TokenIs(v - 1, "and") || doc.TokenIs(v - 1, "but"))) { nearest = v; continue; }
            var (sf, se) = SourceLeft(doc, v, s.FirstToken);
            if (sf < 0) continue;
            bool hasName = false;
            for (int j = sf; j < se; j++) hasName |= doc.Tokens[j].IsCapitalized || Lexicon.SubjectPronouns.Contains(doc.TokenText(j));
            if (!hasName) continue;
            int cue = nearest > v ? nearest : v;
            int first = cue + 1;
            if (doc.TokenIs(first, "that")) first++;
            int end = ContentEnd(doc, first, s.EndToken);
            if (end <= first) return null;
            return (cue, sf, se, first, end, false);
        }
        return null;
    }

    /// <summary>
    /// A quotation of speech that no rule could tie to a speaker is still reported (no source, no cue, low
    /// confidence): most such quotations in news are someone's words whose attribution the rules missed.
    /// </summary>
    private static void Unattributed(Document doc, int qi, Quotation q, List<AttributionDraft> drafts, AttributionDraft?[] quoteDraft)
    {
        if (!q.Closed || IsNameOrTitle(doc, q)) return;
        var d = new AttributionDraft { Kind = QuoteKind.Direct, Rule = AttributionRule.Unattributed, Quotation = qi, Clean = q.Closed };
        AddParts(d, q);
        quoteDraft[qi] = d;
        drafts.Add(d);
    }

    // ---------------------------------------------------------------- frames

    private Frame BuildFrame(Document doc, CueMatch cue)
    {
        var f = new Frame { Cue = cue, AfterCue = cue.EndToken };
        int sentence = doc.SentenceOfToken[cue.FirstToken];
        var s = doc.Sentences[sentence];

        if (cue.Has(CueFlags.AccordingTo))
        {
            // according to X, CONTENT  |  CONTENT, according to X.
            (f.SourceFirst, f.SourceEnd) = NounPhraseRight(doc, cue.EndToken, s.EndToken, appositive: cue.FirstToken > s.FirstToken + 2);
            if (cue.FirstToken <= s.FirstToken + 2)
            {
                // "According to a just-released poll from Florida Atlantic University broadcast on MSNBC, ...": up to the comma.
                int comma = cue.EndToken;
                while (comma < s.EndToken && comma - cue.EndToken < 25 && !IsPunct(doc, comma, ',') && doc.Tokens[comma].Kind != TokenKind.QuoteMark) comma++;
                if (comma < s.EndToken && IsPunct(doc, comma, ',') && comma > cue.EndToken) (f.SourceFirst, f.SourceEnd) = (cue.EndToken, comma);
            }
            int after = f.SourceEnd < 0 ? cue.EndToken : f.SourceEnd;
            f.AfterCue = after;
            f.Rule = AttributionRule.IndirectAccordingTo;
            if (after < s.EndToken && IsPunct(doc, after, ',') && CountWords(doc, after + 1, s.EndToken) >= 2
                && (cue.FirstToken == s.FirstToken || IsPunct(doc, cue.FirstToken - 1, ',') == false && cue.FirstToken - s.FirstToken <= 2))
            {
                f.ContentFirst = after + 1;
                f.ContentEnd = ContentEnd(doc, f.ContentFirst, s.EndToken);
            }
            else if (cue.FirstToken > s.FirstToken && IsPunct(doc, cue.FirstToken - 1, ','))
            {
                f.ContentFirst = s.FirstToken;
                f.ContentEnd = cue.FirstToken - 1;
            }
            return f;
        }

        // "Rubio flipped his choice – saying ...": a dash sets the participle off as a comma does.
        bool participle = cue.FirstToken > s.FirstToken + 1 && (IsPunct(doc, cue.FirstToken - 1, ',') || IsDash(doc, cue.FirstToken - 1))
                          && doc.TokenText(cue.FirstToken).EndsWith("ing", StringComparison.OrdinalIgnoreCase);
        // "Trump mocked her, saying she would ...": a participle's speaker is the subject of the verb it follows.
        if (participle && MainVerbBefore(doc, cue.FirstToken - 1, s.FirstToken) is { } verb
            && SourceLeft(doc, verb, s.FirstToken) is var (vs, ve) && vs >= 0)
            (f.SourceFirst, f.SourceEnd) = (vs, ve);
        else
            (f.SourceFirst, f.SourceEnd) = SourceLeft(doc, cue.FirstToken, s.FirstToken);
        // "..., saying he was “very encouraged”": else the subject that opens the sentence.
        if (f.SourceFirst < 0 && participle)
            (f.SourceFirst, f.SourceEnd) = SentenceSubject(doc, s);
        int k = cue.EndToken;
        bool inverted = false;
        if (f.SourceFirst < 0 && k < s.EndToken && !cue.Has(CueFlags.ContentFollows))
        {
            // "...," said X.   Only when something before the cue ends with a comma or a quotation.
            int before = cue.FirstToken - 1;
            if (before >= s.FirstToken && (IsPunct(doc, before, ',') || doc.Tokens[before].Kind == TokenKind.QuoteMark))
            {
                (f.SourceFirst, f.SourceEnd) = NounPhraseRight(doc, k, s.EndToken);
                if (f.SourceFirst >= 0) { k = f.SourceEnd; inverted = true; }
            }
        }

        if (cue.Has(CueFlags.TakesAddressee) && !inverted)
        {
            (f.AddresseeFirst, f.AddresseeEnd) = Addressee(doc, k, s.EndToken);
            if (f.AddresseeFirst >= 0) k = f.AddresseeEnd;
        }
        k = SkipModifiers(doc, k, s.EndToken, f);
        f.AfterCue = k;

        // "..., top black lawmakers said Friday, as they ...": after the cue only an adjunct follows a comma.
        bool adjunctFollows = IsPunct(doc, k, ',') && k + 1 < s.EndToken && doc.Tokens[k + 1].Kind == TokenKind.Word
                              && !doc.TokenIs(k + 1, "that") && doc.Tokens[k + 1].Kind != TokenKind.QuoteMark
                              && !ContinuesClause(doc, k + 1);
        if (k >= s.EndToken || IsSentenceFinal(doc, k) || adjunctFollows && cue.FirstToken > s.FirstToken
            && IsPunct(doc, (f.SourceFirst >= 0 ? Math.Min(f.SourceFirst, cue.FirstToken) : cue.FirstToken) - 1, ','))
        {
            // ..., X said.   Content is what comes before the comma that precedes the source (or the cue).
            int lead = Math.Min(f.SourceFirst >= 0 ? f.SourceFirst : cue.FirstToken, cue.FirstToken) - 1;
            if (inverted) lead = cue.FirstToken - 1;
            if (lead > s.FirstToken && IsPunct(doc, lead, ','))
            {
                if (!IsOpeningAdjunct(doc, s.FirstToken, lead))
                {
                    f.ContentFirst = s.FirstToken;
                    f.ContentEnd = lead;
                    f.Rule = AttributionRule.IndirectCueLast;
                }
                // "In the end, Mr. Rosenthal said, union voters …": the words after the attribution are the report.
                else if (!inverted && IsPunct(doc, k, ',') && k + 1 < s.EndToken && CountWords(doc, k + 1, s.EndToken) >= 3)
                {
                    f.ContentFirst = k + 1;
                    f.ContentEnd = ContentEnd(doc, k + 1, s.EndToken);
                    f.Rule = AttributionRule.IndirectCueFirst;
                }
            }
            return f;
        }

        if (inverted) return f;
        // "The reality is, he added, there are ...": the attribution sits between commas inside the reported words.
        if (IsPunct(doc, k, ',') && f.SourceFirst > s.FirstToken + 2 && IsPunct(doc, f.SourceFirst - 1, ',')
            && doc.Tokens[k + 1 < s.EndToken ? k + 1 : k].Kind != TokenKind.QuoteMark && CountWords(doc, k + 1, s.EndToken) >= 3
            && CountWords(doc, s.FirstToken, f.SourceFirst - 1) >= 2)
        {
            f.ContentFirst = s.FirstToken;
            f.ContentEnd = f.SourceFirst - 1;
            f.SecondFirst = k + 1;
            f.SecondEnd = ContentEnd(doc, k + 1, s.EndToken);
            f.Rule = AttributionRule.IndirectCueLast;
            return f;
        }
        f.Rule = AttributionRule.IndirectCueFirst;
        if (cue.Has(CueFlags.ContentFollows))
        {
            f.ContentFirst = k;
        }
        else if (doc.TokenIs(k, "that"))
        {
            f.ContentFirst = k + 1;
        }
        else if (IsPunct(doc, k, ':'))
        {
            f.ContentFirst = k + 1;
        }
        else if (IsPunct(doc, k, ',') && k + 1 < s.EndToken && doc.Tokens[k + 1].Kind == TokenKind.QuoteMark)
        {
            f.ContentFirst = k + 1; // X said, "..."
        }
        else if (doc.Tokens[k].Kind == TokenKind.QuoteMark)
        {
            f.ContentFirst = k; // X said "..."
        }
        else if (cue.Has(CueFlags.TakesAddressee) && (doc.TokenIs(k, "whether") || doc.TokenIs(k, "if") || doc.TokenIs(k, "why")
                 || doc.TokenIs(k, "how") || doc.TokenIs(k, "what") || doc.TokenIs(k, "when") || doc.TokenIs(k, "who")))
        {
            f.ContentFirst = k;
        }
        else if (StartsClause(doc, k, s.EndToken) || IsCoreSpeechVerb(doc, cue) && StartsComplement(doc, k, s.EndToken))
        {
            f.ContentFirst = k;
        }
        else if (cue.Has(CueFlags.ObjectContent) && StartsObject(doc, k, s.EndToken))
        {
            f.ContentFirst = k; // criticized the Affordable Care Act as ..., called for an investigation
        }
        if (f.ContentFirst >= 0)
        {
            f.ContentEnd = ContentEnd(doc, f.ContentFirst, s.EndToken);
            // "Caddell continued:" closing a paragraph: the content is the next paragraph (a quotation, handled as direct).
            if (f.ContentEnd <= f.ContentFirst) f.ContentFirst = f.ContentEnd = -1;
        }
        return f;
    }

    private static readonly WordSet Subordinators = WordSet.Of(
        "if when whenever while as because although though since unless once whether after before until despite");

    /// <summary>
    /// Words before ", she said …" that are no report but the sentence's opening adjunct: a phrase with no verb ("In her
    /// speech, she vowed to …", "Still, he said …") or a subordinate clause with no main clause after it ("If the demands
    /// are not met, he warned …", "But when asked to leave, she said …").
    /// </summary>
    private static bool IsOpeningAdjunct(Document doc, int first, int end)
    {
        if (doc.PosTags.Length == doc.Tokens.Count)
        {
            bool verb = false;
            for (int k = first; k < end && !verb; k++)
                verb = doc.PosTags[k] is Learning.PosTagger.Verb or Learning.PosTagger.Aux
                       || doc.TokenText(k).EndsWith("n't", StringComparison.OrdinalIgnoreCase) || doc.TokenText(k).EndsWith("n’t", StringComparison.OrdinalIgnoreCase);
            if (!verb) return true;
        }
        int opener = first;
        if (doc.TokenIs(opener, "and") || doc.TokenIs(opener, "but") || doc.TokenIs(opener, "so") || doc.TokenIs(opener, "yet")) opener++;
        if (opener >= end || !Subordinators.Contains(doc.TokenText(opener))) return false;
        for (int k = opener + 1; k < end; k++)
            if (IsPunct(doc, k, ',') && doc.QuotationOfToken[k] < 0) return false; // "If we lose, we lose": the main clause
        return true;
    }

    /// <summary>The end of reported content: the sentence end, without final punctuation and closing marks.</summary>
    private static int ContentEnd(Document doc, int first, int sentenceEnd)
    {
        int end = sentenceEnd;
        int opened = 0; // brackets opened inside the words, so that only one closing bracket is ever looked back from
        // The reported words stop where the reporter's own words start: "; ...", ", adding that ...", ", and said ...",
        // ", which ...", ", who" and a cue (a relative clause that reports on its own: "…, who claimed that …"),
        // ", according to ...", and at a bracket that closes one opened before them ("Jake Sully (who said the plan was
        // sound) spoke first"). Never inside a quotation.
        for (int k = first + 1; k < sentenceEnd - 1; k++)
        {
            if (doc.QuotationOfToken[k] >= 0) continue;
            if (IsPunct(doc, k, '(')) opened++;
            else if (IsPunct(doc, k, ')') && opened-- == 0
                     && ClosesOpenBracket(doc, doc.Sentences[doc.SentenceOfToken[first]].FirstToken, k)) { end = k; break; }
            if (IsPunct(doc, k, ';')) { end = k; break; }
            if (!IsPunct(doc, k, ',')) continue;
            int n = k + 1;
            if (doc.TokenIs(n, "and") || doc.TokenIs(n, "but")) n++;
            if (n < sentenceEnd && (doc.TokenIs(n, "which") || doc.TokenIs(n, "who") && CueWithin(doc, n + 1, sentenceEnd, 3)
                                    || doc.TokenIs(n, "according") || IsTrailingCue(doc, n)))
            {
                end = k;
                break;
            }
        }
        while (end > first && (doc.Tokens[end - 1].Kind == TokenKind.Punctuation && !IsPunct(doc, end - 1, ')')
               || doc.Tokens[end - 1].Kind == TokenKind.QuoteMark && doc.QuotationOfToken[end - 1] < 0 && !IsOpeningMarkOfQuotation(doc, end - 1)))
            end--;
        return end;
    }

    /// <summary>Whether a cue starts within <paramref name="reach"/> tokens from <paramref name="from"/> (before
    /// <paramref name="end"/>): "…, who claimed at one point that …" is a report of its own.</summary>
    private static bool CueWithin(Document doc, int from, int end, int reach)
    {
        for (int k = from; k < end && k < from + reach; k++)
            if (doc.CueStartingAt[k] >= 0) return true;
        return false;
    }

    private static readonly WordSet TrailingCues = WordSet.Of(
        "said says adding added saying noting noted arguing argued insisting insisted explaining explained warning warned " +
        "telling told asking asked calling called claiming claimed suggesting suggested citing cited writing wrote");

    /// <summary>A cue that opens the reporter's addition after a comma: ", adding that", ", she said", ", and said".</summary>
    private static bool IsTrailingCue(Document doc, int n)
    {
        if (TrailingCues.Contains(doc.TokenText(n)) && !doc.Tokens[n].IsCapitalized) return true;
        // ", she said" / ", Smith added": a short subject then a cue.
        for (int j = n + 1; j < Math.Min(doc.Tokens.Count, n + 4); j++)
        {
            if (doc.Tokens[j].Kind != TokenKind.Word) return false;
            if (TrailingCues.Contains(doc.TokenText(j))) return Lexicon.SubjectPronouns.Contains(doc.TokenText(n)) || doc.Tokens[n].IsCapitalized;
        }
        return false;
    }

    private static bool IsOpeningMarkOfQuotation(Document doc, int k) =>
        doc.QuotationOfMark[k] >= 0 && doc.Quotations[doc.QuotationOfMark[k]].OpenMark == k;

    /// <summary>Skips what may stand between a cue and its content: time phrases, "in a statement", "on Twitter".</summary>
    private static int SkipModifiers(Document doc, int k, int end, Frame f)
    {
        for (int guard = 0; guard < 3 && k < end; guard++)
        {
            int time = TimePhrase(doc, k, end);
            if (time > k)
            {
                if (f.TimeFirst < 0) { f.TimeFirst = k; f.TimeEnd = time; }
                k = time;
                continue;
            }
            // in a statement, in an interview with X, on Twitter, at a rally in Ohio, during a press conference
            if (doc.TokenIs(k, "in") || doc.TokenIs(k, "on") || doc.TokenIs(k, "at") || doc.TokenIs(k, "during")
                || doc.TokenIs(k, "via") || doc.TokenIs(k, "through") || doc.TokenIs(k, "to") || doc.TokenIs(k, "with"))
            {
                // in Washington, at the Capitol: a place name ends the modifier whatever follows it
                int c = k + 1;
                if (doc.TokenIs(c, "the")) c++;
                int run = c;
                while (run < end && doc.Tokens[run].Kind == TokenKind.Word && doc.Tokens[run].IsCapitalized && doc.QuotationOfToken[run] < 0) run++;
                if (run > c && !doc.TokenIs(k, "to") && !doc.TokenIs(k, "with") && run < end && doc.Tokens[run].Kind == TokenKind.Word
                    && Lexicon.SubjectPronouns.Contains(doc.TokenText(run)))
                {
                    k = run;
                    continue;
                }
                int j = k + 1;
                int limit = Math.Min(end, k + 9);
                while (j < limit && doc.Tokens[j].Kind is TokenKind.Word or TokenKind.Number && !doc.TokenIs(j, "that")
                       && doc.QuotationOfToken[j] < 0 && !IsCueStart(doc, j) && !Lexicon.ClauseVerbs.Contains(doc.TokenText(j)))
                    j++;
                if (j < end && (doc.TokenIs(j, "that") || IsPunct(doc, j, ',') || IsPunct(doc, j, ':') || IsSentenceFinal(doc, j)
                                || doc.Tokens[j].Kind == TokenKind.QuoteMark) && j > k + 1)
                {
                    // "said in an interview on Monday that", "at a rally in Ohio Tuesday": the time inside the modifier
                    // is when the words were said ("in an interview with USA Today" names no day).
                    for (int t = k + 2; t < j && f.TimeFirst < 0; t++)
                        if ((!doc.Tokens[t].IsCapitalized || Lexicon.Weekdays.Contains(doc.TokenText(t)) || Lexicon.Months.Contains(doc.TokenText(t)))
                            && TimePhrase(doc, t, j) is var timeEnd && timeEnd > t) { f.TimeFirst = t; f.TimeEnd = timeEnd; }
                    k = j;
                    if (IsPunct(doc, k, ',') && k + 1 < end && (doc.TokenIs(k + 1, "that") || doc.Tokens[k + 1].Kind == TokenKind.QuoteMark)) k++;
                    continue;
                }
            }
            break;
        }
        return k;
    }

    private static bool IsCueStart(Document doc, int k) => k >= 0 && k < doc.CueStartingAt.Length && doc.CueStartingAt[k] >= 0;

    /// <summary>The end of a time phrase starting at <paramref name="k"/> (on Thursday, Thursday, yesterday, on July 7, last week), or k.</summary>
    internal static int TimePhrase(Document doc, int k, int end)
    {
        if (k >= end) return k;
        int j = k;
        if (doc.TokenIs(j, "on") || doc.TokenIs(j, "late") || doc.TokenIs(j, "early") || doc.TokenIs(j, "earlier")) j++;
        if (j >= end) return k;
        var w = doc.TokenText(j);
        if (Lexicon.Weekdays.Contains(w))
        {
            j++;
            if (j < end && (doc.TokenIs(j, "night") || doc.TokenIs(j, "morning") || doc.TokenIs(j, "afternoon") || doc.TokenIs(j, "evening"))) j++;
            return j;
        }
        if (Lexicon.Months.Contains(w) && doc.Tokens[j].IsCapitalized && j + 1 < end && doc.Tokens[j + 1].Kind == TokenKind.Number)
        {
            j += 2;
            if (j + 1 < end && IsPunct(doc, j, ',') && doc.Tokens[j + 1].Kind == TokenKind.Number) j += 2;
            return j;
        }
        if (j == k && (w.Equals("yesterday", StringComparison.OrdinalIgnoreCase) || w.Equals("today", StringComparison.OrdinalIgnoreCase)
                       || w.Equals("tonight", StringComparison.OrdinalIgnoreCase)))
            return j + 1;
        if (j == k && (w.Equals("last", StringComparison.OrdinalIgnoreCase) || w.Equals("this", StringComparison.OrdinalIgnoreCase)
                       || w.Equals("earlier", StringComparison.OrdinalIgnoreCase)) && j + 1 < end)
        {
            var n = doc.TokenText(j + 1);
            if (n.Equals("this", StringComparison.OrdinalIgnoreCase) && j + 2 < end) { j++; n = doc.TokenText(j + 1); }
            if (n.Equals("week", StringComparison.OrdinalIgnoreCase) || n.Equals("month", StringComparison.OrdinalIgnoreCase)
                || n.Equals("year", StringComparison.OrdinalIgnoreCase) || n.Equals("night", StringComparison.OrdinalIgnoreCase)
                || n.Equals("morning", StringComparison.OrdinalIgnoreCase) || n.Equals("weekend", StringComparison.OrdinalIgnoreCase)
                || n.Equals("afternoon", StringComparison.OrdinalIgnoreCase) || n.Equals("evening", StringComparison.OrdinalIgnoreCase)
                || Lexicon.Weekdays.Contains(n))
                return j + 2;
        }
        return k;
    }

    /// <summary>Whether a finite clause starts at k: a subject-like word and a verb within a few words.</summary>
    private static bool StartsClause(Document doc, int k, int end)
    {
        if (k >= end) return false;
        var t = doc.Tokens[k];
        if (t.Kind is not (TokenKind.Word or TokenKind.Number)) return false;
        var w = doc.TokenText(k);
        if (IsPreposition(w) || w.Equals("to", StringComparison.OrdinalIgnoreCase) || w.Equals("so", StringComparison.OrdinalIgnoreCase)
            || w.Equals("nothing", StringComparison.OrdinalIgnoreCase) || w.Equals("goodbye", StringComparison.OrdinalIgnoreCase))
            return false;
        bool subjectLike = Lexicon.SubjectPronouns.Contains(w) || Lexicon.Determiners.Contains(w) || t.IsCapitalized
            || t.Kind == TokenKind.Number || w.Equals("there", StringComparison.OrdinalIgnoreCase);
        if (!subjectLike)
        {
            // "says profits will rise": a bare noun, then a finite verb within two words.
            for (int j = k + 1; j < Math.Min(end, k + 3); j++)
            {
                if (doc.Tokens[j].Kind != TokenKind.Word) return false;
                if (Lexicon.ClauseVerbs.Contains(doc.TokenText(j))) return true;
            }
            return false;
        }
        int limit = Math.Min(end, k + 8);
        bool pronoun = Lexicon.SubjectPronouns.Contains(w) || w.Equals("there", StringComparison.OrdinalIgnoreCase);
        for (int j = k + 1; j < limit; j++)
        {
            var tj = doc.Tokens[j];
            if (tj.Kind == TokenKind.Punctuation && doc.Text[tj.Start] is ',' or '.' or ';' or ':') return false;
            if (tj.Kind != TokenKind.Word) continue;
            var v = doc.TokenText(j);
            if (Lexicon.ClauseVerbs.Contains(v)) return true;
            if (IsCueStart(doc, j)) return false;
            // he wants, she believes, they plan: a pronoun then a verb-like word.
            if (pronoun && j == k + 1 && (v.EndsWith("s", StringComparison.Ordinal) || v.EndsWith("ed", StringComparison.Ordinal))) return true;
            if (j >= k + 1 && (v.EndsWith("ed", StringComparison.Ordinal) || v.EndsWith("s", StringComparison.Ordinal)) && !tj.IsCapitalized
                && j - k <= 4 && Lexicon.Determiners.Contains(w) == false && doc.Tokens[k].IsCapitalized)
                return true;
        }
        return false;
    }

    private static readonly WordSet CoreSpeechVerbs = WordSet.Of(
        "say says said saying tell tells told telling add adds added adding note notes noted argue argues argued " +
        "explain explains explained insist insists insisted warn warns warned claim claims claimed believe believes believed " +
        "think thinks thought predicted predicts contend contends contended acknowledge acknowledged acknowledges admitted admits " +
        "suggested suggests wrote writes announced announces agreed agrees stressed stresses");

    private static bool IsCoreSpeechVerb(Document doc, CueMatch cue) =>
        cue.EndToken - cue.FirstToken == 1 && CoreSpeechVerbs.Contains(doc.TokenText(cue.FirstToken));

    /// <summary>After "said", nearly anything but a preposition, "to", "so" or the sentence end opens the reported words.</summary>
    private static bool StartsComplement(Document doc, int k, int end)
    {
        if (k >= end || doc.Tokens[k].Kind is not (TokenKind.Word or TokenKind.Number)) return false;
        var w = doc.TokenText(k);
        if (IsPreposition(w) || w.Equals("to", StringComparison.OrdinalIgnoreCase) || w.Equals("so", StringComparison.OrdinalIgnoreCase)
            || w.Equals("nothing", StringComparison.OrdinalIgnoreCase) || w.Equals("goodbye", StringComparison.OrdinalIgnoreCase)
            || w.Equals("hello", StringComparison.OrdinalIgnoreCase) || w.Equals("yes", StringComparison.OrdinalIgnoreCase)
            || w.Equals("no", StringComparison.OrdinalIgnoreCase) || w.Equals("more", StringComparison.OrdinalIgnoreCase)
            || w.Equals("it", StringComparison.OrdinalIgnoreCase) && k + 1 < end && !Lexicon.ClauseVerbs.Contains(doc.TokenText(k + 1)))
            return false;
        // At least a few words before the sentence ends.
        int words = 0;
        for (int j = k; j < end && words < 3; j++)
            if (doc.Tokens[j].Kind is TokenKind.Word or TokenKind.Number) words++;
        return words >= 3;
    }

    private static bool StartsObject(Document doc, int k, int end)
    {
        if (k >= end || doc.Tokens[k].Kind is not (TokenKind.Word or TokenKind.Number or TokenKind.QuoteMark)) return false;
        int words = 0;
        for (int j = k; j < end && words < 2; j++)
            if (doc.Tokens[j].Kind is TokenKind.Word or TokenKind.Number) words++;
        return words >= 2;
    }

    internal static bool IsPreposition(ReadOnlySpan<char> w) =>
        w.Equals("for", StringComparison.OrdinalIgnoreCase) || w.Equals("about", StringComparison.OrdinalIgnoreCase)
        || w.Equals("of", StringComparison.OrdinalIgnoreCase) || w.Equals("with", StringComparison.OrdinalIgnoreCase)
        || w.Equals("in", StringComparison.OrdinalIgnoreCase) || w.Equals("on", StringComparison.OrdinalIgnoreCase)
        || w.Equals("at", StringComparison.OrdinalIgnoreCase) || w.Equals("by", StringComparison.OrdinalIgnoreCase)
        || w.Equals("from", StringComparison.OrdinalIgnoreCase) || w.Equals("into", StringComparison.OrdinalIgnoreCase)
        || w.Equals("against", StringComparison.OrdinalIgnoreCase) || w.Equals("upon", StringComparison.OrdinalIgnoreCase)
        || w.Equals("as", StringComparison.OrdinalIgnoreCase) || w.Equals("up", StringComparison.OrdinalIgnoreCase);

    // ---------------------------------------------------------------- sources

    /// <summary>The source mention left of a cue: a name with its title, a pronoun, a description or a group.</summary>
    internal static (int, int) SourceLeft(Document doc, int cueFirst, int sentenceFirst)
    {
        int k = cueFirst - 1;
        // Zelenskyy also said, he has repeatedly said, she did not say, Sanders on Tuesday said
        while (k >= sentenceFirst)
        {
            if (doc.Tokens[k].Kind == TokenKind.Word
                && (Lexicon.CueAdverbs.Contains(doc.TokenText(k)) || Lexicon.Auxiliaries.Contains(doc.TokenText(k))
                    || doc.TokenIs(k, "not") || doc.TokenIs(k, "never") || IsLyAdverb(doc, k)))
            {
                k--;
                continue;
            }
            if (doc.Tokens[k].Kind == TokenKind.Word && Lexicon.Weekdays.Contains(doc.TokenText(k)))
            {
                k--;
                if (doc.TokenIs(k, "on")) k--;
                continue;
            }
            break;
        }
        if (k < sentenceFirst) return (-1, -1);
        // The mention keeps what qualifies the name (PolNeAR's convention): "Gov. Mike Pence (R-IN)",
        // "Kenneth Baer, a former Obama administration official,". The name itself is searched before them.
        int extendedEnd = -1;
        // Smith, a Republican from Ohio, said  →  skip the appositive back to the comma after the name.
        if (IsPunct(doc, k, ','))
        {
            int j = k - 1;
            int limit = Math.Max(sentenceFirst, k - 24);
            while (j >= limit && !IsPunct(doc, j, ',') && (doc.Tokens[j].Kind != TokenKind.QuoteMark || IsPluralPossessive(doc, j))) j--;
            if (j < limit || !IsPunct(doc, j, ',')) return (-1, -1);
            extendedEnd = k;
            k = j - 1;
            if (k < sentenceFirst) return (-1, -1);
        }
        // Gov. Mike Pence (R-IN) said: the parenthesis after a name is skipped too.
        if (IsPunct(doc, k, ')'))
        {
            int j = k - 1;
            while (j >= Math.Max(sentenceFirst, k - 8) && !IsPunct(doc, j, '(')) j--;
            if (j >= sentenceFirst && IsPunct(doc, j, '('))
            {
                if (extendedEnd < 0) extendedEnd = k + 1;
                k = j - 1;
            }
            if (k < sentenceFirst) return (-1, -1);
        }
        int end = k + 1;
        int start = end;
        while (k >= sentenceFirst && end - k <= 14)
        {
            var t = doc.Tokens[k];
            if (doc.QuotationOfToken[k] >= 0) break;
            if (t.Kind == TokenKind.QuoteMark)
            {
                if (IsMarkOfQuotation(doc, k)) break;
                if (start == end) { end = k; start = k; k--; continue; } // a stray mark right before the cue
                if (IsPluralPossessive(doc, k)) { start = k; k--; continue; } // "Sanders' campaign manager"
                break;
            }
            if (t.Kind == TokenKind.Punctuation)
            {
                char c = doc.Text[t.Start];
                // Sen. Bob Smith, R-Tenn.: periods of abbreviations and hyphens stay inside a name.
                bool inName = c == '.' && k > sentenceFirst && doc.Tokens[k - 1].End == t.Start && doc.Tokens[k - 1].IsCapitalized
                              || c is '-' or '&' or '\'' or '\u2019';
                if (!inName) break;
            }
            else if (t.Kind == TokenKind.Word && !t.IsCapitalized && Lexicon.ClauseBoundaries.Contains(doc.TokenText(k)))
            {
                break;
            }
            else if (t.Kind == TokenKind.Word && !t.IsCapitalized && IsCueStart(doc, k))
            {
                break;
            }
            start = k;
            k--;
        }
        if (start >= end) return (-1, -1);
        // Drop leading conjunctions and prepositions: "and the spokesman", "In fact, she".
        while (start < end && doc.Tokens[start].Kind == TokenKind.Word && !doc.Tokens[start].IsCapitalized
               && (IsPreposition(doc.TokenText(start)) || doc.TokenIs(start, "and") || doc.TokenIs(start, "but") || doc.TokenIs(start, "or")
                   || doc.TokenIs(start, "then") || doc.TokenIs(start, "also")))
            start++;
        if (start >= end) return (-1, -1);
        if (end - start > 8) start = TrailingNounPhrase(doc, start, end);
        if (start < 0 || !LooksLikeSource(doc, start, end)) return (-1, -1);
        return (start, extendedEnd > end ? extendedEnd : end);
    }

    private static bool IsNameBetween(Document doc, int first, int end)
    {
        if (end - first < 2 || end - first > 5) return false;
        for (int k = first; k < end; k++)
        {
            var t = doc.Tokens[k];
            if (!(t.Kind == TokenKind.Word && t.IsCapitalized || IsPunct(doc, k, '.'))) return false;
        }
        return true;
    }

    internal static bool IsLyAdverb(Document doc, int k)
    {
        var w = doc.TokenText(k);
        return w.Length > 4 && w.EndsWith("ly", StringComparison.Ordinal) && !doc.Tokens[k].IsCapitalized
               && !w.Equals("family", StringComparison.OrdinalIgnoreCase) && !w.Equals("ally", StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsMarkOfQuotation(Document doc, int k) => doc.QuotationOfMark[k] >= 0;

    /// <summary>The nearest verb-looking word before <paramref name="from"/> in the sentence, skipping commas' asides.</summary>
    private static int? MainVerbBefore(Document doc, int from, int sentenceFirst)
    {
        for (int k = from - 1; k > sentenceFirst && from - k <= 20; k--)
        {
            if (doc.Tokens[k].Kind == TokenKind.QuoteMark || doc.QuotationOfToken[k] >= 0) return null;
            if (IsCueStart(doc, k) || IsVerbLike(doc, k) && doc.TokenText(k).EndsWith("ed", StringComparison.Ordinal)) return k;
        }
        return null;
    }

    /// <summary>
    /// The subject of the sentence right before a floating quotation in its paragraph, when that sentence reports nothing a
    /// rule found (no quotation, no attribution of its own) and the last speaker was named before it: the quotation is
    /// more likely the words of the person the sentence is about than of the earlier speaker.
    /// </summary>
    private static (int First, int End)? SubjectJustBefore(Document doc, Quotation q, AttributionDraft lender)
    {
        int open = q.FirstMarkOrToken;
        if (open < 2 || !IsPunct(doc, open - 1, '.') || doc.Tokens[open].Is(TokenFlags.ParagraphStart)) return null;
        var s = doc.Sentences[doc.SentenceOfToken[open - 1]];
        if (doc.ParagraphOfToken[s.FirstToken] != doc.ParagraphOfToken[open]) return null;
        // the lender's own sentence, or a later one, speaks for itself
        int lenderEnd = lender.Content.Count > 0 ? lender.Content[^1].End : 0;
        if (lender.CueEnd > 0) lenderEnd = Math.Max(lenderEnd, doc.Tokens[lender.CueEnd - 1].End);
        if (lender.SourceEnd > 0) lenderEnd = Math.Max(lenderEnd, doc.Tokens[lender.SourceEnd - 1].End);
        if (lenderEnd > doc.Tokens[s.FirstToken].Start) return null;
        if (s.EndToken - s.FirstToken > 80) return null; // a bounded look back for each quotation
        for (int k = s.FirstToken; k < s.EndToken; k++)
            if (doc.Tokens[k].Kind == TokenKind.QuoteMark && doc.QuotationOfMark[k] >= 0 || doc.QuotationOfToken[k] >= 0) return null;
        var (first, end) = SentenceSubject(doc, s);
        if (first < 0 || end >= s.EndToken || doc.Tokens[end].Kind != TokenKind.Word || doc.Tokens[end].IsCapitalized) return null;
        // a person: a name or he/she ("They also lie in a dead zone" are towns; "But the billboards …" opens on no subject)
        if (end - first == 1 && Lexicon.SubjectPronouns.Contains(doc.TokenText(first)))
        {
            if (!doc.TokenIs(first, "he") && !doc.TokenIs(first, "she")) return null;
        }
        else if (SubjectOpeners.Contains(doc.TokenText(first)) || doc.Tokens[end].Kind == TokenKind.Word && doc.TokenText(end).Contains('\u2019'))
            return null;
        return (first, end);
    }

    private static readonly WordSet SubjectOpeners = WordSet.Of("but and or so yet still then now also even");

    /// <summary>The subject that opens a sentence: a pronoun, a name with its title, or a short determiner phrase.</summary>
    private static (int, int) SentenceSubject(Document doc, Sentence s)
    {
        int k = s.FirstToken;
        if (k >= s.EndToken || doc.Tokens[k].Kind != TokenKind.Word) return (-1, -1);
        if (Lexicon.SubjectPronouns.Contains(doc.TokenText(k)) && !doc.TokenIs(k, "it")) return (k, k + 1);
        int end = k;
        if (Lexicon.Determiners.Contains(doc.TokenText(k))) end++;
        while (end < s.EndToken && end - k < 6 && doc.Tokens[end].Kind == TokenKind.Word && doc.QuotationOfToken[end] < 0
               && (doc.Tokens[end].IsCapitalized || end > k && Lexicon.PersonDescriptionHeads.Contains(doc.TokenText(end))
                   || end > k && Lexicon.GroupHeads.Contains(doc.TokenText(end))))
            end++;
        if (end == k || end == k + 1 && Lexicon.Determiners.Contains(doc.TokenText(k))) return (-1, -1);
        // the subject must be followed by its verb, not be the start of a longer phrase ("In Washington, ...")
        if (end < s.EndToken && (IsPunct(doc, end, ',') || IsPreposition(doc.TokenText(k)))) return (-1, -1);
        return LooksLikeSource(doc, k, end) ? (k, end) : (-1, -1);
    }

    /// <summary>
    /// A paragraph that opens with a quotation after a paragraph ending in a colon ("The report finds:"): the
    /// colon is the cue and the previous sentence's subject the source; when no subject is found by position, the
    /// sentence's own attribution gives both.
    /// </summary>
    private static (int CueFirst, int CueEnd, int SourceFirst, int SourceEnd)? ColonBefore(Document doc, Quotation q, List<AttributionDraft> drafts)
    {
        int open = q.FirstMarkOrToken;
        if (open < 1 || !doc.Tokens[open].Is(TokenFlags.ParagraphStart) || !IsPunct(doc, open - 1, ':')) return null;
        var s = doc.Sentences[doc.SentenceOfToken[open - 1]];
        var (sf, se) = SentenceSubject(doc, s);
        if (sf >= 0) return (open - 1, open, sf, se);
        // "81-year-old Parker Eaton, a nominal Republican, said that given the crop of candidates:": the sentence's last
        // cue with a source speaks on after the colon, and its cue ("said") introduces those words too.
        AttributionDraft? said = null;
        foreach (var d in drafts)
            if (d.CueFirst >= s.FirstToken && d.CueFirst < s.EndToken && d.SourceFirst >= 0 && (said is null || d.CueFirst > said.CueFirst)) said = d;
        return said is null ? null : (said.CueFirst, said.CueEnd, said.SourceFirst, said.SourceEnd);
    }

    /// <summary>The last noun phrase of a long region: its trailing name, or from its last determiner.</summary>
    private static int TrailingNounPhrase(Document doc, int start, int end)
    {
        int k = end - 1;
        while (k >= start && (doc.Tokens[k].IsCapitalized || IsPunct(doc, k, '.') || IsPunct(doc, k, '-'))) k--;
        if (k < end - 1) return k + 1;
        for (int j = end - 1; j >= Math.Max(start, end - 6); j--)
            if (Lexicon.Determiners.Contains(doc.TokenText(j)) && doc.Tokens[j].Kind == TokenKind.Word) return j;
        return -1;
    }

    /// <summary>An apostrophe closing a word in -s with no quotation of its own: a plural or name possessive ("Sanders' aide").</summary>
    private static bool IsPluralPossessive(Document doc, int k) =>
        k > 0 && doc.Tokens[k].Kind == TokenKind.QuoteMark && Tokenizer.IsApostrophe(doc.Text[doc.Tokens[k].Start]) && !IsMarkOfQuotation(doc, k)
        && doc.Tokens[k - 1].Kind == TokenKind.Word && doc.Tokens[k - 1].End == doc.Tokens[k].Start
        && doc.Text[doc.Tokens[k - 1].End - 1] is 's' or 'S'
        && k + 1 < doc.Tokens.Count && doc.Tokens[k + 1].Kind == TokenKind.Word && doc.Tokens[k + 1].Start > doc.Tokens[k].End;

    private static readonly WordSet Quantities = WordSet.Of("one two three four five six seven eight nine ten dozens hundreds thousands");

    private static bool LooksLikeSource(Document doc, int start, int end)
    {
        var head = doc.TokenText(end - 1);
        if (end - start == 1 && Lexicon.SubjectPronouns.Contains(head)) return !head.Equals("you", StringComparison.OrdinalIgnoreCase);
        for (int k = start; k < end; k++)
            if (doc.Tokens[k].IsCapitalized && doc.Tokens[k].Kind == TokenKind.Word) return true;
        if (Lexicon.PersonDescriptionHeads.Contains(head) || Lexicon.GroupHeads.Contains(head) || Lexicon.OrganizationWords.Contains(head)) return true;
        // a lower-case noun phrase opened by a determiner: "the report", "some analysts"
        // or by a number: "one voter", "two officials"
        return (Lexicon.Determiners.Contains(doc.TokenText(start)) || Quantities.Contains(doc.TokenText(start))) && end - start >= 2;
    }

    /// <summary>A noun phrase right of <paramref name="k"/>: "said Caddell", "according to the report", up to a comma or the sentence end.</summary>
    private static (int, int) NounPhraseRight(Document doc, int k, int sentenceEnd, bool appositive = true)
    {
        int start = k;
        int end = k;
        while (end < sentenceEnd && end - start < 12)
        {
            var t = doc.Tokens[end];
            if (doc.QuotationOfToken[end] >= 0 || t.Kind == TokenKind.QuoteMark && !(end > start && IsPluralPossessive(doc, end))) break;
            if (t.Kind == TokenKind.Punctuation)
            {
                char c = doc.Text[t.Start];
                bool inName = c == '.' && end > start && doc.Tokens[end - 1].End == t.Start && doc.Tokens[end - 1].IsCapitalized
                              && (Lexicon.Abbreviations.Contains(doc.TokenText(end - 1)) || doc.Tokens[end - 1].Length == 1)
                              && end + 1 < sentenceEnd && doc.Tokens[end + 1].IsCapitalized
                              || c is '-' or '&';
                if (!inName) break;
            }
            else if (t.Kind == TokenKind.Word && !t.IsCapitalized && (Lexicon.ClauseBoundaries.Contains(doc.TokenText(end))
                     || IsCueStart(doc, end) || Lexicon.ClauseVerbs.Contains(doc.TokenText(end))))
            {
                break;
            }
            else if (t.Kind == TokenKind.Word && end > start && !t.IsCapitalized && (doc.TokenIs(end, "in") || doc.TokenIs(end, "on")
                     || doc.TokenIs(end, "at") || doc.TokenIs(end, "during") || doc.TokenIs(end, "to")) && end - start >= 1)
            {
                break;
            }
            end++;
        }
        if (end <= start || !LooksLikeSource(doc, start, end)) return (-1, -1);
        // "said Len Burman, head of the Tax Policy Center." — an appositive to the sentence end belongs to the mention.
        if (appositive && end + 1 < sentenceEnd && IsPunct(doc, end, ',') && doc.Tokens[end + 1].Kind == TokenKind.Word
            && (Lexicon.Determiners.Contains(doc.TokenText(end + 1)) || Lexicon.PersonDescriptionHeads.Contains(doc.TokenText(end + 1))
                || doc.TokenIs(end + 1, "who")) && !doc.TokenIs(end + 1, "that"))
        {
            int e = end + 1;
            while (e < sentenceEnd && !IsSentenceFinal(doc, e) && doc.Tokens[e].Kind != TokenKind.QuoteMark && !IsPunct(doc, e, ',') && e - end < 16) e++;
            if (e >= sentenceEnd || IsSentenceFinal(doc, e)) end = e;
        }
        return (start, end);
    }

    /// <summary>The hearer after a tell-like cue: a name, an object pronoun, or a short noun phrase (reporters, the crowd).</summary>
    private static (int, int) Addressee(Document doc, int k, int sentenceEnd)
    {
        if (k >= sentenceEnd) return (-1, -1);
        var w = doc.TokenText(k);
        if (w.Equals("him", StringComparison.OrdinalIgnoreCase) || w.Equals("her", StringComparison.OrdinalIgnoreCase)
            || w.Equals("them", StringComparison.OrdinalIgnoreCase) || w.Equals("us", StringComparison.OrdinalIgnoreCase)
            || w.Equals("me", StringComparison.OrdinalIgnoreCase) || w.Equals("reporters", StringComparison.OrdinalIgnoreCase)
            || w.Equals("supporters", StringComparison.OrdinalIgnoreCase) || w.Equals("lawmakers", StringComparison.OrdinalIgnoreCase)
            || w.Equals("voters", StringComparison.OrdinalIgnoreCase) || w.Equals("journalists", StringComparison.OrdinalIgnoreCase))
        {
            if (w.Equals("her", StringComparison.OrdinalIgnoreCase) && k + 1 < sentenceEnd && doc.Tokens[k + 1].Kind == TokenKind.Word
                && !doc.TokenIs(k + 1, "that") && !Lexicon.Weekdays.Contains(doc.TokenText(k + 1)) && !doc.TokenIs(k + 1, "on"))
                return (-1, -1); // "told her supporters": possessive, let the noun phrase rule take it
            return (k, k + 1);
        }
        int end = k;
        if (doc.Tokens[k].IsCapitalized && doc.Tokens[k].Kind == TokenKind.Word)
        {
            // told CNN, told Breitbart News Daily host Alex Marlow: the capitalised run (with titles inside it)
            while (end < sentenceEnd && doc.Tokens[end].Kind == TokenKind.Word && doc.QuotationOfToken[end] < 0
                   && (doc.Tokens[end].IsCapitalized || (Lexicon.TitleWords.Contains(doc.TokenText(end)) || doc.TokenIs(end, "of"))
                       && end > k && end + 1 < sentenceEnd && doc.Tokens[end + 1].IsCapitalized)
                   && !Lexicon.Weekdays.Contains(doc.TokenText(end)) && !Lexicon.Months.Contains(doc.TokenText(end)))
                end++;
            return end > k ? (k, end) : (-1, -1);
        }
        if (Lexicon.Determiners.Contains(w) && !w.Equals("that", StringComparison.OrdinalIgnoreCase)) end++;
        else return (-1, -1);
        int limit = Math.Min(sentenceEnd, k + 4);
        while (end < limit && doc.Tokens[end].Kind == TokenKind.Word && doc.QuotationOfToken[end] < 0
               && (doc.Tokens[end].IsCapitalized || end > k && !doc.TokenIs(end, "that") && !IsPreposition(doc.TokenText(end))
                   && !Lexicon.ClauseBoundaries.Contains(doc.TokenText(end)) && !Lexicon.Weekdays.Contains(doc.TokenText(end))
                   && !doc.TokenIs(end, "to") && !doc.TokenIs(end, "yesterday") && !doc.TokenIs(end, "today")
                   && !Lexicon.ClauseVerbs.Contains(doc.TokenText(end)) && !Lexicon.SubjectPronouns.Contains(doc.TokenText(end)))
               && !(Lexicon.Weekdays.Contains(doc.TokenText(end))))
            end++;
        if (end <= k || end == k + 1 && Lexicon.Determiners.Contains(w)) return (-1, -1);
        // The noun phrase must end on a name or a noun-like word, not on a verb of a clause ("told Trump was").
        return (k, end);
    }

    // ---------------------------------------------------------------- direct quotes

    /// <summary>"...," X said / "...," said X: a cue within a few words after the closing mark, in the same paragraph.</summary>
    private static (Frame f, AttributionRule rule)? CueAfter(Document doc, Quotation q, List<Frame> frames)
    {
        int close = q.CloseMark;
        if (close < 0) return null;
        int para = doc.ParagraphOfToken[close];
        for (int fi = FirstFrameAfter(frames, close); fi < frames.Count; fi++)
        {
            var f = frames[fi];
            int first = f.Cue.FirstToken;
            if (first - close > 14 || doc.ParagraphOfToken[first] != para) break;
            // Nothing but the source (and commas) may stand between the mark and the cue.
            int between0 = close + 1;
            if (f.SourceFirst >= 0 && f.SourceFirst < first)
            {
                if (f.SourceFirst < between0) continue;
                if (!OnlyPunctuation(doc, between0, f.SourceFirst) && !IsAppositiveBefore(doc, between0, f.SourceFirst)) continue;
                if (!OnlyAdverbsOrPunctuation(doc, f.SourceEnd, first)) continue;
            }
            else
            {
                if (!OnlyPunctuation(doc, between0, first)) continue;
                if (f.SourceFirst < 0) continue; // "...," said. has no source: not this rule
            }
            // "...everywhere.” Greene added that the Fed ...": a cue in the next sentence with reported words of its
            // own starts a new attribution; it names the quotation's speaker only when it says nothing else.
            // A report of its own opens with "that" or right after the cue; what follows an addressee and an occasion ("…?” Trump
            // told Britain’s ITV television station in an interview aired on Monday.") is not one.
            if (doc.SentenceOfToken[first] != doc.SentenceOfToken[close] && f.ContentFirst >= 0 && f.Rule == AttributionRule.IndirectCueFirst
                && (doc.TokenIs(f.ContentFirst, "that") || doc.TokenIs(f.ContentFirst - 1, "that") || f.AddresseeFirst < 0 && f.ContentFirst - f.Cue.EndToken <= 1))
                return null;
            return (f, AttributionRule.DirectCueAfter);
        }
        return LongSubjectCueAfter(doc, q, frames) ?? UnlistedVerbCueAfter(doc, q);
    }

    /// <summary>
    /// "...,” exhorted actress Jamie Lee Curtis. / "...,” she mused.": a quotation that ends on a comma (or ? or !)
    /// followed by a past-tense verb and a name, or a name and a past-tense verb, and then the sentence's end. The
    /// lexicon lists the common verbs of speech; in this position any verb is one ("opined", "beamed", "barked").
    /// </summary>
    private static (Frame f, AttributionRule rule)? UnlistedVerbCueAfter(Document doc, Quotation q)
    {
        int close = q.CloseMark;
        if (close < 1 || close + 2 >= doc.Tokens.Count || doc.PosTags.Length != doc.Tokens.Count) return null;
        if (!(IsPunct(doc, close - 1, ',') || IsPunct(doc, close - 1, '?') || IsPunct(doc, close - 1, '!'))) return null;
        // a title ("“Minority Report,” based on the movie") is not speech
        if (q.WordCount < 3 || IsNameOrTitle(doc, q)) return null;
        var s = doc.Sentences[doc.SentenceOfToken[close]];
        int k = close + 1;
        int sourceFirst, sourceEnd, verb;
        if (IsPastVerb(doc, k))
        {
            verb = k;
            (sourceFirst, sourceEnd) = NounPhraseRight(doc, k + 1, s.EndToken);
            if (sourceFirst < 0 || IsPreposition(doc.TokenText(sourceFirst)) || !LooksLikeSource(doc, sourceFirst, sourceEnd)) return null;
            k = sourceEnd;
        }
        else
        {
            sourceFirst = k;
            sourceEnd = k;
            if (doc.Tokens[k].Kind == TokenKind.Word && Lexicon.SubjectPronouns.Contains(doc.TokenText(k)) && !doc.TokenIs(k, "it") && !doc.TokenIs(k, "you")) sourceEnd = k + 1;
            else
                while (sourceEnd < s.EndToken && sourceEnd - k < 4 && doc.Tokens[sourceEnd].Kind == TokenKind.Word && doc.Tokens[sourceEnd].IsCapitalized
                       && doc.PosTags[sourceEnd] == Learning.PosTagger.Propn)
                    sourceEnd++;
            if (sourceEnd == sourceFirst || !IsPastVerb(doc, sourceEnd)) return null;
            verb = sourceEnd;
            k = verb + 1;
        }
        // then the sentence ends (a comma may open an adjunct: "..., beaming at the crowd")
        if (k < s.EndToken && !IsSentenceFinal(doc, k) && !IsPunct(doc, k, ',')) return null;
        var frame = new Frame
        {
            Cue = new CueMatch(verb, verb + 1, CueFlags.None),
            SourceFirst = sourceFirst, SourceEnd = sourceEnd, AfterCue = k,
        };
        return (frame, AttributionRule.DirectCueAfter);
    }

    /// <summary>A lower-case verb in the past tense by its form: "-ed" (the lexicon's irregular ones are found as cues).</summary>
    private static bool IsPastVerb(Document doc, int k) =>
        k < doc.Tokens.Count && doc.Tokens[k].Kind == TokenKind.Word && !doc.Tokens[k].IsCapitalized && Learning.LearnedContentStage.IsEdParticiple(doc, k);

    /// <summary>
    /// "...,'' Mr. Daniloff, now 81 and retired in Cambridge, Mass., said by telephone.": a name right after the closing
    /// mark, then its appositive (a comma, more words, no quotation and no other cue), then the sentence's first cue.
    /// The words from the name to the cue are the mention (PolNeAR keeps what qualifies the name); the cue's own guess
    /// at its source, made from the left, stopped inside the appositive.
    /// </summary>
    private static (Frame f, AttributionRule rule)? LongSubjectCueAfter(Document doc, Quotation q, List<Frame> frames)
    {
        int close = q.CloseMark;
        int name = close + 1;
        while (name < doc.Tokens.Count && IsPunct(doc, name, ',')) name++;
        int fi = FirstFrameAfter(frames, close);
        if (fi >= frames.Count || name >= doc.Tokens.Count) return null;
        var f = frames[fi];
        int cue = f.Cue.FirstToken;
        int sentence = doc.SentenceOfToken[close];
        if (cue - name > 40 || cue - name < 3 || doc.SentenceOfToken[cue] != sentence || f.Cue.Has(CueFlags.ContentFollows)) return null;
        if (doc.Tokens[name].Kind != TokenKind.Word || !doc.Tokens[name].IsCapitalized && !Lexicon.SubjectPronouns.Contains(doc.TokenText(name))) return null;
        if (Lexicon.Determiners.Contains(doc.TokenText(name)) && !doc.TokenIs(name, "the") || doc.TokenIs(name, "but") || doc.TokenIs(name, "and")) return null;
        // the name: capitalised words (with titles' periods), then the comma that opens its appositive
        int end = name;
        while (end < cue && (doc.Tokens[end].Kind == TokenKind.Word && (doc.Tokens[end].IsCapitalized || end == name)
                             || IsPunct(doc, end, '.') && end > name && doc.Tokens[end - 1].End == doc.Tokens[end].Start))
            end++;
        if (end == name || end >= cue || !LooksLikeSource(doc, name, end)) return null;
        // "Rep. Jim Jordan (R-Ohio), a member of the panel,": a party tag or other parenthesis between the name and its comma,
        // after words that end as speech does before its cue (on a comma, ? or !), not a nickname or a title ("Face the
        // Nation," Sen. Bernie Sanders (Vt.), who …).
        if (IsPunct(doc, end, '(') && close > 0 && (IsPunct(doc, close - 1, ',') || IsPunct(doc, close - 1, '?') || IsPunct(doc, close - 1, '!'))
            && !IsTitleNotSpeech(doc, doc.QuotationOfMark[close]) && !IsNameOrTitle(doc, q))
        {
            int shut = end + 1;
            while (shut < cue && shut - end <= 8 && !IsPunct(doc, shut, ')') && !IsPunct(doc, shut, '(')) shut++;
            if (shut < cue && IsPunct(doc, shut, ')')) end = shut + 1;
        }
        if (end >= cue || !IsPunct(doc, end, ',')) return null;
        for (int k = end; k < cue; k++)
            if (doc.Tokens[k].Kind == TokenKind.QuoteMark || doc.QuotationOfToken[k] >= 0 || IsPunct(doc, k, ';') || IsPunct(doc, k, ':')
                || doc.CueStartingAt.Length > k && doc.CueStartingAt[k] >= 0)
                return null;
        int sourceEnd = cue;
        while (sourceEnd > end && doc.Tokens[sourceEnd - 1].Kind == TokenKind.Punctuation && !IsPunct(doc, sourceEnd - 1, ')')
               && !(IsPunct(doc, sourceEnd - 1, '.') && sourceEnd - 2 >= 0 && doc.Tokens[sourceEnd - 2].End == doc.Tokens[sourceEnd - 1].Start))
            sourceEnd--;
        f.SourceFirst = name;
        f.SourceEnd = sourceEnd;
        return (f, AttributionRule.DirectCueAfter);
    }

    /// <summary>X said: "..." / X said, "..." / X told CNN "..." / a paragraph ending "X continued:" before the quotation.</summary>
    /// <param name="frameSpan">The most tokens any frame has from its cue's first word to <see cref="Frame.AfterCue"/>: a cue
    /// further back than that cannot end next to the quotation, so the search stops there (one long paragraph of cues and
    /// quotations stays linear).</param>
    private static (Frame f, AttributionRule rule, bool bare)? CueBefore(Document doc, Quotation q, List<Frame> frames, int frameSpan)
    {
        int open = q.FirstMarkOrToken;
        Frame? best = null;
        bool bestBare = false;
        int from = FirstFrameAfter(frames, open - 1) - 1;
        int lowest = from;
        // (a bare report may end a few words after its cue: "said in a statement.")
        int reach = FirstFrameAfter(frames, open - 2 - Math.Max(frameSpan, 8));
        while (lowest > reach && doc.ParagraphOfToken[frames[lowest - 1].Cue.FirstToken] >= doc.ParagraphOfToken[open] - 1) lowest--;
        for (int fi = Math.Max(0, lowest); fi <= from; fi++)
        {
            var f = frames[fi];
            if (f.Cue.EndToken > open) break;
            if (f.SourceFirst < 0 && !f.Cue.Has(CueFlags.AccordingTo)) continue;
            if (f.UsedByDirect) continue; // "A," he said, "B." — B continues A
            int k = f.AfterCue;
            if (k > open) continue;
            // Between the cue's words and the mark: at most a colon or a comma (or "that"/nothing), or the end of a
            // sentence that only reports (EndsWithBareReport).
            int gap = open - k;
            bool samePara = doc.ParagraphOfToken[f.Cue.FirstToken] == doc.ParagraphOfToken[open];
            bool adjacent = gap == 0 || gap == 1 && (IsPunct(doc, k, ':') || IsPunct(doc, k, ','));
            bool bare = !adjacent && samePara && EndsWithBareReport(doc, frames, f, open);
            if (!adjacent && !bare) continue;
            bool colonParagraph = !samePara && gap == 1 && IsPunct(doc, k, ':')
                                  && doc.ParagraphOfToken[open] == doc.ParagraphOfToken[f.Cue.FirstToken] + 1;
            if (samePara || colonParagraph) (best, bestBare) = (f, bare);
        }
        return best is null ? null : (best, AttributionRule.DirectCueBefore, bestBare);
    }

    /// <summary>
    /// "Iowa State University's Dianne Bystrom agreed. “Mainstream Republicans are …”": a sentence that ends on its cue,
    /// reporting nothing of its own (at most where it was said: "said in a statement."), introduces the quotation that
    /// opens the next sentence, as a colon would; that quotation is not the last speaker's floating words.
    /// </summary>
    private static bool EndsWithBareReport(Document doc, List<Frame> frames, Frame f, int open)
    {
        int period = open - 1;
        if (period <= f.Cue.FirstToken || !IsPunct(doc, period, '.') || f.ContentFirst >= 0 && f.ContentFirst < open) return false;
        if (doc.SentenceOfToken[period] != doc.SentenceOfToken[f.Cue.EndToken - 1] || doc.QuotationOfToken[f.Cue.FirstToken] >= 0) return false;
        // not the attribution of a quotation in that sentence ("“A,” the former president told a crowd that the campaign
        // estimated at 3,000. “B.”": B goes on from A, and the cue is the relative clause's)
        var sentence = doc.Sentences[doc.SentenceOfToken[period]];
        // (a report sentence is short: a long run of text is no bare report, and each quotation looks back a bounded way)
        if (period - sentence.FirstToken > 60) return false;
        for (int j = sentence.FirstToken; j < period; j++)
            if (doc.Tokens[j].Kind == TokenKind.QuoteMark && doc.QuotationOfMark[j] >= 0) return false;
        // nor a cue inside the words another cue of the sentence reports ("Greene added that the Fed wants to get out of
        // the way.": the Fed does not say the next quotation)
        int first = FirstFrameAfter(frames, sentence.FirstToken - 1);
        if (first < frames.Count && frames[first].Cue.FirstToken < f.Cue.FirstToken) return false;
        int k = Math.Max(f.AfterCue, f.Cue.EndToken);
        if (k == period) return true;
        // "said in a statement.", "wrote on Facebook.": a short phrase on where it was said, no clause
        if (period - k > 5 || !IsPreposition(doc.TokenText(k)) || doc.Tokens[k].IsCapitalized) return false;
        for (int j = k + 1; j < period; j++)
            if (doc.Tokens[j].Kind != TokenKind.Word || Lexicon.ClauseBoundaries.Contains(doc.TokenText(j))) return false;
        return true;
    }

    /// <summary>The index of the first frame whose cue starts after token <paramref name="token"/> (frames are in text order).</summary>
    private static int FirstFrameAfter(List<Frame> frames, int token)
    {
        int lo = 0, hi = frames.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (frames[mid].Cue.FirstToken <= token) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private static bool CoversContent(Document doc, Frame f, Quotation q)
    {
        // The frame's content is only this quotation (with its marks and punctuation around it).
        for (int k = f.ContentFirst; k < f.ContentEnd; k++)
        {
            if (k >= q.FirstMarkOrToken && k <= q.LastMarkOrToken) continue;
            if (doc.Tokens[k].Kind is TokenKind.Word or TokenKind.Number) return false;
        }
        return true;
    }

    private static bool ContinuesSplit(Document doc, AttributionDraft previous, Quotation q)
    {
        // "A," he said. "B."  /  "A," he said, "B."  — the attribution sits between the two quotations.
        if (previous.Rule != AttributionRule.DirectCueAfter || previous.CueFirst < 0) return false;
        int attributionEnd = Math.Max(previous.CueEnd, previous.SourceEnd);
        if (previous.AddresseeEnd > attributionEnd) attributionEnd = previous.AddresseeEnd;
        if (previous.TimeEnd > attributionEnd) attributionEnd = previous.TimeEnd;
        int open = q.FirstMarkOrToken;
        if (open < attributionEnd) return false;
        if (doc.ParagraphOfToken[open] != doc.ParagraphOfToken[previous.CueFirst]) return false;
        // “A” ― Name  “B” ― Other: a dash credit closes its quotation (readers' comments, vox pops); the next one is new.
        if (previous.CueEnd == previous.CueFirst + 1 && IsDashToken(doc, previous.CueFirst)) return false;
        // "...," said Caddell, speaking of her health. "It is ...": the next sentence opens with the quotation.
        int cueSentence = doc.SentenceOfToken[previous.CueFirst];
        // But "...," said Tyler, explaining why he stays home. "You're ...": a participle's report of its own ends the
        // attribution sentence, and the next quotation is said after it, not the rest of the first.
        if (doc.SentenceOfToken[open] == cueSentence + 1 && doc.Sentences[cueSentence + 1].FirstToken == open)
            return !ReportInAttribution(doc, attributionEnd, doc.Sentences[cueSentence].EndToken);
        // "A," said Tom Hale, a director at the institute, "B.": the source's appositive (set off by commas, reporting
        // nothing of its own) sits between too
        if (IsPunct(doc, attributionEnd, ',') && IsPunct(doc, open - 1, ',') && open - attributionEnd <= 24
            && doc.SentenceOfToken[open] == cueSentence)
        {
            for (int k = attributionEnd + 1; k < open - 1; k++)
                if (doc.Tokens[k].Kind == TokenKind.QuoteMark || IsCueStart(doc, k)) return false;
            return true;
        }
        for (int k = attributionEnd; k < open; k++)
            if (doc.Tokens[k].Kind is TokenKind.Word or TokenKind.Number) return false;
        return true;
    }

    private static readonly WordSet DescribingVerbs = WordSet.Of("refers referred referring describes described describing");

    /// <summary>A cue that gives something a name: called, dubbed, labeled, branded, "referred to … as", "described … as".</summary>
    private static bool IsNamingCue(Document doc, CueMatch cue) =>
        cue.EndToken - cue.FirstToken == 1 && NamingVerbs.Contains(doc.TokenText(cue.FirstToken)) || DescribingVerbs.Contains(doc.TokenText(cue.FirstToken));

    /// <summary>
    /// Where a naming cue's report ends: after the name in quotation marks it gives ("Palin a “clown”", "immigrants as
    /// "rapists"", "it “meritless” and “improper”", "them "frijoleros" ("beaners")"), when words follow it; 0 when the
    /// report holds no such name or nothing follows it.
    /// </summary>
    private static int NamedEnd(Document doc, Frame f)
    {
        int qi = doc.QuotationAtOrAfter(f.ContentFirst);
        if (qi >= doc.Quotations.Count) return 0;
        var q = doc.Quotations[qi];
        // the name comes within a few words of the content's start, and is short
        if (q.CloseMark < 0 || q.FirstMarkOrToken >= f.ContentEnd || q.FirstMarkOrToken - f.ContentFirst > 8 || q.WordCount > 6) return 0;
        int end = q.CloseMark + 1;
        // "“meritless” and “improper”", "“frijoleros” (“beaners”)"
        while (end + 1 < f.ContentEnd)
        {
            int next = end;
            if (doc.TokenIs(next, "and") || doc.TokenIs(next, "or") || IsPunct(doc, next, ',') || IsPunct(doc, next, '(')) next++;
            if (next >= f.ContentEnd || doc.QuotationOfMark[next] < 0 || doc.Quotations[doc.QuotationOfMark[next]].OpenMark != next) break;
            var other = doc.Quotations[doc.QuotationOfMark[next]];
            if (other.CloseMark < 0 || other.WordCount > 6) break;
            end = other.CloseMark + 1;
            if (IsPunct(doc, end, ')') && IsPunct(doc, next - 1, '(')) end++;
        }
        return end < f.ContentEnd ? end : 0;
    }

    private static readonly WordSet ReportOpeners = WordSet.Of("that why how whether what when where who");

    /// <summary>Whether a cue after a comma in [<paramref name="first"/>, <paramref name="end"/>) opens reported words
    /// of its own (", explaining why …", ", adding that …").</summary>
    private static bool ReportInAttribution(Document doc, int first, int end)
    {
        for (int k = first; k + 2 < end; k++)
        {
            if (!IsPunct(doc, k, ',') || doc.CueStartingAt[k + 1] < 0) continue;
            var cue = doc.Cues[doc.CueStartingAt[k + 1]];
            if (cue.EndToken < end && ReportOpeners.Contains(doc.TokenText(cue.EndToken))) return true;
        }
        return false;
    }

    /// <summary>A dash, or the horizontal bar of a credit line (“…” ― Name).</summary>
    private static bool IsDashToken(Document doc, int k) => IsDash(doc, k) || doc.Tokens[k].Kind == TokenKind.Punctuation && doc.Text[doc.Tokens[k].Start] == '\u2015';

    /// <summary>A quotation that stands as its own sentence (or paragraph), long enough to be speech.</summary>
    private static bool IsFloatingSpeech(Document doc, Quotation q)
    {
        int open = q.FirstMarkOrToken;
        var s = doc.Sentences[doc.SentenceOfToken[open]];
        if (s.FirstToken != open && !(open > 0 && IsPunct(doc, open - 1, ':'))) return false;
        return q.WordCount >= 4;
    }

    /// <summary>Attributions that can lend their speaker, sorted by where their content starts.</summary>
    private sealed class Lenders(List<AttributionDraft> sorted)
    {
        private AttributionDraft? _floating;

        public void AddFloating(AttributionDraft d) => _floating = d; // added in text order

        public AttributionDraft? Before(Document doc, int token)
        {
            int position = doc.Tokens[token].Start;
            int lo = 0, hi = sorted.Count;
            while (lo < hi)
            {
                int mid = (lo + hi) >>> 1;
                if (sorted[mid].Start < position) lo = mid + 1;
                else hi = mid;
            }
            var best = lo > 0 ? sorted[lo - 1] : null;
            if (_floating is not null && _floating.Start < position && (best is null || _floating.Start > best.Start)) best = _floating;
            return best;
        }
    }

    private AttributionDraft DirectDraft(Document doc, int qi, Frame f, AttributionRule rule)
    {
        var q = doc.Quotations[qi];
        var d = new AttributionDraft { Kind = QuoteKind.Direct, Rule = rule, Quotation = qi, Clean = q.Closed };
        AddParts(d, q);
        Fill(doc, d, f);
        return d;
    }

    private static void AddParts(AttributionDraft d, Quotation q)
    {
        foreach (var part in q.Parts)
            if (!part.Content.IsEmpty) d.Content.Add(part.Content);
    }

    private static void Fill(Document doc, AttributionDraft d, Frame f)
    {
        d.CueFirst = f.Cue.FirstToken;
        d.CueEnd = f.Cue.EndToken;
        d.SourceFirst = f.SourceFirst;
        d.SourceEnd = f.SourceEnd;
        d.AddresseeFirst = f.AddresseeFirst;
        d.AddresseeEnd = f.AddresseeEnd;
        d.TimeFirst = f.TimeFirst;
        d.TimeEnd = f.TimeEnd;
        d.PresentCue = f.Cue.Has(CueFlags.Present);
        d.TaggedCue = f.Cue.Has(CueFlags.Tagged);
        if (d.TimeFirst < 0)
        {
            // "On Thursday, Zelensky said" / "Zelensky on Thursday said": a time phrase just before the source or the cue.
            int s = doc.Sentences[doc.SentenceOfToken[f.Cue.FirstToken]].FirstToken;
            int end = TimePhrase(doc, s, f.Cue.FirstToken);
            if (end > s) { d.TimeFirst = s; d.TimeEnd = end; }
        }
    }

    // ---------------------------------------------------------------- small helpers

    private static TextSpan TrimmedSpan(Document doc, int first, int end)
    {
        while (first < end && doc.Tokens[first].Kind == TokenKind.Punctuation && !IsPunct(doc, first, '(')) first++;
        if (first >= end) return default;
        return new TextSpan(doc.Tokens[first].Start, doc.Tokens[end - 1].End);
    }

    internal static int CountWords(Document doc, int first, int end)
    {
        int n = 0;
        for (int k = first; k < end; k++)
            if (doc.Tokens[k].Kind is TokenKind.Word or TokenKind.Number) n++;
        return n;
    }

    /// <summary>Whether token <paramref name="k"/> is a closing bracket whose opening one is in [first, k).</summary>
    internal static bool ClosesOpenBracket(Document doc, int first, int k)
    {
        if (!(IsPunct(doc, k, ')') || IsPunct(doc, k, ']'))) return false;
        char open = doc.Text[doc.Tokens[k].Start] == ')' ? '(' : '[';
        int depth = 0;
        for (int t = k - 1; t >= first; t--)
        {
            if (IsPunct(doc, t, doc.Text[doc.Tokens[k].Start])) depth++;
            else if (IsPunct(doc, t, open) && depth-- == 0) return true;
        }
        return false;
    }

    internal static bool IsPunct(Document doc, int k, char c) =>
        k >= 0 && k < doc.Tokens.Count && doc.Tokens[k].Kind == TokenKind.Punctuation && doc.Tokens[k].Length == 1 && doc.Text[doc.Tokens[k].Start] == c;

    /// <summary>A dash between words: an en or em dash, or a hyphen standing alone.</summary>
    internal static bool IsDash(Document doc, int k) =>
        k >= 0 && k < doc.Tokens.Count && doc.Tokens[k].Kind == TokenKind.Punctuation && doc.Text[doc.Tokens[k].Start] is '-' or '\u2013' or '\u2014';

    private static bool IsSentenceFinal(Document doc, int k) =>
        IsPunct(doc, k, '.') || IsPunct(doc, k, '!') || IsPunct(doc, k, '?') || IsPunct(doc, k, ';');

    private static bool OnlyPunctuation(Document doc, int from, int to)
    {
        for (int k = from; k < to; k++)
        {
            var t = doc.Tokens[k];
            if (t.Kind == TokenKind.Punctuation && doc.Text[t.Start] is ',' or '\u2014' or '\u2013' or '-') continue;
            return false;
        }
        return true;
    }

    /// <summary>"...," the minister, Paul Girard, said: a short description and a comma before the source.</summary>
    private static bool IsAppositiveBefore(Document doc, int from, int sourceFirst)
    {
        if (sourceFirst - from > 7 || sourceFirst - 1 < from || !IsPunct(doc, sourceFirst - 1, ',')) return false;
        for (int k = from; k < sourceFirst - 1; k++)
            if (doc.Tokens[k].Kind == TokenKind.QuoteMark || IsSentenceFinal(doc, k)) return false;
        return true;
    }

    private static bool OnlyAdverbsOrPunctuation(Document doc, int from, int to)
    {
        for (int k = from; k < to; k++)
        {
            var t = doc.Tokens[k];
            if (t.Kind == TokenKind.Punctuation) continue;
            var w = doc.TokenText(k);
            if (t.Kind == TokenKind.Word && (Lexicon.CueAdverbs.Contains(w) || Lexicon.Auxiliaries.Contains(w) || IsLyAdverb(doc, k))) continue;
            // appositive words between commas: "Smith, a Republican from Ohio, said"
            if (k > from && IsPunct(doc, from, ',')) continue;
            return false;
        }
        return true;
    }
}
