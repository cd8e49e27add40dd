using System.Globalization;
using System.Text.RegularExpressions;

namespace DiaBan.Analytics.Domain;

/// <summary>
/// A reporting period (DOMAIN.md §6): a calendar year ("2026", the annual summary, *tổng kết năm*) or a half
/// ("2026H1", the 6-month review, *sơ kết 6 tháng*; "2026H2"). It is a span of <see cref="CalendarQuarter"/>s, so
/// dates and bounds come from the one quarter type; a quarter ("2026Q2") is accepted as the shortest span.
/// </summary>
public readonly partial record struct ReportPeriod
{
    private ReportPeriod(CalendarQuarter first, CalendarQuarter last, string code)
    {
        First = first;
        Last = last;
        Code = code;
    }

    public static ReportPeriod Year(int year) =>
        new(new CalendarQuarter(year, 1), new CalendarQuarter(year, 4), year.ToString(CultureInfo.InvariantCulture));

    public static ReportPeriod Half(int year, int half) => half is 1 or 2
        ? new(new CalendarQuarter(year, 2 * half - 1), new CalendarQuarter(year, 2 * half), FormattableString.Invariant($"{year}H{half}"))
        : throw new ArgumentOutOfRangeException(nameof(half), half, "nửa năm phải là 1 hoặc 2 / half must be 1 or 2");

    public static ReportPeriod Quarter(CalendarQuarter quarter) => new(quarter, quarter, quarter.ToString());

    public CalendarQuarter First { get; }

    public CalendarQuarter Last { get; }

    /// <summary>"2026", "2026H1" or "2026Q2": the form in file names and URLs.</summary>
    public string Code { get; }

    /// <summary>The calendar year the period lies in (statuses are assessed per year).</summary>
    public int CalendarYear => First.Year;

    public bool IsWholeYear => First.Number == 1 && Last.Number == 4;

    public DateOnly Start => First.Start;

    public DateOnly EndExclusive => Last.EndExclusive;

    public DateOnly End => Last.End;

    /// <summary>The same span one year earlier (*cùng kỳ năm trước*).</summary>
    public ReportPeriod SamePeriodLastYear =>
        new(First - 4, Last - 4, Code.Replace(CalendarYear.ToString(CultureInfo.InvariantCulture), (CalendarYear - 1).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));

    /// <summary>"năm 2026", "6 tháng đầu năm 2026", "6 tháng cuối năm 2026", "quý 2 năm 2026".</summary>
    public string VietnameseLabel => (Last - First) switch
    {
        3 => $"năm {CalendarYear}",
        1 => $"6 tháng {(First.Number == 1 ? "đầu" : "cuối")} năm {CalendarYear}",
        _ => $"quý {First.Number} năm {CalendarYear}",
    };

    /// <summary>The report's name: the annual summary (tổng kết) or the review of a shorter period (sơ kết).</summary>
    public string VietnameseReportTitle => IsWholeYear
        ? $"Báo cáo tổng kết công tác phòng, chống ma túy {VietnameseLabel}"
        : $"Báo cáo sơ kết công tác phòng, chống ma túy {VietnameseLabel}";

    /// <summary>Parses "2026", "2026H1", "2026-H2" (either case) or a quarter "2026Q2"; the message names what is wrong.</summary>
    public static ReportPeriod Parse(string? text)
    {
        var trimmed = text?.Trim() ?? "";
        if (CalendarQuarter.TryParse(trimmed, out var quarter)) return Quarter(quarter);
        var m = Pattern().Match(trimmed);
        if (!m.Success)
            throw new FormatException($"'{text}' không phải là kỳ báo cáo dạng 2026 hoặc 2026H1 / is not a period like 2026 or 2026H1");
        int year = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        if (year is < CalendarQuarter.MinYear or > CalendarQuarter.MaxYear)
            throw new FormatException($"'{text}': năm {year} ngoài khoảng {CalendarQuarter.MinYear}–{CalendarQuarter.MaxYear} / year outside {CalendarQuarter.MinYear}–{CalendarQuarter.MaxYear}");
        return m.Groups[2].Success ? Half(year, m.Groups[2].Value[0] - '0') : Year(year);
    }

    public static bool TryParse(string? text, out ReportPeriod period)
    {
        try
        {
            period = Parse(text);
            return true;
        }
        catch (FormatException)
        {
            period = default;
            return false;
        }
    }

    public override string ToString() => Code;

    [GeneratedRegex(@"^(\d{4})(?:-?[Hh]([12]))?$")]
    private static partial Regex Pattern();
}
