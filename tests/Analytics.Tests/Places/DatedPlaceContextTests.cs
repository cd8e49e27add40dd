using DiaBan.Analytics.Places;
using DiaBan.Analytics.Records;
using DiaBan.Demo.Simulation;

namespace DiaBan.Analytics.Tests.Places;

/// <summary>The dated context of the database path: spots open between detection/re-emergence and elimination, businesses [opened, closed).</summary>
public class DatedPlaceContextTests
{
    private static DateOnly D(int m, int d) => new(2025, m, d);

    [Fact]
    public void A_spot_is_open_from_its_detection_or_re_emergence_to_its_elimination()
    {
        var steps = new[]
        {
            new SpotStep(SpotState.ReEmerged, D(6, 1)), new SpotStep(SpotState.Detected, D(1, 10)),
            new SpotStep(SpotState.UnderWatch, D(2, 1)), new SpotStep(SpotState.Eliminated, D(3, 1)),
        };
        Assert.Equal([(D(1, 10), (DateOnly?)D(3, 1)), (D(6, 1), null)], SpotLifecycle.ActiveSpans(steps));
        // a day lies in a span exactly when the state at its end is active
        for (var day = D(1, 1); day < D(8, 1); day = day.AddDays(1))
            Assert.Equal(SpotLifecycle.StateOn(steps, day)?.IsActive() ?? false,
                SpotLifecycle.ActiveSpans(steps).Any(s => new DatedPlace(0, 0, s.From, s.To).OpenOn(day)));
        Assert.Empty(SpotLifecycle.ActiveSpans([new SpotStep(SpotState.Detected, D(4, 1)), new SpotStep(SpotState.Eliminated, D(4, 1))]));
    }

    [Fact]
    public void The_context_on_a_date_holds_what_was_open_then()
    {
        var context = new DatedPlaceContext(
            [new DatedPlace(1, 1, D(1, 10), D(3, 1)), new DatedPlace(2, 2, D(6, 1), null)],
            [new DatedPlace(3, 3, null, D(5, 1)), new DatedPlace(4, 4, D(4, 1), null)],
            [(9, 9)]);
        Assert.Equal([(1.0, 1.0)], context.At(D(2, 28)).OpenSpots);
        Assert.Empty(context.At(D(3, 1)).OpenSpots);
        Assert.Equal([(2.0, 2.0)], context.At(D(6, 1)).OpenSpots);
        Assert.Equal([(3.0, 3.0)], context.At(D(3, 31)).Businesses);
        Assert.Equal([(3.0, 3.0), (4.0, 4.0)], context.At(D(4, 30)).Businesses);
        Assert.Equal([(4.0, 4.0)], context.At(D(5, 1)).Businesses);
        Assert.Equal([(9.0, 9.0)], context.At(D(1, 1)).RouteVertices);
        var input = new CellScoringInput([], 250, [], D(4, 15), ForecastHorizon.Week) { Context = context.At(D(4, 15)), ContextAt = context.At };
        Assert.Equal([(1.0, 1.0)], input.ContextOn(D(2, 1)).OpenSpots);
        Assert.Throws<ArgumentOutOfRangeException>(() => input.ContextOn(D(4, 16)));
    }

    [Fact]
    public void The_simulated_world_knows_its_places_by_the_same_dated_rule()
    {
        // PlaceWorld (the backtest's world) keeps no rule of its own: a business is known from its opening day to the day
        // before it closes, like the database path's context (one rule for "open on a date": DatedPlace.OpenOn)
        var world = PlaceWorld.Create(new PlaceWorldOptions { Seed = 5, Columns = 20, Rows = 20 });
        var business = world.Businesses.First(b => b.Opens > world.Start && b.Closes < world.End);
        bool Known(DateOnly day) => world.ContextAt(day).Businesses.Contains((business.X, business.Y));
        Assert.False(Known(business.Opens.AddDays(-1)));
        Assert.True(Known(business.Opens));
        Assert.True(Known(business.Closes.AddDays(-1)));
        Assert.False(Known(business.Closes));
        Assert.Equal(world.Businesses.Count, world.Known.Businesses.Count);
        var day = world.Start.AddDays(400);
        Assert.Equal(world.Businesses.Count(b => b.Opens <= day && day < b.Closes), world.ContextAt(day).Businesses.Count);
        Assert.NotEmpty(world.ContextAt(day).OpenSpots);
        Assert.Equal(world.Known.OpenSpots.Count(s => s.OpenOn(day)), world.ContextAt(day).OpenSpots.Count);
    }
}
