using DiaBan.Analytics.Domain;
using System.Globalization;
using System.Text.Json;
using DiaBan.Analytics.Risk;
using DiaBan.Demo.Simulation;

namespace DiaBan.Analytics.Tests.Risk;

/// <summary>The acceptance backtest: 150 communes × 24 quarters of the default synthetic world, run once per test run.</summary>
public sealed class AcceptanceBacktestFixture
{
    public AcceptanceBacktestFixture()
    {
        var observed = SyntheticWorld.Create(new SyntheticPanelOptions { Units = 150, Quarters = 24, Seed = 1 }).Observe();
        Run = Backtest.Run(observed.Panel, observed.Points, observed.Centroids);
    }

    public BacktestRun Run { get; }
}

public class BacktestTests(AcceptanceBacktestFixture fixture) : IClassFixture<AcceptanceBacktestFixture>
{
    private BacktestReport Report => fixture.Run.Report;

    public static TheoryData<string> Baselines => ["last_quarter", "mean_4q", "kde"];

    private MethodMetrics Baseline(string name) => name switch
    {
        "last_quarter" => Report.Baselines.LastQuarter,
        "mean_4q" => Report.Baselines.Mean4Q,
        _ => Report.Baselines.Kde,
    };

    [Theory]
    [MemberData(nameof(Baselines))]
    public void Model_beats_the_baseline_on_auc(string baseline) =>
        Assert.True(Report.Model.Auc > Baseline(baseline).Auc, $"model AUC {Report.Model.Auc} vs {baseline} {Baseline(baseline).Auc}");

    [Theory]
    [MemberData(nameof(Baselines))]
    public void Model_beats_the_baseline_on_pai_at_ten_percent_of_area(string baseline) =>
        Assert.True(Report.Model.PaiAt(0.1) > Baseline(baseline).PaiAt(0.1),
            $"model PAI@10% {Report.Model.PaiAt(0.1)} vs {baseline} {Baseline(baseline).PaiAt(0.1)}");

    [Fact]
    public void Folds_cover_every_origin_from_the_ninth_labelled_quarter_to_the_second_last()
    {
        Assert.Equal(Enumerable.Range(11, 12).Select(q => new CalendarQuarter(2019, 1).Ordinal + q), fixture.Run.Folds.Select(f => f.Origin));
    }

    [Fact]
    public void Area_measures_stay_in_their_ranges_and_hit_rate_grows_with_area()
    {
        foreach (var m in new[] { Report.Model, Report.Baselines.LastQuarter, Report.Baselines.Mean4Q, Report.Baselines.Kde })
        {
            var hits = ForecastMetrics.AreaShares.Select(s => m.HitRateAt(s)!.Value).ToArray();
            Assert.Equal(hits.OrderBy(h => h), hits);
            foreach (double share in ForecastMetrics.AreaShares)
            {
                Assert.InRange(m.PeiStarAt(share)!.Value, 0, 1 + 1e-12);
                Assert.Equal(m.HitRateAt(share)!.Value / share, m.PaiAt(share)!.Value, 9);
            }
            Assert.InRange(m.Brier!.Value, 0, 1);
        }
    }

    [Fact]
    public void Report_serialises_to_the_agreed_shape_in_invariant_culture()
    {
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("vi-VN");
        string json;
        try { json = Report.ToJson(); }
        finally { CultureInfo.CurrentCulture = culture; }

        using var doc = JsonDocument.Parse(json);
        string[] Keys(JsonElement e) => e.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(["model", "baselines"], Keys(doc.RootElement));
        var baselines = doc.RootElement.GetProperty("baselines");
        Assert.Equal(["last_quarter", "mean_4q", "kde"], Keys(baselines));
        foreach (var m in new[] { doc.RootElement.GetProperty("model") }.Concat(baselines.EnumerateObject().Select(p => p.Value)))
        {
            Assert.Equal(["auc", "brier", "pai", "pei_star", "hit_rate"], Keys(m));
            foreach (var curve in new[] { "pai", "pei_star", "hit_rate" })
                Assert.Equal(["0.01", "0.02", "0.05", "0.1", "0.2"], Keys(m.GetProperty(curve)));
            Assert.Equal(JsonValueKind.Number, m.GetProperty("auc").ValueKind);
        }
        Assert.DoesNotContain("0,", json);
        Assert.Equal(Report.Model.PaiAt(0.1), BacktestReport.FromJson(json).Model.PaiAt(0.1));
    }
}

public class BacktestBaselineTests
{
    // Every commune repeats the same count every quarter, so last quarter's count (and the 4-quarter mean) is a
    // perfect forecast: it flags exactly what hindsight flags, PEI* = 1 at every area share.
    [Fact]
    public void Last_quarter_baseline_is_perfect_when_counts_repeat()
    {
        const int units = 30, quarters = 14;
        var p = TestPanels.Empty(units, quarters);
        var centroids = new (double X, double Y)[units];
        var points = new List<IncidentPoint>();
        for (int u = 0; u < units; u++)
        {
            p.AreaKm2[u] = 1 + u % 4;
            centroids[u] = (u * 10_000, 0);
            for (int t = 0; t < quarters; t++)
            {
                p.Counts[u, t, (int)IncidentKind.Arrest, (int)DiscoverySource.Reported] = u % 5;
                for (int k = 0; k < u % 5; k++) points.Add(new IncidentPoint(u, p.Quarters[t], IncidentKind.Arrest, DiscoverySource.Reported, u * 10_000, 0));
            }
        }
        var run = Backtest.Run(p, points, centroids, new BacktestOptions
        {
            Model = new RiskOptions { Trees = 10, UncertaintyMembers = 0, TrainStatusModel = false },
            FirstOrigin = p.Quarters[10],
        });
        Assert.Equal(3, run.Folds.Count);
        foreach (double share in ForecastMetrics.AreaShares)
        {
            Assert.Equal(1, run.Report.Baselines.LastQuarter.PeiStarAt(share)!.Value, 9);
            Assert.Equal(1, run.Report.Baselines.Mean4Q.PeiStarAt(share)!.Value, 9);
        }
        Assert.Equal(1, run.Report.Baselines.LastQuarter.Auc!.Value, 9);
    }

    [Fact]
    public void Kde_baseline_turns_density_back_into_counts_per_quarter()
    {
        // One point per quarter for 4 quarters at a centroid of a 1 km² commune: 4·K(0)·10⁶ m² ÷ 4 quarters.
        var points = Enumerable.Range(0, 4)
            .Select(q => (new IncidentPoint(0, 100 + q, IncidentKind.Arrest, DiscoverySource.Reported, 0, 0), 1.0)).ToArray();
        double h = 2000;
        var counts = Backtest.KdeCounts(points, [(0, 0)], [1.0], originQuarter: 103, quarters: 4, h);
        Assert.Equal(3 / (Math.PI * h * h) * 1e6, counts[0], 9);
        Assert.Equal(0, Backtest.KdeCounts(points, [(0, 0)], [1.0], originQuarter: 99, quarters: 4, h)[0]);
    }
}
