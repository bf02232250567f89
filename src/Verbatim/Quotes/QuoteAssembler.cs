using Verbatim.Pipeline;
using Verbatim.Speakers;
using Verbatim.Text;

namespace Verbatim.Quotes;

/// <summary>Turns attribution drafts into the final quotes: ids, joined text, spans with text, speaker, confidence.</summary>
public sealed class QuoteAssembler : IStage
{
    public string Name => "assemble";

    /// <summary>
    /// A quotation no rule tied to anyone that holds fewer than two words of letters: a lone word ("isolationist") is a
    /// term held at a distance, digits or a link (a tweet's id, "pic.twitter.com/") are markup; neither is speech.
    /// Dropped here, after the drafts the rankers learn from, so that the models see the rules' drafts as they were.
    /// </summary>
    private static bool IsMarkupOrLoneWord(Document doc, AttributionDraft d)
    {
        if (d.Rule != AttributionRule.Unattributed || d.Quotation < 0 || d.Quotation >= doc.Quotations.Count) return false;
        int words = 0;
        foreach (var part in doc.Quotations[d.Quotation].Parts)
            for (int k = part.FirstToken; k < part.EndToken && words < 2; k++)
            {
                if (doc.Tokens[k].Kind != Text.TokenKind.Word) continue;
                var w = doc.TokenText(k);
                if (w.Contains('/') || w.Contains("http", StringComparison.OrdinalIgnoreCase) || w.Contains(".com", StringComparison.OrdinalIgnoreCase)) continue;
                foreach (char c in w)
                    if (char.IsLetter(c)) { words++; break; }
            }
        return words < 2;
    }

    public void Run(Document doc)
    {
        var text = doc.Text;
        var id = doc.Article.Id;
        // Edges first (they may move where a quote starts), then the order.
        bool[]? drop = null;
        for (int i = 0; i < doc.Attributions.Count; i++)
        {
            var d = doc.Attributions[i];
            if (d.Content.Count == 0) continue;
            if (d.Kind != QuoteKind.Direct)
            {
                HeadlineLine(doc, d);
                ReportedEdges(doc, d);
                ClosingMark(doc, d);
                if (ParentheticalStart(doc, d)) DropInside(doc, d, drop ??= new bool[doc.Attributions.Count]);
            }
            SourceEdges(doc, d);
        }
        ShareFragmentSources(doc);
        WholeReportQuotations(doc, ref drop);
        RunOnQuotations(doc, ref drop);
        SameWordsOnce(doc, ref drop);
        var order = Enumerable.Range(0, doc.Attributions.Count)
            .Where(i => (drop is null || !drop[i]) && !IsMarkupOrLoneWord(doc, doc.Attributions[i]))
            .OrderBy(i => doc.Attributions[i].Start)
            .ThenBy(i => doc.Attributions[i].Kind == QuoteKind.Direct ? 1 : 0)
            .ToArray();
        int n = 0;
        foreach (var i in order)
        {
            var d = doc.Attributions[i];
            if (d.Content.Count == 0) continue;
            var parts = d.Content.OrderBy(p => p.Start).ToArray();
            SpeakerRef? speaker = null;
            if (d.Entity >= 0 && d.Entity < doc.EntityNames.Length)
            {
                var (name, type) = doc.EntityNames[d.Entity];
                speaker = new SpeakerRef(SpeakerResolver.Slug(name), name, type);
            }
            doc.Quotes.Add(new Quote
            {
                Id = $"{id}#q{++n}",
                Kind = ReportedKind(doc, d, parts),
                Content = parts,
                Text = string.Join(" ", parts.Select(p => p.TextOf(text))),
                Cue = CueSpan(doc, d),
                Complementizer = Complementizer(doc, d, parts[0]),
                Source = SourceSpan(doc, d),
                Speaker = speaker,
                Addressee = Span(doc, d.AddresseeFirst, d.AddresseeEnd),
                Uttered = i < doc.Uttered.Count ? doc.Uttered[i] : null,
                Confidence = Confidence(d, speaker),
                Times = TimesIn(doc, parts),
                Rule = d.Rule,
                TaggedCue = d.TaggedCue,
            });
        }
    }

    /// <summary>
    /// Reported words are mixed when they hold quoted words, and only then: a mixed draft whose content the tagger or the
    /// rankers cut back before its quotation ("denied the allegations in a statement, calling them “baseless”") is
    /// indirect, and reported words a tagger ran over a quotation are mixed.
    /// </summary>
    internal static QuoteKind ReportedKind(Document doc, AttributionDraft d, TextSpan[] parts)
    {
        if (d.Kind == QuoteKind.Direct || doc.QuotationOfToken.Length != doc.Tokens.Count) return d.Kind;
        foreach (var p in parts)
            for (int k = doc.TokenAtOrAfter(p.Start); k < doc.Tokens.Count && doc.Tokens[k].Start < p.End; k++)
                if (doc.QuotationOfToken[k] >= 0) return QuoteKind.Mixed;
        return QuoteKind.Indirect;
    }

    /// <summary>
    /// Reported words start at a word; and an edge convention of reported contents that neither the rules nor the
    /// learned rankers settle, as PolNeAR's annotators draw it (checked on the kept-back fifth of train: 10 to 1): a
    /// preposition right after the cue belongs to the cue ("talked about [the plan]", "asked about", "warned of"). Done at assembly, so the drafts the content
    /// tagger learns from do not change.
    /// </summary>
    internal static void ReportedEdges(Document doc, AttributionDraft d)
    {
        var first = d.Content[0];
        int k = doc.TokenAtOrAfter(first.Start);
        int end = k;
        while (end < doc.Tokens.Count && doc.Tokens[end].End <= first.End) end++;
        // Reported words start at a word: "said that, in her view, the plan was dead" does not report the comma.
        int start = k;
        while (end - k > 1 && doc.Tokens[k].Kind == TokenKind.Punctuation) k++;
        if (k > start) d.Content[0] = first = new TextSpan(doc.Tokens[k].Start, first.End);
        if (end - k < 3) return;
        if (d.CueEnd == k && (doc.TokenIs(k, "about") || doc.TokenIs(k, "of") || doc.TokenIs(k, "on")))
        {
            d.CueEnd = k + 1;
            d.Content[0] = new TextSpan(doc.Tokens[k + 1].Start, first.End);
        }
    }

    /// <summary>
    /// Reported words that end inside a quotation they opened (added that Russia “will pay for every crime.”) end with
    /// its closing mark, as the article prints them: the content's edges otherwise stop before final punctuation and marks,
    /// which would leave the opening mark unmatched. Marks and punctuation never decide a match, so no score moves.
    /// </summary>
    internal static void ClosingMark(Document doc, AttributionDraft d)
    {
        int i = d.Content.Count - 1;
        var last = d.Content[i];
        int t = doc.TokenAtOrAfter(last.End) - 1;
        if (t < 0 || t >= doc.Tokens.Count || doc.Tokens[t].End > last.End) return;
        int qi = doc.QuotationOfToken[t];
        if (qi < 0) return;
        var q = doc.Quotations[qi];
        int close = q.CloseMark, open = q.OpenMark;
        if (close <= t || open < 0 || doc.Tokens[open].Start < d.Content[0].Start) return;
        for (int k = t + 1; k < close; k++)
            if (doc.Tokens[k].Kind != TokenKind.Punctuation) return;
        d.Content[i] = new TextSpan(last.Start, doc.Tokens[close].End);
    }

    /// <summary>
    /// A quotation that is all its cue reports (said that “...”, told reporters Tuesday that, “...”) is a direct quote with
    /// its cue before it: the rules drafted it as a fragment of reported speech, and the clause around it (the addressee,
    /// the day and "that" before the quotation) as a mixed quote of the same words, which goes. Done here, after the
    /// learned stages, so that the drafts the models learned from stay as they were.
    /// </summary>
    internal static void WholeReportQuotations(Document doc, ref bool[]? drop)
    {
        // The mixed drafts by their cue's first token, so that the work stays linear in the article's drafts.
        Dictionary<int, List<int>>? mixedByCue = null;
        for (int j = 0; j < doc.Attributions.Count; j++)
        {
            if (doc.Attributions[j] is not { Kind: QuoteKind.Mixed, CueFirst: >= 0 } m) continue;
            mixedByCue ??= [];
            if (!mixedByCue.TryGetValue(m.CueFirst, out var list)) mixedByCue[m.CueFirst] = list = [];
            list.Add(j);
        }
        for (int i = 0; i < doc.Attributions.Count; i++)
        {
            var d = doc.Attributions[i];
            if (d.Kind != QuoteKind.Direct || d.Rule != AttributionRule.DirectInReportedSpeech || d.Quotation < 0 || d.CueFirst < 0) continue;
            var q = doc.Quotations[d.Quotation];
            int open = q.FirstMarkOrToken;
            if (d.CueEnd > open || !OnlyFrameWordsBetween(doc, d, d.CueEnd, open) || !EndsItsSentence(doc, d)) continue;
            d.Rule = AttributionRule.DirectCueBefore;
            if (mixedByCue is null || !mixedByCue.TryGetValue(d.CueFirst, out var sameCue)) continue;
            foreach (int j in sameCue)
            {
                var m = doc.Attributions[j];
                if (m.Content.Count != 1) continue;
                int first = doc.TokenAtOrAfter(m.Content[0].Start);
                if (first > open || !OnlyFrameWordsBetween(doc, d, Math.Max(first, d.CueEnd), open)) continue;
                bool inside = true;
                for (int k = Math.Max(first, open); k < doc.Tokens.Count && doc.Tokens[k].Start < m.Content[0].End && inside; k++)
                    if (doc.Tokens[k].Kind is TokenKind.Word or TokenKind.Number && doc.QuotationOfToken[k] != d.Quotation) inside = false;
                if (inside) (drop ??= new bool[doc.Attributions.Count])[j] = true;
            }
        }
    }

    /// <summary>
    /// Two quotations back to back with one attribution after them (“I am a proven champion …” “I will take that same
    /// strength to Washington,” Espinoza said) are one quote in two parts: the first, which no cue of its own claimed
    /// (a floating or unattributed quotation), joins the second's words, within a paragraph (across one, PolNeAR's kept-back
    /// fifths lose by it: 1,853 → 1,853 and 2,126 → 2,124 right).
    /// </summary>
    internal static void RunOnQuotations(Document doc, ref bool[]? drop)
    {
        AttributionDraft?[]? byQuotation = null;
        for (int i = 0; i < doc.Attributions.Count; i++)
            if (doc.Attributions[i] is { Kind: QuoteKind.Direct, Quotation: >= 0 } d && d.Quotation < doc.Quotations.Count)
                (byQuotation ??= new AttributionDraft?[doc.Quotations.Count])[d.Quotation] ??= d;
        if (byQuotation is null) return;
        for (int i = 0; i < doc.Attributions.Count; i++)
        {
            var first = doc.Attributions[i];
            if (first is not { Kind: QuoteKind.Direct, Rule: AttributionRule.DirectFloating or AttributionRule.Unattributed } || first.Quotation < 0
                || first.Quotation + 1 >= doc.Quotations.Count || drop is not null && drop[i]) continue;
            var q1 = doc.Quotations[first.Quotation];
            var q2 = doc.Quotations[first.Quotation + 1];
            if (q1.CloseMark < 0 || q2.OpenMark != q1.CloseMark + 1 || doc.ParagraphOfToken[q1.CloseMark] != doc.ParagraphOfToken[q2.OpenMark]) continue;
            if (byQuotation[first.Quotation + 1] is not { Rule: AttributionRule.DirectCueAfter } second) continue;
            second.Content.InsertRange(0, first.Content);
            (drop ??= new bool[doc.Attributions.Count])[i] = true;
        }
    }

    /// <summary>
    /// Words reported once are one quote: two drafts with the very same content (two cues drawn over one report, "while
    /// saying …, he made clear that he did not intend to hold back"; a quotation both quoted and reported) keep the quoted
    /// one, else the one with a source, else the one whose cue is nearer its words.
    /// </summary>
    internal static void SameWordsOnce(Document doc, ref bool[]? drop)
    {
        var all = doc.Attributions;
        Dictionary<(int, int), int>? byEdges = null;
        for (int i = 0; i < all.Count; i++)
        {
            var d = all[i];
            if (d.Content.Count == 0 || drop is not null && drop[i]) continue;
            var key = (Bare(doc.Text, d.Content[0]).Start, Bare(doc.Text, d.Content[^1]).End);
            byEdges ??= [];
            if (!byEdges.TryGetValue(key, out int j)) { byEdges[key] = i; continue; }
            if (!SameParts(doc.Text, d, all[j])) continue;
            bool keepNew = Preferred(doc, d, all[j]);
            int kept = keepNew ? i : j, dropped = keepNew ? j : i;
            (drop ??= new bool[all.Count])[dropped] = true;
            // the day one draft found is the kept one's ("tweeted, “Thank you Indiana!” on Friday afternoon")
            if (dropped < doc.Uttered.Count && kept < doc.Uttered.Count && doc.Uttered[kept] is null) doc.Uttered[kept] = doc.Uttered[dropped];
            if (keepNew) byEdges[key] = i;
        }
    }

    private static bool SameParts(string text, AttributionDraft a, AttributionDraft b)
    {
        if (a.Content.Count != b.Content.Count) return false;
        for (int k = 0; k < a.Content.Count; k++)
            if (Bare(text, a.Content[k]) != Bare(text, b.Content[k])) return false;
        return true;
    }

    /// <summary>A part without the quotation marks, punctuation and spaces at its edges.</summary>
    private static TextSpan Bare(string text, TextSpan span)
    {
        int start = span.Start, end = span.End;
        while (start < end && IsEdge(text[start])) start++;
        while (end > start && IsEdge(text[end - 1])) end--;
        return new TextSpan(start, end);
    }

    private static bool IsEdge(char c) => char.IsWhiteSpace(c) || Tokenizer.IsQuoteChar(c) || c is ',' or '.' or ':' or ';' or '!' or '?' or '…';

    /// <summary>Whether <paramref name="a"/> is the better of two drafts of the same words.</summary>
    private static bool Preferred(Document doc, AttributionDraft a, AttributionDraft b)
    {
        if ((a.Kind == QuoteKind.Direct) != (b.Kind == QuoteKind.Direct)) return a.Kind == QuoteKind.Direct;
        if (a.HasSource != b.HasSource) return a.HasSource;
        return CueGap(doc, a) < CueGap(doc, b);
    }

    /// <summary>Characters between the cue and the words it reports (int.MaxValue without a cue).</summary>
    private static int CueGap(Document doc, AttributionDraft d)
    {
        if (d.CueFirst < 0 || d.CueEnd <= d.CueFirst) return int.MaxValue;
        int cueStart = doc.Tokens[d.CueFirst].Start, cueEnd = doc.Tokens[d.CueEnd - 1].End;
        return Math.Min(Math.Abs(d.Content[0].Start - cueEnd), Math.Abs(cueStart - d.Content[^1].End));
    }

    /// <summary>
    /// Tokens [from, to) hold no word but a closing "that" and, before it, a few words that are no verb (the addressee and
    /// the day: "told reporters Tuesday that", "said in a statement that").
    /// </summary>
    private static bool OnlyFrameWordsBetween(Document doc, AttributionDraft d, int from, int to)
    {
        int last = LastWordBefore(doc, to);
        if (last < from) return true;
        if (!doc.TokenIs(last, "that")) return false;
        bool tagged = doc.PosTags.Length == doc.Tokens.Count;
        int words = 0;
        for (int k = from; k < last; k++)
        {
            if (doc.Tokens[k].Kind is not (TokenKind.Word or TokenKind.Number)) continue;
            if (++words > 5 || doc.TokenIs(k, "that") || doc.QuotationOfToken[k] >= 0) return false;
            if (tagged && doc.PosTags[k] is Learning.PosTagger.Verb or Learning.PosTagger.Aux or Learning.PosTagger.Sconj) return false;
        }
        return true;
    }

    private static int LastWordBefore(Document doc, int k)
    {
        while (--k >= 0 && doc.Tokens[k].Kind is not (TokenKind.Word or TokenKind.Number)) { }
        return k;
    }

    /// <summary>A headline label's words end with the headline's line (the learned edges, drawn on running text, may run
    /// on into the standfirst below it).</summary>
    internal static void HeadlineLine(Document doc, AttributionDraft d)
    {
        if (!AttributionFinder.IsHeadlineLabel(doc, d)) return;
        int k = AttributionFinder.LineEnd(doc, d.CueEnd);
        if (k >= doc.Tokens.Count || doc.ParagraphOfToken[k] != 0) return;
        int lineEnd = doc.Tokens[k - 1].End;
        for (int i = d.Content.Count - 1; i >= 0; i--)
        {
            var part = d.Content[i];
            if (part.Start >= lineEnd) { if (d.Content.Count > 1) d.Content.RemoveAt(i); continue; }
            if (part.End > lineEnd) d.Content[i] = new TextSpan(part.Start, lineEnd);
        }
    }

    /// <summary>
    /// "The golf industry, she said, is struggling": an attribution set between commas inside its sentence splits the
    /// reported words, and the words before it are their first part.
    /// </summary>
    internal static bool ParentheticalStart(Document doc, AttributionDraft d)
    {
        if (d.Content.Count != 1 || d.SourceFirst < 0 || d.CueFirst < 0) return false;
        int open = Math.Min(d.SourceFirst, d.CueFirst) - 1, close = Math.Max(d.SourceEnd, d.CueEnd);
        if (open < 1 || close >= doc.Tokens.Count || !AttributionFinder.IsPunct(doc, open, ',') || !AttributionFinder.IsPunct(doc, close, ',')) return false;
        int contentFirst = doc.TokenAtOrAfter(d.Content[0].Start);
        if (contentFirst != close + 1) return false;
        int sentence = doc.SentenceOfToken[open];
        if (doc.SentenceOfToken[contentFirst] != sentence) return false;
        int first = doc.Sentences[sentence].FirstToken;
        while (first < open && doc.Tokens[first].Kind is TokenKind.Punctuation or TokenKind.QuoteMark) first++;
        int words = 0;
        for (int k = first; k < open; k++)
        {
            if (doc.QuotationOfToken[k] >= 0 && doc.Quotations[doc.QuotationOfToken[k]].FirstToken < first) return false; // inside a quotation
            if (doc.Tokens[k].Kind is TokenKind.Word or TokenKind.Number) words++;
            if (doc.CueStartingAt.Length > k && doc.CueStartingAt[k] >= 0) return false; // another attribution's cue
        }
        if (words < 2) return false;
        d.Content.Insert(0, new TextSpan(doc.Tokens[first].Start, doc.Tokens[open - 1].End));
        return true;
    }

    /// <summary>Another reported draft of the same cue whose words lie wholly in the parenthetical draft's first part
    /// (the rules' reading of "The golf industry, she said," alone) is the same attribution.</summary>
    private static void DropInside(Document doc, AttributionDraft d, bool[] drop)
    {
        var head = d.Content[0];
        for (int j = 0; j < doc.Attributions.Count; j++)
        {
            var o = doc.Attributions[j];
            if (ReferenceEquals(o, d) || o.Kind == QuoteKind.Direct || o.CueFirst != d.CueFirst || o.Content.Count == 0) continue;
            if (o.Content.TrueForAll(c => c.Start >= head.Start && c.End <= head.End)) drop[j] = true;
        }
    }

    /// <summary>
    /// Source edges the rules and the source ranker leave to the words around a name, done at assembly (after the time
    /// stage has found the times): where and how it was said is not who said it ("said Sen. Richard Blumenthal (D-Conn.)
    /// [in an interview]"); a time phrase closing a source right before its cue belongs to neither, as PolNeAR's annotators
    /// mostly draw it ("Rep. Tom Reeves [last month] said": 13 times neither, 8 times in the cue on train); kept when a
    /// verb of the mention governs it ("a poll released Sunday").
    /// </summary>
    internal static void SourceEdges(Document doc, AttributionDraft d)
    {
        if (d.SourceFirst < 0) return;
        // who spoke never starts with a lower-case verb or a list's number ("[features] five Hispanic-Americans", "[8] Dascha Polanco")
        if (d.SourceEnd - d.SourceFirst > 1 && doc.PosTags.Length == doc.Tokens.Count
            && (doc.PosTags[d.SourceFirst] == Learning.PosTagger.Verb && !doc.Tokens[d.SourceFirst].IsCapitalized
                && doc.PosTags[d.SourceFirst + 1] is not (Learning.PosTagger.Verb or Learning.PosTagger.Aux or Learning.PosTagger.Adp)
                || doc.Tokens[d.SourceFirst].Kind == TokenKind.Number && doc.Tokens[d.SourceFirst + 1].IsCapitalized
                   && doc.PosTags[d.SourceFirst + 1] == Learning.PosTagger.Propn))
            d.SourceFirst++;
        // nor runs on into its own verb ("one kind-hearted Canadian [wants to help Americans]", "his friends [make]")
        for (int k = d.SourceFirst + 1; k < d.SourceEnd && doc.PosTags.Length == doc.Tokens.Count; k++)
        {
            if (AttributionFinder.IsPunct(doc, k, ',') || AttributionFinder.IsPunct(doc, k, '(') || doc.TokenIs(k, "who") || doc.TokenIs(k, "which")
                || doc.TokenIs(k, "that") || doc.TokenIs(k, "whose")) break;
            if (doc.Tokens[k].IsCapitalized || doc.PosTags[k] is not (Learning.PosTagger.Verb or Learning.PosTagger.Aux)) continue;
            if (doc.PosTags[k - 1] is not (Learning.PosTagger.Noun or Learning.PosTagger.Propn or Learning.PosTagger.Pron)) continue;
            // a noun before a noun or a name is no verb, however tagged ("campaign manager Jeff Weaver", "County freeholder Ernest")
            if (k + 1 < doc.Tokens.Count && (doc.Tokens[k + 1].IsCapitalized && doc.Tokens[k + 1].Kind == TokenKind.Word
                                             || doc.PosTags[k + 1] is Learning.PosTagger.Noun or Learning.PosTagger.Adj)) continue;
            var w = doc.TokenText(k);
            if (w.EndsWith("ed", StringComparison.OrdinalIgnoreCase) || w.EndsWith("ing", StringComparison.OrdinalIgnoreCase)
                || w.EndsWith("en", StringComparison.OrdinalIgnoreCase)) continue;
            // a plural that heads a group after the name qualifying it is the mention's head, however tagged ("Obama [aides] have
            // emphasized")
            if (Lexicon.GroupHeads.Contains(w) && doc.PosTags[k - 1] == Learning.PosTagger.Propn) continue;
            d.SourceEnd = k;
            break;
        }
        for (int k = d.SourceFirst + 1; k + 1 < d.SourceEnd; k++)
        {
            if (!SpeechEventPrepositions.Contains(doc.TokenText(k))) continue;
            int noun = k + 1;
            if (noun + 1 < d.SourceEnd && Lexicon.Determiners.Contains(doc.TokenText(noun))) noun++;
            while (noun + 1 < d.SourceEnd && doc.PosTags.Length == doc.Tokens.Count && doc.PosTags[noun] == Learning.PosTagger.Adj) noun++;
            if (!SpeechEvents.Contains(doc.TokenText(noun))) continue;
            d.SourceEnd = BeforeCommas(doc, d.SourceFirst, k);
            break;
        }
        if (doc.Times.Count == 0) return;
        for (int i = doc.TimeEndingAfter(d.SourceFirst); i < doc.Times.Count && doc.Times[i].FirstToken < d.SourceEnd; i++)
        {
            var t = doc.Times[i];
            if (t.EndToken != d.SourceEnd || t.FirstToken <= d.SourceFirst) continue;
            int end = t.FirstToken;
            while (end > d.SourceFirst + 1 && (doc.TokenIs(end - 1, "this") || doc.TokenIs(end - 1, "that") || doc.TokenIs(end - 1, "the"))) end--;
            // kept inside when a verb of the mention governs it ("a poll released Sunday", "who helped found the group in
            // 2014", "the first mayor elected in two decades") or when it is a word of a name ("One Wisconsin Now")
            if (GovernedInside(doc, d.SourceFirst, end)) return;
            if (doc.Tokens[t.FirstToken].IsCapitalized && doc.Tokens[t.FirstToken - 1].IsCapitalized && doc.Tokens[t.FirstToken - 1].Kind == TokenKind.Word) return;
            d.SourceEnd = BeforeCommas(doc, d.SourceFirst, end);
            return;
        }
    }

    /// <summary>A verb or a relative pronoun among the mention's words before <paramref name="end"/>.</summary>
    private static bool GovernedInside(Document doc, int first, int end)
    {
        bool tagged = doc.PosTags.Length == doc.Tokens.Count;
        for (int k = first; k < end; k++)
        {
            if (tagged && doc.PosTags[k] == Learning.PosTagger.Verb) return true;
            if (k > first && (doc.TokenIs(k, "who") || doc.TokenIs(k, "which") || doc.TokenIs(k, "that"))) return true;
        }
        return false;
    }

    /// <summary><paramref name="end"/> moved back over the commas before it, never to <paramref name="first"/>.</summary>
    private static int BeforeCommas(Document doc, int first, int end)
    {
        while (end > first + 1 && AttributionFinder.IsPunct(doc, end - 1, ',')) end--;
        return end;
    }

    private static readonly WordSet SpeechEventPrepositions = WordSet.Of("in during at on");
    private static readonly WordSet SpeechEvents = WordSet.Of(
        "interview interviews statement statements speech speeches email emails e-mail letter tweet tweets post posts conference " +
        "call calls appearance remarks hearing hearings broadcast debate rally op-ed podcast video message briefing testimony");

    /// <summary>
    /// A quoted fragment and the clause reported around it (<see cref="AttributionRule.FragmentClause"/>) are one
    /// person's words: when the source ranker gave a source to only one of them, the other takes it too.
    /// </summary>
    private static void ShareFragmentSources(Document doc)
    {
        AttributionDraft[]? fragments = null;
        int[]? starts = null;
        foreach (var clause in doc.Attributions)
        {
            if (clause.Rule != AttributionRule.FragmentClause || clause.Content.Count != 1) continue;
            var span = clause.Content[0];
            // One-part direct quotes by start: those inside the clause are a binary search away (linear in the article).
            fragments ??= [.. doc.Attributions.Where(x => x.Kind == QuoteKind.Direct && x.Content.Count == 1).OrderBy(x => x.Content[0].Start)];
            starts ??= [.. fragments.Select(x => x.Content[0].Start)];
            int k = Array.BinarySearch(starts, span.Start);
            if (k < 0) k = ~k;
            while (k > 0 && starts[k - 1] == span.Start) k--;
            for (; k < fragments.Length && starts[k] <= span.End; k++)
            {
                var fragment = fragments[k];
                var f = fragment.Content[0];
                if (f.Start < span.Start || f.End > span.End) continue;
                var (from, to) = clause.SourceFirst < 0 ? (fragment, clause) : (clause, fragment);
                if (from.SourceFirst < 0 || to.SourceFirst >= 0) continue;
                to.SourceFirst = from.SourceFirst;
                to.SourceEnd = from.SourceEnd;
                to.Entity = from.Entity;
            }
        }
    }

    /// <summary>The cue span; after a source pronoun fused with its auxiliary ("He’s predicted") it opens on the auxiliary.</summary>
    private static SpanText? CueSpan(Document doc, AttributionDraft d)
    {
        if (d.CueFirst < 0 || d.CueEnd <= d.CueFirst) return null;
        int start = doc.Tokens[d.CueFirst].Start;
        if (d.SourceEnd == d.CueFirst && d.SourceEnd - d.SourceFirst == 1)
        {
            var fused = doc.Tokens[d.SourceFirst];
            var word = doc.Text.AsSpan(fused.Start, fused.Length);
            int pronoun = Lexicon.WithoutPronounContraction(word).Length;
            if (pronoun < word.Length) start = fused.Start + pronoun;
        }
        return SpanText.Of(doc.Text, new TextSpan(start, doc.Tokens[d.CueEnd - 1].End));
    }

    /// <summary>The source span; a subject pronoun fused with its verb's contraction ("She’s said") keeps only the pronoun.</summary>
    private static SpanText? SourceSpan(Document doc, AttributionDraft d)
    {
        if (d.SourceFirst < 0 || d.SourceEnd <= d.SourceFirst) return null;
        var last = doc.Tokens[d.SourceEnd - 1];
        int end = last.End;
        var word = doc.Text.AsSpan(last.Start, last.Length);
        if (d.SourceEnd - d.SourceFirst == 1) end = last.Start + Lexicon.WithoutPronounContraction(word).Length;
        return SpanText.Of(doc.Text, new TextSpan(doc.Tokens[d.SourceFirst].Start, end));
    }

    /// <summary>The article's time expressions that lie inside the quote's content parts.</summary>
    private static IReadOnlyList<TimeRef> TimesIn(Document doc, TextSpan[] parts)
    {
        if (doc.Times.Count == 0) return [];
        List<TimeRef>? found = null;
        foreach (var p in parts)
        {
            // parts are in text order and disjoint: each expression is found once, from the first that may fit
            for (int i = doc.TimeEndingAfter(doc.TokenAtOrAfter(p.Start)); i < doc.Times.Count && doc.Times[i].Start < p.End; i++)
                if (doc.Times[i].Start >= p.Start && doc.Times[i].End <= p.End) (found ??= []).Add(doc.Times[i].ToTimeRef(doc.Text));
        }
        return found is null ? [] : found;
    }

    /// <summary>
    /// The "that" right before reported words (only white space between), after the cue when there is one, and opening a
    /// clause rather than naming a thing ("that plan"): the words' complementizer, which the content leaves out.
    /// </summary>
    private static SpanText? Complementizer(Document doc, AttributionDraft d, TextSpan first)
    {
        var k = doc.TokenAtOrAfter(first.Start) - 1;
        if (d.Kind == QuoteKind.Direct)
        {
            // said that “...” / said that, “...”: the quotation's opening mark (and a comma) sit between, and the
            // quotation is all the clause reports (nothing but marks and punctuation after it in its sentence); a
            // fragment (said that “X” was ...) leaves "that" to the mixed quote around it.
            if (k < 0 || doc.Tokens[k].Kind != TokenKind.QuoteMark || !EndsItsSentence(doc, d)) return null;
            k--;
            if (k >= 0 && doc.TokenIs(k, ",")) k--;
            if (k < 0 || !doc.TokenIs(k, "that") || (d.CueFirst >= 0 && d.CueEnd > k)) return null;
            return Span(doc, k, k + 1);
        }
        if (k >= 0 && OpeningApart(doc, d, k) is { } apart) return apart;
        if (k < 0 || !doc.TokenIs(k, "that") || (d.CueFirst >= 0 && d.CueEnd > k)) return null;
        for (var c = doc.Tokens[k].End; c < first.Start; c++)
            if (!char.IsWhiteSpace(doc.Text[c])) return null;
        return Learning.LearnedContentStage.IsClauseComplementizer(doc, k) ? Span(doc, k, k + 1) : null;
    }

    /// <summary>
    /// The word that opens reported words with their attribution or an aside between (PolNeAR draws it as the content's
    /// first part): the relative pronoun before source and cue ("policies, [which] he said had harmed the economy", "who
    /// he blasted as"), or "that" before an aside ("the observation [that], from his point of view, there was").
    /// <paramref name="k"/> is the token right before the reported words.
    /// </summary>
    private static SpanText? OpeningApart(Document doc, AttributionDraft d, int k)
    {
        if (d.CueFirst >= 0 && d.SourceFirst > 0 && d.SourceEnd == d.CueFirst && d.CueEnd == k + 1 && d.SourceEnd - d.SourceFirst <= 4)
        {
            int r = d.SourceFirst - 1;
            if (doc.TokenIs(r, "which") || doc.TokenIs(r, "who") || doc.TokenIs(r, "whom"))
                return Span(doc, r, r + 1);
            return null;
        }
        if (!doc.TokenIs(k, ",") || d.CueFirst < 0) return null;
        // that, <aside of at most eight words>, ...
        for (int c = k - 1; c > k - 10 && c > d.CueEnd; c--)
        {
            if (!doc.TokenIs(c, ",")) continue;
            int t = c - 1;
            return t >= d.CueEnd && doc.TokenIs(t, "that") && (t == d.CueEnd || doc.SentenceOfToken[t] == doc.SentenceOfToken[d.CueFirst])
                ? Span(doc, t, t + 1) : null;
        }
        return null;
    }

    private static bool EndsItsSentence(Document doc, AttributionDraft d)
    {
        int end = 0;
        foreach (var part in d.Content) end = Math.Max(end, part.End);
        int k = doc.TokenAtOrAfter(end);
        if (k >= doc.Tokens.Count) return true;
        int sentence = doc.SentenceOfToken[k > 0 ? k - 1 : 0];
        for (; k < doc.Tokens.Count && doc.SentenceOfToken[k] == sentence; k++)
            if (doc.Tokens[k].Kind is TokenKind.Word or TokenKind.Number) return false;
        return true;
    }

    private static SpanText? Span(Document doc, int first, int end)
    {
        if (first < 0 || end <= first) return null;
        var span = new TextSpan(doc.Tokens[first].Start, doc.Tokens[end - 1].End);
        return SpanText.Of(doc.Text, span);
    }

    /// <summary>
    /// The share of each rule's quotes that are right end to end (content and source) on two slices of PolNeAR train,
    /// each kept back from the content tagger trained for it (articles 5k+4 and 5k+1, pooled):
    /// <c>verbatim train --skip-every 5 [--skip-offset 1] --out M</c>, then <c>verbatim eval --corpus polnear SLICE
    /// --model M --errors FILE</c>, whose header counts right quotes per rule.
    /// </summary>
    private static double Confidence(AttributionDraft d, SpeakerRef? speaker)
    {
        // Each rule's share of quotes right end to end on the two kept-back fifths of PolNeAR train (models trained
        // without them), refitted 2026-12-03 after the source guards of the learned stage (sources for passives and
        // subjects, cues that say nothing dropped) made its reports right more often.
        bool none = speaker is null;
        double p = d.Rule switch
        {
            AttributionRule.DirectCueAfter => 0.87,
            AttributionRule.DirectCueBefore => 0.73,
            AttributionRule.IndirectAccordingTo => 0.78,
            // reported speech tied to no one is right about half as often: the source is part of being right
            AttributionRule.IndirectCueFirst => none ? 0.38 : 0.72,
            AttributionRule.IndirectCueLast => none ? 0.27 : 0.68,
            AttributionRule.Mixed => none ? 0.25 : 0.65,
            AttributionRule.Learned => none ? 0.38 : 0.45,
            AttributionRule.DirectInReportedSpeech => 0.10,
            // A floating quotation's words are usually right, but annotators often join it to the quotation before.
            AttributionRule.DirectFloating => 0.20,
            AttributionRule.Unattributed => none ? 0.06 : 0.16,
            AttributionRule.FragmentClause => 0.20,
            // "X seemed to …" (18 right of 31 on the kept-back fifths)
            AttributionRule.Seeming => 0.58,
            _ => 0.3,
        };
        // A cue the learned tagger found (not listed) is right less often, as measured the same way.
        if (d.TaggedCue)
            p = d.Rule switch
            {
                AttributionRule.DirectCueBefore => 0.53,
                AttributionRule.DirectCueAfter => 0.16,
                AttributionRule.IndirectCueFirst => none ? 0.28 : 0.55,
                AttributionRule.Mixed => 0.21,
                AttributionRule.DirectInReportedSpeech => 0.11,
                AttributionRule.IndirectCueLast => 0.17,
                _ => p,
            };
        if (!d.Clean) p *= 0.6;
        return Math.Clamp(p, 0.01, 0.99);
    }
}
