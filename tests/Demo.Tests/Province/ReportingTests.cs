using DiaBan.Analytics.Planning.Completeness;
using DiaBan.Demo.Province;

namespace DiaBan.Demo.Tests.Province;

/// <summary>When the demo's figures arrive: mostly on time, a few full years late, never before the period ends.</summary>
public class ReportingTests
{
    [Fact]
    public void A_few_full_year_rows_are_late_and_none_arrives_before_its_period_ends()
    {
        var rows = DemoTestData.Synthetic.Indicators;
        var late = rows.Count(r => DemoReporting.ReceivedOn(r) > ReportingDeadline.For(r.Year));

        Assert.InRange(late, 1, rows.Count / 5);
        Assert.All(rows, r => Assert.True(DemoReporting.ReceivedOn(r) >= r.PeriodTo, $"{r.UnitCode} {r.Year}"));
        // the year in progress is sent when its rows end, before the deadline
        Assert.All(rows.Where(r => r.Year == 2026), r => Assert.True(DemoReporting.ReceivedOn(r) <= new DateOnly(2026, 10, 10)));
    }
}
