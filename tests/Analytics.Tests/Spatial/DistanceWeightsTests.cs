using DiaBan.Analytics.Spatial;
using NetTopologySuite.Geometries;

namespace DiaBan.Analytics.Tests.Spatial;

public class DistanceWeightsTests
{
    [Fact]
    public void Columbus_centroids_and_their_four_nearest_neighbours_equal_spdep_knearneigh()
    {
        var reference = Reference.Load("columbus");
        var points = PlanarPoints.FromProjected(Reference.Geometries("columbus").Select(g => g.Centroid.Coordinate).ToArray());
        var expectedCentroids = reference.GetProperty("centroids").Matrix();
        for (var i = 0; i < points.Count; i++)
        {
            Approx.Equal(expectedCentroids[i][0], points.X[i], 1e-12, $"x[{i}]");
            Approx.Equal(expectedCentroids[i][1], points.Y[i], 1e-12, $"y[{i}]");
        }
        var knn = KNearest.Build(points, reference.GetProperty("knn_k").GetInt32());
        ContiguityTests.AssertSameLists(reference.GetProperty("knn").NeighbourLists(), knn);
        Assert.False(knn.IsSymmetric());
    }

    [Fact]
    public void Ca_Mau_projected_centroids_and_six_nearest_neighbours_equal_spdep_on_the_same_tmerc()
    {
        var reference = Reference.Load("ca_mau");
        var points = PlanarPoints.FromGeographic(Reference.Geometries("ca_mau"));
        Assert.NotNull(points.Projection);
        Approx.Equal(reference.Number("lon_0"), points.Projection!.CentralMeridian, 1e-15, "lon_0");
        Approx.Equal(reference.Number("lat_0"), points.Projection.LatitudeOfOrigin, 1e-15, "lat_0");
        var expectedCentroids = reference.GetProperty("centroids").Matrix();
        for (var i = 0; i < points.Count; i++)
        {
            Assert.True(Math.Abs(expectedCentroids[i][0] - points.X[i]) < 1e-3, $"easting {i}: {expectedCentroids[i][0]} vs {points.X[i]}");
            Assert.True(Math.Abs(expectedCentroids[i][1] - points.Y[i]) < 1e-3, $"northing {i}: {expectedCentroids[i][1]} vs {points.Y[i]}");
        }
        var knn = KNearest.Build(points, reference.GetProperty("knn_k").GetInt32());
        ContiguityTests.AssertSameLists(reference.GetProperty("knn").NeighbourLists(), knn);
    }

    [Theory]
    [InlineData("columbus")]
    [InlineData("ca_mau")]
    public void Distance_band_equals_spdep_dnearneigh_including_its_islands(string layer)
    {
        var reference = Reference.Load(layer);
        var points = layer == "ca_mau"
            ? PlanarPoints.FromGeographic(Reference.Geometries(layer))
            : PlanarPoints.FromProjected(Reference.Geometries(layer).Select(g => g.Centroid.Coordinate).ToArray());
        var band = DistanceBand.Build(points, reference.Number("band_threshold"), IslandPolicy.ZeroLag);
        var expected = reference.GetProperty("band").NeighbourLists();
        ContiguityTests.AssertSameLists(expected, band);
        Assert.Equal(Enumerable.Range(0, expected.Length).Where(i => expected[i].Length == 0), band.Islands);
        Assert.True(band.IsSymmetric());
    }

    [Fact]
    public void A_pair_exactly_at_the_threshold_is_linked()
    {
        // 3-4-5 triangle: the distance 5 is exact in floating point
        var points = PlanarPoints.FromProjected([new Coordinate(0, 0), new Coordinate(3, 4), new Coordinate(20, 0)]);
        var band = DistanceBand.Build(points, 5.0, IslandPolicy.ZeroLag);
        Assert.Equal([1], band.Neighbours(0).ToArray());
        Assert.Equal([0], band.Neighbours(1).ToArray());
        Assert.Equal([2], band.Islands);
        Assert.Empty(DistanceBand.Build(points, 4.999999, IslandPolicy.ZeroLag).Neighbours(0).ToArray());
    }

    [Fact]
    public void Nearest_neighbour_ties_go_to_the_lower_index()
    {
        var points = PlanarPoints.FromProjected([new Coordinate(0, 0), new Coordinate(1, 0), new Coordinate(-1, 0), new Coordinate(0, 1), new Coordinate(5, 5)]);
        var knn = KNearest.Build(points, 2);
        Assert.Equal([1, 2], knn.Neighbours(0).ToArray());
    }

    [Fact]
    public void Minimum_connecting_threshold_leaves_no_island()
    {
        var points = PlanarPoints.FromGeographic(Reference.Geometries("ca_mau"));
        var threshold = DistanceBand.MinimumConnectingThreshold(points);
        Assert.Empty(DistanceBand.Build(points, threshold).Islands);
        Assert.NotEmpty(DistanceBand.Build(points, threshold * 0.999, IslandPolicy.ZeroLag).Islands);
    }
}
