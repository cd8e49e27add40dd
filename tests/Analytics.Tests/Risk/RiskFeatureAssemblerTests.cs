using DiaBan.Analytics.Classification;
using DiaBan.Analytics.Domain;
using DiaBan.Analytics.Risk;
using DiaBan.Demo.Simulation;

namespace DiaBan.Analytics.Tests.Risk;

public class RiskFeatureAssemblerTests
{
    // Three communes in a row (0–1–2), 10 quarters 2020-Q1…2022-Q2. Commune 0 has reported arrests
    // 0,0,0,2,1,3,3,5,4,6 — the last eight are the trend series checked against R below.
    private static UnitQuarterPanel HandPanel()
    {
        var p = TestPanels.Empty(3, 10, 2020, [[1], [0, 2], [1]]);
        int[] arrests = [0, 0, 0, 2, 1, 3, 3, 5, 4, 6];
        for (int t = 0; t < 10; t++) p.Counts[0, t, (int)IncidentKind.Arrest, (int)DiscoverySource.Reported] = arrests[t];
        p.Counts[1, 9, (int)IncidentKind.UseSite, (int)DiscoverySource.Reported] = 1;
        p.Counts[1, 9, (int)IncidentKind.Tip, (int)DiscoverySource.Reported] = 4;
        p.ActiveUseSites[0, 9] = 3;
        p.ActiveDealingSites[0, 9] = 1;
        p.Population[0] = 2000;
        p.AreaKm2[0] = 2;
        p.ConditionalBusinesses[0] = 10;
        p.KeyRouteDistanceM[0] = 1500;
        p.StatusByYear[0, 0] = CommuneStatus.DrugFree.Severity();   // 2020
        p.StatusByYear[0, 1] = CommuneStatus.KeyTypeIII.Severity();    // 2021
        return p;
    }

    private static Dictionary<string, float> Named(RiskFeatureAssembler a, int unit, int t) =>
        a.Features.Select((f, i) => (f.Name, Value: a.Row(unit, t)[i])).ToDictionary(x => x.Name, x => x.Value);

    [Fact]
    public void Feature_names_are_unique_and_guarded_set_adds_patrol_exposure()
    {
        var plain = RiskFeatureCatalog.For(FeedbackGuard.None).Select(f => f.Name).ToArray();
        var guarded = RiskFeatureCatalog.For(FeedbackGuard.ExposureAdjusted).Select(f => f.Name).ToArray();
        Assert.Equal(plain.Length, plain.Distinct().Count());
        Assert.Equal(plain.Concat(["patrol_days_4q", "patrol_finds_per_100_days_4q"]), guarded);
    }

    [Fact]
    public void Counts_rates_and_context_of_the_hand_panel()
    {
        var f = Named(new RiskFeatureAssembler(HandPanel(), FeedbackGuard.None), 0, 9);
        Assert.Equal(6, f["arrest_1q"]);
        Assert.Equal(10, f["arrest_2q"]);
        Assert.Equal(18, f["arrest_4q"]);
        Assert.Equal(0, f["seizure_4q"]);
        Assert.Equal(3, f["offences_per_quarter_8q"], 5);     // 24 offences in the last 8 quarters
        Assert.Equal(2.4, f["offences_per_quarter_all"], 5);  // 24 in all 10 quarters
        Assert.Equal(1.2, f["offences_per_km2_all"], 5);      // per quarter and km² (2 km²)
        Assert.Equal(9, f["offence_rate_4q_per_1000"], 5);   // 18 offences × 1000 / 2000 residents
        Assert.Equal(9, f["arrest_rate_4q_per_1000"], 5);
        Assert.Equal(3, f["active_use_sites"]);
        Assert.Equal(1, f["active_dealing_sites"]);
        Assert.Equal(5, f["business_per_1000"], 5);
        Assert.Equal(1.5, f["route_distance_km"], 5);
        Assert.Equal(2, f["population_thousands"], 5);
        Assert.Equal(2, f["area_km2"], 5);
        Assert.Equal(1000, f["population_density"], 3);
        Assert.Equal(0, f["quarters_since_last_offence"]);
        Assert.Equal(0, f["patrol_share_4q"]);
    }

    [Fact]
    public void Count_offset_shrinks_the_history_mean_towards_the_mean_of_all_communes()
    {
        // Own history 24 offences in 10 quarters; all communes 25 in 3 × 10 commune-quarters; prior weight 4 quarters.
        var a = new RiskFeatureAssembler(HandPanel(), FeedbackGuard.None);
        Assert.Equal((24 + 4 * 25.0 / 30) / (10 + 4), a.CountOffset(0, 9), 12);
        Assert.Equal((0 + 4 * 25.0 / 30) / (10 + 4), a.CountOffset(2, 9), 12);
    }

    [Fact]
    public void Trend_features_match_R_for_the_last_eight_quarters()
    {
        // R: x <- c(0,2,1,3,3,5,4,6); coef(lm(x ~ seq_along(x)))[2] = 0.7619048 (= 32/42);
        // cor.test(seq_along(x), x, method = "kendall", exact = FALSE, continuity = TRUE) gives z = 2.7429;
        // S = 23 by hand (Var S = (8·7·21 − 2·1·9)/18 for the one tied pair).
        var f = Named(new RiskFeatureAssembler(HandPanel(), FeedbackGuard.None), 0, 9);
        Assert.Equal(32.0 / 42, f["trend_slope_8q"], 5);
        Assert.Equal(23, f["mann_kendall_s_8q"]);
        Assert.Equal(2.7429, f["mann_kendall_z_8q"], 4);
        Assert.Equal(1, f["rising_streak"]);
    }

    [Fact]
    public void Spatial_lag_is_the_mean_over_queen_neighbours()
    {
        var a = new RiskFeatureAssembler(HandPanel(), FeedbackGuard.None);
        var middle = Named(a, 1, 9); // neighbours 0 and 2: (6 + 0)/2 last quarter, (18 + 0)/2 over four, (24 + 0)/2/8 per quarter over eight
        Assert.Equal(3, middle["neighbour_offences_1q"], 5);
        Assert.Equal(9, middle["neighbour_offences_4q"], 5);
        Assert.Equal(1.5, middle["neighbour_offences_per_quarter_8q"], 5);
        Assert.Equal(1, Named(a, 0, 9)["neighbour_offences_1q"], 5); // commune 1's use site; tips are not offences
    }

    [Fact]
    public void Status_features_use_only_years_already_decided()
    {
        var a = new RiskFeatureAssembler(HandPanel(), FeedbackGuard.None);
        var f = Named(a, 0, 9); // 2022-Q2: last known year is 2021 (type III), the year before drug-free
        Assert.Equal(CommuneStatus.KeyTypeIII.Severity(), f["status_last_year"]);
        Assert.Equal(2, f["status_change"]);
        Assert.Equal(CommuneStatus.DrugFree.Severity(), Named(a, 0, 5)["status_last_year"]); // 2021-Q2 knows 2020 only
        Assert.Equal(CommuneStatusInfo.UnknownSeverity, Named(a, 0, 3)["status_last_year"]);  // 2020-Q4 knows nothing yet

        Assert.True(a.StatusWorsened(0, 5, out int labelPosition)); // 2021 type III after drug-free 2020
        Assert.Equal(8, labelPosition);                              // decided by 2022-Q1
        Assert.Null(a.StatusWorsened(0, 9, out _));                  // 2022 not decided
    }

    [Fact]
    public void Quiet_quarters_count_back_to_the_last_offence_and_labels_read_the_next_quarter()
    {
        var a = new RiskFeatureAssembler(HandPanel(), FeedbackGuard.None);
        Assert.Equal(10, Named(a, 2, 9)["quarters_since_last_offence"]);
        Assert.Equal(9, Named(a, 1, 8)["quarters_since_last_offence"]);  // quarters 0…8 all quiet
        Assert.Equal(0, Named(a, 1, 9)["quarters_since_last_offence"]);  // the use site in quarter 9
        Assert.True(a.BinaryLabel(0, 8));
        Assert.Equal(6, a.CountLabel(0, 8));
        Assert.False(a.BinaryLabel(2, 8));
    }

    [Fact]
    public void Unguarded_binary_label_also_fires_on_an_active_site()
    {
        var p = TestPanels.Empty(1, 6);
        p.ActiveDealingSites[0, 5] = 1;
        Assert.True(new RiskFeatureAssembler(p, FeedbackGuard.None).BinaryLabel(0, 4));
        Assert.False(new RiskFeatureAssembler(p, FeedbackGuard.ExposureAdjusted).BinaryLabel(0, 4));
    }

    [Fact]
    public void Guarded_features_show_patrol_effort_and_finds_per_hundred_days()
    {
        var p = TestPanels.Empty(1, 6);
        double[] days = [0, 0, 10, 10, 0, 20];
        for (int t = 0; t < 6; t++) p.PatrolDays[0, t] = days[t];
        p.Counts[0, 5, (int)IncidentKind.Seizure, (int)DiscoverySource.Patrol] = 3;
        p.Counts[0, 4, (int)IncidentKind.Arrest, (int)DiscoverySource.Reported] = 1;
        var f = Named(new RiskFeatureAssembler(p, FeedbackGuard.ExposureAdjusted), 0, 5);
        Assert.Equal(40, f["patrol_days_4q"]);
        Assert.Equal(7.5, f["patrol_finds_per_100_days_4q"], 5); // 3 finds per 40 days
        Assert.Equal(0.75, f["patrol_share_4q"], 5);              // 3 of 4 recorded offences
    }

    [Fact]
    public void Guarded_offences_are_recorded_counts_divided_by_the_patrol_multiplier()
    {
        var world = SyntheticWorld.Create(new SyntheticPanelOptions { Units = 60, Quarters = 12, Seed = 5 });
        var panel = world.Observe().Panel;
        var a = new RiskFeatureAssembler(panel, FeedbackGuard.ExposureAdjusted);
        for (int u = 0; u < 5; u++)
        {
            double recorded = IncidentKinds.Offences.Sum(k => panel.Count(u, 10, k, DiscoverySource.Reported) + panel.Count(u, 10, k, DiscoverySource.Patrol));
            Assert.Equal(recorded / a.Effort!.Multiplier(10, panel.PatrolDays[u, 10]), a.Offences(u, 10), 9);
        }
    }

    [Theory]
    [InlineData(FeedbackGuard.None)]
    [InlineData(FeedbackGuard.ExposureAdjusted)]
    public void Rows_do_not_look_ahead(FeedbackGuard guard)
    {
        var panel = SyntheticWorld.Create(new SyntheticPanelOptions { Units = 40, Quarters = 12, Seed = 3 }).Observe().Panel;
        var changed = TestPanels.ScrambleAfter(panel, 7, seed: 99);
        var before = new RiskFeatureAssembler(panel, guard);
        var after = new RiskFeatureAssembler(changed, guard);
        for (int u = 0; u < panel.UnitCount; u++)
            for (int t = 3; t <= 7; t++)
                Assert.Equal(before.Row(u, t), after.Row(u, t));
        Assert.NotEqual(before.Row(0, 9), after.Row(0, 9)); // the scramble did change later rows
    }

    [Fact]
    public void Rows_need_four_quarters_of_history()
    {
        var a = new RiskFeatureAssembler(TestPanels.Empty(1, 6), FeedbackGuard.None);
        Assert.Throws<ArgumentOutOfRangeException>(() => a.Row(0, 2));
        Assert.Equal(a.FeatureCount, a.Row(0, 3).Length);
    }
}
