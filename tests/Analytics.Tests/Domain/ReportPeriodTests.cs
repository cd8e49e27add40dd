using DiaBan.Analytics.Domain;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace DiaBan.Analytics.Tests.Domain;

public sealed class ReportPeriodTests
{
    [Theory]
    [InlineData("2026", "2026", "2026-01-01", "2026-12-31", PeriodKind.Year)]
    [InlineData("2026H1", "2026H1", "2026-01-01", "2026-06-30", PeriodKind.Half)]
    [InlineData("2026-h2", "2026H2", "2026-07-01", "2026-12-31", PeriodKind.Half)]
    [InlineData(" 2025Q3 ", "2025Q3", "2025-07-01", "2025-09-30", PeriodKind.Quarter)]
    [InlineData("2025-q4", "2025Q4", "2025-10-01", "2025-12-31", PeriodKind.Quarter)]
    [InlineData("2026-03", "2026-03", "2026-03-01", "2026-03-31", PeriodKind.Month)]
    [InlineData("2024-02", "2024-02", "2024-02-01", "2024-02-29", PeriodKind.Month)]
    [InlineData("2026m12", "2026-12", "2026-12-01", "2026-12-31", PeriodKind.Month)]
    public void Parses_a_year_a_half_a_quarter_or_a_month_into_its_dates(string text, string code, string start, string end, PeriodKind kind)
    {
        var period = ReportPeriod.Parse(text);
        Assert.Equal(code, period.Code);
        Assert.Equal(kind, period.Kind);
        Assert.Equal(DateOnly.Parse(start), period.Start);
        Assert.Equal(DateOnly.Parse(end), period.End);
        Assert.Equal(DateOnly.Parse(end).AddDays(1), period.EndExclusive);
        Assert.Equal(kind == PeriodKind.Year, period.IsWholeYear);
    }

    [Fact]
    public void The_same_period_last_year_is_one_year_earlier_with_its_own_code()
    {
        var half = ReportPeriod.Parse("2026H1").SamePeriodLastYear;
        Assert.Equal("2025H1", half.Code);
        Assert.Equal(new DateOnly(2025, 1, 1), half.Start);
        Assert.Equal(new DateOnly(2025, 7, 1), half.EndExclusive);
        Assert.Equal("2025", ReportPeriod.Year(2026).SamePeriodLastYear.Code);
        Assert.Equal("2025Q3", ReportPeriod.Parse("2026Q3").SamePeriodLastYear.Code);
        Assert.Equal("2025-03", ReportPeriod.Parse("2026-03").SamePeriodLastYear.Code);
    }

    [Theory]
    [InlineData("2026-03", "2026-02", "2026-04")]
    [InlineData("2026-01", "2025-12", "2026-02")]
    [InlineData("2026Q1", "2025Q4", "2026Q2")]
    [InlineData("2026H1", "2025H2", "2026H2")]
    [InlineData("2026", "2025", "2027")]
    public void The_previous_and_next_period_are_of_the_same_kind_across_year_ends(string code, string previous, string next)
    {
        var period = ReportPeriod.Parse(code);
        Assert.Equal(previous, period.Previous.Code);
        Assert.Equal(next, period.Next.Code);
        Assert.Equal(period.Start, period.Previous.EndExclusive);
    }

    [Theory]
    [InlineData("2026-03", "Tháng 3/2026", "March 2026")]
    [InlineData("2026Q3", "Quý III/2026", "Q3 2026")]
    [InlineData("2026H1", "6 tháng đầu năm 2026", "H1 2026")]
    [InlineData("2026H2", "6 tháng cuối năm 2026", "H2 2026")]
    [InlineData("2026", "Năm 2026", "2026")]
    public void Labels_each_kind_in_vietnamese_and_english(string code, string vietnamese, string english)
    {
        var period = ReportPeriod.Parse(code);
        Assert.Equal(vietnamese, period.VietnameseLabel);
        Assert.Equal(english, period.EnglishLabel);
    }

    [Fact]
    public void Names_the_report_as_a_review_or_a_summary_in_vietnamese()
    {
        Assert.Equal("Báo cáo sơ kết công tác phòng, chống ma túy 6 tháng đầu năm 2026", ReportPeriod.Parse("2026H1").VietnameseReportTitle);
        Assert.Equal("Báo cáo tổng kết công tác phòng, chống ma túy năm 2026", ReportPeriod.Parse("2026").VietnameseReportTitle);
        Assert.Equal("Báo cáo kết quả công tác phòng, chống ma túy quý I/2026", ReportPeriod.Parse("2026Q1").VietnameseReportTitle);
        Assert.Equal("Báo cáo kết quả công tác phòng, chống ma túy tháng 3/2026", ReportPeriod.Parse("2026-03").VietnameseReportTitle);
    }

    [Theory]
    [InlineData("2026H3")]
    [InlineData("2026Q5")]
    [InlineData("2026-13")]
    [InlineData("2026-00")]
    [InlineData("2026-3")]
    [InlineData("26H1")]
    [InlineData("1850")]
    [InlineData("1850-03")]
    [InlineData("")]
    [InlineData(null)]
    public void Refuses_anything_else_naming_the_text(string? text)
    {
        var error = Assert.Throws<FormatException>(() => ReportPeriod.Parse(text));
        Assert.Contains($"'{text}'", error.Message);
        Assert.False(ReportPeriod.TryParse(text, out _));
    }

    [Fact]
    public void Orders_by_start_then_the_longer_period_first()
    {
        var sorted = new[] { "2026-01", "2026Q1", "2025-12", "2026", "2026H1" }.Select(ReportPeriod.Parse).Order().Select(p => p.Code);
        Assert.Equal(["2025-12", "2026", "2026H1", "2026Q1", "2026-01"], sorted);
    }

    // ---- properties over every period of 1990–2100 ----

    private static Arbitrary<ReportPeriod> Periods() =>
        (from kind in Gen.Elements(PeriodKind.Month, PeriodKind.Quarter, PeriodKind.Half, PeriodKind.Year)
         from year in Gen.Choose(CalendarQuarter.MinYear + 1, CalendarQuarter.MaxYear - 1)
         from month in Gen.Choose(1, 12)
         select ReportPeriod.Of(kind, new DateOnly(year, month, 1))).ToArbitrary();

    private static Arbitrary<(ReportPeriod, DateOnly)> PeriodsAndDays() =>
        (from p in Periods().Generator
         from offset in Gen.Choose(-400, 400)
         select (p, p.Start.AddDays(offset))).ToArbitrary();

    [Property(MaxTest = 500)]
    public Property Parsing_the_code_gives_the_period_back() =>
        Prop.ForAll(Periods(), p => ReportPeriod.Parse(p.Code) == p && ReportPeriod.Parse(p.Code).Code == p.Code);

    [Property(MaxTest = 500)]
    public Property A_day_is_in_the_period_exactly_when_it_lies_between_start_and_end() =>
        Prop.ForAll(PeriodsAndDays(), t =>
        {
            var (p, day) = t;
            return p.Contains(day) == (day >= p.Start && day <= p.End)
                   && (!p.Contains(day) || ReportPeriod.Of(p.Kind, day) == p);
        });

    [Property(MaxTest = 500)]
    public Property Every_period_lies_in_its_year_and_contains_the_shorter_periods_of_its_days() =>
        Prop.ForAll(PeriodsAndDays(), t =>
        {
            var (p, day) = t;
            var year = ReportPeriod.Year(p.CalendarYear);
            var insideShorter = Enum.GetValues<PeriodKind>().Where(k => ReportPeriod.Of(k, p.Start).Months <= p.Months)
                .All(k => p.Contains(ReportPeriod.Of(k, p.Start)) && p.Contains(ReportPeriod.Of(k, p.End)));
            return year.Contains(p) && insideShorter && p.Contains(p) && !p.Contains(p.Next) && !p.Contains(p.Previous)
                   && p.Previous.Next == p && p.SamePeriodLastYear.Start == p.Start.AddYears(-1)
                   && p.End.Year == p.CalendarYear && p.Start.Year == p.CalendarYear;
        });
}
