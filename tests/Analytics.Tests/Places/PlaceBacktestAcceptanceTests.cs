using DiaBan.Analytics.Places;
using DiaBan.Demo.Simulation;

namespace DiaBan.Analytics.Tests.Places;

/// <summary>
/// Issue 10's acceptance on the seeded simulated province (Demo PlaceWorld, seed 1: 1,600 cells of 250 m, 2023–2025):
/// the monthly backtest over 2025 with the cell model and the three baselines in the same folds.
/// </summary>
public class PlaceBacktestAcceptanceTests
{
    private static readonly Lazy<(PlaceWorld World, CellBacktestRun Run)> Monthly = new(() =>
    {
        var world = PlaceWorld.Create(new PlaceWorldOptions { Seed = 1 });
        var origins = CellBacktest.Origins(new DateOnly(2025, 1, 1), new DateOnly(2026, 1, 1), ForecastHorizon.Month);
        var run = CellBacktest.Run(new CellBacktestData(world.Cells, world.Options.CellSizeM, world.Events, world.ContextAt), origins,
            new CellBacktestOptions { Horizon = ForecastHorizon.Month });
        return (world, run);
    });

    [Fact]
    public void Report_has_the_commune_backtest_shape_with_the_cell_area_shares()
    {
        var r = Monthly.Value.Run.Report;
        Assert.Equal(12, r.Folds);
        Assert.Equal("month", r.Horizon);
        var json = System.Text.Json.JsonDocument.Parse(r.ToJson()).RootElement;
        foreach (var method in new[] { json.GetProperty("model"), json.GetProperty("baselines").GetProperty("last_period"),
                     json.GetProperty("baselines").GetProperty("kde"), json.GetProperty("baselines").GetProperty("etas") })
        {
            Assert.Equal(["0.005", "0.01", "0.02", "0.05", "0.1"], method.GetProperty("pai").EnumerateObject().Select(p => p.Name));
            Assert.Equal(["0.005", "0.01", "0.02", "0.05", "0.1"], method.GetProperty("hit_rate").EnumerateObject().Select(p => p.Name));
            Assert.Equal(["0.01", "0.05"], method.GetProperty("pei_star").EnumerateObject().Select(p => p.Name));
        }
    }

    [Fact]
    public void Etas_recovers_the_simulated_trigger_and_beats_kde()
    {
        var (world, run) = Monthly.Value;
        // the world triggers Poisson(0.45) offspring, delay ⌈Exp(mean 6 d)⌉ (mean ≈ 6.5 d), Gaussian SD 110 m
        Assert.InRange(run.Etas.Average(e => e.Theta), 0.3, 0.55);
        Assert.InRange(run.Etas.Average(e => 1 / e.Omega), 4, 9);
        Assert.InRange(run.Etas.Average(e => e.SigmaM), 80, 130);
        Assert.True(world.Triggered > 0.35 * world.Events.Count);
        var r = run.Report;
        Assert.True(r.Baselines.Etas.PaiAt(0.01) > r.Baselines.Kde.PaiAt(0.01), $"ETAS {r.Baselines.Etas.PaiAt(0.01)} vs KDE {r.Baselines.Kde.PaiAt(0.01)} at 1 %");
        Assert.True(r.Baselines.Etas.PaiAt(0.05) > r.Baselines.Kde.PaiAt(0.05), $"ETAS {r.Baselines.Etas.PaiAt(0.05)} vs KDE {r.Baselines.Kde.PaiAt(0.05)} at 5 %");
    }

    /// <summary>
    /// Issue 10 asks the model to beat all three baselines at 1 % and 5 %. On the world of changing places (businesses
    /// open and close, spots are eliminated and displaced, route transit rises before Tết; parameters declared before
    /// the first run) seed 1 measured: model 10.98 / 6.07, ETAS 10.10 / 5.93, KDE 9.00 / 5.65, last month 7.91 / 4.13
    /// (docs/performance.md "Place forecasting").
    /// </summary>
    [Fact]
    public void Cell_model_beats_all_three_baselines_on_pai_at_1_and_5_percent()
    {
        var r = Monthly.Value.Run.Report;
        foreach (var share in new[] { 0.01, 0.05 })
            foreach (var (name, baseline) in new[] { ("last period", r.Baselines.LastPeriod), ("KDE", r.Baselines.Kde), ("ETAS", r.Baselines.Etas) })
                Assert.True(r.Model.PaiAt(share) > baseline.PaiAt(share),
                    $"PAI@{share:P0}: model {r.Model.PaiAt(share):0.00} vs {name} {baseline.PaiAt(share):0.00}");
    }

    [Fact]
    public void Model_forecasts_carry_vietnamese_reasons_and_an_interval()
    {
        var world = Monthly.Value.World;
        var scorer = new CellModelScorer();
        var forecasts = scorer.Score(world.InputAt(new DateOnly(2025, 6, 2), ForecastHorizon.Week));
        Assert.Equal(world.Cells.Count, forecasts.Count);
        Assert.Equal(world.Cells.Select(c => c.Id), forecasts.Select(f => f.CellId));
        var top = forecasts.OrderByDescending(f => f.Score).Take(10).ToArray();
        Assert.All(top, f =>
        {
            Assert.NotEmpty(f.Reasons);
            Assert.InRange(f.Score, f.Low, f.High);
            Assert.True(f.High > f.Low);
            Assert.All(f.Reasons, reason => Assert.Contains(reason.Feature, CellFeatures.All.Select(x => x.Name)));
        });
        // some top cell is explained by incidents (a count or density of them; the sentence quotes "… vụ"), not only by context
        string[] incidentFeatures = ["decay_1w", "decay_4w", "decay_13w", "decay_52w", "near_repeat", "ring1_4w", "ring1_52w", "ring2_52w",
            "commune_13w", "kde_150_52w", "kde_400_52w", "near_repeat_etas", "kde_200_104w"];
        Assert.Contains(top.SelectMany(f => f.Reasons), reason => incidentFeatures.Contains(reason.Feature));
        Assert.True(scorer.Version!.Rows > 10_000);
        Assert.Equal(new DateOnly(2025, 6, 2), scorer.Version.Cutoff);
    }
}
