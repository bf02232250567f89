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
    public List<Mention> Mentions { get; } = [];
    /// <summary>Lower-case words of the titles this entity was given (ukrainian, president) for descriptions.</summary>
    public HashSet<string> TitleWords { get; } = new(StringComparer.OrdinalIgnoreCase);
    /// <summary>Nouns and adjectives of a description set off after the name ("Hillary Clinton, the former secretary of
    /// state,"): matched by a later description's head word only (nominee, secretary), not by any word.</summary>
    public HashSet<string> DescriptionWords { get; } = new(StringComparer.OrdinalIgnoreCase);
}
