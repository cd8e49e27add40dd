using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;
using NetTopologySuite.Precision;
using NetTopologySuite.Triangulate;

namespace DiaBan.Demo.Province;

/// <summary>One pre-merger tile in local metres.</summary>
internal sealed record Tile(Coordinate Site, DemoUnitKind Kind, Geometry Geometry);

/// <summary>The synthetic province in local metres: an irregular mainland tiled by Voronoi cells, plus one island.</summary>
internal sealed record SyntheticLayout(Polygon Mainland, Polygon Island, Coordinate City, IReadOnlyList<Tile> Tiles);

/// <summary>
/// Builds a province-shaped irregular polygon and tiles it with Voronoi cells (NTS VoronoiDiagramBuilder) clipped to
/// it: dense small wards around a city, a few district towns, rural communes elsewhere. All overlay runs on a 1 mm
/// grid so neighbouring tiles share identical edges.
/// </summary>
internal static class SyntheticTiling
{
    public static readonly PrecisionModel Grid = new(1000.0);
    private static readonly GeometryFactory Metric = new(Grid);

    private const double ProvinceRadius = 30_000;
    private const int WardCount = 14;
    private const int TownCount = 5;

    public static SyntheticLayout Build(int preMergerUnitCount, Random random)
    {
        var mainland = Mainland(random);
        var island = Island(mainland, random);
        var locator = new IndexedPointInAreaLocator(mainland);
        bool Inside(Coordinate c, double margin) =>
            locator.Locate(c) == Location.Interior && mainland.Boundary.Distance(Metric.CreatePoint(c)) >= margin;

        var cityAngle = random.Uniform(0, 2 * Math.PI);
        var city = new Coordinate(0.35 * ProvinceRadius * Math.Cos(cityAngle), 0.35 * ProvinceRadius * Math.Sin(cityAngle));
        var sites = new List<(Coordinate Site, DemoUnitKind Kind)> { (city, DemoUnitKind.Phuong) };

        Scatter(sites, WardCount - 1, DemoUnitKind.Phuong, 1_300, random,
            () => Around(city, 4_500, random), c => Inside(c, 500));
        Scatter(sites, TownCount, DemoUnitKind.ThiTran, 14_000, random,
            () => InBox(mainland, random), c => Inside(c, 3_000) && c.Distance(city) >= 14_000);
        Scatter(sites, preMergerUnitCount - 1 - sites.Count, DemoUnitKind.Xa, 4_200, random,
            () => InBox(mainland, random), c => Inside(c, 300));

        var tiles = Voronoi(sites, mainland);
        tiles.Add(new Tile(island.Centroid.Coordinate, DemoUnitKind.Xa, Metric.CreateMultiPolygon([island])));
        return new SyntheticLayout(mainland, island, city, tiles);
    }

    // radius with a few random harmonics, stretched east–west: irregular but star-shaped, so always a simple polygon
    private static Polygon Mainland(Random random)
    {
        var phases = Enumerable.Range(0, 4).Select(_ => random.Uniform(0, 2 * Math.PI)).ToArray();
        var ring = new Coordinate[97];
        for (var i = 0; i < 96; i++)
        {
            var t = 2 * Math.PI * i / 96;
            var r = ProvinceRadius * (1 + 0.16 * Math.Sin(2 * t + phases[0]) + 0.09 * Math.Sin(3 * t + phases[1])
                                        + 0.05 * Math.Sin(5 * t + phases[2]) + 0.03 * Math.Sin(8 * t + phases[3]));
            ring[i] = new Coordinate(1.25 * r * Math.Cos(t), 0.85 * r * Math.Sin(t));
        }
        ring[96] = ring[0].Copy();
        return (Polygon)GeometryPrecisionReducer.Reduce(Metric.CreatePolygon(ring), Grid);
    }

    // a small island offshore, at least 2 km from the mainland
    private static Polygon Island(Polygon mainland, Random random)
    {
        var angle = random.Uniform(0, 2 * Math.PI);
        var direction = new Coordinate(Math.Cos(angle), Math.Sin(angle));
        var far = Metric.CreateLineString([new Coordinate(0, 0), new Coordinate(direction.X * 200_000, direction.Y * 200_000)]);
        var exit = far.Intersection(mainland.ExteriorRing).Coordinates.OrderByDescending(c => c.Distance(new Coordinate(0, 0))).First();
        for (var offset = 9_000.0; ; offset += 3_000)
        {
            var centre = new Coordinate(exit.X + direction.X * offset, exit.Y + direction.Y * offset);
            var ring = Enumerable.Range(0, 33).Select(i =>
            {
                var t = 2 * Math.PI * (i % 32) / 32;
                return new Coordinate(centre.X + 3_500 * Math.Cos(t), centre.Y + 2_200 * Math.Sin(t));
            }).ToArray();
            var island = (Polygon)GeometryPrecisionReducer.Reduce(Metric.CreatePolygon(ring), Grid);
            if (island.Distance(mainland) >= 2_000) return island;
        }
    }

    private static Coordinate Around(Coordinate centre, double radius, Random random)
    {
        var r = radius * Math.Sqrt(random.NextDouble());
        var t = random.Uniform(0, 2 * Math.PI);
        return new Coordinate(centre.X + r * Math.Cos(t), centre.Y + r * Math.Sin(t));
    }

    private static Coordinate InBox(Polygon polygon, Random random)
    {
        var e = polygon.EnvelopeInternal;
        return new Coordinate(random.Uniform(e.MinX, e.MaxX), random.Uniform(e.MinY, e.MaxY));
    }

    // dart throwing with a minimum spacing that relaxes when the area fills up
    private static void Scatter(List<(Coordinate Site, DemoUnitKind Kind)> sites, int count, DemoUnitKind kind, double spacing,
        Random random, Func<Coordinate> propose, Func<Coordinate, bool> accept)
    {
        var placed = 0;
        var failures = 0;
        while (placed < count)
        {
            var c = propose();
            c = new Coordinate(Grid.MakePrecise(c.X), Grid.MakePrecise(c.Y));
            if (accept(c) && sites.All(s => s.Site.Distance(c) >= spacing))
            {
                sites.Add((c, kind));
                placed++;
                failures = 0;
            }
            else if (++failures > 2_000)
            {
                spacing *= 0.95;
                failures = 0;
            }
        }
    }

    private static List<Tile> Voronoi(List<(Coordinate Site, DemoUnitKind Kind)> sites, Polygon mainland)
    {
        var builder = new VoronoiDiagramBuilder();
        builder.SetSites(sites.Select(s => s.Site).ToArray());
        var clip = mainland.EnvelopeInternal.Copy();
        clip.ExpandBy(20_000);
        builder.ClipEnvelope = clip;
        var cells = builder.GetDiagram(Metric);

        var cellBySite = new Dictionary<(double, double), Geometry>();
        for (var i = 0; i < cells.NumGeometries; i++)
        {
            var cell = cells.GetGeometryN(i);
            var site = (Coordinate)cell.UserData;
            cellBySite[(site.X, site.Y)] = cell;
        }

        return sites.Select(s =>
        {
            var clipped = OverlayNG.Overlay(cellBySite[(s.Site.X, s.Site.Y)], mainland, SpatialFunction.Intersection, Grid);
            return new Tile(s.Site, s.Kind, Polygons.ToMultiPolygon(clipped, Metric));
        }).ToList();
    }
}
