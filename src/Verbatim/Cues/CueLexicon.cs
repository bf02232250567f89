using System.Collections.Frozen;
using System.Reflection;
using Verbatim.Text;

namespace Verbatim.Cues;

[Flags]
public enum CueFlags : ushort
{
    None = 0,
    /// <summary>Takes the hearer as object: told CNN, assured reporters, asked him.</summary>
    TakesAddressee = 1,
    /// <summary>A belief or expectation (believes, expects): counts only with a clause after it.</summary>
    Belief = 2,
    /// <summary>Present tense (says, tells): the words are being said as the article is dated.</summary>
    Present = 4,
    /// <summary>A form that is also a common noun (claims, notes, comments): needs a subject right before it.</summary>
    AlsoNoun = 8,
    /// <summary>"according to X": the source follows the cue.</summary>
    AccordingTo = 16,
    /// <summary>A passive or phrasal form whose content follows directly (were quoted as, went on to say).</summary>
    ContentFollows = 32,
    /// <summary>A base form (say, tell): a cue only after an auxiliary, a modal or "to".</summary>
    BaseForm = 64,
    /// <summary>Learned from PolNeAR train (Resources/learned-cue-phrases.tsv) rather than listed by hand.</summary>
    Learned = 128,
    /// <summary>Its content is usually the object right after it (criticized X, called for X, went on to discuss X).</summary>
    ObjectContent = 256,
    /// <summary>Found by the learned cue tagger, not listed in the lexicon.</summary>
    Tagged = 512,
}

/// <summary>One cue phrase: its words (lower case) and flags.</summary>
public sealed record CuePhrase(string[] Words, CueFlags Flags);

/// <summary>
/// The reporting-verb lexicon: the 257 forms of the Gender Gap Tracker list (MIT, shipped as a resource)
/// plus the project's own forms and multi-word cues. Immutable; looked up by the phrase's first word.
/// </summary>
public sealed class CueLexicon
{
    private readonly FrozenDictionary<string, CuePhrase[]>.AlternateLookup<ReadOnlySpan<char>> _byFirstWord;
    private readonly FrozenDictionary<string, CuePhrase[]> _dictionary;

    // Forms of the shipped list that in news are mostly nouns or not speech: dropped outright. (Participles that
    // open an attribution after a comma — ", saying ...", ", adding that ..." — and the verbs of judging others
    // — described, criticized, denounced — are kept: PolNeAR annotates them as cues.)
    private static readonly HashSet<string> Dropped = new(StringComparer.OrdinalIgnoreCase)
    {
        "finding", "finds", "point", "points", "pointing", "pointed", "present", "presents", "presenting", "release", "released",
        "releases", "releasing", "reporting", "demonstrate", "demonstrated", "demonstrates", "demonstrating", "illustrate",
        "illustrated", "illustrates", "illustrating", "ensure", "ensured", "ensures", "ensuring", "persist", "persisted",
        "persisting", "persists", "accept", "accepted", "accepting", "acclaim", "acclaimed", "acclaiming", "acclaims",
        "highlight", "highlighted", "highlighting", "highlights",
        "convince", "convinced", "convinces", "convincing", "rave", "raved", "raves", "raving", "preach", "preached",
        "preaches", "preaching", "retell", "retelling", "retells", "retold", "decried", "decries", "decry", "decrying",
        "continuing", "continue", "continues", "writing", "thinking",
    };

    private static readonly string[] AlsoNouns =
    [
        "claims", "claim", "notes", "note", "comments", "comment", "reports", "report", "states", "state", "tweets", "tweet",
        "estimates", "thought", "replies", "reply", "warns", "disputes", "dispute", "mentions", "mention", "remarks", "promises",
        "fears", "hopes", "doubts", "answers", "concerns", "writes",
    ];

    private static readonly string[] TellLike =
    [
        "told", "tell", "tells", "informed", "inform", "informs", "assured", "assure", "assures", "reassured", "reassure",
        "reassures", "reminded", "remind", "reminds", "warned", "warn", "warns", "advised", "notified", "asked", "ask", "asks",
        "urged", "urge", "urges", "promised", "promise", "promises", "convinced", "cautioned", "briefed",
    ];

    // The project's own single-word forms, beyond the shipped list.
    private const string ExtraVerbs = """
        asked ask asks stressed stresses stress urged urges vowed vows vow promised promise pledged pledges pledge recalled recalls
        countered counters conceded concedes complained complains charged contended contends alleged alleges cautioned cautions
        emphasized emphasizes emphasised emphasises observed observes remarked remarks joked jokes quipped quips lamented laments
        agreed agrees hinted hints signaled signalled boasted boasts maintained maintains repeated repeats reiterated reiterates
        revealed reveals questioned wondered wonders speculated speculates answered answers retorted replied posted texted emailed
        denied denies deny affirmed affirms demanded demands implied implies mused reasoned recounted recounts shouted yelled
        whispered muttered exclaimed cried thundered proclaimed predicted forecast acknowledged admitted conceded briefed
        contradicted insists insisted pointed explained testified hoped hopes feared fears expected expects expect believe believes
        believed know knows knew feel feels felt worried worries doubted doubts doubt suspect suspects suspected assumed assumes
        guessed guesses figured calculated calculates estimated projected projects cautioned responded wrote writes
        """;

    private const string Beliefs = """
        believe believes believed think thinks thought hoped hopes feared fears expected expects expect know knows knew feel feels
        felt worried worries doubted doubts doubt suspect suspects suspected assumed assumes guessed guesses figured reckon reckons
        reckoned calculated estimated projected
        """;

    private static readonly string[] Phrases =
    [
        "according to|AccordingTo",
        "expressed confidence|None", "expressed hope|None", "expressed concern|None", "expressed doubt|None",
        "voiced concern|None", "voiced confidence|None", "made clear|None", "made it clear|None", "pointed out|None",
        "points out|Present", "went on to say|None", "went on to note|None", "goes on to say|Present",
        "was quoted as saying|ContentFollows", "were quoted as saying|ContentFollows", "is quoted as saying|ContentFollows",
        "are quoted as saying|ContentFollows", "was quoted as|ContentFollows", "were quoted as|ContentFollows",
        "is quoted as|ContentFollows", "are quoted as|ContentFollows", "quoted as saying|ContentFollows",
    ];

    private CueLexicon(Dictionary<string, List<CuePhrase>> phrases)
    {
        _dictionary = phrases.ToFrozenDictionary(
            kv => kv.Key,
            kv => kv.Value.OrderByDescending(p => p.Words.Length).ToArray(),
            StringComparer.OrdinalIgnoreCase);
        _byFirstWord = _dictionary.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The shipped lexicon, loaded once per process.</summary>
    public static CueLexicon Default => LazyDefault.Value;


    public int Count => _dictionary.Values.Sum(v => v.Length);

    /// <summary>The phrases that start with <paramref name="word"/>, longest first; empty when none.</summary>
    public ReadOnlySpan<CuePhrase> Starting(ReadOnlySpan<char> word) =>
        _byFirstWord.TryGetValue(word, out var list) ? list : ReadOnlySpan<CuePhrase>.Empty;

    /// <summary>The lexicon with this learned cue table (the lines of a learned-cue-phrases.tsv) in place of the shipped one.</summary>
    public static CueLexicon WithLearnedTable(IEnumerable<string> learnedLines) => Load(learnedLines);

    /// <summary>The lexicon with the learned cue table in this file (as <c>verbatim train</c> writes it).</summary>
    public static CueLexicon FromLearnedFile(string path) => Load(File.ReadLines(path).Where(l => l.Length > 0));

    private static CueLexicon Load() => Load(ReadResource("learned-cue-phrases.tsv"));

    private static CueLexicon Load(IEnumerable<string> learnedLines)
    {
        var words = new List<string>();
        using (var stream = typeof(CueLexicon).Assembly.GetManifestResourceStream("Verbatim.Resources.reporting-verbs.txt")
            ?? throw new InvalidOperationException("the reporting-verbs resource is missing from the assembly"))
        using (var reader = new StreamReader(stream))
        {
            while (reader.ReadLine() is { } line)
                if (line.Trim() is { Length: > 0 } w) words.Add(w.ToLowerInvariant());
        }
        words.AddRange(ExtraVerbs.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));

        var beliefs = new HashSet<string>(Beliefs.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));
        var tell = new HashSet<string>(TellLike);
        var nouns = new HashSet<string>(AlsoNouns);
        var map = new Dictionary<string, List<CuePhrase>>(StringComparer.OrdinalIgnoreCase);
        foreach (var w in words.Distinct())
        {
            if (Dropped.Contains(w)) continue;
            var flags = CueFlags.None;
            if (tell.Contains(w)) flags |= CueFlags.TakesAddressee;
            if (beliefs.Contains(w)) flags |= CueFlags.Belief;
            if (nouns.Contains(w)) flags |= CueFlags.AlsoNoun;
            if (IsPresent(w)) flags |= CueFlags.Present;
            if (IsBaseForm(w)) flags |= CueFlags.BaseForm;
            Add(map, new CuePhrase([w], flags));
        }
        foreach (var entry in Phrases)
        {
            var parts = entry.Split('|');
            var flags = Enum.Parse<CueFlags>(parts[1]);
            Add(map, new CuePhrase(parts[0].Split(' '), flags));
        }
        // Phrases learned from PolNeAR train: a cue in at least 30% of their occurrences there.
        foreach (var line in learnedLines)
        {
            if (line.StartsWith('#')) continue;
            var cells = line.Split('\t');
            var phraseWords = cells[0].Split(' ');
            double share = double.Parse(cells[3], System.Globalization.CultureInfo.InvariantCulture);
            double after = double.Parse(cells[4], System.Globalization.CultureInfo.InvariantCulture);
            int count = int.Parse(cells[1], System.Globalization.CultureInfo.InvariantCulture);
            if (share < LearnedShare || count < LearnedCount || phraseWords.Any(w => NeverCues.Contains(w) || Dropped.Contains(w))) continue;
            if (map.TryGetValue(phraseWords[0], out var known) && known.Any(p => p.Words.SequenceEqual(phraseWords))) continue;
            var flags = CueFlags.Learned;
            if (after >= 0.6 && share >= ObjectShare) flags |= CueFlags.ObjectContent;
            if (phraseWords.Length == 1 && IsPresent(phraseWords[0])) flags |= CueFlags.Present;
            if (phraseWords.Length == 1 && IsBaseForm(phraseWords[0])) flags |= CueFlags.BaseForm;
            if (phraseWords.Length == 1 && nouns.Contains(phraseWords[0])) flags |= CueFlags.AlsoNoun;
            if (phraseWords.Length == 1 && tell.Contains(phraseWords[0])) flags |= CueFlags.TakesAddressee;
            Add(map, new CuePhrase(phraseWords, flags));
        }
        return new CueLexicon(map);
    }

    /// <summary>Learned phrases below this share of cue uses in train are left out.</summary>
    private const double LearnedShare = 0.3;
    /// <summary>Learned phrases seen as a cue fewer times than this in train are too rare to trust ("sounded").</summary>
    private const int LearnedCount = 3;
    /// <summary>A learned phrase takes the words after it as content (with no clause) only above this share.</summary>
    private const double ObjectShare = 0.45;

    /// <summary>
    /// Words never taken as cues whatever PolNeAR says: the project's own gold (../shared/fixtures) counts
    /// "He also praised Sweden and Finland ...", "Zelenskyy also touched upon the resignation of ..." as no quotation.
    /// </summary>
    private static readonly HashSet<string> NeverCues = new(StringComparer.OrdinalIgnoreCase)
    {
        "praised", "praise", "praises", "praising", "invited", "touched", "touch", "touches", "touching",
    };

    /// <summary>True for the words never taken as cues (the learned cue tagger skips them too).</summary>
    public static bool IsNeverCue(ReadOnlySpan<char> word) => NeverCues.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word);

    private static IEnumerable<string> ReadResource(string name)
    {
        using var stream = typeof(CueLexicon).Assembly.GetManifestResourceStream("Verbatim.Resources." + name)
            ?? throw new InvalidOperationException($"the {name} resource is missing from the assembly");
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
            if (line.Length > 0) yield return line;
    }

    private static void Add(Dictionary<string, List<CuePhrase>> map, CuePhrase phrase)
    {
        if (!map.TryGetValue(phrase.Words[0], out var list)) map[phrase.Words[0]] = list = [];
        list.Add(phrase);
    }

    // "says", "tells", "adds": third person present. Not "was"/"has"-like words, which the list does not hold.
    private static bool IsPresent(string w) => w.EndsWith('s') && !w.EndsWith("ss", StringComparison.Ordinal) && w is not "was";

    private static bool IsBaseForm(string w) =>
        !w.EndsWith("ed", StringComparison.Ordinal) && !w.EndsWith('s') && !w.EndsWith("ing", StringComparison.Ordinal)
        && w is not ("told" or "said" or "wrote" or "thought" or "knew" or "felt" or "retold" or "forecast");

    // Last, so that every static table above is set before the lexicon is first built.
    private static readonly Lazy<CueLexicon> LazyDefault = new(() => Load());
}
