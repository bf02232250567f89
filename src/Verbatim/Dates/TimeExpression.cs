namespace Verbatim.Dates;

/// <summary>The TIMEX3 type of a time expression.</summary>
public enum TimexType : byte { Date, Time, Duration, Set }

/// <summary>
/// One time expression of an article: a half-open range into the original text (and its tokens [FirstToken, EndToken)),
/// its TIMEX3 type, value and modifier normalised against the article date, and <see cref="Due"/>: the last calendar day
/// the expression allows when it points at or after the article date (deadlines, predictions), else null.
/// </summary>
public readonly record struct TimeExpression(
    int Start, int End, TimexType Type, string Value, string? Mod, DateOnly? Due, int FirstToken, int EndToken)
{
    /// <summary>The calendar day the value names, when it names exactly one (2022-07-07, 2022-07-07TMO); else null.</summary>
    public DateOnly? Day => TimexValues.Day(Value);

    public TimeRef ToTimeRef(string text) => new(Start, End, text[Start..End], Value, Mod, Due) { Type = TimexValues.TypeName(Type) };
}
