using System.Globalization;
using System.Text.RegularExpressions;

namespace DiaBan.Analytics.Domain;

/// <summary>How long a <see cref="ReportPeriod"/> is.</summary>
public enum PeriodKind
{
    /// <summary>Tháng: "2026-03".</summary>
    Month,
    /// <summary>Quý: "2026Q3" (the <see cref="CalendarQuarter"/> form).</summary>
    Quarter,
    /// <summary>6 tháng (sơ kết): "2026H1", "2026H2".</summary>
    Half,
    /// <summary>Năm (tổng kết): "2026".</summary>
    Year,
}

/// <summary>
/// A reporting period (DOMAIN.md §6), the one period type of layers, statistics and reports: a month ("2026-03"),
/// a quarter ("2026Q3"), a half ("2026H1", the 6-month review, *sơ kết 6 tháng*) or a calendar year ("2026", the
/// annual summary, *tổng kết năm*). Every period lies inside one calendar year; its dates are
/// [<see cref="Start"/>, <see cref="EndExclusive"/>). Statuses are yearly: a period's status year is
/// <see cref="CalendarYear"/> (the year containing its end).
/// </summary>
public readonly partial record struct ReportPeriod : IComparable<ReportPeriod>
{
    private ReportPeriod(PeriodKind kind, int year, int number)
    {
        if (year is < CalendarQuarter.MinYear or > CalendarQuarter.MaxYear)
            throw new ArgumentOutOfRangeException(nameof(year), year,
                $"năm {year} ngoài khoảng {CalendarQuarter.MinYear}–{CalendarQuarter.MaxYear} / year outside {CalendarQuarter.MinYear}–{CalendarQuarter.MaxYear}");
        if (number < 1 || number > PerYear(kind))
            throw new ArgumentOutOfRangeException(nameof(number), number, $"{kind} {number}: ngoài 1–{PerYear(kind)} / outside 1–{PerYear(kind)}");
        Kind = kind;
        CalendarYear = year;
        Number = number;
    }

    public static ReportPeriod Year(int year) => new(PeriodKind.Year, year, 1);

    public static ReportPeriod Half(int year, int half) => half is 1 or 2
        ? new(PeriodKind.Half, year, half)
        : throw new ArgumentOutOfRangeException(nameof(half), half, "nửa năm phải là 1 hoặc 2 / half must be 1 or 2");

    public static ReportPeriod Quarter(CalendarQuarter quarter) => new(PeriodKind.Quarter, quarter.Year, quarter.Number);

    public static ReportPeriod Quarter(int year, int quarter) => new(PeriodKind.Quarter, year, quarter);

    public static ReportPeriod Month(int year, int month) => new(PeriodKind.Month, year, month);

    /// <summary>The period of <paramref name="kind"/> that contains <paramref name="day"/>.</summary>
    public static ReportPeriod Of(PeriodKind kind, DateOnly day) =>
        new(kind, day.Year, (day.Month - 1) / (12 / PerYear(kind)) + 1);

    public PeriodKind Kind { get; }

    /// <summary>The calendar year the period lies in (statuses are assessed per year: the status year of any period).</summary>
    public int CalendarYear { get; }

    /// <summary>Month 1–12, quarter 1–4, half 1–2, or 1 for a year.</summary>
    public int Number { get; }

    /// <summary>"2026", "2026H1", "2026Q3" or "2026-03": the form in file names, URLs (<c>period=</c>) and the database.</summary>
    public string Code => Kind switch
    {
        PeriodKind.Month => FormattableString.Invariant($"{CalendarYear}-{Number:00}"),
        PeriodKind.Quarter => FormattableString.Invariant($"{CalendarYear}Q{Number}"),
        PeriodKind.Half => FormattableString.Invariant($"{CalendarYear}H{Number}"),
        _ => CalendarYear.ToString(CultureInfo.InvariantCulture),
    };

    public bool IsWholeYear => Kind == PeriodKind.Year;

    /// <summary>Months in the period: 1, 3, 6 or 12.</summary>
    public int Months => 12 / PerYear(Kind);

    public DateOnly Start => new(CalendarYear, (Number - 1) * Months + 1, 1);

    /// <summary>First day after the period (the exclusive end of its date range).</summary>
    public DateOnly EndExclusive => Start.AddMonths(Months);

    /// <summary>Last day of the period.</summary>
    public DateOnly End => EndExclusive.AddDays(-1);

    /// <summary>The quarter containing the period's first day, and the one containing its last (a month: both the same).</summary>
    public CalendarQuarter First => CalendarQuarter.Of(Start);

    public CalendarQuarter Last => CalendarQuarter.Of(End);

    /// <summary>Whether <paramref name="day"/> lies in the period.</summary>
    public bool Contains(DateOnly day) => day >= Start && day < EndExclusive;

    /// <summary>Whether <paramref name="other"/> lies wholly in this period (a period contains itself).</summary>
    public bool Contains(ReportPeriod other) => other.Start >= Start && other.EndExclusive <= EndExclusive;

    /// <summary>The same span one year earlier (*cùng kỳ năm trước*).</summary>
    public ReportPeriod SamePeriodLastYear => new(Kind, CalendarYear - 1, Number);

    /// <summary>The period of the same kind just before (March → February, 2026Q1 → 2025Q4, 2026H1 → 2025H2).</summary>
    public ReportPeriod Previous => Number > 1 ? new(Kind, CalendarYear, Number - 1) : new(Kind, CalendarYear - 1, PerYear(Kind));

    /// <summary>The period of the same kind just after.</summary>
    public ReportPeriod Next => Number < PerYear(Kind) ? new(Kind, CalendarYear, Number + 1) : new(Kind, CalendarYear + 1, 1);

    /// <summary>"Tháng 3/2026", "Quý III/2026", "6 tháng đầu năm 2026", "6 tháng cuối năm 2026", "Năm 2026".</summary>
    public string VietnameseLabel => Kind switch
    {
        PeriodKind.Month => $"Tháng {Number}/{CalendarYear}",
        PeriodKind.Quarter => $"Quý {Roman[Number - 1]}/{CalendarYear}",
        PeriodKind.Half => $"6 tháng {(Number == 1 ? "đầu" : "cuối")} năm {CalendarYear}",
        _ => $"Năm {CalendarYear}",
    };

    /// <summary>The label inside a sentence: "tháng 3/2026", "quý III/2026", "6 tháng đầu năm 2026", "năm 2026".</summary>
    public string VietnameseLabelInText => Kind == PeriodKind.Half ? VietnameseLabel : char.ToLowerInvariant(VietnameseLabel[0]) + VietnameseLabel[1..];

    /// <summary>"March 2026", "Q3 2026", "H1 2026", "2026".</summary>
    public string EnglishLabel => Kind switch
    {
        PeriodKind.Month => Start.ToString("MMMM yyyy", CultureInfo.InvariantCulture),
        PeriodKind.Quarter => FormattableString.Invariant($"Q{Number} {CalendarYear}"),
        PeriodKind.Half => FormattableString.Invariant($"H{Number} {CalendarYear}"),
        _ => CalendarYear.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The report's name: the annual summary (tổng kết), the 6-month review (sơ kết), or a quarter's or month's report.</summary>
    public string VietnameseReportTitle => Kind switch
    {
        PeriodKind.Year => $"Báo cáo tổng kết công tác phòng, chống ma túy {VietnameseLabelInText}",
        PeriodKind.Half => $"Báo cáo sơ kết công tác phòng, chống ma túy {VietnameseLabelInText}",
        _ => $"Báo cáo kết quả công tác phòng, chống ma túy {VietnameseLabelInText}",
    };

    /// <summary>What <c>period=</c> accepts, for error messages.</summary>
    public const string Forms = "2026 (năm / year), 2026H1 (6 tháng / half), 2026Q3 (quý / quarter) or 2026-03 (tháng / month)";

    /// <summary>
    /// Parses "2026", "2026H1" / "2026-H2", "2026Q3" / "2026-Q3", "2026-03" / "2026M03" (either case, surrounding
    /// spaces ignored); the message names the text and the accepted forms.
    /// </summary>
    public static ReportPeriod Parse(string? text)
    {
        var trimmed = text?.Trim() ?? "";
        var m = Pattern().Match(trimmed);
        if (!m.Success)
            throw new FormatException($"'{text}' không phải là kỳ báo cáo / is not a period: {Forms}");
        int year = int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture);
        if (year is < CalendarQuarter.MinYear or > CalendarQuarter.MaxYear)
            throw new FormatException($"'{text}': năm {year} ngoài khoảng {CalendarQuarter.MinYear}–{CalendarQuarter.MaxYear} / year outside {CalendarQuarter.MinYear}–{CalendarQuarter.MaxYear}");
        if (m.Groups["h"].Success) return Half(year, m.Groups["h"].Value[0] - '0');
        if (m.Groups["q"].Success) return Quarter(year, m.Groups["q"].Value[0] - '0');
        if (m.Groups["m"].Success)
        {
            int month = int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture);
            if (month is < 1 or > 12) throw new FormatException($"'{text}': tháng {month} ngoài 1–12 / month outside 1–12");
            return Month(year, month);
        }
        return Year(year);
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

    /// <summary>By start, then the longer period first (2026 before 2026H1 before 2026Q1 before 2026-01).</summary>
    public int CompareTo(ReportPeriod other)
    {
        var byStart = Start.CompareTo(other.Start);
        return byStart != 0 ? byStart : other.Months.CompareTo(Months);
    }

    public override string ToString() => Code;

    private static int PerYear(PeriodKind kind) => kind switch
    {
        PeriodKind.Month => 12,
        PeriodKind.Quarter => 4,
        PeriodKind.Half => 2,
        PeriodKind.Year => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static readonly string[] Roman = ["I", "II", "III", "IV"];

    [GeneratedRegex(@"^(?<y>\d{4})(?:-?[Hh](?<h>[12])|-?[Qq](?<q>[1-4])|(?:-|[Mm])(?<m>\d{2}))?$")]
    private static partial Regex Pattern();
}
