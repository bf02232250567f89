namespace Verbatim.Text;

/// <summary>Closed word classes for English news that the rules rely on. Lower-case; looked up case-insensitively.</summary>
internal static class Lexicon
{
    /// <summary>Abbreviations whose period does not end a sentence.</summary>
    public static readonly WordSet Abbreviations = WordSet.Of("""
        mr mrs ms messrs dr gen sen sens rep reps gov govs lt col sgt capt cmdr adm maj cpl pvt st ste mt ft
        jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
        inc corp co ltd jr sr vs prof rev atty supt dept univ est fig no nos pres gens sec hon esq
        ala ariz ark calif colo conn del fla ga ill ind kan kans ky la md mass mich minn miss mo mont neb nev okla ore pa tenn tex va vt wash wis wyo
        """);

    public static readonly WordSet Months = WordSet.Of("january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec");
    public static readonly WordSet Weekdays = WordSet.Of("monday tuesday wednesday thursday friday saturday sunday");

    /// <summary>Words of a person's title that precede a name (Ukrainian President, Sen., former Secretary of State).</summary>
    public static readonly WordSet TitleWords = WordSet.Of("""
        president vice prime minister secretary senator sen rep representative gov governor mayor chancellor king queen prince princess
        pope judge justice gen general lt col colonel sgt capt captain adm admiral commander chief ceo cfo coo chairman chairwoman chair
        director spokesman spokeswoman spokesperson ambassador mr mrs ms dr prof professor rev speaker leader candidate nominee attorney
        deputy former first lady sheriff officer commissioner congressman congresswoman state defense foreign finance interior
        majority minority whip press executive campaign manager adviser advisor aide strategist pollster analyst economist host anchor
        correspondent reporter editor founder cofounder owner coach rabbi imam bishop cardinal sir dame lord emperor premier crown
        presidential republican democratic democrat gop independent longtime veteran top senior acting incoming outgoing then
        chief-of-staff co-founder counsel lawyer spokesmen presumptive nominee hopeful contender challenger incumbent businessman
        billionaire mogul lawmaker legislator assemblyman assemblywoman councilman councilwoman delegate envoy diplomat negotiator
        physician surgeon doctor author activist candidate presidential-candidate star actor actress singer rapper comedian
        sens reps pastor reverend moderator co-moderator co-anchor filmmaker rival
        """);

    /// <summary>Adjectives of nationality or affiliation that can open a title (Ukrainian President, White House press secretary).</summary>
    public static readonly WordSet AffiliationWords = WordSet.Of("""
        us u.s. uk u.k. american british english scottish welsh irish ukrainian russian french german italian spanish portuguese dutch belgian
        swiss austrian polish czech slovak hungarian romanian bulgarian greek turkish swedish norwegian danish finnish estonian latvian
        lithuanian belarusian moldovan georgian armenian azerbaijani israeli palestinian iranian iraqi syrian lebanese jordanian saudi
        egyptian libyan tunisian moroccan algerian nigerian kenyan ethiopian south north african chinese japanese korean indian pakistani
        afghan bangladeshi indonesian philippine filipino vietnamese thai malaysian australian canadian mexican brazilian argentine
        argentinian chilean colombian venezuelan cuban european nato un eu white house republican democratic gop state federal
        """);

    /// <summary>Head nouns of a description of one person (the Ukrainian leader, the former secretary of state).</summary>
    public static readonly WordSet PersonDescriptionHeads = WordSet.Of("""
        leader president minister premier chancellor senator governor candidate nominee secretary spokesman spokeswoman spokesperson
        official chief chairman chairwoman mayor king queen prince general businessman businesswoman billionaire mogul congressman
        congresswoman lawmaker legislator democrat republican host star actor actress singer rapper judge prosecutor lawyer attorney
        director executive ceo founder woman man doctor physician pollster strategist adviser advisor aide economist analyst expert
        professor researcher scientist author activist representative manager officer commander diplomat envoy ambassador negotiator
        father mother son daughter wife husband brother sister friend veteran witness victim survivor resident student teacher
        worker owner reporter journalist editor commentator columnist hopeful contender challenger incumbent nominee frontrunner
        front-runner speaker counsel source insider chief-of-staff
        """);

    /// <summary>Plural heads that make a group speaker (White House officials, critics, Republicans).</summary>
    public static readonly WordSet GroupHeads = WordSet.Of("""
        officials leaders critics analysts experts supporters opponents republicans democrats lawmakers legislators senators aides
        advisers advisors sources people residents voters protesters activists economists scientists researchers investigators
        prosecutors police authorities members workers witnesses observers diplomats executives staff staffers employees organizers
        organisers spokesmen spokespeople representatives insiders allies rivals doctors lawyers attorneys teachers students parents
        families americans conservatives liberals progressives democrats pollsters strategists operatives donors delegates
        """);

    /// <summary>Words that mark an organisation name (the State Department, Breitbart News, the Clinton campaign).</summary>
    public static readonly WordSet OrganizationWords = WordSet.Of("""
        department ministry agency committee commission council party campaign company corporation corp inc ltd llc group bank
        university college institute foundation association union court senate congress house administration government kremlin
        pentagon network news times post journal tribune herald gazette press magazine review office board bureau service center
        centre fund organization organisation club team army military parliament assembly cabinet embassy consulate coalition
        alliance federation league society institution authority police fbi cia nsa nato un eu cnn msnbc fox abc nbc cbs bbc ap afp
        reuters politico breitbart huffpost twitter facebook google apple microsoft amazon white
        logistics holdings industries partners capital systems airlines airways motors energy media labs laboratories
        technologies solutions services group council trust institute inc. corp. plc ag sa gmbh company's network
        """);

    public static readonly WordSet MalePronouns = WordSet.Of("he him his himself");
    public static readonly WordSet FemalePronouns = WordSet.Of("she her hers herself");
    public static readonly WordSet SubjectPronouns = WordSet.Of("he she they we i it you");

    /// <summary>Adverbs that may stand between a source and its cue (Zelenskyy also said, he later told).</summary>
    public static readonly WordSet CueAdverbs = WordSet.Of("""
        also later then nonetheless nevertheless however previously repeatedly again once reportedly recently publicly privately
        separately further earlier already still even only just often frequently initially first finally ultimately subsequently
        openly explicitly specifically directly angrily firmly calmly quietly loudly jokingly confidently emphatically proudly falsely
        wrongly correctly famously pointedly tersely curtly succinctly casually candidly frankly softly sharply strongly vehemently
        continually consistently constantly always now today yesterday recently long since similarly likewise
        """);

    /// <summary>Auxiliaries between a source and its cue (has said, was quoted as, will tell).</summary>
    public static readonly WordSet Auxiliaries = WordSet.Of("has have had was were is are will would could should might may can did does do been be being 's ’s");

    /// <summary>Words that end the search for a source to the left of a cue: clause openers and relative pronouns.</summary>
    public static readonly WordSet ClauseBoundaries = WordSet.Of("""
        that which who whom whose where when while because although though since if unless whereas after before as so but
        than until once whether why how what
        """);

    /// <summary>Words that start a finite clause after a verb: used to accept a that-less complement (he said his troops are ...).</summary>
    public static readonly WordSet ClauseVerbs = WordSet.Of("""
        is are was were will would could can should might may must has have had did does do shall 's ’s
        isn't aren't wasn't weren't won't wouldn't couldn't can't cannot shouldn't hasn't haven't hadn't didn't doesn't don't
        """);

    public static readonly WordSet Determiners = WordSet.Of("the a an this that these those his her their its our my your some many several most all both each every any no another other");

    /// <summary>A subject pronoun fused with a contracted auxiliary (she’s, they're, I’ve) as the pronoun alone; any other word as it is.</summary>
    public static ReadOnlySpan<char> WithoutPronounContraction(ReadOnlySpan<char> word)
    {
        int apostrophe = word.IndexOfAny('\'', '\u2019');
        if (apostrophe <= 0) return word;
        var pronoun = word[..apostrophe];
        var rest = word[(apostrophe + 1)..];
        bool isPronoun = SubjectPronouns.Contains(pronoun) || pronoun.Equals("who", StringComparison.OrdinalIgnoreCase);
        bool isAuxiliary = rest.Equals("s", StringComparison.OrdinalIgnoreCase) || rest.Equals("re", StringComparison.OrdinalIgnoreCase)
            || rest.Equals("ve", StringComparison.OrdinalIgnoreCase) || rest.Equals("d", StringComparison.OrdinalIgnoreCase)
            || rest.Equals("ll", StringComparison.OrdinalIgnoreCase) || rest.Equals("m", StringComparison.OrdinalIgnoreCase);
        return isPronoun && isAuxiliary ? pronoun : word;
    }
}
