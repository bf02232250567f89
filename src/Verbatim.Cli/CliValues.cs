using System.Globalization;

namespace Verbatim.Cli;

/// <summary>A bad option value or a usage mistake: shown as one line, exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);

/// <summary>
/// Option values are taken as text and parsed here, so a bad value gets our message and exit code 2
/// (System.CommandLine's own conversion errors exit 1 with a generic message).
/// </summary>
internal static class CliValues
{
    public static DateOnly? Date(string option, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            return d;
        throw new UsageException($"{option}: '{value}' is not a date (expected YYYY-MM-DD, e.g. 2022-07-08)");
    }

    public static int PositiveInt(string option, string? value, int fallback, int max = int.MaxValue)
    {
        if (string.IsNullOrWhiteSpace(value)) return fallback;
        if (int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= max)
            return n;
        throw new UsageException(max == int.MaxValue ? $"{option}: '{value}' is not a whole number of 1 or more" : $"{option}: '{value}' is not a whole number from 1 to {max}");
    }

    public static int NonNegativeInt(string option, string? value, int fallback, int max)
    {
        if (string.IsNullOrWhiteSpace(value)) return fallback;
        if (int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= max)
            return n;
        throw new UsageException($"{option}: '{value}' is not a whole number from 0 to {max}");
    }

    public static string? OneOf(string option, string? value, params string[] allowed)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var v = value.Trim().ToLowerInvariant();
        if (allowed.Contains(v)) return v;
        throw new UsageException($"{option}: '{value}' is not one of {string.Join(", ", allowed)}");
    }

    /// <summary>The CSV column names from --text-column NAME and --column FIELD=NAME (repeatable); null when none given.</summary>
    public static Verbatim.Readers.CsvColumns? CsvColumns(string? textColumn, IEnumerable<string>? columns)
    {
        Verbatim.Readers.CsvColumns? result = null;
        foreach (var spec in columns ?? [])
        {
            int eq = spec.IndexOf('=');
            var field = eq > 0 ? spec[..eq].Trim() : "";
            var name = eq > 0 ? spec[(eq + 1)..].Trim() : "";
            if (name.Length == 0 || !(result ?? new()).TryWith(field, name, out var next))
                throw new UsageException($"--column: '{spec}' is not FIELD=NAME with FIELD one of {string.Join(", ", Verbatim.Readers.CsvColumns.Fields)}");
            result = next;
        }
        if (!string.IsNullOrWhiteSpace(textColumn)) result = (result ?? new()) with { Text = textColumn.Trim() };
        return result;
    }

    public static (DateOnly? From, DateOnly? To) DateRange(string? from, string? to)
    {
        var f = Date("--from", from);
        var t = Date("--to", to);
        if (f > t) throw new UsageException($"--from {f:yyyy-MM-dd} is after --to {t:yyyy-MM-dd}");
        return (f, t);
    }
}
