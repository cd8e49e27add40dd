using NetTopologySuite.Geometries;

namespace DiaBan.Analytics.Spatial;

/// <summary>
/// A polygon's boundary vertices as spdep poly2nb sees them: every ring's coordinates (shell then holes, part by part,
/// closing points included) minus the very first coordinate of the feature; kept sorted by x for a sweep.
/// </summary>
internal sealed class BoundaryVertices
{
    private readonly double[] _x;
    private readonly double[] _y;

    private BoundaryVertices(double[] x, double[] y, Envelope envelope)
    {
        _x = x;
        _y = y;
        Envelope = envelope;
    }

    public Envelope Envelope { get; }

    public static BoundaryVertices Of(Geometry geometry, int unit)
    {
        if (geometry is not (Polygon or MultiPolygon)) throw new ArgumentException($"Unit {unit}: contiguity needs Polygon or MultiPolygon, got {geometry.GeometryType}.");
        if (geometry.IsEmpty) throw new ArgumentException($"Unit {unit}: empty geometry.");
        var points = new List<Coordinate>();
        for (var p = 0; p < geometry.NumGeometries; p++)
        {
            var polygon = (Polygon)geometry.GetGeometryN(p);
            points.AddRange(polygon.Shell.Coordinates);
            foreach (var hole in polygon.Holes) points.AddRange(hole.Coordinates);
        }
        var kept = points.Skip(1).OrderBy(c => c.X).ToArray();
        var envelope = new Envelope();
        foreach (var c in kept) envelope.ExpandToInclude(c);
        return new BoundaryVertices(kept.Select(c => c.X).ToArray(), kept.Select(c => c.Y).ToArray(), envelope);
    }

    /// <summary>Number of vertex pairs within snap (counting stops at <paramref name="enough"/>), as spdep's polypoly.</summary>
    public int CountCoincident(BoundaryVertices other, double snap, int enough)
    {
        var count = 0;
        var start = 0;
        for (var a = 0; a < _x.Length; a++)
        {
            var x = _x[a];
            while (start < other._x.Length && other._x[start] < x - snap) start++;
            for (var b = start; b < other._x.Length && other._x[b] <= x + snap; b++)
            {
                var dx = x - other._x[b];
                var dy = _y[a] - other._y[b];
                if (Math.Abs(dx) > snap || Math.Abs(dy) > snap) continue;
                if (double.Hypot(dx, dy) <= snap && ++count >= enough) return count;
            }
        }
        return count;
    }
}
