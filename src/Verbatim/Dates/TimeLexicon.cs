using System.Collections.Frozen;

namespace Verbatim.Dates;

/// <summary>What a word (or a part of a hyphenated word, or a number) is to the time tagger.</summary>
internal enum AtomKind : byte
{
    Other, Month, Weekday, Unit, Season, Num, NumWord, Ordinal, Deictic, Rel, Edge, PartOfDay, SetWord, Func,
    AmPm, Zone, Decade, Clock, IsoDate, DayOrdinal, Hyphen, Comma, Dot, Tense, Holiday, Boundary,
    /// <summary>A word that opens or ends a vague time only in a fixed phrase: "at the moment", "the near term", "a while".</summary>
    Vague,
    /// <summary>A word not looked up yet: its shape rules out every time word; it may still be a function or tense word.</summary>
    Unclassified,
}

internal enum Unit { None, Second, Minute, Hour, Day, Week, Weekend, Month, Quarter, Half, Year, Decade, Century }

internal enum Deictic { Today, Yesterday, Tomorrow, Tonight, Now, Currently, Recently, Soon, Nowadays, Previously, Future, Formerly, Lately, Past, Meantime }

internal enum Rel { Last, Next, This, Coming, Past, Previous, Following, Earlier, Later, Ago, Current, Recent, Upcoming, Latest, Prior, Same, Hence, Before }

internal enum Edge { Early, Late, Mid, End, Beginning, Start, Middle, Close }

internal enum Func
{
    The, A, An, Of, In, On, At, By, Before, Until, Since, During, For, Within, Over, Through, From, Few, Several, Couple,
    Some, Many, Fiscal, About, Nearly, Almost, More, Less, Than, Least, Around, Approximately, Roughly, And, Or, To, After,
    Its, Next, Half, Dozen, Near, Past, Up, Every, Each, Than2, Right, Until2, Throughout, Into, Ended, Ending, That, Effective,
    Ahead, Once, Twice, Times, Another, Additional, These, Short, Long,
}

internal enum Vague { Moment, Term, While, Present }

internal enum TenseMark { None, Future, Past, Present }

internal enum SetWord
{
    Daily, Weekly, Monthly, Quarterly, Annually, Hourly, Every, Each, Nightly,
    /// <summary>The first of seven values, Sundays to Saturdays (value − Weekdays is the day of the week).</summary>
    Weekdays = 32,
}

internal enum Holiday { Christmas, Thanksgiving, NewYearsDay, NewYearsEve, ChristmasEve, Halloween, IndependenceDay, Easter, LaborDay, MemorialDay, ValentinesDay, VeteransDay }

/// <summary>The closed vocabulary of English time expressions, looked up by span without allocation.</summary>
internal static class TimeLexicon
{
    public readonly record struct Entry(AtomKind Kind, int Value);

    private const int MaxLength = 16;

    /// <summary>Words keyed by their lower-cased ASCII characters packed into two 64-bit integers (8 bits a character), in an
    /// open-addressing table: a lookup is one pass over the word's characters and one or two probes, with no string.</summary>
    private const int TableBits = 11;
    private static readonly ulong[] KeyLo = new ulong[1 << TableBits];
    private static readonly ulong[] KeyHi = new ulong[1 << TableBits];
    private static readonly Entry[] Values = new Entry[1 << TableBits];

    /// <summary>One bit per (length, first letter, last letter) that some lexicon word has: most other words are turned away
    /// by one bit test before they are packed and probed.</summary>
    private static readonly ulong[] Shapes = new ulong[(MaxLength + 1) * 27 * 27 / 64 + 1];
    /// <summary>The same for the words that can open or carry a time expression (not function or tense words).</summary>
    private static readonly ulong[] TriggerShapes = new ulong[(MaxLength + 1) * 27 * 27 / 64 + 1];

    /// <summary>False when no time word (other than function and tense words) has this word's shape.</summary>
    public static bool MaybeTimeWord(ReadOnlySpan<char> word)
    {
        if (word.Length is 0 or > MaxLength) return false;
        int shape = Shape(word);
        if ((TriggerShapes[shape >> 6] & (1UL << (shape & 63))) != 0) return true;
        // Possessive (Friday's) and contracted (he'll) forms are looked up whole.
        return word.Length > 3 && word[^2] is '\'' or '\u2019';
    }

    private static int Letter(char c)
    {
        uint l = (uint)(c | 0x20) - 'a';
        return l < 26 ? (int)l : 26;
    }

    private static int Shape(ReadOnlySpan<char> w) => (w.Length * 27 + Letter(w[0])) * 27 + Letter(w[^1]);

    static TimeLexicon()
    {
        foreach (var (word, entry) in Build())
        {
            int shape = Shape(word.AsSpan());
            Shapes[shape >> 6] |= 1UL << (shape & 63);
            if (entry.Kind is not (AtomKind.Func or AtomKind.Tense)) TriggerShapes[shape >> 6] |= 1UL << (shape & 63);
            if (!Pack(word.AsSpan(), out ulong lo, out ulong hi)) throw new InvalidOperationException(word);
            int i = Slot(lo, hi);
            while (KeyLo[i] != 0) i = (i + 1) & ((1 << TableBits) - 1);
            KeyLo[i] = lo;
            KeyHi[i] = hi;
            Values[i] = entry;
        }
    }

    private static int Slot(ulong lo, ulong hi) => (int)(((lo * 0x9E3779B97F4A7C15UL) ^ (hi * 0xC2B2AE3D27D4EB4FUL)) >> (64 - TableBits));

    /// <summary>Packs a word of at most 16 ASCII characters (’ counts as '), lower-cased; false for anything else.</summary>
    private static bool Pack(ReadOnlySpan<char> word, out ulong lo, out ulong hi)
    {
        lo = 0;
        hi = 0;
        if (word.Length is 0 or > MaxLength) return false;
        for (int i = 0; i < word.Length; i++)
        {
            uint c = word[i];
            if (c > 127)
            {
                if (c != '\u2019') return false;
                c = '\'';
            }
            else if (c - 'A' <= 'Z' - 'A') c |= 0x20;
            if (i < 8) lo |= (ulong)c << (8 * i);
            else hi |= (ulong)c << (8 * (i - 8));
        }
        return true;
    }

    public static bool TryGet(ReadOnlySpan<char> word, out Entry entry)
    {
        int shape;
        if (word.Length is > 0 and <= MaxLength && (Shapes[(shape = Shape(word)) >> 6] & (1UL << (shape & 63))) != 0
            && Pack(word, out ulong lo, out ulong hi))
        {
            int i = Slot(lo, hi);
            while (KeyLo[i] != 0)
            {
                if (KeyLo[i] == lo && KeyHi[i] == hi)
                {
                    entry = Values[i];
                    return true;
                }
                i = (i + 1) & ((1 << TableBits) - 1);
            }
        }
        entry = default;
        return false;
    }

    private static FrozenDictionary<string, Entry> Build()
    {
        var d = new Dictionary<string, Entry>(StringComparer.OrdinalIgnoreCase);
        void Add(AtomKind kind, int value, params string[] words)
        {
            foreach (var w in words) d[w] = new Entry(kind, value);
        }

        string[][] months =
        [
            ["january", "jan"], ["february", "feb"], ["march", "mar"], ["april", "apr"], ["may"], ["june", "jun"],
            ["july", "jul"], ["august", "aug"], ["september", "sept", "sep"], ["october", "oct"], ["november", "nov"], ["december", "dec"],
        ];
        for (int m = 0; m < 12; m++) Add(AtomKind.Month, m + 1, months[m]);
        string[][] days =
        [
            ["sunday"], ["monday"], ["tuesday", "tues"], ["wednesday"], ["thursday", "thurs"], ["friday"], ["saturday"],
        ];
        for (int w = 0; w < 7; w++) Add(AtomKind.Weekday, w, days[w]);

        void U(Unit u, string singular, string plural)
        {
            Add(AtomKind.Unit, (int)u, singular);
            Add(AtomKind.Unit, (int)u | 0x100, plural);
        }
        U(Unit.Second, "sec", "seconds");
        U(Unit.Minute, "minute", "minutes");
        U(Unit.Hour, "hour", "hours");
        U(Unit.Day, "day", "days");
        U(Unit.Week, "week", "weeks");
        U(Unit.Weekend, "weekend", "weekends");
        U(Unit.Month, "month", "months");
        U(Unit.Quarter, "quarter", "quarters");
        U(Unit.Year, "year", "years");
        U(Unit.Decade, "decade", "decades");
        U(Unit.Century, "century", "centuries");
        Add(AtomKind.Unit, (int)Unit.Hour | 0x100, "hrs");
        Add(AtomKind.Unit, (int)Unit.Minute | 0x100, "mins");

        string[] decades = ["twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"];
        for (int dd = 0; dd < decades.Length; dd++) Add(AtomKind.Decade, (dd + 2) * 10, decades[dd]);

        Add(AtomKind.Season, 0, "spring");
        Add(AtomKind.Season, 1, "summer");
        Add(AtomKind.Season, 2, "fall", "autumn");
        Add(AtomKind.Season, 3, "winter");

        string[] numbers = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
            "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"];
        for (int n = 1; n < numbers.Length; n++) Add(AtomKind.NumWord, n, numbers[n]);
        Add(AtomKind.NumWord, 30, "thirty");
        Add(AtomKind.NumWord, 40, "forty");
        Add(AtomKind.NumWord, 50, "fifty");
        Add(AtomKind.NumWord, 60, "sixty");
        Add(AtomKind.NumWord, 70, "seventy");
        Add(AtomKind.NumWord, 80, "eighty");
        Add(AtomKind.NumWord, 90, "ninety");
        Add(AtomKind.NumWord, 100, "hundred");
        Add(AtomKind.NumWord, 1000, "thousand");
        Add(AtomKind.NumWord, 12, "dozen");

        string[] ordinals = ["", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth"];
        for (int n = 1; n < ordinals.Length; n++) Add(AtomKind.Ordinal, n, ordinals[n]);

        Add(AtomKind.Deictic, (int)Deictic.Today, "today");
        Add(AtomKind.Deictic, (int)Deictic.Yesterday, "yesterday");
        Add(AtomKind.Deictic, (int)Deictic.Tomorrow, "tomorrow");
        Add(AtomKind.Deictic, (int)Deictic.Tonight, "tonight");
        Add(AtomKind.Deictic, (int)Deictic.Now, "now");
        Add(AtomKind.Deictic, (int)Deictic.Currently, "currently");
        Add(AtomKind.Deictic, (int)Deictic.Recently, "recently");
        Add(AtomKind.Deictic, (int)Deictic.Soon, "soon");
        Add(AtomKind.Deictic, (int)Deictic.Nowadays, "nowadays");
        Add(AtomKind.Deictic, (int)Deictic.Previously, "previously");
        Add(AtomKind.Deictic, (int)Deictic.Future, "future");
        Add(AtomKind.Deictic, (int)Deictic.Formerly, "formerly");
        Add(AtomKind.Deictic, (int)Deictic.Lately, "lately");
        Add(AtomKind.Deictic, (int)Deictic.Meantime, "meantime");

        Add(AtomKind.Rel, (int)Rel.Last, "last");
        Add(AtomKind.Rel, (int)Rel.Next, "next");
        Add(AtomKind.Rel, (int)Rel.This, "this");
        Add(AtomKind.Rel, (int)Rel.Coming, "coming");
        Add(AtomKind.Rel, (int)Rel.Past, "past");
        Add(AtomKind.Rel, (int)Rel.Previous, "previous");
        Add(AtomKind.Rel, (int)Rel.Following, "following");
        Add(AtomKind.Rel, (int)Rel.Earlier, "earlier");
        Add(AtomKind.Rel, (int)Rel.Later, "later");
        Add(AtomKind.Rel, (int)Rel.Ago, "ago");
        Add(AtomKind.Rel, (int)Rel.Current, "current");
        Add(AtomKind.Rel, (int)Rel.Recent, "recent");
        Add(AtomKind.Rel, (int)Rel.Upcoming, "upcoming");
        Add(AtomKind.Rel, (int)Rel.Latest, "latest");
        Add(AtomKind.Rel, (int)Rel.Prior, "prior");
        Add(AtomKind.Rel, (int)Rel.Same, "same");
        Add(AtomKind.Rel, (int)Rel.Hence, "hence");

        Add(AtomKind.Edge, (int)Edge.Early, "early");
        Add(AtomKind.Edge, (int)Edge.Late, "late");
        Add(AtomKind.Edge, (int)Edge.Mid, "mid");
        Add(AtomKind.Edge, (int)Edge.End, "end");
        Add(AtomKind.Edge, (int)Edge.Beginning, "beginning");
        Add(AtomKind.Edge, (int)Edge.Start, "start");
        Add(AtomKind.Edge, (int)Edge.Middle, "middle");
        Add(AtomKind.Edge, (int)Edge.Close, "close");

        Add(AtomKind.PartOfDay, 0, "morning");
        Add(AtomKind.PartOfDay, 1, "afternoon");
        Add(AtomKind.PartOfDay, 2, "evening");
        Add(AtomKind.PartOfDay, 3, "night");
        Add(AtomKind.PartOfDay, 4, "noon", "midday");
        Add(AtomKind.PartOfDay, 5, "midnight");
        Add(AtomKind.PartOfDay, 6, "overnight");
        // Plurals (flag 0x100, as for units): "Monday nights" is a set.
        Add(AtomKind.PartOfDay, 0 | 0x100, "mornings");
        Add(AtomKind.PartOfDay, 1 | 0x100, "afternoons");
        Add(AtomKind.PartOfDay, 2 | 0x100, "evenings");
        Add(AtomKind.PartOfDay, 3 | 0x100, "nights");

        Add(AtomKind.SetWord, (int)SetWord.Daily, "daily");
        Add(AtomKind.SetWord, (int)SetWord.Weekly, "weekly");
        Add(AtomKind.SetWord, (int)SetWord.Monthly, "monthly");
        Add(AtomKind.SetWord, (int)SetWord.Quarterly, "quarterly");
        Add(AtomKind.SetWord, (int)SetWord.Annually, "annually", "yearly");
        Add(AtomKind.SetWord, (int)SetWord.Hourly, "hourly");
        Add(AtomKind.SetWord, (int)SetWord.Every, "every");
        Add(AtomKind.SetWord, (int)SetWord.Each, "each");
        Add(AtomKind.SetWord, (int)SetWord.Nightly, "nightly");
        // Plural weekdays: "closed on Sundays" is every Sunday.
        string[] weekdayPlurals = ["sundays", "mondays", "tuesdays", "wednesdays", "thursdays", "fridays", "saturdays"];
        for (int w = 0; w < 7; w++) Add(AtomKind.SetWord, (int)SetWord.Weekdays + w, weekdayPlurals[w]);

        void F(Func f, params string[] w) => Add(AtomKind.Func, (int)f, w);
        F(Func.The, "the"); F(Func.A, "a"); F(Func.An, "an"); F(Func.Of, "of"); F(Func.In, "in"); F(Func.On, "on"); F(Func.At, "at");
        F(Func.By, "by"); F(Func.Before, "before"); F(Func.Until, "until", "till"); F(Func.Since, "since"); F(Func.During, "during");
        F(Func.For, "for"); F(Func.Within, "within"); F(Func.Over, "over"); F(Func.Through, "through"); F(Func.From, "from");
        F(Func.Few, "few"); F(Func.Several, "several"); F(Func.Couple, "couple"); F(Func.Some, "some"); F(Func.Many, "many");
        F(Func.Fiscal, "fiscal"); F(Func.About, "about"); F(Func.Nearly, "nearly"); F(Func.Almost, "almost"); F(Func.More, "more");
        F(Func.Less, "less", "fewer"); F(Func.Than, "than"); F(Func.Least, "least"); F(Func.Around, "around");
        F(Func.Approximately, "approximately"); F(Func.Roughly, "roughly"); F(Func.And, "and"); F(Func.Or, "or"); F(Func.To, "to");
        F(Func.After, "after"); F(Func.Its, "its", "his", "her", "their", "our"); F(Func.Half, "half"); F(Func.Near, "near");
        F(Func.Up, "up"); F(Func.Throughout, "throughout"); F(Func.Into, "into"); F(Func.Ended, "ended"); F(Func.Ending, "ending");
        F(Func.That, "that"); F(Func.Effective, "effective"); F(Func.Ahead, "ahead");
        F(Func.Once, "once"); F(Func.Twice, "twice"); F(Func.Times, "times"); F(Func.Another, "another");
        F(Func.Additional, "additional", "extra"); F(Func.These, "these"); F(Func.Short, "short"); F(Func.Long, "long");

        Add(AtomKind.Vague, (int)Vague.Moment, "moment");
        Add(AtomKind.Vague, (int)Vague.Term, "term");
        Add(AtomKind.Vague, (int)Vague.While, "while");
        Add(AtomKind.Vague, (int)Vague.Present, "present");

        Add(AtomKind.AmPm, 0, "a.m.", "am", "a.m");
        Add(AtomKind.AmPm, 12, "p.m.", "pm", "p.m");
        Add(AtomKind.Zone, 0, "edt", "est", "cdt", "cst", "pdt", "pst", "mdt", "mst", "gmt", "utc", "bst", "cet");

        Add(AtomKind.Tense, (int)TenseMark.Future, "will", "'ll", "shall", "won't", "would", "wouldn't", "could", "might", "should",
            "plans", "plan", "planned", "expects", "expected", "expect", "scheduled", "intends", "hopes", "hope", "aims",
            "due", "going", "forecast", "predicted", "predicts", "promised", "promises", "vowed", "vows", "wants", "can", "must",
            // A present tense of a scheduled event: "the trial begins Monday", "he leaves Sunday for Moscow".
            "begins", "starts", "opens", "reopens", "resumes", "leaves", "departs", "arrives", "convenes", "expires", "meets",
            "travels", "kicks", "heads", "gets", "goes", "faces", "hosts", "returns", "visits", "ends", "closes", "flies", "testifies",
            "speaks",
            // … and with a plural subject: "officials meet Tuesday", "talks resume Monday".
            "meet", "begin", "resume", "arrive", "convene");
        Add(AtomKind.Tense, (int)TenseMark.Past, "was", "were", "had", "did", "said", "told", "went", "came", "made", "took", "gave",
            "met", "left", "saw", "got", "began", "became", "fell", "rose", "won", "lost", "held", "sent", "spent", "paid", "found",
            "felt", "kept", "brought", "thought", "ran", "sold", "bought", "built", "wrote", "spoke", "led", "struck", "hit", "shot",
            "fled", "broke", "chose", "drew", "flew", "grew", "knew", "threw", "wore", "hid", "wasn't", "weren't", "didn't", "hadn't", "been", "former",
            "fought", "caught", "sought", "taught", "stood", "understood", "sat", "heard", "meant", "dealt", "stole", "drove", "rode", "woke",
            "tore", "swore", "forgot", "forgave", "withdrew", "overthrew", "undertook", "shook", "sank", "sang", "rang", "swam", "drank",
            "bled", "fed", "slid", "spun", "stuck", "swept", "slept", "wept", "lent", "bent", "laid", "arose", "upheld", "withheld",
            "blew", "overcame", "froze", "wrote", "bore", "slew", "forbade", "beat", "ate", "fell");
        Add(AtomKind.Tense, (int)TenseMark.Present, "is", "are", "says", "isn't", "aren't", "does", "doesn't");

        Add(AtomKind.Holiday, (int)Holiday.Christmas, "christmas");
        Add(AtomKind.Holiday, (int)Holiday.Thanksgiving, "thanksgiving");
        Add(AtomKind.Holiday, (int)Holiday.Halloween, "halloween");
        Add(AtomKind.Holiday, (int)Holiday.Easter, "easter");
        return d.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }
}
