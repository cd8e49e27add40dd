using NetTopologySuite.Geometries;

namespace DiaBan.Analytics.Spatial;

/// <summary>
/// Point locations in a planar CRS (metres), the only input distance-based weights and KDE accept — so a layer in
/// degrees must be projected on the way in (<see cref="FromGeographic"/>) and degrees never mix with metres.
/// Polygons are represented by their centroid computed in the plane.
/// </summary>
public sealed class PlanarPoints
{
    private readonly double[] _x;
    private readonly double[] _y;

    private PlanarPoints(double[] x, double[] y, LocalProjection? projection)
    {
        _x = x;
        _y = y;
        Projection = projection;
    }

    public int Count => _x.Length;

    public ReadOnlySpan<double> X => _x;

    public ReadOnlySpan<double> Y => _y;

    /// <summary>The projection used by <see cref="FromGeographic"/> (null when the input was already planar).</summary>
    public LocalProjection? Projection { get; }

    public Coordinate this[int index] => new(_x[index], _y[index]);

    /// <summary>Coordinates the caller vouches are planar (e.g. metres of VN-2000 TM-3 or UTM); no check is possible.</summary>
    public static PlanarPoints FromProjected(IReadOnlyList<Coordinate> coordinates)
    {
        var x = new double[coordinates.Count];
        var y = new double[coordinates.Count];
        for (var i = 0; i < coordinates.Count; i++)
        {
            x[i] = coordinates[i].X;
            y[i] = coordinates[i].Y;
            if (!double.IsFinite(x[i]) || !double.IsFinite(y[i])) throw new ArgumentException($"Point {i} has a non-finite coordinate.", nameof(coordinates));
        }
        return new PlanarPoints(x, y, null);
    }

    /// <summary>Points or polygon centroids of geometries in a projected CRS; refuses geographic ones (<see cref="Metric"/>).</summary>
    public static PlanarPoints FromProjectedGeometries(IReadOnlyList<Geometry> geometries)
    {
        Metric.RequireProjected(geometries);
        return FromProjected(geometries.Select(Representative).ToArray());
    }

    /// <summary>Lon/lat geometries projected with <paramref name="projection"/> (default: centred on the layer), then points or planar centroids.</summary>
    public static PlanarPoints FromGeographic(IReadOnlyList<Geometry> lonLatGeometries, LocalProjection? projection = null)
    {
        var envelope = new Envelope();
        foreach (var g in lonLatGeometries) envelope.ExpandToInclude(g.EnvelopeInternal);
        Metric.RequireLonLatRange(envelope);
        projection ??= LocalProjection.Around(lonLatGeometries);
        var coordinates = lonLatGeometries.Select(g => Representative(projection.Project(g))).ToArray();
        var points = FromProjected(coordinates);
        return new PlanarPoints(points._x, points._y, projection);
    }

    /// <summary>Lon/lat geometries projected by a caller-supplied transform to metres (e.g. WGS 84 → VN-2000 TM-3 from DiaBan.Geo).</summary>
    public static PlanarPoints FromGeographic(IReadOnlyList<Geometry> lonLatGeometries, Func<Coordinate, Coordinate> toMetres)
    {
        var coordinates = lonLatGeometries.Select(g => Representative(CoordinateMapFilter.Apply(g, toMetres))).ToArray();
        return FromProjected(coordinates);
    }

    private static Coordinate Representative(Geometry geometry)
    {
        if (geometry.IsEmpty) throw new ArgumentException("Empty geometry has no location.");
        return geometry is Point point ? point.Coordinate : geometry.Centroid.Coordinate;
    }
}
