using DiaBan.Analytics.Domain;
using DiaBan.Demo.Simulation;

namespace DiaBan.Demo.Tests.Simulation;

/// <summary>The place world's places change and what the police know of them is dated (issue 10 acceptance world).</summary>
public class PlaceWorldTests
{
    private static readonly PlaceWorld World = PlaceWorld.Create(new PlaceWorldOptions { Seed = 1 });

    [Fact]
    public void Businesses_open_and_close_during_the_years_and_the_context_lists_those_open_that_day()
    {
        var w = World;
        Assert.Contains(w.Businesses, b => b.Opens > w.Start && b.Opens < w.End);
        Assert.Contains(w.Businesses, b => b.Closes > w.Start && b.Closes < w.End);
        foreach (var day in new[] { new DateOnly(2023, 6, 1), new DateOnly(2024, 6, 1), new DateOnly(2025, 6, 1) })
            Assert.Equal(w.Businesses.Count(b => b.Opens <= day && day < b.Closes), w.ContextAt(day).Businesses.Count);
        Assert.NotEqual(w.ContextAt(new DateOnly(2023, 6, 1)).Businesses, w.ContextAt(new DateOnly(2025, 6, 1)).Businesses);
    }

    [Fact]
    public void Spots_are_eliminated_and_new_ones_appear_and_the_register_changes()
    {
        var w = World;
        Assert.Contains(w.HotSpots, s => s.Opens > w.Start);
        Assert.Contains(w.HotSpots, s => s.Closes < w.End);
        var early = w.ContextAt(new DateOnly(2023, 3, 1)).OpenSpots;
        var late = w.ContextAt(new DateOnly(2025, 9, 1)).OpenSpots;
        Assert.Contains(early, s => !late.Contains(s));
        Assert.Contains(late, s => !early.Contains(s));
    }

    [Fact]
    public void Incidents_come_from_every_source_and_route_transit_rises_before_tet()
    {
        var (diffuse, spots, businesses, route) = World.Immigrants;
        Assert.All(new[] { diffuse, spots, businesses, route }, n => Assert.True(n > 200, $"{n}"));
        Assert.True(World.Triggered > 0.3 * World.Events.Count);
        var tet = TetCalendar.DaysToNearest(new DateOnly(2025, 1, 1))!.Value; // Tết 2025 is 29 January
        Assert.Equal(3.0, PlaceWorld.RouteSeason(new DateOnly(2025, 1, 1), 2), 1e-9);
        Assert.Equal(28, tet);
        Assert.Equal(1.0, PlaceWorld.RouteSeason(new DateOnly(2025, 7, 1), 2), 1e-6);
    }
}
