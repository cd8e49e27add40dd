using NetTopologySuite.Geometries;

namespace DiaBan.Analytics.Statistics.Runs;

/// <summary>What the coordinates of a layer are: WGS 84 longitude/latitude, or planar in unknown units (a Shapefile without .prj).</summary>
public enum LayerCoordinates
{
    LonLat,
    Planar,
}

/// <summary>The units a statistic runs on: one geometry per unit (polygons or points), in input order.</summary>
public sealed record StatisticsLayer(IReadOnlyList<Geometry> Geometries, LayerCoordinates Coordinates)
{
    public int Count => Geometries.Count;
}
