using DiaBan.Analytics.Spatial;
using NetTopologySuite.Geometries;

namespace DiaBan.Analytics.Tests.Spatial;

public class ContiguityTests
{
    private static readonly GeometryFactory Factory = new();

    [Theory]
    [InlineData("columbus")]
    [InlineData("sids")]
    [InlineData("ca_mau")]
    public void Queen_neighbours_equal_spdep_poly2nb_queen(string layer)
    {
        var expected = Reference.Load(layer).GetProperty("queen").NeighbourLists();
        var weights = ContiguityBuilder.Queen(Reference.Geometries(layer), islandPolicy: IslandPolicy.ZeroLag);
        AssertSameLists(expected, weights);
    }

    [Theory]
    [InlineData("columbus")]
    [InlineData("sids")]
    [InlineData("ca_mau")]
    public void Rook_neighbours_equal_spdep_poly2nb_rook(string layer)
    {
        var expected = Reference.Load(layer).GetProperty("rook").NeighbourLists();
        var weights = ContiguityBuilder.Rook(Reference.Geometries(layer), islandPolicy: IslandPolicy.ZeroLag);
        AssertSameLists(expected, weights);
    }

    [Fact]
    public void Ca_Mau_simplified_communes_differ_between_queen_and_rook_and_rook_is_contained_in_queen()
    {
        var polygons = Reference.Geometries("ca_mau");
        var queen = ContiguityBuilder.Queen(polygons);
        var rook = ContiguityBuilder.Rook(polygons);
        Assert.True(rook.LinkCount < queen.LinkCount);
        for (var i = 0; i < polygons.Count; i++)
        {
            Assert.Subset(queen.Neighbours(i).ToArray().ToHashSet(), rook.Neighbours(i).ToArray().ToHashSet());
        }
        Assert.True(queen.IsSymmetric());
    }

    [Fact]
    public void Diagonal_cells_of_a_two_by_two_grid_are_queen_but_not_rook_neighbours()
    {
        // cells: 0 = SW, 1 = SE, 2 = NW, 3 = NE; 0 and 3 meet only at the centre point
        var cells = new[] { Square(0, 0), Square(1, 0), Square(0, 1), Square(1, 1) };
        var queen = ContiguityBuilder.Queen(cells);
        var rook = ContiguityBuilder.Rook(cells);
        Assert.Equal([1, 2, 3], queen.Neighbours(0).ToArray());
        Assert.Equal([1, 2], rook.Neighbours(0).ToArray());
        Assert.Equal([0, 1, 2], queen.Neighbours(3).ToArray());
        Assert.Equal([1, 2], rook.Neighbours(3).ToArray());
    }

    [Fact]
    public void Vertices_closer_than_the_snap_distance_count_as_shared_and_farther_ones_do_not()
    {
        var left = Square(0, 0);
        var right = Factory.CreatePolygon([new(1 + 1e-9, 0), new(2, 0), new(2, 1), new(1 + 1e-9, 1), new(1 + 1e-9, 0)]);
        var apart = Factory.CreatePolygon([new(1 + 1e-6, 0), new(2, 0), new(2, 1), new(1 + 1e-6, 1), new(1 + 1e-6, 0)]);
        Assert.Equal([1], ContiguityBuilder.Rook([left, right]).Neighbours(0).ToArray());
        Assert.Empty(ContiguityBuilder.Queen([left, apart], islandPolicy: IslandPolicy.ZeroLag).Neighbours(0).ToArray());
        Assert.Equal([1], ContiguityBuilder.Rook([left, apart], snap: 1e-5).Neighbours(0).ToArray());
    }

    [Fact]
    public void Separate_island_commune_is_reported_as_an_island()
    {
        var cells = new[] { Square(0, 0), Square(1, 0), Square(5, 5) };
        var queen = ContiguityBuilder.Queen(cells, islandPolicy: IslandPolicy.Exclude);
        Assert.Equal([2], queen.Islands);
        Assert.Equal(IslandPolicy.Exclude, queen.IslandPolicy);
    }

    [Fact]
    public void Points_are_rejected_for_contiguity()
    {
        Assert.Throws<ArgumentException>(() => ContiguityBuilder.Queen([Square(0, 0), Factory.CreatePoint(new Coordinate(3, 3))]));
    }

    internal static Polygon Square(double x, double y) =>
        Factory.CreatePolygon([new(x, y), new(x + 1, y), new(x + 1, y + 1), new(x, y + 1), new(x, y)]);

    internal static void AssertSameLists(int[][] expected, SpatialWeights weights)
    {
        Assert.Equal(expected.Length, weights.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(expected[i].SequenceEqual(weights.Neighbours(i).ToArray()),
                $"unit {i}: spdep [{string.Join(",", expected[i])}] vs ours [{string.Join(",", weights.Neighbours(i).ToArray())}]");
        }
    }
}
