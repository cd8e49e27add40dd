using DiaBan.Analytics.Spatial;
using DiaBan.Analytics.Statistics;
using DiaBan.Analytics.Statistics.Runs;
using NetTopologySuite.Geometries;

namespace DiaBan.Analytics.Tests.Statistics.Runs;

/// <summary>The pieces the CLI and the map share: the weights notation, the metres guard and the density cells.</summary>
public class RunsTests
{
    private static readonly GeometryFactory LonLat = new(new PrecisionModel(), 4326);

    [Theory]
    [InlineData("queen", WeightsKind.Queen, 0, 0)]
    [InlineData("ROOK", WeightsKind.Rook, 0, 0)]
    [InlineData("knn:6", WeightsKind.KNearest, 6, 0)]
    [InlineData("band:2500.5", WeightsKind.DistanceBand, 0, 2500.5)]
    public void Weights_are_written_as_users_type_them(string text, WeightsKind kind, int k, double metres)
    {
        var spec = WeightsSpec.Parse(text);
        Assert.Equal(new WeightsSpec(kind, k, metres), spec);
        Assert.Equal(spec, WeightsSpec.Parse(spec.ToString()));
    }

    [Theory]
    [InlineData("queen:1")]
    [InlineData("knn")]
    [InlineData("knn:0")]
    [InlineData("knn:2.5")]
    [InlineData("band:0")]
    [InlineData("band:NaN")]
    [InlineData("delaunay")]
    public void Unknown_or_incomplete_weights_are_refused(string text) =>
        Assert.Throws<FormatException>(() => WeightsSpec.Parse(text));

    [Fact]
    public void A_distance_band_on_lon_lat_units_measures_metres_not_degrees()
    {
        // three points on the equator 0.01° apart (≈ 1113 m): a 1200 m band links neighbours only, as degrees never could
        var layer = new StatisticsLayer([LonLat.CreatePoint(new Coordinate(105.00, 0)), LonLat.CreatePoint(new Coordinate(105.01, 0)), LonLat.CreatePoint(new Coordinate(105.02, 0))], LayerCoordinates.LonLat);
        var band = LayerWeights.Build(layer, WeightsSpec.Parse("band:1200"), IslandPolicy.Reject).Weights;
        Assert.Equal([1], band.Neighbours(0).ToArray());
        Assert.Equal([0, 2], band.Neighbours(1).ToArray());
        var planar = layer with { Coordinates = LayerCoordinates.Planar };
        Assert.Throws<GeographicCoordinatesException>(() => LayerWeights.Build(planar, WeightsSpec.Parse("band:1200"), IslandPolicy.Reject));
    }

    [Fact]
    public void Density_cells_hold_every_incident_and_lie_where_the_incidents_are()
    {
        // a 20 × 20 km square around the points, so every kernel (radius 2 km) falls inside the grid
        var points = new[] { (105.50, 10.00), (105.51, 10.01), (105.52, 10.00), (105.45, 9.97) }.Select(p => (Geometry)LonLat.CreatePoint(new Coordinate(p.Item1, p.Item2))).ToArray();
        var area = LonLat.CreatePolygon([new(105.4, 9.9), new(105.6, 9.9), new(105.6, 10.1), new(105.4, 10.1), new(105.4, 9.9)]);
        var grid = DensitySurface.Estimate(points, [area], searchRadius: 2000, maxColumns: 200);
        var cells = DensitySurface.Cells(grid, minimumShare: 0).ToList();
        Assert.InRange(cells.Sum(c => c.Expected), 4 * 0.995, 4 * 1.005);
        var peak = cells.MaxBy(c => c.DensityPerKm2)!;
        Assert.Equal(1.0, peak.ShareOfMaximum);
        Assert.True(peak.LonLat.Centroid.Distance(points[0]) < 0.03, "the peak lies among the clustered incidents");
        // a 50% cut keeps only cells at least half the peak
        Assert.All(DensitySurface.Cells(grid, 0.5), c => Assert.True(c.DensityPerKm2 >= 0.5 * peak.DensityPerKm2));
    }

    [Fact]
    public void Density_at_a_target_sums_the_quartic_kernels_of_the_sources()
    {
        var sources = PlanarPoints.FromProjected([new Coordinate(0, 0), new Coordinate(300, 400)]);
        var targets = PlanarPoints.FromProjected([new Coordinate(0, 0), new Coordinate(2000, 0)]);
        var density = DensitySurface.AtTargets(sources, [1, 2], targets, 1000);
        // d = 0 and d = 500 m: 3/(π h²)·(1 − d²/h²)², per m² → per km²
        var expected = (3 / (Math.PI * 1e6) * 1 + 2 * 3 / (Math.PI * 1e6) * Math.Pow(1 - 0.25, 2)) * 1e6;
        Assert.Equal(expected, density[0], 12);
        Assert.Equal(0, density[1]);
    }
}
