namespace Verbatim.Speakers;

public enum MentionKind : byte { Name, Pronoun, Description, Group, Organization }

/// <summary>A mention of a (possible) speaker: tokens [FirstToken, EndToken), its name part, and its entity.</summary>
public sealed class Mention
{
    public required int FirstToken { get; init; }
    public required int EndToken { get; init; }
    public required MentionKind Kind { get; init; }
    /// <summary>The tokens of the name without its title (Volodymyr Zelenskyy in Ukrainian President Volodymyr Zelenskyy).</summary>
    public int NameFirst { get; init; } = -1;
    public int Entity { get; set; } = -1;
    public bool InQuotation { get; init; }
}

/// <summary>A person, group or organisation of one article, gathered from its mentions.</summary>
public sealed class Entity
{
    public required string Name { get; set; }
    public required SpeakerType Type { get; set; }
    public string? Title { get; set; }
    public string? SurnameKey { get; init; }
    public string? FirstName { get; set; }
    public Gender Gender { get; set; }
    /// <summary>The sex is the seed's for a surname alone (<see cref="Gender"/>): a given name or an honorific overrides it.</summary>
    public bool GenderFromSurname { get; set; }
    public List<Mention> Mentions { get; } = [];
    /// <summary>Lower-case words of the titles this entity was given (ukrainian, president) for descriptions.</summary>
    public HashSet<string> TitleWords { get; } = new(StringComparer.OrdinalIgnoreCase);
    /// <summary>Nouns and adjectives of a description set off after the name ("Hillary Clinton, the former secretary of
    /// state,"): matched by a later description's head word only (nominee, secretary), not by any word.</summary>
    public HashSet<string> DescriptionWords { get; } = new(StringComparer.OrdinalIgnoreCase);
    /// <summary>The state a party tag after the name gives ("(I-Vt.)" → Vermont), word by word.</summary>
    public HashSet<string> Places { get; } = new(StringComparer.OrdinalIgnoreCase);

    // The first tokens of Mentions, sorted, caught up with the list when asked: resolving a mention asks each candidate for
    // its last mention before it, which a scan of every mention made quadratic in a long article.
    private readonly List<int> _starts = [];
    private int _startsOf;

    /// <summary>The first token of this entity's last mention that starts before token <paramref name="before"/>; -1 when none.</summary>
    public int LastMentionBefore(int before)
    {
        for (; _startsOf < Mentions.Count; _startsOf++)
        {
            int t = Mentions[_startsOf].FirstToken;
            if (_starts.Count == 0 || _starts[^1] <= t) { _starts.Add(t); continue; }
            int at = _starts.BinarySearch(t);
            _starts.Insert(at >= 0 ? at : ~at, t);
        }
        int lo = 0, hi = _starts.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_starts[mid] < before) lo = mid + 1;
            else hi = mid;
        }
        return lo == 0 ? -1 : _starts[lo - 1];
    }
}
