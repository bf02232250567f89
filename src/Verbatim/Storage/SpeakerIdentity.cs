using System.Text;

namespace Verbatim.Storage;

/// <summary>
/// A caller-supplied corpus-wide speaker id (tests, experiments). By default the store decides identities with
/// <see cref="Corpus.SpeakerDirectory"/> (spellings, aliases, hand overrides); passing an <see cref="ISpeakerIdentity"/>
/// to <see cref="SqliteQuoteStore.Open"/> replaces it.
/// </summary>
public interface ISpeakerIdentity
{
    string IdFor(string name, SpeakerType type);
}

/// <summary>For now a speaker is their name's slug: "Volodymyr Zelenskyy" → "volodymyr-zelenskyy".</summary>
public sealed class SlugSpeakerIdentity : ISpeakerIdentity
{
    public static SlugSpeakerIdentity Instance { get; } = new();

    public string IdFor(string name, SpeakerType type) => Slug(name);

    /// <summary>Lowercase letters and digits joined by single hyphens; common Latin accents folded (invariant globalization has no Unicode decomposition).</summary>
    public static string Slug(string name)
    {
        var sb = new StringBuilder(name.Length);
        var pendingHyphen = false;
        foreach (var c in name)
        {
            if (char.IsLetterOrDigit(c))
            {
                if (pendingHyphen && sb.Length > 0) sb.Append('-');
                pendingHyphen = false;
                sb.Append(Fold(char.ToLowerInvariant(c)));
            }
            else if (c is '\'' or '\u2019' or '.') { } // O'Brien → obrien, D.C. → dc (as the pipeline's ids)
            else pendingHyphen = true;
        }
        return sb.Length == 0 ? "unknown" : sb.ToString();
    }

    private const string Accented = "àáâãäåāăąçćĉċčďđèéêëēĕėęěĝğġģĥħìíîïĩīĭįıĵķĺļľŀłñńņňòóôõöøōŏőŕŗřśŝşšţťŧùúûüũūŭůűųŵýÿŷźżž";
    private const string Plain    = "aaaaaaaaacccccddeeeeeeeeegggghhiiiiiiiiijklllllnnnnooooooooorrrsssstttuuuuuuuuuuwyyyzzz";

    /// <summary>A lower-case letter without its accent (é → e, ß → ss); works under invariant globalization, where Normalize does not.</summary>
    internal static string Fold(char c)
    {
        var i = Accented.IndexOf(c);
        if (i >= 0) return Plain[i].ToString();
        return c switch { 'ß' => "ss", 'æ' => "ae", 'œ' => "oe", 'þ' => "th", 'ð' => "d", _ => c.ToString() };
    }
}
