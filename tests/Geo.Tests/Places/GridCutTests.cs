using DiaBan.Geo.Services;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace DiaBan.Geo.Tests.Places;

/// <summary>
/// The cut that tests only the squares the boundary may touch (the rest classified by their centre) gives exactly the
/// pieces of the cut that tests every square against the prepared commune — on shapes whose boundary runs along grid
/// lines, through square corners, around holes and over several parts (the cases a marking error would show).
/// </summary>
public class GridCutTests
{
    private const int Srid = 32648;

    public static TheoryData<string, int> Shapes => new()
    {
        // boundary exactly on grid lines (every edge square touches it from inside)
        { "POLYGON ((600000 1200000, 602000 1200000, 602000 1201500, 600000 1201500, 600000 1200000))", 500 },
        // a diamond through square corners, with a hole whose edges lie on grid lines
        { "POLYGON ((601000 1200000, 602000 1201000, 601000 1202000, 600000 1201000, 601000 1200000), (600750 1200750, 601250 1200750, 601250 1201250, 600750 1201250, 600750 1200750))", 250 },
        // two parts, one a thin sliver along a grid line, one concave with a vertical and a horizontal edge off the grid
        { "MULTIPOLYGON (((600000 1200000, 600000.4 1200000, 600000.4 1203000, 600000 1203000, 600000 1200000)), ((600100 1200100, 603333 1200100, 603333 1202900, 601777 1202900, 601777 1201111, 600100 1201111, 600100 1200100)))", 195 },
        // an irregular polygon with many short and long, slanted edges
        { "POLYGON ((600013 1200007, 601234 1200321, 603001 1199987, 603500 1201777, 602222 1203333, 601500 1202000, 600600 1203100, 599950 1201500, 600013 1200007))", 97 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Marking_the_border_gives_the_pieces_of_testing_every_square(string wkt, int size)
    {
        var geometry = new WKTReader().Read(wkt);
        geometry.SRID = Srid;
        var commune = new GridCommune(1, new DateOnly(2020, 1, 1), null, Srid, geometry);

        var marked = GridBuilder.Cut([commune], size);
        var tested = GridBuilder.Cut([commune], size, markBorder: false);

        Assert.NotEmpty(tested);
        Assert.Equal(tested.Length, marked.Length);
        for (var k = 0; k < tested.Length; k++)
        {
            Assert.Equal((tested[k].I, tested[k].J), (marked[k].I, marked[k].J));
            Assert.Equal(tested[k].AreaShare, marked[k].AreaShare);
            Assert.Equal((tested[k].X, tested[k].Y), (marked[k].X, marked[k].Y));
            Assert.True(tested[k].Piece.EqualsExact(marked[k].Piece), $"square ({tested[k].I}, {tested[k].J}) differs");
        }
        // the pieces make up the shape, less the slivers under GridBuilder.MinPieceAreaM2 left out at a few vertices
        Assert.InRange(geometry.Area - tested.Sum(p => p.Piece.Area), -1e-3, 10 * GridBuilder.MinPieceAreaM2);
    }
}
