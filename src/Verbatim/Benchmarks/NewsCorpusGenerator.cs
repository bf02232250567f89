using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Verbatim.Benchmarks;

/// <summary>
/// A synthetic news corpus for ingest benchmarks: dated articles of about 600 words (200–1,500) from ~200 made-up outlets,
/// each covering a <em>story</em> (a topic, a place, its people and what they said). A story is covered by one to a few dozen
/// outlets over a few days, so the same quotes come back across outlets with small variations (other quotation marks, a
/// changed or dropped word, a trimmed ending, a fragment) and in every form the extractor knows: direct before and after the
/// attribution, split by it, indirect, mixed, <c>according to</c>, and pronoun or description speakers after the first mention.
/// Nothing is kept per article or story: each is rebuilt from its number and the seed, so memory stays constant for any
/// count, and the same seed gives the same bytes. About 1% of articles reprint another outlet's wire copy word for word
/// (the content-hash duplicate an ingest skips).
/// </summary>
public sealed class NewsCorpusGenerator
{
    /// <summary>The first day of the corpus.</summary>
    public static readonly DateOnly Start = new(2031, 1, 5);

    private readonly ulong _seed;
    private readonly long _count;
    private readonly int _days;
    private readonly int _storiesPerDay;

    /// <param name="count">Articles the corpus will have (it spreads them over about one day per 1,000 articles, 7 days at least).</param>
    public NewsCorpusGenerator(long count, int seed = 2031)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        _count = count;
        _seed = Mix((ulong)(uint)seed ^ 0x6E657773UL);
        _days = (int)Math.Clamp((count + 999) / 1000, 7, 3650);
        var perDay = Math.Max(1.0, (double)count / _days);
        _storiesPerDay = Math.Max(1, (int)Math.Round(perDay / 6)); // ~6 articles per story on average, skewed
    }

    public long Count => _count;

    /// <summary>The articles, generated one at a time as enumerated.</summary>
    public IEnumerable<Article> Articles()
    {
        string? lastWire = null;
        for (long i = 0; i < _count; i++)
        {
            var a = Generate(i, lastWire);
            if (a.Publisher is { } p && p.EndsWith(" Wire", StringComparison.Ordinal)) lastWire = a.Text;
            yield return a;
        }
    }

    /// <summary>Writes the corpus as JSON Lines (<c>id, date, title, url, publisher, text</c>); a path ending in .gz is gzip-compressed. Returns the articles written.</summary>
    public long WriteJsonLines(string path)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
        Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
            ? new GZipStream(file, CompressionLevel.Fastest)
            : file;
        using (stream)
            return WriteJsonLines(stream);
    }

    /// <summary>Writes the corpus as JSON Lines to a stream (left open).</summary>
    public long WriteJsonLines(Stream stream)
    {
        long n = 0;
        var options = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };
        using var json = new Utf8JsonWriter(stream, options);
        foreach (var a in Articles())
        {
            json.Reset(stream);
            json.WriteStartObject();
            json.WriteString("id", a.Id);
            json.WriteString("date", a.Date!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            json.WriteString("title", a.Title);
            json.WriteString("url", a.Url);
            json.WriteString("publisher", a.Publisher);
            json.WriteString("text", a.Text);
            json.WriteEndObject();
            json.Flush();
            stream.WriteByte((byte)'\n');
            n++;
        }
        return n;
    }

    // ------------------------------------------------------------------ one article

    private Article Generate(long index, string? lastWire)
    {
        var r = new Rng(_seed, 1, (ulong)index);
        var outlet = Outlets[(int)r.Skewed(Outlets.Length, 2)];
        var day = (int)(index * _days / Math.Max(1, _count));
        if (r.Next(100) < 15 && day > 0) day--; // a story of yesterday, printed today
        var date = Start.AddDays(day);
        // Most articles follow a story of that day; some follow one of the day before (the quotes come back a day later).
        var storyDay = r.Next(100) < 20 && day > 0 ? day - 1 : day;
        var storyNo = (long)storyDay * _storiesPerDay + r.Skewed(_storiesPerDay, 2);
        var story = new Story(_seed, storyNo, Start.AddDays(storyDay));
        var slug = Slug(outlet);
        var id = string.Create(CultureInfo.InvariantCulture, $"{slug}-{date:yyyy-MM-dd}-{index}");
        var url = string.Create(CultureInfo.InvariantCulture, $"https://example.org/{slug}/{date:yyyy/MM/dd}/{index}");

        // A wire reprint: another outlet's copy, word for word (stored once: the same content hash).
        if (lastWire is not null && r.Next(100) == 0)
            return new Article(id, date, lastWire) { Title = story.Headline, Url = url, Publisher = outlet, Origin = "generated:" + index };

        var text = new ArticleWriter(r, story, outlet, date).Write();
        return new Article(id, date, text) { Title = story.Headline, Url = url, Publisher = outlet, Origin = "generated:" + index };
    }

    /// <summary>One story: topic, place, people (with sex, title), and what each said, rebuilt from its number.</summary>
    private sealed class Story
    {
        public readonly DateOnly Day;
        public readonly Topic Topic;
        public readonly string Place;
        public readonly string Org;
        public readonly Person[] People;
        public readonly StoryQuote[] Quotes;
        public readonly string[] Background;
        public readonly string Headline;

        public Story(ulong seed, long number, DateOnly day)
        {
            var r = new Rng(seed, 2, (ulong)number);
            Day = day;
            Topic = Topics[r.Next(Topics.Length)];
            Place = Places[r.Next(Places.Length)];
            Org = Topic.Orgs[r.Next(Topic.Orgs.Length)];
            var n = 2 + r.Next(3);
            People = new Person[n];
            for (var i = 0; i < n; i++)
            {
                // Prominent people (low numbers) are in many stories; 12,000 people in all.
                var p = (int)r.Skewed(12_000, 3);
                People[i] = Person.Of(p, Topic, r.Next(Topic.Titles.Length));
            }
            var q = 3 + r.Next(6);
            Quotes = new StoryQuote[q];
            for (var i = 0; i < q; i++)
            {
                var speaker = i < n ? i : r.Next(n);
                var sentences = 1 + r.Next(3);
                var sb = new StringBuilder();
                for (var s = 0; s < sentences; s++)
                {
                    if (s > 0) sb.Append(' ');
                    Expand(sb, QuoteTemplate(ref r), ref r, this);
                }
                var claim = new StringBuilder();
                Expand(claim, ClaimTemplate(ref r), ref r, this);
                Quotes[i] = new StoryQuote(speaker, sb.ToString(), claim.ToString(), r.Next(4) == 0 ? Days[day.DayOfWeek] : null);
            }
            Background = new string[6 + r.Next(6)];
            for (var i = 0; i < Background.Length; i++)
            {
                var sb = new StringBuilder();
                Expand(sb, NarrativeTemplate(ref r), ref r, this);
                Background[i] = sb.ToString();
            }
            var h = new StringBuilder();
            Expand(h, Headlines[r.Next(Headlines.Length)], ref r, this);
            Headline = h.ToString();
        }
    }

    private readonly record struct StoryQuote(int Speaker, string Text, string Claim, string? Weekday);

    private sealed record Person(string First, string Last, bool Female, string Title, string Description)
    {
        public string Full => First + " " + Last;

        public static Person Of(int n, Topic topic, int title)
        {
            var female = (n & 1) == 1;
            var firsts = female ? FemaleNames : MaleNames;
            var first = firsts[(n / 2) % firsts.Length];
            var last = Surnames[(int)((uint)(n * 2654435761u) % (uint)Surnames.Length)];
            return new Person(first, last, female, topic.Titles[title], topic.Descriptions[title]);
        }
    }

    private sealed record Topic(string Name, string[] Nouns, string[] Orgs, string[] Titles, string[] Descriptions);

    /// <summary>Writes one outlet's article about a story.</summary>
    private sealed class ArticleWriter
    {
        private Rng _r;
        private readonly Story _story;
        private readonly string _outlet;
        private readonly DateOnly _date;
        private readonly bool _curly;
        private readonly bool[] _named;
        private readonly StringBuilder _sb;
        private int _words;
        private int _lastSpeaker;


        public ArticleWriter(Rng r, Story story, string outlet, DateOnly date)
        {
            _r = r;
            _story = story;
            _outlet = outlet;
            _date = date;
            _curly = r.Next(2) == 0;
            _named = new bool[story.People.Length];
            _sb = new StringBuilder(4096);
            _words = 0;
            _lastSpeaker = -1;
        }

        public string Write()
        {
            // 200–1,500 words, most near 600 (a log-normal, clipped).
            var target = (int)Math.Clamp(Math.Exp(Math.Log(560) + 0.42 * _r.Gaussian()), 200, 1500);
            if (_r.Next(100) < 30)
                _sb.Append(_story.Place.ToUpperInvariant()).Append(" (").Append(_outlet).Append(") - ");
            Paragraph(_story.Background[0]);
            var quotes = _story.Quotes;
            var b = 1;
            var qi = 0;
            var round = 0;
            while (_words < target)
            {
                if (qi < quotes.Length)
                {
                    // An outlet leaves out a quote now and then.
                    if (_r.Next(100) < 15) { qi++; continue; }
                    QuoteParagraph(quotes[qi++]);
                    if (_r.Next(2) == 0 && b < _story.Background.Length) Paragraph(_story.Background[b++]);
                }
                else if (b < _story.Background.Length) Paragraph(_story.Background[b++]);
                else
                {
                    // Context and analysis of this outlet's own, to the article's length.
                    var s = new StringBuilder();
                    var n = 1 + _r.Next(3);
                    for (var i = 0; i < n; i++)
                    {
                        if (i > 0) s.Append(' ');
                        Expand(s, NarrativeTemplate(ref _r), ref _r, _story);
                    }
                    Paragraph(s.ToString());
                    if (_r.Next(100) < 55) LocalVoice();
                    if (++round % 3 == 0 && _r.Next(2) == 0)
                    {
                        // An earlier quote again, further down, as long articles do.
                        QuoteParagraph(quotes[_r.Next(quotes.Length)]);
                    }
                }
            }
            if (_r.Next(100) < 40) _sb.Append("\n\n(Reporting by ").Append(_outlet).Append(" staff)");
            return _sb.ToString();
        }

        /// <summary>A quote only this outlet has: a resident, an analyst, an official it spoke to.</summary>
        private void LocalVoice()
        {
            var p = Person.Of(12_000 + _r.Next(200_000), _story.Topic, _r.Next(_story.Topic.Titles.Length));
            var q = new StringBuilder();
            var n = 1 + _r.Next(2);
            for (var i = 0; i < n; i++)
            {
                if (i > 0) q.Append(' ');
                Expand(q, QuoteTemplate(ref _r), ref _r, _story);
            }
            var who = Pick(Voices).Replace("{place}", _story.Place, StringComparison.Ordinal);
            var s = new StringBuilder(q.Length + 80);
            var sentences = SplitSentences(q.ToString());
            switch (_r.Next(3))
            {
                case 0:
                    s.Append(Open).Append(Comma(sentences[0])).Append(Close).Append(" said ").Append(p.Full).Append(", ").Append(who).Append('.');
                    if (sentences.Length > 1) s.Append(' ').Append(Open).Append(sentences[1]).Append(Close);
                    break;
                case 1:
                    s.Append(p.Full).Append(", ").Append(who).Append(", said: ").Append(Open).Append(q).Append(Close);
                    break;
                default:
                    s.Append(Cap(who, true)).Append(' ').Append(p.Full).Append(" said ").Append(Lower(sentences[0]).TrimEnd('.')).Append('.');
                    break;
            }
            _lastSpeaker = -1;
            Paragraph(s.ToString());
        }

        private static string Lower(string s) => s.Length > 1 && char.IsUpper(s[0]) && char.IsLower(s[1]) ? char.ToLowerInvariant(s[0]) + s[1..] : s;

        private void Paragraph(string text)
        {
            if (_sb.Length > 0 && _sb[^1] != ' ') _sb.Append("\n\n");
            _sb.Append(text);
            _words += Words.Count(text);
        }

        private string Open => _curly ? "\u201C" : "\"";
        private string Close => _curly ? "\u201D" : "\"";

        /// <summary>The speaker as this sentence names them: full name with title first, then surname, pronoun or description.</summary>
        private string Name(int speaker, bool subject, bool canPronoun)
        {
            var p = _story.People[speaker];
            if (!_named[speaker])
            {
                _named[speaker] = true;
                return _r.Next(3) switch
                {
                    0 => Cap(p.Title, subject) + " " + Spelled(p),
                    1 => Spelled(p) + ", " + Article(p.Description) + ",",
                    _ => Spelled(p),
                };
            }
            if (canPronoun && _lastSpeaker == speaker && _r.Next(100) < 60)
                return subject ? (p.Female ? "She" : "He") : (p.Female ? "she" : "he");
            return _r.Next(100) < 15 ? Cap("the " + p.Description, subject) : Surname(p);
        }

        /// <summary>Outlets spell some names differently (transliterations).</summary>
        private string Spelled(Person p) => p.First + " " + Surname(p);

        private string Surname(Person p) =>
            (_outlet.Length + p.Last.Length) % 7 == 0 ? Transliterate(p.Last) : p.Last;

        private static string Cap(string s, bool subject) => subject && s.Length > 0 && char.IsLower(s[0]) ? char.ToUpperInvariant(s[0]) + s[1..] : s;

        private static string Article(string description) => description.StartsWith("the ", StringComparison.Ordinal) ? description : "the " + description;

        private void QuoteParagraph(StoryQuote q)
        {
            var said = q.Weekday is { } wd && _date > _story.Day ? "said on " + wd : Pick(SaidVerbs);
            var text = Vary(q.Text);
            var sentences = SplitSentences(text);
            var s = new StringBuilder(text.Length + 80);
            var style = _r.Next(100);
            var speaker = q.Speaker;
            if (style < 30)
            {
                // "...," X said. (optionally the rest after)
                var name = Name(speaker, subject: false, canPronoun: true);
                var first = sentences[0];
                s.Append(Open).Append(Comma(first)).Append(Close).Append(' ');
                if (_r.Next(4) == 0 && !IsPronoun(name) && !name.EndsWith(',')) s.Append(said).Append(' ').Append(name).Append('.');
                else s.Append(name).Append(' ').Append(said).Append('.');
                if (sentences.Length > 1)
                    s.Append(' ').Append(Open).Append(string.Join(' ', sentences, 1, sentences.Length - 1)).Append(Close);
            }
            else if (style < 45)
            {
                // X said: "..."
                var name = Name(speaker, subject: true, canPronoun: true);
                s.Append(name).Append(' ').Append(_r.Next(2) == 0 ? "said" : Pick(ColonVerbs)).Append(": ").Append(Open).Append(text).Append(Close);
            }
            else if (style < 55 && WordCount(sentences[0]) >= 8)
            {
                // Split by the attribution: "first half," X said, "second half."
                var words = sentences[0].Split(' ');
                var cut = words.Length / 2;
                var name = Name(speaker, subject: false, canPronoun: true);
                s.Append(Open).Append(string.Join(' ', words, 0, cut)).Append(',').Append(Close).Append(' ')
                    .Append(name).Append(' ').Append(said).Append(", ").Append(Open)
                    .Append(string.Join(' ', words, cut, words.Length - cut));
                for (var i = 1; i < sentences.Length; i++) s.Append(' ').Append(sentences[i]);
                s.Append(Close);
            }
            else if (style < 75)
            {
                // Indirect: X said (that) ..., or according to X, ...
                var claim = _r.Next(100) < 10 ? Vary(q.Claim) : q.Claim;
                if (_r.Next(5) == 0)
                    {
                    var name = Name(speaker, subject: false, canPronoun: false);
                    s.Append("According to ").Append(name).Append(name.EndsWith(',') ? " " : ", ").Append(claim).Append('.');
                }
                else
                {
                    var name = Name(speaker, subject: true, canPronoun: true);
                    s.Append(name).Append(' ').Append(_r.Next(3) == 0 ? Pick(IndirectVerbs) : said).Append(_r.Next(2) == 0 ? " that " : " ").Append(claim).Append('.');
                }
            }
            else if (style < 88)
            {
                // Mixed: reported speech holding a quoted fragment.
                var words = sentences[0].TrimEnd('.', '!', '?').Split(' ');
                var len = Math.Min(words.Length, 3 + _r.Next(6));
                var start = _r.Next(3) == 0 ? _r.Next(words.Length - len + 1) : words.Length - len;
                var fragment = string.Join(' ', words, start, len).Trim(',', ':', ';');
                if (start == 0 && fragment.Length > 1 && fragment[0] != 'I' && char.IsUpper(fragment[0]) && char.IsLower(fragment[1]))
                    fragment = char.ToLowerInvariant(fragment[0]) + fragment[1..];
                var name = Name(speaker, subject: true, canPronoun: true);
                s.Append(name).Append(' ').Append(Pick(MixedLeads)).Append(' ').Append(_story.Topic.Nouns[_r.Next(_story.Topic.Nouns.Length)]).Append(' ').Append(Pick(MixedLinks))
                    .Append(' ').Append(Open).Append(fragment).Append(Close).Append('.');
            }
            else
            {
                // Said X, then the quote: "...," said the title X.
                var p = _story.People[speaker];
                var name = _named[speaker] ? Surname(p) : p.Title + " " + Spelled(p);
                _named[speaker] = true;
                s.Append(Open).Append(Comma(sentences[0])).Append(Close).Append(" said ").Append(name).Append('.');
                if (sentences.Length > 1)
                    s.Append(' ').Append(Open).Append(string.Join(' ', sentences, 1, sentences.Length - 1)).Append(Close);
            }
            _lastSpeaker = speaker;
            Paragraph(s.ToString());
        }

        private static bool IsPronoun(string name) => name is "he" or "she" or "He" or "She";

        private static int WordCount(string s) => Words.Count(s);

        private static string Comma(string sentence)
        {
            var t = sentence.TrimEnd();
            if (t.EndsWith('?') || t.EndsWith('!')) return t;
            return t.TrimEnd('.') + ",";
        }

        private static string[] SplitSentences(string text)
        {
            var parts = new List<string>(3);
            var from = 0;
            for (var i = 0; i < text.Length - 1; i++)
                if (text[i] is '.' or '?' or '!' && text[i + 1] == ' ')
                {
                    parts.Add(text[from..(i + 1)]);
                    from = i + 2;
                }
            parts.Add(text[from..]);
            return parts.ToArray();
        }

        /// <summary>How an outlet reprints a quote: mostly as said, sometimes with a word changed, dropped, or the last sentence cut.</summary>
        private string Vary(string text)
        {
            var roll = _r.Next(100);
            if (roll < 75) return text;
            var words = text.Split(' ');
            if (words.Length < 6) return text;
            var k = 1 + _r.Next(words.Length - 2);
            switch (roll)
            {
                case < 83:
                    if (words[k].All(char.IsLetter)) words[k] = Fillers[_r.Next(Fillers.Length)];
                    return string.Join(' ', words);
                case < 90:
                    if (!words[k].All(char.IsLetter)) return text;
                    return string.Join(' ', words.Where((_, i) => i != k));
                default:
                    var cut = text.LastIndexOf(". ", StringComparison.Ordinal);
                    return cut > 0 ? text[..(cut + 1)] : text;
            }
        }

        private string Pick(string[] items) => items[_r.Next(items.Length)];
    }

    // ------------------------------------------------------------------ templates

    /// <summary>Expands a template: {place} {org} {noun} {person} {surname} {num} {day} {month} {adj} {verb} {year} {topic}.</summary>
    private static void Expand(StringBuilder sb, string template, ref Rng r, Story story)
    {
        var i = 0;
        while (i < template.Length)
        {
            var open = template.IndexOf('{', i);
            if (open < 0)
            {
                sb.Append(template, i, template.Length - i);
                break;
            }
            sb.Append(template, i, open - i);
            var close = template.IndexOf('}', open);
            var slot = template.AsSpan(open + 1, close - open - 1);
            switch (slot)
            {
                case "place": sb.Append(story.Place); break;
                case "org": sb.Append(story.Org); break;
                case "Org": sb.Append(char.ToUpperInvariant(story.Org[0])).Append(story.Org, 1, story.Org.Length - 1); break;
                case "noun": sb.Append(story.Topic.Nouns[r.Next(story.Topic.Nouns.Length)]); break;
                case "topic": sb.Append(story.Topic.Name); break;
                case "person": sb.Append(story.People[r.Next(story.People.Length)].Full); break;
                case "num": sb.Append(Numbers[r.Next(Numbers.Length)]); break;
                case "count": sb.Append((2 + r.Next(990)).ToString(CultureInfo.InvariantCulture)); break;
                case "day": sb.Append(Days[(DayOfWeek)r.Next(7)]); break;
                case "month": sb.Append(Months[r.Next(12)]); break;
                case "year": sb.Append((2031 + r.Next(4)).ToString(CultureInfo.InvariantCulture)); break;
                case "adj": sb.Append(Adjectives[r.Next(Adjectives.Length)]); break;
                case "verb": sb.Append(Verbs[r.Next(Verbs.Length)]); break;
                case "other": sb.Append(Places[r.Next(Places.Length)]); break;
                default: sb.Append(slot); break;
            }
            i = close + 1;
        }
    }

    private static readonly Dictionary<DayOfWeek, string> Days = new()
    {
        [DayOfWeek.Monday] = "Monday", [DayOfWeek.Tuesday] = "Tuesday", [DayOfWeek.Wednesday] = "Wednesday", [DayOfWeek.Thursday] = "Thursday",
        [DayOfWeek.Friday] = "Friday", [DayOfWeek.Saturday] = "Saturday", [DayOfWeek.Sunday] = "Sunday",
    };

    private static readonly string[] Months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    private static readonly string[] SaidVerbs = ["said", "said", "said", "said", "told reporters", "added", "said in a statement", "told the " + "council"];
    private static readonly string[] ColonVerbs = ["told reporters", "added", "wrote", "said in a statement", "told parliament"];
    private static readonly string[] IndirectVerbs = ["told reporters", "warned", "insisted", "argued", "claimed", "promised", "acknowledged", "announced"];
    private static readonly string[] MixedLeads = ["said the", "described the", "called the", "warned that the", "said that the"];
    private static readonly string[] MixedLinks = ["was", "as", "would be", "had been", "remained"];

    private static readonly string[] Voices = ["a resident of {place}", "a shopkeeper in {place}", "an analyst at the Carrow Institute",
        "a local councillor", "a retired teacher", "an economist at Altrena University", "a spokesperson for the campaign", "a nurse in {place}"];

    private static readonly string[] Numbers = ["two", "three", "four", "five", "six", "ten", "twelve", "twenty", "forty", "a hundred", "several", "dozens of"];
    private static readonly string[] Adjectives = ["fair", "reckless", "necessary", "late", "serious", "historic", "unacceptable", "modest", "urgent", "careful",
        "expensive", "difficult", "honest", "ambitious", "temporary", "overdue", "sensible", "dangerous", "clear", "final"];
    private static readonly string[] Verbs = ["finish", "review", "fund", "stop", "rebuild", "delay", "protect", "publish", "reopen", "support", "change", "defend"];
    private static readonly string[] Fillers = ["really", "simply", "now", "all", "still", "just", "very", "again"];

    // Sentences are composed from parts (subject, verb, object, complement, sometimes a second clause), so two quotes
    // share few word pairs unless one is a reprint of the other: what near-duplicate clustering sees in real news.

    private static string QuoteTemplate(ref Rng r)
    {
        var sb = new StringBuilder(160);
        Clause(sb, ref r, FirstSubjects, FirstVerbs);
        if (r.Next(100) < 35)
        {
            sb.Append(Connectors[r.Next(Connectors.Length)]);
            Clause(sb, ref r, FirstSubjects, FirstVerbs);
        }
        sb.Append(r.Next(100) < 6 ? '?' : '.');
        return Capitalise(sb);
    }

    private static string ClaimTemplate(ref Rng r)
    {
        var sb = new StringBuilder(120);
        Clause(sb, ref r, ThirdSubjects, ReportedVerbs);
        return sb.ToString();
    }

    private static string NarrativeTemplate(ref Rng r)
    {
        var sb = new StringBuilder(160);
        if (r.Next(100) < 25) sb.Append(Openers[r.Next(Openers.Length)]);
        Clause(sb, ref r, ThirdSubjects, NarrativeVerbs);
        if (r.Next(100) < 25)
        {
            sb.Append(Connectors[r.Next(Connectors.Length)]);
            Clause(sb, ref r, ThirdSubjects, NarrativeVerbs);
        }
        sb.Append('.');
        return Capitalise(sb);
    }

    private static void Clause(StringBuilder sb, ref Rng r, string[] subjects, string[] verbs)
    {
        sb.Append(subjects[r.Next(subjects.Length)]).Append(' ').Append(verbs[r.Next(verbs.Length)]).Append(' ')
            .Append(Objects[r.Next(Objects.Length)]).Append(Complements[r.Next(Complements.Length)]);
    }

    private static string Capitalise(StringBuilder sb)
    {
        if (sb.Length > 1 && sb[0] == '{' && sb[1] == 'o') sb[1] = 'O';
        else if (sb.Length > 0) sb[0] = char.ToUpperInvariant(sb[0]);
        return sb.ToString();
    }

    private static readonly string[] FirstSubjects = ["we", "our members", "my colleagues and I", "the people of {place}", "families in {place}",
        "the workers here", "we in this party", "the residents I speak to", "ordinary people", "my team and I", "you and I", "the nurses and teachers here",
        "we as a government", "most of us", "small businesses"];

    private static readonly string[] FirstVerbs = ["will not accept", "have always supported", "cannot afford", "need to see", "are going to review",
        "never promised", "will fight for", "asked for", "have been waiting for", "do not trust", "are ready to discuss", "will publish",
        "refuse to pay for", "welcome", "want answers about", "have spent months on", "will not be rushed into", "deserve", "are proud of",
        "were never told about", "must protect", "will vote against", "can live with", "are tired of", "will keep pushing for"];

    private static readonly string[] ThirdSubjects = ["the government", "{org}", "the minister", "local officials", "the union", "residents of {place}",
        "the opposition", "the company", "investors", "the council in {place}", "several lawmakers", "the regulator", "critics of the plan",
        "businesses in {place}", "the committee", "a majority of voters", "the region's mayors", "independent experts"];

    private static readonly string[] ReportedVerbs = ["would review", "had rejected", "was ready to fund", "would not accept", "had underestimated",
        "planned to delay", "had never seen", "would publish", "was considering", "had asked for", "would vote on", "could not afford",
        "had approved", "would challenge", "expected to finish"];

    private static readonly string[] NarrativeVerbs = ["criticised", "announced", "rejected", "spent weeks studying", "approved", "delayed",
        "questioned", "spent millions on", "voted against", "promised to publish", "defended", "promised to review", "opposed",
        "called for", "quietly dropped"];

    private static readonly string[] Objects = ["a {adj} {noun}", "the {noun} as it stands", "another year of delays", "the figures from {month}",
        "the latest {noun}", "a new {noun} for {place}", "the cost of the {noun}", "any deal on the {noun}", "the {adj} proposal",
        "the report on the {noun}", "a {adj} compromise", "the timetable for the {noun}", "{count} new jobs", "the {noun} in {other}",
        "the terms of the {noun}", "a second vote", "the money for the {noun}", "an independent inquiry", "the promises made in {year}",
        "the {noun} and its {adj} costs", "the plans for {place}", "a {adj} answer"];

    private static readonly string[] Complements = ["", "", "", " before {day}", " by the end of {month}", " in {place}", " for {num} years",
        " this time", " at any price", " whatever {org} says", " without delay", " after {num} months", " next {month}", " on {day}",
        " as soon as possible", " in full", " for the third time", " under pressure", " behind closed doors", " once and for all"];

    private static readonly string[] Connectors = [", and ", ", but ", " because ", " while ", ", so ", " and "];

    private static readonly string[] Openers = ["On {day}, ", "In {month}, ", "Earlier this year, ", "Last week, ", "In {place}, ", "Since {year}, "];

    private static readonly string[] Headlines =
    [
        "{place} {topic}: talks on {noun} resume",
        "Pressure grows over {noun} in {place}",
        "{Org} defends {noun} as critics question costs",
        "What the {noun} means for {place}",
        "{place} waits for answers on {noun}",
    ];

    private static readonly Topic[] Topics =
    [
        new("port strike", ["strike", "pay offer", "automation plan", "mediation", "ballot"],
            ["the Harbour Authority", "Greywater Logistics", "the Dockworkers' Federation", "the Ministry of Transport"],
            ["Prime Minister", "union chairman", "chief executive", "Transport Minister"], ["prime minister", "union leader", "executive", "minister"]),
        new("budget", ["budget", "tax plan", "spending review", "deficit", "pension reform"],
            ["the Ministry of Finance", "the central bank", "the Treasury", "the opposition"],
            ["Finance Minister", "opposition leader", "central bank governor", "Senator"], ["minister", "opposition leader", "governor", "senator"]),
        new("flood", ["flood defence", "relief fund", "evacuation", "river barrier", "clean-up"],
            ["the Environment Agency", "the city council", "the Red Cross", "the fire service"],
            ["Mayor", "fire chief", "Environment Minister", "council leader"], ["mayor", "fire chief", "minister", "council leader"]),
        new("hospital", ["hospital", "waiting list", "nurses' pay", "new wing", "emergency ward"],
            ["the Ministry of Health", "the nurses' union", "the regional health board", "St. Anne's Hospital"],
            ["Health Minister", "chief nurse", "hospital director", "Dr."], ["minister", "nurse", "director", "doctor"]),
        new("election", ["election", "campaign", "ballot", "coalition", "recount"],
            ["the electoral commission", "the Liberal Party", "the Labour Party", "the Greens"],
            ["party leader", "campaign manager", "President", "Senator"], ["party leader", "campaign chief", "president", "senator"]),
        new("energy prices", ["energy price cap", "gas contract", "wind farm", "power grid", "subsidy"],
            ["Northgrid Energy", "the energy regulator", "the Ministry of Energy", "the consumer council"],
            ["Energy Minister", "chief executive", "regulator", "spokeswoman"], ["minister", "executive", "regulator", "spokeswoman"]),
        new("school reform", ["school reform", "exam system", "teachers' contract", "curriculum", "school building"],
            ["the Ministry of Education", "the teachers' union", "the school board", "the parents' association"],
            ["Education Minister", "union general secretary", "head teacher", "professor"], ["minister", "union leader", "head teacher", "professor"]),
        new("bridge", ["bridge", "toll", "road closure", "rail link", "tender"],
            ["the roads agency", "Castellan Construction", "the city council", "the Ministry of Transport"],
            ["Mayor", "chief engineer", "Transport Minister", "council leader"], ["mayor", "engineer", "minister", "council leader"]),
        new("trade deal", ["trade deal", "tariff", "export quota", "customs check", "agreement"],
            ["the Ministry of Trade", "the farmers' union", "the chamber of commerce", "the European Commission"],
            ["Trade Minister", "farmers' leader", "ambassador", "Commissioner"], ["minister", "farmers' leader", "ambassador", "commissioner"]),
        new("wildfire", ["wildfire", "evacuation order", "fire break", "relief payment", "forest plan"],
            ["the fire service", "the forestry office", "the regional government", "the Red Cross"],
            ["Governor", "fire chief", "Interior Minister", "police chief"], ["governor", "fire chief", "minister", "police chief"]),
    ];

    private static readonly string[] Places = ["Port Emry", "Altrena", "Kestrel Bay", "Valdoria", "Saltmarsh", "Northbridge", "Lowhaven", "Carrow",
        "Westmere", "Dunmore", "Eastwick", "Hollin", "Marrowfield", "Redcliffe", "Stonebury", "Tarnhill", "Upton Vale", "Brightwater"];

    private static readonly string[] MaleNames = ["James", "Robert", "Michael", "David", "Thomas", "Daniel", "Mark", "Paul", "Peter", "Andrew",
        "Joseph", "Richard", "Charles", "Steven", "Kevin", "Brian", "George", "Edward", "Jonathan", "Frank", "Patrick", "Gregory", "Samuel",
        "Henry", "Adam", "Victor", "Martin", "Oliver", "Simon", "Nicholas"];

    private static readonly string[] FemaleNames = ["Mary", "Sarah", "Maria", "Anna", "Laura", "Emma", "Julia", "Helen", "Karen", "Linda",
        "Susan", "Elizabeth", "Rachel", "Catherine", "Nancy", "Rebecca", "Sophie", "Alice", "Claire", "Diana", "Eva", "Grace", "Irene",
        "Margaret", "Natalie", "Olivia", "Ruth", "Teresa", "Victoria", "Wendy"];

    private static readonly string[] Surnames = ["Morell", "Mirzhanenko", "Ostrand", "Pereth", "Lindqvar", "Ardoux", "Varro", "Maro", "Quenneth",
        "Tessaly", "Brannagh", "Lenz", "Penhallow", "Halvik", "Aldous", "Quill", "Farrow", "Coble", "Dray", "Brandt", "Sollis", "Venn", "Brodie",
        "Kovalenko", "Haldane", "Moreau", "Castellan", "Ivarsson", "Petrov", "Novak", "Larkin", "Okafor", "Reyes", "Tanaka", "Weiss", "Dubois",
        "Horvath", "Lindgren", "Marsh", "Abara", "Fenwick", "Grau", "Ishida", "Kowalski", "Nadler", "Orsini", "Pryce", "Ruskin", "Stroud",
        "Achterberg", "Baranski", "Carvalho", "Delacroix", "Eriksen", "Fitzgerald", "Gallo", "Hoffmann", "Iglesias", "Jansen", "Kaminski",
        "Lombardi", "Mendoza", "Nakamura", "Oduya", "Palmer", "Quintero", "Rasmussen", "Schreiber", "Thorne", "Ulrich", "Vasquez", "Whitlock",
        "Yilmaz", "Zeller", "Ambrose", "Bellamy", "Crane", "Duarte", "Ellery", "Foss", "Garrick", "Hale", "Ingram", "Jasper", "Keane", "Lowell",
        "Mercer", "Nash", "Oakes", "Prescott", "Radley", "Sheridan", "Tolliver", "Underhill", "Vance", "Wendell", "Yardley", "Zimmer",
        "Antonescu", "Bogdanov", "Chernenko", "Dmitrienko", "Evdokimov", "Fedorenko", "Gavrilenko", "Hrushevsky", "Ivanenko", "Yakovenko",
        "Zelensky", "Shevchenko", "Tkachenko", "Kravchenko", "Bondarenko", "Melnyk", "Lysenko", "Marchenko", "Rudenko", "Savchenko",
        "Adeyemi", "Balogun", "Chukwu", "Danjuma", "Eze", "Fashola", "Gowon", "Ibekwe", "Jibril", "Kalu", "Lawal", "Mohammed", "Nwosu",
        "Obi", "Popoola", "Sanusi", "Tinubu", "Uche", "Wike", "Yusuf", "Alvarez", "Bautista", "Cordero", "Dominguez", "Espinoza",
        "Fuentes", "Guerrero", "Herrera", "Ibarra", "Jimenez", "Lozano", "Montoya", "Navarro", "Ortega", "Pacheco"];

    private static readonly string[] Outlets = MakeOutlets();

    private static string[] MakeOutlets()
    {
        string[] towns = ["Harbor", "Northern", "Valdoria", "Emry", "Coastal", "Capital", "Western", "Eastern", "Riverside", "Summit",
            "Altrena", "Kestrel", "Lowhaven", "Carrow", "Westmere", "Dunmore", "Hollin", "Redcliffe", "Stonebury", "Brightwater"];
        string[] kinds = ["Times", "Post", "Wire", "Ledger", "Courier", "Herald", "Gazette", "Tribune", "Observer", "Chronicle"];
        return towns.SelectMany(t => kinds.Select(k => $"{t} {k}")).ToArray(); // 200 outlets
    }

    private static string Slug(string outlet) => outlet.ToLowerInvariant().Replace(' ', '-');

    private static string Transliterate(string name) => name
        .Replace("sky", "skyy", StringComparison.Ordinal).Replace("zh", "z", StringComparison.Ordinal)
        .Replace("enko", "enco", StringComparison.Ordinal);

    // ------------------------------------------------------------------ random numbers

    internal static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>SplitMix64 seeded by (seed, stream, number): the same triple always gives the same sequence, on every platform.</summary>
    private struct Rng(ulong seed, ulong stream, ulong number)
    {
        private ulong _state = Mix(seed ^ Mix(stream * 0x9E3779B97F4A7C15UL ^ Mix(number + 0x632BE59BD9B4E019UL)));

        public ulong NextUlong()
        {
            _state += 0x9E3779B97F4A7C15UL;
            return Mix(_state);
        }

        public int Next(int max) => (int)((NextUlong() >> 33) % (ulong)max);

        public double NextDouble() => (NextUlong() >> 11) * (1.0 / (1UL << 53));

        /// <summary>0..max-1, low values far more likely (u to the power).</summary>
        public long Skewed(long max, int power)
        {
            var u = NextDouble();
            var v = u;
            for (var i = 1; i < power; i++) v *= u;
            return Math.Min(max - 1, (long)(max * v));
        }

        public double Gaussian()
        {
            var u1 = 1.0 - NextDouble();
            var u2 = NextDouble();
            return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        }
    }
}
