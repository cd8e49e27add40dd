using DiaBan.Geo.Crs;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Operation.Valid;

namespace DiaBan.Geo.Import;

/// <summary>Turns a boundary geometry from a file into a valid WGS 84 MultiPolygon, repairing what can be repaired.</summary>
public static class BoundaryGeometry
{
    private static readonly GeometryFactory Wgs84 = new(new PrecisionModel(), CoordinateSystems.Wgs84);

    public sealed record Outcome(MultiPolygon? Geometry, string? Error, bool Repaired);

    public static Outcome Prepare(Geometry? source, int epsg)
    {
        if (source is null || source.IsEmpty) return new(null, "missing or empty geometry / thiếu hình học", false);
        if (source is not (Polygon or MultiPolygon))
            return new(null, $"{source.GeometryType} is not a boundary (expected Polygon or MultiPolygon)", false);
        Geometry g;
        try
        {
            g = CoordinateSystems.ToWgs84(source, epsg);
        }
        catch (CoordinateException e)
        {
            return new(null, e.Message, false);
        }
        var repaired = false;
        if (!g.IsValid)
        {
            var reason = new IsValidOp(g).ValidationError;
            // GeometryFixer keeps all polygonal area (self-intersections split, rings re-noded), like ST_MakeValid
            g = GeometryFixer.Fix(g);
            repaired = true;
            if (g.IsEmpty || !g.IsValid)
                return new(null, $"invalid geometry could not be repaired: {reason?.Message} at {reason?.Coordinate}", true);
        }
        var polygons = Polygons(g);
        if (polygons.Count == 0) return new(null, "geometry has no area after repair / hình học không có diện tích", repaired);
        var multi = Wgs84.CreateMultiPolygon(polygons.Select(p => (Polygon)Wgs84.CreateGeometry(p)).ToArray());
        return new(multi, null, repaired);
    }

    private static List<Polygon> Polygons(Geometry g)
    {
        var list = new List<Polygon>();
        for (var i = 0; i < g.NumGeometries; i++)
        {
            switch (g.GetGeometryN(i))
            {
                case Polygon p when !p.IsEmpty: list.Add(p); break;
                case GeometryCollection c when c != g: list.AddRange(Polygons(c)); break;
            }
        }
        return list;
    }
}
