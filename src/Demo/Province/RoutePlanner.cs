using NetTopologySuite.Geometries;
using NetTopologySuite.LinearReferencing;

namespace DiaBan.Demo.Province;

/// <summary>
/// Two simulated key route corridors: an inter-provincial highway through the main town, crossing the province, and an
/// intra-provincial road from the main town to the farthest district town. Lines gently meander and are clipped to
/// the province.
/// </summary>
internal static class RoutePlanner
{
    public static IReadOnlyList<DemoRoute> Plan(DemoBoundaries boundaries, LocalMetricFrame frame, Random random)
    {
        var province = frame.ToMetres(boundaries.Province);
        var city = frame.ToMetres(boundaries.CityCentre.X, boundaries.CityCentre.Y);
        var extent = Math.Max(province.EnvelopeInternal.Width, province.EnvelopeInternal.Height);
        var routes = new List<DemoRoute>();

        var angle = random.Uniform(0, Math.PI);
        var direction = new Coordinate(Math.Cos(angle), Math.Sin(angle));
        var highway = Meander(new Coordinate(city.X - direction.X * extent, city.Y - direction.Y * extent),
            new Coordinate(city.X + direction.X * extent, city.Y + direction.Y * extent), 2_000, random);
        if (Clip(highway, province, city) is { } highwayLine)
        {
            routes.Add(new DemoRoute
            {
                Code = "T01", Name = "Tuyến liên tỉnh Quốc lộ 1 (mô phỏng)", Scope = RouteScope.InterProvincial,
                Line = (LineString)frame.ToLonLat(highwayLine), BufferMetres = 1_000,
            });
        }

        var towns = boundaries.PreMerger.Where(u => u.Kind == DemoUnitKind.ThiTran).ToArray();
        IReadOnlyList<DemoUnit> candidates = towns.Length > 0 ? towns : boundaries.PreMerger;
        var farthest = candidates
            .Select(u => frame.ToMetres(u.Geometry.InteriorPoint.X, u.Geometry.InteriorPoint.Y))
            .OrderByDescending(c => c.Distance(city)).First();
        var road = Meander(city, farthest, 1_000, random);
        if (Clip(road, province, city) is { } roadLine)
        {
            routes.Add(new DemoRoute
            {
                Code = "T02", Name = "Tuyến nội tỉnh Đường tỉnh 983 (mô phỏng)", Scope = RouteScope.IntraProvincial,
                Line = (LineString)frame.ToLonLat(roadLine), BufferMetres = 500,
            });
        }
        return routes;
    }

    // a straight line bent by one sine wave across its length, vertices every ~500 m
    private static LineString Meander(Coordinate from, Coordinate to, double amplitude, Random random)
    {
        var length = from.Distance(to);
        double ux = (to.X - from.X) / length, uy = (to.Y - from.Y) / length;
        var waves = Math.Max(1, Math.Round(length / 30_000));
        var phase = random.Uniform(0, 2 * Math.PI);
        var steps = Math.Max(2, (int)(length / 500));
        var coordinates = Enumerable.Range(0, steps + 1).Select(i =>
        {
            var t = (double)i / steps;
            var offset = amplitude * Math.Sin(2 * Math.PI * waves * t + phase) * Math.Sin(Math.PI * t);
            return new Coordinate(from.X + ux * length * t - uy * offset, from.Y + uy * length * t + ux * offset);
        }).ToArray();
        return new GeometryFactory().CreateLineString(coordinates);
    }

    // the part inside the province that passes closest to the main town (longest on ties)
    private static LineString? Clip(LineString line, Geometry province, Coordinate city)
    {
        var inside = line.Intersection(province);
        var parts = Enumerable.Range(0, inside.NumGeometries).Select(inside.GetGeometryN).OfType<LineString>()
            .Where(l => l.Length > 1_000).ToArray();
        var cityPoint = line.Factory.CreatePoint(city);
        return parts.OrderBy(p => Math.Round(p.Distance(cityPoint))).ThenByDescending(p => p.Length).FirstOrDefault();
    }

    /// <summary>Whether a unit's polygon comes within a route's buffer ("on the key route").</summary>
    public static bool Touches(DemoUnit unit, IReadOnlyList<(DemoRoute Route, LineString Metres)> routes, LocalMetricFrame frame)
    {
        var metres = frame.ToMetres(unit.Geometry);
        return routes.Any(r => metres.IsWithinDistance(r.Metres, r.Route.BufferMetres));
    }

    /// <summary>A point along the route (given in metres), offset across it by a normal spread of a quarter of the buffer.</summary>
    public static Coordinate PointNear(LineString line, double bufferMetres, LocalMetricFrame frame, Random random)
    {
        var along = new LengthIndexedLine(line);
        var position = random.Uniform(0, line.Length);
        var at = along.ExtractPoint(position);
        var ahead = along.ExtractPoint(Math.Min(line.Length, position + 10));
        var behind = along.ExtractPoint(Math.Max(0, position - 10));
        double dx = ahead.X - behind.X, dy = ahead.Y - behind.Y;
        var norm = Math.Sqrt(dx * dx + dy * dy);
        var offset = Math.Clamp(random.Normal(0, bufferMetres / 4), -bufferMetres, bufferMetres);
        var lonLat = frame.ToLonLat(at.X - dy / norm * offset, at.Y + dx / norm * offset);
        return CellLocator.Round(lonLat.X, lonLat.Y);
    }
}
