using DiaBan.Analytics.Places;
using DiaBan.Web.Places;

namespace DiaBan.Web.Tests.Places;

/// <summary>Which trained cell model a sheet gets: only one whose province holds all its communes, same grid and horizon, day on or after the cutoff.</summary>
public sealed class CellModelRegistryTests
{
    private static readonly DateOnly Cutoff = new(2026, 7, 1);

    private static TrainedCellModel Model(string province, params int[] units) =>
        new(province, 250, ForecastHorizon.Week, Cutoff, units.ToHashSet(), 100, 7, DateTimeOffset.UnixEpoch, new CellModelScorer());

    [Fact]
    public void Falls_back_when_nothing_fits_and_picks_the_province_holding_all_communes()
    {
        var registry = new CellModelRegistry();
        Assert.Null(registry.For([1, 2], 250, ForecastHorizon.Week, Cutoff));

        var a = Model("A", 1, 2, 3);
        var b = Model("B", 4, 5);
        registry.Set(a);
        registry.Set(b);
        Assert.Same(a, registry.For([1, 3], 250, ForecastHorizon.Week, Cutoff));
        Assert.Same(b, registry.For([5], 250, ForecastHorizon.Week, Cutoff.AddDays(30)));
        Assert.Null(registry.For([3, 4], 250, ForecastHorizon.Week, Cutoff));           // communes of two provinces
        Assert.Null(registry.For([1], 250, ForecastHorizon.Week, Cutoff.AddDays(-1)));  // before the cutoff: it saw that week's labels
        Assert.Null(registry.For([1], 1000, ForecastHorizon.Week, Cutoff));             // another grid
        Assert.Null(registry.For([1], 250, ForecastHorizon.Month, Cutoff));             // another horizon
        Assert.Null(registry.For([], 250, ForecastHorizon.Week, Cutoff));               // no cells: nothing to score

        // a retrained province replaces its model
        var a2 = Model("A", 1, 2, 3, 6);
        registry.Set(a2);
        Assert.Same(a2, registry.For([6], 250, ForecastHorizon.Week, Cutoff));
        Assert.Equal(2, registry.Models.Count);
    }

    [Fact]
    public void Refuses_to_score_before_the_cutoff_so_the_model_never_retrains_on_a_request()
    {
        var registry = new CellModelRegistry();
        var a = Model("A", 1);
        var input = new CellScoringInput([new GridCell(1, 0, 0, 1)], 250, [], Cutoff.AddDays(-7), ForecastHorizon.Week);
        Assert.Throws<ArgumentException>(() => registry.Score(a, input));
    }
}
