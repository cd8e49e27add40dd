using DiaBan.Analytics.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DiaBan.Web.Api;

/// <summary>
/// The bounds every API parameter is checked against at the edge, so absurd values answer 400 instead of a 500 or a
/// computation that runs for minutes: years, quarter spans, finite numbers in range and text without control characters.
/// </summary>
public static class ApiInput
{
    public const int FirstYear = CalendarQuarter.MinYear;
    public const int LastYear = CalendarQuarter.MaxYear;

    /// <summary>At most ten years of quarters in one statistics request (Emerging Hot Spots, density).</summary>
    public const int MaxQuarterSpan = 40;

    public static bool IsYear(int year) => year is >= FirstYear and <= LastYear;

    /// <summary>A quarter YYYYQn or YYYY-Qn whose year lies in <see cref="FirstYear"/>..<see cref="LastYear"/>.</summary>
    public static bool TryQuarter(string? text, out CalendarQuarter quarter) =>
        CalendarQuarter.TryParse(text, out quarter) && IsYear(quarter.Year);

    /// <summary>from ≤ to, both in range, at most <see cref="MaxQuarterSpan"/> quarters; null when not.</summary>
    public static (CalendarQuarter From, CalendarQuarter To)? QuarterSpan(string? from, string? to) =>
        TryQuarter(from, out var f) && TryQuarter(to, out var t) && f <= t && t - f < MaxQuarterSpan
            ? (f, t)
            : null;

    public const string QuarterSpanRule = "from and to are quarters YYYYQn or YYYY-Qn (years 1990–2100), from ≤ to, at most 40 quarters apart";

    /// <summary>A finite number within [min, max] (NaN and infinities are not).</summary>
    public static bool IsFinite(double value, double min, double max) => double.IsFinite(value) && value >= min && value <= max;

    /// <summary>Free text a person typed: no control characters (NUL, escape…) except tab and line breaks, bounded length.</summary>
    public static bool IsCleanText(string? text, int maxLength) => TextProblem(text, maxLength) is null;

    /// <summary>Why <see cref="IsCleanText"/> refuses a text (too long, with the limit and the length given; control
    /// characters), in Vietnamese and English; null when the text is fine.</summary>
    public static string? TextProblem(string? text, int maxLength) =>
        text is null ? null
        : text.Length > maxLength ? $"tối đa {maxLength} ký tự, đã nhập {text.Length} / at most {maxLength} characters, {text.Length} given"
        : text.Any(c => char.IsControl(c) && c is not ('\t' or '\r' or '\n')) ? "không được chứa ký tự điều khiển / no control characters"
        : null;

    /// <summary>Adds the field's <see cref="TextProblem"/> to a validation problem's errors, under the field's own name.</summary>
    public static void CheckText(IDictionary<string, string[]> errors, string field, string? text, int maxLength)
    {
        if (TextProblem(text, maxLength) is { } problem) errors[field] = [problem];
    }

    /// <summary>An ISO date yyyy-MM-dd in <see cref="FirstYear"/>..<see cref="LastYear"/>; absent is fine (null), bad is false.</summary>
    public static bool TryOptionalDate(string? text, out DateOnly? date)
    {
        date = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.None, out var d) || !IsYear(d.Year)) return false;
        date = d;
        return true;
    }

    /// <summary>bbox=minLon,minLat,maxLon,maxLat in WGS 84 degrees (min &lt; max); absent is fine (null), bad is false.</summary>
    public static bool TryOptionalBbox(string? text, out DiaBan.Geo.Queries.BoundingBox? box)
    {
        box = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        var parts = text.Split(',');
        if (parts.Length != 4) return false;
        var v = new double[4];
        for (var i = 0; i < 4; i++)
        {
            if (!double.TryParse(parts[i].Trim(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out v[i]))
                return false;
        }
        if (!IsFinite(v[0], -180, 180) || !IsFinite(v[2], -180, 180) || !IsFinite(v[1], -90, 90) || !IsFinite(v[3], -90, 90)
            || v[0] >= v[2] || v[1] >= v[3]) return false;
        box = new DiaBan.Geo.Queries.BoundingBox(v[0], v[1], v[2], v[3]);
        return true;
    }

    public const string BboxRule = "bbox is minLon,minLat,maxLon,maxLat in degrees (WGS 84), min < max";

    /// <summary>A comma-separated list of snake_case enum codes ("arrest,seizure"); absent = empty; an unknown code is false.</summary>
    public static bool TryCodes<TEnum>(string? text, out IReadOnlyList<TEnum> values) where TEnum : struct, Enum
    {
        var list = new List<TEnum>();
        values = list;
        if (string.IsNullOrWhiteSpace(text)) return true;
        foreach (var code in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!DiaBan.Geo.Data.SnakeCase.TryParse<TEnum>(code, out var v) || !Enum.IsDefined(v)) return false;
            if (!list.Contains(v)) list.Add(v);
        }
        return true;
    }

    /// <summary>The snake_case codes of an enum, for error messages ("arrest|seizure|…").</summary>
    public static string CodesOf<TEnum>() where TEnum : struct, Enum =>
        string.Join("|", Enum.GetValues<TEnum>().Select(v => DiaBan.Geo.Data.SnakeCase.Of(v)));
    /// <summary>
    /// The one period of layers, statistics and reports: <c>period=</c> (2026, 2026H1, 2026Q3, 2026-03) when given,
    /// else the old <c>year=</c> as that whole year. Null with the problem (400 naming <c>period</c>) when the code is
    /// bad, and with a "required" problem when neither is given.
    /// </summary>
    public static (ReportPeriod? Period, ProblemHttpResult? Problem) Period(string? period, int? year = null)
    {
        if (!string.IsNullOrWhiteSpace(period))
            return ReportPeriod.TryParse(period, out var p) && IsYear(p.CalendarYear)
                ? (p, null)
                : (null, BadPeriod(period));
        if (year is { } y)
            return IsYear(y) ? (ReportPeriod.Year(y), null) : (null, ApiProblems.BadRequest($"year {y}: {FirstYear}–{LastYear} (or give period={PeriodExample})"));
        return (null, ApiProblems.BadRequest($"period is required: {ReportPeriod.Forms} (year=YYYY still works)"));
    }

    public const string PeriodExample = "2026Q3";

    public static ProblemHttpResult BadPeriod(string? period) =>
        ApiProblems.BadRequest($"period '{period}': kỳ không hợp lệ / not a period; {ReportPeriod.Forms}");
}
