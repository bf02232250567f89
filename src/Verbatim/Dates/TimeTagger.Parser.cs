using Verbatim.Text;

namespace Verbatim.Dates;

/// <summary>The grammar of <see cref="TimeTagger"/>: runs over atoms, longest match from each atom that can open an expression.</summary>
internal ref struct TimeParser
{
    private readonly string _text;
    private readonly Span<TimeTagger.Atom> _a;
    private readonly int _n;
    private readonly IReadOnlyList<Token> _tokens;
    private readonly ReadOnlySpan<int> _sentenceOfToken;
    private readonly DateOnly _dct;
    private readonly List<TimeExpression> _out;
    /// <summary>The last quarter the text named ("the third quarter"): the reference time of "a year earlier", "the quarter".</summary>
    private int _quarterYear, _quarterIndex, _quarterSentence = -100;
    /// <summary>The reference time of the narrative: the last day, month and year the text named ("On Aug. 7 ... the next
    /// day", "in 1995 ... the following year", "that week"), each with the sentence that named it.</summary>
    private DateOnly _refDay;
    private int _refDaySentence = -100, _refMonthYear, _refMonth, _refMonthSentence = -100, _refYear, _refYearSentence = -100;

    private struct Core
    {
        public int End;
        public TimexType Type;
        public string Value;
        public string? Mod;
        public bool IncludesThe;
        /// <summary>A quantity of units (duration or "N units ago"): an approximation word before it belongs to it.</summary>
        public bool Quantified;
        /// <summary>Resolved against the quarter under discussion: it does not become the reference itself.</summary>
        public bool Anaphoric;
        /// <summary>Starts earlier than where the core was asked (e.g. "in" of a future "in two weeks").</summary>
        public int Start;
    }

    public TimeParser(string text, Span<TimeTagger.Atom> atoms, int n, IReadOnlyList<Token> tokens, ReadOnlySpan<int> sentenceOfToken,
        DateOnly dct, List<TimeExpression> output)
    {
        _text = text;
        _a = atoms;
        _n = n;
        _tokens = tokens;
        _sentenceOfToken = sentenceOfToken;
        _dct = dct;
        _out = output;
    }

    public void Run()
    {
        int i = 0;
        while (i < _n)
        {
            // Jump to the next atom that may carry a time (not an unlooked-up or other word, not punctuation); an expression
            // may open up to three atoms before it with function words ("more than a decade", "about two weeks").
            int t = i;
            while (t < _n && _a[t].Kind is AtomKind.Unclassified or AtomKind.Other or AtomKind.Boundary or AtomKind.Comma or AtomKind.Dot)
                t++;
            if (t >= _n) return;
            int from = Math.Max(i, t - 3);
            bool found = false;
            for (int k = from; k <= t; k++)
            {
                if (!CanOpen(k)) continue;
                if (TryParse(k, out int start, out int end, out var core))
                {
                    Emit(start, end, core);
                    i = end;
                    // "from August 20 to [22]": the range's end day is an expression of its own.
                    if (RangeEndDay(end, core, out var endDay))
                    {
                        Emit(end + 1, end + 2, endDay);
                        i = end + 2;
                    }
                    found = true;
                    break;
                }
            }
            if (!found) i = t + 1;
        }
    }

    /// <summary>A bare day number after a month-day and "to", "through", "and" or "until": the same month's later day.</summary>
    private readonly bool RangeEndDay(int end, in Core first, out Core c)
    {
        c = default;
        if (end + 1 >= _n || !(IsFunc(end, Func.To) || IsFunc(end, Func.Through) || IsFunc(end, Func.And) || IsFunc(end, Func.Until))
            || !Is(end + 1, AtomKind.Num) || A(end + 1).Digits > 2 || first.Type != TimexType.Date || TimexValues.Day(first.Value) is not { } from)
            return false;
        int day = A(end + 1).Value;
        if (day <= from.Day || day > DateTime.DaysInMonth(from.Year, from.Month)) return false;
        // "to 22 percent", "and 22 people": a number of something, not a day.
        if (end + 2 < _n && A(end + 2).Kind is not (AtomKind.Dot or AtomKind.Comma or AtomKind.Boundary or AtomKind.Func or AtomKind.Tense)) return false;
        c.Start = end + 1;
        c.End = end + 2;
        c.Type = TimexType.Date;
        c.Value = TimexValues.Day(new DateOnly(from.Year, from.Month, day));
        return true;
    }

    /// <summary>Atom j is not the first of its sentence (a capital there says nothing).</summary>
    private readonly bool MidSentence(int j) => j > 0 && Sentence(j - 1) == Sentence(j);

    private readonly bool CanOpen(int i)
    {
        var kind = A(i).Kind;
        if (kind is AtomKind.Other or AtomKind.Boundary or AtomKind.Comma or AtomKind.Dot or AtomKind.Hyphen or AtomKind.Tense or AtomKind.Zone or AtomKind.AmPm)
            return false;
        // A function word opens an expression only before a time word: "the third quarter", "a year ago", "about two weeks".
        return kind is not AtomKind.Func || i + 1 < _n && A(i + 1).Kind is not (AtomKind.Other or AtomKind.Boundary or AtomKind.Comma or AtomKind.Dot or AtomKind.Tense);
    }

    // ---- helpers over atoms ----

    /// <summary>Atom k, its word classified on first use (the tagger classifies only words that can open a time expression).</summary>
    private readonly ref TimeTagger.Atom A(int k)
    {
        ref var a = ref _a[k];
        if (a.Kind == AtomKind.Unclassified) TimeTagger.Classify(_text, ref a);
        return ref a;
    }


    private readonly bool Is(int k, AtomKind kind) => k >= 0 && k < _n && A(k).Kind == kind;
    private readonly bool IsFunc(int k, Func f) => Is(k, AtomKind.Func) && A(k).Value == (int)f;
    private readonly bool IsRel(int k, Rel r) => Is(k, AtomKind.Rel) && A(k).Value == (int)r;
    private readonly bool IsVague(int k, Vague v) => Is(k, AtomKind.Vague) && A(k).Value == (int)v;
    private readonly bool IsEdge(int k, Edge e) => Is(k, AtomKind.Edge) && A(k).Value == (int)e;
    private readonly Unit UnitAt(int k) => Is(k, AtomKind.Unit) ? (Unit)(A(k).Value & 0xFF) : Unit.None;
    private readonly bool Plural(int k) => (Is(k, AtomKind.Unit) || Is(k, AtomKind.PartOfDay)) && (A(k).Value & 0x100) != 0;
    private readonly ReadOnlySpan<char> TextOf(int k) => _text.AsSpan(A(k).Start, A(k).End - A(k).Start);
    private readonly int Sentence(int k) => _sentenceOfToken.Length > A(k).Token ? _sentenceOfToken[A(k).Token] : 0;
    /// <summary>Atoms k-1 and k are one word or touch ("52-week" as 52 - week).</summary>
    private readonly bool Touching(int k) => k > 0 && k < _n && A(k).Start == A(k - 1).End;

    private readonly bool IsAbbreviatedMonth(int k)
    {
        var t = TextOf(k);
        return t.Length <= 4 && !t.Equals("june", StringComparison.OrdinalIgnoreCase) && !t.Equals("july", StringComparison.OrdinalIgnoreCase)
            && !t.Equals("may", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>After a month abbreviation: skip its period.</summary>
    private readonly int SkipDot(int k) => Is(k, AtomKind.Dot) && Touching(k) ? k + 1 : k;

    private readonly TenseMark TenseOf(int k)
    {
        ref readonly var a = ref A(k);
        switch (a.Kind)
        {
            case AtomKind.Tense: return (TenseMark)a.Value;
            case AtomKind.Month when a.Value == 5 && !a.Cap: return TenseMark.Future;
            case AtomKind.Rel:
                return (Rel)a.Value switch
                {
                    Rel.Next or Rel.Coming or Rel.Upcoming => TenseMark.Future,
                    Rel.Last or Rel.Ago => TenseMark.Past,
                    _ => TenseMark.None,
                };
            case AtomKind.Deictic:
                return (Deictic)a.Value switch
                {
                    Deictic.Yesterday or Deictic.Recently => TenseMark.Past,
                    Deictic.Tomorrow or Deictic.Soon => TenseMark.Future,
                    _ => TenseMark.None,
                };
            case AtomKind.Func when a.Value == (int)Func.To:
                // "to" before a verb: "agreed to acquire", "set to resume", "is to open".
                if (k + 1 < _n && A(k + 1).Kind == AtomKind.Other && char.IsLower(_text[A(k + 1).Start]) && k > 0
                    && (A(k - 1).Kind == AtomKind.Tense || A(k - 1).Kind == AtomKind.Other && IsToVerb(TextOf(k - 1))))
                    return TenseMark.Future;
                return TenseMark.None;
            case AtomKind.Func:
                return (Func)a.Value switch
                {
                    // "the quarter ended Sept. 30"; "effective Feb. 1", "ahead of the weekend".
                    Func.Ended => TenseMark.Past,
                    Func.Effective or Func.Ahead => TenseMark.Future,
                    _ => TenseMark.None,
                };
            case AtomKind.Other:
                var t = TextOf(k);
                if (t.Length >= 5 && t[^1] == 'd' && t[^2] == 'e' && char.IsLower(t[0]) && !t.EndsWith("eed", StringComparison.Ordinal)
                    && !AdjectiveSlot(k))
                    return TenseMark.Past;
                return TenseMark.None;
            default: return TenseMark.None;
        }
    }

    /// <summary>An -ed word right after a determiner or "still" is an adjective ("a still unspecified date"), not a past tense.</summary>
    private readonly bool AdjectiveSlot(int k) =>
        k > 0 && (Is(k - 1, AtomKind.Func) && (Func)A(k - 1).Value is Func.The or Func.A or Func.An or Func.Its
            || TextOf(k - 1).Equals("still", StringComparison.OrdinalIgnoreCase));

    /// <summary>"had" within three atoms before k: "had been due to", "had planned to" put a future marker in the past.</summary>
    private readonly bool HadBefore(int k)
    {
        for (int b = k - 1; b >= 0 && b >= k - 3; b--)
            if (TextOf(b).Equals("had", StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    /// <summary>An adverb before "a week" ("barely a month after", "just a year ago"): the span is a time, not a rate.</summary>
    private readonly bool Adverb(int k)
    {
        var w = TextOf(k);
        return w.Length > 3 && w.EndsWith("ly", StringComparison.OrdinalIgnoreCase) && char.IsLower(w[0])
            || w.Equals("just", StringComparison.OrdinalIgnoreCase) || w.Equals("only", StringComparison.OrdinalIgnoreCase);
    }

    private static bool PastIntent(ReadOnlySpan<char> w) =>
        w is "vowed" or "promised" or "pledged" or "predicted" or "hoped" or "wanted" or "threatened" or "decided" or "agreed"
            or "offered" or "proposed" or "intended" or "forecast";

    private static bool IsToVerb(ReadOnlySpan<char> w) =>
        w is "set" or "supposed" or "agreed" or "due" or "going" or "plans" or "planned" or "expected" or "scheduled" or "decided"
            or "promised" or "pledged" or "vowed" or "hopes" or "hoped" or "wants" or "wanted" or "intends" or "intended" or "likely"
            or "able" or "ready" or "about" or "aims" or "aimed" or "seeks" or "sought" or "proposed" or "offered" or "threatened";

    /// <summary>After "to" or a modal ("will hit", "expected to beat", "could last"): the verb there is its base form.</summary>
    private readonly bool ModalOrTo(int k)
    {
        if (IsFunc(k, Func.To)) return true;
        var w = TextOf(k);
        return w is "may" or "might" or "can" or "could" or "did" or "does" or "do" or "must" or "will" or "would" or "should" or "shall"
            or "'ll" or "won't" or "wouldn't" or "can't" or "cannot";
    }

    /// <summary>A verb right after <see cref="ModalOrTo"/>, or after one adverb past it ("will probably hit").</summary>
    private readonly bool AfterModalOrTo(int k)
    {
        int b = k - 1;
        if (b > 0 && Adverb(b)) b--;
        return b >= 0 && ModalOrTo(b);
    }

    /// <summary>The tense of the clause around atoms [first, end): the nearest marker before it, else after it, in its sentence.</summary>
    private readonly TenseMark TenseAround(int first, int end)
    {
        int s = Sentence(first);
        // A deadline: "by May", "until January", "runs through Sunday" — unless its clause is in the past ("had filed reports by Wednesday").
        bool deadline = first > 0 && Is(first - 1, AtomKind.Func) && (Func)A(first - 1).Value is Func.By or Func.Until or Func.Through;
        for (int k = first - 1; k >= 0 && k >= first - 12; k--)
        {
            if (Sentence(k) != s || Is(k, AtomKind.Boundary) && TextOf(k) is ";") break;
            var t = TenseOf(k);
            // A passive participle ("will be held") takes its tense from the auxiliary before it.
            if (t == TenseMark.Past && k > 0 && TextOf(k - 1).Equals("be", StringComparison.OrdinalIgnoreCase))
            {
                // "will be named", "is to be held": the auxiliary right before "be" decides, even beyond the window.
                if (k >= 2 && TenseOf(k - 2) == TenseMark.Future && !HadBefore(k - 2)) return TenseMark.Future;
                continue;
            }
            // "will hit the coast Thursday", "expected to beat": a form shared by the past and the base verb is the base after a
            // modal or "to"; the modal or "to" before it decides.
            if (t == TenseMark.Past && AfterModalOrTo(k)) continue;
            // "had been due to expire Friday", "had been scheduled to": a plan that lies in the past.
            if (t == TenseMark.Future && HadBefore(k)) t = TenseMark.Past;
            // "Clinton vowed Friday to track down …": the day right after a past verb of intent is when it was said.
            if (t == TenseMark.Future && k == first - 1 && PastIntent(TextOf(k))) t = TenseMark.Past;
            if (t != TenseMark.None) return deadline && t != TenseMark.Past ? TenseMark.Future : t;
        }
        for (int k = end; k < _n && k < end + 8; k++)
        {
            if (Sentence(k) != s) break;
            var t = TenseOf(k);
            // "By Saturday morning, the fears had faded": a deadline in a past clause.
            if (t != TenseMark.None) return deadline && t != TenseMark.Past ? TenseMark.Future : t;
        }
        return deadline ? TenseMark.Future : TenseMark.None;
    }

    // ---- the grammar ----

    private readonly bool TryParse(int i, out int start, out int end, out Core core)
    {
        start = i;
        end = i;
        core = default;
        int j = i;
        string? approx = Approx(ref j);
        int afterApprox = j;
        bool the = false;
        if (IsFunc(j, Func.The) || IsFunc(j, Func.Its)) { the = true; j++; }
        string? edgeMod = null;
        int edgeAt = -1;
        if (Is(j, AtomKind.Edge) && IsFunc(j + 1, Func.Of) && (Edge)A(j).Value is Edge.End or Edge.Beginning or Edge.Start or Edge.Middle or Edge.Close)
        {
            edgeMod = (Edge)A(j).Value switch { Edge.End or Edge.Close => "END", Edge.Middle => "MID", _ => "START" };
            edgeAt = j;
            j += 2;
            if (IsFunc(j, Func.The)) j++;
            // "the end of the year": the inner "the" makes "year" the current one.
            if (!ParseCore(j, true, out core)) return false;
        }
        else if (Is(j, AtomKind.Edge) && (Edge)A(j).Value is Edge.Early or Edge.Late or Edge.Mid)
        {
            edgeMod = (Edge)A(j).Value switch { Edge.Early => "START", Edge.Late => "END", _ => "MID" };
            edgeAt = j;
            int k = j + 1;
            if (Is(k, AtomKind.Hyphen)) k++;
            // "mid-afternoon yesterday", "late Friday night" is a weekday's; "early morning": on the narrative's day.
            if (Is(k, AtomKind.PartOfDay) && !Plural(k) && A(k).Value <= 3)
            {
                core = default;
                core.Start = k;
                core.Type = TimexType.Time;
                core.End = k + 1;
                var day = RefDay(k, 1);
                if (Is(k + 1, AtomKind.Deictic) && (Deictic)A(k + 1).Value is Deictic.Today or Deictic.Yesterday or Deictic.Tomorrow)
                {
                    day = (Deictic)A(k + 1).Value switch { Deictic.Yesterday => _dct.AddDays(-1), Deictic.Tomorrow => _dct.AddDays(1), _ => _dct };
                    core.End = k + 2;
                }
                else if (Is(k + 1, AtomKind.Weekday) && A(k + 1).Cap)
                {
                    day = ResolveWeekday((DayOfWeek)A(k + 1).Value, 0, k + 1);
                    core.End = k + 2;
                }
                core.Value = TimexValues.Day(day) + PartOfDayCode(A(k).Value);
            }
            // "by mid-month", "mid-week", "mid-year": the middle of the current one.
            else if (edgeMod == "MID" && A(k).Joined && UnitAt(k) is Unit.Week or Unit.Month or Unit.Year && !Plural(k))
            {
                core = default;
                core.Start = k;
                core.Type = TimexType.Date;
                core.End = k + 1;
                core.Value = Shift(UnitAt(k), 0);
            }
            else if (!ParseCore(k, false, out core) || core.Type is TimexType.Duration or TimexType.Set) return false;
        }
        else if (!ParseCore(j, the, out core)) return false;

        end = core.End;
        if (edgeMod is not null)
        {
            core.Mod = edgeMod;
            start = the && (edgeAt == afterApprox + 1) ? afterApprox : edgeAt;
        }
        else
        {
            start = the && core.IncludesThe ? afterApprox : j;
            if (core.Start < j && core.Start >= 0 && !the) start = core.Start;
        }
        if (approx is not null && core.Quantified)
        {
            start = i;
            core.Mod ??= approx;
        }
        return end > start;
    }

    private readonly string? Approx(ref int j)
    {
        if (!Is(j, AtomKind.Func)) return null;
        switch ((Func)A(j).Value)
        {
            case Func.About or Func.Around or Func.Approximately or Func.Roughly: j++; return "APPROX";
            case Func.Nearly or Func.Almost: j++; return "LESS_THAN";
            case Func.Over when !IsFunc(j + 1, Func.The) && !AfterAmount(j): j++; return "MORE_THAN";
            case Func.More when IsFunc(j + 1, Func.Than): j += 2; return "MORE_THAN";
            case Func.Less when IsFunc(j + 1, Func.Than): j += 2; return "LESS_THAN";
            case Func.At when IsFunc(j + 1, Func.Least): j += 2; return "EQUAL_OR_MORE";
            case Func.Up when IsFunc(j + 1, Func.To): j += 2; return "EQUAL_OR_LESS";
            default: return null;
        }
    }

    /// <summary>
    /// "worth $2 billion [over] 10 years", "rose 5 percent over two years": after an amount, "over" is the span the amount
    /// accrues over (a preposition), not "more than".
    /// </summary>
    private readonly bool AfterAmount(int over)
    {
        if (over == 0) return false;
        if (A(over - 1).Kind is AtomKind.Num) return true;
        var w = TextOf(over - 1);
        foreach (var unit in AmountWords)
            if (w.Equals(unit, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    private static readonly string[] AmountWords = ["percent", "%", "dollars", "yuan", "yen", "euros", "pounds", "points", "million", "billion", "trillion", "tons"];

    private readonly bool ParseCore(int j, bool the, out Core c)
    {
        c = default;
        c.Start = j;
        if (j >= _n) return false;
        ref readonly var a = ref A(j);
        switch (a.Kind)
        {
            case AtomKind.Deictic: return DeicticCore(j, the, ref c);
            case AtomKind.Weekday: return a.Cap && WeekdayCore(j, 0, ref c);
            case AtomKind.Month: return a.Cap && MonthCore(j, 0, ref c);
            case AtomKind.Num: return NumCore(j, the, ref c);
            case AtomKind.Clock: return ClockCore(j, ref c);
            case AtomKind.NumWord:
                if (SpelledYear(j, out int y, out int e) && a.Value != 2)
                {
                    c.End = e;
                    c.Type = TimexType.Date;
                    c.Value = TimexValues.Year(y);
                    return true;
                }
                return QuantityCore(j, ref c);
            case AtomKind.Func:
                switch ((Func)a.Value)
                {
                    case Func.A or Func.An or Func.Few or Func.Several or Func.Couple or Func.Some or Func.Many or Func.Another:
                        return QuantityCore(j, ref c);
                    case Func.Once or Func.Twice: return FrequencyCore(j, 0, ref c);
                    case Func.Half: return HalfCore(j, ref c);
                    case Func.These:
                        // "these days": the present.
                        if (UnitAt(j + 1) != Unit.Day || !Plural(j + 1)) return false;
                        c.End = j + 2;
                        c.Type = TimexType.Date;
                        c.Value = "PRESENT_REF";
                        return true;
                    case Func.Near or Func.Short or Func.Long:
                        // "the near future", "in the near term", "over the long term": the vague future.
                        if (!the || A(j + 1).Joined || j > 0 && IsFunc(j - 1, Func.Its) || !(IsVague(j + 1, Vague.Term) || Is(j + 1, AtomKind.Deictic) && (Deictic)A(j + 1).Value == Deictic.Future && (Func)a.Value == Func.Near))
                            return false;
                        c.End = j + 2;
                        c.Type = TimexType.Date;
                        c.Value = "FUTURE_REF";
                        c.IncludesThe = true;
                        return true;
                    case Func.Fiscal: return FiscalCore(j, ref c);
                    case Func.That: return ThatCore(j, ref c);
                    default: return false;
                }
            case AtomKind.Ordinal: return OrdinalCore(j, the, ref c);
            case AtomKind.Rel: return RelCore(j, the, ref c);
            case AtomKind.Unit: return UnitCore(j, the, ref c);
            case AtomKind.Season: return SeasonCore(j, the, 0, ref c);
            case AtomKind.Decade: return DecadeCore(j, ref c);
            case AtomKind.SetWord: return SetCore(j, ref c);
            case AtomKind.Holiday: return HolidayCore(j, 0, ref c);
            case AtomKind.Vague:
                // "at the moment", "at present": the present.
                if (a.Value == (int)Vague.Moment && the && j >= 2 && IsFunc(j - 2, Func.At) && !IsFunc(j + 1, Func.Of)
                    || a.Value == (int)Vague.Present && !the && j >= 1 && IsFunc(j - 1, Func.At))
                {
                    c.End = j + 1;
                    c.Type = TimexType.Date;
                    c.Value = "PRESENT_REF";
                    c.IncludesThe = true;
                    return true;
                }
                return false;
            case AtomKind.IsoDate:
                c.End = j + 1;
                c.Type = TimexType.Date;
                c.Value = TimexValues.Day(new DateOnly(a.Value / 10000, a.Value / 100 % 100, a.Value % 100));
                return true;
            case AtomKind.DayOrdinal:
                // the 20th century
                if (UnitAt(j + 1) == Unit.Century && a.Value is >= 1 and <= 30)
                {
                    c.End = j + 2;
                    c.Type = TimexType.Date;
                    c.Value = (a.Value - 1).ToString("D2", System.Globalization.CultureInfo.InvariantCulture);
                    c.IncludesThe = true;
                    return true;
                }
                return false;
            case AtomKind.PartOfDay:
                // "in the morning", "during the night": on the day the narrative stands at.
                if (a.Value <= 3 && !Plural(j) && the && j >= 2 && IsFunc(j - 1, Func.The) && (IsFunc(j - 2, Func.In) || IsFunc(j - 2, Func.During) || IsFunc(j - 2, Func.Throughout))
                    && !IsFunc(j + 1, Func.Of) && !a.Possessive)
                {
                    c.End = j + 1;
                    c.Type = TimexType.Time;
                    c.Value = TimexValues.Day(RefDay(j, 1)) + PartOfDayCode(a.Value);
                    c.IncludesThe = true;
                    return true;
                }
                // "the night of August 3", "the morning of July 30": that day's part.
                if (a.Value <= 3 && !Plural(j) && the && IsFunc(j + 1, Func.Of) && !a.Possessive)
                {
                    int d = j + 2;
                    var day = default(Core);
                    if (Is(d, AtomKind.Month) && A(d).Cap && MonthCore(d, 0, ref day) && TimexValues.Day(day.Value) is not null && !day.Value.Contains('T'))
                        c.End = day.End;
                    else if (Is(d, AtomKind.Weekday) && A(d).Cap)
                    {
                        day.Value = TimexValues.Day(ResolveWeekday((DayOfWeek)A(d).Value, 0, d));
                        c.End = d + 1;
                    }
                    else return false;
                    c.Type = TimexType.Time;
                    c.Value = day.Value + PartOfDayCode(a.Value);
                    c.IncludesThe = true;
                    return true;
                }
                // "rebels shelled the city overnight": the night before the day the narrative stands at (the article's, when
                // none is named), or that day's night in a future clause; not "an overnight stay".
                if (a.Value == 6 && !(j > 0 && Is(j - 1, AtomKind.Func) && (Func)A(j - 1).Value is Func.A or Func.An or Func.The or Func.Its))
                {
                    c.End = j + 1;
                    c.Type = TimexType.Time;
                    var night = RefDay(j, 1);
                    if (TenseAround(j, j + 1) != TenseMark.Future) night = night.AddDays(-1);
                    c.Value = TimexValues.Day(night) + "TNI";
                    return true;
                }
                if (a.Value is 4 or 5 && !Plural(j))
                {
                    c.End = j + 1;
                    c.Type = TimexType.Time;
                    var day = _dct;
                    if (Is(j + 1, AtomKind.Weekday) && A(j + 1).Cap) { day = ResolveWeekday((DayOfWeek)A(j + 1).Value, 0, j + 1); c.End = j + 2; }
                    // "midnight on Dec. 31": the day named after it in its sentence.
                    else if (IsFunc(j + 1, Func.On) && DayLaterInSentence(j + 2, out var later)) day = later;
                    // "at midnight (2200 GMT) on Sunday": past a parenthesis, when no day was named before it in its sentence.
                    else if (Is(j + 1, AtomKind.Boundary) && Sentence(j) != _refDaySentence && DayLaterInSentence(j + 1, out later)) day = later;
                    c.Value = TimexValues.Day(day) + PartOfDayCode(a.Value);
                    return true;
                }
                return false;
            default: return false;
        }
    }

    /// <summary>"that day", "that same week", "that year", "that night": the reference time of the narrative.</summary>
    private readonly bool ThatCore(int j, ref Core c)
    {
        int k = j + 1;
        if (IsRel(k, Rel.Same)) k++;
        if (Is(k, AtomKind.PartOfDay) && !Plural(k) && A(k).Value <= 3)
        {
            c.Start = j;
            c.End = k + 1;
            c.Type = TimexType.Time;
            c.Value = TimexValues.Day(RefDay(j, DayWindow)) + PartOfDayCode(A(k).Value);
            return true;
        }
        var unit = UnitAt(k);
        if (Plural(k) || unit is not (Unit.Day or Unit.Week or Unit.Month or Unit.Year) || A(k).Possessive && unit != Unit.Year) return false;
        // "that year's", "that day's" are fine; "that day-long" is not.
        if (Is(k + 1, AtomKind.Hyphen) || k + 1 < _n && A(k + 1).Joined) return false;
        c.Start = j;
        c.End = k + 1;
        return Anchored(j, unit, 0, ref c);
    }

    /// <summary>A year in words: "nineteen ninety-four", "nineteen eighty", "two thousand", "two thousand and one".</summary>
    private readonly bool SpelledYear(int j, out int year, out int end)
    {
        year = 0;
        end = j;
        if (!Is(j, AtomKind.NumWord) || !Is(j + 1, AtomKind.NumWord) || A(j + 1).Joined) return false;
        int a = A(j).Value, b = A(j + 1).Value;
        if (a is >= 11 and <= 20 && b is >= 10 and < 100)
        {
            year = a * 100 + b;
            end = j + 2;
            if (Is(end, AtomKind.NumWord) && A(end).Joined && A(end).Value < 10 && b % 10 == 0) { year += A(end).Value; end++; }
            return true;
        }
        if (a == 2 && b == 1000)
        {
            year = 2000;
            end = j + 2;
            int k = IsFunc(end, Func.And) ? end + 1 : end;
            if (Is(k, AtomKind.NumWord) && A(k).Value < 20) { year += A(k).Value; end = k + 1; }
            return true;
        }
        return false;
    }

    private static string PartOfDayCode(int v) => v switch
    {
        0 => "TMO", 1 => "TAF", 2 => "TEV", 3 => "TNI", 4 => "T12:00", 5 => "T24:00", _ => "TNI",
    };

    /// <summary>A part of day right after a day: "Friday morning", "yesterday afternoon".</summary>
    private readonly void PartOfDayAfter(ref Core c)
    {
        if (Is(c.End, AtomKind.PartOfDay) && !Plural(c.End))
        {
            c.Value += PartOfDayCode(A(c.End).Value);
            c.Type = TimexType.Time;
            c.End++;
        }
    }

    private readonly bool DeicticCore(int j, bool the, ref Core c)
    {
        var d = (Deictic)A(j).Value;
        c.End = j + 1;
        c.Type = TimexType.Date;
        // "This is VOA Today", "USA Today": a capitalised day word after a name, inside its sentence, is part of the name.
        if (d == Deictic.Today && A(j).Cap && MidSentence(j) && A(j - 1).Cap && A(j - 1).Kind is AtomKind.Other or AtomKind.Unclassified) return false;
        switch (d)
        {
            case Deictic.Today: c.Value = TimexValues.Day(_dct); PartOfDayAfter(ref c); return true;
            case Deictic.Yesterday: c.Value = TimexValues.Day(_dct.AddDays(-1)); PartOfDayAfter(ref c); return true;
            case Deictic.Tomorrow:
                // "a brighter tomorrow", "the leaders of tomorrow": the future in general, no day (TimeBank leaves it out,
                // and a commitment must not fall due on the day after the article). "as of tomorrow" is the day.
                if (j > 0 && (IsFunc(j - 1, Func.A) || IsFunc(j - 1, Func.An) || IsFunc(j - 1, Func.The)
                              || IsFunc(j - 1, Func.Of) && !(j > 1 && TextOf(j - 2).Equals("as", StringComparison.OrdinalIgnoreCase))
                              || j > 1 && (IsFunc(j - 2, Func.A) || IsFunc(j - 2, Func.An)) && A(j - 1).Kind is AtomKind.Other or AtomKind.Unclassified))
                    return false;
                c.Value = TimexValues.Day(_dct.AddDays(1)); PartOfDayAfter(ref c); return true;
            case Deictic.Tonight: c.Value = TimexValues.Day(_dct) + "TNI"; c.Type = TimexType.Time; return true;
            case Deictic.Now or Deictic.Currently or Deictic.Nowadays:
                // "now" as a discourse word before a comma at a sentence start is still PRESENT_REF in TimeML.
                c.Value = "PRESENT_REF"; return true;
            case Deictic.Recently or Deictic.Lately:
                c.Value = "PAST_REF"; return true;
            case Deictic.Soon:
                if (j > 0 && TextOf(j - 1).Equals("as", StringComparison.OrdinalIgnoreCase)) return false;
                // "soon after the attack": near an event, not the speech time (TimeBank leaves it out).
                if (IsFunc(j + 1, Func.After) || IsFunc(j + 1, Func.Before)) return false;
                c.Value = "FUTURE_REF"; return true;
            case Deictic.Future:
                if (!the && !(j > 0 && TextOf(j - 1).Equals("near", StringComparison.OrdinalIgnoreCase))) return false;
                // "the future of the company": its prospects, not a time.
                if (IsFunc(j + 1, Func.Of)) return false;
                c.Value = "FUTURE_REF"; c.IncludesThe = true; return true;
            default: return false;
        }
    }

    /// <summary>A weekday: "Friday", "Friday morning", "Friday, Oct. 23", "Friday, Oct. 23, 1998". <paramref name="rel"/>: -1 last, +1 next, 0 by tense, 2 this.</summary>
    private readonly bool WeekdayCore(int j, int rel, ref Core c)
    {
        int dow = A(j).Value;
        c.End = j + 1;
        c.Type = TimexType.Date;
        if (rel == 0 && dow == (int)DayOfWeek.Tuesday && A(j).Cap && j > 0 && TextOf(j - 1) is "Super")
        {
            c.Start = j - 1;
            c.Value = TimexValues.Day(SuperTuesday(j));
            return true;
        }
        // An explicit date after it wins: "Friday, Oct. 23".
        int k = j + 1;
        if (Is(k, AtomKind.Comma)) k++;
        if (rel == 0 && Is(k, AtomKind.Month) && A(k).Cap)
        {
            var sub = default(Core);
            if (MonthCore(k, 0, ref sub) && TimexValues.Day(sub.Value) is not null)
            {
                c = sub;
                c.Start = j;
                return true;
            }
        }
        // "Monday nights", "Monday and Tuesday nights": every such night, a set (TimeML; HeidelTime's set_r6).
        int pod = Is(k = j + 1, AtomKind.PartOfDay) && Plural(k) ? k
            : rel == 0 && (IsFunc(j + 1, Func.And) || IsFunc(j + 1, Func.Or)) && Is(j + 2, AtomKind.Weekday) && A(j + 2).Cap
              && Is(j + 3, AtomKind.PartOfDay) && Plural(j + 3) ? j + 3 : -1;
        if (rel == 0 && pod > 0 && (A(pod).Value & 0xFF) <= 3)
        {
            c.Type = TimexType.Set;
            c.Value = $"XXXX-WXX-{(dow == 0 ? 7 : dow)}{PartOfDayCode(A(pod).Value & 0xFF)}";
            c.End = pod == j + 1 ? pod + 1 : j + 1;
            return true;
        }
        var date = ResolveWeekday((DayOfWeek)dow, rel, j);
        c.Value = TimexValues.Day(date);
        PartOfDayAfter(ref c);
        return true;
    }

    /// <summary>
    /// "Super Tuesday" is a day of the United States' presidential primaries (every fourth year): the first Tuesday of March,
    /// February 5 in 2008. The one of the article's year when it is an election year; else the one the clause's tense points
    /// to, or the nearer one.
    /// </summary>
    private readonly DateOnly SuperTuesday(int at)
    {
        static DateOnly In(int y)
        {
            if (y == 2008) return new DateOnly(2008, 2, 5);
            var first = new DateOnly(y, 3, 1);
            return first.AddDays(((int)DayOfWeek.Tuesday - (int)first.DayOfWeek + 7) % 7);
        }
        int y0 = _dct.Year - ((_dct.Year % 4) + 4) % 4;
        DateOnly before = In(y0), after = In(y0 + 4);
        var tense = TenseAround(at, at + 1);
        // In an election year it is that year's, whatever the tense ("deployed staff to the Super Tuesday states").
        if (_dct.Year == y0) return before;
        if (tense == TenseMark.Past) return before;
        if (tense == TenseMark.Future) return after;
        return _dct.DayNumber - before.DayNumber <= after.DayNumber - _dct.DayNumber ? before : after;
    }

    private readonly DateOnly ResolveWeekday(DayOfWeek dow, int rel, int at)
    {
        int back = ((int)_dct.DayOfWeek - (int)dow + 7) % 7;
        int forward = ((int)dow - (int)_dct.DayOfWeek + 7) % 7;
        switch (rel)
        {
            case -1: return _dct.AddDays(back == 0 ? -7 : -back);
            case 1: return _dct.AddDays(forward == 0 ? 7 : forward);
            case 2:
                {
                    var t = TenseAround(at, at + 1);
                    return t == TenseMark.Past ? _dct.AddDays(-back) : _dct.AddDays(forward);
                }
        }
        var tense = TenseAround(at, at + 1);
        return tense == TenseMark.Future || CopulaBefore(at) ? _dct.AddDays(forward) : _dct.AddDays(-back);
    }

    /// <summary>"the vote is Tuesday", "the funeral is on Friday": a day predicated in the present lies ahead.</summary>
    private readonly bool CopulaBefore(int at)
    {
        if (A(at).Possessive) return false;
        int k = IsFunc(at - 1, Func.On) ? at - 2 : at - 1;
        return k >= 0 && Is(k, AtomKind.Tense) && (TextOf(k).Equals("is", StringComparison.OrdinalIgnoreCase) || TextOf(k).Equals("are", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Month forms: "Aug. 7", "Aug. 7, 1998", "August 1998", "March of 1999", "July 7th", "March" (by tense).
    /// <paramref name="rel"/>: -1 last, +1 next, 2 this, 0 by tense.</summary>
    private readonly bool MonthCore(int j, int rel, ref Core c)
    {
        int month = A(j).Value;
        bool abbreviated = IsAbbreviatedMonth(j);
        int k = abbreviated ? SkipDot(j + 1) : j + 1;
        c.Type = TimexType.Date;
        // Month day [, year]
        if (rel == 0 && (Is(k, AtomKind.Num) && A(k).Digits <= 2 || Is(k, AtomKind.DayOrdinal)) && A(k).Value is >= 1 and <= 31)
        {
            int day = A(k).Value;
            int end = k + 1;
            int year;
            int y = end;
            if (Is(y, AtomKind.Comma)) y++;
            if (Is(y, AtomKind.Num) && A(y).Digits == 4 && A(y).Value is >= 1000 and <= 2999)
            {
                year = A(y).Value;
                end = y + 1;
            }
            else
            {
                year = _dct.Year;
                if (day <= DateTime.DaysInMonth(year, month))
                {
                    var guess = new DateOnly(year, month, day);
                    var tense = TenseAround(j, end);
                    // A past clause never moves the day forward, a future one never back; without a tense, the nearer year.
                    if (tense == TenseMark.Past) { if (guess > _dct.AddDays(90)) year--; }
                    else if (tense == TenseMark.Future) { if (guess < _dct.AddDays(-90)) year++; }
                    else if (guess.DayNumber - _dct.DayNumber > 270) year--;
                    else if (_dct.DayNumber - guess.DayNumber > 270) year++;
                }
            }
            if (day > DateTime.DaysInMonth(year, month)) return false;
            c.End = end;
            c.Value = TimexValues.Day(new DateOnly(year, month, day));
            PartOfDayAfter(ref c);
            return true;
        }
        // Month year: "August 1998", "March of 1999", "June, 1998"
        int ky = k;
        if (IsFunc(ky, Func.Of) || Is(ky, AtomKind.Comma)) ky++;
        if (rel == 0 && Is(ky, AtomKind.Num) && A(ky).Digits == 4 && A(ky).Value is >= 1000 and <= 2999)
        {
            c.End = ky + 1;
            c.Value = TimexValues.Month(A(ky).Value, month);
            return true;
        }
        // "January nineteen ninety-seven"
        if (rel == 0 && SpelledYear(ky, out int spelled, out int spelledEnd))
        {
            c.End = spelledEnd;
            c.Value = TimexValues.Month(spelled, month);
            return true;
        }
        // Month alone
        if (abbreviated && rel == 0) return false;
        if (rel == 0 && month is 3 or 5)
        {
            // "May" and "March" are words too: only after a preposition or a time modifier.
            int p = j - 1;
            bool ok = p >= 0 && (Is(p, AtomKind.Func) && (Func)A(p).Value is Func.In or Func.Since or Func.Until or Func.By or Func.Of
                or Func.From or Func.Through or Func.During or Func.Before or Func.After or Func.To or Func.Since or Func.Throughout
                || Is(p, AtomKind.Edge) || Is(p, AtomKind.Rel) || Is(p, AtomKind.Hyphen));
            if (!ok) return false;
        }
        // "July last year", "March next year"
        if (rel == 0 && Is(k, AtomKind.Rel) && (Rel)A(k).Value is Rel.Last or Rel.Next or Rel.This && UnitAt(k + 1) == Unit.Year && !Plural(k + 1))
        {
            c.End = k + 2;
            c.Value = TimexValues.Month(_dct.Year + ((Rel)A(k).Value switch { Rel.Last => -1, Rel.Next => 1, _ => 0 }), month);
            return true;
        }
        int yearOf = _dct.Year;
        switch (rel)
        {
            // "last February" written in March is a year back: the month just before would be "last month".
            case -1: yearOf = month < _dct.Month - 1 ? _dct.Year : _dct.Year - 1; break;
            case 1: yearOf = month > _dct.Month ? _dct.Year : _dct.Year + 1; break;
            case 2: yearOf = _dct.Year; break;
            default:
                var tense = TenseAround(j, k);
                if (tense == TenseMark.Past && month > _dct.Month + 1) yearOf--;
                else if (tense == TenseMark.Future && month < _dct.Month) yearOf++;
                else if (tense is TenseMark.None or TenseMark.Present && month - _dct.Month > 6) yearOf--;
                else if (tense is TenseMark.None or TenseMark.Present && _dct.Month - month > 6) yearOf++;
                break;
        }
        c.End = k;
        c.Value = TimexValues.Month(yearOf, month);
        return true;
    }

    private readonly bool YearOk(int j)
    {
        int v = A(j).Value;
        if (A(j).Digits != 4 || v < 1000 || v > 2999) return false;
        int p = j - 1;
        bool prepBefore = p >= 0 && (Is(p, AtomKind.Func) && (Func)A(p).Value is Func.In or Func.Since or Func.By or Func.Until or Func.Of
            or Func.From or Func.To or Func.Through or Func.Before or Func.After or Func.During or Func.The or Func.Fiscal or Func.And
            or Func.Or or Func.Throughout or Func.Into or Func.Its or Func.Ended or Func.Ending or Func.That
            || Is(p, AtomKind.Edge) || Is(p, AtomKind.Season) || Is(p, AtomKind.Hyphen)
            // "the company's 1989 results": a year before a noun after a possessive.
            || Is(p, AtomKind.Other) && TextOf(p) is { Length: > 2 } pw && pw[^1] is 's' && pw[^2] is '\'' or '\u2019');
        if (prepBefore) return v >= 1000 && (v >= 1800 || !IsFunc(p, Func.The)) && v <= 2100;
        if (v < 1900 || v > 2100) return false;
        int nx = j + 1;
        if (nx >= _n) return true;
        ref readonly var next = ref A(nx);
        if (next.Kind is AtomKind.Other or AtomKind.Unit && next.Start < _text.Length && char.IsLower(_text[next.Start])) return false;
        if (next.Kind == AtomKind.Num) return false;
        return true;
    }

    private readonly bool NumCore(int j, bool the, ref Core c)
    {
        ref readonly var a = ref A(j);
        // Day Month [Year]: "8 July 2022"
        if (a.Digits <= 2 && a.Value is >= 1 and <= 31 && Is(j + 1, AtomKind.Month) && A(j + 1).Cap)
        {
            int month = A(j + 1).Value;
            int k = IsAbbreviatedMonth(j + 1) ? SkipDot(j + 2) : j + 2;
            int year = _dct.Year;
            int end = k;
            if (Is(k, AtomKind.Num) && A(k).Digits == 4 && A(k).Value is >= 1000 and <= 2999) { year = A(k).Value; end = k + 1; }
            if (a.Value > DateTime.DaysInMonth(year, month)) return false;
            c.End = end;
            c.Type = TimexType.Date;
            c.Value = TimexValues.Day(new DateOnly(year, month, a.Value));
            return true;
        }
        // Clock: "4 a.m.", "10 p.m. Wednesday"; a 24-hour time before a zone: "1500 GMT".
        if (a.Digits <= 2 && a.Value is >= 1 and <= 12 && Is(j + 1, AtomKind.AmPm) || MilitaryTime(j))
            return ClockCore(j, ref c);
        // Year, and year-led forms: "1998", "the 1988 third quarter", "the 1988 quarter"
        if (a.Digits == 4 && YearOk(j))
        {
            int year = a.Value;
            int k = j + 1;
            if (Is(k, AtomKind.Ordinal) && UnitAt(k + 1) is Unit.Quarter or Unit.Half && !Plural(k + 1))
            {
                c.End = k + 2;
                c.Type = TimexType.Date;
                c.Value = UnitAt(k + 1) == Unit.Quarter ? TimexValues.Quarter(year, Math.Clamp(A(k).Value, 1, 4)) : TimexValues.Half(year, Math.Clamp(A(k).Value, 1, 2));
                c.IncludesThe = true;
                return true;
            }
            c.End = j + 1;
            c.Type = TimexType.Date;
            c.Value = TimexValues.Year(year);
            // "the 1988 period", "the 1988 quarter": that year's quarter of the one under discussion.
            if (RecentQuarter(j) && k < _n && (UnitAt(k) == Unit.Quarter && !Plural(k) || TextOf(k) is "period"))
            {
                c.End = k + 1;
                c.Value = TimexValues.Quarter(year, _quarterIndex);
                c.IncludesThe = true;
                c.Anaphoric = true;
            }
            return true;
        }
        if (a.Digits <= 3) return QuantityCore(j, ref c);
        return false;
    }

    /// <summary>Four digits of a 24-hour time before a time zone: "0730 GMT", "1500 UTC".</summary>
    private readonly bool MilitaryTime(int j) =>
        Is(j, AtomKind.Num) && A(j).Digits == 4 && A(j).Value / 100 <= 23 && A(j).Value % 100 <= 59 && Is(j + 1, AtomKind.Zone);

    private readonly bool ClockCore(int j, ref Core c)
    {
        ref readonly var a = ref A(j);
        int hour, minute;
        bool military = MilitaryTime(j);
        if (a.Kind == AtomKind.Clock || military) { hour = a.Value / 100; minute = a.Value % 100; }
        else { hour = a.Value; minute = 0; }
        if (hour > 24 || minute > 59) return false;
        int k = j + 1;
        if (Is(k, AtomKind.AmPm))
        {
            if (hour > 12) return false;
            hour = hour % 12 + A(k).Value;
            k++;
            if (Is(k, AtomKind.Dot) && Touching(k) && TextOf(k - 1)[^1] != '.') k++;
        }
        else if (a.Kind != AtomKind.Clock && !military) return false;
        if (Is(k, AtomKind.Zone)) k++;
        // Without a day of its own, a clock time is on the day the narrative stands at ("Friday ... at 10:30 a.m.").
        var date = RefDay(j, 1);
        int kd = k;
        if (IsFunc(kd, Func.On)) kd++;
        if (Is(kd, AtomKind.Comma) && Is(kd + 1, AtomKind.Month)) kd++;
        var md = default(Core);
        if (Is(kd, AtomKind.Weekday) && A(kd).Cap) { date = ResolveWeekday((DayOfWeek)A(kd).Value, 0, kd); k = kd + 1; }
        else if (Is(kd, AtomKind.Month) && A(kd).Cap && MonthCore(kd, 0, ref md) && TimexValues.Day(md.Value) is { } mday) { date = mday; k = md.End; }
        else if (Is(kd, AtomKind.Deictic) && (Deictic)A(kd).Value is Deictic.Today or Deictic.Yesterday or Deictic.Tomorrow or Deictic.Tonight)
        {
            date = (Deictic)A(kd).Value switch { Deictic.Yesterday => _dct.AddDays(-1), Deictic.Tomorrow => _dct.AddDays(1), _ => _dct };
            k = kd + 1;
        }
        // "10:30 this morning": one time, on the article's day.
        else if (IsRel(kd, Rel.This) && Is(kd + 1, AtomKind.PartOfDay) && !Plural(kd + 1) && A(kd + 1).Value <= 3)
        {
            date = _dct;
            k = kd + 2;
        }
        // "at 10:30 a.m. local time on August 7", "at 9 p.m. (1800 GMT) on Friday": a day named later in its sentence, when
        // none was named before it there.
        else if (Sentence(j) != _refDaySentence && DayLaterInSentence(k, out var later)) date = later;
        c.End = k;
        c.Type = TimexType.Time;
        c.Value = $"{TimexValues.Day(date)}T{hour:D2}:{minute:D2}";
        return true;
    }

    /// <summary>The first weekday, month-day or today/yesterday/tomorrow within a few atoms after k in k's sentence.</summary>
    private readonly bool DayLaterInSentence(int k, out DateOnly day)
    {
        day = default;
        int s = k < _n ? Sentence(k) : -1;
        for (int m = k; m < _n && m < k + 8 && Sentence(m) == s; m++)
        {
            ref readonly var a = ref A(m);
            if (a.Kind is AtomKind.Dot or AtomKind.Tense || a.Kind == AtomKind.Boundary && TextOf(m) is ";" or "\"" or "``" or "''") return false;
            if (a.Kind == AtomKind.Weekday && a.Cap) { day = ResolveWeekday((DayOfWeek)a.Value, 0, m); return true; }
            if (a.Kind == AtomKind.Deictic && (Deictic)a.Value is Deictic.Today or Deictic.Yesterday or Deictic.Tomorrow)
            {
                day = (Deictic)a.Value switch { Deictic.Yesterday => _dct.AddDays(-1), Deictic.Tomorrow => _dct.AddDays(1), _ => _dct };
                return true;
            }
            var md = default(Core);
            if (a.Kind == AtomKind.Month && a.Cap && MonthCore(m, 0, ref md) && TimexValues.Day(md.Value) is { } d) { day = d; return true; }
        }
        return false;
    }

    /// <summary>A quantity at j: a number, a number word, a/an, a few, several, a couple of. Returns the atom after it; q = -1 for vague.</summary>
    private readonly bool Quantity(int j, out int q, out int next)
    {
        q = 0;
        next = j;
        if (j >= _n) return false;
        ref readonly var a = ref A(j);
        switch (a.Kind)
        {
            case AtomKind.Num when a.Digits <= 3 && a.Value > 0:
                q = a.Value; next = j + 1;
                // 5 1/2: not handled; "1,000" is not a Num atom.
                return true;
            case AtomKind.NumWord:
                q = a.Value; next = j + 1;
                // twenty-five, two hundred
                if (Is(next, AtomKind.NumWord) && q >= 20 && q % 10 == 0 && q < 100 && A(next).Value < 10) { q += A(next).Value; next++; }
                else if (Is(next, AtomKind.NumWord) && A(next).Value is 100 or 1000) { q *= A(next).Value; next++; }
                return true;
            case AtomKind.Func:
                switch ((Func)a.Value)
                {
                    case Func.A or Func.An:
                        if (IsFunc(j + 1, Func.Few)) { q = -1; next = j + 2; return true; }
                        if (IsFunc(j + 1, Func.Couple)) { q = 2; next = IsFunc(j + 2, Func.Of) ? j + 3 : j + 2; return true; }
                        if (Is(j + 1, AtomKind.NumWord) && A(j + 1).Value == 12) { q = 12; next = j + 2; return true; }
                        q = 1; next = j + 1; return true;
                    case Func.Few or Func.Several or Func.Many or Func.Some:
                        q = -1; next = j + 1; return true;
                    case Func.Another:
                        // "another two weeks", "another year"
                        if (Is(j + 1, AtomKind.Num) || Is(j + 1, AtomKind.NumWord) || IsFunc(j + 1, Func.Few)) return Quantity(j + 1, out q, out next);
                        q = 1; next = j + 1; return true;
                    case Func.Couple:
                        q = 2; next = IsFunc(j + 1, Func.Of) ? j + 2 : j + 1; return true;
                }
                return false;
        }
        return false;
    }

    private static string UnitCode(Unit u) => u switch
    {
        Unit.Second => "S", Unit.Minute => "M", Unit.Hour => "H", Unit.Day => "D", Unit.Week => "W", Unit.Weekend => "WE",
        Unit.Month => "M", Unit.Quarter => "Q", Unit.Half => "H", Unit.Year => "Y", Unit.Decade => "DE", Unit.Century => "CE", _ => "X",
    };

    private static string Duration(Unit u, int q)
    {
        if (u == Unit.Quarter) return q < 0 ? "PXQ" : $"P{q}Q";
        if (u == Unit.Decade) return q < 0 ? "PXY" : $"P{10 * q}Y";
        if (u == Unit.Century) return q < 0 ? "PXY" : $"P{100 * q}Y";
        string n = q < 0 ? "X" : q.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return u is Unit.Hour or Unit.Minute or Unit.Second ? $"PT{n}{UnitCode(u)}" : $"P{n}{UnitCode(u)}";
    }

    /// <summary>The article date moved by n units, at the unit's granularity.</summary>
    private readonly string Shift(Unit u, int n)
    {
        switch (u)
        {
            case Unit.Day: return TimexValues.Day(_dct.AddDays(n));
            case Unit.Week: return TimexValues.Week(_dct.AddDays(7 * n));
            case Unit.Weekend: return TimexValues.Week(_dct.AddDays(7 * n)) + "-WE";
            case Unit.Month: var m = _dct.AddMonths(n); return TimexValues.Month(m.Year, m.Month);
            case Unit.Quarter:
                {
                    int idx = _dct.Year * 4 + (_dct.Month - 1) / 3 + n;
                    return TimexValues.Quarter(idx / 4, idx % 4 + 1);
                }
            case Unit.Half:
                {
                    int idx = _dct.Year * 2 + (_dct.Month - 1) / 6 + n;
                    return TimexValues.Half(idx / 2, idx % 2 + 1);
                }
            case Unit.Year: return TimexValues.Year(_dct.Year + n);
            case Unit.Decade: return TimexValues.Decade(_dct.Year + 10 * n);
            case Unit.Century: return TimexValues.Century(_dct.Year + 100 * n);
            default: return TimexValues.Day(_dct);
        }
    }

    /// <summary>A quantity of units: a duration ("three years", "two-year", "a few days"), or a date when "ago"/"earlier"/"later"
    /// follows ("two years ago"), or a future date after "in"/"within" in a future clause ("in two weeks").</summary>
    private readonly bool QuantityCore(int j, ref Core c)
    {
        if (!Quantity(j, out int q, out int k)) return false;
        // "three times a year": a frequency.
        if (q > 1 && IsFunc(k, Func.Times)) return FrequencyCore(j, k, ref c);
        // "two to three weeks", "five or six years": at least the lower bound (TimeBank's EQUAL_OR_MORE).
        if (q > 0 && (IsFunc(k, Func.To) || IsFunc(k, Func.Or)) && k + 1 < _n && A(j).Kind == A(k + 1).Kind && !(j > 0 && TextOf(j - 1).Equals("between", StringComparison.OrdinalIgnoreCase)) && Quantity(k + 1, out int q2, out int k2) && q2 > q
            && Plural(k2) && UnitAt(k2) is not (Unit.None or Unit.Weekend or Unit.Quarter) && !IsRel(k2 + 1, Rel.Ago) && !IsRel(k2 + 1, Rel.Earlier)
            && !IsRel(k2 + 1, Rel.Later) && !(k2 + 1 < _n && TextOf(k2 + 1) is "old"))
        {
            c.End = k2 + 1;
            c.Type = TimexType.Duration;
            c.Value = Duration(UnitAt(k2), q);
            c.Mod = "EQUAL_OR_MORE";
            c.Quantified = true;
            return true;
        }
        // "a while" after "for", "in", "after": a vague span.
        if (q == 1 && IsFunc(j, Func.A) && IsVague(k, Vague.While) && j > 0 && Is(j - 1, AtomKind.Func)
            && (Func)A(j - 1).Value is Func.For or Func.In or Func.After or Func.Within)
        {
            c.End = k + 1;
            c.Type = TimexType.Duration;
            c.Value = "PXX";
            return true;
        }
        // "two and a half years", "2 1/2 years"
        bool half = false;
        if (q > 0 && IsFunc(k, Func.And) && IsFunc(k + 1, Func.A) && IsFunc(k + 2, Func.Half) && Plural(k + 3)) { half = true; k += 3; }
        else if (q > 0 && Is(j, AtomKind.Num) && k < _n && TextOf(k) is "1/2" && Plural(k + 1)) { half = true; k++; }
        // "20 more years", "an additional year", "another two weeks"
        if (q != 0 && (IsFunc(k, Func.More) || IsFunc(k, Func.Additional)) && Is(k + 1, AtomKind.Unit)) k++;
        if (Is(k, AtomKind.Hyphen)) k++;
        var unit = UnitAt(k);
        if (unit is Unit.None or Unit.Weekend) return false;
        bool plural = Plural(k);
        // "three-quarters", "a quarter of": fractions, not time.
        if (unit == Unit.Quarter && (plural && A(k).Joined || IsFunc(j, Func.A) || IsFunc(k + 1, Func.Of))) return false;
        // "a year" needs the singular, "three years" the plural (number words) — but "two-year", "16-hour" are singular.
        if (q == 1 && plural && !half) return false;
        if (unit == Unit.Second && !plural) return false;
        int end = k + 1;
        // "a year and a half", "an hour and a half"
        if (!half && q > 0 && !plural == (q == 1) && IsFunc(end, Func.And) && IsFunc(end + 1, Func.A) && IsFunc(end + 2, Func.Half)
            && HalfDuration(unit, q) is not null)
        {
            half = true;
            end += 3;
        }
        if (half)
        {
            if (HalfDuration(unit, q) is not { } hv) return false;
            c.Quantified = true;
            c.End = end;
            c.Type = TimexType.Duration;
            c.Value = hv;
            return true;
        }
        // "the Ninth Five-Year Plan", "the Six-Day War": part of a name, not a time.
        if (A(j).Cap && A(k).Joined && A(k).Cap && end < _n && A(end).Cap && A(end).Kind is AtomKind.Other or AtomKind.Unclassified or AtomKind.Tense) return false;
        // "50-year-old": not a time
        if (end < _n && (Touching(end) || A(end).Joined) && TextOf(end).StartsWith("old", StringComparison.OrdinalIgnoreCase)) return false;
        if (end < _n && Is(end, AtomKind.Hyphen) && end + 1 < _n && TextOf(end + 1).StartsWith("old", StringComparison.OrdinalIgnoreCase)) return false;
        // "52 years old": an age.
        if (end < _n && TextOf(end).Equals("old", StringComparison.OrdinalIgnoreCase)) return false;
        // "a week or so ago", "two years or more ago": one expression (HeidelTime's date_r19, TIDES' extent rule).
        if (IsFunc(end, Func.Or) && end + 2 < _n && (TextOf(end + 1) is "so" || IsFunc(end + 1, Func.More)) && IsRel(end + 2, Rel.Ago)) end += 2;
        c.Quantified = true;
        // "$5 a year", "four flights a week": a rate, not a time.
        if (q == 1 && (IsFunc(j, Func.A) || IsFunc(j, Func.An)) && j > 0 && A(j - 1).Kind is AtomKind.Num or AtomKind.Other or AtomKind.NumWord
            && !IsRel(end, Rel.Ago) && !IsRel(end, Rel.Earlier) && !Adverb(j - 1))
            return false;
        if (IsRel(end, Rel.Ago) || IsRel(end, Rel.Earlier) && !Touching(end))
        {
            c.End = end + 1;
            c.Type = TimexType.Date;
            c.Value = q < 0 ? "PAST_REF" : Shift(unit, -q);
            // "a day earlier", "two weeks earlier": before the day the narrative stands at.
            if (q > 0 && IsRel(end, Rel.Earlier) && (unit == Unit.Day && q <= 300 || unit == Unit.Week && q <= 40))
                c.Value = unit == Unit.Day ? TimexValues.Day(RefDay(j, DayWindow).AddDays(-q)) : TimexValues.Week(RefDay(j, DayWindow).AddDays(-7 * q));
            // "a year earlier" after a quarter: the same quarter a year before (the quarter is the reference time).
            if (q == 1 && unit == Unit.Year && RecentQuarter(j)) { c.Value = TimexValues.Quarter(_quarterYear - 1, _quarterIndex); c.Anaphoric = true; }
            return true;
        }
        // "two weeks hence", "a year from now"; "a week from today", "two days from tomorrow": the day that many days after it.
        Deictic? from = IsFunc(end, Func.From) && Is(end + 1, AtomKind.Deictic) ? (Deictic)A(end + 1).Value : null;
        bool fromDay = q > 0 && from is Deictic.Today or Deictic.Tomorrow && unit is Unit.Day or Unit.Week;
        if (IsRel(end, Rel.Hence) || from == Deictic.Now || fromDay)
        {
            c.End = from is null ? end + 1 : end + 2;
            c.Type = TimexType.Date;
            c.Value = q < 0 ? "FUTURE_REF"
                : fromDay ? TimexValues.Day(_dct.AddDays((from == Deictic.Tomorrow ? 1 : 0) + (unit == Unit.Week ? 7 * q : q)))
                : Shift(unit, q);
            return true;
        }
        c.End = end;
        c.Type = TimexType.Duration;
        c.Value = Duration(unit, q);
        // "in two weeks" in a future clause: the date it points to.
        int p = j - 1;
        if (q > 0 && IsFunc(p, Func.In) && !IsFunc(j, Func.A) && TenseAround(p, end) == TenseMark.Future
            && unit is Unit.Day or Unit.Week or Unit.Month or Unit.Year && !AfterSuperlative(p))
        {
            // The preposition stays out of the extent (TimeML): "in [two weeks]".
            c.Type = TimexType.Date;
            c.Value = unit switch
            {
                Unit.Day => TimexValues.Day(_dct.AddDays(q)),
                Unit.Week => TimexValues.Day(_dct.AddDays(7 * q)),
                Unit.Month => Shift(Unit.Month, q),
                _ => Shift(Unit.Year, q),
            };
        }
        return true;
    }

    /// <summary>
    /// "the first in [five years]", "the highest level in [six months]", "for the first time in [20 years]": a span the
    /// superlative or ordinal before "in" is measured over (a duration), not a date ahead, whatever the clause's tense.
    /// Looked for among the few words before "in", within its clause and with no tense word between.
    /// </summary>
    private readonly bool AfterSuperlative(int inAt)
    {
        for (int k = inAt - 1; k >= 0 && k >= inAt - 8; k--)
        {
            // A verb between them ("the first shipment will arrive in two weeks") makes "in" the verb's, not the superlative's.
            if (A(k).Kind is AtomKind.Comma or AtomKind.Dot or AtomKind.Boundary or AtomKind.Tense) return false;
            if (A(k).Kind == AtomKind.Ordinal) return true; // "the first", "the third ... in"
            var w = TextOf(k);
            foreach (var s in Superlatives)
                if (w.Equals(s, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    private static readonly string[] Superlatives =
    [
        "only", "highest", "lowest", "largest", "biggest", "smallest", "worst", "best", "strongest", "weakest",
        "fastest", "slowest", "greatest", "deepest", "longest", "heaviest", "sharpest", "steepest", "most", "least", "fewest",
    ];

    /// <summary>n and a half units as a TIMEX3 duration ("P2Y6M", "PT1H30M", "PT30M" for n = 0); null for units it does not split.</summary>
    private static string? HalfDuration(Unit u, int n)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        return u switch
        {
            Unit.Year => n > 0 ? $"P{n.ToString(inv)}Y6M" : "P6M",
            Unit.Month => n > 0 ? $"P{n.ToString(inv)}M15D" : "P15D",
            Unit.Day => n > 0 ? $"P{n.ToString(inv)}DT12H" : "PT12H",
            Unit.Hour => n > 0 ? $"PT{n.ToString(inv)}H30M" : "PT30M",
            Unit.Minute => n > 0 ? $"PT{n.ToString(inv)}M30S" : "PT30S",
            Unit.Decade => $"P{(10 * n + 5).ToString(inv)}Y",
            Unit.Century => $"P{(100 * n + 50).ToString(inv)}Y",
            _ => null,
        };
    }

    /// <summary>"half an hour", "half a century".</summary>
    private readonly bool HalfCore(int j, ref Core c)
    {
        int k = j + 1;
        if (!(IsFunc(k, Func.A) || IsFunc(k, Func.An)) || Plural(k + 1) || HalfDuration(UnitAt(k + 1), 0) is not { } v) return false;
        c.End = k + 2;
        c.Type = TimexType.Duration;
        c.Value = v;
        c.Quantified = true;
        return true;
    }

    /// <summary>A frequency: "once a week", "twice a year", "three times a month" (k: the atom of "times", or 0 for once/twice).</summary>
    private readonly bool FrequencyCore(int j, int k, ref Core c)
    {
        int a = k == 0 ? j + 1 : k + 1;
        if (!(IsFunc(a, Func.A) || IsFunc(a, Func.An) || Is(a, AtomKind.SetWord) && (SetWord)A(a).Value is SetWord.Every or SetWord.Each)
            || !Is(a + 1, AtomKind.Unit) || Plural(a + 1) || UnitAt(a + 1) is Unit.Weekend or Unit.Half)
            return false;
        c.End = a + 2;
        c.Type = TimexType.Set;
        c.Value = Duration(UnitAt(a + 1), 1);
        return true;
    }

    private readonly bool FiscalCore(int j, ref Core c)
    {
        int k = j + 1;
        if (Is(k, AtomKind.Num) && A(k).Digits == 4 && A(k).Value is >= 1900 and <= 2100)
        {
            c.End = k + 1;
            c.Type = TimexType.Date;
            c.Value = TimexValues.Year(A(k).Value);
            return true;
        }
        if (Is(k, AtomKind.Ordinal) || Is(k, AtomKind.Rel)) return ParseCore(k, true, out c) && SetStart(ref c, j);
        if (UnitAt(k) == Unit.Year && !Plural(k))
        {
            c.End = k + 1;
            c.Type = TimexType.Date;
            c.Value = TimexValues.Year(_dct.Year);
            c.IncludesThe = true;
            return true;
        }
        return false;
    }

    private static bool SetStart(ref Core c, int start)
    {
        c.Start = start;
        c.IncludesThe = true;
        return true;
    }

    /// <summary>"third quarter", "the first half", "fourth-quarter", "the first nine months", "the third quarter of 1990".</summary>
    private readonly bool OrdinalCore(int j, bool the, ref Core c)
    {
        int q = Math.Max(1, A(j).Value);
        int k = j + 1;
        if (Is(k, AtomKind.Hyphen)) k++;
        var unit = IsFunc(k, Func.Half) ? Unit.Half : UnitAt(k);
        if (unit is Unit.Quarter or Unit.Half && !Plural(k))
        {
            int idx = unit == Unit.Quarter ? Math.Min(q, 4) : Math.Min(q, 2);
            int end = k + 1;
            int year;
            if (IsFunc(end, Func.Of) && Is(end + 1, AtomKind.Num) && A(end + 1).Digits == 4) { year = A(end + 1).Value; end += 2; }
            // "the first half of this year", "the fourth quarter of last year"
            else if (IsFunc(end, Func.Of) && Is(end + 1, AtomKind.Rel) && (Rel)A(end + 1).Value is Rel.This or Rel.Last or Rel.Next or Rel.Current
                && UnitAt(end + 2) == Unit.Year && !Plural(end + 2) && !A(end + 2).Possessive)
            {
                year = _dct.Year + (Rel)A(end + 1).Value switch { Rel.Last => -1, Rel.Next => 1, _ => 0 };
                end += 3;
            }
            else if (Is(end, AtomKind.Num) && A(end).Digits == 4 && A(end).Value is >= 1900 and <= 2100 && !Touching(end)) { year = A(end).Value; end++; }
            else
            {
                year = _dct.Year;
                int current = unit == Unit.Quarter ? (_dct.Month - 1) / 3 + 1 : (_dct.Month - 1) / 6 + 1;
                var tense = TenseAround(j, end);
                if (tense != TenseMark.Future && idx > current) year--;
            }
            c.End = end;
            c.Type = TimexType.Date;
            c.Value = unit == Unit.Quarter ? TimexValues.Quarter(year, idx) : TimexValues.Half(year, idx);
            c.IncludesThe = true;
            return true;
        }
        // "the first nine months", "the first two years"
        if ((the || j > 0 && Is(j - 1, AtomKind.Func)) && Quantity(k, out int n, out int u) && n > 1 && UnitAt(u) is not Unit.None && Plural(u))
        {
            // "the first two quarters of 1990": that year's first half.
            if (UnitAt(u) == Unit.Quarter && n == 2 && A(j).Value == 1 && IsFunc(u + 1, Func.Of) && Is(u + 2, AtomKind.Num)
                && A(u + 2).Digits == 4 && A(u + 2).Value is >= 1000 and <= 2999)
            {
                c.End = u + 3;
                c.Type = TimexType.Date;
                c.Value = TimexValues.Half(A(u + 2).Value, 1);
                c.IncludesThe = true;
                return true;
            }
            c.End = u + 1;
            c.Type = TimexType.Duration;
            c.Value = Duration(UnitAt(u), n);
            c.IncludesThe = true;
            return true;
        }
        return false;
    }

    /// <summary>"last" as a verb: after a modal, an auxiliary or "to" ("the trial could last months", "will last one day").</summary>
    private readonly bool VerbLast(int k)
    {
        if (!IsRel(k, Rel.Last) || k == 0 || A(k).Cap) return false;
        // "to last year's levels", "could last night": the adjective before a single unit or a named time.
        if (Is(k + 1, AtomKind.Unit) && !Plural(k + 1) || k + 1 < _n && A(k + 1).Kind is AtomKind.Weekday or AtomKind.Month or AtomKind.Season
            or AtomKind.PartOfDay or AtomKind.Holiday) return false;
        return ModalOrTo(k - 1) || TextOf(k - 1) is "usually" or "often";
    }

    private readonly bool RelCore(int j, bool the, ref Core c)
    {
        var rel = (Rel)A(j).Value;
        if (VerbLast(j)) return false;
        int k = j + 1;
        c.Type = TimexType.Date;
        c.IncludesThe = true;
        // "the last-minute effort": an adjective; ABC's "This Week": a title-cased name inside its sentence.
        if (Is(k, AtomKind.Unit) && (A(k).Joined || Is(k, AtomKind.Hyphen)) && UnitAt(k) is Unit.Minute or Unit.Second) return false;
        if (Is(k, AtomKind.Hyphen) && UnitAt(k + 1) is Unit.Minute or Unit.Second) return false;
        if (A(j).Cap && MidSentence(j) && k < _n && A(k).Cap && Is(k, AtomKind.Unit) && TextOf(k).Length > 1 && char.IsLower(TextOf(k)[1])) return false;
        // "this past weekend", "this past Sunday": the last one.
        if (rel == Rel.This && IsRel(k, Rel.Past))
        {
            if (UnitAt(k + 1) is Unit.Week or Unit.Weekend or Unit.Month or Unit.Year && !Plural(k + 1))
            {
                c.End = k + 2;
                c.Value = Shift(UnitAt(k + 1), -1);
                c.IncludesThe = false;
                return true;
            }
            if (Is(k + 1, AtomKind.Weekday) && A(k + 1).Cap && WeekdayCore(k + 1, -1, ref c))
            {
                c.Start = j;
                c.IncludesThe = false;
                return true;
            }
            return false;
        }
        switch (rel)
        {
            case Rel.Earlier or Rel.Later when IsFunc(k, Func.In) && IsFunc(k + 1, Func.The) && UnitAt(k + 2) is Unit.Year or Unit.Month or Unit.Week && !Plural(k + 2):
                // "earlier in the year"
                c.End = k + 3;
                c.Value = Shift(UnitAt(k + 2), 0);
                return true;
            case Rel.Earlier or Rel.Later:
                // "earlier this year", "later this month", "earlier that day"
                if (Is(k, AtomKind.Rel) && (Rel)A(k).Value is Rel.This or Rel.Next or Rel.Last && RelCore(k, false, ref c) && c.Type is TimexType.Date or TimexType.Time
                    // "earlier that day", "later that week"
                    || IsFunc(k, Func.That) && ThatCore(k, ref c)
                    // "earlier yesterday", "later today", "earlier Sunday"
                    || Is(k, AtomKind.Deictic) && (Deictic)A(k).Value is Deictic.Today or Deictic.Yesterday or Deictic.Tomorrow && DeicticCore(k, false, ref c)
                    || Is(k, AtomKind.Weekday) && A(k).Cap && WeekdayCore(k, 0, ref c))
                {
                    c.Start = j;
                    c.IncludesThe = false;
                    c.Mod = rel == Rel.Earlier ? "START" : "END";
                    return true;
                }
                return false;
            case Rel.Past when the && !Quantity(k, out _, out _) && UnitAt(k) == Unit.None:
                c.End = k;
                c.Value = "PAST_REF";
                return true;
        }
        // rel + quantity + plural unit: "the past two months", "the next five years", "the last few days"
        if (rel is Rel.Last or Rel.Past or Rel.Next or Rel.Coming or Rel.Previous or Rel.Following or Rel.Recent
            && Quantity(k, out int q, out int ku) && !(q == 1 && IsFunc(k, Func.A)))
        {
            if (Is(ku, AtomKind.Hyphen)) ku++;
            var unit = UnitAt(ku);
            if (unit != Unit.None && (Plural(ku) || q == 1))
            {
                c.End = ku + 1;
                c.Type = TimexType.Duration;
                c.Value = q < 0 && rel is Rel.Last or Rel.Past or Rel.Previous ? "PAST_REF" : Duration(unit, q);
                if (c.Value == "PAST_REF") c.Type = TimexType.Date;
                c.Quantified = true;
                return true;
            }
            return false;
        }
        // "the last half of 1989", "the last quarter of 1998"
        if (rel == Rel.Last && (IsFunc(k, Func.Half) || UnitAt(k) == Unit.Quarter && !Plural(k)) && IsFunc(k + 1, Func.Of)
            && Is(k + 2, AtomKind.Num) && A(k + 2).Digits == 4 && A(k + 2).Value is >= 1000 and <= 2999)
        {
            c.End = k + 3;
            c.Value = IsFunc(k, Func.Half) ? TimexValues.Half(A(k + 2).Value, 2) : TimexValues.Quarter(A(k + 2).Value, 4);
            return true;
        }
        var u2 = UnitAt(k);
        if (u2 != Unit.None)
        {
            bool plural = Plural(k);
            c.End = k + 1;
            // "next year's first quarter", "last year's quarter": a quarter of that year.
            if (u2 == Unit.Year && !plural && A(k).Possessive && rel is Rel.Last or Rel.Next or Rel.This or Rel.Previous or Rel.Coming)
            {
                int yr = _dct.Year + rel switch { Rel.Last or Rel.Previous => -1, Rel.Next or Rel.Coming => 1, _ => 0 };
                if (Is(k + 1, AtomKind.Ordinal) && UnitAt(k + 2) is Unit.Quarter or Unit.Half && !Plural(k + 2))
                {
                    int idx = A(k + 1).Value;
                    c.End = k + 3;
                    c.Value = UnitAt(k + 2) == Unit.Quarter ? TimexValues.Quarter(yr, Math.Clamp(idx, 1, 4)) : TimexValues.Half(yr, Math.Clamp(idx, 1, 2));
                    return true;
                }
                if (UnitAt(k + 1) == Unit.Quarter && !Plural(k + 1) && RecentQuarter(j))
                {
                    c.End = k + 2;
                    c.Value = TimexValues.Quarter(yr, _quarterIndex);
                    c.Anaphoric = true;
                    return true;
                }
            }
            if (plural)
            {
                // "past years", "recent years": the vague past; "coming months", "upcoming quarters": the vague future.
                if (rel is Rel.Past || rel is Rel.Recent && u2 == Unit.Year)
                {
                    c.Value = "PAST_REF";
                    return true;
                }
                if (rel is Rel.Coming or Rel.Upcoming && u2 is Unit.Month or Unit.Quarter or Unit.Year)
                {
                    c.Value = "FUTURE_REF";
                    return true;
                }
                if (rel is Rel.Recent or Rel.Last or Rel.Coming or Rel.Next or Rel.Upcoming or Rel.Following)
                {
                    c.Type = TimexType.Duration;
                    c.Value = Duration(u2, -1);
                    return true;
                }
                return false;
            }
            switch (rel)
            {
                // Anchored on the narrative: "the next day", "the following year", "the previous month", "the same week".
                case Rel.Following or Rel.Previous or Rel.Prior or Rel.Same when u2 is Unit.Day or Unit.Week or Unit.Month or Unit.Year:
                    return Anchored(j, u2, rel switch { Rel.Following => 1, Rel.Same => 0, _ => -1 }, ref c);
                case Rel.Next when u2 == Unit.Day:
                    return Anchored(j, u2, 1, ref c);
                case Rel.Last or Rel.Previous or Rel.Prior:
                    c.Value = Shift(u2, -1); return true;
                // "over the past year": the year before the article's (as TimeBank reads it); "the past month" a month's span.
                case Rel.Past when u2 == Unit.Year && the:
                    c.Value = Shift(u2, -1);
                    return true;
                case Rel.Past:
                    c.Type = TimexType.Duration;
                    c.Value = Duration(u2, 1);
                    return true;
                case Rel.Next or Rel.Coming or Rel.Following or Rel.Upcoming:
                    c.Value = Shift(u2, 1); return true;
                case Rel.This or Rel.Current:
                    c.Value = Shift(u2, 0); return true;
                case Rel.Latest when u2 == Unit.Quarter:
                    c.Value = RecentQuarter(j) ? TimexValues.Quarter(_quarterYear, _quarterIndex) : Shift(u2, -1); c.Anaphoric = true; return true;
                default: return false;
            }
        }
        // "the latest period": the quarter under discussion.
        if (rel == Rel.Latest && k < _n && TextOf(k) is "period")
        {
            c.End = k + 1;
            c.Value = RecentQuarter(j) ? TimexValues.Quarter(_quarterYear, _quarterIndex) : Shift(Unit.Quarter, -1);
            c.Anaphoric = true;
            return true;
        }
        // "the previous Friday", "the following Monday", "the next morning": from the day the narrative stands at.
        if (rel is Rel.Following or Rel.Previous or Rel.Prior || rel == Rel.Next && the)
        {
            var anchor = RefDay(j, DayWindow);
            if (Is(k, AtomKind.Weekday) && A(k).Cap)
            {
                var dow = (DayOfWeek)A(k).Value;
                int back = ((int)anchor.DayOfWeek - (int)dow + 7) % 7, forward = ((int)dow - (int)anchor.DayOfWeek + 7) % 7;
                var date = rel is Rel.Previous or Rel.Prior ? anchor.AddDays(back == 0 ? -7 : -back) : anchor.AddDays(forward == 0 ? 7 : forward);
                c.End = k + 1;
                c.Value = TimexValues.Day(date);
                PartOfDayAfter(ref c);
                return true;
            }
            if (Is(k, AtomKind.PartOfDay) && !Plural(k) && A(k).Value <= 3 && rel is not (Rel.Previous or Rel.Prior))
            {
                c.End = k + 1;
                c.Type = TimexType.Time;
                c.Value = TimexValues.Day(anchor.AddDays(1)) + PartOfDayCode(A(k).Value);
                return true;
            }
        }
        // "the current weakness", "current realities": the present (HeidelTime's date words); not "current account", "the
        // current of the river", "current fiscal year" (the year is the expression).
        if (rel == Rel.Current && k < _n && A(k).Kind is AtomKind.Other or AtomKind.Unclassified && !Touching(k)
            && !TextOf(k).Equals("account", StringComparison.OrdinalIgnoreCase) && !TextOf(k).Equals("accounts", StringComparison.OrdinalIgnoreCase))
        {
            c.End = j + 1;
            c.Value = "PRESENT_REF";
            c.IncludesThe = false;
            return true;
        }
        int r = rel switch { Rel.Last or Rel.Previous => -1, Rel.Next or Rel.Coming => 1, Rel.This => 2, _ => 99 };
        if (r == 99) return false;
        c.IncludesThe = false;
        switch (A(k).Kind)
        {
            case AtomKind.Weekday when A(k).Cap:
                if (!WeekdayCore(k, r, ref c)) return false;
                c.Start = j;
                return true;
            case AtomKind.Month when A(k).Cap:
                if (!MonthCore(k, r, ref c)) return false;
                c.Start = j;
                return true;
            case AtomKind.Season:
                return SeasonCore(k, true, r, ref c) && SetStart(ref c, j);
            case AtomKind.Holiday:
                return HolidayCore(k, r, ref c) && SetStart(ref c, j);
            case AtomKind.PartOfDay when !Plural(k):
                {
                    int pod = A(k).Value;
                    var day = r == -1 && pod == 3 ? _dct.AddDays(-1) : r == 1 ? _dct.AddDays(1) : _dct;
                    if (r == -1 && pod != 3) return false;
                    c.End = k + 1;
                    c.Type = TimexType.Time;
                    c.Value = TimexValues.Day(day) + PartOfDayCode(pod);
                    return true;
                }
        }
        return false;
    }

    /// <summary>A bare unit: "the year", "the quarter", "the week", "year-earlier", "year-end"; a bare plural after a
    /// preposition: "for years", "within weeks", "in hours".</summary>
    private readonly bool UnitCore(int j, bool the, ref Core c)
    {
        var unit = UnitAt(j);
        // "its quarter-century low": a quarter of a century, not a quarter of the year.
        if (unit == Unit.Quarter && (UnitAt(j + 1) == Unit.Century && A(j + 1).Joined || Is(j + 1, AtomKind.Hyphen) && UnitAt(j + 2) == Unit.Century)) return false;
        if (A(j).Cap && j > 0 && A(j - 1).Cap && !the && NamedDayCore(j, 0, ref c)) return true;
        if (Plural(j))
        {
            // "in the weeks ahead", "the months ahead": a vague span to come.
            if (the && j >= 1 && IsFunc(j - 1, Func.The) && IsFunc(j + 1, Func.Ahead) && unit is Unit.Day or Unit.Week or Unit.Month or Unit.Year)
            {
                c.End = j + 2;
                c.Type = TimexType.Duration;
                c.Value = Duration(unit, -1);
                c.IncludesThe = true;
                return true;
            }
            // "over the years", "over the decades"
            if (the && j >= 2 && IsFunc(j - 1, Func.The) && IsFunc(j - 2, Func.Over) && unit is Unit.Year or Unit.Decade && !IsFunc(j + 1, Func.Of))
            {
                c.End = j + 1;
                c.Type = TimexType.Duration;
                c.Value = Duration(unit, -1);
                c.IncludesThe = true;
                return true;
            }
            // "years ago", "decades ago": the vague past; "hours later", "days earlier": a vague span (TimeML leaves the
            // "later" out, as in "[three days] later").
            if (!the && unit is not (Unit.Weekend or Unit.Quarter or Unit.Second or Unit.Half) && !A(j).Joined
                && !(j > 0 && Is(j - 1, AtomKind.Func) && (Func)A(j - 1).Value is Func.Of or Func.The or Func.Its or Func.These))
            {
                if (IsRel(j + 1, Rel.Ago))
                {
                    c.End = j + 2;
                    c.Type = TimexType.Date;
                    c.Value = "PAST_REF";
                    return true;
                }
                if ((IsRel(j + 1, Rel.Later) || IsRel(j + 1, Rel.Earlier)) && !Touching(j + 1))
                {
                    c.End = j + 1;
                    c.Type = TimexType.Duration;
                    c.Value = Duration(unit, -1);
                    return true;
                }
            }
            if (the || j == 0 || !(Is(j - 1, AtomKind.Func) && (Func)A(j - 1).Value is Func.For or Func.Within or Func.In or Func.Over or Func.Throughout || VerbLast(j - 1))
                || unit is Unit.Weekend or Unit.Quarter or Unit.Second || IsFunc(j + 1, Func.Of) || IsRel(j + 1, Rel.Ago) || A(j).Joined)
                return false;
            c.End = j + 1;
            c.Type = TimexType.Duration;
            c.Value = Duration(unit, -1);
            return true;
        }
        c.Type = TimexType.Date;
        int k = j + 1;
        if (Is(k, AtomKind.Rel) && A(k).Joined && (Rel)A(k).Value is Rel.Earlier or Rel.Ago && unit is Unit.Year or Unit.Month or Unit.Quarter or Unit.Week)
        {
            c.End = k + 1;
            c.Value = Shift(unit, -1);
            if (unit == Unit.Year && RecentQuarter(j)) { c.Value = TimexValues.Quarter(_quarterYear - 1, _quarterIndex); c.Anaphoric = true; }
            c.IncludesThe = true;
            // "the year-ago quarter", "the year-earlier period": the last reported quarter, a year before.
            if (unit == Unit.Year && (UnitAt(k + 1) == Unit.Quarter && !Plural(k + 1) || k + 1 < _n && TextOf(k + 1) is "period"))
            {
                c.End = k + 2;
                c.Value = RecentQuarter(j) ? TimexValues.Quarter(_quarterYear - 1, _quarterIndex) : Shift(Unit.Quarter, -5);
                c.Anaphoric = true;
            }
            return true;
        }
        // "year-end", and "by year end", "before year's end"
        if (IsEdge(k, Edge.End) && unit == Unit.Year && (A(k).Joined
            || !the && j > 0 && Is(j - 1, AtomKind.Func) && (Func)A(j - 1).Value is Func.By or Func.At or Func.Around or Func.Before or Func.Until or Func.Since or Func.After
                && !Is(k + 1, AtomKind.Unit) && !(k + 1 < _n && A(k + 1).Kind == AtomKind.Other && char.IsLower(_text[A(k + 1).Start]))))
        {
            c.End = k + 1;
            c.Value = Shift(unit, 0);
            c.Mod = "END";
            return true;
        }
        if (!the) return false;
        // "the year 2000", "the year two thousand"
        if (unit == Unit.Year && Is(k, AtomKind.Num) && A(k).Digits == 4)
        {
            c.End = k + 1;
            c.Value = TimexValues.Year(A(k).Value);
            c.IncludesThe = true;
            return true;
        }
        if (unit == Unit.Year && SpelledYear(k, out int spelled, out int spelledEnd))
        {
            c.End = spelledEnd;
            c.Value = TimexValues.Year(spelled);
            c.IncludesThe = true;
            return true;
        }
        // "the week before", "the year after" (not "the week before the vote"): from the narrative's reference time.
        if (unit is Unit.Week or Unit.Month or Unit.Year && !A(j).Possessive && (IsFunc(k, Func.Before) || IsFunc(k, Func.After))
            && (k + 1 >= _n || A(k + 1).Kind is AtomKind.Boundary or AtomKind.Comma or AtomKind.Dot))
        {
            c.End = k + 1;
            c.IncludesThe = true;
            return Anchored(j, unit, IsFunc(k, Func.Before) ? -1 : 1, ref c);
        }
        // "the end of the year" / "the year": the current one; "the quarter": the last one reported.
        if (IsFunc(k, Func.Of) || Is(k, AtomKind.Num) || Is(k, AtomKind.Hyphen) || A(j).Possessive && unit != Unit.Year) return false;
        c.End = k;
        c.IncludesThe = true;
        switch (unit)
        {
            case Unit.Year:
                if (j >= 2 && (IsFunc(j - 2, Func.For) || IsFunc(j - 2, Func.In) || IsFunc(j - 2, Func.During) || IsFunc(j - 2, Func.Over)) && IsFunc(j - 1, Func.The))
                {
                    c.Type = TimexType.Duration;
                    c.Value = "P1Y";
                    return true;
                }
                c.Value = Shift(unit, 0); return true;
            case Unit.Month: c.Value = Shift(unit, 0); return true;
            case Unit.Week: c.Value = Shift(unit, 0); return true;
            case Unit.Quarter: c.Value = RecentQuarter(j) ? TimexValues.Quarter(_quarterYear, _quarterIndex) : Shift(unit, -1); c.Anaphoric = true; return true;
            case Unit.Day:
                // "the day before yesterday", "the day after tomorrow": two days from the article date.
                if (IsFunc(k, Func.Before) && Is(k + 1, AtomKind.Deictic) && (Deictic)A(k + 1).Value == Deictic.Yesterday
                    || IsFunc(k, Func.After) && Is(k + 1, AtomKind.Deictic) && (Deictic)A(k + 1).Value == Deictic.Tomorrow)
                {
                    c.End = k + 2;
                    c.Value = TimexValues.Day(_dct.AddDays(IsFunc(k, Func.Before) ? -2 : 2));
                    return true;
                }
                // "the day before", "the day after" (not "the day before the vote"): from the day the narrative stands at.
                if ((IsFunc(k, Func.Before) || IsFunc(k, Func.After)) && (k + 1 >= _n || A(k + 1).Kind is AtomKind.Boundary or AtomKind.Comma or AtomKind.Dot))
                {
                    c.End = k + 1;
                    return Anchored(j, unit, IsFunc(k, Func.Before) ? -1 : 1, ref c);
                }
                // "later in the day", "during the day"
                if (j >= 2 && IsFunc(j - 1, Func.The) && (IsFunc(j - 2, Func.In) || IsFunc(j - 2, Func.During) || IsFunc(j - 2, Func.Throughout)) && !A(j).Possessive)
                    return Anchored(j, unit, 0, ref c);
                return false;
            case Unit.Weekend:
                {
                    var tense = TenseAround(j, k);
                    c.Value = tense == TenseMark.Future || _dct.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? Shift(unit, 0) : Shift(unit, -1);
                    return true;
                }
            default: return false;
        }
    }

    private static readonly string[] SeasonCodes = ["SP", "SU", "FA", "WI"];

    private readonly bool SeasonCore(int j, bool anchored, int rel, ref Core c)
    {
        int s = A(j).Value;
        int k = j + 1;
        int p = j - 1;
        bool ok = anchored || rel != 0 || p >= 0 && (Is(p, AtomKind.Func) && (Func)A(p).Value is Func.In or Func.During or Func.Since
            or Func.Until or Func.By or Func.Through or Func.Of or Func.The || Is(p, AtomKind.Edge) || Is(p, AtomKind.Rel));
        c.Type = TimexType.Date;
        c.IncludesThe = true;
        if (IsFunc(k, Func.Of) && Is(k + 1, AtomKind.Num) && A(k + 1).Digits == 4) k++;
        // "the winter of nineteen ninety-four"
        if (SpelledYear(IsFunc(k, Func.Of) ? k + 1 : k, out int spelled, out int spelledEnd))
        {
            c.End = spelledEnd;
            c.Value = $"{TimexValues.Year(spelled)}-{SeasonCodes[s]}";
            return true;
        }
        if (Is(k, AtomKind.Num) && A(k).Digits == 4 && A(k).Value is >= 1900 and <= 2100)
        {
            c.End = k + 1;
            c.Value = $"{TimexValues.Year(A(k).Value)}-{SeasonCodes[s]}";
            return true;
        }
        if (!ok || j < _n && !A(j).Cap && A(j).Value == 2 && !(p >= 0 && (Is(p, AtomKind.Rel) || IsFunc(p, Func.The) || Is(p, AtomKind.Edge))))
            return false;
        // "the Spring Festival", "the Summer Olympics", "the Winter Palace": a name, not the season.
        if (A(j).Cap && k < _n && A(k).Cap && !Touching(k) && A(k).Kind is AtomKind.Other or AtomKind.Unclassified) return false;
        int current = _dct.Month switch { 3 or 4 or 5 => 0, 6 or 7 or 8 => 1, 9 or 10 or 11 => 2, _ => 3 };
        int year = _dct.Year;
        // The seasons in order: January and February are still the winter that began the year before.
        int now = (_dct.Month <= 2 ? _dct.Year - 1 : _dct.Year) * 4 + current;
        if (rel == -1) { year = (now - 1 - s) / 4; year = (year * 4 + s < now ? year : year - 1); }
        else if (rel == 1) { year = (now + 1 - s + 3) / 4; year = (year * 4 + s > now ? year : year + 1); }
        else if (rel == 0)
        {
            var tense = TenseAround(j, k);
            if (tense == TenseMark.Past && s > current) year--;
            else if (tense == TenseMark.Future && s < current) year++;
        }
        c.End = k;
        c.Value = $"{TimexValues.Year(year)}-{SeasonCodes[s]}";
        return true;
    }

    private readonly bool DecadeCore(int j, ref Core c)
    {
        ref readonly var a = ref A(j);
        c.End = j + 1;
        c.Type = TimexType.Date;
        c.IncludesThe = true;
        if (a.Digits == 4) { c.Value = a.Value.ToString("D3", System.Globalization.CultureInfo.InvariantCulture); return true; }
        if (a.Digits == 0)
        {
            // "the nineties": only with "the" or an edge word before it.
            if (j == 0 || !(IsFunc(j - 1, Func.The) || Is(j - 1, AtomKind.Edge))) return false;
            c.Value = $"19{a.Value / 10}";
            return true;
        }
        int century = a.Value >= 30 ? 19 : 20;
        c.Value = $"{century}{a.Value / 10}";
        return true;
    }

    private readonly bool SetCore(int j, ref Core c)
    {
        var s = (SetWord)A(j).Value;
        c.End = j + 1;
        c.Type = TimexType.Set;
        if (s >= SetWord.Weekdays)
        {
            // "on Sundays", "Fridays": every such day (TimeML XXXX-WXX-7); "Tuesdays and Thursdays" are two sets.
            if (!A(j).Cap) return false;
            int dow = s - SetWord.Weekdays;
            c.Value = $"XXXX-WXX-{(dow == 0 ? 7 : dow)}";
            return true;
        }
        switch (s)
        {
            case SetWord.Daily or SetWord.Nightly: c.Value = "P1D"; return true;
            case SetWord.Weekly: c.Value = "P1W"; return true;
            case SetWord.Monthly: c.Value = "P1M"; return true;
            case SetWord.Quarterly: return false;
            case SetWord.Annually: c.Value = "P1Y"; return true;
            case SetWord.Hourly: c.Value = "PT1H"; return true;
        }
        int k = j + 1;
        if (Is(k, AtomKind.Unit))
        {
            if (Plural(k)) return false;
            c.End = k + 1;
            c.Value = Duration(UnitAt(k), 1);
            return true;
        }
        if (Quantity(k, out int q, out int ku) && q > 1 && Is(ku, AtomKind.Unit))
        {
            c.End = ku + 1;
            c.Value = Duration(UnitAt(ku), q);
            return true;
        }
        if (Is(k, AtomKind.Weekday))
        {
            c.End = k + 1;
            int iso = A(k).Value == 0 ? 7 : A(k).Value;
            c.Value = $"XXXX-WXX-{iso}";
            return true;
        }
        if (Is(k, AtomKind.Month) && A(k).Cap)
        {
            c.End = k + 1;
            c.Value = $"XXXX-{A(k).Value:D2}";
            return true;
        }
        // "every summer": each year's summer (HeidelTime's set_r1d).
        if (Is(k, AtomKind.Season) && s is SetWord.Every or SetWord.Each)
        {
            c.End = k + 1;
            c.Value = "XXXX-" + SeasonCodes[A(k).Value];
            return true;
        }
        // "every other day": every two days.
        if (s == SetWord.Every && k < _n && TextOf(k).Equals("other", StringComparison.OrdinalIgnoreCase) && Is(k + 1, AtomKind.Unit) && !Plural(k + 1)
            && UnitAt(k + 1) is not (Unit.Weekend or Unit.Half))
        {
            c.End = k + 2;
            c.Value = Duration(UnitAt(k + 1), 2);
            return true;
        }
        if (Is(k, AtomKind.PartOfDay) && A(k).Value <= 3)
        {
            c.End = k + 1;
            c.Value = "XXXX-XX-XX" + PartOfDayCode(A(k).Value);
            return true;
        }
        return false;
    }

    private readonly bool HolidayCore(int j, int rel, ref Core c)
    {
        if (!A(j).Cap) return false;
        var h = (Holiday)A(j).Value;
        int k = j + 1;
        bool eve = k < _n && TextOf(k).Equals("Eve", StringComparison.Ordinal);
        if (eve) k++;
        // "Easter Sunday" is Easter; "Easter Monday" the day after (HeidelTime's normHolidayVar).
        int easterShift = 0;
        if (h == Holiday.Easter && Is(k, AtomKind.Weekday) && A(k).Cap && (DayOfWeek)A(k).Value is DayOfWeek.Sunday or DayOfWeek.Monday)
        {
            easterShift = (DayOfWeek)A(k).Value == DayOfWeek.Monday ? 1 : 0;
            k++;
        }
        // "Thanksgiving Day", "Christmas Day"
        if (!eve && h is Holiday.Christmas or Holiday.Thanksgiving && UnitAt(k) == Unit.Day && !Plural(k) && A(k).Cap) k++;
        if (eve && h == Holiday.Christmas) h = Holiday.ChristmasEve;
        return HolidayOn(h, j, k, rel, easterShift, ref c);
    }

    /// <summary>The day of holiday h nearest the article date in the direction rel (-1, 1) or the clause's tense (0).</summary>
    private readonly bool HolidayOn(Holiday h, int first, int end, int rel, int shift, ref Core c)
    {
        int year = _dct.Year;
        var date = HolidayIn(h, year, shift);
        if (rel == -1 && date >= _dct) date = HolidayIn(h, year - 1, shift);
        else if (rel == 1 && date <= _dct) date = HolidayIn(h, year + 1, shift);
        else if (rel == 0)
        {
            var tense = TenseAround(first, end);
            if (tense == TenseMark.Past && date > _dct) date = HolidayIn(h, year - 1, shift);
            else if (tense == TenseMark.Future && date < _dct) date = HolidayIn(h, year + 1, shift);
        }
        c.End = end;
        c.Type = TimexType.Date;
        c.Value = TimexValues.Day(date);
        return true;
    }

    private static DateOnly HolidayIn(Holiday h, int y, int shift) => h switch
    {
        Holiday.Christmas => new DateOnly(y, 12, 25),
        Holiday.ChristmasEve => new DateOnly(y, 12, 24),
        Holiday.Halloween => new DateOnly(y, 10, 31),
        Holiday.Easter => Easter(y).AddDays(shift),
        Holiday.NewYearsDay => new DateOnly(y, 1, 1),
        Holiday.NewYearsEve => new DateOnly(y, 12, 31),
        Holiday.IndependenceDay => new DateOnly(y, 7, 4),
        Holiday.ValentinesDay => new DateOnly(y, 2, 14),
        Holiday.VeteransDay => new DateOnly(y, 11, 11),
        // The first Monday of September; the last Monday of May.
        Holiday.LaborDay => new DateOnly(y, 9, 1).AddDays(((int)DayOfWeek.Monday - (int)new DateOnly(y, 9, 1).DayOfWeek + 7) % 7),
        Holiday.MemorialDay => new DateOnly(y, 5, 31).AddDays(-(((int)new DateOnly(y, 5, 31).DayOfWeek - (int)DayOfWeek.Monday + 7) % 7)),
        _ => Thanksgiving(y),
    };

    /// <summary>Holidays named with "Day" or "Year's": "New Year's Day", "New Year's Eve", "Labor Day", "Memorial Day",
    /// "Independence Day", "Valentine's Day", "Veterans Day" (HeidelTime's fixed holidays). j is the "Year's" or "Day" atom.</summary>
    private readonly bool NamedDayCore(int j, int rel, ref Core c)
    {
        if (j == 0 || !A(j).Cap || Plural(j)) return false;
        var before = TextOf(j - 1);
        Holiday h;
        int end = j + 1;
        if (UnitAt(j) == Unit.Year && A(j).Possessive && before is "New" && end < _n && TextOf(end) is "Day" or "Eve")
        {
            h = TextOf(end) is "Eve" ? Holiday.NewYearsEve : Holiday.NewYearsDay;
            end++;
        }
        else if (UnitAt(j) == Unit.Day)
        {
            switch (before)
            {
                case "Labor" or "Labour": h = Holiday.LaborDay; break;
                case "Memorial": h = Holiday.MemorialDay; break;
                case "Independence": h = Holiday.IndependenceDay; break;
                case "Valentine's" or "Valentine’s": h = Holiday.ValentinesDay; break;
                case "Veterans" or "Veterans'" or "Veteran's": h = Holiday.VeteransDay; break;
                default: return false;
            }
        }
        else return false;
        c.Start = j - 1;
        return HolidayOn(h, j - 1, end, rel, 0, ref c);
    }

    /// <summary>Easter Sunday of a Gregorian year (the anonymous Gregorian computus).</summary>
    internal static DateOnly Easter(int y)
    {
        int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
        return new DateOnly(y, month, day);
    }

    private static DateOnly Thanksgiving(int year)
    {
        var first = new DateOnly(year, 11, 1);
        int toThursday = ((int)DayOfWeek.Thursday - (int)first.DayOfWeek + 7) % 7;
        return first.AddDays(toThursday + 21);
    }

    /// <summary>The day the narrative stands at near atom j: the last day named in this or the <paramref name="window"/>
    /// sentences before, else the article date.</summary>
    private readonly DateOnly RefDay(int j, int window) =>
        Sentence(j) - _refDaySentence >= 0 && Sentence(j) - _refDaySentence <= window ? _refDay : _dct;

    /// <summary>The month (first day) the narrative stands at near atom j, else the article date's.</summary>
    private readonly DateOnly RefMonth(int j, int window) =>
        Sentence(j) - _refMonthSentence >= 0 && Sentence(j) - _refMonthSentence <= window ? new DateOnly(_refMonthYear, _refMonth, 1)
            : new DateOnly(_dct.Year, _dct.Month, 1);

    private readonly int RefYear(int j, int window) =>
        Sentence(j) - _refYearSentence >= 0 && Sentence(j) - _refYearSentence <= window ? _refYear : _dct.Year;

    private const int DayWindow = 6, YearWindow = 10;

    /// <summary>A unit anchored on the reference time: "that day", "the same week" (shift 0), "the next day", "the following
    /// month" (+1), "the previous year", "the day before" (-1).</summary>
    private readonly bool Anchored(int j, Unit unit, int shift, ref Core c)
    {
        c.Type = TimexType.Date;
        switch (unit)
        {
            case Unit.Day: c.Value = TimexValues.Day(RefDay(j, DayWindow).AddDays(shift)); return true;
            case Unit.Week: c.Value = TimexValues.Week(RefDay(j, DayWindow).AddDays(7 * shift)); return true;
            case Unit.Month:
                var m = RefMonth(j, DayWindow).AddMonths(shift);
                c.Value = TimexValues.Month(m.Year, m.Month);
                return true;
            case Unit.Year: c.Value = TimexValues.Year(RefYear(j, YearWindow) + shift); return true;
            default: return false;
        }
    }

    /// <summary>Keeps a named day, month or year as the reference time of what follows.</summary>
    private void Remember(string v, int sentence)
    {
        if (v.Length < 4 || !char.IsAsciiDigit(v[0]) || !char.IsAsciiDigit(v[1]) || !char.IsAsciiDigit(v[2]) || !char.IsAsciiDigit(v[3])) return;
        int y = (v[0] - '0') * 1000 + (v[1] - '0') * 100 + (v[2] - '0') * 10 + (v[3] - '0');
        // Far from the ends of the calendar, so that "the next day" never leaves it.
        if (y is < 1000 or > 2999 || v.Length > 4 && v[4] != '-') return;
        if (TimexValues.Day(v) is { } d)
        {
            _refDay = d;
            _refDaySentence = sentence;
        }
        if (v.Length >= 7 && char.IsAsciiDigit(v[5]) && char.IsAsciiDigit(v[6]) && (v.Length == 7 || v[7] is '-' or 'T'))
        {
            int m = (v[5] - '0') * 10 + (v[6] - '0');
            if (m is >= 1 and <= 12)
            {
                _refMonthYear = y;
                _refMonth = m;
                _refMonthSentence = sentence;
            }
        }
        _refYear = y;
        _refYearSentence = sentence;
    }

    /// <summary>A quarter named in this or the three sentences before atom j.</summary>
    private readonly bool RecentQuarter(int j) => _quarterIndex > 0 && Sentence(j) - _quarterSentence is >= 0 and <= 3;

    private void Emit(int start, int end, Core core)
    {
        var v = core.Value;
        if (!core.Anaphoric && v.Length == 7 && v[4] == '-' && v[5] == 'Q' && int.TryParse(v.AsSpan(0, 4), out int qy))
        {
            _quarterYear = qy;
            _quarterIndex = v[6] - '0';
            _quarterSentence = Sentence(start);
        }
        if (core.Type is TimexType.Date or TimexType.Time) Remember(v, Sentence(start));
        ref readonly var first = ref A(start);
        ref readonly var last = ref A(end - 1);
        DateOnly? due = null;
        if (core.Type is TimexType.Date or TimexType.Time && TimexValues.LastDay(core.Value, core.Mod) is { } lastDay && lastDay >= _dct)
            due = lastDay;
        // TimeML leaves a possessive 's out of the expression: "[Friday]'s vote".
        int endChar = last.Possessive && last.End - 2 > first.Start ? last.End - 2 : last.End;
        _out.Add(new TimeExpression(first.Start, endChar, core.Type, core.Value, core.Mod, due, first.Token, last.Token + 1));
    }
}
