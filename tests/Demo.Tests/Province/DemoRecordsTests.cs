using DiaBan.Analytics.Domain;
using DiaBan.Analytics.Records;
using DiaBan.Demo.Province;

namespace DiaBan.Demo.Tests.Province;

/// <summary>The demo's spots and tips agree with its incidents and with the lifecycle and tip rules.</summary>
public class DemoRecordsTests
{
    [Fact]
    public void Spots_are_valid_histories_starting_at_a_use_or_dealing_incident_with_eliminations_and_re_emergences()
    {
        var demo = DemoTestData.Synthetic;
        var spots = DemoRecords.Spots(demo);
        Assert.True(spots.Count >= 10, $"only {spots.Count} spots");
        var sites = demo.Incidents.Where(i => i.Kind is IncidentKind.UseSite or IncidentKind.DealingSite).ToLookup(i => (i.Lon, i.Lat));
        foreach (var s in spots)
        {
            Assert.Null(SpotLifecycle.Check(s.Steps));
            Assert.Contains(sites[(s.Lon, s.Lat)], i => i.Date == s.Steps[0].On && i.UnitCode == s.UnitCode);
            Assert.All(s.Steps, st => Assert.True(st.On <= DemoCalendar.LastIncidentDay));
        }
        Assert.Equal(spots.Count, spots.Select(s => s.Code).Distinct().Count());
        Assert.Contains(spots, s => s.Steps.Any(st => st.State == SpotState.Eliminated));
        Assert.Contains(spots, s => s.Steps.Any(st => st.State == SpotState.ReEmerged));
        Assert.Contains(spots, s => s.Kind == SpotKind.Hotspot);
        // each year balances
        var histories = spots.Select(s => new SpotHistory(s.Code, s.Kind, s.Steps)).ToList();
        for (var year = 2019; year <= 2026; year++)
        {
            var c = SpotCounts.For(histories, ReportPeriod.Year(year));
            Assert.Equal(c.Remaining, c.AtStart + c.New + c.ReEmerged - c.Eliminated);
        }
    }

    [Fact]
    public void Tips_are_the_demos_tip_incidents_mostly_resolved_within_weeks()
    {
        var demo = DemoTestData.Synthetic;
        var tips = DemoRecords.Tips(demo);
        Assert.Equal(demo.Incidents.Count(i => i.Kind == IncidentKind.Tip), tips.Count);
        Assert.All(tips, t => Assert.Null(TipRules.Check(t.State, t.Outcome, t.ReceivedOn, t.ResolvedOn)));
        var rate = 100.0 * tips.Count(t => t.State == TipState.Resolved) / tips.Count;
        Assert.InRange(rate, 85, 96);
    }
}
