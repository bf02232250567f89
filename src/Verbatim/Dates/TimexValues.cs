using System.Globalization;

namespace Verbatim.Dates;

/// <summary>TIMEX3 values: formatting and the calendar period a value covers.</summary>
public static class TimexValues
{
    private static readonly string[] Years = Enumerable.Range(1900, 201).Select(y => y.ToString("D4", CultureInfo.InvariantCulture)).ToArray();

    /// <summary>The TIMEX3 name of a type: DATE, TIME, DURATION or SET.</summary>
    public static string TypeName(TimexType t) => t switch
    {
        TimexType.Time => "TIME", TimexType.Duration => "DURATION", TimexType.Set => "SET", _ => "DATE",
    };

    public static string Year(int y) => y is >= 1900 and <= 2100 ? Years[y - 1900] : y.ToString("D4", CultureInfo.InvariantCulture);

    public static string Month(int y, int m) => string.Create(7, (y, m), static (s, v) =>
    {
        Digits4(s, v.y);
        s[4] = '-';
        Digits2(s[5..], v.m);
    });

    /// <summary>yyyy-MM-dd without the culture machinery (the hot path of the time stage).</summary>
    public static string Day(DateOnly d) => string.Create(10, d, static (s, v) =>
    {
        Digits4(s, v.Year);
        s[4] = '-';
        Digits2(s[5..], v.Month);
        s[7] = '-';
        Digits2(s[8..], v.Day);
    });

    private static void Digits4(Span<char> s, int v)
    {
        s[0] = (char)('0' + v / 1000 % 10);
        s[1] = (char)('0' + v / 100 % 10);
        s[2] = (char)('0' + v / 10 % 10);
        s[3] = (char)('0' + v % 10);
    }

    private static void Digits2(Span<char> s, int v)
    {
        s[0] = (char)('0' + v / 10 % 10);
        s[1] = (char)('0' + v % 10);
    }
    public static string Week(DateOnly d) => $"{Year(ISOWeek.GetYear(d.ToDateTime(TimeOnly.MinValue)))}-W{ISOWeek.GetWeekOfYear(d.ToDateTime(TimeOnly.MinValue)):D2}";
    public static string Quarter(int y, int q) => $"{Year(y)}-Q{q}";
    public static string Half(int y, int h) => $"{Year(y)}-H{h}";
    public static string Decade(int y) => (y / 10).ToString("D3", CultureInfo.InvariantCulture);
    public static string Century(int y) => (y / 100).ToString("D2", CultureInfo.InvariantCulture);

    private static readonly string[] SeasonCodes = ["SP", "SU", "FA", "WI"];
    public static string Season(int y, int season) => $"{Year(y)}-{SeasonCodes[season]}";

    /// <summary>The day a value names when it names exactly one calendar day (with or without a time of day).</summary>
    public static DateOnly? Day(string value)
    {
        if (value.Length < 10 || (value.Length > 10 && value[10] != 'T') || value[4] != '-' || value[7] != '-') return null;
        var s = value.AsSpan();
        if (!Num(s[..4], out int y) || !Num(s[5..7], out int m) || !Num(s[8..10], out int day)) return null;
        if (y < 1 || m is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(y, m)) return null;
        return new DateOnly(y, m, day);
    }

    /// <summary>The first and last calendar day of the period a DATE/TIME value names; null for values that name no period
    /// (PRESENT_REF, durations, sets, values with X).</summary>
    public static (DateOnly First, DateOnly Last)? Period(string value)
    {
        if (string.IsNullOrEmpty(value) || value.Contains('X')) return null;
        if (Day(value) is { } day) return (day, day);
        var s = value.AsSpan();
        if (s.Length == 2 && Num(s, out int c)) return (new DateOnly(Math.Max(1, c * 100), 1, 1), new DateOnly(c * 100 + 99, 12, 31));
        if (s.Length == 3 && Num(s, out int dec)) return (new DateOnly(Math.Max(1, dec * 10), 1, 1), new DateOnly(dec * 10 + 9, 12, 31));
        if (s.Length < 4 || !Num(s[..4], out int y) || y < 1) return null;
        if (s.Length == 4) return (new DateOnly(y, 1, 1), new DateOnly(y, 12, 31));
        if (s[4] != '-') return null;
        var rest = s[5..];
        if (rest.Length == 2 && Num(rest, out int m) && m is >= 1 and <= 12)
            return (new DateOnly(y, m, 1), new DateOnly(y, m, DateTime.DaysInMonth(y, m)));
        if (rest.Length == 2 && rest[0] == 'Q' && rest[1] is >= '1' and <= '4')
        {
            int q = rest[1] - '0';
            var first = new DateOnly(y, q * 3 - 2, 1);
            return (first, first.AddMonths(3).AddDays(-1));
        }
        if (rest.Length == 2 && rest[0] == 'H' && rest[1] is '1' or '2')
            return rest[1] == '1' ? (new DateOnly(y, 1, 1), new DateOnly(y, 6, 30)) : (new DateOnly(y, 7, 1), new DateOnly(y, 12, 31));
        switch (rest)
        {
            case "SP": return (new DateOnly(y, 3, 20), new DateOnly(y, 6, 20));
            case "SU": return (new DateOnly(y, 6, 21), new DateOnly(y, 9, 22));
            case "FA": return (new DateOnly(y, 9, 23), new DateOnly(y, 12, 20));
            case "WI": return (new DateOnly(y, 12, 21), new DateOnly(y + 1, 3, 19));
        }
        if (rest.Length >= 2 && rest[0] == 'W' && Num(rest[1..Math.Min(3, rest.Length)], out int w) && w is >= 1 and <= 53)
        {
            var monday = DateOnly.FromDateTime(ISOWeek.ToDateTime(y, w, DayOfWeek.Monday));
            if (rest.EndsWith("-WE")) return (monday.AddDays(5), monday.AddDays(6));
            return (monday, monday.AddDays(6));
        }
        return null;
    }

    /// <summary>The last day a value with a modifier allows (START: the first third of the period; MID: up to its middle+).</summary>
    public static DateOnly? LastDay(string value, string? mod)
    {
        if (Period(value) is not { } p) return null;
        int days = p.Last.DayNumber - p.First.DayNumber + 1;
        return mod switch
        {
            "START" when days > 2 => p.First.AddDays(days / 3),
            "MID" when days > 2 => p.First.AddDays(days * 2 / 3),
            _ => p.Last,
        };
    }

    private static bool Num(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        if (s.IsEmpty) return false;
        foreach (var ch in s)
        {
            if (ch is < '0' or > '9') return false;
            value = value * 10 + (ch - '0');
        }
        return true;
    }
}
