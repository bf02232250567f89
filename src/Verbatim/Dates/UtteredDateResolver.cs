using Verbatim.Pipeline;
using Verbatim.Quotes;
using Verbatim.Text;

namespace Verbatim.Dates;

/// <summary>
/// Dates each utterance from the time phrase attached to its cue, against the article date:
/// "on Thursday" in an article of Friday 2022-07-08 is 2022-07-07; "yesterday", "today", "July 7".
/// A present-tense cue ("says") dates it to the article. Otherwise null: the article date is never a guess.
/// </summary>
public sealed class UtteredDateResolver : IStage
{
    public string Name => "uttered-dates";

    public void Run(Document doc)
    {
        doc.Uttered.Clear();
        var articleDate = doc.Article.Date;
        foreach (var d in doc.Attributions)
        {
            DateOnly? day = null;
            if (articleDate is { } date)
            {
                if (d.TimeFirst >= 0)
                {
                    // The time phrase the attribution finder attached to the cue, as the time stage normalised it.
                    int e = ExpressionIn(doc, d.TimeFirst, d.TimeEnd);
                    day = e >= 0 ? doc.Times[e].Day : Resolve(doc, d.TimeFirst, d.TimeEnd, date);
                }
                else if (ExpressionAfterCue(doc, d) is { } after)
                    day = after; // "told reporters Tuesday", "said today"
                else if (d.PresentCue && d.CueFirst >= 0) day = date;
            }
            doc.Uttered.Add(day);
        }
    }

    /// <summary>The time expression that overlaps tokens [first, end), or -1.</summary>
    private static int ExpressionIn(Document doc, int first, int end)
    {
        int i = doc.TimeEndingAfter(first);
        return i < doc.Times.Count && doc.Times[i].FirstToken < end ? i : -1;
    }

    /// <summary>A day named right after the cue, or after the cue and its addressee ("said on Thursday", "told CNN Tuesday").</summary>
    private static DateOnly? ExpressionAfterCue(Document doc, AttributionDraft d)
    {
        if (d.CueFirst < 0 || doc.Times.Count == 0) return null;
        int at = d.CueEnd;
        if (d.AddresseeFirst >= 0 && d.AddresseeFirst >= d.CueEnd && d.AddresseeFirst <= d.CueEnd + 1) at = d.AddresseeEnd;
        if (doc.TokenIs(at, "on")) at++;
        int i = doc.TimeEndingAfter(at);
        if (i >= doc.Times.Count || doc.Times[i].FirstToken != at) return null;
        var t = doc.Times[i];
        return t.Type is TimexType.Date or TimexType.Time ? t.Day : null;
    }

    /// <summary>The day a time phrase of tokens [first, end) names, relative to <paramref name="articleDate"/>; null for a span longer than a day.</summary>
    public static DateOnly? Resolve(Document doc, int first, int end, DateOnly articleDate)
    {
        int k = first;
        bool last = false;
        if (doc.TokenIs(k, "on") || doc.TokenIs(k, "late") || doc.TokenIs(k, "early")) k++;
        if (doc.TokenIs(k, "earlier") && k + 1 < end) k++;
        if (doc.TokenIs(k, "last") && k + 1 < end) { last = true; k++; }
        if (doc.TokenIs(k, "this") && k + 1 < end) k++;
        if (k >= end) return null;
        var w = doc.TokenText(k);
        if (w.Equals("yesterday", StringComparison.OrdinalIgnoreCase)) return articleDate.AddDays(-1);
        if (w.Equals("today", StringComparison.OrdinalIgnoreCase) || w.Equals("tonight", StringComparison.OrdinalIgnoreCase)) return articleDate;
        if (w.Equals("night", StringComparison.OrdinalIgnoreCase)) return last ? articleDate.AddDays(-1) : articleDate;
        if (w.Equals("morning", StringComparison.OrdinalIgnoreCase) || w.Equals("afternoon", StringComparison.OrdinalIgnoreCase)
            || w.Equals("evening", StringComparison.OrdinalIgnoreCase))
            return last ? null : articleDate;
        if (Weekday(w) is { } weekday)
        {
            int back = ((int)articleDate.DayOfWeek - (int)weekday + 7) % 7;
            if (last && back == 0) back = 7;
            return articleDate.AddDays(-back);
        }
        if (Month(w) is { } month && k + 1 < end && int.TryParse(doc.TokenText(k + 1), out int dayOfMonth))
        {
            int year = articleDate.Year;
            if (k + 3 < end && IsComma(doc, k + 2)
                && int.TryParse(doc.TokenText(k + 3), out int y) && y is > 1000 and < 3000)
                year = y;
            else if (new DateOnly(year, month, 1) > articleDate.AddMonths(1))
                year--; // "said on December 30" in a January article
            if (dayOfMonth < 1 || dayOfMonth > DateTime.DaysInMonth(year, month)) return null;
            return new DateOnly(year, month, dayOfMonth);
        }
        return null;
    }

    private static bool IsComma(Document doc, int k) =>
        k < doc.Tokens.Count && doc.Tokens[k].Kind == TokenKind.Punctuation && doc.Text[doc.Tokens[k].Start] == ',';

    private static DayOfWeek? Weekday(ReadOnlySpan<char> w)
    {
        for (int d = 0; d < 7; d++)
            if (w.Equals(((DayOfWeek)d).ToString(), StringComparison.OrdinalIgnoreCase)) return (DayOfWeek)d;
        return null;
    }

    private static readonly string[] MonthNames =
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

    private static int? Month(ReadOnlySpan<char> w)
    {
        var trimmed = w.TrimEnd('.');
        for (int m = 0; m < 12; m++)
        {
            var name = MonthNames[m];
            if (trimmed.Equals(name, StringComparison.OrdinalIgnoreCase)) return m + 1;
            if (trimmed.Length >= 3 && name.StartsWith(trimmed.ToString().ToLowerInvariant(), StringComparison.Ordinal) && trimmed.Length <= 4) return m + 1;
        }
        return null;
    }
}
