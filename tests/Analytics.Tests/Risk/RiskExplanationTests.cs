using DiaBan.Analytics.Domain;
using DiaBan.Analytics.Risk;

namespace DiaBan.Analytics.Tests.Risk;

public class RiskExplanationTests
{
    // Offences next quarter are driven only by the number of active use sites now (kept for several quarters);
    // everything else is noise, so the top reason for a commune with 3 sites must be those sites.
    private static UnitQuarterPanel SitesDrivePanel()
    {
        const int units = 80, quarters = 14;
        var random = new Random(8);
        var p = TestPanels.Empty(units, quarters);
        for (int u = 0; u < units; u++)
        {
            int sites = random.Next(4);
            for (int t = 0; t < quarters; t++)
            {
                if (random.NextDouble() < 0.15) sites = random.Next(4);
                p.ActiveUseSites[u, t] = sites;
                p.Counts[u, t, (int)IncidentKind.Tip, (int)DiscoverySource.Reported] = random.Next(3);
                p.PatrolDays[u, t] = 5 + random.Next(10);
                if (t + 1 < quarters && random.NextDouble() < 0.05 + 0.3 * sites)
                    p.Counts[u, t + 1, (int)IncidentKind.Arrest, (int)DiscoverySource.Reported] = 1;
            }
        }
        return p;
    }

    [Fact]
    public void Top_reason_of_a_commune_with_three_active_sites_names_them()
    {
        var panel = SitesDrivePanel();
        int origin = panel.Quarters[12];
        var model = RiskModel.Train(panel, origin, new RiskOptions { UncertaintyMembers = 0, TrainStatusModel = false });
        var scores = model.Score(panel, origin);
        var withThree = scores.Where(s => panel.ActiveUseSites[s.UnitIndex, 12] == 3).ToArray();
        Assert.NotEmpty(withThree);
        Assert.All(withThree, s =>
        {
            Assert.Equal("active_use_sites", s.Reasons[0].Feature);
            Assert.Equal(3, s.Reasons[0].Value); // worded "3 điểm sử dụng trái phép đang hoạt động" by the web layer
        });
        var withNone = scores.Where(s => panel.ActiveUseSites[s.UnitIndex, 12] == 0).ToArray();
        Assert.True(withThree.Average(s => s.Probability) > withNone.Average(s => s.Probability) + 0.3);
    }
}
