using DiaBan.Analytics.Spatial;
using DiaBan.Analytics.Statistics;
using DiaBan.Analytics.Tests.Spatial;
using static DiaBan.Analytics.Statistics.EmergingCategory;

namespace DiaBan.Analytics.Tests.Statistics;

public class EmergingHotSpotsTests
{
    [Theory]
    [InlineData(GlobalWindow.EntireCube, "gistar_entire")]
    [InlineData(GlobalWindow.IndividualTimeStep, "gistar_individual")]
    [InlineData(GlobalWindow.NeighbourhoodTimeStep, "gistar_neighbourhood")]
    public void Space_time_Gi_star_equals_spdep_localG_on_the_space_time_neighbour_list(GlobalWindow window, string property)
    {
        // entire cube: spdep localG on a neighbour list over all bins; the other windows: ANALYTICS.md §3 evaluated in R
        var ehsa = Reference.Load("columbus").GetProperty("ehsa");
        var result = Analyse(ehsa, window);
        var expected = ehsa.GetProperty(property).Doubles();
        var steps = ehsa.GetProperty("steps").GetInt32();
        var n = result.LocationCount;
        for (var t = 0; t < steps; t++)
        {
            for (var i = 0; i < n; i++) Approx.Equal(expected[t * n + i], result.Locations[i].Bins[t].Z, what: $"z[{i},{t}]");
        }
    }

    [Fact]
    public void Bin_p_values_FDR_and_the_Mann_Kendall_trend_of_each_location_equal_R()
    {
        var ehsa = Reference.Load("columbus").GetProperty("ehsa");
        var result = Analyse(ehsa, GlobalWindow.EntireCube);
        var p = ehsa.GetProperty("p_entire").Doubles();
        var adjusted = ehsa.GetProperty("p_bh_entire").Doubles();
        var n = result.LocationCount;
        for (var t = 0; t < result.TimeSteps; t++)
        {
            for (var i = 0; i < n; i++)
            {
                var bin = result.Locations[i].Bins[t];
                Approx.Equal(p[t * n + i], bin.P, what: $"p[{i},{t}]");
                var level = adjusted[t * n + i] <= 0.01 ? 3 : adjusted[t * n + i] <= 0.05 ? 2 : adjusted[t * n + i] <= 0.10 ? 1 : 0;
                Assert.Equal(Math.Sign(bin.Z) * level, bin.Bin);
            }
        }
        Approx.All(ehsa.GetProperty("trend_z").Doubles(), result.Locations.Select(l => l.Trend.Z).ToArray(), what: "trend z");
        Approx.All(ehsa.GetProperty("trend_p").Doubles(), result.Locations.Select(l => l.Trend.P).ToArray(), what: "trend p");
        Approx.All(ehsa.GetProperty("trend_tau").Doubles(), result.Locations.Select(l => l.Trend.TauB).ToArray(), what: "trend tau");
        Assert.Contains(result.Locations, l => l.Category != NoPattern);
    }

    [Theory]
    [InlineData(new[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 2 }, 0, NewHotSpot)]
    [InlineData(new[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, -1 }, 0, NewColdSpot)]
    [InlineData(new[] { 0, 0, 0, 0, 0, 0, 0, 1, 2, 3 }, 1, ConsecutiveHotSpot)]
    [InlineData(new[] { 0, 0, 0, 0, 0, 0, 0, 0, -3, -3 }, 0, ConsecutiveColdSpot)]
    [InlineData(new[] { 1, 1, 2, 2, 2, 3, 3, 3, 3, 3 }, 1, IntensifyingHotSpot)]
    [InlineData(new[] { -1, -2, -2, -3, -3, -3, -3, -3, -3, -3 }, -1, IntensifyingColdSpot)]
    [InlineData(new[] { 0, 2, 2, 2, 2, 2, 2, 2, 2, 2 }, 0, PersistentHotSpot)]
    [InlineData(new[] { -2, -2, -2, -2, -2, 0, -2, -2, -2, -2 }, 0, PersistentColdSpot)]
    [InlineData(new[] { 3, 3, 3, 3, 3, 2, 2, 2, 1, 1 }, -1, DiminishingHotSpot)]
    [InlineData(new[] { -3, -3, -3, -3, -3, -2, -2, -2, -1, -1 }, 1, DiminishingColdSpot)]
    [InlineData(new[] { 1, 0, 2, 0, 0, 0, 0, 0, 0, 1 }, 0, SporadicHotSpot)]
    [InlineData(new[] { 1, 0, 0, 0, 0, 0, 0, 1, 1, 1 }, 0, SporadicHotSpot)]
    [InlineData(new[] { 0, -1, -1, 0, -1, 0, 0, 0, 0, -2 }, 0, SporadicColdSpot)]
    [InlineData(new[] { -1, 0, 0, 0, 0, 0, 0, 0, 1, 1 }, 0, OscillatingHotSpot)]
    [InlineData(new[] { 2, 0, 0, 0, 0, 0, 0, 0, 0, -1 }, 0, OscillatingColdSpot)]
    [InlineData(new[] { 3, 3, 3, 3, 3, 3, 3, 3, 3, 0 }, 0, HistoricalHotSpot)]
    [InlineData(new[] { -1, -1, -1, -1, -1, -1, -1, -1, -1, 0 }, -1, HistoricalColdSpot)]
    [InlineData(new[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, 0, NoPattern)]
    [InlineData(new[] { 1, 1, 1, 1, 1, 0, 0, 0, 0, 0 }, -1, NoPattern)]
    public void Each_of_the_seventeen_categories_follows_the_decision_rules(int[] bins, int trend, EmergingCategory expected)
    {
        Assert.Equal(expected, EmergingHotSpots.Classify(bins, trend));
    }

    [Theory]
    // final hot with an earlier cold step is oscillating even when the hot steps alone would make it new or consecutive
    [InlineData(new[] { -2, 0, 0, 0, 0, 0, 0, 0, 0, 1 }, 0, OscillatingHotSpot)]
    [InlineData(new[] { 0, 0, -1, 0, 0, 0, 0, 0, 2, 2 }, 1, OscillatingHotSpot)]
    // ≥ 90% hot but the final step not hot is historical, not persistent, whatever the trend
    [InlineData(new[] { 2, 2, 2, 2, 2, 2, 2, 2, 2, 0 }, -1, HistoricalHotSpot)]
    // ≥ 90% hot beats oscillating: one cold step among ten does not make it oscillate
    [InlineData(new[] { -1, 2, 2, 2, 2, 2, 2, 2, 2, 2 }, 0, PersistentHotSpot)]
    // a significant trend alone does not make a hot spot
    [InlineData(new[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, 1, NoPattern)]
    public void Ambiguous_histories_resolve_by_the_stated_precedence(int[] bins, int trend, EmergingCategory expected)
    {
        Assert.Equal(expected, EmergingHotSpots.Classify(bins, trend));
    }

    [Fact]
    public void Ninety_percent_is_an_integer_test_on_the_number_of_hot_steps()
    {
        // T = 20: 18 hot steps (90%) is persistent, 17 hot steps in one final run is consecutive
        var eighteen = Enumerable.Repeat(0, 2).Concat(Enumerable.Repeat(1, 18)).ToArray();
        var seventeen = Enumerable.Repeat(0, 3).Concat(Enumerable.Repeat(1, 17)).ToArray();
        Assert.Equal(PersistentHotSpot, EmergingHotSpots.Classify(eighteen, 0));
        Assert.Equal(ConsecutiveHotSpot, EmergingHotSpots.Classify(seventeen, 0));
    }

    [Fact]
    public void A_cluster_that_appears_in_the_last_step_is_a_new_hot_spot()
    {
        var result = PlantedCluster((t, _) => t == Steps - 1 ? 30 : 0);
        Assert.Equal(NewHotSpot, result.Locations[Centre].Category);
        Assert.Equal(NoPattern, result.Locations[FarCorner].Category);
    }

    [Fact]
    public void A_cluster_present_in_the_last_four_steps_is_a_consecutive_hot_spot()
    {
        var result = PlantedCluster((t, _) => t >= Steps - 4 ? 25 : 0);
        Assert.Equal(ConsecutiveHotSpot, result.Locations[Centre].Category);
    }

    [Fact]
    public void A_cluster_that_keeps_growing_is_an_intensifying_hot_spot()
    {
        var result = PlantedCluster((t, _) => 12 + 2 * t);
        Assert.Equal(IntensifyingHotSpot, result.Locations[Centre].Category);
        Assert.Equal(1, result.Locations[Centre].Trend.Trend(0.10));
    }

    [Fact]
    public void A_cluster_that_fades_but_stays_hot_is_diminishing()
    {
        var result = PlantedCluster((t, _) => 50 - 2 * t);
        Assert.Equal(DiminishingHotSpot, result.Locations[Centre].Category);
    }

    [Fact]
    public void A_cluster_that_disappears_at_the_end_is_a_historical_hot_spot()
    {
        // with a one-step time window the final bin still sees step T−2, so the cluster stops two steps before the end
        var result = PlantedCluster((t, _) => t < Steps - 2 ? 25 : 0);
        Assert.Equal(HistoricalHotSpot, result.Locations[Centre].Category);
    }

    [Fact]
    public void A_cold_pocket_that_deepens_is_an_intensifying_cold_spot()
    {
        var result = PlantedCluster((t, _) => -Math.Min(9, 3 + t), background: 10);
        Assert.Equal(IntensifyingColdSpot, result.Locations[Centre].Category);
    }

    [Fact]
    public void Steps_without_variation_have_no_z_and_no_hot_spots_instead_of_rounding_noise()
    {
        // the first steps hold the same non-integer value everywhere (0.1 sums with rounding error), the rest vary
        var random = new Random(11);
        var cube = Enumerable.Range(0, Side * Side)
            .Select(_ => Enumerable.Range(0, Steps).Select(t => t < 6 ? 0.1 : random.Next(0, 9)).ToArray()).ToArray();
        var result = EmergingHotSpots.Analyse(cube, Grid(Side), new EmergingHotSpotOptions(1, GlobalWindow.IndividualTimeStep));
        foreach (var location in result.Locations)
        {
            for (var t = 0; t < 6; t++)
            {
                Assert.True(double.IsNaN(location.Bins[t].Z), $"z[{location.Index},{t}] = {location.Bins[t].Z}");
                Assert.Equal(0, location.Bins[t].Bin);
            }
            Assert.True(double.IsFinite(location.Trend.Z));
        }
    }

    [Fact]
    public void Mismatched_cube_and_weights_are_refused()
    {
        var weights = Grid(3);
        var cube = Enumerable.Range(0, 8).Select(_ => new double[] { 1, 2, 3 }).ToArray();
        Assert.Throws<ArgumentException>(() => EmergingHotSpots.Analyse(cube, weights));
    }

    [Fact]
    public void Categories_have_Vietnamese_names()
    {
        Assert.Equal("Điểm nóng mới", NewHotSpot.Vietnamese());
        Assert.Equal("Điểm lạnh trong quá khứ", HistoricalColdSpot.Vietnamese());
        Assert.Equal("Không phát hiện xu hướng", NoPattern.Vietnamese());
    }

    private const int Side = 10;
    private const int Steps = 20;
    private const int Centre = 4 * Side + 4;
    private const int FarCorner = Side * Side - 1;

    private static EmergingHotSpotResult Analyse(System.Text.Json.JsonElement ehsa, GlobalWindow window)
    {
        var cube = ehsa.GetProperty("cube").Matrix();
        var weights = ReferenceWeights.Build("columbus", "queen_B");
        return EmergingHotSpots.Analyse(cube, weights, new EmergingHotSpotOptions(ehsa.GetProperty("k").GetInt32(), window));
    }

    // A 10 × 10 grid of communes, 20 steps of background counts 5 ± 2 (seeded), plus extra(t) in the 3 × 3 block around cell (4, 4).
    private static EmergingHotSpotResult PlantedCluster(Func<int, int, int> extra, int background = 5)
    {
        var random = new Random(2025);
        var cube = new double[Side * Side][];
        for (var i = 0; i < cube.Length; i++)
        {
            var (row, column) = (i / Side, i % Side);
            var inCluster = Math.Abs(row - 4) <= 1 && Math.Abs(column - 4) <= 1;
            cube[i] = Enumerable.Range(0, Steps).Select(t => (double)(background + random.Next(-2, 3) + (inCluster ? extra(t, i) : 0))).ToArray();
        }
        return EmergingHotSpots.Analyse(cube, Grid(Side));
    }

    private static SpatialWeights Grid(int side)
    {
        var cells = Enumerable.Range(0, side * side).Select(i => (NetTopologySuite.Geometries.Geometry)ContiguityTests.Square(i % side, i / side)).ToArray();
        return ContiguityBuilder.Queen(cells);
    }
}
