using System.Globalization;

namespace Verbatim.Evaluation;

/// <summary>A brat text-bound annotation: <c>T3\tContent 13 98;100 120\ttext</c>. Parts are in file order.</summary>
public sealed record BratTextBound(string Id, string Type, IReadOnlyList<TextSpan> Parts, string Text);

/// <summary>One argument of a brat event: <c>Source:T1</c>. <see cref="Role"/> keeps brat's numbered suffix
/// (<c>Content2</c>); <see cref="BaseRole"/> drops it (<c>Content</c>).</summary>
public sealed record BratArgument(string Role, string TargetId)
{
    public string BaseRole => Role.TrimEnd('0', '1', '2', '3', '4', '5', '6', '7', '8', '9');
}

/// <summary>A brat event: <c>E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1</c>; the first pair is the trigger.</summary>
public sealed record BratEvent(string Id, string Type, string? TriggerId, IReadOnlyList<BratArgument> Arguments);

/// <summary>A parsed brat standoff (.ann) file. Lines other than T and E (attributes, relations, notes, and the
/// continuation lines of a text that spans several lines) are ignored; malformed T/E lines are reported in
/// <see cref="Warnings"/> and skipped.</summary>
public sealed class BratDocument
{
    public BratDocument(IReadOnlyList<BratTextBound> textBounds, IReadOnlyList<BratEvent> events, IReadOnlyList<string> warnings)
    {
        TextBounds = textBounds;
        Events = events;
        Warnings = warnings;
        var byId = new Dictionary<string, BratTextBound>(StringComparer.Ordinal);
        foreach (var t in textBounds) byId.TryAdd(t.Id, t);
        TextBoundsById = byId;
    }

    public IReadOnlyList<BratTextBound> TextBounds { get; }
    public IReadOnlyDictionary<string, BratTextBound> TextBoundsById { get; }
    public IReadOnlyList<BratEvent> Events { get; }
    public IReadOnlyList<string> Warnings { get; }
}

public static class BratParser
{
    public static BratDocument Parse(string annotations)
    {
        ArgumentNullException.ThrowIfNull(annotations);
        var tbs = new List<BratTextBound>();
        var events = new List<BratEvent>();
        var warnings = new List<string>();
        int lineNo = 0;
        foreach (var raw in annotations.Split('\n'))
        {
            lineNo++;
            var line = raw.TrimEnd('\r');
            if (line.Length < 2 || (line[0] != 'T' && line[0] != 'E') || !char.IsAsciiDigit(line[1])) continue;
            int tab = line.IndexOf('\t');
            if (tab < 0 || !IsId(line.AsSpan(0, tab)))
                continue; // not an annotation line: a continuation of a multi-line text
            string id = line[..tab];
            string rest = line[(tab + 1)..];
            if (line[0] == 'T')
            {
                var tb = ParseTextBound(id, rest);
                if (tb is null) warnings.Add($"line {lineNo}: malformed text-bound annotation '{Clip(line)}'");
                else tbs.Add(tb);
            }
            else
            {
                var ev = ParseEvent(id, rest);
                if (ev is null) warnings.Add($"line {lineNo}: malformed event '{Clip(line)}'");
                else events.Add(ev);
            }
        }
        return new BratDocument(tbs, events, warnings);
    }

    private static bool IsId(ReadOnlySpan<char> s)
    {
        if (s.Length < 2) return false;
        foreach (var c in s[1..]) if (!char.IsAsciiDigit(c)) return false;
        return true;
    }

    private static BratTextBound? ParseTextBound(string id, string rest)
    {
        int tab = rest.IndexOf('\t');
        string head = tab < 0 ? rest : rest[..tab];
        string text = tab < 0 ? "" : rest[(tab + 1)..];
        int sp = head.IndexOf(' ');
        if (sp <= 0) return null;
        string type = head[..sp];
        var parts = new List<TextSpan>();
        foreach (var part in head[(sp + 1)..].Split(';'))
        {
            var nums = part.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (nums.Length != 2
                || !int.TryParse(nums[0], NumberStyles.None, CultureInfo.InvariantCulture, out int s)
                || !int.TryParse(nums[1], NumberStyles.None, CultureInfo.InvariantCulture, out int e)
                || e < s)
                return null;
            parts.Add(new TextSpan(s, e));
        }
        return parts.Count == 0 ? null : new BratTextBound(id, type, parts, text);
    }

    private static BratEvent? ParseEvent(string id, string rest)
    {
        var items = rest.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (items.Length == 0) return null;
        string? type = null, trigger = null;
        var args = new List<BratArgument>();
        for (int i = 0; i < items.Length; i++)
        {
            int colon = items[i].IndexOf(':');
            if (i == 0)
            {
                if (colon < 0) type = items[i];
                else { type = items[i][..colon]; trigger = items[i][(colon + 1)..]; }
                if (type.Length == 0) return null;
                continue;
            }
            if (colon <= 0 || colon == items[i].Length - 1) return null;
            args.Add(new BratArgument(items[i][..colon], items[i][(colon + 1)..]));
        }
        return new BratEvent(id, type!, string.IsNullOrEmpty(trigger) ? null : trigger, args);
    }

    private static string Clip(string s) => s.Length <= 80 ? s : s[..80] + "…";
}
