using System.Globalization;
using System.Text;
using Verbatim.Pipeline;
using Verbatim.Quotes;
using Verbatim.Text;

namespace Verbatim.Speakers;

/// <summary>
/// Resolves each attribution's source mention to a speaker of the article: names with their titles,
/// surnames and spelling variants of one name (Zelensky, Zelenskyy), pronouns to the last compatible
/// person, descriptions (the Ukrainian leader) to the person they describe, groups and organisations.
/// </summary>
public sealed class SpeakerResolver : IStage
{
    public string Name => "speakers";

    private readonly Gazetteer _gazetteer = Gazetteer.Default;

    private sealed class State
    {
        public readonly List<Entity> Entities = [];
        public readonly List<Mention> NameMentions = [];
        /// <summary>The drafts whose cue is a question put to someone ("asked Sanders whether"), found once per document.</summary>
        public List<AttributionDraft>? Questions;
        /// <summary>Person entities by surname key, so that a name is matched without a scan of every entity.</summary>
        public readonly Dictionary<string, List<int>> BySurname;
        public readonly Dictionary<string, List<int>>.AlternateLookup<ReadOnlySpan<char>> BySurnameSpan;

        public State()
        {
            BySurname = new(StringComparer.Ordinal);
            BySurnameSpan = BySurname.GetAlternateLookup<ReadOnlySpan<char>>();
        }
        /// <summary>Groups and organisations by type and name.</summary>
        public readonly Dictionary<(SpeakerType, string), int> ByName = [];
        /// <summary>Whether the article is an interview's transcript (a paragraph opens with "Q:"), found once per document.</summary>
        public bool? Transcript;
    }

    public void Run(Document doc)
    {
        var state = new State();
        FindNames(doc, state);

        int lastSpeaker = -1;
        int lastSpeakerParagraph = -1;
        var bySource = new Dictionary<(int, int), int>();
        foreach (var d in doc.Attributions)
        {
            if (!d.HasSource)
            {
                if (d.CarriedFrom is { } from) d.Entity = from.Entity; // a floating quotation: the speaker carries on
                continue;
            }
            // Several quotes share one source mention (a cue with a quotation and reported words): resolve it once.
            if (bySource.TryGetValue((d.SourceFirst, d.SourceEnd), out int known))
            {
                d.Entity = known;
                continue;
            }
            d.Entity = ResolveSource(doc, state, d.SourceFirst, d.SourceEnd, lastSpeaker, lastSpeakerParagraph);
            if (d.Entity >= 0) bySource[(d.SourceFirst, d.SourceEnd)] = d.Entity;
            if (d.Entity >= 0 && state.Entities[d.Entity].Type == SpeakerType.Person)
            {
                lastSpeaker = d.Entity;
                lastSpeakerParagraph = doc.ParagraphOfToken[d.SourceFirst];
            }
        }

        // Speakers: every entity a quote resolved to, with all of its mentions.
        doc.EntityNames = state.Entities.Select(en => (OutputName(doc, en), OutputType(en))).ToArray();
        var used = new SortedSet<int>();
        foreach (var d in doc.Attributions)
            if (d.Entity >= 0) used.Add(d.Entity);
        var text = doc.Text;
        foreach (var e in used)
        {
            var entity = state.Entities[e];
            var mentions = entity.Mentions
                .Select(m => new TextSpan(doc.Tokens[m.FirstToken].Start, doc.Tokens[m.EndToken - 1].End))
                .Distinct()
                .OrderBy(s => s.Start)
                .Select(s => SpanText.Of(text, s))
                .ToArray();
            var (name, type) = doc.EntityNames[e];
            doc.Speakers.Add(new Speaker
            {
                Id = Slug(name),
                Name = name,
                Type = type,
                Title = entity.Title,
                Mentions = mentions,
            });
        }
    }

    /// <summary>
    /// The name a speaker is reported with: a person the article names only by the surname of the president or vice
    /// president in office on the article's date is given that person's name ("Obama" in 2016 → Barack Obama), as the
    /// corpus shows it; any other name as the article gives it.
    /// </summary>
    private string OutputName(Document doc, Entity entity)
    {
        if (entity.Type != SpeakerType.Person || entity.FirstName is not null || entity.Name.Contains(' ') || doc.Article.Date is not { } date)
            return entity.Name;
        return _gazetteer.PresidentInOffice(entity.Name, date, entity.Gender) ?? entity.Name;
    }

    /// <summary>
    /// The type a speaker is reported with: a country, capital or state that speaks ("Russia said", "The United States
    /// said", "Texas sued") is its government, a body; inside the stage it stays what it was found as, so that which
    /// mentions pronouns reach does not change.
    /// </summary>
    private SpeakerType OutputType(Entity entity)
    {
        if (entity.Type is not (SpeakerType.Group or SpeakerType.Unknown)) return entity.Type;
        var name = StripPossessive(entity.Name);
        // Not a place that is also a given name, and so often a surname (Rep. Jim Jordan, "Jordan said"; Georgia, Chad).
        return _gazetteer.IsPlaceName(name) && !_gazetteer.IsFirstName(name) ? SpeakerType.Organization : entity.Type;
    }

    // ---------------------------------------------------------------- names in the text

    private void FindNames(Document doc, State state)
    {
        var tokens = doc.Tokens;
        int i = 0;
        var titleCaseLine = (First: 0, End: 0, TitleCase: false);
        var headlineWords = new List<int>();
        while (i < tokens.Count)
        {
            if (!IsNameToken(doc, i))
            {
                i++;
                continue;
            }
            int start = i;
            int end = i + 1;
            while (end < tokens.Count && doc.SentenceOfToken[end] == doc.SentenceOfToken[start])
            {
                // "CNN’s Jake Tapper", "Fox News' Sean Hannity": a possessive ends its name; the next one starts after it.
                if (OwnerBeforeName(doc, end - 1)) break;
                if (IsNameToken(doc, end) && !doc.Tokens[end].Is(TokenFlags.LineStart)) { end++; continue; }
                // Sen. / Gen. / Mr.: the period of a title abbreviation stays in the run.
                if (AttributionFinder.IsPunct(doc, end, '.') && doc.Tokens[end - 1].End == doc.Tokens[end].Start
                    && Lexicon.Abbreviations.Contains(doc.TokenText(end - 1)) && end + 1 < tokens.Count && IsNameToken(doc, end + 1))
                { end++; continue; }
                // a middle initial: Donald J. Trump, Harry M. Reid
                if (AttributionFinder.IsPunct(doc, end, '.') && doc.Tokens[end - 1].End == doc.Tokens[end].Start && end - 1 > start
                    && doc.Tokens[end - 1].Length == 1 && end + 1 < tokens.Count && IsNameToken(doc, end + 1)
                    && doc.SentenceOfToken[end + 1] == doc.SentenceOfToken[start])
                { end++; continue; }
                // particles inside names: Charles de Gaulle, Ursula von der Leyen
                if (IsParticle(doc.TokenText(end)) && end + 1 < tokens.Count && IsNameToken(doc, end + 1)) { end++; continue; }
                // a quoted nickname after a given name: Mikel "The Tugboat" Varro
                if (end - start == 1 && NicknameEnd(doc, end, doc.SentenceOfToken[start]) is var after and > 0)
                { end = after; continue; }
                break;
            }
            // A capitalised function word that opens a sentence, or a quotation or bracket inside one, is not part of a name
            // (The, While, In; “For Trump to …”, "Had Sanders won", "Of Sanders, McCaskill said").
            bool opensClause = OpensClause(doc, start);
            if (opensClause && IsCapitalisedFunctionWord(doc, start))
                start++;
            // Nor is a lone common word that opens one ("Cost estimates, he added, ..."), by the tagger.
            else if (end - start == 1 && opensClause && doc.PosTags.Length == tokens.Count
                     && doc.PosTags[start] is Learning.PosTagger.Noun or Learning.PosTagger.Adj or Learning.PosTagger.Verb
                         or Learning.PosTagger.Adv or Learning.PosTagger.Num) // also "Whatever transpires", "Toward the end"
                start++;
            if (end > start && !IsPartyTag(doc, start))
            {
                if (IsTitleCaseLine(doc, start, ref titleCaseLine)) AddHeadlineNames(doc, state, start, end, headlineWords);
                else AddNameRun(doc, state, start, end);
            }
            i = end;
        }
        // Lone headline words once every name of the article is known; mentions stay in text order.
        if (headlineWords.Count == 0) return;
        foreach (int k in headlineWords) AddHeadlineWord(doc, state, k);
        state.NameMentions.Sort((a, b) => a.FirstToken.CompareTo(b.FirstToken));
    }

    /// <summary>
    /// Whether token <paramref name="k"/> is on a line set in title case (a headline: "Former Clinton Pollster Douglas
    /// Schoen Says Clinton Is In Trouble"), where capitals run across names and words alike. The line last decided is
    /// kept in <paramref name="line"/> (its first token, end token and verdict).
    /// </summary>
    private static bool IsTitleCaseLine(Document doc, int k, ref (int First, int End, bool TitleCase) line)
    {
        if (k >= line.First && k < line.End) return line.TitleCase;
        // A headline is short: a line longer than that is running text, found without walking it (a 10 MB line is one line).
        int first = k;
        while (first > 0 && !doc.Tokens[first].Is(TokenFlags.LineStart) && k - first < MaxHeadlineTokens) first--;
        int end = k + 1;
        while (end < doc.Tokens.Count && !doc.Tokens[end].Is(TokenFlags.LineStart) && end - first < MaxHeadlineTokens) end++;
        if (end - first >= MaxHeadlineTokens)
        {
            line = (first + 1, end, false); // no line starts inside: every token there is on a line too long
            return false;
        }
        int words = 0, capitalised = 0;
        for (int t = first; t < end && words <= 40; t++)
        {
            if (doc.Tokens[t].Kind != TokenKind.Word || doc.Tokens[t].Length < 4) continue;
            words++;
            if (doc.Tokens[t].IsCapitalized) capitalised++;
        }
        line = (first, end, words >= 4 && words <= 40 && capitalised * 5 >= words * 4);
        return line.TitleCase;
    }

    private const int MaxHeadlineTokens = 80;

    /// <summary>
    /// The names in a capitalised run of a headline: the run is cut at its function words ("Says", "Is", "To", "The"),
    /// and a piece names a person from a given name on, with the given name's surname (and the title before it): "Former
    /// Clinton Pollster Douglas Schoen Says" → Douglas Schoen; "Obamacare Replacement" names no one. A lone word is kept
    /// for later: it refers to a person the article names elsewhere, or to no one.
    /// </summary>
    private void AddHeadlineNames(Document doc, State state, int start, int end, List<int> loneWords)
    {
        int piece = start;
        for (int k = start; k <= end; k++)
        {
            if (k < end && !IsHeadlineFunctionWord(doc.TokenText(k))) continue;
            if (k - piece == 1) loneWords.Add(piece);
            for (int g = piece; g < k - 1; g++)
            {
                if (!OpensHeadlineName(doc, g)) continue;
                int nameEnd = g + 2;
                // a middle initial: Donald J. Trump
                if (doc.Tokens[g + 1].Length == 1 && AttributionFinder.IsPunct(doc, g + 2, '.') && g + 3 < k) nameEnd = g + 4;
                AddNameRun(doc, state, TitleStart(doc, piece, g), Math.Min(nameEnd, k));
                g = nameEnd - 1;
            }
            piece = k + 1;
        }
    }

    /// <summary>A given name not followed by a title: where a name in a headline's capitals starts.</summary>
    private bool OpensHeadlineName(Document doc, int g) =>
        _gazetteer.IsFirstName(doc.TokenText(g)) && !Lexicon.TitleWords.Contains(doc.TokenText(g + 1));

    /// <summary>A lone capitalised word of a headline ("Sanders", "Hillary"): a mention of a person named elsewhere in the
    /// article, else of no one ("Executed", "Thing").</summary>
    private void AddHeadlineWord(Document doc, State state, int k)
    {
        var mention = new Mention { FirstToken = k, EndToken = k + 1, Kind = MentionKind.Name, NameFirst = k, InQuotation = doc.QuotationOfToken[k] >= 0 };
        mention.Entity = PersonEntity(doc, state, mention, create: false, earlier: true);
        if (mention.Entity >= 0) state.NameMentions.Add(mention);
    }

    /// <summary>Where the title before the name at <paramref name="name"/> starts, no earlier than <paramref name="from"/>.</summary>
    private static int TitleStart(Document doc, int from, int name)
    {
        int t = name;
        while (t > from && (IsTitleToken(doc, t - 1) || AttributionFinder.IsPunct(doc, t - 1, '.'))) t--;
        return t;
    }

    /// <summary>A word a headline's capitals run over but no name holds: a closed-class word, or a verb of saying.</summary>
    private static bool IsHeadlineFunctionWord(ReadOnlySpan<char> w) =>
        ClosedClassWords.Contains(StripPossessive(w)) || w is "Says" or "Said" or "Say" or "Tells" or "Told" or "Why" or "How" or "What" or "Who"
            or "When" or "Where" or "Just";

    /// <summary>
    /// Whether token <paramref name="k"/> opens a sentence, or a quotation, bracket, aside or line inside one: where a
    /// function word is capitalised for its place, not for a name.
    /// </summary>
    private static bool OpensClause(Document doc, int k)
    {
        if (k == doc.Sentences[doc.SentenceOfToken[k]].FirstToken || doc.Tokens[k].Is(TokenFlags.LineStart)) return true;
        var before = doc.Tokens[k - 1];
        if (before.Kind == TokenKind.QuoteMark) return !doc.Tokens[k].Is(TokenFlags.SpaceBefore);
        return before.Kind == TokenKind.Punctuation && doc.Text[before.Start] is '(' or '[' or ':' or '>' or '\u2013' or '\u2014';
    }

    private static bool HasNameAfterTitle(Document doc, int first, int end)
    {
        for (int k = first; k < end; k++)
            if (!IsTitleToken(doc, k) && !AttributionFinder.IsPunct(doc, k, '.')) return true;
        return false;
    }

    /// <summary>A word that opens sentences but no names: The, While, In; a closed-class word (Had, Of, Within, Everyone),
    /// unless it can be a given name (Will Estrada). Not by the tagger, which reads names there as anything ("Zach/DET
    /// Carter", "Armstrong/ADP Williams").</summary>
    private static bool IsCapitalisedFunctionWord(Document doc, int k) =>
        IsSentenceOpener(doc, k) || ClosedClassWords.Contains(Lexicon.WithoutPronounContraction(doc.TokenText(k))) && !Gazetteer.Default.IsFirstName(doc.TokenText(k));

    private static readonly WordSet ClosedClassWords = WordSet.Of("""
        about above across after against along amid among around as at before behind below beneath beside besides between
        beyond but by despite down during except for from in inside into like near of off on onto out outside over past per
        since through throughout till to toward towards under underneath unlike until up upon via with within without
        i me my mine we us our ours you your yours he him his she her hers it its they them their theirs
        everyone everybody someone somebody anyone anybody nobody none nothing something anything everything each either
        neither both all some many most few several whoever whatever whichever whomever this that these those the a an
        and or nor so yet because although though while whereas unless if whether then than wherever whenever however once when where
        am is are was were be been being have has had do does did will would shall should can could may might must
        not no yes oh well there here
        maybe perhaps later earlier meanwhile still also instead afterward afterwards previously recently now today yesterday
        tonight again even only indeed finally separately similarly thus hence likewise certainly clearly obviously apparently
        probably possibly actually sometimes often never always already soon ultimately eventually initially originally
        privately publicly notably specifically ironically fortunately unfortunately frankly honestly basically essentially
        """);

    /// <summary>The abbreviation a title word is written as before a name ("senator" → "Sen"), or null.</summary>
    private static string? AbbreviationOf(ReadOnlySpan<char> word)
    {
        foreach (var (abbreviation, full) in TitleAbbreviations)
            if (word.Equals(full, StringComparison.OrdinalIgnoreCase)) return abbreviation;
        return null;
    }

    private static readonly (string Abbreviation, string Word)[] TitleAbbreviations =
    [
        ("Sen", "senator"), ("Gov", "governor"), ("Rep", "congressman"), ("Rep", "congresswoman"), ("Dr", "doctor"),
        ("Gen", "general"), ("Adm", "admiral"), ("Col", "colonel"), ("Lt", "lieutenant"), ("Sgt", "sergeant"), ("Capt", "captain"),
        ("Prof", "professor"),
    ];

    /// <summary>A party tag in brackets or commas after a name ("(D-Calif.)", "(R-Utah)", "Kevin McCarthy, R-Calif.,"): no
    /// one's name.</summary>
    private static bool IsPartyTag(Document doc, int k)
    {
        var w = doc.TokenText(k);
        return k > 0 && (AttributionFinder.IsPunct(doc, k - 1, '(') || AttributionFinder.IsPunct(doc, k - 1, ','))
               && w.Length >= 3 && w[0] is 'D' or 'R' or 'I' && w[1] == '-' && char.IsUpper(w[2]) && w is not "D-Day";
    }

    /// <summary>After a quoted nickname that opens at <paramref name="k"/> (a mark, one to three capitalised words, a mark)
    /// and is followed by a name token in the same sentence, the index of that token; else -1.</summary>
    private static int NicknameEnd(Document doc, int k, int sentence)
    {
        if (k >= doc.Tokens.Count || doc.Tokens[k].Kind != TokenKind.QuoteMark) return -1;
        int j = k + 1;
        while (j < doc.Tokens.Count && j - k <= 3 && IsNameToken(doc, j)) j++;
        if (j == k + 1 || j >= doc.Tokens.Count || doc.Tokens[j].Kind != TokenKind.QuoteMark) return -1;
        return j + 1 < doc.Tokens.Count && IsNameToken(doc, j + 1) && doc.SentenceOfToken[j + 1] == sentence ? j + 1 : -1;
    }

    private static bool IsNameToken(Document doc, int k)
    {
        var t = doc.Tokens[k];
        return t.Kind == TokenKind.Word && t.IsCapitalized;
    }

    private static Gender HonorificGender(ReadOnlySpan<char> w) =>
        w is "Mr" or "Mr." ? Gender.Male : w is "Mrs" or "Mrs." or "Ms" or "Ms." ? Gender.Female : Gender.Unknown;

    private static bool IsNameSuffix(ReadOnlySpan<char> w) => w is "Jr" or "Sr" or "II" or "III" or "IV";

    private static bool IsParticle(ReadOnlySpan<char> w) =>
        w is "de" or "van" or "von" or "der" or "bin" or "al" or "da" or "del" or "la" or "le" or "di" or "du";

    private static bool IsSentenceOpener(Document doc, int k)
    {
        var w = doc.TokenText(k);
        if (Lexicon.Determiners.Contains(w) || Lexicon.ClauseBoundaries.Contains(w) || Lexicon.SubjectPronouns.Contains(w)) return true;
        // Finally, Reportedly, Asked: by their endings, unless a given name (Carly, Ted, Sterling)
        if ((w.EndsWith("ing", StringComparison.Ordinal) || w.EndsWith("ly", StringComparison.Ordinal) || w.EndsWith("ed", StringComparison.Ordinal))
            && !Gazetteer.Default.IsFirstName(w)) return true;
        return w is "In" or "On" or "At" or "For" or "With" or "And" or "But" or "Or" or "To" or "From" or "By" or "After" or "Before"
            or "During" or "Despite" or "Still" or "Yet" or "Also" or "Then" or "There" or "Here" or "Now" or "Today" or "Yesterday"
            or "Asked" or "Even" or "Meanwhile" or "However" or "Instead" or "Like" or "Unlike" or "Among" or "Over" or "Under"
            or "Given" or "Amid" or "Against" or "Without" or "Within" or "Through";
    }

    /// <summary>Splits a capitalised run into title and name, and records person and organisation names.</summary>
    private void AddNameRun(Document doc, State state, int start, int end)
    {
        int nameFirst = start;
        while (nameFirst < end && (IsTitleToken(doc, nameFirst) || AttributionFinder.IsPunct(doc, nameFirst, '.'))) nameFirst++;
        if (nameFirst >= end) return; // only a title: President, White House
        nameFirst = NameAfterUnlistedTitle(doc, nameFirst, end);
        int titleFirst = start;
        if (TitleOfBefore(doc, start) is var titleStart and >= 0)
        {
            titleFirst = titleStart;
            nameFirst = NameAfterTitleOf(doc, nameFirst, end);
        }
        // "The Washington Post's Ed O'Keefe": the owner is the person's affiliation, their title here (so that "the former
        // Florida governor" is never the reporter quoted before it).
        else if (nameFirst == start && start > 0 && OwnerBeforeName(doc, start - 1))
        {
            titleFirst = start - 1;
            while (titleFirst > 0 && IsNameToken(doc, titleFirst - 1) && !doc.TokenIs(titleFirst - 1, "the")
                   && doc.SentenceOfToken[titleFirst - 1] == doc.SentenceOfToken[start] && !OwnerBeforeName(doc, titleFirst - 1))
                titleFirst--;
        }
        if (nameFirst == start && (IsPlaceAfterPreposition(doc, start, end) || IsPlaceByItsContext(doc, start, end))) return;
        if (nameFirst == start && IsRestOfBodyName(doc, start, end)) return;
        var kind = ClassifyName(doc, nameFirst, end, hasTitle: nameFirst > titleFirst);
        if (kind is null) return;
        var mention = new Mention
        {
            FirstToken = titleFirst, EndToken = end, Kind = kind.Value, NameFirst = nameFirst,
            InQuotation = doc.QuotationOfToken[start] >= 0,
        };
        if (kind == MentionKind.Name)
        {
            mention.Entity = PersonEntity(doc, state, mention, create: true);
            if (mention.Entity >= 0) state.NameMentions.Add(mention);
        }
    }

    /// <summary>
    /// "Secretary of State Hillary Clinton", "Chief of Staff Ron Klain", "Speaker of the House Paul Ryan", "Undersecretary for
    /// Political Affairs Wendy Sherman": where the title before the "of" or "for" (and "the") ending at
    /// <paramref name="start"/> starts, or -1 when no such title comes before it.
    /// </summary>
    private static int TitleOfBefore(Document doc, int start)
    {
        int of = start - 1;
        if (of >= 1 && doc.TokenIs(of, "the")) of--;
        if (of < 1 || !IsNameToken(doc, of - 1)) return -1;
        var title = doc.TokenText(of - 1);
        // "Campaign for Trump" is no title: "for" names an office after the words that hold one.
        if (!(doc.TokenIs(of, "of") && (Lexicon.TitleWords.Contains(title) || OfficeTitles.Contains(title))
              || doc.TokenIs(of, "for") && OfficeTitles.Contains(title))) return -1;
        int first = of - 1;
        while (first > 0 && doc.SentenceOfToken[first - 1] == doc.SentenceOfToken[of]
               && (IsNameToken(doc, first - 1) && (IsTitleToken(doc, first - 1) || Lexicon.TitleWords.Contains(doc.TokenText(first - 1))
                                                   || OfficeTitleQualifiers.Contains(doc.TokenText(first - 1)))
                   || AttributionFinder.IsPunct(doc, first - 1, '.') && first >= 2 && Lexicon.Abbreviations.Contains(doc.TokenText(first - 2))))
            first--;
        return first;
    }

    /// <summary>Titles that name their office with "of" or "for" ("Undersecretary for Political Affairs"); with "of", the
    /// lexicon's title words do too.</summary>
    private static readonly WordSet OfficeTitles = WordSet.Of(
        "undersecretary under-secretary secretary minister commissioner envoy director representative coordinator administrator czar");

    /// <summary>Words that open such a title: "Assistant Secretary for Public Affairs", "Principal Deputy Director of".</summary>
    private static readonly WordSet OfficeTitleQualifiers = WordSet.Of("assistant associate principal");

    /// <summary>After "Secretary of": the object of the title runs up to a given name ("State Hillary Clinton",
    /// "Homeland Security Alejandro Mayorkas"), else to the surname ("State Clinton").</summary>
    private int NameAfterTitleOf(Document doc, int nameFirst, int end)
    {
        for (int g = nameFirst; g < end - 1; g++)
            if (_gazetteer.IsFirstName(doc.TokenText(g))) return g;
        return end - 1;
    }

    /// <summary>
    /// "a nurse in Dayton", "spoke outside Des Moines": a name after a preposition of place is a place, unless it is a
    /// full name that opens with a given name or a possessive ("in Clinton's words").
    /// </summary>
    private bool IsPlaceAfterPreposition(Document doc, int start, int end)
    {
        if (start == 0 || !(doc.TokenIs(start - 1, "in") || doc.TokenIs(start - 1, "near") || doc.TokenIs(start - 1, "outside")
                             || doc.TokenIs(start - 1, "across") || doc.TokenIs(start - 1, "throughout"))) return false;
        if (end - start > 1 && _gazetteer.IsFirstName(doc.TokenText(start))) return false; // "in Dayton" is a place though Dayton is a given name
        var last = doc.TokenText(end - 1);
        return !(last.EndsWith("'s", StringComparison.Ordinal) || last.EndsWith("\u2019s", StringComparison.Ordinal))
               && !(end < doc.Tokens.Count && (doc.TokenIs(end, "'s") || doc.TokenIs(end, "\u2019s")));
    }

    /// <summary>
    /// "Ku Klux Klan Grand Wizard David Duke": two or more capitalised words the title lexicon does not know, before a given
    /// name that opens the run's last two or three words, are the person's title; the name starts at the given name. Not
    /// when the run opens on a given name itself (Mary Kay Henry) or holds an initial (W. Neil Eggleston).
    /// </summary>
    private int NameAfterUnlistedTitle(Document doc, int nameFirst, int end)
    {
        if (end - nameFirst < 4 || _gazetteer.IsFirstName(doc.TokenText(nameFirst))) return nameFirst;
        for (int g = Math.Max(nameFirst + 2, end - 3); g <= end - 2; g++)
        {
            if (!_gazetteer.IsFirstName(doc.TokenText(g)) || !doc.Tokens[g].IsCapitalized) continue;
            // at least two words of title, none an initial ("W. Neil Eggleston" keeps its initial)
            for (int k = nameFirst; k < g; k++)
                if (doc.Tokens[k].Length == 1 || AttributionFinder.IsPunct(doc, k, '.')) return nameFirst;
            return g;
        }
        return nameFirst;
    }

    /// <summary>
    /// "Nice, France", "Hemet, California", "the city of Nice": a place named by the country or state after its comma, or
    /// by the word for a town before it (a person's given name, "Jimmy Ghazal, Lebanon", keeps the run a person's).
    /// </summary>
    private bool IsPlaceByItsContext(Document doc, int start, int end)
    {
        if (end - start > 1 && _gazetteer.IsFirstName(doc.TokenText(start))) return false;
        if (start >= 2 && doc.TokenIs(start - 1, "of") && PlaceNouns.Contains(doc.TokenText(start - 2))) return true;
        if (end + 1 >= doc.Tokens.Count || !AttributionFinder.IsPunct(doc, end, ',') || !doc.Tokens[end + 1].IsCapitalized) return false;
        if (_gazetteer.IsPlaceName(doc.TokenText(end + 1))) return true;
        // two-word states and countries: "New Hampshire", "South Africa"
        return end + 2 < doc.Tokens.Count && doc.Tokens[end + 2].Start == doc.Tokens[end + 1].End + 1
               && _gazetteer.IsPlaceName(doc.Text.AsSpan(doc.Tokens[end + 1].Start, doc.Tokens[end + 2].End - doc.Tokens[end + 1].Start));
    }

    /// <summary>"the Foundation for Middle East Peace", "the Institute of World Affairs": capitals after a body's word and
    /// "for"/"of"/"on" end the body's name; no person, unless they hold a given name or a title ("Center for American
    /// Progress President Neera Tanden").</summary>
    private bool IsRestOfBodyName(Document doc, int start, int end)
    {
        if (start < 2 || !(doc.TokenIs(start - 1, "for") || doc.TokenIs(start - 1, "of") || doc.TokenIs(start - 1, "on"))
            || !doc.Tokens[start - 2].IsCapitalized || !Lexicon.OrganizationWords.Contains(doc.TokenText(start - 2))) return false;
        for (int k = start; k < end; k++)
            if (_gazetteer.IsFirstName(doc.TokenText(k)) || IsTitleToken(doc, k)) return false;
        return true;
    }

    private static readonly WordSet PlaceNouns = WordSet.Of("city town village suburb county borough port province region capital");

    private static bool IsTitleToken(Document doc, int k)
    {
        var w = doc.TokenText(k);
        if (Lexicon.TitleWords.Contains(w) || Lexicon.AffiliationWords.Contains(w) || WriterTitles.Contains(w)
            || doc.Tokens[k].Is(TokenFlags.DottedAbbreviation)) return true;
        // "Chief Of Staff Rahm Emanuel", "Secretary Of State John Kerry": a title's "Of" in title case, and the word after it
        if (k > 0 && w.Equals("Of", StringComparison.Ordinal) && Lexicon.TitleWords.Contains(doc.TokenText(k - 1))) return true;
        if (k > 1 && doc.TokenText(k - 1).Equals("Of", StringComparison.Ordinal) && Lexicon.TitleWords.Contains(doc.TokenText(k - 2))) return true;
        // NYPD Commissioner, CIA Director: an acronym that qualifies the title after it
        if (doc.Tokens[k].Is(TokenFlags.AllCaps) && k + 1 < doc.Tokens.Count && Lexicon.TitleWords.Contains(doc.TokenText(k + 1))) return true;
        // Treasury Secretary, Senate Minority Leader, Texas Sen.: a capitalised word that qualifies a title one or two words
        // after it. A word that can be a given name qualifies one only before a full name ("Clinton Senior Adviser Sidney
        // Blumenthal", not "Billie Jean King").
        if (!doc.Tokens[k].IsCapitalized) return false;
        bool givenName = Gazetteer.Default.IsFirstName(w);
        for (int j = k + 1; j <= k + 2 && j < doc.Tokens.Count; j++)
        {
            if (!IsNameToken(doc, j)) return false;
            if (!Lexicon.TitleWords.Contains(doc.TokenText(j))) continue;
            // the title must come before a name ("Billie Jean King" ends on a word that can be a title)
            int n = AfterTitleWord(doc, j);
            if (!givenName) return n < doc.Tokens.Count && IsNameToken(doc, n);
            while (n < doc.Tokens.Count && IsNameToken(doc, n) && Lexicon.TitleWords.Contains(doc.TokenText(n))) n = AfterTitleWord(doc, n);
            return n + 1 < doc.Tokens.Count && IsNameToken(doc, n) && IsNameToken(doc, n + 1) && doc.SentenceOfToken[n + 1] == doc.SentenceOfToken[k];
        }
        return false;
    }

    /// <summary>The token after a title word, past the period of its abbreviation ("Sen." → the name after it).</summary>
    private static int AfterTitleWord(Document doc, int j) =>
        AttributionFinder.IsPunct(doc, j + 1, '.') && doc.Tokens[j].End == doc.Tokens[j + 1].Start && Lexicon.Abbreviations.Contains(doc.TokenText(j))
            ? j + 2 : j + 1;

    /// <summary>Name (a person), Organization, or null for places and everything else.</summary>
    private MentionKind? ClassifyName(Document doc, int first, int end, bool hasTitle)
    {
        bool allPlaces = true;
        for (int k = first; k < end; k++)
        {
            var w = StripPossessive(doc.TokenText(k));
            if ((Lexicon.OrganizationWords.Contains(w) || CompanyWords.Contains(w)) && !(k == first && _gazetteer.IsFirstName(w))) return MentionKind.Organization;
            if (doc.Tokens[k].Is(TokenFlags.AllCaps) && w.Length <= 5 && !_gazetteer.IsFirstName(w)) return MentionKind.Organization;
            if (!_gazetteer.Places.Contains(w) && !Lexicon.Months.Contains(w) && !Lexicon.Weekdays.Contains(w)) allPlaces = false;
        }
        if (allPlaces) return null;
        // "BuzzFeed", "WikiLeaks", "ProPublica": a capital inside one word is a brand's, not a surname's (McConnell, DeSantis).
        if (end - first == 1 && !hasTitle && IsBrandCase(StripPossessive(doc.TokenText(first)))) return MentionKind.Organization;
        // "Democrats had …", "Millennials have …": a people, not a person (a pronoun's antecedent it must never be)
        if (end - first == 1 && IsPeoplePlural(doc.TokenText(first))) return null;
        // "Hispanic Patriots", "American Workers": a nationality or affiliation and a plural are a group.
        if (end - first >= 2 && (Lexicon.AffiliationWords.Contains(doc.TokenText(first)) || _gazetteer.Places.Contains(doc.TokenText(first))
                                 || IsPeopleSingular(doc.TokenText(first)))
            && doc.TokenText(end - 1) is var last && last.Length > 3 && last[^1] == 's' && last[^2] != 's' && !_gazetteer.IsFirstName(doc.TokenText(first)))
            return null;
        // "Election Day", "Inauguration Day", "Super Tuesday": a day's name.
        if (end - first >= 2 && (doc.TokenIs(end - 1, "Day") || Lexicon.Weekdays.Contains(doc.TokenText(end - 1)))
            && !_gazetteer.IsFirstName(doc.TokenText(end - 2))) return null; // (not "Kristen Day")
        int words = end - first;
        if (IsBodyAfterArticle(doc, first, end, hasTitle)) return MentionKind.Organization;
        // "The Hill reported", "according to The Daily Caller": a name that opens on a capitalised article and then no
        // given name is a body's or a work's ("The Atlantic", "The Islamic State"), never a person's
        if (words >= 2 && !hasTitle && doc.TokenIs(first, "The") && !_gazetteer.IsFirstName(doc.TokenText(first + 1))) return MentionKind.Organization;
        if (words >= 2 || hasTitle) return MentionKind.Name;
        return MentionKind.Name; // a lone surname: resolved against known people, else a new person
    }

    /// <summary>
    /// "Proponents say", "Mourners gathered", "Constitution requires": one capitalised word, no title, that the tagger reads
    /// as a common noun or an adjective (capitalised for opening the sentence or a heading) is no one's name, unless it is a
    /// given name, a common US surname or one of the alias seed ("Sanders", "Richards": the tagger may read them as plural
    /// nouns), or the surname of someone the article has named in full.
    /// </summary>
    private bool IsCommonWordAlone(Document doc, State state, int nameFirst, int runStart, int runEnd)
    {
        if (runEnd - nameFirst != 1 || nameFirst != runStart || doc.PosTags.Length != doc.Tokens.Count) return false;
        if (doc.PosTags[nameFirst] is not (Learning.PosTagger.Noun or Learning.PosTagger.Adj)) return false;
        var w = StripPossessive(doc.TokenText(nameFirst));
        // a surname's capital inside the word (MacNab, McConnell) is no common word's
        for (int i = 1; i < w.Length; i++)
            if (char.IsUpper(w[i]) && char.IsLower(w[i - 1])) return false;
        return !_gazetteer.IsFirstName(w) && !_gazetteer.IsCommonSurname(w) && !_gazetteer.IsSeedSurname(w) && !NamedInFull(state, w);
    }

    /// <summary>A word with a capital inside it after a lower-case letter (BuzzFeed, EgyptAir), unless what comes before it
    /// is a surname's prefix (Mc, Mac, De, Di, Da, Du, La, Le, Van, Von).</summary>
    internal static bool IsBrandCase(ReadOnlySpan<char> w)
    {
        if (w.Length < 4 || !char.IsAsciiLetterUpper(w[0])) return false;
        foreach (char c in w)
            if (!char.IsAsciiLetter(c)) return false; // "PeÃ±a": a name's broken encoding, not a brand
        for (int i = 2; i < w.Length; i++)
        {
            if (!char.IsAsciiLetterUpper(w[i]) || !char.IsAsciiLetterLower(w[i - 1])) continue;
            var prefix = w[..i];
            return !(prefix is "Mc" or "Mac" or "De" or "Di" or "Da" or "Du" or "La" or "Le" or "Van" or "Von" or "Del" or "Della" or "St"
                     or "Vande" or "Vander" or "Vanden" or "Ter" or "Ten");
        }
        return false;
    }

    /// <summary>"the Trump Train", "the Des Moines Register": after an article, capitals that open on no given name name a
    /// body or a thing, never a person whom a surname or a pronoun could continue. Not inside a longer capitalised name
    /// ("Committee for a Responsible Federal Budget", "Rock the Vote Poll"), which is the body's own.</summary>
    private bool IsBodyAfterArticle(Document doc, int first, int end, bool hasTitle)
    {
        if (end - first < 2 || hasTitle || first < 1 || _gazetteer.IsFirstName(doc.TokenText(first))) return false;
        if (!IsArticle(doc, first - 1)) return false;
        var before = first - 2;
        if (before >= 0 && (doc.TokenIs(before, "of") || doc.TokenIs(before, "for") || doc.TokenIs(before, "on"))) before--;
        return before < 0 || !IsNameToken(doc, before);
    }

    /// <summary>The only person of the article so far named by a given name, then no place, then the word at
    /// <paramref name="k"/> as the surname (Jim Jordan, Steve Israel; not "Ted Cruz South Carolina" or "Western Europe", which
    /// the capitals of a line can make); -1 when none or several. Looks only: no entity changes.</summary>
    private int PersonOfSurname(Document doc, State state, int k)
    {
        var surname = StripPossessive(doc.TokenText(k));
        if (SurnameEntities(state, surname, create: false) is not { } list) return -1;
        int found = -1;
        foreach (int e in list)
            if (state.Entities[e].Type == SpeakerType.Person && IsPersonOfSurname(state.Entities[e].Name, surname))
            {
                if (found >= 0 && found != e) return -1;
                found = e;
            }
        return found;
    }

    private bool IsPersonOfSurname(string name, ReadOnlySpan<char> surname)
    {
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 2 || !_gazetteer.IsFirstName(words[0]) || !StripPossessive(words[^1]).Equals(surname, StringComparison.OrdinalIgnoreCase)) return false;
        for (int i = 1; i < words.Length - 1; i++)
            if (_gazetteer.Places.Contains(words[i])) return false;
        return true;
    }

    /// <summary>A plural that names a people or a kind of people: a group head (Democrats, Voters), a nationality's plural
    /// (Americans, Russians, Saudis), or one of a few more (Latinos, Millennials, Friends). Surnames in -s are none of them.</summary>
    private static bool IsPeoplePlural(ReadOnlySpan<char> w)
    {
        if (w.Length < 4 || w[^1] != 's' || w[^2] == 's') return false;
        return Lexicon.GroupHeads.Contains(w) || PeoplePlurals.Contains(w) || Lexicon.AffiliationWords.Contains(w[..^1]);
    }

    /// <summary>"Hispanic", "Latino": a word whose plural names a people (<see cref="PeoplePlurals"/>).</summary>
    private static bool IsPeopleSingular(ReadOnlySpan<char> w)
    {
        if (w.Length is 0 or > 30) return false;
        Span<char> plural = stackalloc char[w.Length + 1];
        w.CopyTo(plural);
        plural[^1] = 's';
        return PeoplePlurals.Contains(plural);
    }

    private static readonly WordSet DocumentNouns = WordSet.Of("""
        poll polls report reports study survey surveys analysis memo memos documents document census data audit review
        exclusive update breaking editorial opinion video photos
        """);

    private static readonly WordSet UnresolvedPronouns = WordSet.Of("who which whom whose him them me us");
    private static readonly WordSet PeopleDeterminers = WordSet.Of("others many some several both most");

    private static readonly WordSet PeoplePlurals = WordSet.Of("""
        latinos hispanics millennials friends investors respondents audiences candidates muslims christians evangelicals
        catholics jews liberals conservatives independents gopers politicos fact-checkers immigrants refugees veterans women men
        reporters journalists commentators columnists pundits
        """);

    /// <summary>Words that end company names after a title word ("General Electric", "General Dynamics"): no person's.</summary>
    private static readonly WordSet CompanyWords = WordSet.Of("electric dynamics electronics petroleum");

    /// <summary>A capitalised word in the possessive before a given name ("CNN’s Jake Tapper", "Fox News' Sean Hannity"): the
    /// name after it is another's. Not before other words ("America's Voice", "Joey's Cafe" are names whole).</summary>
    private bool OwnerBeforeName(Document doc, int k)
    {
        if (!IsNameToken(doc, k) || k + 2 >= doc.Tokens.Count || !IsNameToken(doc, k + 1) || !IsNameToken(doc, k + 2)) return false;
        // a given name, or two words the tagger reads as a name (given names of either sex are not in the gazetteer: Dana)
        if (!_gazetteer.IsFirstName(doc.TokenText(k + 1))
            && !(doc.PosTags.Length == doc.Tokens.Count && doc.PosTags[k + 1] == Learning.PosTagger.Propn && doc.PosTags[k + 2] == Learning.PosTagger.Propn
                 && !Lexicon.OrganizationWords.Contains(doc.TokenText(k + 2)) && !_gazetteer.Places.Contains(doc.TokenText(k + 2))))
            return false;
        var w = doc.TokenText(k);
        return w.Length > 2 && (w.EndsWith("'s", StringComparison.Ordinal) || w.EndsWith("’s", StringComparison.Ordinal))
               || w.Length > 3 && (w[^1] == '\'' || w[^1] == '’') && w[^2] == 's';
    }

    private static ReadOnlySpan<char> StripPossessive(ReadOnlySpan<char> w)
    {
        if (w.Length > 2 && (w.EndsWith("'s", StringComparison.Ordinal) || w.EndsWith("’s", StringComparison.Ordinal))) return w[..^2];
        if (w.Length > 1 && (w[^1] == '\'' || w[^1] == '’')) return w[..^1];
        return w;
    }

    /// <summary>The entity of a person name: same surname (spelling variants folded) and no clashing first name.</summary>
    private int PersonEntity(Document doc, State state, Mention m, bool create, bool earlier = false)
    {
        int first = m.NameFirst;
        int end = m.EndToken;
        // "Harry B. Harris Jr.": the surname is the word before a generational suffix.
        int surnameAt = end - 1 > first && IsNameSuffix(doc.TokenText(end - 1)) ? end - 2 : end - 1;
        var surname = StripPossessive(doc.TokenText(surnameAt));
        // The surname key in a buffer: a string only for a surname not seen before in the article.
        var keyBuffer = surname.Length <= 64 ? stackalloc char[2 * surname.Length] : new char[2 * surname.Length];
        var keySpan = keyBuffer[..SurnameKey(surname, keyBuffer)];
        string? firstName = surnameAt > first && !IsLowerParticle(doc.TokenText(first)) ? doc.TokenText(first).ToString() : null;
        int best = -1;
        int bestLast = -1;
        if (!state.BySurnameSpan.TryGetValue(keySpan, out var key, out var sameSurname))
        {
            key = keySpan.ToString();
            state.BySurname[key] = sameSurname = [];
        }
        // A surname alone, when the article names two people by it (Carly and Frank Fiorina, Bill and Hillary Clinton),
        // is the one it names more: news gives the other one by a first name or a title. "Mr."/"Mrs." decide first.
        var honorific = m.FirstToken < m.NameFirst ? HonorificGender(doc.TokenText(m.NameFirst - 1 - (AttributionFinder.IsPunct(doc, m.NameFirst - 1, '.') ? 1 : 0))) : Gender.Unknown;
        int bestCount = -1;
        bool bestAgrees = false;
        foreach (int e in sameSurname)
        {
            var en = state.Entities[e];
            if (firstName is not null && en.FirstName is not null && !SameFirstName(firstName, en.FirstName)) continue;
            // the honorific's gender over a given name's guess (Mr. Graham is Lindsey Graham when he is the only Graham)
            bool agrees = honorific == Gender.Unknown || en.Gender == Gender.Unknown || en.Gender == honorific;
            int last = en.Mentions.Count > 0 ? en.Mentions[^1].FirstToken : -1;
            int count = firstName is null ? en.Mentions.Count : 0;
            if (best < 0 || agrees && !bestAgrees || agrees == bestAgrees && (count > bestCount || count == bestCount && last > bestLast))
            { best = e; bestLast = last; bestCount = count; bestAgrees = agrees; }
        }
        // A lone word that is someone's first name (Hillary) refers to that person.
        if (best < 0 && end - first == 1)
        {
            for (int e = state.Entities.Count - 1; e >= Math.Max(0, state.Entities.Count - 200); e--)
                if (state.Entities[e].Type == SpeakerType.Person && state.Entities[e].FirstName is { } fn && SameFirstName(fn, surname.ToString()))
                { best = e; break; }
        }
        if (best < 0)
        {
            if (!create) return -1;
            best = state.Entities.Count;
            var made = new Entity { Name = "", Type = SpeakerType.Person, SurnameKey = key };
            // "Obama said" in 2016, "Sanders said": the one person of the seed in office by that surname then, whose sex a
            // later "she" must agree with (a given name, an honorific or the seed's full name decides over it).
            if (firstName is null && honorific == Gender.Unknown && doc.Article.Date is { } date
                && _gazetteer.GenderOfSurnameInOffice(surname, date) is var sex and not Gender.Unknown)
            {
                made.Gender = sex;
                made.GenderFromSurname = true;
            }
            state.Entities.Add(made);
            sameSurname.Add(best);
        }
        var entity = state.Entities[best];
        // The name's text (its words joined as written) only when it names the entity with more words than before.
        int nameEnd = surnameAt < end - 1 && AttributionFinder.IsPunct(doc, end, '.') && doc.Tokens[end - 1].End == doc.Tokens[end].Start
            ? end + 1 : end; // "Jr." with its period
        if (NameSpaces(doc, first, nameEnd) + 1 > NonEmptyParts(entity.Name)) entity.Name = NameText(doc, first, nameEnd);
        if (surnameAt - first >= 2 && _gazetteer.IsFirstName(doc.TokenText(first)) && !IsArticle(doc, first - 1))
            AddFirstSurname(doc, state, surnameAt - 1, best);
        if (firstName is not null && entity.FirstName is null)
        {
            entity.FirstName = firstName;
            // The seed's sex for a person it knows by this name over the given name's usual one (Lindsey Graham).
            var g = _gazetteer.GenderOfKnownPerson(firstName, surname);
            if (g == Gender.Unknown) g = _gazetteer.GenderOfFirstName(firstName);
            if (g != Gender.Unknown) { entity.Gender = g; entity.GenderFromSurname = false; }
        }
        if (m.FirstToken < m.NameFirst)
        {
            var title = doc.Text[doc.Tokens[m.FirstToken].Start..doc.Tokens[m.NameFirst - 1].End];
            if (entity.Title is null || title.Length > entity.Title.Length) entity.Title = title;
            for (int k = m.FirstToken; k < m.NameFirst; k++)
            {
                var w = doc.TokenText(k).ToString();
                entity.TitleWords.Add(w.TrimEnd('.'));
                if (w is "Justice") entity.TitleWords.Add("judge"); // "Supreme Court Justice Frank Nervo … the judge"
                if (entity.Gender == Gender.Unknown || entity.GenderFromSurname)
                {
                    var said = HonorificGender(w);
                    if (said != Gender.Unknown) { entity.Gender = said; entity.GenderFromSurname = false; }
                }
            }
        }
        AppositionWords(doc, m.EndToken, entity);
        PartyTagState(doc, m.EndToken, entity);
        if (earlier) entity.Mentions.Insert(0, m); // a mention found after later ones (a headline's): not its latest
        else entity.Mentions.Add(m);
        return best;
    }

    private static bool IsArticle(Document doc, int k) => doc.TokenIs(k, "the") || doc.TokenIs(k, "a") || doc.TokenIs(k, "an");

    /// <summary>
    /// "Melba Acosta Febo", "Hillary Rodham Clinton": the word before the last of a name of three words is a surname too (a
    /// Spanish paternal one, a maiden name), so that "Ms. Acosta" later is her. Only after a given name and no article ("The
    /// Rachel Maddow Show" is no person), and not an initial, a given name (George Walker Bush's Walker is another's
    /// surname too often) or a particle.
    /// </summary>
    private void AddFirstSurname(Document doc, State state, int k, int entity)
    {
        var w = doc.TokenText(k);
        if (w.Length < 3 || !char.IsUpper(w[0]) || AttributionFinder.IsPunct(doc, k + 1, '.') || IsLowerParticle(w) || _gazetteer.IsFirstName(w)
            || doc.Tokens[k].Kind != TokenKind.Word) return;
        if (SurnameEntities(state, w, create: true) is { } list && !list.Contains(entity)) list.Add(entity);
    }

    /// <summary>Whether a person of the article with this surname was also named with more words (a first name).</summary>
    private static bool NamedInFull(State state, ReadOnlySpan<char> surname)
    {
        if (SurnameEntities(state, surname, create: false) is not { } list) return false;
        foreach (int e in list)
            if (state.Entities[e].Type == SpeakerType.Person && (state.Entities[e].FirstName is not null || state.Entities[e].Name.Contains(' '))) return true;
        return false;
    }

    /// <summary>The article's entities under a surname's key (made empty when <paramref name="create"/>); null when none
    /// are, or the word has no letters. The key is built on the stack: a string only for a surname not seen before.</summary>
    private static List<int>? SurnameEntities(State state, ReadOnlySpan<char> surname, bool create)
    {
        var buffer = surname.Length <= 64 ? stackalloc char[2 * surname.Length] : new char[2 * surname.Length];
        var keySpan = buffer[..SurnameKey(surname, buffer)];
        if (keySpan.Length == 0) return null;
        if (state.BySurnameSpan.TryGetValue(keySpan, out _, out var list)) return list;
        if (!create) return null;
        state.BySurname[keySpan.ToString()] = list = [];
        return list;
    }

    /// <summary>
    /// "Sen. Bernie Sanders (I-Vt.)", "Sen. Joni Ernst, R-Iowa,": the state of a party tag after a name is the person's,
    /// so that "the Vermont senator" later names him and "the Florida senator" does not name her.
    /// </summary>
    private static void PartyTagState(Document doc, int end, Entity entity)
    {
        if (end + 1 >= doc.Tokens.Count || !(AttributionFinder.IsPunct(doc, end, '(') || AttributionFinder.IsPunct(doc, end, ','))) return;
        var tag = doc.TokenText(end + 1);
        if (tag.Length < 3 || tag[0] is not ('D' or 'R' or 'I') || tag[1] != '-') return;
        Span<char> key = stackalloc char[8];
        int n = 0;
        foreach (var c in tag[2..])
        {
            if (n == key.Length || !char.IsLetter(c)) return;
            key[n++] = char.ToLowerInvariant(c);
        }
        // "R-N.Y.": the letters after the tag's first period
        if (n == 1 && AttributionFinder.IsPunct(doc, end + 2, '.') && end + 3 < doc.Tokens.Count && doc.Tokens[end + 3].Length == 1
            && doc.Tokens[end + 3].Kind == TokenKind.Word)
            key[n++] = char.ToLowerInvariant(doc.Text[doc.Tokens[end + 3].Start]);
        if (!StateOfTag.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(key[..n], out var state)) return;
        foreach (var word in state.Split(' ')) entity.Places.Add(word);
    }

    /// <summary>US states by the abbreviation of a party tag (AP style and postal codes), lower case, without periods.</summary>
    private static readonly Dictionary<string, string> StateOfTag = BuildStateTable();

    private static Dictionary<string, string> BuildStateTable()
    {
        var table = new Dictionary<string, string>(StringComparer.Ordinal);
        var pending = new List<string>();
        foreach (var entry in """
            al ala:Alabama ak alaska:Alaska az ariz:Arizona ar ark:Arkansas ca calif:California co colo:Colorado ct conn:Connecticut
            de del:Delaware fl fla:Florida ga:Georgia hi hawaii:Hawaii id idaho:Idaho il ill:Illinois in ind:Indiana ia iowa:Iowa
            ks kan kans:Kansas ky:Kentucky la:Louisiana me maine:Maine md:Maryland ma mass:Massachusetts mi mich:Michigan
            mn minn:Minnesota ms miss:Mississippi mo:Missouri mt mont:Montana ne neb:Nebraska nv nev:Nevada nh:New_Hampshire
            nj:New_Jersey nm:New_Mexico ny:New_York nc:North_Carolina nd:North_Dakota oh ohio:Ohio ok okla:Oklahoma or ore:Oregon
            pa:Pennsylvania ri:Rhode_Island sc:South_Carolina sd:South_Dakota tn tenn:Tennessee tx tex texas:Texas ut utah:Utah
            vt:Vermont va:Virginia wa wash:Washington wv:West_Virginia wi wis:Wisconsin wy wyo:Wyoming
            """.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries))
        {
            // abbreviations, the last one joined to its state by a colon: "fl fla:Florida"
            int colon = entry.IndexOf(':');
            if (colon < 0) { pending.Add(entry); continue; }
            pending.Add(entry[..colon]);
            foreach (var abbreviation in pending) table[abbreviation] = entry[(colon + 1)..].Replace('_', ' ');
            pending.Clear();
        }
        return table;
    }

    /// <summary>
    /// "Hillary Clinton, the former secretary of state, …": the nouns and adjectives of a description set off by commas
    /// right after a name are titles of that person, so that "the former secretary of state said" later resolves to her.
    /// </summary>
    private static void AppositionWords(Document doc, int end, Entity entity)
    {
        var pos = doc.PosTags;
        if (pos.Length != doc.Tokens.Count || end + 2 >= doc.Tokens.Count || !AttributionFinder.IsPunct(doc, end, ',')) return;
        int k = end + 1;
        if (!IsArticle(doc, k)) return;
        int sentence = doc.SentenceOfToken[end];
        int stop = k + 1;
        while (stop < doc.Tokens.Count && stop - k <= 8 && doc.SentenceOfToken[stop] == sentence && doc.Tokens[stop].Kind == TokenKind.Word
               && pos[stop] is Learning.PosTagger.Noun or Learning.PosTagger.Propn or Learning.PosTagger.Adj or Learning.PosTagger.Adp or Learning.PosTagger.Det)
            stop++;
        // it must close: a comma or the sentence's end, not a verb ("Clinton, the candidate who won")
        if (stop - k > 8 || stop <= k + 1 || stop < doc.Tokens.Count && doc.SentenceOfToken[stop] == sentence
            && !AttributionFinder.IsPunct(doc, stop, ',') && !AttributionFinder.IsPunct(doc, stop, '.')) return;
        for (int j = k + 1; j < stop; j++)
            if (pos[j] is Learning.PosTagger.Noun or Learning.PosTagger.Propn or Learning.PosTagger.Adj) entity.DescriptionWords.Add(doc.TokenText(j).ToString());
    }

    /// <summary>How many parts <c>Split(' ', RemoveEmptyEntries)</c> would give, without splitting.</summary>
    private static int NonEmptyParts(string s)
    {
        int parts = 0;
        for (int k = 0; k < s.Length; k++)
            if (s[k] != ' ' && (k == 0 || s[k - 1] == ' ')) parts++;
        return parts;
    }

    /// <summary><see cref="IsParticle"/> of the word in lower case (invariant), without making the lower-case string.</summary>
    private static bool IsLowerParticle(ReadOnlySpan<char> w)
    {
        if (w.Length > 3) return false; // lower-casing keeps the length; no particle is longer
        Span<char> lower = stackalloc char[3];
        int n = w.ToLowerInvariant(lower);
        return IsParticle(lower[..n]);
    }

    private static bool SameFirstName(string a, string b) =>
        SameSurnameKey(a, b) || a.Length >= 3 && b.Length >= 3 && (a.StartsWith(b, StringComparison.OrdinalIgnoreCase) || b.StartsWith(a, StringComparison.OrdinalIgnoreCase));

    /// <summary>The words of tokens [first, end), a space where the text has one before a word (not before the first
    /// characters), the possessive of the last word left out.</summary>
    private static string NameText(Document doc, int first, int end)
    {
        int length = NameLength(doc, first, end, out _);
        var name = length <= 256 ? stackalloc char[length] : new char[length];
        int n = 0;
        for (int k = first; k < end; k++)
        {
            var w = k == end - 1 ? StripPossessive(doc.TokenText(k)) : doc.TokenText(k);
            if (n > 0 && doc.Tokens[k].Is(TokenFlags.SpaceBefore)) name[n++] = ' ';
            w.CopyTo(name[n..]);
            n += w.Length;
        }
        return new string(name);
    }

    /// <summary>How many spaces <see cref="NameText"/> holds, without making it.</summary>
    private static int NameSpaces(Document doc, int first, int end)
    {
        NameLength(doc, first, end, out int spaces);
        return spaces;
    }

    private static int NameLength(Document doc, int first, int end, out int spaces)
    {
        int n = 0;
        spaces = 0;
        for (int k = first; k < end; k++)
        {
            var w = k == end - 1 ? StripPossessive(doc.TokenText(k)) : doc.TokenText(k);
            if (n > 0 && doc.Tokens[k].Is(TokenFlags.SpaceBefore)) { n++; spaces++; }
            n += w.Length;
            spaces += w.Count(' ');
        }
        return n;
    }

    /// <summary>Folds transliteration variants: Zelensky, Zelenskyy, Zelenskiy → zelenski.</summary>
    internal static string SurnameKey(ReadOnlySpan<char> surname)
    {
        var buffer = surname.Length <= 64 ? stackalloc char[2 * surname.Length] : new char[2 * surname.Length];
        return buffer[..SurnameKey(surname, buffer)].ToString();
    }

    private static bool SameSurnameKey(string a, string b)
    {
        var ka = a.Length <= 64 ? stackalloc char[2 * a.Length] : new char[2 * a.Length];
        var kb = b.Length <= 64 ? stackalloc char[2 * b.Length] : new char[2 * b.Length];
        return ka[..SurnameKey(a, ka)].SequenceEqual(kb[..SurnameKey(b, kb)]);
    }

    /// <summary>The surname key written into <paramref name="into"/> (room for two characters per input character,
    /// as ß → ss); returns its length.</summary>
    private static int SurnameKey(ReadOnlySpan<char> surname, Span<char> into)
    {
        int n = 0;
        char previous = '\0';
        foreach (var ch in surname)
        {
            if (!char.IsLetter(ch)) continue;
            char lower = char.ToLowerInvariant(ch);
            if (char.IsAscii(lower))
                Append(lower, into, ref n, ref previous); // Fold keeps ASCII as it is
            else
                foreach (char folded in Storage.SlugSpeakerIdentity.Fold(lower))
                    Append(folded, into, ref n, ref previous);
        }
        return n;

        static void Append(char folded, Span<char> into, ref int n, ref char previous)
        {
            char c = folded == 'y' ? 'i' : folded;
            if (c == previous) return;
            into[n++] = c;
            previous = c;
        }
    }

    // ---------------------------------------------------------------- sources

    private int ResolveSource(Document doc, State state, int first, int end, int lastSpeaker, int lastSpeakerParagraph)
    {
        // Resolve the name, not what qualifies it: "Kenneth Baer, a former official," / "Mike Pence (R-IN)" /
        // "one of the family's attorneys, Justin Bamberg": the comma-separated part that is a name, else the first part.
        (first, end) = NamePart(doc, first, end);
        // "Clinton herself said", "the president himself": the person, not a speaker called "Clinton herself".
        if (end - first > 1 && Reflexives.Contains(doc.TokenText(end - 1))) end--;
        int paragraph = doc.ParagraphOfToken[first];
        bool recentSpeaker = lastSpeaker >= 0 && paragraph - lastSpeakerParagraph <= 3;
        var head = Lexicon.WithoutPronounContraction(doc.TokenText(end - 1)); // "She’s said": she

        // "Maria Lopez, who said …", "the report, which found …": a relative pronoun is its antecedent, the noun phrase
        // right before it.
        if (end - first == 1 && (head.Equals("who", StringComparison.OrdinalIgnoreCase) || head.Equals("which", StringComparison.OrdinalIgnoreCase))
            && Antecedent(doc, first) is var (aFirst, aEnd) && aEnd > aFirst)
            return ResolveSource(doc, state, aFirst, aEnd, lastSpeaker, lastSpeakerParagraph);
        // A relative or object pronoun whose antecedent is not found names no one (it was a speaker called "who").
        if (end - first == 1 && UnresolvedPronouns.Contains(head)) return -1;
        // "his statement said", "her spokesman said" resolved to the source "his"/"her": the person, as "he"/"she".
        if (end - first == 1 && (head.Equals("his", StringComparison.OrdinalIgnoreCase) || head.Equals("her", StringComparison.OrdinalIgnoreCase)))
            head = head.Equals("his", StringComparison.OrdinalIgnoreCase) ? "he" : "she";
        // "My thoughts are with …" (a tweet), "Our view is": the writer, as "I"/"we".
        else if (end - first == 1 && (head.Equals("my", StringComparison.OrdinalIgnoreCase) || head.Equals("our", StringComparison.OrdinalIgnoreCase)))
            head = head.Equals("my", StringComparison.OrdinalIgnoreCase) ? "i" : "we";
        // "That suggests …", "One view is …": a determiner alone names no one; "Others", "Many", "Some" are people.
        if (end - first == 1 && (Lexicon.Determiners.Contains(head) || head.Equals("one", StringComparison.OrdinalIgnoreCase) || PeopleDeterminers.Contains(head)))
            return PeopleDeterminers.Contains(head) ? GroupOrOrganization(doc, state, first, end, SpeakerType.Group) : -1;

        if (end - first == 1 && Lexicon.SubjectPronouns.Contains(head))
        {
            if (head.Equals("he", StringComparison.OrdinalIgnoreCase) || head.Equals("she", StringComparison.OrdinalIgnoreCase))
            {
                var gender = head.Equals("he", StringComparison.OrdinalIgnoreCase) ? Gender.Male : Gender.Female;
                int e = ResolvePronoun(doc, state, first, gender, recentSpeaker ? lastSpeaker : -1);
                if (e >= 0)
                {
                    var en = state.Entities[e];
                    if (en.Gender == Gender.Unknown) en.Gender = gender;
                    en.Mentions.Add(new Mention { FirstToken = first, EndToken = end, Kind = MentionKind.Pronoun, Entity = e });
                }
                return e;
            }
            if (head.Equals("i", StringComparison.OrdinalIgnoreCase))
                return recentSpeaker && SpeakerSaysI(doc, state, first, lastSpeaker) ? lastSpeaker : -1;
            // they / we / it: the most recent group or organisation mentioned as a speaker before, else no one
            // (a pronoun is never a speaker's name).
            var wanted = head.Equals("it", StringComparison.OrdinalIgnoreCase) ? SpeakerType.Organization : SpeakerType.Group;
            int best = -1, bestAt = -1;
            for (int e = 0; e < state.Entities.Count; e++)
            {
                var en = state.Entities[e];
                if (en.Type != wanted && !(wanted == SpeakerType.Group && en.Type == SpeakerType.Organization)) continue;
                int at = en.LastMentionBefore(first);
                if (at >= 0 && at > bestAt && paragraph - doc.ParagraphOfToken[at] <= 3) { best = e; bestAt = at; }
            }
            // "Democrats praised the visit. “…,” they said": the plural that opens the sentence before, as a group, when
            // no group spoke since (drafts are resolved by rule, not in text order, so that group may be found first).
            if (head.Equals("they", StringComparison.OrdinalIgnoreCase) && PluralSubjectBefore(doc, state, first) is var (gFirst, gEnd)
                && gEnd > gFirst && gFirst > bestAt)
                best = GroupOrOrganization(doc, state, gFirst, gEnd, SpeakerType.Group);
            if (best >= 0) state.Entities[best].Mentions.Add(new Mention { FirstToken = first, EndToken = end, Kind = MentionKind.Pronoun, Entity = best });
            return best;
        }

        // "Mark Blumenthal and Jon Cohen": people who speak together are a group, named by the whole mention (not by
        // the last name in it).
        for (int k = first + 1; k < end - 1; k++)
            if (doc.TokenIs(k, "and") && IsNameToken(doc, k - 1) && IsNameToken(doc, k + 1) && IsNameToken(doc, first))
                return GroupOrOrganization(doc, state, first, end, SpeakerType.Group);

        // "a spokesman for the FBI", "an aide to Clinton": a person described by their role somewhere.
        for (int k = first + 1; k < end - 1; k++)
        {
            if (IsRoleHeldFor(doc, k - 1))
            {
                // "the former secretary of state" after "Hillary Clinton, the former secretary of state,": that person.
                int titled = PersonTitled(state, doc.TokenText(k - 1), doc.TokenText(end - 1), first);
                if (titled >= 0)
                {
                    state.Entities[titled].Mentions.Add(new Mention { FirstToken = first, EndToken = end, Kind = MentionKind.Description, Entity = titled });
                    return titled;
                }
                return GroupOrOrganization(doc, state, first, end, SpeakerType.Person);
            }
            // "critics of President Obama", "Supporters of Bernie Sanders" (capitalised for opening the sentence), "people in
            // Fort Pierce": a group the name only qualifies, never the person named.
            if ((doc.TokenIs(k, "for") || doc.TokenIs(k, "of") || doc.TokenIs(k, "to") || doc.TokenIs(k, "at") || doc.TokenIs(k, "in")
                 || doc.TokenIs(k, "from") || doc.TokenIs(k, "with"))
                && (Lexicon.GroupHeads.Contains(doc.TokenText(k - 1)) || MoreGroupHeads.Contains(doc.TokenText(k - 1)))
                && (!doc.Tokens[k - 1].IsCapitalized || k - 1 == first && OpensClause(doc, first)))
                return GroupOrOrganization(doc, state, first, end, SpeakerType.Group);
            // "the Organization for Economic Cooperation and Development", "the Center for Responsive Politics": one name
            // through to the source's end is the organisation's, not a person called "Development".
            if ((doc.TokenIs(k, "for") || doc.TokenIs(k, "of") || doc.TokenIs(k, "on")) && doc.Tokens[k - 1].IsCapitalized
                && Lexicon.OrganizationWords.Contains(doc.TokenText(k - 1)) && CapitalisedThrough(doc, k + 1, end))
                return GroupOrOrganization(doc, state, first, end, SpeakerType.Organization);
        }

        // "None showed …", "Someone said …", "What worries …": a function word alone names no one, though the sentence's
        // opening capitalises it; unless it is the surname of someone the article names in full ("Al From … From said").
        // "There's reason to believe …": its contraction too.
        var bare = StripPossessive(head);
        if (end - first == 1 && (ClosedClassWords.Contains(bare) || bare.Equals("one", StringComparison.OrdinalIgnoreCase) || bare.Equals("what", StringComparison.OrdinalIgnoreCase))
            && !Gazetteer.Default.IsFirstName(bare) && !NamedInFull(state, bare))
            return -1;

        // "Poll: Trump ties Clinton", "Report: …": a headline's label that is a kind of document is no person's name.
        if (end - first == 1 && DocumentNouns.Contains(head) && !NamedInFull(state, head))
            return GroupOrOrganization(doc, state, first, end, SpeakerType.Unknown);

        // A name inside the source: its trailing capitalised run (longtime Democratic pollster Pat Caddell).
        int runEnd = end;
        while (runEnd > first && !IsNameToken(doc, runEnd - 1)) runEnd--;
        bool headIsName = runEnd == end || AttributionFinder.IsPunct(doc, end - 1, '.');
        if (Lexicon.GroupHeads.Contains(head) && !doc.Tokens[end - 1].IsCapitalized)
            return GroupOrOrganization(doc, state, first, end, SpeakerType.Group);
        // Republicans, Democrats; "Several Democrats", "House Republicans" (no given name before the plural)
        if ((Lexicon.GroupHeads.Contains(head) || IsPeoplePlural(head)) && doc.Tokens[end - 1].IsCapitalized && !HasFirstName(doc, first, end - 1))
            return GroupOrOrganization(doc, state, first, end, SpeakerType.Group);
        if (runEnd > first && headIsName)
        {
            int runStart = runEnd - 1;
            while (runStart > first && (IsNameToken(doc, runStart - 1) && !OwnerBeforeName(doc, runStart - 1) || AttributionFinder.IsPunct(doc, runStart - 1, '.')
                   || IsParticle(doc.TokenText(runStart - 1)))) runStart--;
            // "The Clinton [campaign]", "Had Sanders": a function word capitalised for opening the sentence is no name's.
            // (Not when only a title is left: "The White House" stays an organisation, not "the President".)
            if (runStart < runEnd - 1 && OpensClause(doc, runStart) && IsCapitalisedFunctionWord(doc, runStart) && HasNameAfterTitle(doc, runStart + 1, runEnd))
                runStart++;
            // In a headline the capitals run on over words: the name is the last one from a given name, else a lone
            // surname of someone the article names ("Pressure From Clinton Ally" names no one).
            bool headline = false;
            var line = (First: 0, End: 0, TitleCase: false);
            if (runEnd - runStart >= 2 && IsTitleCaseLine(doc, runStart, ref line))
            {
                headline = true;
                for (int k = runEnd - 1; k > runStart; k--)
                    if (IsHeadlineFunctionWord(doc.TokenText(k - 1))) { runStart = k; break; }
                for (int g = runEnd - 2; g >= runStart && runEnd - runStart >= 2; g--)
                    if (OpensHeadlineName(doc, g) && runEnd - g <= 3)
                    {
                        runStart = TitleStart(doc, runStart, g);
                        headline = false;
                        break;
                    }
                if (headline) runStart = runEnd - 1;
            }
            int nameFirst = runStart;
            while (nameFirst < runEnd && (IsTitleToken(doc, nameFirst) || AttributionFinder.IsPunct(doc, nameFirst, '.'))) nameFirst++;
            if (nameFirst < runEnd) nameFirst = NameAfterUnlistedTitle(doc, nameFirst, runEnd);
            if (nameFirst < runEnd && runStart > first && TitleOfBefore(doc, runStart) is var titleOf && titleOf >= first)
            {
                nameFirst = NameAfterTitleOf(doc, nameFirst, runEnd);
                runStart = titleOf;
            }
            if (headline)
            {
                var lone = new Mention { FirstToken = runStart, EndToken = runEnd, Kind = MentionKind.Name, NameFirst = runStart };
                int known = PersonEntity(doc, state, lone, create: false);
                if (known >= 0) return known;
                return GroupOrOrganization(doc, state, first, end, SpeakerType.Unknown);
            }
            if (nameFirst >= runEnd)
            {
                // Only a title (the President, the Senator): a description.
                return ResolveDescription(doc, state, first, end, recentSpeaker ? lastSpeaker : -1);
            }
            var kind = ClassifyName(doc, nameFirst, runEnd, nameFirst > runStart);
            if (kind == MentionKind.Name && IsCommonWordAlone(doc, state, nameFirst, runStart, runEnd)) kind = null;
            // "a report in the Des Moines Register": the body is the name, not the words around it.
            if (kind == MentionKind.Organization && runStart > first && nameFirst == runStart && IsBodyAfterArticle(doc, runStart, runEnd, false)
                && !Lexicon.OrganizationWords.Contains(head))
                return GroupOrOrganization(doc, state, runStart, runEnd, SpeakerType.Organization);
            if (kind == MentionKind.Organization || Lexicon.OrganizationWords.Contains(head))
                return GroupOrOrganization(doc, state, first, end, SpeakerType.Organization);
            if (kind is null)
            {
                // "Jordan said" after "Rep. Jim Jordan": a place's name that is the surname of someone the article named.
                if (runEnd - nameFirst == 1 && PersonOfSurname(doc, state, nameFirst) is var person and >= 0)
                {
                    state.Entities[person].Mentions.Add(new Mention
                        { FirstToken = runStart, EndToken = runEnd, Kind = MentionKind.Name, NameFirst = nameFirst, Entity = person });
                    return person;
                }
                return GroupOrOrganization(doc, state, first, end, SpeakerType.Unknown);
            }
            var m = new Mention { FirstToken = runStart, EndToken = runEnd, Kind = MentionKind.Name, NameFirst = nameFirst };
            int entity = PersonEntity(doc, state, m, create: true);
            if (runStart > first || runEnd < end)
            {
                var full = new Mention { FirstToken = first, EndToken = end, Kind = MentionKind.Name, NameFirst = nameFirst, Entity = entity };
                state.Entities[entity].Mentions.Add(full);
            }
            return entity;
        }

        if (Lexicon.OrganizationWords.Contains(head)) return GroupOrOrganization(doc, state, first, end, SpeakerType.Organization);
        if (Lexicon.PersonDescriptionHeads.Contains(head)) return ResolveDescription(doc, state, first, end, recentSpeaker ? lastSpeaker : -1);
        if (head.EndsWith("s", StringComparison.Ordinal) && !head.EndsWith("ss", StringComparison.Ordinal))
            return GroupOrOrganization(doc, state, first, end, SpeakerType.Group);
        return GroupOrOrganization(doc, state, first, end, SpeakerType.Unknown);
    }

    /// <summary>Occupations of those who write and comment, titles before a name ("New York Times columnist David Brooks",
    /// "Columnist Ann Reyes" opening a sentence); apart from <see cref="Lexicon.TitleWords"/>, which the attribution
    /// rules read too.</summary>
    private static readonly WordSet WriterTitles = WordSet.Of("columnist commentator pundit journalist blogger historian researcher scholar");

    /// <summary>Reflexive pronouns after a name ("Clinton herself"), which name no one of their own.</summary>
    private static readonly WordSet Reflexives = WordSet.Of("himself herself themselves itself myself ourselves");

    /// <summary>Plural heads of a group the lexicon's group heads lack.</summary>
    private static readonly WordSet MoreGroupHeads = WordSet.Of("fans followers backers defenders foes detractors admirers readers viewers listeners users");

    /// <summary>Whether tokens [first, end) are all capitalised words, or "and", "the", "of", "&amp;" between them, with no
    /// title before a name among them ("Council on American-Islamic Relations National Executive Director Nihad Awad").</summary>
    private static bool CapitalisedThrough(Document doc, int first, int end)
    {
        if (first >= end || !IsNameToken(doc, end - 1)) return false;
        for (int k = first; k < end; k++)
        {
            if (!IsNameToken(doc, k) && !doc.TokenIs(k, "and") && !doc.TokenIs(k, "the") && !doc.TokenIs(k, "of") && !AttributionFinder.IsPunct(doc, k, '&'))
                return false;
            if (k + 1 < end && Lexicon.TitleWords.Contains(doc.TokenText(k)) && IsNameToken(doc, k + 1)) return false;
        }
        return true;
    }

    /// <summary>A phrase that can only name or describe a person: a title before a name, a given name and a surname, or a
    /// determiner and a person's noun ("a retired general").</summary>
    private static bool IsPersonPhrase(Document doc, int first, int end)
    {
        var head = doc.TokenText(end - 1);
        if (!IsNameToken(doc, end - 1)) return Lexicon.Determiners.Contains(doc.TokenText(first)) && Lexicon.PersonDescriptionHeads.Contains(head);
        for (int k = first; k < end - 1; k++)
            if (Lexicon.TitleWords.Contains(doc.TokenText(k)) || Gazetteer.Default.IsFirstName(doc.TokenText(k)) && IsNameToken(doc, k + 1)) return true;
        return false;
    }

    /// <summary>The noun phrase right before a relative pronoun at <paramref name="at"/> (a comma between them allowed):
    /// capitalised words, or a short description that opens with a determiner; (-1, -1) when there is none.</summary>
    private static (int, int) Antecedent(Document doc, int at)
    {
        int end = at;
        int sentenceFirst = doc.Sentences[doc.SentenceOfToken[at]].FirstToken;
        // "Eric Kingson, who is running for Congress and who worked the crowd": the second relative clause has the first's
        // antecedent ("a Clinton endorser whose district … but who suggested" too).
        if (end > sentenceFirst && (doc.TokenIs(end - 1, "and") || doc.TokenIs(end - 1, "but")))
        {
            for (int k = end - 2; k > sentenceFirst && at - k < 60; k--)
                if (doc.TokenIs(k, "who") || doc.TokenIs(k, "whose")) return Antecedent(doc, k);
            return (-1, -1);
        }
        // "David Duke (who endorses Trump …)", "Maria Lopez, who …", "the senator — who …"
        if (end > 0 && (AttributionFinder.IsPunct(doc, end - 1, ',') || AttributionFinder.IsPunct(doc, end - 1, '\u2014')
                        || AttributionFinder.IsPunct(doc, end - 1, '('))) end--;
        if (end <= 0 || doc.Tokens[end - 1].Kind != TokenKind.Word) return (-1, -1);
        int first = end;
        if (IsNameToken(doc, end - 1))
        {
            while (first > sentenceFirst && end - first < 6 && doc.QuotationOfToken[first - 1] < 0
                   && (IsNameToken(doc, first - 1) || IsTitleToken(doc, first - 1)
                       || AttributionFinder.IsPunct(doc, first - 1, '.') || IsParticle(doc.TokenText(first - 1)))) first--;
            // "In Congress, which …": a sentence-opening preposition is not part of the name
            if (end - first > 1 && first == sentenceFirst && IsPreposition(doc.TokenText(first))) first++;
            // "Senator Ted Cruz of Texas, who …": the place says which senator; the person is the name before it.
            if (end - first == 1 && first - 2 >= sentenceFirst && (doc.TokenIs(first - 1, "of") || doc.TokenIs(first - 1, "from"))
                && Gazetteer.Default.Places.Contains(doc.TokenText(first)) && IsNameToken(doc, first - 2))
                return Antecedent(doc, first - 1);
            // "Another Muslim who …", "a Democrat who …": a determiner before one capitalised word makes a description.
            if (end - first == 1 && first > sentenceFirst && Lexicon.Determiners.Contains(doc.TokenText(first - 1))) first--;
        }
        else
        {
            // "a former official who oversaw …": back to a determiner, over words
            while (first > sentenceFirst && end - first < 6 && doc.Tokens[first - 1].Kind == TokenKind.Word && doc.QuotationOfToken[first - 1] < 0)
            {
                first--;
                if (Lexicon.Determiners.Contains(doc.TokenText(first))) break;
            }
            if (first == end) return (-1, -1);
            if (!Lexicon.Determiners.Contains(doc.TokenText(first)))
            {
                // "angry blue-collar voters who …": a bare plural is a group, named by its noun
                var noun = doc.TokenText(end - 1);
                return noun.Length > 3 && noun.EndsWith("s", StringComparison.Ordinal) && !noun.EndsWith("ss", StringComparison.Ordinal)
                       && !doc.Tokens[end - 1].IsCapitalized ? (end - 1, end) : (-1, -1);
            }
            // "Geoff Garin, a Democratic pollster who …": the description is in apposition to the name before it
            if (first - 2 >= sentenceFirst && AttributionFinder.IsPunct(doc, first - 1, ',') && IsNameToken(doc, first - 2))
                return Antecedent(doc, first);
            // "one Democrat familiar with the discussion, who …": the clause may belong to the phrase before the
            // preposition; leave it unresolved rather than guess.
            if (first > sentenceFirst && IsPreposition(doc.TokenText(first - 1))) return (-1, -1);
        }
        // "a professor at American University who …" (no comma: restrictive) may describe the professor, not the university;
        // not so a person ("compared Trump to former California Gov. Pete Wilson who supported …", "the support of a
        // retired general who suggested …").
        if (end == at && first > sentenceFirst && IsPreposition(doc.TokenText(first - 1)) && !IsPersonPhrase(doc, first, end)) return (-1, -1);
        return (first, end);
    }

    /// <summary>A preposition (as the attribution rules know them) or "to".</summary>
    private static bool IsPreposition(ReadOnlySpan<char> w) =>
        AttributionFinder.IsPreposition(w) || w.Equals("to", StringComparison.OrdinalIgnoreCase);

    private static (int, int) NamePart(Document doc, int first, int end)
    {
        int segmentStart = first;
        (int, int)? firstSegment = null;
        for (int k = first; k <= end; k++)
        {
            // "Yara Quenneth of the University of Port Emry": the name ends where "of" follows it
            // (not inside a role's organisation: "the director of the Federal Bureau of Investigation, James B. Comey")
            bool ofAfterName = k < end && k > segmentStart && doc.TokenIs(k, "of") && IsNameToken(doc, k - 1)
                               && !IsTitleToken(doc, k - 1) && k - segmentStart >= 2 && !IsRoleOf(doc, segmentStart, k);
            bool boundary = k == end || AttributionFinder.IsPunct(doc, k, ',') || AttributionFinder.IsPunct(doc, k, '(') || ofAfterName;
            if (!boundary) continue;
            if (k > segmentStart)
            {
                firstSegment ??= (segmentStart, k);
                // A name may end on a suffix's period ("James B. Comey Jr., the director of …"); a state's abbreviation is no name's.
                int lastWord = k - 1 > segmentStart && AttributionFinder.IsPunct(doc, k - 1, '.') && doc.Tokens[k - 2].End == doc.Tokens[k - 1].Start
                               && IsNameSuffix(doc.TokenText(k - 2)) ? k - 2 : k - 1;
                if (doc.Tokens[lastWord].IsCapitalized && doc.Tokens[lastWord].Kind == TokenKind.Word
                    && (k - segmentStart >= 2 || IsNameToken(doc, segmentStart)))
                {
                    // "A spokeswoman for Greywater, Clara Venn": a role held for an organisation gives way to the person's
                    // name after it, when a part that is only a name follows.
                    if (k < end && AttributionFinder.IsPunct(doc, k, ',') && IsRoleOf(doc, segmentStart, k) && NameAfter(doc, k + 1, end) is { } person)
                        return person;
                    return (segmentStart, k);
                }
            }
            if (k < end && AttributionFinder.IsPunct(doc, k, '('))
            {
                while (k < end && !AttributionFinder.IsPunct(doc, k, ')')) k++;
            }
            segmentStart = k + 1;
        }
        return firstSegment ?? (first, end);
    }

    /// <summary>The first comma-separated part from <paramref name="from"/> that is only a person's name (two to five
    /// capitalised words and initials: "Clara Venn", "James B. Comey"), or null.</summary>
    private static (int, int)? NameAfter(Document doc, int from, int end)
    {
        int start = from;
        for (int k = from; k <= end; k++)
        {
            if (k < end && !AttributionFinder.IsPunct(doc, k, ',')) continue;
            int words = 0;
            bool name = k > start;
            for (int j = start; j < k && name; j++)
            {
                if (AttributionFinder.IsPunct(doc, j, '.')) continue;
                if (!IsNameToken(doc, j) || IsTitleToken(doc, j)) name = false;
                else words++;
            }
            if (name && words is >= 2 and <= 5) return (start, k);
            start = k + 1;
        }
        return null;
    }

    /// <summary>Whether [first, end) holds a role held for someone or something ("a spokeswoman for Greywater").</summary>
    private static bool IsRoleOf(Document doc, int first, int end)
    {
        for (int k = first; k + 1 < end; k++)
            if (IsRoleHeldFor(doc, k)) return true;
        return false;
    }

    /// <summary>Token <paramref name="k"/> is a person noun in lower case whose preposition ties the role to someone or
    /// something ("a spokesman for the FBI", "an aide to Clinton", "the director of …").</summary>
    private static bool IsRoleHeldFor(Document doc, int k) =>
        k >= 0 && k + 1 < doc.Tokens.Count && !doc.Tokens[k].IsCapitalized && Lexicon.PersonDescriptionHeads.Contains(doc.TokenText(k))
        && RolePrepositions.Contains(doc.TokenText(k + 1));

    private static readonly WordSet RolePrepositions = WordSet.Of("for of to at with");

    private static int ResolvePronoun(Document doc, State state, int at, Gender gender, int lastSpeaker)
    {
        // "X asked Sanders whether … / “Sure it is,” he said": the one asked answers.
        if (Asked(doc, state, at, gender) is var asked && asked >= 0) return asked;
        // "One woman adopted from Iran … she applied": someone the article introduces without a name, after every name.
        if (Introduced(doc, state, at, gender) is var introduced && introduced >= 0) return introduced;
        if (lastSpeaker >= 0 && Compatible(state.Entities[lastSpeaker].Gender, gender))
        {
            // "Tom Hale said X. John Smith arrived later. He said Y.": a person of that sex named as the subject of the
            // sentence before, after the last speaker was last mentioned, is whom the pronoun continues.
            var (subject, subjectAt) = SubjectBefore(doc, state, at, gender);
            if (subject >= 0 && subject != lastSpeaker && state.Entities[lastSpeaker].LastMentionBefore(at) < subjectAt) return subject;
            return lastSpeaker;
        }
        // With no speaker to continue, the person of that sex the sentence before opens with ("Trump has also commented on
        // Crutcher’s death. On Wednesday, he told a crowd …": Trump, not the later Crutcher).
        // (Not past a person of that sex earlier in the pronoun's own sentence: "Rubio has yet to win, but his speech …".)
        if (!PersonEarlierInSentence(doc, state, at, gender) && SubjectBefore(doc, state, at, gender) is var (opener, _) && opener >= 0) return opener;
        // The most recent person named before the pronoun, outside quotations, among the 300 names before it; in the
        // sentence of the first one found, a person known to be of the pronoun's sex before one of unknown sex ("Jimmy
        // Ghazal, a man visiting Nice, told ABC that he …": he is not "Nice").
        int before = LastNameMentionBefore(state, at);
        int unsure = -1, unsureSentence = -1;
        for (int i = before; i >= Math.Max(0, before - 300); i--)
        {
            var m = state.NameMentions[i];
            if (m.InQuotation) continue;
            var en = state.Entities[m.Entity];
            if (en.Type != SpeakerType.Person || !Compatible(en.Gender, gender)) continue;
            if (unsure >= 0 && doc.SentenceOfToken[m.FirstToken] != unsureSentence) return unsure;
            if (en.Gender == gender) return m.Entity;
            if (unsure < 0) (unsure, unsureSentence) = (m.Entity, doc.SentenceOfToken[m.FirstToken]);
        }
        return unsure;
    }

    /// <summary>
    /// The person a question in one of the three sentences before token <paramref name="at"/>'s was put to ("asked
    /// Sanders whether"), of a sex the pronoun allows, when the pronoun's own verb is no question; else -1.
    /// </summary>
    private static int Asked(Document doc, State state, int at, Gender gender)
    {
        int sentence = doc.SentenceOfToken[at];
        if (sentence == 0 || at + 1 < doc.Tokens.Count && QuestionVerbs.Contains(doc.TokenText(at + 1))) return -1;
        if (state.Questions is null)
        {
            state.Questions = [];
            foreach (var d in doc.Attributions)
                if (d.CueFirst >= 0 && d.AddresseeFirst >= 0 && QuestionVerbs.Contains(doc.TokenText(d.CueFirst))) state.Questions.Add(d);
        }
        foreach (var d in state.Questions)
        {
            // the question's sentence is one of the three before, in the same paragraph or the one before it
            int qs = doc.SentenceOfToken[d.CueFirst];
            if (qs >= sentence || qs < sentence - 3 || doc.ParagraphOfToken[at] - doc.ParagraphOfToken[d.CueFirst] > 1) continue;
            // A question inside someone's account ("What got under her skin, she said, was a question … when a young man
            // asked Clinton why …") is that speaker's story, not a question answered next.
            bool reported = false;
            foreach (var o in doc.Attributions)
                if (o.CueFirst >= 0 && o.CueFirst != d.CueFirst && doc.SentenceOfToken[o.CueFirst] == qs) { reported = true; break; }
            if (reported) continue;
            // the first name mention inside the addressee
            for (int i = LastNameMentionBefore(state, d.AddresseeFirst) + 1; i < state.NameMentions.Count; i++)
            {
                var m = state.NameMentions[i];
                if (m.FirstToken >= d.AddresseeEnd) break;
                if (m.Entity < 0) continue;
                var en = state.Entities[m.Entity];
                return en.Type == SpeakerType.Person && Compatible(en.Gender, gender) ? m.Entity : -1;
            }
        }
        return -1;
    }

    /// <summary>
    /// A person a sentence opens with without a name ("One woman adopted from Iran …", "A man in the crowd …"), of the
    /// pronoun's sex, in the pronoun's paragraph or the two before it and after the last name before the pronoun: that
    /// description's entity; else -1.
    /// </summary>
    private static int Introduced(Document doc, State state, int at, Gender gender)
    {
        int lastName = LastNameMentionBefore(state, at);
        int after = lastName >= 0 ? state.NameMentions[lastName].EndToken : 0;
        int sentence = doc.SentenceOfToken[at];
        for (int si = sentence; si >= 0; si--)
        {
            int k = doc.Sentences[si].FirstToken;
            if (k < after || doc.ParagraphOfToken[at] - doc.ParagraphOfToken[k] > 2) break;
            while (k < at && doc.Tokens[k].Kind == TokenKind.Punctuation) k++;
            if (k + 1 >= at || !(doc.TokenIs(k, "one") || doc.TokenIs(k, "a") || doc.TokenIs(k, "an"))) continue;
            var noun = doc.TokenText(k + 1);
            var sex = FemaleNouns.Contains(noun) ? Gender.Female : MaleNouns.Contains(noun) ? Gender.Male : Gender.Unknown;
            if (sex == Gender.Unknown || sex != gender) continue;
            int e = GroupOrOrganization(doc, state, k, k + 2, SpeakerType.Person);
            state.Entities[e].Gender = sex;
            return e;
        }
        return -1;
    }

    private static readonly WordSet FemaleNouns = WordSet.Of("woman mother girl daughter wife grandmother widow sister lady");
    private static readonly WordSet MaleNouns = WordSet.Of("man father boy son husband grandfather widower brother");

    private static readonly WordSet QuestionVerbs = WordSet.Of("asked asks pressed questioned quizzed");

    /// <summary>The person of known sex <paramref name="gender"/> whose name opens the sentence before token
    /// <paramref name="at"/>'s (after an opener such as "But"), and where; (-1, -1) when none.</summary>
    private static (int Entity, int At) SubjectBefore(Document doc, State state, int at, Gender gender)
    {
        int sentence = doc.SentenceOfToken[at];
        for (int i = LastNameMentionBefore(state, at); i >= 0; i--)
        {
            var m = state.NameMentions[i];
            int ms = doc.SentenceOfToken[m.FirstToken];
            if (ms < sentence - 1) break;
            // A name earlier in the pronoun's own sentence is mostly the reported words' subject ("Trump isn't a
            // conservative, he said"), not the speaker.
            if (ms == sentence) continue;
            if (m.InQuotation || m.Entity < 0) continue;
            int k = doc.Sentences[ms].FirstToken;
            while (k < m.FirstToken && (doc.Tokens[k].Kind == TokenKind.Punctuation || SubjectOpeners.Contains(doc.TokenText(k)))) k++;
            if (k != m.FirstToken) continue;
            // The nearest subject decides: of another or unknown sex, it is no one the pronoun continues.
            var en = state.Entities[m.Entity];
            return en.Type == SpeakerType.Person && en.Gender == gender ? (m.Entity, m.FirstToken) : (-1, -1);
        }
        return (-1, -1);
    }

    /// <summary>
    /// Whether an "I" outside quotation marks is the last speaker's: in an interview's transcript, in a paragraph that a
    /// label opens ("A:", "BIDEN:") or that follows one ending on a colon (words set out after "wrote:"), or in the paragraph
    /// that names that speaker. Elsewhere it is the writer's (an excerpt of a memoir, an op-ed: "the scholars I
    /// interviewed", "I remain a Sanders supporter"), whom the article does not name.
    /// </summary>
    private static bool SpeakerSaysI(Document doc, State state, int at, int lastSpeaker)
    {
        state.Transcript ??= IsTranscript(doc);
        if (state.Transcript.Value) return true;
        int paragraph = doc.ParagraphOfToken[at];
        int opens = at;
        while (opens > 0 && doc.ParagraphOfToken[opens - 1] == paragraph) opens--;
        if (opens + 1 < at && AttributionFinder.IsPunct(doc, opens + 1, ':') && doc.Tokens[opens].IsCapitalized) return true;
        if (opens > 0 && AttributionFinder.IsPunct(doc, opens - 1, ':')) return true;
        int mention = state.Entities[lastSpeaker].LastMentionBefore(at);
        return mention >= 0 && doc.ParagraphOfToken[mention] == paragraph;
    }

    private static bool IsTranscript(Document doc)
    {
        for (int k = 0; k + 1 < doc.Tokens.Count; k++)
            if (doc.Tokens[k].Is(TokenFlags.ParagraphStart) && doc.TokenIs(k, "Q") && (AttributionFinder.IsPunct(doc, k + 1, ':') || AttributionFinder.IsPunct(doc, k + 1, '.')))
                return true;
        return false;
    }

    /// <summary>Whether a person the pronoun at <paramref name="at"/> may stand for is named before it in its own sentence
    /// (outside quotations).</summary>
    private static bool PersonEarlierInSentence(Document doc, State state, int at, Gender gender)
    {
        int sentence = doc.SentenceOfToken[at];
        int last = LastNameMentionBefore(state, at);
        for (int i = last; i >= 0 && i > last - 50; i--) // a bounded look back (a hostile sentence may hold thousands of names)
        {
            var m = state.NameMentions[i];
            if (doc.SentenceOfToken[m.FirstToken] != sentence) return false;
            if (!m.InQuotation && m.Entity >= 0 && state.Entities[m.Entity].Type == SpeakerType.Person && Compatible(state.Entities[m.Entity].Gender, gender))
                return true;
        }
        return false;
    }

    private static bool HasFirstName(Document doc, int first, int end)
    {
        for (int k = first; k < end; k++)
            if (Gazetteer.Default.IsFirstName(doc.TokenText(k))) return true;
        return false;
    }

    /// <summary>
    /// The plural noun phrase that opens the sentence before token <paramref name="at"/>'s, right before its verb
    /// ("Democrats praised …", "Senate Republicans blocked …", "The protesters marched …"): at most three words, the last
    /// a plural; (-1, -1) when there is none.
    /// </summary>
    private static (int, int) PluralSubjectBefore(Document doc, State state, int at)
    {
        int sentence = doc.SentenceOfToken[at];
        if (sentence == 0 || doc.PosTags.Length != doc.Tokens.Count) return (-1, -1);
        var s = doc.Sentences[sentence - 1];
        int first = s.FirstToken;
        while (first < s.EndToken && (doc.Tokens[first].Kind == TokenKind.Punctuation || doc.TokenIs(first, "but") || doc.TokenIs(first, "and")
               || doc.TokenIs(first, "the") || doc.TokenIs(first, "many") || doc.TokenIs(first, "some"))) first++;
        int end = first;
        while (end < s.EndToken && end - first < 3 && doc.Tokens[end].Kind == TokenKind.Word && doc.PosTags[end] is Learning.PosTagger.Noun or Learning.PosTagger.Propn or Learning.PosTagger.Adj)
            end++;
        if (end == first || end >= s.EndToken || doc.PosTags[end] is not (Learning.PosTagger.Verb or Learning.PosTagger.Aux)) return (-1, -1);
        var noun = doc.TokenText(end - 1);
        if (noun.Length < 4 || !noun.EndsWith("s", StringComparison.Ordinal) || noun.EndsWith("ss", StringComparison.Ordinal)
            || noun.Contains('\'') || noun.Contains('’') || doc.PosTags[end - 1] is not (Learning.PosTagger.Noun or Learning.PosTagger.Propn)) return (-1, -1);
        // A person's name that ends in -s ("Sanders proposed …") is no group.
        foreach (var en in state.Entities)
            if (en.Type == SpeakerType.Person && en.FirstName is not null && en.Name.AsSpan().EndsWith(noun, StringComparison.OrdinalIgnoreCase))
                return (-1, -1);
        return (first, end);
    }

    /// <summary>The index of the last name mention that starts before token <paramref name="at"/>, or -1. The mentions
    /// are found in text order, so a binary search finds it: a pronoun's search never walks the rest of the article.</summary>
    private static int LastNameMentionBefore(State state, int at)
    {
        int lo = 0, hi = state.NameMentions.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (state.NameMentions[mid].FirstToken < at) lo = mid + 1;
            else hi = mid;
        }
        return lo - 1;
    }

    /// <summary>Words that may open a sentence before its subject ("But Tom Hale ...", "The senator, John Smith ...").</summary>
    private static readonly WordSet SubjectOpeners = WordSet.Of(
        "but and then meanwhile later still yet also however so now the a an former");

    private static bool Compatible(Gender known, Gender wanted) => known == Gender.Unknown || known == wanted;

    /// <summary>The person mentioned last before <paramref name="before"/> whose titles hold both the role word and the
    /// word that ends the description (secretary … state); -1 when none.</summary>
    private static int PersonTitled(State state, ReadOnlySpan<char> role, ReadOnlySpan<char> last, int before)
    {
        int best = -1, bestAt = -1;
        for (int e = 0; e < state.Entities.Count; e++)
        {
            var en = state.Entities[e];
            if (en.Type != SpeakerType.Person || en.DescriptionWords.Count == 0) continue;
            var words = en.DescriptionWords.GetAlternateLookup<ReadOnlySpan<char>>();
            if (!words.Contains(role) || !words.Contains(last)) continue;
            int at = en.LastMentionBefore(before);
            if (at > bestAt) { best = e; bestAt = at; }
        }
        return best;
    }

    /// <summary>
    /// A description headed by a title noun ("the Florida senator") describes a person titled so, not one the article
    /// gave another title noun ("Florida Gov. Jeb Bush"); a person with no title noun at all may be described by any.
    /// </summary>
    private static bool SameTitleNoun(ReadOnlySpan<char> head, Entity en)
    {
        var abbreviation = AbbreviationOf(head);
        if (abbreviation is null) return true;
        bool titled = false;
        foreach (var (abbr, word) in TitleAbbreviations)
            if (en.TitleWords.Contains(abbr) || en.TitleWords.Contains(word))
            {
                titled = true;
                if (abbr == abbreviation && (en.TitleWords.Contains(abbr) || head.Equals(word, StringComparison.OrdinalIgnoreCase))) return true;
            }
        return !titled;
    }

    /// <summary>Whether the person's titles name <paramref name="place"/>, or no place at all.</summary>
    private static bool OfPlaceOrNone(Entity en, ReadOnlySpan<char> place)
    {
        if (en.Places.GetAlternateLookup<ReadOnlySpan<char>>().Contains(place) || en.TitleWords.GetAlternateLookup<ReadOnlySpan<char>>().Contains(place))
            return true;
        if (en.Places.Count > 0) return false;
        foreach (var w in en.TitleWords)
            if (Gazetteer.Default.Places.Contains(w)) return false;
        return true;
    }

    /// <summary>"the Ukrainian leader": the person whose titles share a word with it, else the last speaker.</summary>
    private static int ResolveDescription(Document doc, State state, int first, int end, int lastSpeaker)
    {
        int best = -1;
        int bestAt = -1;
        for (int e = 0; e < state.Entities.Count; e++)
        {
            var en = state.Entities[e];
            if (en.Type != SpeakerType.Person || en.TitleWords.Count == 0 && en.DescriptionWords.Count == 0 && en.Places.Count == 0) continue;
            bool match = en.DescriptionWords.GetAlternateLookup<ReadOnlySpan<char>>().Contains(doc.TokenText(end - 1));
            // the state of a party tag ("Sen. Bernie Sanders (I-Vt.)" … "the Vermont senator")
            for (int k = first; k < end - 1 && !match && en.Places.Count > 0; k++)
                match = en.Places.GetAlternateLookup<ReadOnlySpan<char>>().Contains(doc.TokenText(k));
            for (int k = first; k < end && !match; k++)
            {
                var w = doc.TokenText(k);
                if (Lexicon.Determiners.Contains(w) || w.Equals("former", StringComparison.OrdinalIgnoreCase)) continue;
                foreach (var tw in en.TitleWords)
                    if (w.Equals(tw, StringComparison.OrdinalIgnoreCase)) { match = true; break; }
            }
            if (!match || !SameTitleNoun(doc.TokenText(end - 1), en)) continue;
            int at = en.LastMentionBefore(first);
            if (at > bestAt) { best = e; bestAt = at; }
        }
        // "Sen. Mike Lee … the senator", "Dr. Anthony Fauci … the doctor": the last person named before it, when their
        // abbreviated title is that word and the description names nothing else (no "Florida" to check); "Cruz defends …
        // the senator says" is Cruz, not the Sen. Rand Paul named earlier.
        // "The Vermont senator" too, when that person is tied to no other state.
        bool place = end - first == 3 && Gazetteer.Default.Places.Contains(doc.TokenText(first + 1)) && doc.Tokens[first + 1].IsCapitalized;
        if (best < 0 && (end - first <= 2 || place) && AbbreviationOf(doc.TokenText(end - 1)) is { } abbreviation
            && (end - first == 1 || Lexicon.Determiners.Contains(doc.TokenText(first))))
            for (int i = LastNameMentionBefore(state, first); i >= 0; i--)
            {
                var m = state.NameMentions[i];
                if (m.InQuotation || m.Entity < 0 || state.Entities[m.Entity].Type != SpeakerType.Person) continue;
                var en = state.Entities[m.Entity];
                if (en.TitleWords.Contains(abbreviation) && (!place || OfPlaceOrNone(en, doc.TokenText(first + 1)))) best = m.Entity;
                break;
            }
        // No one holds that title: the recent speaker, unless the article gave them another ("The governor" is not
        // the economist quoted just before).
        if (best < 0 && lastSpeaker >= 0 && state.Entities[lastSpeaker].TitleWords.Count == 0 && state.Entities[lastSpeaker].DescriptionWords.Count == 0)
            best = lastSpeaker;
        if (best < 0) best = ProtagonistNamedJustBefore(doc, state, first, end);
        if (best < 0) return GroupOrOrganization(doc, state, first, end, SpeakerType.Unknown);
        state.Entities[best].Mentions.Add(new Mention { FirstToken = first, EndToken = end, Kind = MentionKind.Description, Entity = best });
        return best;
    }

    /// <summary>Role nouns news uses in place of the name of the person an article is about ("the candidate", "the GOP
    /// nominee", "the real estate mogul"); not those that introduce someone new ("the aide", "the official"), nor a front-runner,
    /// which is as often the other party's.</summary>
    private static readonly WordSet ProtagonistRoles = WordSet.Of("""
        candidate nominee senator governor congressman congresswoman mogul businessman businesswoman billionaire hopeful
        contender
        """);

    /// <summary>
    /// "Donald Trump won the primary on Tuesday. The real estate mogul said …": a definite description headed by a role noun
    /// (<see cref="ProtagonistRoles"/>) right after a sentence that names the person the article has named most so far, and
    /// no other person, is that person; -1 otherwise, and when the description names a place the article did not tie to them
    /// ("the Vermont senator" is not whoever was named last).
    /// </summary>
    private static int ProtagonistNamedJustBefore(Document doc, State state, int first, int end)
    {
        if (!doc.TokenIs(first, "the") || !ProtagonistRoles.Contains(doc.TokenText(end - 1))) return -1;
        int from = doc.Sentences[Math.Max(0, doc.SentenceOfToken[first] - 1)].FirstToken;
        int last = LastNameMentionBefore(state, first);
        int only = -1;
        for (int i = last; i >= 0 && state.NameMentions[i].FirstToken >= from; i--)
        {
            if (last - i >= 64) return -1; // a sentence of that many names is no news sentence: the work stays linear
            var m = state.NameMentions[i];
            if (m.InQuotation || m.Entity < 0 || state.Entities[m.Entity].Type != SpeakerType.Person) continue;
            if (only >= 0 && only != m.Entity) return -1;
            only = m.Entity;
        }
        if (only < 0) return -1;
        // A person the article gave another title is not described by this one ("Mayor Tom Hale … the governor"); an
        // honorific (Mr., Mrs.) is no title.
        var en = state.Entities[only];
        var role = doc.TokenText(end - 1).ToString();
        var abbreviation = AbbreviationOf(role);
        foreach (var w in en.TitleWords)
        {
            bool isRole = Lexicon.PersonDescriptionHeads.Contains(w) || TitleAbbreviations.Any(t => t.Abbreviation.Equals(w, StringComparison.OrdinalIgnoreCase));
            if (isRole && !w.Equals(role, StringComparison.OrdinalIgnoreCase) && !w.Equals(abbreviation, StringComparison.OrdinalIgnoreCase)) return -1;
        }
        for (int k = first + 1; k < end - 1; k++)
            if (doc.Tokens[k].IsCapitalized && Gazetteer.Default.Places.Contains(doc.TokenText(k))
                && !en.Places.GetAlternateLookup<ReadOnlySpan<char>>().Contains(doc.TokenText(k))) return -1;
        // The person the article is about: named more often before here than anyone else.
        var counts = new Dictionary<int, int>();
        for (int i = last; i >= 0 && last - i < 400; i--)
        {
            var m = state.NameMentions[i];
            if (m.Entity >= 0 && state.Entities[m.Entity].Type == SpeakerType.Person) counts[m.Entity] = counts.GetValueOrDefault(m.Entity) + 1;
        }
        foreach (var (e, n) in counts)
            if (e != only && n >= counts[only]) return -1;
        return only;
    }

    /// <summary>A group or organisation named by its words (the leading article dropped), one entity per name.</summary>
    private static int GroupOrOrganization(Document doc, State state, int first, int end, SpeakerType type)
    {
        if (end <= first) return -1;
        int from = first;
        if (IsArticle(doc, from) && end - from > 1) from++;
        var name = doc.Text[doc.Tokens[from].Start..doc.Tokens[end - 1].End];
        var key = (type, name.ToLowerInvariant());
        if (state.ByName.TryGetValue(key, out int e))
        {
            state.Entities[e].Mentions.Add(new Mention { FirstToken = first, EndToken = end, Kind = MentionKind.Group, Entity = e });
            return e;
        }
        var entity = new Entity { Name = name, Type = type };
        entity.Mentions.Add(new Mention { FirstToken = first, EndToken = end, Kind = MentionKind.Group, Entity = state.Entities.Count });
        state.Entities.Add(entity);
        state.ByName[key] = state.Entities.Count - 1;
        return state.Entities.Count - 1;
    }

    /// <summary>A stable id from a name: the store's slug, so that ids agree everywhere.</summary>
    public static string Slug(string name) => Storage.SlugSpeakerIdentity.Slug(name);
}
