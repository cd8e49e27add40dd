using DiaBan.Analytics.Places;
using DiaBan.Demo.Simulation;

namespace DiaBan.Analytics.Tests.Places;

/// <summary>
/// The cell model reads only what was known at its origin: the features and the forecast at an origin do not change
/// when the incidents after it, or the businesses and spots known after it, are altered (issue 10, no leakage).
/// </summary>
public class PlaceFeatureLeakageTests
{
    private static readonly DateOnly Origin = new(2025, 3, 1);
    private static readonly PlaceWorld World = PlaceWorld.Create(new PlaceWorldOptions { Seed = 3, Columns = 20, Rows = 20 });

    // Another future: every incident from the origin on moved 300 m and doubled, and after the origin every business closed
    // and new ones opened on the old hot spots, the register emptied.
    private static (IReadOnlyList<PlaceEvent> Events, Func<DateOnly, PlaceContext> ContextAt) AlteredFuture()
    {
        var past = World.Events.Where(e => e.Date < Origin);
        var future = World.Events.Where(e => e.Date >= Origin).SelectMany(e => new[] { e with { X = e.X + 300 }, e with { Y = e.Y - 300 } });
        var newBusinesses = World.HotSpots.Select(s => (s.X + 20, s.Y)).ToArray();
        PlaceContext At(DateOnly d) => d <= Origin ? World.ContextAt(d) : new PlaceContext([], newBusinesses, World.RouteVertices);
        return (past.Concat(future).ToArray(), At);
    }

    [Fact]
    public void The_altered_future_really_differs()
    {
        var (events, contextAt) = AlteredFuture();
        Assert.NotEqual(World.Events.Count(e => e.Date >= Origin), events.Count(e => e.Date >= Origin));
        var raster = new CellRaster(World.Cells, World.Options.CellSizeM);
        var now = CellFeatures.StaticOf(raster, World.Cells, World.ContextAt(Origin));
        var later = CellFeatures.StaticOf(raster, World.Cells, contextAt(Origin.AddDays(1)));
        Assert.NotEqual(now.Business, later.Business);
        Assert.NotEqual(now.BusinessesNear, later.BusinessesNear);
    }

    [Fact]
    public void Features_at_an_origin_ignore_incidents_and_context_after_it()
    {
        var (events, contextAt) = AlteredFuture();
        var raster = new CellRaster(World.Cells, World.Options.CellSizeM);
        float[][] Rows(IReadOnlyList<PlaceEvent> history, Func<DateOnly, PlaceContext> context) => CellFeatures.At(raster, World.Cells,
            history.OrderBy(e => e.Date).ToArray(), Origin, (200, 14), CellFeatures.StaticOf(raster, World.Cells, context(Origin)), null, 30);
        var real = Rows(World.Events, World.ContextAt);
        var altered = Rows(events, contextAt);
        Assert.Equal(CellFeatures.Count, real[0].Length);
        Assert.Contains(real, r => r[20] > 0);
        for (int i = 0; i < real.Length; i++) Assert.Equal(real[i], altered[i]);
    }

    [Fact]
    public void The_model_forecast_at_an_origin_ignores_incidents_and_context_after_it()
    {
        var (events, contextAt) = AlteredFuture();
        var options = new CellModelOptions { Trees = 20, TrainingOrigins = 8, KnoxPermutations = 19 };
        var real = new CellModelScorer(options).Score(World.InputAt(Origin, ForecastHorizon.Month));
        var altered = new CellModelScorer(options).Score(new CellScoringInput(World.Cells, World.Options.CellSizeM, events, Origin, ForecastHorizon.Month)
            { Context = contextAt(Origin), ContextAt = contextAt });
        Assert.Equal(real.Select(f => f.Score), altered.Select(f => f.Score));
        Assert.Contains(real, f => f.Score > 0.5);
    }

    [Fact]
    public void A_forecast_may_not_ask_for_the_context_after_its_origin()
    {
        var input = World.InputAt(Origin, ForecastHorizon.Week);
        Assert.Throws<ArgumentOutOfRangeException>(() => input.ContextOn(Origin.AddDays(1)));
        Assert.Equal(World.ContextAt(Origin.AddDays(-100)).Businesses, input.ContextOn(Origin.AddDays(-100)).Businesses);
    }
}
