using NetTopologySuite.Geometries;

namespace DiaBan.Geo.Data;

/// <summary>A declared key complex drug route; a commune is on it when it intersects the corridor (line buffered by BufferM).</summary>
public class KeyRoute
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public RouteKind Kind { get; set; }
    public LineString Geom { get; set; } = null!;
    public double BufferM { get; set; } = 500;
    /// <summary>The `import routes` batch that wrote the row (null for routes seeded by the demo).</summary>
    public string? ImportBatch { get; set; }
}
