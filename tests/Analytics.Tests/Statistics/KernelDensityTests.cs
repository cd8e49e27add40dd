using DiaBan.Analytics.Spatial;
using DiaBan.Analytics.Statistics;
using DiaBan.Analytics.Tests.Spatial;
using NetTopologySuite.Geometries;

namespace DiaBan.Analytics.Tests.Statistics;

public class KernelDensityTests
{
    [Fact]
    public void Quartic_kernel_peaks_at_three_over_pi_h_squared_and_vanishes_at_the_radius()
    {
        Approx.Equal(3 / (Math.PI * 100 * 100), KernelDensity.Quartic(0, 100), 1e-15);
        Approx.Equal(3 / (Math.PI * 100 * 100) * 0.75 * 0.75, KernelDensity.Quartic(50, 100), 1e-15);
        Assert.Equal(0, KernelDensity.Quartic(100, 100));
        Assert.Equal(0, KernelDensity.Quartic(150, 100));
    }

    [Fact]
    public void The_surface_integrates_to_the_sum_of_the_weights()
    {
        // ∫ K_h = 1, so with cells of h/50 covering every kernel the grid total is Σc to within the midpoint-rule error
        var points = PlanarPoints.FromProjected([new Coordinate(1_000, 1_000), new Coordinate(1_300, 1_150), new Coordinate(900, 1_400)]);
        double[] weights = [1, 2, 4];
        var extent = new Envelope(300, 2_000, 300, 2_100);
        var grid = KernelDensity.Estimate(points, weights, new KernelDensityOptions(SearchRadius: 500, CellSize: 10, Extent: extent));
        Assert.InRange(grid.Total, 7 * 0.999, 7 * 1.001);
    }

    [Fact]
    public void A_cell_centred_on_a_lone_incident_holds_the_kernel_peak_times_its_weight()
    {
        var points = PlanarPoints.FromProjected([new Coordinate(105, 105)]);
        var grid = KernelDensity.Estimate(points, [3.0], new KernelDensityOptions(SearchRadius: 40, CellSize: 10, Extent: new Envelope(0, 200, 0, 200)));
        Assert.Equal(20, grid.Columns);
        Assert.Equal(new Coordinate(105, 105), grid.CellCentre(10, 10));
        Approx.Equal(3 * KernelDensity.Quartic(0, 40), grid[10, 10], 1e-15);
        Approx.Equal(3 * KernelDensity.Quartic(Math.Sqrt(10 * 10 + 20 * 20), 40), grid[11, 12], 1e-15);
        Assert.Equal(0, grid[15, 10]);
    }

    [Fact]
    public void Default_search_radius_follows_the_ArcGIS_rule_computed_by_hand()
    {
        // four corners of a 2 × 2 km square and its centre: mean centre (1000, 1000); distances √2·1000 (×4) and 0
        var points = PlanarPoints.FromProjected([new(0, 0), new(2_000, 0), new(0, 2_000), new(2_000, 2_000), new(1_000, 1_000)]);
        var standardDistance = Math.Sqrt(4 * 2_000_000.0 / 5);
        var medianDistance = Math.Sqrt(2) * 1_000;
        var expected = 0.9 * Math.Min(standardDistance, Math.Sqrt(1 / Math.Log(2)) * medianDistance) * Math.Pow(5, -0.2);
        Assert.Equal(expected, KernelDensity.DefaultSearchRadius(points), 9);
    }

    [Fact]
    public void Weighted_default_radius_uses_the_weighted_centre_and_the_sum_of_weights_as_n()
    {
        // weights 3 and 1 on two points 4 km apart: centre 1 km from the heavy point; SD = √((3·1² + 1·3²)/4) km;
        // weighted median distance = 1 km (the heavy point holds ¾ of the weight); n = 4
        var points = PlanarPoints.FromProjected([new(0, 0), new(4_000, 0)]);
        var expected = 0.9 * Math.Min(Math.Sqrt(12.0 / 4) * 1_000, Math.Sqrt(1 / Math.Log(2)) * 1_000) * Math.Pow(4, -0.2);
        Assert.Equal(expected, KernelDensity.DefaultSearchRadius(points, [3.0, 1.0]), 9);
    }

    [Fact]
    public void Default_cell_size_is_the_shorter_extent_side_over_250()
    {
        var points = PlanarPoints.FromProjected([new(0, 0), new(5_000, 2_500), new(1_000, 1_000), new(4_000, 500)]);
        var grid = KernelDensity.Estimate(points, options: new KernelDensityOptions(SearchRadius: 800));
        Assert.Equal(10, grid.CellSize);
        Assert.Equal(500, grid.Columns);
        Assert.Equal(250, grid.Rows);
    }

    [Fact]
    public void Doubling_every_weight_doubles_the_surface()
    {
        var points = PlanarPoints.FromProjected([new(0, 0), new(300, 100), new(200, 500)]);
        var options = new KernelDensityOptions(SearchRadius: 250, CellSize: 20);
        var once = KernelDensity.Estimate(points, [1.0, 2.0, 1.0], options).Values.ToArray();
        var twice = KernelDensity.Estimate(points, [2.0, 4.0, 2.0], options).Values.ToArray();
        Assert.Equal(once.Select(v => 2 * v), twice);
    }

    [Fact]
    public void Lon_lat_incidents_are_projected_and_the_grid_keeps_the_projection()
    {
        var wgs84 = new GeometryFactory(new PrecisionModel(), 4326);
        var incidents = new[] { new Coordinate(105.15, 9.18), new Coordinate(105.16, 9.19), new Coordinate(105.155, 9.17), new Coordinate(105.2, 9.2) }
            .Select(c => (Geometry)wgs84.CreatePoint(c)).ToArray();
        Assert.Throws<GeographicCoordinatesException>(() => PlanarPoints.FromProjectedGeometries(incidents));
        var points = PlanarPoints.FromGeographic(incidents);
        var grid = KernelDensity.Estimate(points);
        Assert.NotNull(grid.Projection);
        for (var i = 0; i < incidents.Length; i++)
        {
            var back = grid.Projection!.Inverse(points.X[i], points.Y[i]);
            Assert.True(Math.Abs(back.X - incidents[i].Coordinate.X) < 1e-9 && Math.Abs(back.Y - incidents[i].Coordinate.Y) < 1e-9);
        }
        Assert.True(grid.SearchRadius is > 100 and < 10_000, $"radius {grid.SearchRadius} m");
    }

    [Fact]
    public void All_incidents_at_one_place_need_an_explicit_radius()
    {
        var points = PlanarPoints.FromProjected([new(10, 10), new(10, 10)]);
        Assert.Throws<ArgumentException>(() => KernelDensity.Estimate(points));
        var grid = KernelDensity.Estimate(points, options: new KernelDensityOptions(SearchRadius: 100, CellSize: 5));
        Assert.InRange(grid.Total, 1.99, 2.01);
    }
}
