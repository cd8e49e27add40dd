using DiaBan.Geo.Queries;

namespace DiaBan.Web.Api;

/// <summary>
/// The bounds every API parameter is checked against at the edge, so absurd values answer 400 instead of a 500 or a
/// computation that runs for minutes: years, quarter spans, finite numbers in range and text without control characters.
/// </summary>
public static class ApiInput
{
    public const int FirstYear = 1990;
    public const int LastYear = 2100;

    /// <summary>At most ten years of quarters in one statistics request (Emerging Hot Spots, density).</summary>
    public const int MaxQuarterSpan = 40;

    public static bool IsYear(int year) => year is >= FirstYear and <= LastYear;

    /// <summary>A quarter YYYYQn whose year lies in <see cref="FirstYear"/>..<see cref="LastYear"/>.</summary>
    public static bool TryQuarter(string? text, out CalendarQuarter quarter) =>
        CalendarQuarter.TryParse(text, out quarter) && IsYear(quarter.Year);

    /// <summary>from ≤ to, both in range, at most <see cref="MaxQuarterSpan"/> quarters; null when not.</summary>
    public static (CalendarQuarter From, CalendarQuarter To)? QuarterSpan(string? from, string? to) =>
        TryQuarter(from, out var f) && TryQuarter(to, out var t) && f.Ordinal <= t.Ordinal && t.Ordinal - f.Ordinal < MaxQuarterSpan
            ? (f, t)
            : null;

    public const string QuarterSpanRule = "from and to are quarters YYYYQn (years 1990–2100), from ≤ to, at most 40 quarters apart";

    /// <summary>A finite number within [min, max] (NaN and infinities are not).</summary>
    public static bool IsFinite(double value, double min, double max) => double.IsFinite(value) && value >= min && value <= max;

    /// <summary>Free text a person typed: no control characters (NUL, escape…) except tab and line breaks, bounded length.</summary>
    public static bool IsCleanText(string? text, int maxLength) =>
        text is null || (text.Length <= maxLength && !text.Any(c => char.IsControl(c) && c is not ('\t' or '\r' or '\n')));
}
