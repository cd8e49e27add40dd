using DiaBan.Analytics.Places;
using DiaBan.Demo.Simulation;

namespace DiaBan.Analytics.Tests.Places;

/// <summary>
/// A fitted ETAS model evaluated at an origin (EtasFit): at the fit's end it is the ETAS baseline; at an earlier origin
/// it reads only the events before that origin (what a model feature at past training origins would need).
/// </summary>
public class EtasFitTests
{
    private static readonly PlaceWorld World = PlaceWorld.Create(new PlaceWorldOptions { Seed = 5, Columns = 16, Rows = 16, CommuneCells = 8 });
    private static readonly DateOnly Cutoff = new(2025, 6, 1), Origin = new(2025, 4, 7);

    private static (CellRaster Raster, CellFeatures.Static Context, PlaceEvent[] Sorted) Setup()
    {
        var raster = new CellRaster(World.Cells, World.Options.CellSizeM);
        var context = CellFeatures.StaticOf(raster, World.Cells, World.ContextAt(Origin));
        return (raster, context, World.Events.Where(e => e.Date < Cutoff).OrderBy(e => e.Date).ToArray());
    }

    [Fact]
    public void Etas_forecast_at_the_fit_end_is_the_etas_baseline()
    {
        var (raster, _, sorted) = Setup();
        var scorer = new EtasScorer();
        var input = new CellScoringInput(World.Cells, World.Options.CellSizeM, sorted, Cutoff, ForecastHorizon.Month);
        var baseline = scorer.Score(input).Select(f => f.Score).ToArray();
        var fit = scorer.FitModel(sorted, Cutoff);
        Assert.Equal(scorer.Last, fit.Parameters);
        Assert.True(fit.Parameters.Theta > 0.1, $"θ {fit.Parameters.Theta}");
        var forecast = fit.Forecast(World.Cells, raster, Cutoff, 30);
        for (int i = 0; i < baseline.Length; i++) Assert.Equal(baseline[i], forecast[i], 12);
        Assert.True(forecast.Sum() > 1);
    }

    [Fact]
    public void Etas_fit_at_an_earlier_origin_reads_no_event_on_or_after_the_origin()
    {
        var (raster, _, sorted) = Setup();
        var fit = new EtasScorer().FitModel(sorted, Cutoff);
        Assert.True(sorted.Count(e => e.Date >= Origin) > 20); // the fit saw events between the origin and the cut-off
        var full = fit.Forecast(World.Cells, raster, Origin, 30);
        // the fit's own events on and after the origin are not read: moving them all elsewhere, and adding 50 on the origin
        // day in the busiest cell, leaves the forecast at the origin unchanged (same parameters and weights)
        int busiest = Enumerable.Range(0, full.Length).MaxBy(i => full[i]);
        var cell = World.Cells[busiest];
        var weights = Enumerable.Repeat(0.6, sorted.Length).ToArray();
        var reference = new EtasFit(fit.Parameters, sorted, weights, 730, 200).Forecast(World.Cells, raster, Origin, 30);
        var moved = sorted.Select(e => e.Date >= Origin ? e with { X = cell.X, Y = cell.Y } : e)
            .Concat(Enumerable.Repeat(new PlaceEvent(cell.X, cell.Y, Origin), 50)).OrderBy(e => e.Date).ToArray();
        var changed = new EtasFit(fit.Parameters, moved, Enumerable.Repeat(0.6, moved.Length).ToArray(), 730, 200).Forecast(World.Cells, raster, Origin, 30);
        Assert.Equal(reference, changed);
        var afterwards = new EtasFit(fit.Parameters, moved, Enumerable.Repeat(0.6, moved.Length).ToArray(), 730, 200).Forecast(World.Cells, raster, Origin.AddDays(1), 30);
        Assert.True(afterwards[busiest] > reference[busiest] + 1, "a day later the 50 planted events count");
        Assert.True(full.Sum() > 1);
    }
}
