using DiaBan.Analytics.Domain;

namespace DiaBan.Analytics.Tests.Domain;

public sealed class ReportPeriodTests
{
    [Theory]
    [InlineData("2026", "2026", "2026-01-01", "2026-12-31", true)]
    [InlineData("2026H1", "2026H1", "2026-01-01", "2026-06-30", false)]
    [InlineData("2026-h2", "2026H2", "2026-07-01", "2026-12-31", false)]
    [InlineData(" 2025Q3 ", "2025Q3", "2025-07-01", "2025-09-30", false)]
    public void Parses_a_year_a_half_or_a_quarter_into_its_dates(string text, string code, string start, string end, bool wholeYear)
    {
        var period = ReportPeriod.Parse(text);
        Assert.Equal(code, period.Code);
        Assert.Equal(DateOnly.Parse(start), period.Start);
        Assert.Equal(DateOnly.Parse(end), period.End);
        Assert.Equal(wholeYear, period.IsWholeYear);
    }

    [Fact]
    public void The_same_period_last_year_is_one_year_earlier_with_its_own_code()
    {
        var half = ReportPeriod.Parse("2026H1").SamePeriodLastYear;
        Assert.Equal("2025H1", half.Code);
        Assert.Equal(new DateOnly(2025, 1, 1), half.Start);
        Assert.Equal(new DateOnly(2025, 7, 1), half.EndExclusive);
        Assert.Equal("2025", ReportPeriod.Year(2026).SamePeriodLastYear.Code);
    }

    [Fact]
    public void Names_the_report_as_a_review_or_a_summary_in_vietnamese()
    {
        Assert.Contains("sơ kết", ReportPeriod.Parse("2026H1").VietnameseReportTitle);
        Assert.Contains("6 tháng đầu năm 2026", ReportPeriod.Parse("2026H1").VietnameseLabel);
        Assert.Contains("tổng kết", ReportPeriod.Parse("2026").VietnameseReportTitle);
    }

    [Theory]
    [InlineData("2026H3")]
    [InlineData("26H1")]
    [InlineData("1850")]
    [InlineData("")]
    [InlineData(null)]
    public void Refuses_anything_else_naming_the_expected_form(string? text)
    {
        var error = Assert.Throws<FormatException>(() => ReportPeriod.Parse(text));
        Assert.Contains($"'{text}'", error.Message);
        Assert.False(ReportPeriod.TryParse(text, out _));
    }
}
