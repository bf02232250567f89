using Verbatim.Pipeline;
using Verbatim.Quotes;
using Verbatim.Text;

namespace Verbatim.Dates;

/// <summary>
/// Dates each utterance from the time phrase attached to its cue, against the article date:
/// "on Thursday" in an article of Friday 2022-07-08 is 2022-07-07; "yesterday", "today", "July 7".
/// A present-tense cue ("says") dates it to the article. Otherwise null: the article date is never a guess.
/// </summary>
public sealed class UtteredDateResolver : IStage
{
    public string Name => "uttered-dates";

    public void Run(Document doc)
    {
        doc.Uttered.Clear();
        var articleDate = doc.Article.Date;
        foreach (var d in doc.Attributions)
        {
            TimeAfterObject(doc, d);
            DateOnly? day = null;
            if (articleDate is { } date)
            {
                // The time phrase the attribution finder attached to the cue, else a day named right after the cue ("told
                // reporters Tuesday", "said today"), between its source and it ("Zelensky on Thursday said") or in the
                // phrase that opens the sentence before the source ("In an interview on Thursday, Warren said"), as the
                // time stage normalised it; else a present-tense cue's article date.
                (int first, int end) phrase = d.TimeFirst >= 0 ? (d.TimeFirst, d.TimeEnd) : (-1, -1);
                if (phrase.first >= 0)
                {
                    int e = ExpressionIn(doc, d.TimeFirst, d.TimeEnd);
                    day = e >= 0 ? doc.Times[e].Day : Resolve(doc, d.TimeFirst, d.TimeEnd, date);
                }
                else if ((ExpressionInCue(doc, d) is var inCue && inCue >= 0 ? inCue
                          : ExpressionAfterCue(doc, d) is var after && after >= 0 ? after
                          : ExpressionAfterSource(doc, d) is var inverted && inverted >= 0 ? inverted
                          : ExpressionBeforeCue(doc, d) is var before && before >= 0 ? before : ExpressionBeforeSource(doc, d)) is var e && e >= 0)
                {
                    day = doc.Times[e].Day;
                    phrase = (doc.Times[e].FirstToken, doc.Times[e].EndToken);
                }
                else if ((d.PresentCue || PluralPresent(doc, d)) && d.CueFirst >= 0 && !IsNounCue(doc, d)) day = date;
                // Words reported in an article were said by its date. A later day is a misreading: "promised on Tuesday"
                // read as a promise's next Tuesday is the last one (a day named by the cue looks back), and anything else
                // ("the next day" against the article's date when the text meant another day's) is no date at all.
                if (day > date) day = phrase.first >= 0 && Resolve(doc, phrase.first, phrase.end, date) is { } back && back <= date ? back : null;
            }
            doc.Uttered.Add(day);
        }
        QuotedWithTheirReport(doc);
    }

    /// <summary>
    /// A quotation inside reported words with the same cue was said when they were ("called the plan a “disaster” on
    /// Tuesday": the day closes the report, and "disaster" was said then too).
    /// </summary>
    private static void QuotedWithTheirReport(Document doc)
    {
        var drafts = doc.Attributions;
        // Dated reports by their cue and source, so that each quotation looks only at its own cue's (linear in the drafts).
        Dictionary<(int Cue, int Source), List<int>>? reports = null;
        for (int i = 0; i < drafts.Count; i++)
        {
            var report = drafts[i];
            if (doc.Uttered[i] is null || report.Kind == QuoteKind.Direct || report.CueFirst < 0 || report.Content.Count == 0) continue;
            reports ??= [];
            var key = (report.CueFirst, report.SourceFirst);
            if (!reports.TryGetValue(key, out var list)) reports[key] = list = [];
            list.Add(i);
        }
        if (reports is null) return;
        for (int j = 0; j < drafts.Count; j++)
        {
            var inner = drafts[j];
            if (doc.Uttered[j] is not null || inner.Kind != QuoteKind.Direct || inner.CueFirst < 0 || inner.Content.Count == 0
                || !reports.TryGetValue((inner.CueFirst, inner.SourceFirst), out var same)) continue;
            foreach (int i in same)
            {
                var report = drafts[i];
                if (report.Content[0].Start > inner.Content[0].Start || report.Content[^1].End < inner.Content[^1].End) continue;
                doc.Uttered[j] = doc.Uttered[i];
                break;
            }
        }
    }

    private static readonly Text.WordSet TiedDayWords = Text.WordSet.Of("through thru until till to from by before after since during between and or of");

    private static readonly Text.WordSet DatedEvents = Text.WordSet.Of(
        "primary primaries election elections caucus caucuses vote votes contest contests convention game match deadline runoff ballot");

    /// <summary>Whether tokens [first, end) hold a verb (a quoted one too) or a preposition of time: an event of their own.
    /// A quotation without a verb is a name the cue gives ("called the plan a “disaster” on Tuesday": the day is the call's).</summary>
    private static bool NamesAnEvent(Document doc, int first, int end)
    {
        for (int k = first; k < end; k++)
            if (doc.PosTags[k] is Learning.PosTagger.Verb or Learning.PosTagger.Aux
                || doc.TokenIs(k, "before") || doc.TokenIs(k, "after") || doc.TokenIs(k, "since") || doc.TokenIs(k, "until") || doc.TokenIs(k, "during"))
                return true;
        return false;
    }

    /// <summary>
    /// "Experts say", "Critics of the plan argue", "…, say analysts": a verb in its base form right next to a plural
    /// subject is the present (after a modal or "to" it would not stand right after the subject).
    /// </summary>
    private static bool PluralPresent(Document doc, AttributionDraft d)
    {
        if (d.CueFirst < 0 || d.CueEnd - d.CueFirst != 1 || d.SourceFirst < 0 || doc.PosTags.Length != doc.Tokens.Count
            || doc.PosTags[d.CueFirst] != Learning.PosTagger.Verb || !(d.SourceEnd == d.CueFirst || d.CueEnd == d.SourceFirst)) return false;
        var cue = doc.TokenText(d.CueFirst);
        if (cue.EndsWith('s') || cue.EndsWith("ed", StringComparison.Ordinal) || cue.EndsWith("ing", StringComparison.Ordinal)
            || IrregularPasts.Contains(cue) || TimeLexicon.TryGet(cue, out var entry) && entry.Kind == AtomKind.Tense && entry.Value == (int)TenseMark.Past)
            return false;
        // Words inside a quotation ("We believe in freedom," he said) were said when the quotation was.
        if (doc.QuotationOfToken[d.SourceFirst] >= 0) return false;
        // The subject's head: the word before its first preposition ("Critics of President Obama"), else its last word.
        int head = d.SourceEnd - 1;
        for (int k = d.SourceFirst + 1; k < d.SourceEnd; k++)
            if (AttributionFinder.IsPreposition(doc.TokenText(k))) { head = k - 1; break; }
        var w = doc.TokenText(head);
        if (head == d.SourceFirst && PluralPronouns.Contains(w)) return true;
        // a plural noun ("Critics" too, though the tagger may read a sentence's first word as a name)
        return w.Length > 3 && w.EndsWith('s') && !w.EndsWith("ss", StringComparison.Ordinal) && !w.EndsWith("'s", StringComparison.Ordinal)
               && !w.EndsWith("’s", StringComparison.Ordinal)
               && (doc.PosTags[head] == Learning.PosTagger.Noun
                   || head == d.SourceFirst && doc.PosTags[head] == Learning.PosTagger.Propn && head == doc.Sentences[doc.SentenceOfToken[head]].FirstToken
                      && Lexicon.GroupHeads.Contains(w));
    }

    private static readonly Text.WordSet IrregularPasts = Text.WordSet.Of("retold forecast put read set cut let");
    private static readonly Text.WordSet PluralPronouns = Text.WordSet.Of("they we");

    /// <summary>Whether tokens [first, end) are one quotation, its closing mark last (its opening one first or just before).</summary>
    private static bool IsOneQuotation(Document doc, int first, int end)
    {
        if (doc.Tokens[end - 1].Kind != TokenKind.QuoteMark) return false;
        int q = doc.QuotationOfToken[end - 2];
        return q >= 0 && q < doc.Quotations.Count && doc.Quotations[q].CloseMark == end - 1
               && (doc.Quotations[q].OpenMark == first || doc.Quotations[q].OpenMark == first - 1);
    }

    /// <summary>
    /// A cue that is a noun after a verb, determiner, adjective or possessive ("continued to voice doubts about", "voters'
    /// worries about") has no tense: its "-s" is a plural. After a noun it is a verb the tagger may misread ("the new poll
    /// indicates", "exit polling shows").
    /// </summary>
    private static bool IsNounCue(Document doc, AttributionDraft d)
    {
        int k = d.CueFirst;
        if (doc.PosTags.Length != doc.Tokens.Count || doc.PosTags[k] != Learning.PosTagger.Noun || k == 0) return false;
        var before = doc.TokenText(k - 1);
        return doc.PosTags[k - 1] is Learning.PosTagger.Verb or Learning.PosTagger.Aux or Learning.PosTagger.Adj or Learning.PosTagger.Det
                   or Learning.PosTagger.Adp
               || before.EndsWith('\'') || before.EndsWith('\u2019') || before is "'s" or "\u2019s";
    }

    /// <summary>
    /// The day that closes an object the cue reports ("announced his resignation on Thursday", "criticized the bill on
    /// Monday") is when the words were said, not part of them: the content ends before it and the cue takes it, so the
    /// utterance is dated. Words that hold a verb are a clause, whose day is its own ("said the plan would start on Monday").
    /// </summary>
    internal static void TimeAfterObject(Document doc, AttributionDraft d)
    {
        // (A present-tense cue dates the words already.)
        if (d.Kind == QuoteKind.Direct || d.Content.Count != 1 || d.CueFirst < 0 || d.TimeFirst >= 0 || d.PresentCue || doc.Times.Count == 0
            || doc.PosTags.Length != doc.Tokens.Count) return;
        int first = doc.TokenAtOrAfter(d.Content[0].Start);
        int end = doc.TokenAtOrAfter(d.Content[0].End);
        if (d.CueEnd > first || end - first < 3) return;
        int i = doc.TimeEndingAfter(end - 1);
        if (i >= doc.Times.Count || doc.Times[i].EndToken != end || doc.Times[i].Day is null
            || doc.Times[i].Type is not (TimexType.Date or TimexType.Time)) return;
        int time = doc.Times[i].FirstToken;
        // A day inside a quotation is its words' ("declared “What a Super Tuesday!”"); one that ends a span or a
        // deadline ("from Aug. 5 through Aug. 15", "by Friday") is the event's.
        if (doc.QuotationOfToken[time] >= 0 || TiedDayWords.Contains(doc.TokenText(time - 1))) return;
        if (doc.TokenIs(time - 1, "on")) time--;
        // A contest named just before the day is on it ("vowing to fight in the last primary in Washington on Tuesday").
        for (int k = Math.Max(first, time - 4); k < time; k++)
            if (DatedEvents.Contains(doc.TokenText(k))) return;
        if (time - first < 2) return;
        // An event the words name takes the day ("spending before the primary on Tuesday"); not after a quotation alone
        // ("tweeted, “Thank you Indiana!” on Friday afternoon": the day is the tweet's).
        if (!IsOneQuotation(doc, first, time) && NamesAnEvent(doc, first, time)) return;
        d.Content[0] = new TextSpan(d.Content[0].Start, doc.Tokens[time - 1].End);
        d.TimeFirst = time;
        d.TimeEnd = end;
    }

    /// <summary>The time expression that overlaps tokens [first, end), or -1.</summary>
    private static int ExpressionIn(Document doc, int first, int end)
    {
        int i = doc.TimeEndingAfter(first);
        return i < doc.Times.Count && doc.Times[i].FirstToken < end ? i : -1;
    }

    /// <summary>The time expression naming a day inside the cue, as the edge ranker may draw it (`said Thursday night`),
    /// or -1.</summary>
    private static int ExpressionInCue(Document doc, AttributionDraft d)
    {
        if (d.CueFirst < 0 || d.CueEnd - d.CueFirst < 2 || doc.Times.Count == 0) return -1;
        for (int i = doc.TimeEndingAfter(d.CueFirst); i < doc.Times.Count && doc.Times[i].FirstToken < d.CueEnd; i++)
        {
            var t = doc.Times[i];
            if (t.FirstToken <= d.CueFirst || t.EndToken > d.CueEnd || !NamesADay(doc, t)) continue;
            // A day that names another event ("saying it was postponing a Monday evening rally") is not the words'; one
            // that names the occasion of speech is ("Clinton's Tuesday speech denouncing").
            int next = t.EndToken;
            if (next < d.CueEnd && doc.TokenIs(next, "'s") || next < d.CueEnd && doc.TokenIs(next, "’s")) next++;
            if (next < d.CueEnd && doc.PosTags.Length == doc.Tokens.Count && doc.PosTags[next] == Learning.PosTagger.Noun
                && !SpeechOccasions.Contains(doc.TokenText(next))) continue;
            return i;
        }
        return -1;
    }

    private static readonly Text.WordSet SpeechOccasions = Text.WordSet.Of(
        "speech speeches statement statements address interview interviews remarks debate conference call tweet tweets post letter memo release briefing appearance hearing");

    /// <summary>The time expression naming a day right after the cue, or after the cue and its addressee ("said on Thursday",
    /// "told CNN Tuesday"), or -1.</summary>
    private static int ExpressionAfterCue(Document doc, AttributionDraft d)
    {
        if (d.CueFirst < 0 || doc.Times.Count == 0) return -1;
        int at = d.CueEnd;
        if (d.AddresseeFirst >= 0 && d.AddresseeFirst >= d.CueEnd && d.AddresseeFirst <= d.CueEnd + 1) at = d.AddresseeEnd;
        if (doc.TokenIs(at, "on")) at++;
        int i = doc.TimeEndingAfter(at);
        if (i < doc.Times.Count && doc.Times[i].FirstToken == at)
            return doc.Times[i].Type is TimexType.Date or TimexType.Time && doc.Times[i].Day is not null ? i : -1;
        // Else a day among the few words between the cue and the words it reports, none a verb ("told reporters in Kyiv
        // on Monday that “...”").
        if (d.Content.Count == 0) return -1;
        int content = doc.TokenAtOrAfter(d.Content[0].Start);
        if (content <= d.CueEnd) return -1;
        bool tagged = doc.PosTags.Length == doc.Tokens.Count;
        int between = 0;
        for (int k = d.CueEnd; k < content; k++)
        {
            // A programme's title in quotation marks ("said on NBC's “Meet the Press” on Sunday that") counts as one word.
            if (doc.QuotationOfMark[k] is var q and >= 0 && doc.Quotations[q].OpenMark == k && doc.Quotations[q].CloseMark is var close
                && close > k && close < content && Quotes.AttributionFinder.IsTitleNotSpeech(doc, q))
            {
                k = close;
                between++;
                continue;
            }
            if (++between > 8) return -1;
            if (tagged && doc.PosTags[k] is Learning.PosTagger.Verb or Learning.PosTagger.Aux || doc.TokenIs(k, "who") || doc.TokenIs(k, "which")) return -1;
        }
        for (i = doc.TimeEndingAfter(d.CueEnd); i < doc.Times.Count && doc.Times[i].EndToken <= content; i++)
            if (NamesADay(doc, doc.Times[i])) return i;
        return -1;
    }

    /// <summary>
    /// The time expression naming a day after a source that follows its cue, among the few words before the sentence ends
    /// or the reported words start ("“…,” said Nadine Dorries, the culture secretary, in a tweet on Thursday evening"), or
    /// -1. None of those words is a verb: "said Smith, who arrived Monday" dates the arrival.
    /// </summary>
    private static int ExpressionAfterSource(Document doc, AttributionDraft d)
    {
        if (d.CueFirst < 0 || d.SourceFirst < d.CueEnd || d.SourceEnd <= d.SourceFirst || doc.Times.Count == 0) return -1;
        int end = doc.Sentences[doc.SentenceOfToken[d.SourceEnd - 1]].EndToken;
        if (d.Content.Count > 0 && doc.TokenAtOrAfter(d.Content[0].Start) is var content && content >= d.SourceEnd) end = Math.Min(end, content);
        end = Math.Min(end, d.SourceEnd + 8);
        bool tagged = doc.PosTags.Length == doc.Tokens.Count;
        for (int k = d.SourceEnd; k < end; k++)
        {
            if (tagged && doc.PosTags[k] is Learning.PosTagger.Verb or Learning.PosTagger.Aux || doc.TokenIs(k, "who") || doc.TokenIs(k, "whose")
                || doc.TokenIs(k, "which") || doc.TokenIs(k, "after") || doc.TokenIs(k, "before") || doc.TokenIs(k, "since") || doc.TokenIs(k, "until"))
                return -1;
            int i = doc.TimeEndingAfter(k);
            if (i >= doc.Times.Count || doc.Times[i].FirstToken != k) continue;
            // The day closes the attribution ("…, on Thursday." / "… on Thursday that"), not a phrase of its own ("Monday's
            // speech") or a title in quotation marks ("“Saturday Night Live”").
            int after = doc.Times[i].EndToken;
            bool closes = after >= doc.Tokens.Count || doc.Tokens[after].Kind == TokenKind.Punctuation
                || doc.TokenIs(after, "that") || doc.SentenceOfToken[after] != doc.SentenceOfToken[k];
            return after <= end && closes && doc.QuotationOfToken[k] < 0 && NamesADay(doc, doc.Times[i]) ? i : -1;
        }
        return -1;
    }

    /// <summary>The time expression naming a day between the source and the cue that follows it, a few words apart ("Zelensky on Thursday said",
    /// "Smith, speaking on Tuesday, said"), or -1; the source is drawn by then, so an aside it ran over is already cut off.</summary>
    private static int ExpressionBeforeCue(Document doc, AttributionDraft d)
    {
        if (d.CueFirst < 0 || d.SourceFirst < 0 || d.SourceEnd > d.CueFirst || doc.Times.Count == 0) return -1;
        // "Blinken on Friday warned China against ..., saying": a participle's words were said when its verb's were, and
        // that verb's day follows its subject.
        bool ing = doc.TokenText(d.CueFirst).EndsWith("ing", StringComparison.OrdinalIgnoreCase);
        // "Trump unleashed a series of tweets early Friday saying that …": a day that closes the event right before the
        // participle is the words' day too.
        if (ing && d.CueFirst - d.SourceEnd <= 20 && DayRightBefore(doc, d) is var closing and >= 0) return closing;
        bool participle = d.CueFirst > 0 && doc.TokenIs(d.CueFirst - 1, ",") && ing;
        if (participle && d.CueFirst - d.SourceEnd > 6)
        {
            int i = doc.TimeEndingAfter(d.SourceEnd);
            if (i < doc.Times.Count && doc.Times[i].FirstToken <= d.SourceEnd + 1 && doc.Times[i].FirstToken >= d.SourceEnd
                && doc.SentenceOfToken[doc.Times[i].FirstToken] == doc.SentenceOfToken[d.CueFirst] && d.CueFirst - d.SourceEnd <= 20
                && NamesADay(doc, doc.Times[i]))
                return i;
            return -1;
        }
        // A few words apart, or an aside set off by commas with no verb of its own ("Zelensky, in his nightly address on
        // Wednesday, said").
        if (d.CueFirst - d.SourceEnd > 10) return -1;
        bool aside = doc.TokenIs(d.SourceEnd, ",") && doc.TokenIs(d.CueFirst - 1, ",");
        if (d.CueFirst - d.SourceEnd > 6 && !aside) return -1;
        // "Smith, who arrived Monday, said": a relative clause's time is its own event's.
        for (int k = d.SourceEnd; k < d.CueFirst; k++)
        {
            if (doc.TokenIs(k, "who") || doc.TokenIs(k, "whose") || doc.TokenIs(k, "which") || doc.TokenIs(k, "that")) return -1;
            if (d.CueFirst - d.SourceEnd > 6 && doc.PosTags.Length == doc.Tokens.Count && doc.PosTags[k] is Learning.PosTagger.Verb or Learning.PosTagger.Aux)
                return -1;
        }
        for (int i = doc.TimeEndingAfter(d.SourceEnd); i < doc.Times.Count && doc.Times[i].FirstToken < d.CueFirst; i++)
        {
            var t = doc.Times[i];
            if (t.FirstToken >= d.SourceEnd && NamesADay(doc, t)) return i;
        }
        return -1;
    }

    /// <summary>
    /// The time expression naming a day in the phrase that opens the sentence and ends with a comma right before the source
    /// ("In an interview with CNN on Thursday, Warren said", "Speaking at a rally on Tuesday, she said"), or -1. The phrase
    /// holds no verb but a participle: "After the vote on Monday failed, she said" dates the vote.
    /// </summary>
    private static int ExpressionBeforeSource(Document doc, AttributionDraft d)
    {
        if (d.CueFirst < 0 || d.SourceFirst < 2 || d.CueFirst < d.SourceFirst || doc.Times.Count == 0 || !doc.TokenIs(d.SourceFirst - 1, ",")) return -1;
        int first = doc.Sentences[doc.SentenceOfToken[d.SourceFirst]].FirstToken;
        int comma = d.SourceFirst - 1;
        if (comma - first < 2 || comma - first > 12) return -1;
        bool tagged = doc.PosTags.Length == doc.Tokens.Count;
        for (int k = first; k < comma; k++)
        {
            // "After Tuesday night's appearance", "In the wake of the coup July 15", "In the days following ...": the day
            // of something before the words, not theirs.
            if (doc.TokenIs(k, ",") && !IsPlaceComma(doc, k, first) || doc.TokenIs(k, "who") || doc.TokenIs(k, "which") || doc.QuotationOfToken[k] >= 0
                || doc.TokenIs(k, "after") || doc.TokenIs(k, "following") || doc.TokenIs(k, "since") || doc.TokenIs(k, "before")
                || doc.TokenIs(k, "until") || doc.TokenIs(k, "wake") || doc.TokenIs(k, "days") || doc.TokenIs(k, "weeks")) return -1;
            // A participle describing the noun before it ("In a tweet posted late Wednesday", "in a statement released
            // Thursday") is the words' occasion; a finite verb is another event.
            if (tagged && doc.PosTags[k] is Learning.PosTagger.Verb or Learning.PosTagger.Aux
                && !doc.TokenText(k).EndsWith("ing", StringComparison.OrdinalIgnoreCase)
                && !(k > first && doc.PosTags[k - 1] == Learning.PosTagger.Noun && Learning.LearnedContentStage.IsEdParticiple(doc, k))) return -1;
        }
        for (int i = doc.TimeEndingAfter(first); i < doc.Times.Count && doc.Times[i].EndToken <= comma; i++)
            if (doc.Times[i].FirstToken >= first && NamesADay(doc, doc.Times[i])) return i;
        return -1;
    }

    /// <summary>The time expression naming a day that ends right before the cue (or its comma), in the cue's sentence, after
    /// the source and with no relative clause between ("Smith, who arrived Monday saying" dates the arrival), or -1.</summary>
    private static int DayRightBefore(Document doc, AttributionDraft d)
    {
        if (d.SourceEnd <= 0 || doc.SentenceOfToken[d.SourceEnd - 1] != doc.SentenceOfToken[d.CueFirst]) return -1;
        int end = doc.TokenIs(d.CueFirst - 1, ",") ? d.CueFirst - 1 : d.CueFirst;
        int i = doc.TimeEndingAfter(end - 1);
        if (i >= doc.Times.Count || doc.Times[i].EndToken != end || doc.Times[i].FirstToken < d.SourceEnd || !NamesADay(doc, doc.Times[i])) return -1;
        for (int k = d.SourceEnd; k < doc.Times[i].FirstToken; k++)
            if (doc.TokenIs(k, "who") || doc.TokenIs(k, "whose") || doc.TokenIs(k, "which") || doc.TokenIs(k, "that")
                || doc.QuotationOfToken[k] >= 0) return -1;
        return i;
    }

    /// <summary>
    /// A comma inside a place's name, or the one closing it: "At a rally Friday in Coral Springs, Florida, Clinton said",
    /// "In a speech in Fort Pierce, Florida, on Friday". Any other comma ends the opening phrase.
    /// </summary>
    private static bool IsPlaceComma(Document doc, int k, int first)
    {
        static bool Capital(Document doc, int i) => doc.Tokens[i].Kind == Text.TokenKind.Word && doc.Tokens[i].IsCapitalized;
        bool IsPlace(int i) => Capital(doc, i) && Speakers.Gazetteer.Default.Places.Contains(doc.TokenText(i));
        if (k - 1 >= first && k + 1 < doc.Tokens.Count && Capital(doc, k - 1) && IsPlace(k + 1)) return true; // Coral Springs, Florida
        return k - 3 >= first && IsPlace(k - 1) && doc.TokenIs(k - 2, ",") && Capital(doc, k - 3); // …, Florida, on Friday
    }

    /// <summary>A date or time that names one day, read against the article's date (not another event's).</summary>
    private static bool NamesADay(Document doc, TimeExpression t) =>
        t.Type is TimexType.Date or TimexType.Time && t.Day is not null && !IsAnaphoric(doc, t);

    /// <summary>A day expression read against another event, not the article's date: "the same day", "the day before",
    /// "the next day", "that day".</summary>
    private static bool IsAnaphoric(Document doc, TimeExpression t)
    {
        for (int k = t.FirstToken; k < t.EndToken; k++)
            if (doc.TokenIs(k, "same") || doc.TokenIs(k, "next") || doc.TokenIs(k, "following") || doc.TokenIs(k, "previous")
                || doc.TokenIs(k, "before") || doc.TokenIs(k, "after") || doc.TokenIs(k, "prior") || doc.TokenIs(k, "that"))
                return true;
        return false;
    }

    /// <summary>The day a time phrase of tokens [first, end) names, relative to <paramref name="articleDate"/>; null for a span longer than a day.</summary>
    public static DateOnly? Resolve(Document doc, int first, int end, DateOnly articleDate)
    {
        int k = first;
        bool last = false;
        if (doc.TokenIs(k, "on") || doc.TokenIs(k, "late") || doc.TokenIs(k, "early")) k++;
        if (doc.TokenIs(k, "earlier") && k + 1 < end) k++;
        if (doc.TokenIs(k, "last") && k + 1 < end) { last = true; k++; }
        if (doc.TokenIs(k, "this") && k + 1 < end) k++;
        if (k >= end) return null;
        var w = doc.TokenText(k);
        if (w.Equals("yesterday", StringComparison.OrdinalIgnoreCase)) return articleDate.AddDays(-1);
        if (w.Equals("today", StringComparison.OrdinalIgnoreCase) || w.Equals("tonight", StringComparison.OrdinalIgnoreCase)) return articleDate;
        if (w.Equals("night", StringComparison.OrdinalIgnoreCase)) return last ? articleDate.AddDays(-1) : articleDate;
        if (w.Equals("morning", StringComparison.OrdinalIgnoreCase) || w.Equals("afternoon", StringComparison.OrdinalIgnoreCase)
            || w.Equals("evening", StringComparison.OrdinalIgnoreCase))
            return last ? null : articleDate;
        if (Weekday(w) is { } weekday)
        {
            int back = ((int)articleDate.DayOfWeek - (int)weekday + 7) % 7;
            if (last && back == 0) back = 7;
            return articleDate.AddDays(-back);
        }
        if (Month(w) is { } month && k + 1 < end && int.TryParse(doc.TokenText(k + 1), out int dayOfMonth))
        {
            int year = articleDate.Year;
            if (k + 3 < end && IsComma(doc, k + 2)
                && int.TryParse(doc.TokenText(k + 3), out int y) && y is > 1000 and < 3000)
                year = y;
            else if (new DateOnly(year, month, 1) > articleDate.AddMonths(1))
                year--; // "said on December 30" in a January article
            if (dayOfMonth < 1 || dayOfMonth > DateTime.DaysInMonth(year, month)) return null;
            return new DateOnly(year, month, dayOfMonth);
        }
        return null;
    }

    private static bool IsComma(Document doc, int k) =>
        k < doc.Tokens.Count && doc.Tokens[k].Kind == TokenKind.Punctuation && doc.Text[doc.Tokens[k].Start] == ',';

    private static DayOfWeek? Weekday(ReadOnlySpan<char> w)
    {
        for (int d = 0; d < 7; d++)
            if (w.Equals(((DayOfWeek)d).ToString(), StringComparison.OrdinalIgnoreCase)) return (DayOfWeek)d;
        return null;
    }

    private static readonly string[] MonthNames =
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

    private static int? Month(ReadOnlySpan<char> w)
    {
        var trimmed = w.TrimEnd('.');
        for (int m = 0; m < 12; m++)
        {
            var name = MonthNames[m];
            if (trimmed.Equals(name, StringComparison.OrdinalIgnoreCase)) return m + 1;
            if (trimmed.Length >= 3 && name.StartsWith(trimmed.ToString().ToLowerInvariant(), StringComparison.Ordinal) && trimmed.Length <= 4) return m + 1;
        }
        return null;
    }
}
