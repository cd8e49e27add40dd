using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;

namespace DiaBan.Demo.Province;

internal static class Polygons
{
    /// <summary>The polygonal part of an overlay result as a MultiPolygon (overlays may return Polygon or a collection).</summary>
    public static MultiPolygon ToMultiPolygon(Geometry geometry, GeometryFactory factory)
    {
        var polygons = PolygonExtracter.GetPolygons(geometry).Cast<Polygon>().Where(p => !p.IsEmpty).ToArray();
        return factory.CreateMultiPolygon(polygons);
    }
}
