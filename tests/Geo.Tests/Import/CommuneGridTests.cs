using DiaBan.Geo.Import;
using NetTopologySuite.Geometries;
using NetTopologySuite.Triangulate;

namespace DiaBan.Geo.Tests.Import;

/// <summary>
/// The commune grid answers exactly as the STRtree + point-in-polygon rule it shortcuts (<c>ST_Covers</c>, the lowest id
/// of the communes valid on the date): over random points, every vertex and edge midpoint of every boundary (points on
/// shared borders), points on the grid's own cell edges, in holes, in overlaps, in communes smaller than a grid cell, and
/// on dates before, inside and after a boundary change.
/// </summary>
public sealed class CommuneGridTests
{
    private static readonly GeometryFactory Gf = new(new PrecisionModel(), 4326);
    private static readonly DateOnly Change = new(2025, 7, 1);
    internal static readonly DateOnly[] Dates = [new(2019, 5, 1), Change.AddDays(-1), Change, new(2026, 1, 1)];

    internal static List<(int Id, DateOnly From, DateOnly? To, Geometry Area)> Communes()
    {
        var random = new Random(11);
        var region = Gf.ToGeometry(new Envelope(105.03, 106.21, 9.47, 10.53));
        var sites = Enumerable.Range(0, 80).Select(_ => new Coordinate(105 + random.NextDouble() * 1.3, 9.4 + random.NextDouble() * 1.2)).ToList();
        var voronoi = new VoronoiDiagramBuilder { ClipEnvelope = region.EnvelopeInternal };
        voronoi.SetSites(sites);
        var diagram = voronoi.GetDiagram(Gf);
        var cells = Enumerable.Range(0, diagram.NumGeometries).Select(diagram.GetGeometryN).Select(g => g.Intersection(region)).Where(g => !g.IsEmpty).ToList();
        var communes = new List<(int Id, DateOnly From, DateOnly? To, Geometry Area)>();
        var id = 500;
        // ids not in the order of the cells: the lowest id must win where two cover a point, whatever the input order
        foreach (var cell in cells.OrderBy(_ => random.Next()))
            communes.Add((id -= 3, new DateOnly(2015, 1, 1), (DateOnly?)null, cell));
        // a commune with a hole, and an island commune filling part of that hole
        var ring = Gf.CreatePolygon(Gf.CreateLinearRing([new(106.4, 9.6), new(106.8, 9.6), new(106.8, 10.0), new(106.4, 10.0), new(106.4, 9.6)]),
            [Gf.CreateLinearRing([new(106.5, 9.7), new(106.7, 9.7), new(106.6, 9.9), new(106.5, 9.7)])]);
        communes.Add((1000, new DateOnly(2015, 1, 1), (DateOnly?)null, ring));
        communes.Add((1001, new DateOnly(2015, 1, 1), (DateOnly?)null, Gf.CreatePolygon([new(106.55, 9.75), new(106.65, 9.75), new(106.6, 9.85), new(106.55, 9.75)])));
        // an overlap of two real boundaries: a lower id over part of two cells
        communes.Add((7, new DateOnly(2015, 1, 1), (DateOnly?)null, Gf.ToGeometry(new Envelope(105.5, 105.6123, 9.9, 10.01))));
        // communes smaller than a fine cell (1/512°), one on a cell corner
        communes.Add((8, new DateOnly(2015, 1, 1), (DateOnly?)null, Gf.ToGeometry(new Envelope(105.70001, 105.7003, 10.2001, 10.2004))));
        communes.Add((9, new DateOnly(2015, 1, 1), (DateOnly?)null, Gf.ToGeometry(new Envelope(105.75 - 0.0003, 105.75 + 0.0003, 10.25 - 0.0003, 10.25 + 0.0003))));
        // a boundary change: one commune until the change, split into two after it (a MultiPolygon among them)
        var old = Gf.ToGeometry(new Envelope(106.3, 106.9, 10.1, 10.5));
        communes.Add((2000, new DateOnly(2015, 1, 1), Change, old));
        communes.Add((2001, Change, (DateOnly?)null, Gf.CreateMultiPolygon([
            (Polygon)Gf.ToGeometry(new Envelope(106.3, 106.6, 10.1, 10.5)), (Polygon)Gf.ToGeometry(new Envelope(106.95, 107.0, 10.1, 10.2))])));
        communes.Add((2002, Change, (DateOnly?)null, Gf.ToGeometry(new Envelope(106.6, 106.9, 10.1, 10.5))));
        return communes;
    }

    internal static IEnumerable<Coordinate> Points(List<(int Id, DateOnly From, DateOnly? To, Geometry Area)> communes)
    {
        var random = new Random(3);
        for (var i = 0; i < 200_000; i++) yield return new Coordinate(104.9 + random.NextDouble() * 2.2, 9.3 + random.NextDouble() * 1.4);
        foreach (var (_, _, _, area) in communes)
            foreach (var ring in Enumerable.Range(0, area.NumGeometries).Select(area.GetGeometryN).Cast<Polygon>().SelectMany(p => new[] { p.ExteriorRing }.Concat(p.InteriorRings)))
            {
                var c = ring.Coordinates;
                for (var i = 0; i + 1 < c.Length; i++)
                {
                    yield return c[i];
                    yield return new Coordinate((c[i].X + c[i + 1].X) / 2, (c[i].Y + c[i + 1].Y) / 2);
                    yield return new Coordinate(c[i].X + (c[i + 1].X - c[i].X) / 3, c[i].Y + (c[i + 1].Y - c[i].Y) / 3);
                }
            }
        // points on the grid's own cell edges and corners
        for (var i = 0; i < 20_000; i++)
            yield return new Coordinate(Math.Round((104.9 + random.NextDouble() * 2.2) * 512) / 512, Math.Round((9.3 + random.NextDouble() * 1.4) * 512) / 512);
        yield return new Coordinate(1e300, -1e300);
    }

    [Fact]
    public void The_grid_gives_every_point_the_commune_the_polygon_tests_give()
    {
        var communes = Communes();
        var locator = CommuneLocator.Of(communes);
        var (split, lists) = locator.BuildGrid();
        Assert.True(split > 100, $"{split} cells split into fine cells");
        Assert.True(lists > 50, $"{lists} candidate lists");
        int compared = 0, located = 0, onBorders = 0;
        var differing = new List<string>();
        foreach (var p in Points(communes))
            foreach (var on in Dates)
            {
                var expected = locator.LocateByTree(p.X, p.Y, on);
                var actual = locator.Locate(p.X, p.Y, on);
                compared++;
                if (expected is not null) located++;
                if (!double.IsNaN(p.X) && locator.LocateAll(p.X, p.Y, on).Count() > 1) onBorders++;
                if (expected != actual && differing.Count < 20) differing.Add($"({p.X:R}, {p.Y:R}) on {on}: tree {expected}, grid {actual}");
            }
        Assert.Empty(differing);
        Assert.True(located > compared / 2, $"{located} of {compared} located");
        Assert.True(onBorders > 1000, $"{onBorders} points covered by several communes");
    }

    [Fact]
    public void Lowest_id_wins_on_a_shared_border_and_in_an_overlap_and_the_date_picks_the_version()
    {
        var locator = CommuneLocator.Of(Communes());
        // the overlap commune 7 (lowest id) wins inside it
        Assert.Equal(7, locator.Locate(105.55, 9.95, Dates[0]));
        // the hole is not the holed commune's; the island fills part of it
        Assert.Null(locator.Locate(106.52, 9.72, Dates[0]));
        Assert.Equal(1001, locator.Locate(106.6, 9.8, Dates[0]));
        Assert.Equal(1000, locator.Locate(106.45, 9.65, Dates[0]));
        // before the change the old commune, after it each part; the shared edge goes to the lower id
        Assert.Equal(2000, locator.Locate(106.7, 10.3, Change.AddDays(-1)));
        Assert.Equal(2002, locator.Locate(106.7, 10.3, Change));
        Assert.Equal(2001, locator.Locate(106.6, 10.3, Change));
        Assert.Equal(2001, locator.Locate(106.97, 10.15, Change));
        Assert.Null(locator.Locate(106.97, 10.15, Dates[0]));
        // a commune smaller than a grid cell
        Assert.Equal(8, locator.Locate(105.7002, 10.2002, Dates[0]));
        Assert.Equal(9, locator.Locate(105.75, 10.25, Dates[0]));
    }
}
