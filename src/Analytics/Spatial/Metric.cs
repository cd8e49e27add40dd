using NetTopologySuite.Geometries;

namespace DiaBan.Analytics.Spatial;

/// <summary>Raised when degrees would be used where metres are required.</summary>
public sealed class GeographicCoordinatesException(string message) : InvalidOperationException(message);

/// <summary>
/// The guard that keeps degrees and metres apart: distance-based weights and KDE accept only projected coordinates.
/// A geometry counts as geographic when its SRID is a geographic CRS, or when it has no SRID and every coordinate
/// lies within ±180/±90 (then the caller must say what it is: project it, or pass coordinates it vouches for).
/// </summary>
public static class Metric
{
    // WGS 84, VN-2000 geographic, NAD27, NAD83, ETRS89, GDA94, GRS 80, CRS84-like codes met in practice.
    private static readonly HashSet<int> GeographicSrids = [4326, 4756, 4267, 4269, 4258, 4283, 4019, 4030, 4979, 4937, 4230, 4322];

    /// <summary>True when the SRID is a known geographic (degrees) CRS.</summary>
    public static bool IsGeographicSrid(int srid) => GeographicSrids.Contains(srid);

    /// <summary>Throws <see cref="GeographicCoordinatesException"/> unless the geometries are in a projected (metric) CRS.</summary>
    public static void RequireProjected(IReadOnlyList<Geometry> geometries)
    {
        var envelope = new Envelope();
        foreach (var g in geometries)
        {
            if (IsGeographicSrid(g.SRID))
                throw new GeographicCoordinatesException(
                    $"Tọa độ địa lý (SRID {g.SRID}, đơn vị độ) không dùng được cho khoảng cách; hãy chiếu sang hệ mét trước " +
                    "(PlanarPoints.FromGeographic / LocalProjection). Geographic coordinates (degrees) cannot be used for distances: project them first.");
            if (g.SRID == 0) envelope.ExpandToInclude(g.EnvelopeInternal);
        }
        if (!envelope.IsNull && LooksLikeLonLat(envelope))
            throw new GeographicCoordinatesException(
                "Tọa độ không có SRID và nằm trong khoảng kinh/vĩ độ; hãy gán SRID của hệ chiếu hoặc dùng PlanarPoints.FromGeographic. " +
                "Coordinates without an SRID look like longitude/latitude: set the projected SRID or use PlanarPoints.FromGeographic.");
    }

    /// <summary>Throws unless the envelope is a valid longitude/latitude range (used before projecting).</summary>
    public static void RequireLonLatRange(Envelope envelope)
    {
        if (!LooksLikeLonLat(envelope))
            throw new ArgumentException("Coordinates are outside the longitude/latitude range; they are not degrees. Tọa độ không phải kinh/vĩ độ.");
    }

    private static bool LooksLikeLonLat(Envelope e) => e.MinX >= -180 && e.MaxX <= 180 && e.MinY >= -90 && e.MaxY <= 90;
}
