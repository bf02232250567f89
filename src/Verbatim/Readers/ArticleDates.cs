using System.Globalization;

namespace Verbatim.Readers;

/// <summary>The ` date YYYY-MM-DD ` header of plain-text articles, and ISO date parsing for every reader.</summary>
public static class ArticleDates
{
    /// <summary>Length of ` date YYYY-MM-DD `: the body starts right after it.</summary>
    public const int HeaderLength = 17;

    /// <summary>
    /// Reads a leading ` date YYYY-MM-DD ` header. Returns false when the text has none. When the
    /// header has the right shape but an impossible date (2022-13-45), returns false with a reason.
    /// </summary>
    public static bool TryReadHeader(ReadOnlySpan<char> text, out DateOnly date, out string? reason)
    {
        date = default;
        reason = null;
        if (text.Length < HeaderLength || !text.StartsWith(" date ", StringComparison.Ordinal) || text[HeaderLength - 1] != ' ')
            return false;
        var value = text.Slice(6, 10);
        if (!HasIsoShape(value))
            return false;
        if (TryParseIso(value, out date))
            return true;
        reason = $"impossible date '{value}' in the ' date YYYY-MM-DD ' header";
        return false;
    }

    /// <summary>Strict yyyy-MM-dd.</summary>
    public static bool TryParseIso(ReadOnlySpan<char> value, out DateOnly date) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>
    /// A record's date: yyyy-MM-dd, or an ISO date-time whose calendar date is taken as written
    /// (no time-zone shift: the publisher's own day is the article's day).
    /// </summary>
    public static bool TryParseRecordDate(ReadOnlySpan<char> value, out DateOnly date)
    {
        if (value.Length > 10 && (value[10] == 'T' || value[10] == ' ') && HasIsoShape(value[..10]))
            return TryParseIso(value[..10], out date);
        return TryParseIso(value, out date);
    }

    /// <summary>
    /// A date as pages, feeds and spreadsheets write it: an ISO date or date-time (its calendar date as written),
    /// a compact yyyyMMdd, or any date-time the invariant culture reads (RFC 1123, "July 8, 2022"...).
    /// </summary>
    public static bool TryParseLoose(ReadOnlySpan<char> value, out DateOnly date)
    {
        value = value.Trim();
        if (value.Length >= 10 && HasIsoShape(value[..10]))
            return TryParseIso(value[..10], out date);
        if (value.Length == 8 && DateOnly.TryParseExact(value, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
            return true;
        if (value.Length <= 64 && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AssumeUniversal, out var dto))
        {
            date = DateOnly.FromDateTime(dto.DateTime);
            return true;
        }
        date = default;
        return false;
    }

    private static bool HasIsoShape(ReadOnlySpan<char> v) =>
        v.Length == 10 && v[4] == '-' && v[7] == '-'
        && char.IsAsciiDigit(v[0]) && char.IsAsciiDigit(v[1]) && char.IsAsciiDigit(v[2]) && char.IsAsciiDigit(v[3])
        && char.IsAsciiDigit(v[5]) && char.IsAsciiDigit(v[6]) && char.IsAsciiDigit(v[8]) && char.IsAsciiDigit(v[9]);
}
